//! Format sniffing by content; the file name is only a tie-breaker.

/// What a file is, judged from its first bytes (and its name when the bytes allow both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text in some encoding (maybe with HTML fragments inside).
    Text,
    /// A web page.
    Html,
    /// A saved web page in MIME form (.mht / .mhtml).
    Mhtml,
    /// A zip holding `word/document.xml`.
    Docx,
    /// A zip holding `xl/workbook.xml`: `.xlsx`, `.xlsm`, WPS `.et` saved as xlsx.
    Xlsx,
    /// OpenDocument text (`mimetype` `application/vnd.oasis.opendocument.text`).
    Odt,
    /// OpenDocument spreadsheet (`application/vnd.oasis.opendocument.spreadsheet`).
    Ods,
    /// OFD (GB/T 33190): a zip with `OFD.xml` at its root.
    Ofd,
    /// Another zip (pptx, plain archive…).
    Zip,
    /// `%PDF`.
    Pdf,
    /// An OLE compound file: Word 97–2003 .doc / .wps (read), legacy .et / .xls / .ppt,
    /// or an encrypted .docx.
    Ole,
    /// A picture; the name of its format.
    Image(&'static str),
    /// A compressed archive other than zip; its name.
    Archive(&'static str),
    /// Rich Text Format (read; often served as `.doc`).
    Rtf,
    /// Word saved as XML: Flat OPC (`<pkg:package>`) or WordprocessingML 2003.
    WordXml,
}

/// Sniff the format of `bytes`. Never fails: anything unknown is [`Format::Text`],
/// and the text decoder decides whether it is text at all.
pub fn sniff(bytes: &[u8], file_name: &str) -> Format {
    let ext = extension(file_name);
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        return zip_format(bytes, &ext);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole;
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Format::Image("PNG");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Format::Image("JPEG");
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Format::Image("GIF");
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Format::Image("TIFF");
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Format::Image("WebP");
    }
    if bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(&bytes[8..12], b"heic" | b"heix" | b"mif1" | b"avif")
    {
        return Format::Image("HEIC/AVIF");
    }
    if bytes.starts_with(b"BM")
        && bytes.len() >= 14
        && (ext == "bmp" || bytes[6..10] == [0, 0, 0, 0])
    {
        return Format::Image("BMP");
    }
    if bytes.starts_with(&[0x1F, 0x8B]) {
        return Format::Archive("gzip 压缩包");
    }
    if bytes.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return Format::Archive("7z 压缩包");
    }
    if bytes.starts_with(b"Rar!\x1A\x07") {
        return Format::Archive("RAR 压缩包");
    }
    if bytes.starts_with(&[0xFD, b'7', b'z', b'X', b'Z', 0]) {
        return Format::Archive("xz 压缩包");
    }
    if bytes.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        return Format::Archive("zstd 压缩包");
    }
    if bytes.len() >= 10
        && bytes.starts_with(b"BZh")
        && (b'1'..=b'9').contains(&bytes[3])
        && &bytes[4..10] == b"1AY&SY"
    {
        return Format::Archive("bzip2 压缩包");
    }
    if bytes.len() > 262 && &bytes[257..262] == b"ustar" {
        return Format::Archive("tar 归档");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    // PDF readers accept junk before the header within the first KB.
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    // Text-like: look at an ASCII view of the start (NULs of UTF-16 dropped).
    let view: Vec<u8> = bytes
        .iter()
        .take(8192)
        .filter(|b| **b != 0)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let trimmed = trim_start_view(&view);
    if is_mhtml(trimmed)
        || (matches!(ext.as_str(), "mht" | "mhtml") && find(trimmed, b"content-type:").is_some())
    {
        return Format::Mhtml;
    }
    if (trimmed.starts_with(b"<?xml")
        || trimmed.starts_with(b"<pkg:package")
        || trimmed.starts_with(b"<w:worddocument"))
        && (find(trimmed, b"<pkg:package").is_some() || find(trimmed, b"<w:worddocument").is_some())
    {
        return Format::WordXml;
    }
    let html_start = [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<!--",
    ];
    if html_start.iter().any(|p| trimmed.starts_with(p))
        || (trimmed.starts_with(b"<?xml") && find(trimmed, b"<html").is_some())
    {
        // A comment alone is not enough: require an html tag later on.
        if !trimmed.starts_with(b"<!--")
            || find(trimmed, b"<html").is_some()
            || find(trimmed, b"<body").is_some()
        {
            return Format::Html;
        }
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") && find(trimmed, b"<").is_some() {
        return Format::Html;
    }
    Format::Text
}

