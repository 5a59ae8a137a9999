//! `.docx`: zip (with bomb guards) + WordprocessingML read with quick-xml.
//!
//! Paragraphs in document order, one per line; Word's automatic numbering rendered
//! as the reader sees it (see [`super::numbering`]); tables one row per line with
//! cells joined by [`super::CELL_SEP`]; text boxes after the paragraph that anchors
//! them; footnotes and endnotes as `注N:…` lines after the paragraph that cites
//! them; headers, footers, comments, deleted and hidden text left out.

use super::numbering::{Numbering, Styles};
use super::xml::{attr, is_w, local, prefix, to_utf8, walk, Budget, XmlEv};
use super::{DecodeError, Limits, CELL_BREAK, CELL_SEP};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

pub(crate) struct DocxOut {
    pub text: String,
    pub warnings: Vec<String>,
}

/// A zip opened with the caps of [`Limits`] applied to every entry read.
pub(crate) struct Zip<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    total: u64,
    limits: &'a Limits,
}

impl<'a> Zip<'a> {
    pub fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, DecodeError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(e, "zip 目录"))?;
        if archive.len() > limits.max_zip_entries {
            return Err(DecodeError::ZipBomb {
                reason: format!(
                    "压缩包内有 {} 个条目,超过 {} 个的上限",
                    archive.len(),
                    limits.max_zip_entries
                ),
            });
        }
        Ok(Zip {
            archive,
            total: 0,
            limits,
        })
    }

    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().map(|s| s.to_string()).collect()
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.archive.index_for_name(name).or_else(|| {
            (0..self.archive.len()).find(|i| {
                self.archive
                    .name_for_index(*i)
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
        })
    }

    /// Read one entry, inflating at most the caps allow. `None` when absent.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, DecodeError> {
        let Some(i) = self.index_of(name) else {
            return Ok(None);
        };
        let limits = self.limits;
        let mut file = self.archive.by_index(i).map_err(|e| zip_error(e, name))?;
        if file.encrypted() {
            return Err(DecodeError::Encrypted {
                what: "该 Word 文档".into(),
            });
        }
        if file.size() > limits.max_entry_bytes {
            return Err(DecodeError::ZipBomb {
                reason: format!(
                    "{name} 解压后有 {} MB,超过 {} MB 的上限",
                    file.size() >> 20,
                    limits.max_entry_bytes >> 20
                ),
            });
        }
        let compressed = file.compressed_size().max(1);
        let mut out = Vec::with_capacity(file.size().min(1 << 24) as usize);
        let mut buf = vec![0u8; 64 * 1024];
        let mut read: u64 = 0;
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    return Err(DecodeError::Corrupt {
                        what: format!("{name} 无法解压,压缩数据已损坏"),
                    })
                }
            };
            read += n as u64;
            self.total += n as u64;
            if read > limits.max_entry_bytes {
                return Err(DecodeError::ZipBomb {
                    reason: format!("{name} 解压后超过 {} MB", limits.max_entry_bytes >> 20),
                });
            }
            if self.total > limits.max_total_unzipped {
                return Err(DecodeError::ZipBomb {
                    reason: format!("解压总量超过 {} MB", limits.max_total_unzipped >> 20),
                });
            }
            if read > (1 << 20) && read / compressed > limits.max_compression_ratio {
                return Err(DecodeError::ZipBomb {
                    reason: format!("{name} 的压缩比超过 {}:1", limits.max_compression_ratio),
                });
            }
            out.extend_from_slice(&buf[..n]);
        }
        Ok(Some(out))
    }
}

fn zip_error(e: ZipError, what: &str) -> DecodeError {
    let msg = e.to_string();
    if msg.contains("assword") || msg.contains("ncrypt") {
        return DecodeError::Encrypted {
            what: "该文档".into(),
        };
    }
    // The zip crate's words are English: say what went wrong in Chinese.
    let why = match e {
        ZipError::InvalidArchive(_) => "zip 结构无效",
        ZipError::UnsupportedArchive(_) => "使用了不支持的 zip 特性",
        ZipError::FileNotFound => "缺少所需的条目",
        ZipError::Io(_) => "读取时出错",
        _ => "无法解析",
    };
    DecodeError::Corrupt {
        what: format!("{what}{why}"),
    }
}

