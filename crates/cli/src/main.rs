//! `planlens`: the analysis core on the command line.
//!
//!   planlens analyze FILE [--json] [--xlsx OUT [--by-unit] [--notes]] [--gold-out OUT]   one plan (FILE may be `-` for stdin)
//!   planlens batch DIR --out DIR [--xlsx [--by-unit] [--notes]]   every plan in a folder, one JSON each

mod pdf;
mod report;

use planlens_core::{Analysis, DecodeError};
use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "用法:
  planlens analyze 文件 [--json] [--xlsx 输出.xlsx] [--gold-out 标注.json]
                                                   分析一份规划/方案(文件为 - 时读标准输入)
  planlens batch 目录 --out 目录 [--xlsx]            分析目录中的每个文件,各写一个 JSON
选项:
  --json       输出 plan-analysis/1 JSON(默认输出可读的任务分解表和指标表)
  --xlsx       写出可直接打印的 Excel 工作簿(工作表:任务分解表、指标表);batch 时每个文件一个
  --by-unit    工作簿中再为每个责任单位加一个工作表(其牵头和配合的任务)
  --notes      任务分解表等工作表末尾加空白的“备注”“进展”两列,供填写
  --gold-out   把分析结果按语料标注格式(ANNOTATION.md)写成 JSON,可作为测试用例
  -h, --help   显示本帮助
  -V, --version
退出状态:
  0  成功
  2  失败:输入无法分析(文件被拒绝或无法读取,batch 中有文件失败)、命令行参数有误,或结果无法写出;原因见标准错误输出";

/// Why a run failed, in Chinese. Every failure exits with status 2.
struct Failure(String);

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure(message.into())
    }
}

/// A command-line mistake (also status 2, like refused input).
fn usage(message: impl Into<String>) -> Failure {
    Failure(message.into())
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let mut pdf = pdf::PdfExtractor::default();
    let result = run(&args, &mut pdf);
    // Node (if a PDF started it) is stopped before planlens exits.
    drop(pdf);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("planlens: {message}");
            ExitCode::from(2)
        }
    }
}

fn is(a: &OsStr, s: &str) -> bool {
    a == OsStr::new(s)
}

fn is_flag(a: &OsStr) -> bool {
    a.as_encoded_bytes().starts_with(b"--")
}

fn run(args: &[OsString], pdf: &mut pdf::PdfExtractor) -> Result<(), Failure> {
    let flags: Vec<&OsStr> = args.iter().map(OsString::as_os_str).collect();
    if flags.iter().any(|a| is(a, "-h") || is(a, "--help")) || flags.is_empty() {
        write_stdout(&format!("{USAGE}\n"))?;
        return if flags.is_empty() {
            Err(usage("缺少命令"))
        } else {
            Ok(())
        };
    }
    if flags.iter().any(|a| is(a, "-V") || is(a, "--version")) {
        write_stdout(&format!("planlens {}\n", env!("CARGO_PKG_VERSION")))?;
        return Ok(());
    }
    const KNOWN: &[&str] = &[
        "--json",
        "--xlsx",
        "--out",
        "--gold-out",
        "--by-unit",
        "--notes",
    ];
    if let Some(bad) = flags
        .iter()
        .find(|a| is_flag(a) && !KNOWN.iter().any(|k| is(a, k)))
    {
        return Err(usage(format!(
            "未知选项 “{}”\n{USAGE}",
            bad.to_string_lossy()
        )));
    }
    // `--xlsx` names its output file for one plan; for a batch it is a switch.
    let analyze = flags
        .iter()
        .find(|a| !is_flag(a))
        .is_some_and(|a| is(a, "analyze"));
    let valued: &[&str] = if analyze {
        &["--out", "--xlsx", "--gold-out"]
    } else {
        &["--out"]
    };
    let positional: Vec<&OsStr> = positional_args(&flags, valued);
    let json = flags.iter().any(|a| is(a, "--json"));
    let command = positional.first().map(|c| c.to_string_lossy().into_owned());
    match command.as_deref() {
        Some("analyze") => {
            let file = positional
                .get(1)
                .ok_or_else(|| usage("analyze 需要一个文件参数"))?;
            if positional.len() > 2 {
                return Err(usage(
                    "analyze 只接受一个文件参数(多个文件请放入目录后用 batch)",
                ));
            }
            let xlsx =
                match flags.iter().position(|a| is(a, "--xlsx")) {
                    Some(i) => Some(flags.get(i + 1).filter(|v| !is_flag(v)).ok_or_else(|| {
                        usage("--xlsx 需要一个输出文件参数(如 --xlsx 方案.xlsx)")
                    })?),
                    None => None,
                };
            let gold_out = match flags.iter().position(|a| is(a, "--gold-out")) {
                Some(i) => Some(flags.get(i + 1).filter(|v| !is_flag(v)).ok_or_else(|| {
                    usage("--gold-out 需要一个输出文件参数(如 --gold-out 方案.json)")
                })?),
                None => None,
            };
            let options = xlsx_options(&flags);
            let analysis = if is(file, "-") {
                analyze_stdin(pdf)?
            } else {
                analyze_path(Path::new(file), pdf)?
            };
            if let Some(path) = gold_out {
                let path = Path::new(path);
                let doc = analysis
                    .source
                    .name
                    .clone()
                    .unwrap_or_else(|| "stdin.txt".into());
                std::fs::write(path, planlens_export::gold_json(&analysis, &doc))
                    .map_err(|e| format!("无法写入 {}:{}", path.display(), io_reason(&e)))?;
                eprintln!("已写出校对结果(语料标注格式){}", path.display());
                if xlsx.is_none() && !json {
                    return Ok(());
                }
            }
            if let Some(path) = xlsx {
                let path = Path::new(path);
                write_xlsx(&analysis, path, &options)?;
                eprintln!(
                    "已写出 {}:任务 {} 项,指标 {} 个",
                    path.display(),
                    analysis.measures.len(),
                    analysis.targets.len()
                );
                if !json {
                    return Ok(());
                }
            }
            let out = if json {
                to_json(&analysis)
            } else {
                report::render(&analysis)
            };
            Ok(write_stdout(&out)?)
        }
        Some("batch") => {
            let dir = positional
                .get(1)
                .ok_or_else(|| usage("batch 需要一个目录参数"))?;
            let out = option_value(&flags, "--out")
                .filter(|v| !is_flag(v))
                .ok_or_else(|| usage("batch 需要 --out 目录"))?;
            let xlsx = flags
                .iter()
                .any(|a| is(a, "--xlsx"))
                .then(|| xlsx_options(&flags));
            Ok(batch(Path::new(dir), Path::new(out), xlsx.as_ref(), pdf)?)
        }
        Some(other) => Err(usage(format!("未知命令 “{other}”\n{USAGE}"))),
        None => Err(usage(USAGE)),
    }
}