/// Which kind of zip: the entry names (stored uncompressed in the local headers and
/// the central directory) and an OpenDocument `mimetype` decide; the extension only
/// breaks ties.
fn zip_format(bytes: &[u8], ext: &str) -> Format {
    // OpenDocument: the first entry is `mimetype`, stored, holding the media type.
    let odf = bytes
        .get(30..38)
        .filter(|n| *n == b"mimetype")
        .and_then(|_| bytes.get(38..bytes.len().min(200)));
    if let Some(head) = odf {
        let mt = b"application/vnd.oasis.opendocument.";
        if let Some(p) = find(head, mt) {
            let rest = &head[p + mt.len()..];
            if rest.starts_with(b"text") {
                return Format::Odt;
            }
            if rest.starts_with(b"spreadsheet") {
                return Format::Ods;
            }
        }
    }
    let has = |n: &[u8]| find(bytes, n).is_some();
    let word = has(b"word/document.xml");
    let xl = has(b"xl/workbook.xml");
    let ofd = has(b"OFD.xml");
    match (word, xl, ofd) {
        (true, false, false) => return Format::Docx,
        (false, true, false) => return Format::Xlsx,
        (false, false, true) => return Format::Ofd,
        _ => {}
    }
    // Several candidates (or none): the extension breaks the tie.
    match ext {
        "xlsx" | "xlsm" | "et" | "xltx" | "xltm" if xl => Format::Xlsx,
        "ofd" if ofd => Format::Ofd,
        "odt" | "ott" if has(b"content.xml") => Format::Odt,
        "ods" | "ots" if has(b"content.xml") => Format::Ods,
        _ if word => Format::Docx,
        _ if xl => Format::Xlsx,
        _ if ofd => Format::Ofd,
        _ => Format::Zip,
    }
}

fn is_mhtml(view: &[u8]) -> bool {
    let head = &view[..view.len().min(4096)];
    (head.starts_with(b"mime-version:")
        || head.starts_with(b"from:")
        || head.starts_with(b"subject:")
        || head.starts_with(b"date:")
        || head.starts_with(b"snapshot-content-location:"))
        && find(head, b"multipart/related").is_some()
}

/// Skip a UTF-8 BOM (or its NUL-stripped UTF-16 remains) and ASCII whitespace.
fn trim_start_view(v: &[u8]) -> &[u8] {
    let mut i = 0;
    while i < v.len() && (v[i].is_ascii_whitespace() || v[i] >= 0x80) && i < 8 {
        i += 1;
    }
    while i < v.len() && v[i].is_ascii_whitespace() {
        i += 1;
    }
    &v[i..]
}

pub(crate) fn extension(file_name: &str) -> String {
    match file_name.rsplit_once('.') {
        Some((_, e)) if e.len() <= 8 => e.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// First position of `needle` in `hay` (naive, fine for the short needles used here).
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        match hay[i..=last_start].iter().position(|b| *b == first) {
            None => return None,
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n", "a.txt"), Format::Pdf);
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\nxxxx", "a.docx"),
            Format::Image("PNG")
        );
        assert_eq!(sniff(b"  <!DOCTYPE html><html>", "a.txt"), Format::Html);
        assert_eq!(sniff("\u{feff}<html><body>".as_bytes(), "a"), Format::Html);
        assert_eq!(sniff("一、总则".as_bytes(), "a.html"), Format::Text);
        assert_eq!(sniff(b"{\\rtf1\\ansi", "a.doc"), Format::Rtf);
        assert_eq!(
            sniff(
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
                "a.wps"
            ),
            Format::Ole
        );
        // Zips: the entries decide, the name only breaks ties.
        let local = |name: &str, body: &str| {
            let mut v = b"PK\x03\x04".to_vec();
            v.extend_from_slice(&[0; 22]);
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&[0, 0]);
            v.extend_from_slice(name.as_bytes());
            v.extend_from_slice(body.as_bytes());
            v
        };
        let odt = local("mimetype", "application/vnd.oasis.opendocument.text");
        assert_eq!(sniff(&odt, "a.docx"), Format::Odt);
        let ods = local("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(sniff(&ods, "a.odt"), Format::Ods);
        assert_eq!(sniff(&local("xl/workbook.xml", ""), "a.et"), Format::Xlsx);
        assert_eq!(sniff(&local("xl/workbook.xml", ""), "a.txt"), Format::Xlsx);
        assert_eq!(sniff(&local("OFD.xml", ""), "a.zip"), Format::Ofd);
        assert_eq!(
            sniff(&local("word/document.xml", ""), "a.xlsx"),
            Format::Docx
        );
        let both = local("word/document.xml", "xl/workbook.xml");
        assert_eq!(sniff(&both, "a.xlsx"), Format::Xlsx);
        assert_eq!(sniff(&both, "a.zip"), Format::Docx);
        assert_eq!(sniff(&local("content.xml", ""), "a.odt"), Format::Odt);
        assert_eq!(sniff(&local("a.txt", ""), "a.odt"), Format::Zip);
        assert_eq!(find(b"abcabd", b"abd"), Some(3));
        assert_eq!(find(b"ab", b"abd"), None);
    }
}
