//! Hostile input through the built `planlens` binary: each case is generated here,
//! run with a generous kill timer, and must end with exit status 0 or 2 and, when
//! refused, a Chinese message on stderr — never a panic, a hang or an out-of-memory
//! abort — and its peak resident memory (planlens and the Node it starts for PDFs,
//! added up) must stay under 1 GB. `ulimit -v` is a safety net on top, not the
//! measure (Node reserves far more address space than it uses). The timer is a safety
//! net, not a speed assertion. Linux only (/proc, wait4).
#![cfg(target_os = "linux")]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

#[path = "../../core/tests/gen/mod.rs"]
mod gen;

/// Virtual memory cap for planlens alone, in KB (1 GB): a safety net.
const MEM_KB: u64 = 1_000_000;
/// Node reserves ~2 GB of address space at start (V8 cages), so PDF runs get a larger
/// virtual cap; the heap itself is capped by planlens (--max-old-space-size).
const MEM_KB_NODE: u64 = 3_500_000;
/// The bar: peak resident memory of planlens and its children together, in KB.
const RSS_KB: u64 = 1 << 20;
const KILL_AFTER: Duration = Duration::from_secs(60);

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planlens-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Parent pid of every process, from /proc/*/stat.
fn parents() -> HashMap<u32, u32> {
    let mut map = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return map;
    };
    for e in dir.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": comm may hold spaces and parentheses.
        let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
        if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            map.insert(pid, ppid);
        }
    }
    map
}

/// `VmHWM` (peak resident set, KB) of `root` and each of its descendants now alive.
fn tree_hwm(root: u32, seen: &mut HashMap<u32, u64>) {
    let parents = parents();
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let p = tree[i];
        tree.extend(parents.iter().filter(|(_, pp)| **pp == p).map(|(c, _)| *c));
        i += 1;
    }
    for pid in tree {
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
            continue;
        };
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
        if let Some(kb) = hwm {
            let e = seen.entry(pid).or_insert(0);
            *e = (*e).max(kb);
        }
    }
}

/// `planlens ARGS` (with `env` added) under `ulimit -v mem_kb`, killed after
/// KILL_AFTER; its peak resident memory is asserted under RSS_KB. The peak is the
/// larger of (a) the sum of every process's own peak (`VmHWM`, sampled every 20 ms
/// from /proc for planlens and its descendants), which counts planlens and Node as
/// if both peaked at once, and (b) `wait4`'s `ru_maxrss`, the exact peak of planlens
/// and of every child it reaped (caught even if it grew after the last sample).
// The child is reaped by libc::wait4 (for its rusage), which clippy does not see.
#[allow(clippy::zombie_processes)]
fn run_env(args: &[&std::ffi::OsStr], mem_kb: u64, env: &[(&str, &str)]) -> Output {
    use std::os::unix::process::ExitStatusExt;
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {mem_kb}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_planlens"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = vec![];
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let mut seen = HashMap::new();
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid out-parameter for wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        tree_hwm(pid, &mut seen);
        // SAFETY: waiting for our own child, with valid out-pointers. This reaps it
        // (Child::wait would not give its rusage).
        let r = unsafe { libc::wait4(pid as i32, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid as i32 {
            break;
        }
        assert!(r == 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > KILL_AFTER {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "planlens {args:?} still running after {:?}",
                start.elapsed()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let summed: u64 = seen.values().sum();
    let peak_kb = summed.max(usage.ru_maxrss as u64);
    let out = Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    eprintln!(
        "planlens {args:?}: peak RSS {} MB ({} processes seen, ru_maxrss {} MB)",
        peak_kb >> 10,
        seen.len(),
        usage.ru_maxrss >> 10
    );
    assert!(
        peak_kb < RSS_KB,
        "planlens {args:?}: peak resident memory {} MB, over 1 GB",
        peak_kb >> 10
    );
    out
}

fn run(args: &[&std::ffi::OsStr], mem_kb: u64) -> Output {
    run_env(args, mem_kb, &[])
}

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Ended with 0, or with 2 and a Chinese message; never a panic or an abort.
fn ends_well(out: &Output, what: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert!(!err.contains("memory allocation"), "{what}: {err}");
    match out.status.code() {
        Some(0) => {}
        Some(2) => assert!(chinese(&err), "{what}: {err}"),
        other => panic!("{what}: status {other:?}: {err}"),
    }
    err
}

fn analyze(path: &Path, mem_kb: u64) -> (Output, String) {
    let out = run(
        &["analyze".as_ref(), path.as_os_str(), "--json".as_ref()],
        mem_kb,
    );
    let err = ends_well(&out, &path.display().to_string());
    (out, err)
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = tmp(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn hostile_word_files_end_quickly_within_memory() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("numbering.docx", gen::numbering_bomb(300_000, 20_000)),
        ("footnote.docx", gen::footnote_bomb(200_000, 20_000)),
        ("vmerge.docx", gen::vmerge_bomb(200_000, 5_000)),
        ("altchunk.docx", gen::altchunk_docx(200_000, 20_000)),
        ("altchunk.xml", gen::altchunk_flat(1_000_000, 20_000)),
        ("rowspan.html", gen::rowspan_html(2_000_000, 100)),
    ];
    for (name, bytes) in cases {
        let p = write(name, &bytes);
        let (out, err) = analyze(&p, MEM_KB);
        if !out.status.success() {
            assert!(err.contains(name), "{name}: {err}");
        }
    }
}

#[test]
fn unclosed_comment_is_not_called_empty() {
    let p = write(
        "comment.html",
        b"<html><body><!-- <p>\xe4\xb8\x80\xe3\x80\x81</p>",
    );
    let (out, err) = analyze(&p, MEM_KB);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("注释"), "{err}");
    assert!(!err.contains("文件为空"), "{err}");
}

#[test]
fn devices_and_fifos_stop_at_the_cap() {
    let (out, err) = analyze(Path::new("/dev/zero"), MEM_KB);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("文件过大"), "{err}");
    let fifo = tmp("fifo");
    let _ = std::fs::remove_file(&fifo);
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let f = fifo.clone();
        let writer = std::thread::spawn(move || {
            if let Ok(mut w) = std::fs::OpenOptions::new().write(true).open(&f) {
                let block = vec![b'a'; 1 << 20];
                for _ in 0..60 {
                    if w.write_all(&block).is_err() {
                        break;
                    }
                }
            }
        });
        let (out, err) = analyze(&fifo, MEM_KB);
        assert_eq!(out.status.code(), Some(2));
        assert!(err.contains("文件过大"), "{err}");
        let _ = writer.join();
    }
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tmp("names");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"\xb7\xbd\xb0\xb8-\xff.txt");
    let file = dir.join(name);
    std::fs::write(
        &file,
        "一、总体要求\n（一）加强组织领导。各区县要落实主体责任。\n",
    )
    .unwrap();
    let (out, _) = analyze(&file, MEM_KB);
    assert_eq!(out.status.code(), Some(0));
    let outdir = tmp("names-out");
    let out = run(
        &[
            "batch".as_ref(),
            dir.as_os_str(),
            "--out".as_ref(),
            outdir.as_os_str(),
        ],
        MEM_KB,
    );
    let err = ends_well(&out, "batch");
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("文件不存在"), "{err}");
    let json = outdir.join(std::ffi::OsStr::from_bytes(b"\xb7\xbd\xb0\xb8-\xff.json"));
    assert!(json.is_file(), "output keeps the name's bytes");
}

#[test]
fn odd_arguments_never_panic() {
    let bad: &[&[&str]] = &[
        &[],
        &["--bogus"],
        &["analyze"],
        &["analyze", "--xlsx"],
        &["analyze", "a", "b"],
        &["batch"],
        &["batch", "."],
        &["batch", ".", "--out"],
        &["frob"],
        &["--json"],
        &["-"],
    ];
    for args in bad {
        let a: Vec<&std::ffi::OsStr> = args.iter().map(|s| s.as_ref()).collect();
        let out = run(&a, MEM_KB);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            chinese(&err) && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
    let out = run(&["analyze".as_ref(), "/no/such/file".as_ref()], MEM_KB);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件不存在"));
}

/// `planlens --help | head -1`: the reader closes the pipe before the usage is all
/// written; planlens ends quietly instead of panicking on the broken pipe.
#[test]
fn help_and_version_into_a_closed_pipe_end_quietly() {
    for flag in ["--help", "--version", "analyze"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planlens"))
            .arg(flag)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("planlens starts");
        drop(child.stdout.take()); // the reader is gone before planlens writes
        let out = child.wait_with_output().expect("planlens ends");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{flag}: {err}");
        let expected = if flag == "analyze" { 2 } else { 0 };
        assert_eq!(out.status.code(), Some(expected), "{flag}: {err}");
    }
}

/// Node and pdf.js are there: in tools/node_modules (`npm ci --prefix tools`) or the
/// project's node_modules (`npm ci`), the two places planlens looks.
fn node_with_pdfjs() -> bool {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools");
    (tools.join("node_modules/pdfjs-dist").is_dir()
        || tools.join("../node_modules/pdfjs-dist").is_dir())
        && Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
}

/// A PDF written by tests/pdf-bomb.js: `mb` MB of content of `kind` (see the script).
fn bomb_pdf(name: &str, mb: &str, kind: &str) -> PathBuf {
    let pdf = tmp(name);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf-bomb.js");
    let st = Command::new("node")
        .arg(&script)
        .arg(&pdf)
        .arg(mb)
        .arg(kind)
        .status()
        .unwrap();
    assert!(st.success(), "pdf-bomb.js {kind}");
    pdf
}

/// A script that runs node and records its pid first (exec keeps it): (script, pid file).
fn node_pid_wrapper(name: &str) -> (PathBuf, PathBuf) {
    let pidfile = tmp(name);
    let _ = std::fs::remove_file(&pidfile);
    let wrapper = tmp(&format!("{name}.sh"));
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho $$ > '{}'\nexec node \"$@\"\n",
            pidfile.display()
        ),
    )
    .unwrap();
    let _ = Command::new("chmod").arg("+x").arg(&wrapper).status();
    (wrapper, pidfile)
}

#[test]
fn a_pdf_whose_content_inflates_hugely_is_refused_in_chinese() {
    if !node_with_pdfjs() {
        eprintln!("skipped: node or tools/node_modules/pdfjs-dist missing");
        return;
    }
    // Deflated text operators; line drawing (no text); the deflated stream behind
    // ASCIIHexDecode (7 MB on disk); deflated twice (9 KB); an LZWDecode stream
    // (0.4 MB); a RunLengthDecode stream (300 MB from 4.7 MB, over the 128 MB a
    // stream may give). The others give 1 GB.
    for kind in ["text", "paths", "hex", "flate2", "lzw", "rle"] {
        let mb = if kind == "rle" { "300" } else { "1000" };
        let pdf = bomb_pdf(&format!("bomb-{kind}.pdf"), mb, kind);
        assert!(std::fs::metadata(&pdf).unwrap().len() < 8 << 20);
        let (out, err) = analyze(&pdf, MEM_KB_NODE);
        assert_eq!(out.status.code(), Some(2), "{kind}: {err}");
        assert!(err.contains("解压后异常庞大"), "{kind}: {err}");
        assert!(!err.contains("Node") || !err.contains("需要"), "{err}");
    }
}

#[test]
fn pdf_text_budget_stops_extraction_in_chinese() {
    if !node_with_pdfjs() {
        eprintln!("skipped: node or tools/node_modules/pdfjs-dist missing");
        return;
    }
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/004a_nanshan.pdf");
    let out = run_env(
        &["analyze".as_ref(), fixture.as_os_str()],
        MEM_KB_NODE,
        &[("PLANLENS_PDF_MAX_CHARS", "500")],
    );
    let err = ends_well(&out, "budget");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("上限处停止"), "{err}");
    assert!(!err.is_ascii());
}

#[test]
fn batch_of_pdfs_uses_one_node_process() {
    if !node_with_pdfjs() {
        eprintln!("skipped: node or tools/node_modules/pdfjs-dist missing");
        return;
    }
    let dir = tmp("pdfs");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut n = 0;
    for e in std::fs::read_dir(&fixtures).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "pdf") && n < 3 {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
            n += 1;
        }
    }
    // A wrapper counts how often Node is started.
    let count = tmp("node-starts");
    let _ = std::fs::remove_file(&count);
    let wrapper = tmp("node-wrapper.sh");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho x >> '{}'\nexec node \"$@\"\n",
            count.display()
        ),
    )
    .unwrap();
    let _ = Command::new("chmod").arg("+x").arg(&wrapper).status();
    let outdir = tmp("pdfs-out");
    let out = run_env(
        &[
            "batch".as_ref(),
            dir.as_os_str(),
            "--out".as_ref(),
            outdir.as_os_str(),
        ],
        MEM_KB_NODE,
        &[("PLANLENS_NODE", &wrapper.to_string_lossy())],
    );
    let err = ends_well(&out, "batch pdf");
    assert_eq!(out.status.code(), Some(0), "{err}");
    let starts = std::fs::read_to_string(&count).unwrap_or_default();
    assert_eq!(
        starts.lines().count(),
        1,
        "{n} PDFs, node started {starts:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_runaway_extraction_is_stopped_at_the_time_limit_and_node_is_gone() {
    if !node_with_pdfjs() {
        eprintln!("skipped: node or tools/node_modules/pdfjs-dist missing");
        return;
    }
    let pdf = bomb_pdf("slow.pdf", "1000", "text");
    let (wrapper, pidfile) = node_pid_wrapper("node-pid");
    let out = run_env(
        &["analyze".as_ref(), pdf.as_os_str()],
        MEM_KB_NODE,
        &[
            ("PLANLENS_NODE", &wrapper.to_string_lossy()),
            // Let the stream through the inflate check, so pdf.js itself runs away.
            ("PLANLENS_PDF_MAX_STREAM_MB", "4096"),
            ("PLANLENS_PDF_MAX_INFLATED_MB", "4096"),
            ("PLANLENS_PDF_TIMEOUT_S", "3"),
        ],
    );
    let err = ends_well(&out, "timeout");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("超过 3 秒"), "{err}");
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    let proc_dir = PathBuf::from(format!("/proc/{}", pid.trim()));
    assert!(!proc_dir.exists(), "node {} still there", pid.trim());
}

#[test]
fn a_missing_node_is_named_as_such() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/cjk-cmaps.pdf");
    if !fixture.is_file() || !node_with_pdfjs() {
        eprintln!("skipped: fixture or pdf.js missing");
        return;
    }
    let out = run_env(
        &["analyze".as_ref(), fixture.as_os_str()],
        MEM_KB_NODE,
        &[("PLANLENS_NODE", "/nonexistent/node")],
    );
    let err = ends_well(&out, "no node");
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("找不到 node 命令"), "{err}");
}

/// Processes still alive in process group `pgid` (from /proc/*/stat).
fn group_members(pgid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return vec![];
    };
    dir.flatten()
        .filter_map(|e| {
            let pid = e.file_name().to_str()?.parse::<u32>().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            let rest = stat.rsplit_once(')')?.1;
            // "state ppid pgrp …"; a zombie is already gone in all but name.
            let mut f = rest.split_whitespace();
            let state = f.next()?;
            let group = f.nth(1)?.parse::<u32>().ok()?;
            (group == pgid && state != "Z").then_some(pid)
        })
        .collect()
}

