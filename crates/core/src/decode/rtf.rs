//! Rich Text Format (often served by government sites as `.doc`): paragraphs, table
//! rows (cells joined by [`super::CELL_SEP`]), list labels (`\listtext`, `\pntext`), field
//! results; fonts, styles, pictures, headers, footers, field codes and other
//! destinations skipped. Text in `\'hh` bytes is decoded with the document's code page
//! (`\ansicpg936` → GBK, 950 → Big5, …), `\uN` as Unicode.

use super::{DecodeError, Limits, CELL_SEP};
use encoding_rs::Encoding;

/// Destinations whose content is not body text.
const SKIP: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "objdata",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "mmathPr",
    "fldinst",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "bkmkstart",
    "bkmkend",
    "filetbl",
    "revtbl",
    "userprops",
    "docvar",
    "shppict",
    "nonshppict",
    "blipuid",
    "falt",
    "panose",
    "wgrffmtfilter",
    "pgdsctbl",
    "template",
    "xe",
    "tc",
    "sp",
    "sv",
    "shpinst",
];

struct Group {
    skip: bool,
    uc: usize,
    /// Inside `\listtext` / `\pntext`: the rendered list label (its tab is dropped).
    label: bool,
}

pub(crate) struct RtfOut {
    pub text: String,
    /// The code page used for `\'hh` bytes, when there were any beyond ASCII.
    pub encoding: Option<String>,
}

