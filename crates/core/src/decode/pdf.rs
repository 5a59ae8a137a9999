//! PDF text: paragraph restoration over text pieces extracted by pdf.js.
//!
//! Rust PDF crates fail on Chinese CID fonts (GBK-EUC-H, UniGB-UCS2-H), so the
//! extraction runs in pdf.js — in the browser (web app) or through Node
//! (`tools/pdf-text.mjs`, called by the CLI). Both hand the pieces to this module:
//!
//! * [`pdf_pages_to_text`] — pieces per page → text, one paragraph per line;
//! * [`decode_pdf_pages`] — the same wrapped as a [`Decoded`] (or a refusal for
//!   scanned PDFs without a text layer);
//! * [`pdf_pages_from_json`] / [`decode_pdf_json`] — the JSON that
//!   `tools/pdf-text.mjs` prints (`{"pages":[[{"str","x","y","w","h"}…]…]}` or
//!   `{"error":"password"|"invalid"|…,"message":…}`).
//!
//! A piece is a pdf.js text item (or an already joined line): its text, the x/y of
//! its baseline start in PDF user space (y grows upwards, as pdf.js `transform[4..6]`),
//! its width and its height (≈ font size). Pieces on one baseline are joined into
//! lines; lines are ordered top to bottom; running headers, footers and page numbers
//! are dropped; a line break is kept only where a paragraph ends (short line,
//! sentence end, indented or numbered next line, larger gap, other font size).

use super::{DecodeError, Decoded};
use crate::model::SourceInfo;
use serde::{Deserialize, Serialize};

/// One text piece of a PDF page, as pdf.js reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PdfLine {
    #[serde(alias = "str")]
    pub text: String,
    #[serde(default)]
    pub x: f64,
    #[serde(default)]
    pub y: f64,
    #[serde(default, alias = "w")]
    pub width: f64,
    #[serde(default, alias = "h")]
    pub height: f64,
    /// Tagged PDFs: index (within the page) of the paragraph-level structure element
    /// the piece belongs to. When present, it decides paragraph breaks within a page.
    #[serde(default, alias = "b", skip_serializing_if = "Option::is_none")]
    pub block: Option<i64>,
    /// Marked as an artifact (running header, footer, page number): dropped.
    #[serde(default, alias = "art", skip_serializing_if = "std::ops::Not::not")]
    pub artifact: bool,
}

impl PdfLine {
    /// A piece without structure information.
    pub fn new(text: impl Into<String>, x: f64, y: f64, width: f64, height: f64) -> Self {
        PdfLine {
            text: text.into(),
            x,
            y,
            width,
            height,
            block: None,
            artifact: false,
        }
    }
}

/// Most pages and pieces accepted (the text of a 5 000-page plan is beyond any use).
const MAX_PAGES: usize = 5_000;
const MAX_PIECES: usize = 2_000_000;

#[derive(Debug, Clone)]
struct Line {
    first_block: Option<i64>,
    last_block: Option<i64>,
    text: String,
    x: f64,
    y: f64,
    right: f64,
    size: f64,
}

/// Restore paragraphs from the pieces of each page. One paragraph per line.
pub fn pdf_pages_to_text(pages: &[Vec<PdfLine>]) -> String {
    pages_to_text(pages, true)
}

