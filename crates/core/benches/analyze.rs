//! Throughput of the whole analysis on one core, against its reference.
//!
//! - `analyze/corpus`: the 19 text plans of the shared corpus, one analysis each.
//! - `concat/*`, `items/*` and `table/*`: one text of 0.25, 1, 4 and 16 MB, either the
//!   corpus plans concatenated, one plan made of many numbered items, or such a plan with
//!   an annex task table of as many bytes (`plans.rs`). Each size has
//!   `analyze` and `floor`: a UTF-8 check and a char count over the same bytes, the least
//!   any analysis of the text must do. The growth ratio time(16 MB)/time(4 MB) is 4 for
//!   linear time. `scripts/bench-summary.py` prints MiB/s, ×floor and the ratios.
//!
//! Times are the process's CPU time (`cpu_time.rs`), not wall time, so that other jobs on
//! the machine do not count. `PLANLENS_BENCH_SIZES=0.25,1` limits the sizes (MB).

mod cpu_time;
#[path = "plans.rs"]
mod plans;

use cpu_time::CpuTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use std::time::Duration;

fn floor(text: &[u8]) -> usize {
    std::str::from_utf8(text)
        .map(|s| s.chars().count())
        .unwrap_or(0)
}

fn corpus(c: &mut Criterion<CpuTime>) {
    let docs = plans::corpus();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(planlens_core::analyze(d));
            }
        })
    });
    group.bench_function("corpus-floor", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(floor(d.as_bytes()));
            }
        })
    });
    group.finish();
}

fn sizes() -> Vec<f64> {
    std::env::var("PLANLENS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![0.25, 1.0, 4.0, 16.0])
}

fn shapes(c: &mut Criterion<CpuTime>) {
    for (shape, make) in [
        ("concat", plans::concatenated as fn(usize) -> String),
        ("items", plans::numbered_items),
        ("table", plans::task_table),
    ] {
        let mut group = c.benchmark_group(shape);
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        for mb in sizes() {
            let text = make((mb * 1_000_000.0) as usize);
            group.throughput(Throughput::Bytes(text.len() as u64));
            let id = format!("{mb}MB");
            group.bench_with_input(BenchmarkId::new("analyze", &id), &text, |b, t| {
                b.iter(|| std::hint::black_box(planlens_core::analyze(t)))
            });
            group.bench_with_input(BenchmarkId::new("floor", &id), &text, |b, t| {
                b.iter(|| std::hint::black_box(floor(t.as_bytes())))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = corpus, shapes
}
criterion_main!(benches);
