//! CPU time of each step of the analysis over some text files, to see which step a
//! speed-up should attack: `cargo run --release -p planlens-core --features stage-probe
//! --example stage_time -- N FILE…` runs N passes (each file analysed once a pass) and
//! prints each step's share. The steps are those `analyze` reports to the stage probe:
//! `views` (original, display and matching views, blocks), `outline` (title, issuer and
//! date included), `measures`, `targets`, `report` (warnings, outline nodes) and `units`.

use std::sync::Mutex;

fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// The time of the last report, and the time spent per step name (in first-seen order).
static CLOCK: Mutex<(f64, Vec<(String, f64)>)> = Mutex::new((0.0, vec![]));

#[cfg_attr(not(feature = "stage-probe"), allow(dead_code))]
fn step(name: &str) {
    let now = cpu_seconds();
    let Ok(mut clock) = CLOCK.lock() else { return };
    let spent = now - clock.0;
    match clock.1.iter_mut().find(|(n, _)| n == name) {
        Some((_, t)) => *t += spent,
        None => clock.1.push((name.to_string(), spent)),
    }
    clock.0 = cpu_seconds();
}

fn restart() {
    if let Ok(mut clock) = CLOCK.lock() {
        clock.0 = cpu_seconds();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(passes) = args.first().and_then(|s| s.parse::<usize>().ok()) else {
        eprintln!("usage: stage_time PASSES FILE…");
        std::process::exit(2);
    };
    #[cfg(feature = "stage-probe")]
    let _ = planlens_core::STAGE_PROBE.set(step);
    #[cfg(not(feature = "stage-probe"))]
    eprintln!("built without --features stage-probe: only the total is measured");
    let mut docs = vec![];
    for f in &args[1..] {
        match std::fs::read_to_string(f) {
            Ok(d) => docs.push(d),
            Err(e) => {
                eprintln!("{f}: {e}");
                std::process::exit(2);
            }
        }
    }
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let start = cpu_seconds();
    let mut measures = 0;
    for _ in 0..passes {
        for d in &docs {
            restart();
            let a = planlens_core::analyze(d);
            // The Analysis is dropped outside every step.
            measures += a.measures.len();
            drop(a);
        }
    }
    let total = cpu_seconds() - start;
    println!(
        "{:.1} MiB/s over {} files, {bytes} bytes, {passes} passes ({measures} measures)",
        (bytes * passes) as f64 / 1048576.0 / total,
        docs.len()
    );
    if let Ok(clock) = CLOCK.lock() {
        for (name, t) in &clock.1 {
            println!(
                "{name:<10} {:>6.1}%  {:>8.1} MiB/s alone",
                100.0 * t / total,
                (bytes * passes) as f64 / 1048576.0 / t
            );
        }
    }
}