/// Why a zip that is not a .docx cannot be read.
pub(crate) fn classify_zip(bytes: &[u8], limits: &Limits) -> DecodeError {
    let zip = match Zip::open(bytes, limits) {
        Ok(z) => z,
        Err(e) => return e,
    };
    let names = zip.names();
    let has = |p: &str| {
        names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(p) || n.starts_with(p))
    };
    if has("xl/") {
        DecodeError::Unsupported {
            what: "这是 Excel 表格(.xlsx),不是 Word 文档:请把方案正文另存为 .docx 或 .txt 后再试"
                .into(),
        }
    } else if has("ppt/") {
        DecodeError::Unsupported { what: "这是 PowerPoint 演示文稿(.pptx),不是 Word 文档:请把方案正文另存为 .docx 或 .txt 后再试".into() }
    } else if has("OFD.xml") {
        DecodeError::Unsupported {
            what: "这是 OFD 版式文件:请用 OFD 阅读器另存为 PDF,或取得 Word 原文件(.docx)后再试"
                .into(),
        }
    } else if has("content.xml") && has("mimetype") {
        DecodeError::Unsupported {
            what: "这是 OpenDocument 文档(.odt):请在 WPS 或 LibreOffice 中另存为 .docx 后再试"
                .into(),
        }
    } else {
        DecodeError::Archive {
            what: "一个 zip 压缩包".into(),
        }
    }
}

/// Relationship targets of one part: id → (type suffix, target).
pub(crate) fn rels(
    xml: &[u8],
    limits: &Limits,
    budget: &mut Budget,
) -> Result<BTreeMap<String, (String, String)>, DecodeError> {
    let mut out = BTreeMap::new();
    let s = to_utf8(xml);
    walk(&s, "关系表", limits, budget, |ev| {
        if let XmlEv::Start(e) = ev {
            if local(e.name().as_ref()) == b"Relationship" {
                let id = attr(e, b"Id").unwrap_or_default();
                let ty = attr(e, b"Type").unwrap_or_default();
                let ty = ty.rsplit('/').next().unwrap_or("").to_string();
                let target = attr(e, b"Target").unwrap_or_default();
                let external =
                    attr(e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
                if !external {
                    out.insert(id, (ty, target));
                }
            }
        }
        Ok(true)
    })?;
    Ok(out)
}

/// Resolve a relationship target against the folder of its source part.
/// `/x` is from the package root; `.` and `..` are resolved either way.
pub(crate) fn resolve(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        vec![]
    } else {
        base_dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Where the parts of a WordprocessingML package come from: a zip, or a flat XML file.
pub(crate) trait Package {
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, DecodeError>;
}

impl Package for Zip<'_> {
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, DecodeError> {
        self.read(name)
    }
}

/// Parts of a Flat OPC file (Word's "XML document"), by name without the leading `/`.
struct FlatParts(BTreeMap<String, Vec<u8>>);

impl Package for FlatParts {
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, DecodeError> {
        let name = name.trim_start_matches('/');
        if let Some(v) = self.0.get(name) {
            return Ok(Some(v.clone()));
        }
        Ok(self
            .0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone()))
    }
}

pub(crate) fn decode_docx(bytes: &[u8], limits: &Limits) -> Result<DocxOut, DecodeError> {
    let mut zip = Zip::open(bytes, limits)?;
    match decode_package(&mut zip, limits)? {
        Some(out) => Ok(out),
        None => Err(classify_zip(bytes, limits)),
    }
}

