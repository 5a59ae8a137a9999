//! CPU-time throughput of the whole analysis over some text files, and a fixed amount of
//! work to count instructions with (callgrind: load on the machine does not move them):
//! `cargo run --release -p planlens-core --example throughput -- N FILE…` runs five rounds
//! of N passes (each file analysed once a pass) and prints the best round's MiB/s.
//! `valgrind --tool=callgrind target/release/examples/throughput 1 ../shared/corpus/docs/*.txt`
//! counts five passes over the corpus plans.

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::cpu_seconds;

fn main() {
    let (passes, docs) = cpu_time::passes_and_texts("用法: throughput 遍数 文件…");
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let mut measures = 0;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = cpu_seconds();
        for _ in 0..passes {
            for d in &docs {
                measures += planlens_core::analyze(d).measures.len();
            }
        }
        best = best.min(cpu_seconds() - start);
    }
    println!(
        "{:.1} MiB/s (best of 5 rounds of {passes} passes over {} files, {bytes} bytes; {measures} measures)",
        (bytes * passes) as f64 / 1048576.0 / best,
        docs.len()
    );
}
