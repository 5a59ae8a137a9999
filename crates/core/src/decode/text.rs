//! Text in any common Chinese encoding: BOMs, UTF-16 without BOM, UTF-8, then
//! `chardetng` (GBK/GB18030, Big5, …) — the pair Firefox uses.

use super::{DecodeError, Limits};
use encoding_rs::{Encoding, BIG5, GBK, UTF_16BE, UTF_16LE, UTF_8};

pub(crate) struct TextOut {
    pub text: String,
    /// Display name: `UTF-8`, `GBK`, `Big5`, `UTF-16LE`, …
    pub encoding: String,
    pub warnings: Vec<String>,
}

/// How much of the input the statistical detector reads.
const DETECT_BYTES: usize = 1 << 20;

/// Decode the bytes of a text file.
pub(crate) fn decode_text_bytes(bytes: &[u8], limits: &Limits) -> Result<TextOut, DecodeError> {
    let (enc, skip, how) = detect(bytes, None).ok_or(DecodeError::Binary)?;
    finish(bytes, enc, skip, how, limits)
}

/// Decode the bytes of a web page: BOM, then valid UTF-8, then `<meta charset>`,
/// then the detector.
pub(crate) fn decode_html_bytes(bytes: &[u8], limits: &Limits) -> Result<TextOut, DecodeError> {
    let declared = meta_charset(&bytes[..bytes.len().min(8192)]);
    let (enc, skip, how) = detect(bytes, declared).ok_or(DecodeError::Binary)?;
    finish(bytes, enc, skip, how, limits)
}

/// Decode `bytes` as a labelled charset (from a MIME header), falling back to detection.
pub(crate) fn decode_with_label(
    bytes: &[u8],
    label: Option<&str>,
    limits: &Limits,
) -> Result<TextOut, DecodeError> {
    let declared = label.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    let declared = declared.or_else(|| meta_charset(&bytes[..bytes.len().min(8192)]));
    let (enc, skip, how) = detect(bytes, declared).ok_or(DecodeError::Binary)?;
    finish(bytes, enc, skip, how, limits)
}

#[derive(PartialEq)]
enum How {
    Bom,
    Sure,
    Declared,
    Guessed,
}

/// `None`: the bytes are binary, not text.
fn detect(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Option<(&'static Encoding, usize, How)> {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return Some((enc, len, How::Bom));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Some((enc, 0, How::Sure));
    }
    if looks_binary(bytes) {
        return None;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Some((UTF_8, 0, How::Sure));
    }
    if let Some(enc) = declared {
        if enc != UTF_16LE && enc != UTF_16BE && enc != UTF_8 {
            return Some((enc, 0, How::Declared));
        }
    }
    let n = bytes.len().min(DETECT_BYTES);
    let mut det = chardetng::EncodingDetector::new();
    det.feed(&bytes[..n], n == bytes.len());
    let mut enc = det.guess(None, true);
    // Chinese plans: a Japanese or Korean guess for mostly-hanzi bytes is
    // almost always GBK or Big5 misread; prefer the one that decodes cleanly.
    if enc != GBK && enc != BIG5 && enc != UTF_8 && enc.name() != "gb18030" {
        let gbk_ok = !GBK.decode_without_bom_handling(&bytes[..n]).1;
        let big5_ok = !BIG5.decode_without_bom_handling(&bytes[..n]).1;
        if !enc.is_single_byte() || gbk_ok || big5_ok {
            if gbk_ok {
                enc = GBK;
            } else if big5_ok {
                enc = BIG5;
            }
        }
    }
    Some((enc, 0, How::Guessed))
}

