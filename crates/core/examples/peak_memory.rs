//! Peak heap memory of an analysis per input byte, counted by a global allocator:
//! `cargo run --release -p planlens-core --example peak_memory -- FILE…`
//! (for a generated plan: `--example gen_plan -- items 16 > /tmp/items16.txt` first).
//! Counts every live allocation made while the file is decoded and analysed, the
//! decoded text and the `Analysis` included, the file's bytes (read before) not.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, l, new);
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: peak_memory FILE…");
        std::process::exit(2);
    }
    // peak/B: the peak over the input bytes; kept/B: what the `Analysis` itself holds.
    println!(
        "{:>12} {:>8} {:>8} {:>8}  file",
        "bytes", "peak/B", "kept/B", "chars"
    );
    for f in files {
        let bytes = match std::fs::read(&f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{f}: {e}");
                continue;
            }
        };
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let analysis = match planlens_core::analyze_bytes(&bytes, &f) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{f}: {e:?}");
                continue;
            }
        };
        let kept = LIVE.load(Relaxed).saturating_sub(base);
        let peak = PEAK.load(Relaxed) - base;
        let per = |n: usize| n as f64 / bytes.len().max(1) as f64;
        println!(
            "{:>12} {:>8.2} {:>8.2} {:>8}  {f}",
            bytes.len(),
            per(peak),
            per(kept),
            analysis.source.chars
        );
        drop(analysis);
    }
}