/// `drop_furniture`: drop running headers / footers and page numbers.
fn pages_to_text(pages: &[Vec<PdfLine>], drop_furniture: bool) -> String {
    let pages = &pages[..pages.len().min(MAX_PAGES)];
    let mut budget = MAX_PIECES;
    let mut page_lines: Vec<Vec<Line>> = pages
        .iter()
        .map(|p| {
            let take = p.len().min(budget);
            budget -= take;
            lines_of(&p[..take])
        })
        .collect();
    if drop_furniture {
        drop_headers_footers(&mut page_lines);
    }
    let all: Vec<&Line> = page_lines.iter().flatten().collect();
    if all.is_empty() {
        return String::new();
    }
    // Body geometry: the usual left edge, right edge and font size.
    let size = median(all.iter().map(|l| l.size).filter(|s| *s > 0.0).collect())
        .unwrap_or(12.0)
        .max(1.0);
    let left = percentile(all.iter().map(|l| l.x).collect(), 0.1).unwrap_or(0.0);
    let right = percentile(all.iter().map(|l| l.right).collect(), 0.9).unwrap_or(0.0);
    // Do paragraphs start with a first-line indent? Look at the lines that follow a
    // clearly short line (a sure paragraph end).
    let (mut starts, mut indented) = (0usize, 0usize);
    for w in all.windows(2) {
        if right - w[0].right > 2.5 * size {
            starts += 1;
            if w[1].x - left > 1.2 * size {
                indented += 1;
            }
        }
    }
    let uses_indent = starts >= 3 && indented * 2 > starts;
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    let mut prev_gap: Option<f64> = None;
    for page in &page_lines {
        let mut first_on_page = true;
        for line in page {
            if let Some(a) = prev {
                let gap = if first_on_page {
                    None
                } else {
                    Some(a.y - line.y)
                };
                let tagged = match (first_on_page, a.last_block, line.first_block) {
                    (false, Some(x), Some(y)) => Some(x != y),
                    _ => None,
                };
                if tagged.unwrap_or_else(|| {
                    breaks_paragraph(a, line, size, left, right, gap, prev_gap, uses_indent)
                }) {
                    out.push('\n');
                } else if needs_space(&a.text, &line.text) {
                    out.push(' ');
                }
                if gap.is_some() {
                    prev_gap = gap.filter(|g| *g > 0.0 && *g < size * 3.0).or(prev_gap);
                }
            }
            out.push_str(&line.text);
            prev = Some(line);
            first_on_page = false;
        }
    }
    out.push('\n');
    out
}

#[allow(clippy::too_many_arguments)]
fn breaks_paragraph(
    a: &Line,
    b: &Line,
    size: f64,
    left: f64,
    right: f64,
    gap: Option<f64>,
    usual_gap: Option<f64>,
    uses_indent: bool,
) -> bool {
    let a_end = a.text.trim_end().chars().last().unwrap_or(' ');
    let terminal = matches!(
        a_end,
        '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':'
    );
    let short_by = right - a.right;
    let size_a = if a.size > 0.0 { a.size } else { size };
    // A line that stops well before the right edge ends its paragraph.
    if short_by > 2.5 * size_a {
        return true;
    }
    if terminal && short_by > 0.8 * size_a {
        return true;
    }
    // Indented next line (first-line indent of Chinese paragraphs), or a numbered one.
    // (Continuation lines start at the left margin; in documents without first-line
    // indents an indented line after an equally indented one may be a quoted block.)
    if b.x - left > 1.2 * size && (uses_indent || (b.x - a.x) > 1.2 * size) {
        return true;
    }
    if starts_with_marker(&b.text) && (terminal || short_by > 0.5 * size_a) {
        return true;
    }
    // A clearly larger vertical gap, or another font size (headings).
    if let (Some(g), Some(u)) = (gap, usual_gap) {
        if g > u * 1.6 {
            return true;
        }
    }
    if a.size > 0.0 && b.size > 0.0 && ((a.size - b.size).abs() / a.size.max(b.size)) > 0.2 {
        return true;
    }
    false
}

