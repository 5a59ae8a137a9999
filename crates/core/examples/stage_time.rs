//! CPU time of each step of the analysis over some text files, to see which step a
//! speed-up should attack: `cargo run --release -p planlens-core --features stage-probe
//! --example stage_time -- N FILE…` runs N passes (each file analysed once a pass) and
//! prints each step's share. The steps are those `analyze` reports to the stage probe:
//! `views` (original, display and matching views, blocks), `outline` (title, issuer and
//! date included), `measures`, `targets`, `report` (warnings, outline nodes) and `units`.

use std::sync::Mutex;

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::cpu_seconds;

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
    let (passes, docs) = cpu_time::passes_and_texts("usage: stage_time PASSES FILE…");
    #[cfg(feature = "stage-probe")]
    let _ = planlens_core::STAGE_PROBE.set(step);
    #[cfg(not(feature = "stage-probe"))]
    eprintln!("built without --features stage-probe: only the total is measured");
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
