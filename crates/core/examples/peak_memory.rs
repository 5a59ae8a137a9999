//! Peak heap memory of an analysis per input byte, counted by a global allocator:
//! `cargo run --release -p planlens-core --example peak_memory -- FILE…`
//! (for a generated plan: `--example gen_plan -- items 16 > /tmp/items16.txt` first).
//! Counts every live allocation made while the file is decoded and analysed, the
//! decoded text and the `Analysis` included, the file's bytes (read before) not.
//!
//! `--detail`: also what each part of the `Analysis` keeps. With
//! `--features stage-probe`: also the live and peak bytes after each step.

#[path = "../tests/support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE, PEAK};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The live bytes before the file, and the file's size: what the step probe reports against.
static BASE: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(1);
/// The highest peak of the steps reported so far (each step's peak is its own).
static STEPS_PEAK: AtomicUsize = AtomicUsize::new(0);

#[cfg_attr(not(feature = "stage-probe"), allow(dead_code))]
fn step(name: &str) {
    let base = BASE.load(Relaxed);
    let per = |n: usize| n.saturating_sub(base) as f64 / BYTES.load(Relaxed) as f64;
    let (live, peak) = (LIVE.load(Relaxed), PEAK.load(Relaxed));
    STEPS_PEAK.fetch_max(peak, Relaxed);
    println!(
        "{:>12}   after {name:<9} live {:>5.2}  peak in the step {:>5.2}",
        "",
        per(live),
        per(peak)
    );
    PEAK.store(live, Relaxed);
}

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let detail = files.iter().any(|f| f == "--detail");
    files.retain(|f| f != "--detail");
    if files.is_empty() {
        eprintln!("usage: peak_memory [--detail] FILE…");
        std::process::exit(2);
    }
    #[cfg(feature = "stage-probe")]
    let _ = planlens_core::STAGE_PROBE.set(step);
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
        BASE.store(base, Relaxed);
        BYTES.store(bytes.len().max(1), Relaxed);
        STEPS_PEAK.store(base, Relaxed);
        PEAK.store(base, Relaxed);
        let analysis = match planlens_core::analyze_bytes(&bytes, &f) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{f}: {e:?}");
                continue;
            }
        };
        let kept = LIVE.load(Relaxed).saturating_sub(base);
        let peak = PEAK.load(Relaxed).max(STEPS_PEAK.load(Relaxed)) - base;
        let per = |n: usize| n as f64 / bytes.len().max(1) as f64;
        println!(
            "{:>12} {:>8.2} {:>8.2} {:>8}  {f}",
            bytes.len(),
            per(peak),
            per(kept),
            analysis.source.chars
        );
        if detail {
            // The live bytes each part frees when dropped.
            let mut parts: Vec<(&str, usize)> = vec![];
            let mut free = |name, f: &mut dyn FnMut()| {
                let before = LIVE.load(Relaxed);
                f();
                parts.push((name, before.saturating_sub(LIVE.load(Relaxed))));
            };
            let mut a = analysis;
            let ms = &mut a.measures;
            free("measure texts", &mut || {
                ms.iter_mut()
                    .for_each(|m| drop(std::mem::take(&mut m.text)))
            });
            free("paths", &mut || {
                ms.iter_mut()
                    .for_each(|m| drop(std::mem::take(&mut m.path)))
            });
            free("units named", &mut || {
                ms.iter_mut().for_each(|m| {
                    drop(std::mem::take(&mut m.lead));
                    drop(std::mem::take(&mut m.support));
                })
            });
            free("titles", &mut || {
                ms.iter_mut().for_each(|m| drop(m.title.take()))
            });
            free("rest of measures", &mut || drop(std::mem::take(ms)));
            free("targets", &mut || drop(std::mem::take(&mut a.targets)));
            free("outline", &mut || drop(std::mem::take(&mut a.outline)));
            free("units", &mut || drop(std::mem::take(&mut a.units)));
            drop(a);
            let line: Vec<String> = parts
                .iter()
                .map(|(n, b)| format!("{n} {:.2}", per(*b)))
                .collect();
            println!("{:>12}   kept/B by part: {}", "", line.join(", "));
        } else {
            drop(analysis);
        }
    }
}