fn finish(
    bytes: &[u8],
    enc: &'static Encoding,
    skip: usize,
    how: How,
    limits: &Limits,
) -> Result<TextOut, DecodeError> {
    let body = &bytes[skip..];
    if how != How::Bom && enc != UTF_16LE && enc != UTF_16BE && looks_binary(body) {
        return Err(DecodeError::Binary);
    }
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    let mut warnings = vec![];
    let name = display_name(enc);
    if had_errors {
        let bad = text.chars().filter(|c| *c == '\u{fffd}').count();
        let total = text.chars().count().max(1);
        if bad * 10 > total {
            return Err(DecodeError::Binary);
        }
        warnings.push(format!(
            "有 {bad} 处字节无法按 {name} 解码,已替换为 “�”:请核对原文件的编码。"
        ));
    }
    if how == How::Guessed && enc != UTF_8 {
        warnings.push(format!("文本编码由内容推断为 {name}。"));
    }
    let mut text = text.into_owned();
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    if text.chars().count() > limits.max_output_chars {
        return Err(DecodeError::TooComplex {
            what: format!("文字超过 {} 万字", limits.max_output_chars / 10_000),
        });
    }
    if looks_binary_text(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(TextOut {
        text,
        encoding: name,
        warnings,
    })
}

pub(crate) fn display_name(enc: &'static Encoding) -> String {
    match enc.name() {
        "gb18030" => "GB18030".into(),
        "UTF-16LE" | "UTF-16BE" | "UTF-8" | "GBK" | "Big5" => enc.name().into(),
        other => other.into(),
    }
}

/// Control bytes (other than tab, newlines, form feed, ESC) in the first 64 KB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(65536)];
    if sample.is_empty() {
        return false;
    }
    let ctrl = sample
        .iter()
        .filter(|b| matches!(**b, 0..=8 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
        .count();
    ctrl * 100 > sample.len() * 2
}

fn looks_binary_text(text: &str) -> bool {
    let mut n = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(65536) {
        n += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
            || ('\u{e000}'..='\u{f8ff}').contains(&c)
        {
            bad += 1;
        }
    }
    n > 0 && bad * 100 > n * 5
}

/// UTF-16 without a BOM: text of plans has NULs at one parity (ASCII, newlines)
/// or decodes to almost only hanzi, CJK punctuation and ASCII.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(65536) & !1;
    if n < 4 {
        return None;
    }
    let sample = &bytes[..n];
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let has_nul = zero_even + zero_odd > 0;
    // Valid UTF-8 without NULs is UTF-8.
    if !has_nul && std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let le = plausible_utf16(sample, true);
    let be = plausible_utf16(sample, false);
    let (best, score) = if le >= be {
        (UTF_16LE, le)
    } else {
        (UTF_16BE, be)
    };
    let threshold = if has_nul { 0.9 } else { 0.97 };
    if score >= threshold {
        Some(best)
    } else {
        None
    }
}

fn plausible_utf16(sample: &[u8], le: bool) -> f64 {
    let units = sample.len() / 2;
    let mut good = 0usize;
    for i in 0..units {
        let (a, b) = (sample[2 * i], sample[2 * i + 1]);
        let u = if le {
            u16::from_le_bytes([a, b])
        } else {
            u16::from_be_bytes([a, b])
        };
        let ok = matches!(u,
            0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xFF | 0x2000..=0x206F | 0x2150..=0x218F
            | 0x2460..=0x24FF | 0x2500..=0x25FF | 0x3000..=0x303F | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF | 0xFEFF);
        if ok {
            good += 1;
        }
    }
    good as f64 / units.max(1) as f64
}

/// `<meta charset="gbk">` or `<meta http-equiv=… content="text/html; charset=gb2312">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(p) = super::sniff::find(&lower[from..], b"charset") {
        let mut i = from + p + 7;
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i > start {
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                return Some(enc);
            }
        }
        from = i.max(from + p + 7);
    }
    None
}

/// Newlines normalised (CRLF, CR, U+2028/9 → LF), stray control chars dropped and
/// stand-in forms of hanzi repaired ([`super::repair`]): what the decoders do to plain
/// text, so pasted text and a .txt file analyse alike.
pub fn normalize_text(s: &str) -> String {
    if is_normal(s) {
        return s.to_string();
    }
    normalize_chars(s)
}

/// Whether [`normalize_text`] would return `s` unchanged: one pass over the bytes for
/// anything it rewrites (C0 and C1 controls but tab and LF, DEL, U+2028/9, U+FEFF).
pub(crate) fn is_normal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' | b'\t' => {}
            0..=0x1F | 0x7F => return false,
            0xC2 if matches!(b.get(i + 1), Some(0x80..=0x9F)) => return false,
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                return false
            }
            0xEF if b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF) => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

