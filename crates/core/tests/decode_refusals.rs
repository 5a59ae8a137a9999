//! Every refusal and limit of the decode step ends quickly in a clear Chinese
//! message: empty, too large, 50 MB of garbage, legacy .xls/.et/old .wps, encrypted,
//! images, archives that are not .docx, zip bombs (huge entry, lying sizes,
//! compression ratio, too many entries), deep XML, entity bombs, PDFs.

use planlens_core::decode::{decode, decode_pdf_pages, pdf_error, DecodeError, Limits, PdfLine};
use std::time::{Duration, Instant};

/// A guard against runaway work (a bomb runs for minutes or exhausts memory), not a
/// speed claim: generous, so a loaded CI machine or a debug build never trips it.
/// Speed is measured by the benchmarks.
fn hang_guard(secs: u64) -> Duration {
    Duration::from_secs(secs * 10)
}

/// Decode and require an error of `code` whose message contains `needle`, within `secs`.
fn refuse(
    bytes: &[u8],
    name: &str,
    limits: &Limits,
    code: &str,
    needle: &str,
    secs: u64,
) -> DecodeError {
    let t = Instant::now();
    let r = decode(bytes, name, limits);
    let took = t.elapsed();
    let e = match r {
        Ok(d) => panic!(
            "{name}: expected refusal {code}, got text {:?}",
            d.text.chars().take(80).collect::<String>()
        ),
        Err(e) => e,
    };
    assert_eq!(e.code(), code, "{name}: {}", e.message());
    assert!(
        e.message().contains(needle),
        "{name}: message {:?} lacks {needle:?}",
        e.message()
    );
    assert!(took < hang_guard(secs), "{name}: took {took:?}");
    // Every message says why and what to do, in Chinese.
    assert!(e
        .message()
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    e
}

fn xorshift_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    let mut v = Vec::with_capacity(n);
    while v.len() < n {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.extend_from_slice(&seed.to_le_bytes());
    }
    v.truncate(n);
    v
}

// ---------------------------------------------------------------- a tiny zip writer

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

struct Entry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    data: Vec<u8>,
    size: u32,
}

fn stored(name: &str, data: &[u8]) -> Entry {
    Entry {
        name: name.into(),
        method: 0,
        flags: 0,
        crc: crc32(data),
        data: data.to_vec(),
        size: data.len() as u32,
    }
}

fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = vec![];
    let mut central = vec![];
    for e in entries {
        let off = out.len() as u32;
        let mut h = vec![];
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&20u16.to_le_bytes());
        h.extend_from_slice(&e.flags.to_le_bytes());
        h.extend_from_slice(&e.method.to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(&0x21u16.to_le_bytes());
        h.extend_from_slice(&e.crc.to_le_bytes());
        h.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        h.extend_from_slice(&e.size.to_le_bytes());
        h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&h);
        out.extend_from_slice(&e.data);
        let mut c = vec![];
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes());
        c.extend_from_slice(&h[4..30]);
        c.extend_from_slice(&0u16.to_le_bytes()); // comment
        c.extend_from_slice(&0u16.to_le_bytes()); // disk
        c.extend_from_slice(&0u16.to_le_bytes()); // internal attrs
        c.extend_from_slice(&0u32.to_le_bytes()); // external attrs
        c.extend_from_slice(&off.to_le_bytes());
        c.extend_from_slice(e.name.as_bytes());
        central.extend_from_slice(&c);
    }
    let cd_off = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A raw deflate stream (fixed Huffman) inflating to `n * 258 + 1` zero bytes:
