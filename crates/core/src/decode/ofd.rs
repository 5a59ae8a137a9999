//! OFD (GB/T 33190-2016), the national fixed-layout format: a zip of XML parts.
//!
//! `OFD.xml` → `DocBody/DocRoot` (`Document.xml`) → `Pages/Page@BaseLoc` → each page's
//! `Content.xml`: `Layer` / `PageBlock` → `TextObject` (`Boundary="x y w h"`, `Size`,
//! optional `CTM`) → `TextCode` (`X`, `Y`, `DeltaX` / `DeltaY` with the `g` repeat
//! syntax) and its text. Text codes become positioned pieces for the PDF path's
//! paragraph restoration ([`super::pdf::pdf_pages_to_text`]: lines joined by baseline,
//! running headers and page numbers dropped, paragraph breaks from geometry); OFD's y
//! grows downwards, PDF's upwards, so y is negated. Templates (`Template`, page
//! furniture such as 红头 lines and page numbers) and annotations are not read.
//! An OFD without text codes (scanned pages as `ImageObject`) is refused with a
//! message that says so.

use super::docx::Zip;
use super::pdf::{pdf_pages_to_text, PdfLine};
use super::xml::{attr, local, to_utf8, walk, Budget, XmlEv};
use super::{DecodeError, Limits};

pub(crate) struct OfdOut {
    pub text: String,
    pub warnings: Vec<String>,
}

const MAX_DOCS: usize = 16;
const MAX_PAGES: usize = 5_000;
const MAX_PIECES: usize = 2_000_000;
/// Default font size (mm) when a text object names none: about 10.5 pt (五号).
const DEFAULT_SIZE: f64 = 3.7;

/// `a/b/../c` against the folder of the part that names it; `/x` from the root.
fn join(base_dir: &str, target: &str) -> String {
    super::docx::resolve(base_dir, target.trim())
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

fn numbers(s: &str) -> Vec<f64> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .collect()
}

/// `DeltaX="g 3 1.27 2.5"` → `[1.27, 1.27, 1.27, 2.5]`, at most `max` values.
pub(crate) fn deltas(s: &str, max: usize) -> Vec<f64> {
    let mut out = vec![];
    let mut it = s.split_whitespace();
    while let Some(t) = it.next() {
        if out.len() >= max {
            break;
        }
        if t == "g" {
            let n = it.next().and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
            let v = it.next().and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            let v = if v.is_finite() { v } else { 0.0 };
            for _ in 0..n.min(max - out.len()) {
                out.push(v);
            }
        } else if let Ok(v) = t.parse::<f64>() {
            out.push(if v.is_finite() { v } else { 0.0 });
        }
    }
    out
}

/// The text object being read: its placement and its text codes.
#[derive(Default)]
struct TextObj {
    bx: f64,
    by: f64,
    ctm: Option<[f64; 6]>,
    size: f64,
}

#[derive(Default)]
struct Code {
    x: f64,
    y: f64,
    dx: String,
    dy: String,
    text: String,
}

impl TextObj {
    /// Object space → page space (mm, y down).
    fn place(&self, x: f64, y: f64) -> (f64, f64) {
        let (x, y) = match self.ctm {
            Some([a, b, c, d, e, f]) => (a * x + c * y + e, b * x + d * y + f),
            None => (x, y),
        };
        (self.bx + x, self.by + y)
    }

    /// The font size on the page (the CTM scales it).
    fn page_size(&self) -> f64 {
        let s = match self.ctm {
            Some([a, b, c, d, ..]) => self.size * ((a * d - b * c).abs().sqrt()),
            None => self.size,
        };
        if s.is_finite() && s > 0.0 {
            s
        } else {
            DEFAULT_SIZE
        }
    }