/// Word saved as XML: Flat OPC (`<pkg:package>`, Word 2007+) or WordprocessingML 2003
/// (`<w:wordDocument>`, whose list labels are stored as text in `wx:t`).
pub(crate) fn decode_word_xml(xml: &str, limits: &Limits) -> Result<DocxOut, DecodeError> {
    let mut parts = BTreeMap::new();
    if xml.contains("<pkg:package") {
        let mut from = 0;
        while let Some(p) = xml[from..].find("<pkg:part ") {
            let start = from + p;
            let Some(end) = xml[start..].find("</pkg:part>").map(|e| start + e) else {
                break;
            };
            let part = &xml[start..end];
            let name = part
                .split("pkg:name=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("");
            if let (Some(a), Some(b)) = (part.find("<pkg:xmlData>"), part.rfind("</pkg:xmlData>")) {
                if a + 13 <= b {
                    parts.insert(
                        name.trim_start_matches('/').to_string(),
                        part.as_bytes()[a + 13..b].to_vec(),
                    );
                }
            }
            from = end;
        }
    } else {
        parts.insert("word/document.xml".to_string(), xml.as_bytes().to_vec());
    }
    match decode_package(&mut FlatParts(parts), limits)? {
        Some(out) => Ok(out),
        None => Err(DecodeError::Corrupt {
            what: "XML 文档中没有 Word 正文".into(),
        }),
    }
}

/// `None` when the package has no main document part.
fn decode_package(zip: &mut impl Package, limits: &Limits) -> Result<Option<DocxOut>, DecodeError> {
    let mut budget = Budget::new(limits);
    let mut warnings = vec![];
    // The main part, from the package relationships (almost always word/document.xml).
    let mut main = "word/document.xml".to_string();
    if let Some(r) = zip.part("_rels/.rels")? {
        if let Ok(map) = rels(&r, limits, &mut budget) {
            if let Some((_, t)) = map.values().find(|(ty, _)| ty == "officeDocument") {
                main = resolve("", t);
            }
        }
    }
    let doc = match zip.part(&main)? {
        Some(d) => d,
        None => match zip.part("word/document.xml")? {
            Some(d) => d,
            None => return Ok(None),
        },
    };
    let dir = main
        .rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default();
    let rel_name = format!(
        "{}_rels/{}.rels",
        if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        },
        main.rsplit('/').next().unwrap_or("document.xml")
    );
    let doc_rels = match zip.part(&rel_name)? {
        Some(r) => rels(&r, limits, &mut budget).unwrap_or_default(),
        None => BTreeMap::new(),
    };
    let part = |ty: &str, default: &str| -> String {
        doc_rels
            .values()
            .find(|(t, _)| t == ty)
            .map(|(_, target)| resolve(&dir, target))
            .unwrap_or_else(|| format!("{dir}/{default}"))
    };
    let styles = match zip.part(&part("styles", "styles.xml"))? {
        Some(x) => Styles::parse(&to_utf8(&x), limits, &mut budget).unwrap_or_else(|_| {
            warnings.push("样式表(styles.xml)无法解析,按样式设置的自动编号可能缺失。".into());
            Styles::default()
        }),
        None => Styles::default(),
    };
    let numbering = match zip.part(&part("numbering", "numbering.xml"))? {
        Some(x) => Numbering::parse(&to_utf8(&x), limits, &mut budget).unwrap_or_else(|_| {
            warnings.push("编号定义(numbering.xml)无法解析,自动编号未能还原。".into());
            Numbering::default()
        }),
        None => Numbering::default(),
    };
    let footnotes = match zip.part(&part("footnotes", "footnotes.xml"))? {
        Some(x) => notes(&to_utf8(&x), b"footnote", limits, &mut budget).unwrap_or_default(),
        None => BTreeMap::new(),
    };
    let endnotes = match zip.part(&part("endnotes", "endnotes.xml"))? {
        Some(x) => notes(&to_utf8(&x), b"endnote", limits, &mut budget).unwrap_or_default(),
        None => BTreeMap::new(),
    };
    let mut body = Body::new(numbering, styles, footnotes, endnotes, limits);
    let xml = to_utf8(&doc);
    walk(&xml, "document.xml", limits, &mut budget, |ev| {
        body.event(ev)
    })?;
    let Body {
        out,
        alt_chunks,
        mut chars,
        ..
    } = body;
    // altChunk: imported HTML / text parts (some converters write whole documents this way).
    // Each part is decoded once, and every copy counts toward the output limit.
    let mut lines = Vec::with_capacity(out.len());
    let mut chunks: BTreeMap<String, Option<String>> = BTreeMap::new();
    for line in out {
        if let Some(id) = line.strip_prefix(ALT_CHUNK_MARK) {
            if let Some((_, target)) = doc_rels.get(id) {
                let name = resolve(&dir, target);
                if let Some(text) = chunks.get(&name) {
                    if let Some(text) = text {
                        chars = chars.saturating_add(text.chars().count());
                        if chars > limits.max_output_chars {
                            return Err(too_much_text(limits));
                        }
                        lines.extend(text.lines().map(|l| l.to_string()));
                    }
                    continue;
                }
                chunks.insert(name.clone(), None);
                if let Some(bytes) = zip.part(&name)? {
                    let lower = name.to_ascii_lowercase();
                    let text = if lower.ends_with(".txt") {
                        super::text::normalize_text(
                            &super::text::decode_text_bytes(&bytes, limits)?.text,
                        )
                    } else if lower.ends_with(".mht") || lower.ends_with(".mhtml") {
                        super::html::decode_mhtml(&bytes, limits)?.text
                    } else if lower.ends_with(".htm")
                        || lower.ends_with(".html")
                        || lower.ends_with(".xhtml")
                    {
                        let t = super::text::decode_html_bytes(&bytes, limits)?;
                        match super::html::html_to_text(&t.text, limits) {
                            Ok(o) => o.text,
                            // An imported part with nothing readable adds nothing.
                            Err(DecodeError::Corrupt { .. }) => String::new(),
                            Err(e) => return Err(e),
                        }
                    } else {
                        warnings.push(format!("文档中嵌入的 {name} 格式不支持,已跳过。"));
                        continue;
                    };
                    chars = chars.saturating_add(text.chars().count());
                    if chars > limits.max_output_chars {
                        return Err(too_much_text(limits));
                    }
                    lines.extend(text.lines().map(|l| l.to_string()));
                    chunks.insert(name, Some(text));
                }
            }
            continue;
        }
        lines.push(line);
    }
    let _ = alt_chunks;
    let mut text = String::new();
    for l in &lines {
        text.push_str(l.trim_end());
        text.push('\n');
    }
    if text.chars().count() > limits.max_output_chars {
        return Err(too_much_text(limits));
    }
    Ok(Some(DocxOut { text, warnings }))
}

