//! Prints the decoded text of a file, as the analysis sees it (for reading a
//! decoder's output against the original): `cargo run --example decode -- FILE`.
use planlens_core::decode::{decode, Limits};

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("用法: decode 文件");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("无法读取文件: {e}");
            std::process::exit(2);
        }
    };
    let name = std::path::Path::new(&path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match decode(&bytes, &name, &Limits::default()) {
        Ok(d) => {
            for w in &d.source.warnings {
                eprintln!("提示: {w}");
            }
            print!("{}", d.text);
        }
        Err(e) => {
            eprintln!("{}", e.message());
            std::process::exit(2);
        }
    }
}