#[test]
fn node_running_out_of_heap_is_named_as_such_and_its_group_is_gone() {
    if !node_with_pdfjs() {
        eprintln!("skipped: node or tools/node_modules/pdfjs-dist missing");
        return;
    }
    // 16 MB of text operators (~220 000 text runs, far under the item and inflate
    // budgets) in a small PDF: more than a 48 MB heap holds (a small PDF reads
    // within it, below, so the PDF is what exhausts it; at 24 MB the small one failed
    // now and then, as V8's collector happened to run).
    let pdf = bomb_pdf("heap.pdf", "16", "text");
    let (wrapper, pidfile) = node_pid_wrapper("node-heap-pid");
    let out = run_env(
        &["analyze".as_ref(), pdf.as_os_str()],
        MEM_KB_NODE,
        &[
            ("PLANLENS_NODE", &wrapper.to_string_lossy()),
            ("PLANLENS_PDF_HEAP_MB", "48"),
        ],
    );
    let err = ends_well(&out, "heap");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("用尽了 48 MB 的内存上限"), "{err}");
    assert!(
        !err.contains("out of memory") && !err.contains("意外结束"),
        "{err}"
    );
    let pid: u32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "node {pid} still there"
    );
    assert_eq!(
        group_members(pid),
        Vec::<u32>::new(),
        "node's process group"
    );
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/cjk-cmaps.pdf");
    let out = run_env(
        &["analyze".as_ref(), small.as_os_str()],
        MEM_KB_NODE,
        &[("PLANLENS_PDF_HEAP_MB", "48")],
    );
    let err = ends_well(&out, "small PDF, same heap");
    assert_eq!(out.status.code(), Some(0), "{err}");
}