/// The output limit was crossed while the text was being produced.
pub(crate) fn too_much_text(limits: &Limits) -> DecodeError {
    DecodeError::TooComplex {
        what: format!(
            "展开后的文字超过 {} 万字(自动编号、脚注、合并单元格或嵌入内容的重复展开也计算在内)",
            limits.max_output_chars / 10_000
        ),
    }
}

const ALT_CHUNK_MARK: &str = "\u{0}altChunk:";

/// Footnote / endnote texts by id (separators skipped).
fn notes(
    xml: &str,
    tag: &[u8],
    limits: &Limits,
    budget: &mut Budget,
) -> Result<BTreeMap<String, String>, DecodeError> {
    let mut out = BTreeMap::new();
    let mut cur: Option<(String, String)> = None;
    let mut in_t = false;
    let mut skip = 0usize;
    walk(xml, "脚注", limits, budget, |ev| {
        match ev {
            XmlEv::Start(e) => {
                let n = e.name();
                let n = n.as_ref();
                if skip > 0 {
                    skip += 1;
                } else if is_w(n, tag) {
                    let ty = attr(e, b"type").unwrap_or_default();
                    if ty.is_empty() || ty == "normal" {
                        cur = Some((attr(e, b"id").unwrap_or_default(), String::new()));
                    }
                } else if is_w(n, b"t") {
                    in_t = true;
                } else if is_w(n, b"p") {
                    if let Some((_, s)) = cur.as_mut() {
                        if !s.is_empty() {
                            s.push(' ');
                        }
                    }
                } else if is_w(n, b"instrText")
                    || is_w(n, b"delText")
                    || is_w(n, b"del")
                    || (prefix(n) == b"mc" && local(n) == b"Fallback")
                {
                    skip = 1;
                }
            }
            XmlEv::End(n) => {
                if skip > 0 {
                    skip -= 1;
                } else if is_w(n, tag) {
                    if let Some((id, s)) = cur.take() {
                        out.insert(id, s.trim().to_string());
                    }
                } else if is_w(n, b"t") {
                    in_t = false;
                }
            }
            XmlEv::Text(t) => {
                if in_t && skip == 0 {
                    if let Some((_, s)) = cur.as_mut() {
                        s.push_str(t);
                    }
                }
            }
        }
        Ok(true)
    })?;
    Ok(out)
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    /// Lines that belong after this paragraph: text boxes anchored in it.
    boxes: Vec<String>,
    /// Footnote / endnote references, in order.
    notes: Vec<(bool, String)>,
    /// A list label stored as text (WordprocessingML 2003 `wx:t`).
    literal_label: Option<String>,
}

