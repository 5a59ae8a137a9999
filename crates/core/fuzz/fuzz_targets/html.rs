//! Arbitrary text as a web page and as a text file with HTML fragments.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planlens_core::decode::{decode, Limits};

fuzz_target!(|data: &[u8]| {
    let mut page = b"<html><body>".to_vec();
    page.extend_from_slice(data);
    let _ = decode(&page, "f.html", &Limits::default());
    let mut frag = b"<p>x</p><p>y</p><br>".to_vec();
    frag.extend_from_slice(data);
    let _ = decode(&frag, "f.txt", &Limits::default());
});
