//! Bytes + file name in, text + source description out.
//!
//! The decode step sniffs the format by content (not only by extension), decodes
//! text in any common Chinese encoding, reads `.docx` (with Word's automatic
//! numbering rendered), Word 97–2003 `.doc` (and `.wps` in that layout), Word XML,
//! RTF, saved web pages (.html, .mht) and HTML fragments, OpenDocument text (.odt),
//! spreadsheets (.xlsx / .et / .ods, each sheet's rows as table rows) and OFD (text
//! codes through the PDF paragraph restoration),
//! and refuses what it cannot read with a Chinese message that says why
//! and what to do. User-facing notes: docs/decode.md.
//!
//! Output text keeps paragraph structure: one paragraph per line. Table rows are
//! one line each, cells joined by [`CELL_SEP`] (` | `).
//!
//! PDF is special: extracting text from Chinese CID fonts needs pdf.js, which runs
//! outside this pure crate (in the browser, or through Node in the CLI; both use
//! `tools/pdf-items.mjs`). The caller hands the extracted pieces to
//! [`pdf::decode_pdf_json`] / [`pdf::decode_pdf_pages`] (or [`pdf::pdf_pages_to_text`]),
//! which restore paragraphs. [`decode`] on PDF bytes answers
//! [`DecodeError::PdfNeedsExtraction`].
//!
//! Work is bounded by counts and sizes ([`Limits`]), never by clocks: the crate
//! runs on wasm, where `Instant` panics.

mod doc;
mod docx;
mod html;
mod limits;
mod mojibake;
mod numbering;
mod odt;
mod ofd;
pub mod pdf;
mod repair;
mod rtf;
mod sheet;
mod sniff;
mod text;
pub use text::normalize_text;

mod xml;

pub use limits::Limits;
pub use pdf::{
    decode_pdf_json, decode_pdf_pages, pdf_error, pdf_pages_from_json, pdf_pages_to_text, PdfLine,
};
pub use sniff::{sniff, Format};

use crate::model::SourceInfo;
use std::fmt;

/// How the cells of one table row are joined on the row's line.
pub const CELL_SEP: &str = " | ";
/// A line break inside a table cell (U+2028 LINE SEPARATOR), so that a row stays
/// on one line.
pub const CELL_BREAK: &str = "\u{2028}";

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub source: SourceInfo,
}

/// Why a file could not be read. [`DecodeError::message`] is what users see.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// No bytes, or nothing but whitespace / an empty document.
    Empty,
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Anything else we cannot read; `what` is a Chinese clause.
    Unsupported {
        what: String,
    },
    /// Legacy binary office files (.doc, .wps, .et, .xls, .ppt): `what` names the format.
    LegacyOffice {
        what: String,
    },
    /// Password-protected document or PDF.
    Encrypted {
        what: String,
    },
    /// A PDF without a text layer (scanned pages).
    ScannedPdf,
    /// PDF bytes handed to the pure decoder: the text must be extracted with pdf.js first.
    PdfNeedsExtraction,
    /// Pictures: `what` names the image format.
    Image {
        what: String,
    },
    /// A zip (or other archive) that is not a Word document; `what` says what it is.
    Archive {
        what: String,
    },
    /// Zip bomb guards: too many entries, too much uncompressed data, abnormal ratio.
    ZipBomb {
        reason: String,
    },
    /// Too deep / too many elements / too much output: `what` says which limit.
    TooComplex {
        what: String,
    },
    /// A damaged container or XML; `what` says where.
    Corrupt {
        what: String,
    },
    /// Bytes that are not text in any encoding we know, and no known format.
    Binary,
    /// Text that was misread in another encoding and saved again, losing characters:
    /// `misread_as` names that encoding, `sample` shows a few of the garbled chars.
    Mojibake {
        misread_as: String,
        sample: String,
    },
}