enum Container {
    Para(Para),
    Table(Vec<String>),
    Row(Vec<String>),
    Cell(Vec<String>),
}

/// An open table's merged-cell texts by column, and the enclosing cell's column,
/// gridSpan and vMerge.
type OpenTable = (BTreeMap<usize, String>, usize, usize, Option<bool>);

struct Body<'l> {
    stack: Vec<Container>,
    out: Vec<String>,
    numbering: Numbering,
    styles: Styles,
    footnotes: BTreeMap<String, String>,
    endnotes: BTreeMap<String, String>,
    note_no: usize,
    /// Notes already shown (footnote?, id).
    notes_shown: BTreeSet<(bool, String)>,
    /// Depth inside an element whose content is skipped.
    skip: usize,
    in_t: bool,
    in_ppr: usize,
    in_rpr: bool,
    hidden: bool,
    chars: usize,
    alt_chunks: usize,
    /// Per open table: the text of each column's vertically merged cell (`vMerge`), and
    /// the enclosing cell's column, gridSpan and vMerge to restore after a nested table.
    merges: Vec<OpenTable>,
    /// The column the current row has reached, and the current cell's gridSpan and
    /// vMerge (`Some(true)` starts a merge, `Some(false)` continues one).
    col: usize,
    cell_span: usize,
    cell_vmerge: Option<bool>,
    /// Whether the current row has a cell of its own with text (not a merged repeat).
    row_has_own_text: bool,
    limits: &'l Limits,
}

impl<'l> Body<'l> {
    fn new(
        numbering: Numbering,
        styles: Styles,
        footnotes: BTreeMap<String, String>,
        endnotes: BTreeMap<String, String>,
        limits: &'l Limits,
    ) -> Self {
        Body {
            stack: vec![],
            out: vec![],
            numbering,
            styles,
            footnotes,
            endnotes,
            note_no: 0,
            notes_shown: BTreeSet::new(),
            skip: 0,
            in_t: false,
            in_ppr: 0,
            in_rpr: false,
            hidden: false,
            chars: 0,
            alt_chunks: 0,
            merges: vec![],
            col: 0,
            cell_span: 1,
            cell_vmerge: None,
            row_has_own_text: false,
            limits,
        }
    }

    fn para(&mut self) -> Option<&mut Para> {
        match self.stack.last_mut() {
            Some(Container::Para(p)) => Some(p),
            _ => None,
        }
    }

    /// Count chars as they are produced (text, labels, notes, merged-cell repeats), so an
    /// expansion stops at the output limit instead of being built first.
    fn count(&mut self, s: &str) -> Result<(), DecodeError> {
        self.chars = self.chars.saturating_add(s.chars().count());
        if self.chars > self.limits.max_output_chars {
            return Err(too_much_text(self.limits));
        }
        Ok(())
    }

    fn push_text(&mut self, s: &str) -> Result<(), DecodeError> {
        self.count(s)?;
        if let Some(p) = self.para() {
            p.text.push_str(s);
        }
        Ok(())
    }

    /// A finished line goes to the innermost open container, or to the output.
    fn deliver(&mut self, line: String) {
        match self.stack.last_mut() {
            Some(Container::Cell(v)) | Some(Container::Table(v)) => v.push(line),
            Some(Container::Row(cells)) => cells.push(line),
            Some(Container::Para(p)) => p.boxes.push(line),
            None => self.out.push(line),
        }
    }