/// `一、` `（一）` `(1)` `1.` `1、` `①` `第一章` `第3条` at the start of a line.
fn starts_with_marker(s: &str) -> bool {
    let s = s.trim_start();
    let mut chars = s.chars();
    let Some(c0) = chars.next() else { return false };
    if ('\u{2460}'..='\u{2473}').contains(&c0) || ('\u{2474}'..='\u{249b}').contains(&c0) {
        return true;
    }
    const NUM: &str = "一二三四五六七八九十百零〇两";
    // 举措3: / 任务一: / 工程2、
    for word in ["举措", "任务", "工程", "项目", "专栏"] {
        if let Some(rest) = s.strip_prefix(word) {
            let n = rest
                .chars()
                .take_while(|c| NUM.contains(*c) || c.is_ascii_digit())
                .count();
            if n > 0
                && rest
                    .chars()
                    .nth(n)
                    .is_some_and(|c| matches!(c, ':' | '：' | '、' | ' ' | '　'))
            {
                return true;
            }
        }
    }
    if c0 == '第' {
        let rest: String = chars.clone().take(6).collect();
        return rest
            .chars()
            .take_while(|c| NUM.contains(*c) || c.is_ascii_digit())
            .count()
            > 0
            && rest
                .chars()
                .find(|c| !(NUM.contains(*c) || c.is_ascii_digit()))
                .is_some_and(|c| "章节条部分篇".contains(c));
    }
    if c0 == '（' || c0 == '(' {
        let inner: String = chars
            .clone()
            .take_while(|c| *c != '）' && *c != ')')
            .take(5)
            .collect();
        return !inner.is_empty() && inner.chars().all(|c| NUM.contains(c) || c.is_ascii_digit());
    }
    if NUM.contains(c0) {
        let rest = &s[c0.len_utf8()..];
        let n = rest.chars().take_while(|c| NUM.contains(*c)).count();
        return rest.chars().nth(n) == Some('、');
    }
    if c0.is_ascii_digit() {
        let n = s.chars().take_while(|c| c.is_ascii_digit()).count();
        let next = s.chars().nth(n);
        let after = s.chars().nth(n + 1);
        return matches!(next, Some('、') | Some('．'))
            || (next == Some('.') && after.is_some_and(|c| !c.is_ascii_digit()));
    }
    false
}

fn needs_space(a: &str, b: &str) -> bool {
    let x = a.chars().last().unwrap_or(' ');
    let y = b.chars().next().unwrap_or(' ');
    x.is_ascii_alphanumeric() && y.is_ascii_alphanumeric()
        || (x.is_ascii_punctuation()
            && matches!(x, ',' | '.' | ';' | ':')
            && y.is_ascii_alphanumeric())
}

/// Join the pieces of one page into lines, ordered top to bottom.
fn lines_of(pieces: &[PdfLine]) -> Vec<Line> {
    struct Acc {
        y: f64,
        size: f64,
        parts: Vec<(f64, f64, String, f64, Option<i64>)>,
    }
    let mut acc: Vec<Acc> = vec![];
    for p in pieces {
        if p.artifact
            || !(p.x.is_finite() && p.y.is_finite() && p.width.is_finite() && p.height.is_finite())
        {
            continue;
        }
        let text: String = p.text.chars().filter(|c| !c.is_control()).collect();
        let h = p.height.abs();
        // Empty pieces, and the narrow spaces layout engines put between hanzi and
        // Latin digits (autospace), are not text.
        if text.trim().is_empty() && (p.width <= 0.0 || p.width < 0.35 * h) {
            continue;
        }
        let tol = (h.max(1.0)) * 0.5;
        // Usually the piece belongs to the last line; search a few back for tables.
        let found = acc
            .iter_mut()
            .rev()
            .take(8)
            .find(|l| (l.y - p.y).abs() <= tol.max(l.size * 0.5));
        match found {
            Some(l) => {
                l.size = l.size.max(h);
                l.parts
                    .push((p.x, p.x + p.width.max(0.0), text, h, p.block));
            }
            None => acc.push(Acc {
                y: p.y,
                size: h,
                parts: vec![(p.x, p.x + p.width.max(0.0), text, h, p.block)],
            }),
        }
    }
    let mut lines: Vec<Line> = acc
        .into_iter()
        .filter_map(|mut l| {
            l.parts.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut text = String::new();
            let mut end: Option<f64> = None;
            for (x0, x1, t, h, _) in &l.parts {
                if let Some(e) = end {
                    let gap = x0 - e;
                    let (pc, nc) = (
                        text.chars().last().unwrap_or(' '),
                        t.chars().next().unwrap_or(' '),
                    );
                    // A wide gap (table columns), or a word gap between Latin letters / digits.
                    let wide = gap > 2.0 * h.max(1.0);
                    let word = gap > 0.2 * h.max(1.0)
                        && pc.is_ascii_alphanumeric()
                        && nc.is_ascii_alphanumeric();
                    if !pc.is_whitespace() && !nc.is_whitespace() && (wide || word) {
                        text.push(' ');
                    }
                }
                text.push_str(t);
                end = Some(end.map_or(*x1, |e: f64| e.max(*x1)));
            }
            let text = text.trim().to_string();
            if text.is_empty() {
                return None;
            }
            let x = l
                .parts
                .iter()
                .find(|p| !p.2.trim().is_empty())
                .map(|p| p.0)
                .unwrap_or(l.parts[0].0);
            let visible = || l.parts.iter().filter(|p| !p.2.trim().is_empty());
            let first_block = visible().next().and_then(|p| p.4);
            let last_block = l
                .parts
                .iter()
                .rev()
                .find(|p| !p.2.trim().is_empty())
                .and_then(|p| p.4);
            Some(Line {
                first_block,
                last_block,
                text,
                x,
                y: l.y,
                right: end.unwrap_or(x),
                size: l.size,
            })
        })
        .collect();
    lines.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    lines
}

