//! Writes a generated plan for measuring the CLI (peak memory, whole-process time):
//! `cargo run --release -p planlens-core --example gen_plan -- items 16 > /tmp/items16.txt`
//! (shape `items`, `concat` or `table`, size in MB; the generators of `benches/plans.rs`).

#[path = "../benches/plans.rs"]
mod plans;

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shape = args.get(1).map(String::as_str).unwrap_or("items");
    let mb: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(16.0);
    let bytes = (mb * 1_000_000.0) as usize;
    let text = match shape {
        "concat" => plans::concatenated(bytes),
        "table" => plans::task_table(bytes),
        _ => plans::numbered_items(bytes),
    };
    std::io::stdout()
        .write_all(text.as_bytes())
        .expect("write to stdout");
}
