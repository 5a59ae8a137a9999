//! Any bytes under any of the names users drop: decode must return, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlens_core::decode::{decode, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_input_bytes: 1 << 20, ..Limits::default() };
    for name in ["a.txt", "a.docx", "a.html", "a.mht", "a.doc", "a.pdf"] {
        if let Ok(d) = decode(data, name, &limits) {
            assert_eq!(d.source.chars, d.text.chars().count());
        }
    }
});
