//! Throughput of the whole analysis over the shared corpus (MB/s on one core).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn corpus() -> Vec<String> {
    let dir = std::env::var("PLANLENS_CORPUS")
        .map(|d| Path::new(&d).join("docs"))
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/docs")
        });
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus docs")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