    /// A text code as pieces: one per run of glyphs on one baseline (`DeltaY` moves
    /// start a new one), white space at the ends of a run left out (layout engines put
    /// narrow spaces between hanzi and digits; the PDF path drops them too).
    fn pieces(&self, code: &Code, out: &mut Vec<PdfLine>) {
        let chars: Vec<char> = code.text.chars().filter(|c| !c.is_control()).collect();
        let n = chars.len();
        if n == 0 {
            return;
        }
        let dx = deltas(&code.dx, n - 1);
        let dy = deltas(&code.dy, n - 1);
        let size = self.page_size();
        let glyph = |c: char| if c.is_ascii() { 0.5 } else { 1.0 } * self.size.max(0.1);
        // Each glyph's origin in object space; a new run starts after a vertical move.
        let mut at = Vec::with_capacity(n);
        let (mut x, mut y) = (code.x, code.y);
        let mut run_starts = vec![0usize];
        for (i, c) in chars.iter().enumerate() {
            at.push((x, y));
            let step_y = dy.get(i).copied().unwrap_or(0.0);
            x += dx.get(i).copied().unwrap_or_else(|| glyph(*c));
            y += step_y;
            if step_y.abs() > 1e-9 && i + 1 < n {
                run_starts.push(i + 1);
            }
        }
        run_starts.push(n);
        for w in run_starts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let Some(first) = (a..b).find(|k| !chars[*k].is_whitespace()) else {
                continue;
            };
            let last = (a..b)
                .rev()
                .find(|k| !chars[*k].is_whitespace())
                .unwrap_or(first);
            let text: String = chars[first..=last].iter().collect();
            // The run's own origin (a leading space is narrow; some writers spread
            // a run's glyphs over the whole line, so the first glyph's is not safer).
            let (px, py) = self.place(at[a].0, at[a].1);
            let (ex, _) = self.place(at[last].0 + glyph(chars[last]), at[last].1);
            out.push(PdfLine::new(text, px, -py, (ex - px).max(0.0), size));
        }
    }
}

/// The text pieces of one page's content, and whether it holds pictures.
fn page_pieces(
    xml: &str,
    limits: &Limits,
    budget: &mut Budget,
    left: &mut usize,
) -> Result<(Vec<PdfLine>, bool), DecodeError> {
    let mut out = vec![];
    let mut images = false;
    let mut obj: Option<TextObj> = None;
    let mut code: Option<Code> = None;
    let mut skip = 0usize;
    walk(xml, "OFD 页面", limits, budget, |ev| {
        match ev {
            XmlEv::Start(e) => {
                let qn = e.name();
                match local(qn.as_ref()) {
                    _ if skip > 0 => skip += 1,
                    // Template references and page-level actions are not page text.
                    b"Template" | b"Actions" => skip = 1,
                    b"ImageObject" => images = true,
                    b"TextObject" => {
                        let b = attr(e, b"Boundary")
                            .map(|v| numbers(&v))
                            .unwrap_or_default();
                        let ctm = attr(e, b"CTM")
                            .map(|v| numbers(&v))
                            .filter(|v| v.len() == 6);
                        let size = attr(e, b"Size")
                            .or_else(|| attr(e, b"size"))
                            .and_then(|v| v.trim().parse::<f64>().ok())
                            .filter(|v| v.is_finite() && *v > 0.0)
                            .unwrap_or(DEFAULT_SIZE);
                        obj = Some(TextObj {
                            bx: b.first().copied().unwrap_or(0.0),
                            by: b.get(1).copied().unwrap_or(0.0),
                            ctm: ctm.map(|v| [v[0], v[1], v[2], v[3], v[4], v[5]]),
                            size,
                        });
                    }
                    b"TextCode" if obj.is_some() => {
                        let num = |n: &[u8]| {
                            attr(e, n)
                                .and_then(|v| v.trim().parse::<f64>().ok())
                                .filter(|v| v.is_finite())
                        };
                        // A code without X/Y continues where the previous one ended.
                        code = Some(Code {
                            x: num(b"X").unwrap_or(0.0),
                            y: num(b"Y").unwrap_or(0.0),
                            dx: attr(e, b"DeltaX").unwrap_or_default(),
                            dy: attr(e, b"DeltaY").unwrap_or_default(),
                            text: String::new(),
                        });
                    }
                    _ => {}
                }
            }
            XmlEv::End(n) => match local(n) {
                _ if skip > 0 => skip -= 1,
                b"TextCode" => {
                    if let (Some(c), Some(o)) = (code.take(), obj.as_ref()) {
                        let before = out.len();
                        o.pieces(&c, &mut out);
                        let added = out.len() - before;
                        if added > *left {
                            return Err(DecodeError::TooComplex {
                                what: format!("文字片段超过 {MAX_PIECES} 个"),
                            });
                        }
                        *left -= added;
                    }
                }
                b"TextObject" => obj = None,
                _ => {}
            },
            XmlEv::Text(t) => {
                if skip == 0 {
                    if let Some(c) = code.as_mut() {
                        if c.text.len() < 1 << 20 {
                            c.text.push_str(t);
                        }
                    }
                }
            }
        }
        Ok(true)
    })?;
    Ok((out, images))
}