/// Arguments that are neither flags nor the value of an option in `valued`.
fn positional_args<'a>(flags: &[&'a OsStr], valued: &[&str]) -> Vec<&'a OsStr> {
    let mut out = vec![];
    let mut skip = false;
    for a in flags {
        if skip {
            skip = false;
            continue;
        }
        if valued.iter().any(|v| is(a, v)) {
            skip = true;
        } else if !is_flag(a) || is(a, "-") {
            out.push(*a);
        }
    }
    out
}

fn option_value<'a>(flags: &[&'a OsStr], name: &str) -> Option<&'a OsStr> {
    flags
        .iter()
        .position(|a| is(a, name))
        .and_then(|i| flags.get(i + 1).copied())
}

/// The input cap of the decoder: a file is refused before reading when its size says
/// it is over, and the read itself stops one byte past it (devices, FIFOs, growing files).
fn max_input() -> usize {
    planlens_core::decode::Limits::default().max_input_bytes
}

fn too_large(name: &str, bytes: usize) -> String {
    let e = DecodeError::TooLarge {
        bytes,
        limit: max_input(),
    };
    format!("{name}:{}", e.message())
}

/// Read at most the input cap (plus one byte, to tell that there is more).
fn read_capped(mut r: impl Read, name: &str) -> Result<Vec<u8>, String> {
    let limit = max_input();
    let mut buf = vec![];
    r.by_ref()
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("无法读取 {name}:{}", io_reason(&e)))?;
    if buf.len() > limit {
        return Err(too_large(name, buf.len()));
    }
    Ok(buf)
}

fn analyze_stdin(pdf: &mut pdf::PdfExtractor) -> Result<Analysis, String> {
    let bytes = read_capped(std::io::stdin().lock(), "标准输入")?;
    analyze_bytes(&bytes, "stdin.txt", pdf)
}

