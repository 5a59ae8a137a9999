//! Arbitrary pdf.js output (JSON) and arbitrary geometry through paragraph restoration.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlens_core::decode::{decode_pdf_json, decode_pdf_pages, PdfLine};

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = decode_pdf_json(s, "f.pdf");
    }
    // Pieces from raw bytes: 1 text byte-run + 4 coordinates each.
    let mut pages = vec![vec![]];
    for chunk in data.chunks(9) {
        if chunk.len() < 9 {
            break;
        }
        let f = |i: usize| (chunk[i] as i8 as f64) * if chunk[0] & 1 == 1 { 10.0 } else { 0.5 };
        let text: String = ["一", "、", "。", "1", ".", " ", "（", "）", "a"][chunk[5] as usize % 9].repeat(chunk[6] as usize % 50);
        let mut piece = PdfLine::new(text, f(1), f(2), f(3), f(4));
        piece.block = (chunk[7] & 1 == 1).then_some(chunk[7] as i64 >> 1);
        piece.artifact = chunk[8] == 0;
        if chunk[8] == 1 {
            pages.push(vec![]);
        }
        pages.last_mut().unwrap().push(piece);
    }
    let _ = decode_pdf_pages(&pages, "f.pdf");
});