    fn event(&mut self, ev: XmlEv<'_, '_>) -> Result<bool, DecodeError> {
        match ev {
            XmlEv::Start(e) => {
                if self.skip > 0 {
                    self.skip += 1;
                    return Ok(true);
                }
                let qn = e.name();
                let n = qn.as_ref();
                let p = prefix(n);
                if p == b"mc" && local(n) == b"Fallback" {
                    self.skip = 1;
                    return Ok(true);
                }
                if p == b"wx" && local(n) == b"t" && self.in_ppr > 0 {
                    let v = attr(e, b"val").map(|v| v.chars().take(128).collect());
                    if let Some(para) = self.para() {
                        para.literal_label = v;
                    }
                    return Ok(true);
                }
                if p != b"w" && !p.is_empty() {
                    return Ok(true);
                }
                match local(n) {
                    b"p" => self.stack.push(Container::Para(Para::default())),
                    b"tbl" => {
                        self.stack.push(Container::Table(vec![]));
                        self.merges.push((
                            BTreeMap::new(),
                            self.col,
                            self.cell_span,
                            self.cell_vmerge,
                        ));
                    }
                    b"tr" => {
                        self.stack.push(Container::Row(vec![]));
                        self.col = 0;
                        self.row_has_own_text = false;
                    }
                    b"tc" => {
                        self.stack.push(Container::Cell(vec![]));
                        self.cell_span = 1;
                        self.cell_vmerge = None;
                    }
                    b"gridSpan" => {
                        self.cell_span = attr(e, b"val")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                    }
                    b"vMerge" => {
                        self.cell_vmerge = Some(attr(e, b"val").is_some_and(|v| v == "restart"));
                    }
                    b"pPr" => self.in_ppr += 1,
                    b"rPr" => self.in_rpr = true,
                    b"pStyle" if self.in_ppr > 0 => {
                        let v = attr(e, b"val");
                        if let Some(p) = self.para() {
                            p.style = v;
                        }
                    }
                    b"numId" if self.in_ppr > 0 => {
                        let v = attr(e, b"val").and_then(|v| v.trim().parse().ok());
                        if let Some(p) = self.para() {
                            p.num_id = v;
                        }
                    }
                    b"ilvl" if self.in_ppr > 0 => {
                        let v = attr(e, b"val")
                            .and_then(|v| v.trim().parse::<u8>().ok())
                            .map(|v| v.min(8));
                        if let Some(p) = self.para() {
                            p.ilvl = v;
                        }
                    }
                    b"vanish" | b"webHidden" if self.in_rpr && self.in_ppr == 0 => {
                        let v = attr(e, b"val").unwrap_or_default();
                        self.hidden = !matches!(v.as_str(), "0" | "false" | "off");
                    }
                    b"instrText" | b"delText" | b"delInstrText" | b"del" | b"moveFrom" | b"rt"
                    | b"pPrChange" | b"rPrChange" | b"sectPr" | b"tblPrChange" | b"trPrChange"
                    | b"tcPrChange" | b"fldData" | b"tabs" => {
                        self.skip = 1;
                    }
                    b"t" if self.in_ppr == 0 => self.in_t = true,
                    b"tab" if self.in_ppr == 0 && !self.hidden => self.push_text(" ")?,
                    b"br" | b"cr" if !self.hidden => {
                        let ty = attr(e, b"type").unwrap_or_default();
                        if ty != "page" && ty != "column" {
                            self.push_text("\n")?;
                        }
                    }
                    b"noBreakHyphen" if !self.hidden => self.push_text("-")?,
                    b"sym" if !self.hidden => {
                        let c = attr(e, b"char")
                            .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                            .and_then(char::from_u32)
                            .filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c) && !c.is_control());
                        if let Some(c) = c {
                            self.push_text(c.encode_utf8(&mut [0; 4]))?;
                        }
                    }
                    b"footnoteReference" | b"endnoteReference" => {
                        let foot = local(n) == b"footnoteReference";
                        let id = attr(e, b"id").unwrap_or_default();
                        if let Some(p) = self.para() {
                            p.notes.push((foot, id));
                        }
                    }
                    b"altChunk" => {
                        if let Some(id) = attr(e, b"id") {
                            self.alt_chunks += 1;
                            self.deliver(format!("{ALT_CHUNK_MARK}{id}"));
                        }
                    }
                    _ => {}
                }
            }
            XmlEv::End(n) => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return Ok(true);
                }
                let p = prefix(n);
                if p != b"w" && !p.is_empty() {
                    return Ok(true);
                }
                match local(n) {
                    b"p" => self.end_para()?,
                    b"tc" => {
                        if let Some(Container::Cell(paras)) = self.stack.last() {
                            // A cell's paragraphs and breaks stay apart: they separate unit names.
                            let mut text = paras
                                .iter()
                                .map(|s| s.replace('\n', CELL_BREAK).trim().to_string())
                                .filter(|s| !s.is_empty())
                                .collect::<Vec<_>>()
                                .join(CELL_BREAK);
                            self.stack.pop();
                            // A vertically merged cell repeats its text in every row it
                            // covers, so each row has its full cells.
                            let col = self.col;
                            let mut repeated = false;
                            self.row_has_own_text |=
                                !text.is_empty() && self.cell_vmerge != Some(false);
                            if let Some((m, ..)) = self.merges.last_mut() {
                                match self.cell_vmerge {
                                    Some(false) if text.is_empty() => {
                                        text = m.get(&col).cloned().unwrap_or_default();
                                        repeated = true;
                                    }
                                    Some(_) => {
                                        m.insert(col, text.clone());
                                    }
                                    None => {
                                        m.remove(&col);
                                    }
                                }
                            }
                            if repeated {
                                self.count(&text)?;
                            }
                            let span = self.cell_span;
                            self.col += span;
                            self.deliver(text);
                            // The columns a gridSpan covers stay empty cells (trailing ones
                            // are trimmed with the row).
                            for _ in 1..span {
                                self.deliver(String::new());
                            }
                        }
                    }
                    b"tr" => {
                        if let Some(Container::Row(cells)) = self.stack.last() {
                            // A row holding nothing but cells merged down from above adds
                            // nothing (and would read as a repeated passage).
                            let line = if cells.iter().all(|c| c.trim().is_empty())
                                || !self.row_has_own_text
                            {
                                None
                            } else {
                                let mut cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
                                while cells.last().is_some_and(|c| c.is_empty()) {
                                    cells.pop();
                                }
                                Some(cells.join(CELL_SEP))
                            };
                            self.stack.pop();
                            if let Some(l) = line {
                                self.deliver(l);
                            }
                        }
                    }
                    b"tbl" => {
                        if let Some(Container::Table(_)) = self.stack.last() {
                            if let Some(Container::Table(lines)) = self.stack.pop() {
                                for l in lines {
                                    self.deliver(l);
                                }
                            }
                            if let Some((_, col, span, vmerge)) = self.merges.pop() {
                                (self.col, self.cell_span, self.cell_vmerge) = (col, span, vmerge);
                            }
                        }
                    }
                    b"pPr" => self.in_ppr = self.in_ppr.saturating_sub(1),
                    b"rPr" => self.in_rpr = false,
                    b"r" => self.hidden = false,
                    b"t" => self.in_t = false,
                    _ => {}
                }
            }
            XmlEv::Text(t) => {
                if self.skip == 0 && self.in_t && !self.hidden {
                    self.push_text(t)?;
                }
            }
        }
        Ok(true)
    }

    fn end_para(&mut self) -> Result<(), DecodeError> {
        let Some(Container::Para(p)) = self.stack.pop_if(|c| matches!(c, Container::Para(_)))
        else {
            return Ok(());
        };
        let label = self
            .numbering
            .label(p.num_id, p.ilvl, p.style.as_deref(), &self.styles)
            .or_else(|| p.literal_label.clone().map(|l| (l, false)));
        let text = p.text.replace('\u{a0}', " ");
        let line = match label {
            Some((label, sep)) if !label.is_empty() => {
                self.count(&label)?;
                let body = text.trim_start();
                format!(
                    "{label}{}{body}",
                    if sep && !body.is_empty() { " " } else { "" }
                )
            }
            _ => text,
        };
        self.deliver(line);
        for (foot, id) in p.notes {
            // A note is shown once, after the first paragraph citing it: a hostile file
            // may cite one long note thousands of times.
            if !self.notes_shown.insert((foot, id.clone())) {
                continue;
            }
            let map = if foot {
                &self.footnotes
            } else {
                &self.endnotes
            };
            if let Some(t) = map.get(&id) {
                if !t.is_empty() {
                    self.note_no += 1;
                    let l = format!("注{}:{}", self.note_no, t);
                    self.count(&l)?;
                    self.deliver(l);
                }
            }
        }
        for b in p.boxes {
            self.deliver(b);
        }
        Ok(())
    }
}
