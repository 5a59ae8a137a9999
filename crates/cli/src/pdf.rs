//! PDF in the CLI: text extraction through pdf.js under Node (`tools/pdf-text.mjs`;
//! `npm ci --prefix tools`, or the project's `npm ci`, installs `pdfjs-dist` with its
//! CMaps), paragraph
//! restoration in the core (`planlens_core::decode::pdf`), shared with the web app.
//! Rust PDF crates cannot decode Chinese CID fonts (GBK-EUC-H), so this is the path.

use planlens_core::decode::{decode_pdf_json, Limits};
use planlens_core::{Analysis, DecodeError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longest a PDF extraction may take before it is stopped.
const TIME_LIMIT: Duration = Duration::from_secs(180);

/// Where `tools/pdf-text.mjs` is: `$PLANLENS_PDF_TEXT`, else next to the executable or
/// the current directory (or one of their parents), else the source tree it was built from.
fn script() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PLANLENS_PDF_TEXT") {
        return Some(PathBuf::from(p));
    }
    let mut starts = vec![];
    if let Ok(exe) = std::env::current_exe() {
        starts.extend(exe.parent().map(Path::to_path_buf));
    }
    if let Ok(cwd) = std::env::current_dir() {
        starts.push(cwd);
    }
    for start in starts {
        for dir in start.ancestors().take(6) {
            let p = dir.join("tools").join("pdf-text.mjs");
            if p.is_file() {
                return Some(p);
            }
        }
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/pdf-text.mjs");
    built.is_file().then_some(built)
}

/// Extract a PDF's text pieces as JSON with pdf.js under Node.
pub fn extract_json(bytes: &[u8]) -> Result<String, String> {
    let script = script().ok_or("读取 PDF 需要 tools/pdf-text.mjs(随 planlens 源码提供),未找到:请设置 PLANLENS_PDF_TEXT 指向它")?;
    if !script.is_file() {
        return Err(format!(
            "找不到 PDF 文字提取脚本 {}:请检查 PLANLENS_PDF_TEXT,或使用完整的 planlens 源码目录",
            script.display()
        ));
    }
    let tools = script.parent().unwrap_or(Path::new("."));
    let here = tools.join("node_modules").join("pdfjs-dist").is_dir();
    let project = tools
        .parent()
        .is_some_and(|p| p.join("node_modules").join("pdfjs-dist").is_dir());
    if !here && !project {
        return Err(format!(
            "读取 PDF 需要 pdf.js:请先运行 npm ci --prefix {}(需要 Node.js)",
            tools.display()
        ));
    }
    let mut child = Command::new("node")
        .arg(&script)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("读取 PDF 需要 Node.js(node 命令),无法启动:{e}"))?;
    let mut stdin = child.stdin.take().ok_or("无法向 node 传入 PDF")?;
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let mut stdout = child.stdout.take().ok_or("无法读取 node 的输出")?;
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "PDF 文字提取超过 {} 秒,已停止:请另存为 .docx 或 .txt 后再试",
                    TIME_LIMIT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("等待 node 时出错:{e}")),
        }
    }
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    if out.trim().is_empty() {
        return Err(
            "PDF 文字提取没有输出:请确认 Node.js 可用,并已运行 npm ci --prefix tools".into(),
        );
    }
    Ok(out)
}

/// Decode and analyse a PDF.
pub fn analyze_pdf(bytes: &[u8], name: &str) -> Result<Analysis, String> {
    let limits = Limits::default();
    if bytes.len() > limits.max_input_bytes {
        let e = DecodeError::TooLarge {
            bytes: bytes.len(),
            limit: limits.max_input_bytes,
        };
        return Err(format!("{name}:{}", e.message()));
    }
    let json = extract_json(bytes).map_err(|e| format!("{name}:{e}"))?;
    let decoded = decode_pdf_json(&json, name).map_err(|e| format!("{name}:{}", e.message()))?;
    Ok(planlens_core::analyze_source(&decoded.text, decoded.source))
}