/// Page numbers (`- 3 -`, `第 3 页`, `3/20`, a bare number) at the top or bottom of a
/// page, and running headers/footers repeated on most pages, are dropped.
fn drop_headers_footers(pages: &mut [Vec<Line>]) {
    let n = pages.len();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for p in pages.iter() {
        let mut seen = std::collections::BTreeSet::new();
        for l in p.iter().take(2).chain(p.iter().rev().take(2)) {
            let key: String = l
                .text
                .chars()
                .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
                .collect();
            if seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    for p in pages.iter_mut() {
        for _ in 0..2 {
            if p.last().is_some_and(|l| {
                is_page_number(&l.text) || (n >= 3 && repeated(&counts, &l.text, n))
            }) {
                p.pop();
            }
        }
        for _ in 0..2 {
            if p.first().is_some_and(|l| {
                is_page_number(&l.text) || (n >= 3 && repeated(&counts, &l.text, n))
            }) {
                p.remove(0);
            }
        }
    }
}

fn repeated(counts: &std::collections::BTreeMap<String, usize>, text: &str, pages: usize) -> bool {
    let key: String = text
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect();
    text.chars().count() <= 40
        && counts.get(&key).copied().unwrap_or(0) * 10 >= pages * 6
        && !key.is_empty()
}

fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || t.chars().count() > 12 {
        return false;
    }
    let core = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'));
    let digits = core.chars().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    let rest: String = core.chars().filter(|c| !c.is_ascii_digit()).collect();
    matches!(
        rest.as_str(),
        "" | "第页" | "页" | "/" | "第页共页" | "共页第页" | "Page" | "Pageof" | "of"
    )
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    percentile(std::mem::take(&mut v), 0.5)
}

fn percentile(mut v: Vec<f64>, q: f64) -> Option<f64> {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() - 1) as f64 * q).round() as usize;
    v.get(i.min(v.len() - 1)).copied()
}

