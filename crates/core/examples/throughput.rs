//! CPU-time throughput of the whole analysis over some text files, and a fixed amount of
//! work to count instructions with (callgrind: load on the machine does not move them):
//! `cargo run --release -p planlens-core --example throughput -- N FILE…` runs five rounds
//! of N passes (each file analysed once a pass) and prints the best round's MiB/s.
//! `valgrind --tool=callgrind target/release/examples/throughput 1 ../shared/corpus/docs/*.txt`
//! counts five passes over the corpus plans.

fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(passes) = args.first().and_then(|s| s.parse::<usize>().ok()) else {
        eprintln!("用法: throughput 遍数 文件…");
        std::process::exit(2);
    };
    let mut docs = vec![];
    for f in &args[1..] {
        match std::fs::read_to_string(f) {
            Ok(d) => docs.push(d),
            Err(e) => {
                eprintln!("{f}: 无法读取: {e}");
                std::process::exit(2);
            }
        }
    }
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
