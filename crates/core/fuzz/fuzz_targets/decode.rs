//! Any bytes under any of the names users drop: decode must return, never panic.
//! The first byte picks the file name.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlens_core::decode::{decode, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["a.txt", "a.docx", "a.html", "a.mht", "a.wps", "a.pdf"][pick as usize % 6];
    let limits = Limits { max_input_bytes: 1 << 20, ..Limits::default() };
    if let Ok(d) = decode(bytes, name, &limits) {
        assert_eq!(d.source.chars, d.text.chars().count());
    }
});