/// Pieces per page → [`Decoded`] (format `pdf`), or a refusal when there is no text layer.
pub fn decode_pdf_pages(pages: &[Vec<PdfLine>], file_name: &str) -> Result<Decoded, DecodeError> {
    if pages.is_empty() {
        return Err(DecodeError::Empty);
    }
    // Count what the pieces hold before restoring anything: a runaway extraction
    // stops here with a clear message.
    let limits = super::Limits::default();
    let mut piece_chars = 0usize;
    for l in pages.iter().take(MAX_PAGES).flatten().take(MAX_PIECES) {
        piece_chars = piece_chars.saturating_add(l.text.chars().count());
        if piece_chars > limits.max_output_chars {
            return Err(super::docx::too_much_text(&limits));
        }
    }
    let visible_in = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let (mut text, repaired) = super::repair::repair(pdf_pages_to_text(pages));
    let mut visible = visible_in(&text);
    if visible < 10 {
        // Pages that all repeat the same text lose it as "running headers": that is
        // a text layer, not a scan.
        let raw = pages_to_text(pages, false);
        if visible_in(&raw) >= 10 {
            visible = visible_in(&raw);
            text = super::repair::repair(raw).0;
        }
    }
    if visible < 10 {
        return Err(DecodeError::ScannedPdf);
    }
    let mut warnings = vec![];
    if repaired > 0 {
        warnings.push(super::repair::warning(repaired));
    }
    let pieces: usize = pages.iter().take(MAX_PAGES).map(|p| p.len()).sum();
    if pieces > MAX_PIECES {
        warnings.push(format!(
            "PDF 的文字片段超过 {} 万个,只读取了前 {} 万个。",
            MAX_PIECES / 10_000,
            MAX_PIECES / 10_000
        ));
    }
    let empty: Vec<String> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.iter().all(|l| l.text.trim().is_empty()))
        .map(|(i, _)| (i + 1).to_string())
        .take(20)
        .collect();
    if !empty.is_empty() && empty.len() < pages.len() {
        warnings.push(format!(
            "第 {} 页没有文字层(可能是扫描页或图片),其中的内容未能读取。",
            empty.join("、")
        ));
    }
    let pua = text
        .chars()
        .filter(|c| ('\u{e000}'..='\u{f8ff}').contains(c) || *c == '\u{fffd}')
        .count();
    if pua * 20 > visible {
        warnings.push("PDF 的部分字体缺少 Unicode 映射,有些文字可能显示为乱码:如有 Word 原文件,请改用 .docx。".into());
    }
    if pages.len() > MAX_PAGES {
        warnings.push(format!(
            "PDF 超过 {MAX_PAGES} 页,只读取了前 {MAX_PAGES} 页。"
        ));
    }
    let chars = text.chars().count();
    Ok(Decoded {
        text,
        source: SourceInfo {
            name: Some(file_name.to_string()),
            format: "pdf".into(),
            encoding: None,
            warnings,
            chars,
        },
    })
}

#[derive(Deserialize)]
struct PdfJson {
    #[serde(default)]
    pages: Vec<Vec<PdfLine>>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// Parse the JSON printed by `tools/pdf-text.mjs` (also usable by the web app).
pub fn pdf_pages_from_json(json: &str) -> Result<Vec<Vec<PdfLine>>, DecodeError> {
    let parsed: PdfJson = serde_json::from_str(json).map_err(|e| DecodeError::Corrupt {
        what: format!(
            "PDF 文字提取结果无法解析(第 {} 行第 {} 列)",
            e.line(),
            e.column()
        ),
    })?;
    if let Some(kind) = parsed.error {
        return Err(pdf_error(&kind, parsed.message.as_deref().unwrap_or("")));
    }
    Ok(parsed.pages)
}

/// The JSON of `tools/pdf-text.mjs` → [`Decoded`].
pub fn decode_pdf_json(json: &str, file_name: &str) -> Result<Decoded, DecodeError> {
    decode_pdf_pages(&pdf_pages_from_json(json)?, file_name)
}

/// Map a pdf.js failure to the user's message: `password` (pdf.js `PasswordException`),
/// `invalid` (`InvalidPDFException`), anything else.
pub fn pdf_error(kind: &str, detail: &str) -> DecodeError {
    match kind {
        "password" | "PasswordException" => DecodeError::Encrypted {
            what: "该 PDF ".into(),
        },
        "invalid" | "InvalidPDFException" | "MissingPDFException" => DecodeError::Corrupt {
            what: "PDF 结构无效".into(),
        },
        "limit" => DecodeError::TooComplex {
            what: format!(
                "PDF 的文字超过 {} 万个片段或 {} 万字,提取已在上限处停止",
                MAX_PIECES / 10_000,
                super::Limits::default().max_output_chars / 10_000
            ),
        },
        "inflate" => DecodeError::ZipBomb {
            reason: "PDF 的压缩内容流解压后异常庞大".into(),
        },
        "timeout" => DecodeError::TooComplex {
            what: "PDF 文字提取超过时间上限,已停止".into(),
        },
        // pdf.js's own words are English: the user gets what happened, not them.
        _ => {
            let _ = detail;
            DecodeError::Unsupported {
                what: "PDF 文字提取失败(pdf.js 无法解析该文件的内容,文件可能已损坏或使用了不支持的特性):请另存为 .docx 或 .txt 后再试".into()
            }
        }
    }
}

/// What the pure decoder says about PDF bytes: extract with pdf.js first.
pub(crate) fn check_pdf_bytes(_bytes: &[u8]) -> DecodeError {
    DecodeError::PdfNeedsExtraction
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, x: f64, y: f64, chars: usize) -> PdfLine {
        PdfLine::new(text, x, y, chars as f64 * 10.0, 10.0)
    }