impl DecodeError {
    /// The message shown to the user, in Chinese, with the reason and what to do.
    pub fn message(&self) -> String {
        match self {
            DecodeError::Empty => "文件为空:没有可分析的内容。请确认选择了正确的文件。".into(),
            DecodeError::TooLarge { bytes, limit } => format!(
                "文件过大({:.1} MB),超过 {:.0} MB 的上限:请拆分后再试,或只保留方案正文。",
                *bytes as f64 / 1048576.0,
                *limit as f64 / 1048576.0
            ),
            DecodeError::Unsupported { what } => format!("无法读取该文件:{what}。"),
            DecodeError::LegacyOffice { what } if what.contains("Excel") || what.contains("表格") => format!(
                "这是旧版 {what} 二进制格式,无法直接读取。请另存为 .xlsx 后再试(在 Excel 或 WPS 中打开,选择“另存为”,格式选 .xlsx)。"
            ),
            DecodeError::LegacyOffice { what } => format!(
                "这是旧版 {what} 二进制格式,无法直接读取。请另存为 .docx 后再试(在 Word 或 WPS 中打开,选择“另存为”,格式选 .docx)。"
            ),
            DecodeError::Encrypted { what } => format!(
                "{what}已加密(设有打开密码或权限保护),无法读取文字:请在原程序中取消密码后重新保存,再试。"
            ),
            DecodeError::ScannedPdf => "该 PDF 没有文字层(可能是扫描件或图片),无法提取文字:请使用原始 Word 文件或带文字的 PDF,或先做文字识别(OCR)后再试。".into(),
            DecodeError::PdfNeedsExtraction => "PDF 需要先用 pdf.js 提取文字层:请在网页版中打开,或使用 planlens 命令行(需要 Node.js 和 tools/ 下的 pdf.js)。".into(),
            DecodeError::Image { what } => format!(
                "这是图片文件({what}),不含可分析的文字:请提供 .docx、.txt、网页或带文字层的 PDF;扫描件请先做文字识别(OCR)。"
            ),
            DecodeError::Archive { what } => format!(
                "这是{what},不是 Word 文档:请解压后分别打开其中的方案文件(.docx、.txt、.pdf)。"
            ),
            DecodeError::ZipBomb { reason } => format!(
                "文件的压缩内容异常({reason}),为安全起见已停止读取:请确认文件来源,或在 Word 中打开后另存为新的 .docx 再试。"
            ),
            DecodeError::TooComplex { what } => format!(
                "文件结构过于复杂({what}),为保护浏览器已停止读取:请另存为 .docx 或 .txt 后再试,或拆分文件。"
            ),
            DecodeError::Corrupt { what } => format!(
                "文件已损坏或格式不完整({what}):请用 Word 或 WPS 打开后重新另存为 .docx,再试。"
            ),
            DecodeError::Binary => "无法识别的文件格式(不是文本,也不是 .docx、网页或 PDF):请另存为 .docx 或 .txt 后再试。".into(),
            DecodeError::Mojibake { misread_as, sample } => format!(
                "文件内容是乱码(如“{sample}”):文字曾被按 {misread_as} 编码误读后再次保存,部分字符已经丢失,无法还原。请找到原始文件(Word、PDF)或原网页重新保存后再试。"
            ),
        }
    }