pub(crate) fn decode_rtf(bytes: &[u8], limits: &Limits) -> Result<RtfOut, DecodeError> {
    let mut enc: &'static Encoding = encoding_rs::GBK;
    let mut out = String::new();
    let mut pending: Vec<u8> = vec![];
    let mut stack: Vec<Group> = vec![Group {
        skip: false,
        uc: 1,
        label: false,
    }];
    // Chars still to skip after a \uN (its fallback representation).
    let mut skip_fallback = 0usize;
    let mut row_cells = 0usize;
    let mut i = 0;
    let mut used_bytes = false;
    let mut flush = |pending: &mut Vec<u8>, out: &mut String, enc: &'static Encoding| {
        if !pending.is_empty() {
            used_bytes |= pending.iter().any(|b| *b >= 0x80);
            out.push_str(&enc.decode_without_bom_handling(pending).0);
            pending.clear();
        }
    };
    while i < bytes.len() {
        if out.len() > limits.max_output_chars.saturating_mul(4) {
            return Err(DecodeError::TooComplex {
                what: format!("文字超过 {} 万字", limits.max_output_chars / 10_000),
            });
        }
        let c = bytes[i];
        let skipping = stack.last().is_some_and(|g| g.skip);
        match c {
            b'{' => {
                flush(&mut pending, &mut out, enc);
                if stack.len() >= limits.max_xml_depth {
                    return Err(DecodeError::TooComplex {
                        what: format!("RTF 的嵌套超过 {} 层", limits.max_xml_depth),
                    });
                }
                let uc = stack.last().map_or(1, |g| g.uc);
                let label = stack.last().is_some_and(|g| g.label);
                stack.push(Group {
                    skip: skipping,
                    uc,
                    label,
                });
                skip_fallback = 0;
                i += 1;
            }
            b'}' => {
                flush(&mut pending, &mut out, enc);
                if stack.len() > 1 {
                    stack.pop();
                }
                skip_fallback = 0;
                i += 1;
            }
            b'\\' => {
                let Some(&n) = bytes.get(i + 1) else { break };
                if n == b'\'' {
                    // \'hh: one byte in the document's code page.
                    let hex = bytes
                        .get(i + 2..i + 4)
                        .and_then(|h| std::str::from_utf8(h).ok())
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    i += 4;
                    if let Some(b) = hex {
                        if skip_fallback > 0 {
                            skip_fallback -= 1;
                        } else if !skipping {
                            pending.push(b);
                        }
                    }
                    continue;
                }
                if !n.is_ascii_alphabetic() {
                    // Control symbol.
                    i += 2;
                    if skipping {
                        if n == b'*' {
                            if let Some(g) = stack.last_mut() {
                                g.skip = true;
                            }
                        }
                        continue;
                    }
                    flush(&mut pending, &mut out, enc);
                    match n {
                        b'*' => {
                            // Ignorable destination we do not know: skip it.
                            if let Some(g) = stack.last_mut() {
                                g.skip = true;
                            }
                        }
                        b'~' => out.push(' '),
                        b'_' => out.push('-'),
                        b'\\' | b'{' | b'}' => out.push(n as char),
                        b'\n' | b'\r' => out.push('\n'),
                        _ => {}
                    }
                    continue;
                }
                // Control word: letters, optional signed number, optional space.
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j].is_ascii_alphabetic() && j - start < 32 {
                    j += 1;
                }
                let word = std::str::from_utf8(&bytes[start..j]).unwrap_or("");
                let num_start = j;
                if j < bytes.len() && bytes[j] == b'-' {
                    j += 1;
                }
                while j < bytes.len() && bytes[j].is_ascii_digit() && j - num_start < 10 {
                    j += 1;
                }
                let param: Option<i64> = std::str::from_utf8(&bytes[num_start..j])
                    .ok()
                    .and_then(|s| s.parse().ok());
                if j < bytes.len() && bytes[j] == b' ' {
                    j += 1;
                }
                i = j;
                if word == "bin" {
                    i = i
                        .saturating_add(param.unwrap_or(0).max(0) as usize)
                        .min(bytes.len());
                    continue;
                }
                if SKIP.contains(&word) {
                    if let Some(g) = stack.last_mut() {
                        g.skip = true;
                    }
                    continue;
                }
                if word == "ansicpg" {
                    enc = match param {
                        Some(936) => encoding_rs::GBK,
                        Some(950) => encoding_rs::BIG5,
                        Some(65001) => encoding_rs::UTF_8,
                        Some(cp) => Encoding::for_label(format!("cp{cp}").as_bytes())
                            .or_else(|| Encoding::for_label(format!("windows-{cp}").as_bytes()))
                            .unwrap_or(encoding_rs::GBK),
                        None => enc,
                    };
                    continue;
                }
                if word == "listtext" || word == "pntext" {
                    if let Some(g) = stack.last_mut() {
                        g.label = true;
                    }
                    continue;
                }
                if word == "uc" {
                    if let Some(g) = stack.last_mut() {
                        g.uc = param.unwrap_or(1).clamp(0, 8) as usize;
                    }
                    continue;
                }
                if skipping {
                    continue;
                }
                if word == "u" {
                    flush(&mut pending, &mut out, enc);
                    let v = param.unwrap_or(0);
                    let v = if v < 0 { v + 65536 } else { v };
                    out.push(char::from_u32(v as u32).unwrap_or('\u{fffd}'));
                    skip_fallback = stack.last().map_or(1, |g| g.uc);
                    continue;
                }
                let text = match word {
                    "par" | "line" | "sect" | "page" => Some("\n"),
                    "tab" if stack.last().is_some_and(|g| g.label) => None,
                    "tab" => Some(" "),
                    "cell" | "nestcell" => {
                        row_cells += 1;
                        Some(CELL_SEP)
                    }
                    "row" | "nestrow" => {
                        row_cells = 0;
                        Some("\n")
                    }
                    "emdash" => Some("—"),
                    "endash" => Some("–"),
                    "lquote" => Some("‘"),
                    "rquote" => Some("’"),
                    "ldblquote" => Some("“"),
                    "rdblquote" => Some("”"),
                    "bullet" => Some("•"),
                    _ => None,
                };
                if let Some(t) = text {
                    flush(&mut pending, &mut out, enc);
                    out.push_str(t);
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                i += 1;
                if skip_fallback > 0 {
                    skip_fallback -= 1;
                    continue;
                }
                if !skipping {
                    pending.push(c);
                }
            }
        }
    }
    flush(&mut pending, &mut out, enc);
    let _ = row_cells;
    // Tidy: a row's last cell mark before its end, trailing spaces, empty lines.
    let out = super::text::normalize_text(&out);
    let mut text = String::with_capacity(out.len());
    for line in out.lines() {
        let l = line.trim_end();
        let l = l.strip_suffix(CELL_SEP.trim_end()).unwrap_or(l).trim_end();
        let l = l.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
        if !l.is_empty() {
            text.push_str(l);
            text.push('\n');
        }
    }
    Ok(RtfOut {
        text,
        encoding: used_bytes.then(|| super::text::display_name(enc)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chinese_rtf() {
        let rtf = br"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}{\*\generator Msftedit;}{\header \'d2\'b3\'c3\'bc\par}
{\listtext \'d2\'bb\'a1\'a2\tab}\'d7\'dc\'cc\'e5\'d2\'aa\'c7\'f3\par
\u21019?\u26032?\'a3\'ac{\field{\*\fldinst PAGE}{\fldrslt 5}}\par
\trowd\cellx1000\cellx2000 \'d0\'f2\'ba\'c5\cell \'c8\'ce\'ce\'f1\cell\row
}";
        let out = decode_rtf(rtf, &Limits::default()).unwrap();
        assert_eq!(out.text, "一、总体要求\n创新，5\n序号 | 任务\n");
        assert_eq!(out.encoding.as_deref(), Some("GBK"));
    }
}
