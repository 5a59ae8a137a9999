//! The native side of `run.mjs`: analyses each file given `rounds` times and prints,
//! per file, its CPU time per analysis in ms and what was found (JSON lines).

use std::time::Duration;

fn cpu() -> Duration {
    // The process's CPU time: waiting for a core on a shared machine does not count.
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid timespec for the duration of the call.
    unsafe { clock_gettime(2, &mut ts) };
    Duration::new(ts.sec as u64, ts.nsec as u32)
}

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    for path in args {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let found = planlens_wasm_bench::count(&bytes);
        let mut times = vec![];
        for _ in 0..rounds {
            let t = cpu();
            std::hint::black_box(planlens_wasm_bench::count(std::hint::black_box(&bytes)));
            times.push((cpu() - t).as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
        println!("{{\"file\":{path:?},\"ms\":{median},\"found\":{found}}}");
    }
}
