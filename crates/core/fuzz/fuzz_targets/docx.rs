//! Arbitrary WordprocessingML parts inside a valid zip: the XML walker, numbering
//! and styles must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlens_core::decode::{decode, Limits};
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    // Split the input into document / numbering / styles parts.
    let mut parts = data.splitn(3, |b| *b == 0xFF);
    let doc = parts.next().unwrap_or_default();
    let numbering = parts.next().unwrap_or_default();
    let styles = parts.next().unwrap_or_default();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in [("word/document.xml", doc), ("word/numbering.xml", numbering), ("word/styles.xml", styles)] {
        if z.start_file(name, opts).is_err() || z.write_all(content).is_err() {
            return;
        }
    }
    let Ok(bytes) = z.finish() else { return };
    let _ = decode(&bytes.into_inner(), "f.docx", &Limits::default());
});