fn analyze_path(path: &Path, pdf: &mut pdf::PdfExtractor) -> Result<Analysis, String> {
    let meta = std::fs::metadata(path).map_err(|e| read_error(path, &e))?;
    if meta.is_dir() {
        return Err(format!(
            "无法读取 {}:这是一个目录,请使用 batch 命令",
            path.display()
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned());
    if meta.is_file() && meta.len() > max_input() as u64 {
        return Err(too_large(&name, meta.len().min(usize::MAX as u64) as usize));
    }
    let file = std::fs::File::open(path).map_err(|e| read_error(path, &e))?;
    let bytes = read_capped(file, &name)?;
    analyze_bytes(&bytes, &name, pdf)
}

fn analyze_bytes(
    bytes: &[u8],
    name: &str,
    pdf: &mut pdf::PdfExtractor,
) -> Result<Analysis, String> {
    if planlens_core::decode::sniff(bytes, name) == planlens_core::decode::Format::Pdf {
        return pdf.analyze_pdf(bytes, name);
    }
    planlens_core::analyze_bytes(bytes, name)
        .map_err(|e: DecodeError| format!("{name}:{}", e.message()))
}

/// A Chinese reason for an I/O error (the system's own text is English).
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件不存在".into(),
        K::PermissionDenied => "没有读取权限".into(),
        K::IsADirectory => "这是一个目录,请使用 batch 命令".into(),
        K::NotADirectory => "路径中有一段不是目录".into(),
        K::OutOfMemory => "内存不足".into(),
        K::Interrupted => "读取被中断".into(),
        K::InvalidData => "数据无效".into(),
        K::StorageFull => "磁盘已满".into(),
        K::ReadOnlyFilesystem => "文件系统只读".into(),
        K::AlreadyExists => "已存在".into(),
        _ => match e.raw_os_error() {
            Some(n) => format!("系统错误 {n}"),
            None => "未知错误".into(),
        },
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> String {
    format!("无法读取 {}:{}", path.display(), io_reason(e))
}

fn to_json(a: &Analysis) -> String {
    let mut s = serde_json::to_string_pretty(a).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn xlsx_options(flags: &[&OsStr]) -> planlens_export_xlsx::Options {
    planlens_export_xlsx::Options {
        notes: flags.iter().any(|a| is(a, "--notes")),
        by_unit: flags.iter().any(|a| is(a, "--by-unit")),
    }
}

/// The print-ready workbook of a plan: every measure in plan order, every target,
/// and with `--by-unit` one sheet per unit.
fn write_xlsx(
    a: &Analysis,
    path: &Path,
    options: &planlens_export_xlsx::Options,
) -> Result<(), String> {
    let bytes = planlens_export_xlsx::workbook_all(a, options)?;
    std::fs::write(path, bytes)
        .map_err(|e| format!("无法写入 {}:{}", path.display(), io_reason(&e)))
}

fn write_stdout(s: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()) {
        // A closed pipe (`| head`) is not an error for the user.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("无法输出结果:{}", io_reason(&e)))
        }
        _ => Ok(()),
    }
}

fn batch(
    dir: &Path,
    out: &Path,
    xlsx: Option<&planlens_export_xlsx::Options>,
    pdf: &mut pdf::PdfExtractor,
) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| read_error(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    std::fs::create_dir_all(out)
        .map_err(|e| format!("无法创建输出目录 {}:{}", out.display(), io_reason(&e)))?;
    let (mut ok, mut failed) = (0, 0);
    let stem_of = |f: &PathBuf| f.file_stem().unwrap_or(f.as_os_str()).to_os_string();
    let mut stems: std::collections::HashMap<std::ffi::OsString, usize> = Default::default();
    for file in &files {
        *stems.entry(stem_of(file)).or_default() += 1;
    }
    for file in &files {
        // Output names keep the input's bytes (a name that is not UTF-8 stays as it is);
        // inputs sharing a stem (方案.docx, 方案.pdf) keep their whole names apart.
        let stem = stem_of(file);
        let base = if stems.get(&stem).copied().unwrap_or(0) > 1 {
            file.file_name().unwrap_or(file.as_os_str()).to_os_string()
        } else {
            stem
        };
        let named = |ext: &str| {
            let mut n = base.clone();
            n.push(ext);
            out.join(n)
        };
        match analyze_path(file, pdf) {
            Ok(a) => {
                let target = named(".json");
                std::fs::write(&target, to_json(&a))
                    .map_err(|e| format!("无法写入 {}:{}", target.display(), io_reason(&e)))?;
                if let Some(options) = xlsx {
                    write_xlsx(&a, &named(".xlsx"), options)?;
                }
                eprintln!(
                    "{}: 措施 {} 条,指标 {} 项",
                    file.display(),
                    a.measures.len(),
                    a.targets.len()
                );
                ok += 1;
            }
            Err(message) => {
                eprintln!("planlens: {message}");
                failed += 1;
            }
        }
    }
    eprintln!("完成:{ok} 个文件已分析,{failed} 个失败。");
    if failed > 0 {
        Err(format!("{failed} 个文件无法分析"))
    } else {
        Ok(())
    }
}
