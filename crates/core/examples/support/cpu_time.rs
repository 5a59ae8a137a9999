//! What the timing examples (throughput, stage_time) share: the process's CPU time and
//! their arguments, a pass count then the text files. Included with `#[path]`.

/// CPU time of the process so far, in seconds (load on the machine does not count).
pub fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// `PASSES FILE…`: the pass count and each file's text; exits 2 with `usage` (or the
/// file that cannot be read) otherwise.
pub fn passes_and_texts(usage: &str) -> (usize, Vec<String>) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(passes) = args.first().and_then(|s| s.parse::<usize>().ok()) else {
        eprintln!("{usage}");
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
    (passes, docs)
}
