//! The analysis as the worker runs it, for timing wasm against native: a plan's UTF-8
//! bytes in, the number of measures + targets found out (`u32::MAX` for bytes that
//! are not UTF-8), so that both runs can check they found the same.

/// What the analysis of a text found (measures + targets).
pub fn count(bytes: &[u8]) -> u32 {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let a = planlens_core::analyze(text);
            (a.measures.len() + a.targets.len()) as u32
        }
        Err(_) => u32::MAX,
    }
}

/// [`count`] for JavaScript (a `Uint8Array` in).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn analyze(bytes: &[u8]) -> u32 {
    count(bytes)
}