/// [`normalize_text`] of a text the caller gives up: rewritten in its own bytes when no
/// char grows (every rewrite shortens or keeps a char, but for a few compatibility
/// ideographs whose hanzi lies outside the BMP), so no second copy is made.
pub(crate) fn normalize_owned(s: String) -> String {
    if is_normal(&s) {
        return s;
    }
    if s.chars()
        .any(|c| super::repair::fold(c).len_utf8() > c.len_utf8())
    {
        return normalize_chars(&s);
    }
    let mut b = s.into_bytes();
    // Read at `r`, written at `w <= r`: what is written never passes what is still to read.
    let (mut r, mut w) = (0, 0);
    let mut out = [0u8; 4];
    while r < b.len() {
        let n = match b[r] {
            0..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let end = (r + n).min(b.len());
        // Only these lead bytes start a char that is rewritten (C1 controls, U+2028/9,
        // U+FEFF, the stand-in forms of `repair`); any other char is moved as it is.
        let c = match b[r] {
            0x20..=0x7E | b'\n' | b'\t' => None,
            a @ 0..=0x7F => Some(char::from(a)),
            0xC2 | 0xE2 | 0xEF | 0xF0 => std::str::from_utf8(&b[r..end])
                .ok()
                .and_then(|s| s.chars().next()),
            _ => None,
        };
        let put: Option<char> = match c {
            None => {
                b.copy_within(r..end, w);
                w += end - r;
                r = end;
                continue;
            }
            Some('\r') => (b.get(r + 1) != Some(&b'\n')).then_some('\n'),
            Some('\u{2028}' | '\u{2029}' | '\u{c}' | '\u{b}') => Some('\n'),
            Some('\u{feff}') => None,
            Some(c @ ('\n' | '\t')) => Some(c),
            Some(c) if c.is_control() => None,
            Some(c) => Some(super::repair::fold(c)),
        };
        if let Some(c) = put {
            let e = c.encode_utf8(&mut out).as_bytes();
            if let Some(dst) = b.get_mut(w..w + e.len()) {
                dst.copy_from_slice(e);
                w += e.len();
            }
        }
        r = end;
    }
    b.truncate(w);
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn normalize_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\u{c}' | '\u{b}' => out.push('\n'),
            '\u{feff}' => {}
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(super::repair::fold(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lim() -> Limits {
        Limits::default()
    }

    #[test]
    fn detects_encodings() {
        let s = "一、总体要求\n（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导，到2025年，新增企业100家。\n";
        let (gbk, _, _) = GBK.encode(s);
        let t = decode_text_bytes(&gbk, &lim()).unwrap();
        assert_eq!(t.text, s);
        assert!(
            t.encoding == "GBK" || t.encoding == "GB18030",
            "{}",
            t.encoding
        );
        let mut le = vec![];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let t = decode_text_bytes(&le, &lim()).unwrap();
        assert_eq!(t.encoding, "UTF-16LE");
        assert_eq!(t.text, s);
        let mut be = vec![];
        for u in s.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let t = decode_text_bytes(&be, &lim()).unwrap();
        assert_eq!(t.encoding, "UTF-16BE");
        assert_eq!(t.text, s);
        let t = decode_text_bytes(s.as_bytes(), &lim()).unwrap();
        assert_eq!(t.encoding, "UTF-8");
    }

    #[test]
    fn big5_traditional() {
        let s = "為認真貫徹落實國務院《關於強化實施創新驅動發展戰略進一步推進大眾創業萬眾創新深入發展的意見》，現提出以下實施方案。各縣、區人民政府要加強組織領導。\n";
        let (b, _, _) = BIG5.encode(s);
        let t = decode_text_bytes(&b, &lim()).unwrap();
        assert_eq!(t.encoding, "Big5");
        assert_eq!(t.text, s);
    }

    #[test]
    fn meta_charset_found() {
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            ),
            Some(GBK)
        );
        assert_eq!(meta_charset(b"<meta charset='utf-8'>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<p>no</p>"), None);
    }

    #[test]
    fn normalizing_in_place_gives_what_the_copy_gives() {
        // Every rewritten kind, at the start, the end and side by side; a stand-in
        // radical (⾰ → 革), and a compatibility ideograph whose hanzi is longer in UTF-8.
        let cases = [
            "一、总体\r\n要求\r",
            "\r\r\n\r一\u{0}\u{7f}\u{85}\u{9f}二\u{2028}\u{2029}\u{b}\u{c}\u{feff}三\t",
            "关于实施⾰命⽂物保护利⽤⼯程\r\n（2018－2022年）",
            "\u{feff}é—“”…\u{2027}\u{202a}\u{fefe}\u{1}",
            "\u{fa6c}\r\n\u{2f00}",
            "\u{2fa1d}\u{2f800}\r",
            "",
        ];
        for s in cases {
            assert_eq!(normalize_owned(s.to_string()), normalize_chars(s), "{s:?}");
            assert_eq!(normalize_owned(s.to_string()), normalize_text(s), "{s:?}");
        }
    }

    #[test]
    fn normalizes_newlines() {
        assert_eq!(normalize_text("a\r\nb\rc\u{0}d"), "a\nb\ncd");
        // The fast check agrees with the char-by-char pass on every rewritten char.
        for c in [
            '\r', '\u{0}', '\u{b}', '\u{c}', '\u{7f}', '\u{85}', '\u{9f}', '\u{2028}', '\u{2029}',
            '\u{feff}',
        ] {
            let s = format!("一、总体{c}要求");
            assert!(!is_normal(&s), "{c:?}");
            assert_ne!(normalize_chars(&s), s);
        }
        for s in [
            "一、总体\t要求\n",
            "\u{a0}é—“”…\u{2027}\u{202a}\u{fefe}",
            "",
        ] {
            assert!(is_normal(s), "{s:?}");
            assert_eq!(normalize_chars(s), s);
        }
    }
}
