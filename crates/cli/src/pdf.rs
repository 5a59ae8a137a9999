//! PDF in the CLI: text extraction through pdf.js under Node (`tools/pdf-text.mjs`;
//! `npm ci --prefix tools`, or the project's `npm ci`, installs `pdfjs-dist` with its
//! CMaps), paragraph restoration in the core (`planlens_core::decode::pdf`), shared with
//! the web app. Rust PDF crates cannot decode Chinese CID fonts (GBK-EUC-H), so this is
//! the path.
//!
//! One Node process serves a whole CLI run (`pdf-text.mjs --serve`, length-prefixed
//! requests and answers on its stdin/stdout), so pdf.js is imported once however many
//! PDFs a `batch` holds. Node runs under a heap cap, in its own process group; the
//! group is killed when an extraction passes its time limit (a blocking wait on the
//! answer channel, not polling), when the extractor is dropped, and when planlens is
//! interrupted (SIGINT/SIGTERM/SIGHUP). If planlens is killed outright, the kernel kills
//! Node (Linux `PR_SET_PDEATHSIG`), and Node also exits when its stdin closes or its
//! parent changes.

use planlens_core::decode::{decode_pdf_json, Limits};
use planlens_core::{Analysis, DecodeError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Longest one PDF extraction may take before Node is stopped
/// (`PLANLENS_PDF_TIMEOUT_S` overrides it).
const TIME_LIMIT: Duration = Duration::from_secs(120);
/// Node's heap cap in MB (`PLANLENS_PDF_HEAP_MB` overrides it, 16 at least; it is
/// there for the tests, which lower it to make Node run out of heap on purpose).
const HEAP_MB: u64 = 512;
/// Largest answer accepted from Node (the JSON of 20 million chars of pieces fits).
const MAX_ANSWER_BYTES: usize = 512 << 20;

fn time_limit() -> Duration {
    std::env::var("PLANLENS_PDF_TIMEOUT_S")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map(Duration::from_secs)
        .unwrap_or(TIME_LIMIT)
}

fn heap_mb() -> u64 {
    std::env::var("PLANLENS_PDF_HEAP_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|m| *m >= 16)
        .unwrap_or(HEAP_MB)
}

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

/// The process group of the running Node, for the signal handler (0: none).
#[cfg(unix)]
static ACTIVE_GROUP: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

#[cfg(unix)]
extern "C" fn on_signal(sig: libc::c_int) {
    let group = ACTIVE_GROUP.load(std::sync::atomic::Ordering::SeqCst);
    // SAFETY: kill, signal and raise are async-signal-safe.
    unsafe {
        if group > 0 {
            libc::kill(-group, libc::SIGKILL);
        }
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

#[cfg(unix)]
fn install_signal_handlers() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: installing a handler that only calls async-signal-safe functions.
            unsafe {
                libc::signal(sig, on_signal as *const () as libc::sighandler_t);
            }
        }
    });
}

/// A running `pdf-text.mjs --serve`.
struct Worker {
    child: Child,
    /// Requests to the writer thread (dropping it closes Node's stdin).
    requests: Option<Sender<Vec<u8>>>,
    answers: Receiver<Vec<u8>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<std::thread::JoinHandle<()>>,
    heap_mb: u64,
}

/// Why an extraction failed, before it is put into words.
enum Failure {
    /// A message for the user (Chinese), the worker still usable.
    Message(String),
    /// The worker is gone or was stopped; the message says why.
    Dead(String),
}

