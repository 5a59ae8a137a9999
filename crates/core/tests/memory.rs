//! Peak heap of an analysis, counted by a global allocator: a guard against a change
//! that makes a copy per char again. One test in this binary, so no other test's
//! allocations are counted. The bounds have headroom over what was measured (see the
//! README's Speed table); they catch a doubling, not a few per cent.

#[allow(dead_code)]
#[path = "../benches/plans.rs"]
mod plans;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE, PEAK};
use std::sync::atomic::Ordering::Relaxed;

/// Peak and kept bytes of one analysis, per input byte.
fn measure(bytes: &[u8], name: &str) -> (f64, f64) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let analysis = planlens_core::analyze_bytes(bytes, name).expect("the plan is read");
    let kept = LIVE.load(Relaxed).saturating_sub(base);
    let peak = PEAK.load(Relaxed).saturating_sub(base);
    assert!(!analysis.measures.is_empty(), "the plan has measures");
    drop(analysis);
    let n = bytes.len() as f64;
    (peak as f64 / n, kept as f64 / n)
}

#[test]
fn peak_heap_stays_a_small_multiple_of_the_input() {
    // Numbered items (the shape that keeps the most per byte: a measure, a note and a
    // unit list every ~300 bytes) and an annex task table, 1 MB each; and the same
    // items with Windows line ends, which the decoder rewrites.
    let items = plans::numbered_items(1_000_000);
    let crlf = items.replace('\n', "\r\n");
    let table = plans::task_table(1_000_000);
    // Peak / kept measured at 5.9 / 4.2 (items), 5.7 / 4.0 (CRLF) and 5.4 / 3.2 (table)
    // in a debug build (a table's rows read one at a time, blocks' offsets frozen in
    // 16-bit runs, the outline's per-section caches freed once the measures are built);
    // 6.1 / 4.2, 6.0 / 4.0 and 6.2 / 3.2 before that (measures' texts written after the
    // views are freed, titles and unit names shared), 8.2 / 4.5, 8.0 / 4.4 and 7.6 / 3.6
    // before that, about 12 / 6 and 10.7 / 4.4 before the original became a UTF-8 string.
    for (text, name, peak_max, kept_max) in [
        (&items, "items.txt", 6.4, 4.6),
        (&crlf, "items-crlf.txt", 6.4, 4.6),
        (&table, "table.txt", 5.9, 3.6),
    ] {
        let (peak, kept) = measure(text.as_bytes(), name);
        eprintln!("{name}: peak {peak:.2}, kept {kept:.2}");
        assert!(
            peak <= peak_max && kept <= kept_max,
            "{name}: peak {peak:.2}× (at most {peak_max}×), kept {kept:.2}× (at most {kept_max}×) the input"
        );
    }
}
