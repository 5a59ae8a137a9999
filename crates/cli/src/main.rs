//! `planlens`: the analysis core on the command line.
//!
//!   planlens analyze FILE [--json] [--xlsx OUT [--by-unit] [--notes]]
//!                                                 one plan (FILE may be `-` for stdin)
//!   planlens batch DIR --out DIR [--xlsx [--by-unit] [--notes]]
//!                                                 every plan in a folder, one JSON each

mod pdf;
mod report;

use planlens_core::{Analysis, DecodeError};
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
  -V, --version";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("planlens: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let flags: Vec<&str> = args.iter().map(String::as_str).collect();
    if flags.iter().any(|a| *a == "-h" || *a == "--help") || flags.is_empty() {
        println!("{USAGE}");
        return if flags.is_empty() {
            Err("缺少命令".into())
        } else {
            Ok(())
        };
    }
    if flags.iter().any(|a| *a == "-V" || *a == "--version") {
        println!("planlens {}", env!("CARGO_PKG_VERSION"));
        return Ok(());
    }
    // `--xlsx` names its output file for one plan; for a batch it is a switch.
    let analyze = flags.iter().find(|a| !a.starts_with("--")) == Some(&"analyze");
    let valued: &[&str] = if analyze {
        &["--out", "--xlsx", "--gold-out"]
    } else {
        &["--out"]
    };
    let positional: Vec<&str> = positional_args(&flags, valued);
    match positional.first().copied() {
        Some("analyze") => {
            let file = positional.get(1).ok_or("analyze 需要一个文件参数")?;
            let xlsx = match flags.iter().position(|a| *a == "--xlsx") {
                Some(i) => Some(
                    flags
                        .get(i + 1)
                        .filter(|v| !v.starts_with("--"))
                        .ok_or("--xlsx 需要一个输出文件参数(如 --xlsx 方案.xlsx)")?,
                ),
                None => None,
            };
            let gold_out = match flags.iter().position(|a| *a == "--gold-out") {
                Some(i) => Some(
                    flags
                        .get(i + 1)
                        .filter(|v| !v.starts_with("--"))
                        .ok_or("--gold-out 需要一个输出文件参数(如 --gold-out 方案.json)")?,
                ),
                None => None,
            };
            let options = xlsx_options(&flags);
            let analysis = analyze_path(file)?;
            if let Some(path) = gold_out {
                let doc = analysis
                    .source
                    .name
                    .clone()
                    .unwrap_or_else(|| "stdin.txt".into());
                std::fs::write(path, planlens_export::gold_json(&analysis, &doc))
                    .map_err(|e| format!("无法写入 {path}:{e}"))?;
                eprintln!("已写出校对结果(语料标注格式){path}");
                if xlsx.is_none() && !flags.contains(&"--json") {
                    return Ok(());
                }
            }
            if let Some(path) = xlsx {
                write_xlsx(&analysis, Path::new(path), &options)?;
                eprintln!(
                    "已写出 {path}:任务 {} 项,指标 {} 个",
                    analysis.measures.len(),
                    analysis.targets.len()
                );
                if !flags.contains(&"--json") {
                    return Ok(());
                }
            }
            let out = if flags.contains(&"--json") {
                to_json(&analysis)
            } else {
                report::render(&analysis)
            };
            write_stdout(&out)
        }
        Some("batch") => {
            let dir = positional.get(1).ok_or("batch 需要一个目录参数")?;
            let out = option_value(&flags, "--out").ok_or("batch 需要 --out 目录")?;
            let xlsx = flags.contains(&"--xlsx").then(|| xlsx_options(&flags));
            batch(Path::new(dir), Path::new(out), xlsx.as_ref())
        }
        Some(other) => Err(format!("未知命令 “{other}”\n{USAGE}")),
        None => Err(USAGE.into()),
    }
}

/// Arguments that are neither flags nor the value of an option in `valued`.
fn positional_args<'a>(flags: &[&'a str], valued: &[&str]) -> Vec<&'a str> {
    let mut out = vec![];
    let mut skip = false;
    for a in flags {
        if skip {
            skip = false;
            continue;
        }
        if valued.contains(a) {
            skip = true;
        } else if !a.starts_with("--") || *a == "-" {
            out.push(*a);
        }
    }
    out
}

fn option_value<'a>(flags: &[&'a str], name: &str) -> Option<&'a str> {
    flags
        .iter()
        .position(|a| *a == name)
        .and_then(|i| flags.get(i + 1).copied())
}

fn analyze_path(file: &str) -> Result<Analysis, String> {
    let (bytes, name) = if file == "-" {
        let mut buf = vec![];
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("无法读取标准输入:{e}"))?;
        (buf, "stdin.txt".to_string())
    } else {
        let path = Path::new(file);
        let bytes = std::fs::read(path).map_err(|e| read_error(path, &e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (bytes, name)
    };
    if planlens_core::decode::sniff(&bytes, &name) == planlens_core::decode::Format::Pdf {
        return pdf::analyze_pdf(&bytes, &name);
    }
    planlens_core::analyze_bytes(&bytes, &name)
        .map_err(|e: DecodeError| format!("{name}:{}", e.message()))
}

fn read_error(path: &Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ if path.is_dir() => "这是一个目录,请使用 batch 命令".to_string(),
        _ => e.to_string(),
    };
    format!("无法读取 {}:{why}", path.display())
}

fn to_json(a: &Analysis) -> String {
    let mut s = serde_json::to_string_pretty(a).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn xlsx_options(flags: &[&str]) -> planlens_export_xlsx::Options {
    planlens_export_xlsx::Options {
        notes: flags.contains(&"--notes"),
        by_unit: flags.contains(&"--by-unit"),
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
    std::fs::write(path, bytes).map_err(|e| format!("无法写入 {}:{e}", path.display()))
}

fn write_stdout(s: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()) {
        // A closed pipe (`| head`) is not an error for the user.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("无法输出结果:{e}")),
        _ => Ok(()),
    }
}

fn batch(
    dir: &Path,
    out: &Path,
    xlsx: Option<&planlens_export_xlsx::Options>,
) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| read_error(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    std::fs::create_dir_all(out).map_err(|e| format!("无法创建输出目录 {}:{e}", out.display()))?;
    let (mut ok, mut failed) = (0, 0);
    for file in &files {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match analyze_path(&file.to_string_lossy()) {
            Ok(a) => {
                let target = out.join(format!("{stem}.json"));
                std::fs::write(&target, to_json(&a))
                    .map_err(|e| format!("无法写入 {}:{e}", target.display()))?;
                if let Some(options) = xlsx {
                    write_xlsx(&a, &out.join(format!("{stem}.xlsx")), options)?;
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