/// The text of every page of every document in an OFD package.
pub(crate) fn decode_ofd(bytes: &[u8], limits: &Limits) -> Result<OfdOut, DecodeError> {
    let mut zip = Zip::open(bytes, limits)?;
    let mut budget = Budget::new(limits);
    let root = zip.read("OFD.xml")?.ok_or_else(|| DecodeError::Corrupt {
        what: "OFD 文件中没有 OFD.xml".into(),
    })?;
    // DocRoot of each DocBody.
    let mut docs: Vec<String> = vec![];
    let mut in_root = false;
    let mut cur = String::new();
    walk(&to_utf8(&root), "OFD.xml", limits, &mut budget, |ev| {
        match ev {
            XmlEv::Start(e) if local(e.name().as_ref()) == b"DocRoot" => {
                in_root = true;
                cur.clear();
            }
            XmlEv::End(n) if local(n) == b"DocRoot" => {
                in_root = false;
                if !cur.trim().is_empty() && docs.len() < MAX_DOCS {
                    docs.push(join("", &cur));
                }
            }
            XmlEv::Text(t) if in_root => cur.push_str(t),
            _ => {}
        }
        Ok(true)
    })?;
    let mut pages: Vec<Vec<PdfLine>> = vec![];
    let mut image_pages: Vec<usize> = vec![];
    let mut left = MAX_PIECES;
    for doc in &docs {
        let Some(xml) = zip.read(doc)? else {
            continue;
        };
        let mut locs: Vec<String> = vec![];
        let mut in_pages = false;
        walk(&to_utf8(&xml), "Document.xml", limits, &mut budget, |ev| {
            match ev {
                XmlEv::Start(e) => match local(e.name().as_ref()) {
                    b"Pages" => in_pages = true,
                    b"Page" if in_pages && locs.len() < MAX_PAGES => {
                        if let Some(l) = attr(e, b"BaseLoc") {
                            locs.push(join(dir_of(doc), &l));
                        }
                    }
                    _ => {}
                },
                XmlEv::End(n) => {
                    if local(n) == b"Pages" {
                        in_pages = false;
                    }
                }
                XmlEv::Text(_) => {}
            }
            Ok(true)
        })?;
        for loc in locs {
            if pages.len() >= MAX_PAGES {
                break;
            }
            // BaseLoc names the page's Content.xml (some writers name its folder).
            let part = match zip.read(&loc)? {
                Some(p) => Some(p),
                None => zip.read(&join(&loc, "Content.xml"))?,
            };
            let (pieces, images) = match part {
                Some(x) => page_pieces(&to_utf8(&x), limits, &mut budget, &mut left)?,
                None => (vec![], false),
            };
            if pieces.iter().all(|p| p.text.trim().is_empty()) && images {
                image_pages.push(pages.len() + 1);
            }
            pages.push(pieces);
        }
    }
    let text = pdf_pages_to_text(&pages);
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    if visible < 10 {
        return Err(DecodeError::Unsupported {
            what: if image_pages.is_empty() {
                "OFD 文件中没有找到文字:请确认选对了文件,或用 OFD 阅读器另存为 PDF 后再试".into()
            } else {
                "该 OFD 文件没有文字层(页面是扫描件或图片),无法提取文字:请使用原始 Word 文件或带文字的 OFD/PDF,或先做文字识别(OCR)后再试".into()
            },
        });
    }
    let mut warnings = vec![];
    if !image_pages.is_empty() {
        let list: Vec<String> = image_pages.iter().take(20).map(|p| p.to_string()).collect();
        warnings.push(format!(
            "第 {} 页没有文字层(可能是扫描页或图片),其中的内容未能读取。",
            list.join("、")
        ));
    }
    if text.chars().count() > limits.max_output_chars {
        return Err(DecodeError::TooComplex {
            what: format!("文字超过 {} 万字", limits.max_output_chars / 10_000),
        });
    }
    Ok(OfdOut { text, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_syntax_and_paths() {
        assert_eq!(deltas("g 3 1.5 2", 10), vec![1.5, 1.5, 1.5, 2.0]);
        assert_eq!(deltas("g 99999999 1", 3), vec![1.0, 1.0, 1.0]);
        assert_eq!(deltas("x g", 5), Vec::<f64>::new());
        assert_eq!(
            join("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(join("Doc_0/Pages", "/Doc_0/Res.xml"), "Doc_0/Res.xml");
        assert_eq!(join("a/b", "../c"), "a/c");
    }

    #[test]
    fn vertical_moves_split_a_code_into_pieces() {
        let o = TextObj {
            bx: 10.0,
            by: 20.0,
            ctm: None,
            size: 4.0,
        };
        let mut out = vec![];
        o.pieces(
            &Code {
                x: 0.0,
                y: 4.0,
                dx: "4 0 4".into(),
                dy: "0 6 0".into(),
                text: "牵头单位".into(),
            },
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].text, "牵头");
        assert_eq!(out[1].text, "单位");
        assert_eq!((out[0].x, out[0].y, out[0].width), (10.0, -24.0, 8.0));
        assert_eq!((out[1].x, out[1].y), (14.0, -30.0));
    }
}