impl Worker {
    fn spawn() -> Result<Worker, String> {
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
        let heap_mb = heap_mb();
        let mut cmd = Command::new(std::env::var_os("PLANLENS_NODE").unwrap_or("node".into()));
        cmd.arg(format!("--max-old-space-size={heap_mb}"))
            .arg(&script)
            .arg("--serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            install_signal_handlers();
            cmd.process_group(0);
        }
        // Linux: Node is killed by the kernel when planlens dies, even by SIGKILL (the
        // stdin/parent checks of pdf-text.mjs only run when pdf.js yields).
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: prctl is async-signal-safe and touches only the child being set up.
            unsafe {
                cmd.pre_exec(|| {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
                    Ok(())
                });
            }
        }
        let mut child = cmd.spawn().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                "读取 PDF 需要 Node.js,但找不到 node 命令:请安装 Node.js(18 或更新版本)后再试"
                    .to_string()
            }
            _ => format!("读取 PDF 需要 Node.js,node 无法启动({})", io_reason(&e)),
        })?;
        #[cfg(unix)]
        ACTIVE_GROUP.store(child.id() as i32, std::sync::atomic::Ordering::SeqCst);
        let (Some(mut stdin), Some(mut stdout), Some(mut err)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("无法与 node 建立管道,PDF 无法读取".into());
        };
        let (req_tx, req_rx) = mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            for frame in req_rx {
                if stdin.write_all(&frame).and_then(|_| stdin.flush()).is_err() {
                    break;
                }
            }
        });
        let (ans_tx, ans_rx) = mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || loop {
            let mut head = [0u8; 4];
            if stdout.read_exact(&mut head).is_err() {
                break;
            }
            let n = u32::from_be_bytes(head) as usize;
            if n > MAX_ANSWER_BYTES {
                break;
            }
            let mut body = vec![0u8; n];
            if stdout.read_exact(&mut body).is_err() || ans_tx.send(body).is_err() {
                break;
            }
        });
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr);
        let stderr_reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut t) = tail.lock() {
                    t.extend_from_slice(&buf[..n]);
                    let len = t.len();
                    if len > 16 * 1024 {
                        t.drain(..len - 16 * 1024);
                    }
                }
            }
        });
        Ok(Worker {
            child,
            requests: Some(req_tx),
            answers: ans_rx,
            stderr,
            stderr_reader: Some(stderr_reader),
            heap_mb,
        })
    }

    fn extract(&mut self, bytes: &[u8]) -> Result<String, Failure> {
        let mut frame = Vec::with_capacity(bytes.len() + 4);
        frame.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        frame.extend_from_slice(bytes);
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|r| r.send(frame).is_ok());
        if !sent {
            return Err(Failure::Dead(self.why_dead()));
        }
        let limit = time_limit();
        match self.answers.recv_timeout(limit) {
            Ok(body) => match String::from_utf8(body) {
                Ok(s) => Ok(s),
                Err(_) => Err(Failure::Message(
                    "PDF 文字提取的结果不是有效的 UTF-8,无法读取:请另存为 .docx 或 .txt 后再试"
                        .into(),
                )),
            },
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                Err(Failure::Dead(format!(
                    "PDF 文字提取超过 {} 秒,已停止:该 PDF 可能过于庞大或结构异常,请另存为 .docx 或 .txt 后再试",
                    limit.as_secs()
                )))
            }
            Err(RecvTimeoutError::Disconnected) => Err(Failure::Dead(self.why_dead())),
        }
    }

    /// Node has ended (or stopped answering): say why, from its exit and its stderr.
    fn why_dead(&mut self) -> String {
        self.stop();
        // Its stderr ends with the group: read to the end before judging.
        if let Some(h) = self.stderr_reader.take() {
            let _ = h.join();
        }
        let status = self.child.try_wait().ok().flatten();
        let tail = self
            .stderr
            .lock()
            .map(|t| String::from_utf8_lossy(&t).into_owned())
            .unwrap_or_default();
        #[cfg(unix)]
        let signal = {
            use std::os::unix::process::ExitStatusExt;
            status.and_then(|s| s.signal())
        };
        #[cfg(not(unix))]
        let signal: Option<i32> = None;
        let oom = tail.contains("heap out of memory")
            || tail.contains("Allocation failed")
            || tail.contains("Out of memory")
            || tail.contains("allocation failure")
            || signal == Some(6)
            || status.and_then(|s| s.code()) == Some(134);
        if oom {
            format!(
                "PDF 文字提取用尽了 {} MB 的内存上限,已停止:该 PDF 的内容异常庞大(例如压缩后很小、解压后极大的内容流),请另存为 .docx 或 .txt 后再试",
                self.heap_mb
            )
        } else if tail.contains("Cannot find module") || tail.contains("ERR_MODULE_NOT_FOUND") {
            "读取 PDF 需要 pdf.js,但 node 找不到 pdfjs-dist:请先运行 npm ci --prefix tools".into()
        } else {
            let how = match (status.and_then(|s| s.code()), signal) {
                (Some(c), _) => format!("退出码 {c}"),
                (None, Some(s)) => format!("被信号 {s} 终止"),
                _ => "没有应答".into(),
            };
            format!("PDF 文字提取进程(node)意外结束({how}):请另存为 .docx 或 .txt 后再试")
        }
    }

    /// Kill Node's whole process group and reap it.
    fn stop(&mut self) {
        self.requests = None;
        #[cfg(unix)]
        {
            let group = self.child.id() as i32;
            // SAFETY: signalling the process group this worker created.
            unsafe {
                libc::kill(-group, libc::SIGKILL);
            }
            let _ = ACTIVE_GROUP.compare_exchange(
                group,
                0,
                std::sync::atomic::Ordering::SeqCst,
                std::sync::atomic::Ordering::SeqCst,
            );
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有执行权限".into(),
        _ => match e.raw_os_error() {
            Some(n) => format!("系统错误 {n}"),
            None => "未知错误".into(),
        },
    }
}

/// Extracts PDFs for one CLI run: Node is started on the first PDF and kept for the
/// next; a worker that died or was stopped is replaced on the next PDF.
#[derive(Default)]
pub struct PdfExtractor {
    worker: Option<Worker>,
}

impl PdfExtractor {
    /// Extract a PDF's text pieces as JSON with pdf.js under Node.
    pub fn extract_json(&mut self, bytes: &[u8]) -> Result<String, String> {
        if self.worker.is_none() {
            self.worker = Some(Worker::spawn()?);
        }
        let Some(worker) = self.worker.as_mut() else {
            return Err("PDF 文字提取进程无法启动".into());
        };
        match worker.extract(bytes) {
            Ok(json) => Ok(json),
            Err(Failure::Message(m)) => Err(m),
            Err(Failure::Dead(m)) => {
                self.worker = None;
                Err(m)
            }
        }
    }

    /// Decode and analyse a PDF.
    pub fn analyze_pdf(&mut self, bytes: &[u8], name: &str) -> Result<Analysis, String> {
        let limits = Limits::default();
        if bytes.len() > limits.max_input_bytes {
            let e = DecodeError::TooLarge {
                bytes: bytes.len(),
                limit: limits.max_input_bytes,
            };
            return Err(format!("{name}:{}", e.message()));
        }
        let json = self
            .extract_json(bytes)
            .map_err(|e| format!("{name}:{e}"))?;
        let decoded =
            decode_pdf_json(&json, name).map_err(|e| format!("{name}:{}", e.message()))?;
        Ok(planlens_core::analyze_source(&decoded.text, decoded.source))
    }
}