/// one literal 0, then `n` copies of <length 258, distance 1> — 13 bits per 258 bytes.
fn zeros_deflate(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.len;
            self.len += bits;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, bits: u32) {
            let mut rev = 0;
            for i in 0..bits {
                rev |= ((code >> i) & 1) << (bits - 1 - i);
            }
            self.put(rev, bits);
        }
    }
    let mut b = Bits {
        out: Vec::with_capacity(n * 13 / 8 + 16),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // BFINAL
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    for _ in 0..n {
        b.code(0xC5, 8); // length code 285 = 258
        b.code(0, 5); // distance code 0 = 1
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

fn docx_parts(document: &str) -> Vec<Entry> {
    vec![
        stored("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
        stored("word/document.xml", document.as_bytes()),
    ]
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

// ---------------------------------------------------------------- tests

#[test]
fn empty_and_too_large() {
    refuse(b"", "a.txt", &Limits::default(), "empty", "为空", 1);
    refuse(
        b" \n\t\r\n  ",
        "a.txt",
        &Limits::default(),
        "empty",
        "为空",
        1,
    );
    let big = vec![b'a'; 50 * 1024 * 1024 + 1];
    refuse(&big, "big.txt", &Limits::default(), "too_large", "50 MB", 1);
    let small = Limits {
        max_input_bytes: 10,
        ..Limits::default()
    };
    refuse(b"0123456789A", "a.txt", &small, "too_large", "上限", 1);
}

#[test]
fn fifty_megabytes_of_garbage_end_quickly() {
    let junk = xorshift_bytes(50 * 1024 * 1024, 0x9E37_79B9_7F4A_7C15);
    refuse(
        &junk,
        "junk.txt",
        &Limits::default(),
        "binary",
        "无法识别",
        5,
    );
    refuse(&junk, "junk.docx", &Limits::default(), "binary", ".docx", 5);
    // Garbage behind a zip signature is a damaged archive, not a hang.
    let mut z = b"PK\x03\x04".to_vec();
    z.extend_from_slice(&junk[..1024 * 1024]);
    let e = decode(&z, "x.docx", &Limits::default()).unwrap_err();
    assert!(matches!(e.code(), "corrupt" | "archive"), "{}", e.message());
}

/// A compound file holding one stream `name` (as Excel, PowerPoint or old WPS write).
fn compound_file(name: &str) -> Vec<u8> {
    use std::io::Write;
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    cf.create_stream(name)
        .unwrap()
        .write_all(&[7u8; 5000])
        .unwrap();
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

#[test]
fn legacy_office_files() {
    // Word 97–2003 files are read (tests/decode_doc.rs); other binary office files,
    // and a .wps without the Word layout, are refused with the format named.
    let book = compound_file("/Workbook");
    refuse(
        &book,
        "plan.doc",
        &Limits::default(),
        "legacy_office",
        "请另存为 .docx 后再试",
        1,
    );
    let e = refuse(
        &compound_file("/Contents"),
        "plan.wps",
        &Limits::default(),
        "legacy_office",
        "请另存为 .docx 后再试",
        1,
    );
    assert!(e.message().contains("WPS"));
    let e = refuse(
        &book,
        "plan.et",
        &Limits::default(),
        "legacy_office",
        "请另存为 .xlsx 后再试",
        1,
    );
    assert!(e.message().contains("WPS 表格"));
    // An OLE signature with a broken directory is refused the same way.
    let mut broken = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    broken.extend_from_slice(&[0xFFu8; 2000]);
    refuse(
        &broken,
        "plan.doc",
        &Limits::default(),
        "legacy_office",
        "Word(.doc)",
        1,
    );
}

#[test]
fn encrypted_documents() {
    // A password-protected .docx is an OLE file holding an EncryptedPackage stream.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0u8; 504]);
    ole.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    ole.extend_from_slice(&[0u8; 512]);
    refuse(
        &ole,
        "plan.docx",
        &Limits::default(),
        "encrypted",
        "密码",
        1,
    );
    // A zip whose document.xml is encrypted (general purpose flag bit 0).
    let mut parts = docx_parts("<w:document/>");
    parts[1].flags = 1;
    let e = decode(&zip(&parts), "plan.docx", &Limits::default()).unwrap_err();
    assert!(matches!(e.code(), "encrypted"), "{}", e.message());
    // pdf.js says PasswordException.
    let e = pdf_error("password", "");
    assert!(
        e.message().contains("PDF") && e.message().contains("密码"),
        "{}",
        e.message()
    );
}

#[test]
fn images_rtf_and_archives() {
    refuse(
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "scan.png",
        &Limits::default(),
        "image",
        "PNG",
        1,
    );
    refuse(
        &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F'],
        "scan.jpg",
        &Limits::default(),
        "image",
        "OCR",
        1,
    );
    refuse(
        b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}",
        "plan.rtf",
        &Limits::default(),
        "empty",
        "为空",
        1,
    );
    refuse(
        &[0x1F, 0x8B, 8, 0, 0, 0, 0, 0],
        "plans.gz",
        &Limits::default(),
        "archive",
        "解压",
        1,
    );
    refuse(
        b"Rar!\x1A\x07\x01\x00",
        "plans.rar",
        &Limits::default(),
        "archive",
        "RAR",
        1,
    );
    let z = zip(&[
        stored("a.txt", "一、总体要求".as_bytes()),
        stored("b.pdf", b"%PDF-1.4"),
    ]);
    refuse(
        &z,
        "plans.zip",
        &Limits::default(),
        "archive",
        "zip 压缩包",
        1,
    );
    let x = zip(&[
        stored("[Content_Types].xml", b"<Types/>"),
        stored("xl/workbook.xml", b"<workbook/>"),
    ]);
    refuse(
        &x,
        "book.xlsx",
        &Limits::default(),
        "unsupported",
        "Excel",
        1,
    );
    let o = zip(&[
        stored("mimetype", b"application/ofd"),
        stored("OFD.xml", b"<ofd:OFD/>"),
    ]);
    refuse(&o, "plan.ofd", &Limits::default(), "unsupported", "OFD", 1);
}

#[test]
fn zip_bomb_with_honest_sizes() {
    // 1 GiB of zeros in ~6.5 MB, declared as such: refused from the directory.
    let n = (1usize << 30) / 258;
    let data = zeros_deflate(n);
    let entry = Entry {
        name: "word/document.xml".into(),
        method: 8,
        flags: 0,
        crc: 0,
        data,
        size: (n * 258 + 1) as u32,
    };
    let bytes = zip(&[stored("[Content_Types].xml", b"<Types/>"), entry]);
    refuse(
        &bytes,
        "bomb.docx",
        &Limits::default(),
        "zip_bomb",
        "压缩",
        5,
    );
}

#[test]
fn zip_bomb_with_lying_sizes() {
    // 300 MB of zeros declared as 2 KB: whatever the zip reader does, it ends quickly.
    let n = 300 * 1024 * 1024 / 258;
    let entry = Entry {
        name: "word/document.xml".into(),
        method: 8,
        flags: 0,
        crc: 0,
        data: zeros_deflate(n),
        size: 2048,
    };
    let bytes = zip(&[stored("[Content_Types].xml", b"<Types/>"), entry]);
    let t = Instant::now();
    let e = decode(&bytes, "bomb.docx", &Limits::default()).unwrap_err();
    assert!(
        matches!(e.code(), "zip_bomb" | "corrupt"),
        "{}",
        e.message()
    );
    assert!(t.elapsed() < hang_guard(5));
}

#[test]
fn zip_bomb_ratio_and_total_guards() {
    // 20 MB of zeros (ratio ≈ 158:1) under the size caps: the ratio guard stops it.
    let n = 20 * 1024 * 1024 / 258;
    let entry = Entry {
        name: "word/document.xml".into(),
        method: 8,
        flags: 0,
        crc: 0,
        data: zeros_deflate(n),
        size: (n * 258 + 1) as u32,
    };
    let bytes = zip(&[stored("[Content_Types].xml", b"<Types/>"), entry]);
    let strict = Limits {
        max_compression_ratio: 100,
        ..Limits::default()
    };
    refuse(&bytes, "ratio.docx", &strict, "zip_bomb", "压缩比", 5);
    let small_total = Limits {
        max_total_unzipped: 5 * 1024 * 1024,
        ..Limits::default()
    };
    refuse(
        &bytes,
        "total.docx",
        &small_total,
        "zip_bomb",
        "解压总量",
        5,
    );
}

#[test]
fn too_many_zip_entries() {
    let mut entries: Vec<Entry> = (0..12_000)
        .map(|i| stored(&format!("x/{i}.xml"), b""))
        .collect();
    entries.push(stored("word/document.xml", b"<w:document/>"));
    refuse(
        &zip(&entries),
        "many.docx",
        &Limits::default(),
        "zip_bomb",
        "条目",
        5,
    );
}

#[test]
fn deep_xml_and_entity_bombs() {
    let deep = format!(
        "<w:document {W}><w:body>{}{}</w:body></w:document>",
        "<w:p>".repeat(100_000),
        "</w:p>".repeat(100_000)
    );
    refuse(
        &zip(&docx_parts(&deep)),
        "deep.docx",
        &Limits::default(),
        "too_complex",
        "嵌套",
        5,
    );
    // Billion laughs: DTD entities are never expanded.
    let mut dtd = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!(
                "&lol{};",
                if i == 1 {
                    String::new()
                } else {
                    (i - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    dtd.push_str("]>");
    let doc = format!("{dtd}<w:document {W}><w:body><w:p><w:r><w:t>一、总体要求&lol9;</w:t></w:r></w:p></w:body></w:document>");
    let t = Instant::now();
    let r = decode(&zip(&docx_parts(&doc)), "lol.docx", &Limits::default());
    assert!(t.elapsed() < hang_guard(2));
    match r {
        Ok(d) => assert!(
            d.text.len() < 1000 && d.text.contains("一、总体要求"),
            "{}",
            d.text
        ),
        Err(e) => assert_eq!(e.code(), "corrupt", "{}", e.message()),
    }
    // A page of 200 000 nested divs is read flat, quickly.
    let html = format!(
        "<html><body>{}一、总体要求{}</body></html>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    let t = Instant::now();
    let d = decode(html.as_bytes(), "deep.html", &Limits::default()).unwrap();
    assert_eq!(d.text.trim(), "一、总体要求");
    assert!(t.elapsed() < hang_guard(5));
}

#[test]
fn adversarial_markup_stays_linear() {
    for unit in [
        "<head>",
        "<td>",
        "<select>",
        "<a ",
        "<!",
        "&#x",
        "<p>&nbsp;",
        "<tr><td><p>",
        "<ol><li>",
    ] {
        let page = format!(
            "<html><body>{}</body></html>",
            unit.repeat(2 * 1024 * 1024 / unit.len())
        );
        let t = Instant::now();
        let r = decode(page.as_bytes(), "flood.html", &Limits::default());
        assert!(t.elapsed() < hang_guard(8), "{unit}: {:?}", t.elapsed());
        if let Err(e) = r {
            assert!(
                matches!(e.code(), "empty" | "too_complex"),
                "{unit}: {}",
                e.message()
            );
        }
    }
}

#[test]
fn pdf_bytes_and_scanned_pdfs() {
    refuse(
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
        "plan.pdf",
        &Limits::default(),
        "pdf_needs_extraction",
        "pdf.js",
        1,
    );
    // No text on any page (what pdf.js returns for a scan).
    let e = decode_pdf_pages(
        &[vec![], vec![PdfLine::new(" ", 0.0, 0.0, 5.0, 10.0)]],
        "scan.pdf",
    )
    .unwrap_err();
    assert_eq!(e.code(), "scanned_pdf");
    assert!(e.message().contains("扫描") && e.message().contains("OCR"));
    let e = pdf_error("invalid", "");
    assert_eq!(e.code(), "corrupt");
}

#[test]
fn no_text_layer_pdf_through_pdfjs() {
    let tools = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools");
    if !tools.join("node_modules/pdfjs-dist").is_dir()
        && !tools.join("../node_modules/pdfjs-dist").is_dir()
    {
        eprintln!("skipped: pdf.js unavailable (npm ci --prefix tools)");
        return;
    }
    let pdf = tools.join("../tests/fixtures/no-text-layer.pdf");
    let out = std::process::Command::new("node")
        .arg(tools.join("pdf-text.mjs"))
        .arg(&pdf)
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&out.stdout);
    let e = planlens_core::decode::decode_pdf_json(&json, "no-text-layer.pdf").unwrap_err();
    assert_eq!(e.code(), "scanned_pdf", "{}", e.message());
}