    #[test]
    fn tagged_blocks_decide_breaks() {
        let mut a = piece(
            "到2025年，全区新增科技型企业100家，建成一批高水平的众创空间和孵化",
            100.0,
            680.0,
            40,
        );
        a.block = Some(1);
        let mut b = piece(
            "器，形成良好的创新生态。建成一批高水平的众创空间和孵化器众创空间和孵",
            100.0,
            660.0,
            40,
        );
        b.block = Some(1);
        let mut c = piece("化器。", 100.0, 640.0, 3);
        c.block = Some(2);
        let mut foot = piece("第 1 页", 250.0, 40.0, 4);
        foot.artifact = true;
        let text = pdf_pages_to_text(&[vec![a, b, c, foot]]);
        assert_eq!(text, "到2025年，全区新增科技型企业100家，建成一批高水平的众创空间和孵化器，形成良好的创新生态。建成一批高水平的众创空间和孵化器众创空间和孵\n化器。\n");
    }

    #[test]
    fn joins_wrapped_lines_and_keeps_paragraphs() {
        // Right edge at 100 + 40 chars * 10 = 500.
        let page = vec![
            piece("一、总体要求", 100.0, 700.0, 6),
            piece(
                "到2025年，全区新增科技型企业100家，建成一批高水平的众创空间和孵化",
                100.0,
                680.0,
                40,
            ),
            piece("器，形成良好的创新生态。", 100.0, 660.0, 12),
            piece("（一）加强组织领导。", 100.0, 640.0, 10),
            piece("- 1 -", 290.0, 50.0, 5),
        ];
        let page2 = vec![piece("二、保障措施", 100.0, 700.0, 6)];
        let text = pdf_pages_to_text(&[page, page2]);
        assert_eq!(
            text,
            "一、总体要求\n到2025年，全区新增科技型企业100家，建成一批高水平的众创空间和孵化器，形成良好的创新生态。\n（一）加强组织领导。\n二、保障措施\n"
        );
    }

    #[test]
    fn pieces_on_one_baseline_join_in_x_order() {
        let page = vec![
            piece("领导", 160.0, 700.0, 2),
            piece("加强组织", 100.0, 700.2, 4),
        ];
        assert_eq!(pdf_pages_to_text(&[page]), "加强组织领导\n");
    }

    #[test]
    fn scanned_pdf_refused() {
        let e = decode_pdf_pages(&[vec![], vec![]], "a.pdf").unwrap_err();
        assert_eq!(e, DecodeError::ScannedPdf);
        assert!(e.message().contains("扫描"));
    }

    #[test]
    fn json_round_trip_and_errors() {
        let j = r#"{"pages":[[{"str":"一、总体要求和主要目标任务","x":1,"y":2,"w":3,"h":4}]]}"#;
        assert_eq!(
            pdf_pages_from_json(j).unwrap()[0][0].text,
            "一、总体要求和主要目标任务"
        );
        let e = pdf_pages_from_json(r#"{"error":"password"}"#).unwrap_err();
        assert_eq!(e.code(), "encrypted");
    }

    #[test]
    fn markers() {
        assert!(starts_with_marker("一、总体"));
        assert!(starts_with_marker("（十二）加强"));
        assert!(starts_with_marker("12.建立"));
        assert!(!starts_with_marker("2025年"));
        assert!(!starts_with_marker("3.5亿元"));
        assert!(starts_with_marker("第三章 任务"));
        assert!(starts_with_marker("②推进"));
    }
}