    /// A stable machine-readable code, for the web app and tests.
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::TooLarge { .. } => "too_large",
            DecodeError::Unsupported { .. } => "unsupported",
            DecodeError::LegacyOffice { .. } => "legacy_office",
            DecodeError::Encrypted { .. } => "encrypted",
            DecodeError::ScannedPdf => "scanned_pdf",
            DecodeError::PdfNeedsExtraction => "pdf_needs_extraction",
            DecodeError::Image { .. } => "image",
            DecodeError::Archive { .. } => "archive",
            DecodeError::ZipBomb { .. } => "zip_bomb",
            DecodeError::TooComplex { .. } => "too_complex",
            DecodeError::Corrupt { .. } => "corrupt",
            DecodeError::Binary => "binary",
            DecodeError::Mojibake { .. } => "mojibake",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for DecodeError {}

/// Decode a file's bytes. `file_name` is only a hint (the content decides), and
/// is kept in [`SourceInfo::name`].
pub fn decode(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > limits.max_input_bytes {
        return Err(DecodeError::TooLarge {
            bytes: bytes.len(),
            limit: limits.max_input_bytes,
        });
    }
    let (text, format, encoding, mut warnings) = match sniff(bytes, file_name) {
        Format::Pdf => return Err(pdf::check_pdf_bytes(bytes)),
        Format::Docx => {
            let out = docx::decode_docx(bytes, limits)?;
            (out.text, "docx", None, out.warnings)
        }
        Format::Xlsx => {
            let out = sheet::decode_xlsx(bytes, limits)?;
            (out.text, "xlsx", None, out.warnings)
        }
        Format::Odt => {
            let out = odt::decode_odf(bytes, limits, false)?;
            (out.text, "odt", None, out.warnings)
        }
        Format::Ods => {
            let out = odt::decode_odf(bytes, limits, true)?;
            (out.text, "ods", None, out.warnings)
        }
        Format::Ofd => {
            let out = ofd::decode_ofd(bytes, limits)?;
            (out.text, "ofd", None, out.warnings)
        }
        Format::Zip => return Err(docx::classify_zip(bytes, limits)),
        Format::WordXml => {
            let t = text::decode_text_bytes(bytes, limits)?;
            let out = docx::decode_word_xml(&t.text, limits)?;
            (out.text, "docx", None, out.warnings)
        }
        Format::Ole => {
            let out = ole(bytes, file_name, limits)?;
            (out.text, "doc", out.encoding, out.warnings)
        }
        Format::Image(what) => return Err(DecodeError::Image { what: what.into() }),
        Format::Archive(what) => return Err(DecodeError::Archive { what: what.into() }),
        Format::Rtf => {
            let out = rtf::decode_rtf(bytes, limits)?;
            (out.text, "rtf", out.encoding, vec![])
        }
        Format::Mhtml => {
            let out = html::decode_mhtml(bytes, limits)?;
            (out.text, "html", Some(out.encoding), out.warnings)
        }
        Format::Html => {
            let t = text::decode_html_bytes(bytes, limits)?;
            let out = html::html_to_text(&t.text, limits)?;
            let mut w = t.warnings;
            w.extend(out.warnings);
            (out.text, "html", Some(t.encoding), w)
        }
        Format::Text => {
            let t = text::decode_text_bytes(bytes, limits)?;
            let mut w = t.warnings;
            let body = if html::looks_like_html_fragment(&t.text) {
                let out = html::fragment_to_text(&t.text, limits)?;
                w.push("文本中含有 HTML 标记,已按网页结构提取文字(脚本和样式已忽略)。".into());
                w.extend(out.warnings);
                out.text
            } else if text::is_normal(&t.text) {
                // Plain text with nothing to rewrite: the decoded text itself, no copy.
                t.text
            } else {
                text::normalize_owned(t.text)
            };
            (body, "text", Some(t.encoding), w)
        }
    };
    let text = match mojibake::check(&text) {
        mojibake::Verdict::Clean => text,
        mojibake::Verdict::Repaired { text, misread_as } => {
            warnings.push(format!(
                "文件的文字曾被按 {misread_as} 编码误读(乱码),已还原为原来的文字,请对照原文核对。"
            ));
            text
        }
        mojibake::Verdict::Garbled { misread_as, sample } => {
            return Err(DecodeError::Mojibake {
                misread_as: misread_as.into(),
                sample,
            })
        }
    };
    let (text, repaired) = repair::repair(text);
    if repaired > 0 {
        warnings.push(repair::warning(repaired));
    }
    if text.trim().is_empty() {
        return Err(match format {
            "docx" | "doc" => DecodeError::Unsupported {
                what: "Word 文档中没有找到文字(可能只有图片或扫描页):请确认选对了文件;扫描件请先做文字识别(OCR)".into(),
            },
            "odt" => DecodeError::Unsupported {
                what: "OpenDocument 文档中没有找到文字(可能只有图片或扫描页):请确认选对了文件;扫描件请先做文字识别(OCR)".into(),
            },
            "xlsx" | "ods" => DecodeError::Unsupported {
                what: "Excel 表格中没有找到文字(工作表都是空的,或只有图片和图表):请确认选对了文件".into(),
            },
            _ => DecodeError::Empty,
        });
    }
    warnings.dedup();
    let chars = text.chars().count();
    Ok(Decoded {
        text,
        source: SourceInfo {
            name: Some(file_name.to_string()),
            format: format.into(),
            encoding,
            warnings,
            chars,
        },
    })
}

/// An OLE compound file: a password-protected .docx/.xlsx (its directory names an
/// `EncryptedPackage` stream), a Word 97–2003 document (a `WordDocument` stream:
/// `.doc`, and `.wps` from WPS 2005 on), or another legacy binary office document.
fn ole(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<doc::DocOut, DecodeError> {
    let utf16 = |s: &str| {
        s.encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect::<Vec<u8>>()
    };
    if sniff::find(bytes, &utf16("EncryptedPackage")).is_some()
        || sniff::find(bytes, &utf16("EncryptionInfo")).is_some()
    {
        return Err(DecodeError::Encrypted {
            what: "该文档".into(),
        });
    }
    match doc::open(bytes) {
        Some(mut cf) if doc::has_word_document(&cf) => doc::decode_doc(&mut cf, limits),
        _ => Err(legacy_office(file_name)),
    }
}

fn legacy_office(file_name: &str) -> DecodeError {
    let ext = file_name
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let what = match ext.as_str() {
        "wps" => "WPS 文字(.wps)",
        "et" => "WPS 表格(.et)",
        "dps" => "WPS 演示(.dps)",
        "xls" => "Excel(.xls)",
        "ppt" => "PowerPoint(.ppt)",
        _ => "Word(.doc)",
    };
    DecodeError::LegacyOffice { what: what.into() }
}
