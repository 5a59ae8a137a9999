//! `--xlsx`: the workbooks the CLI writes, read back.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

const PLAN: &str = "一、发展目标\n\
到2025年,新增高新技术企业100家以上。\n\
二、主要任务\n\
（一）加强创新平台建设。(责任单位:区科委;完成时限:2024年底前)\n\
（二）优化营商环境。(牵头单位:区商务委;配合单位:区市场监管局)\n";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planlens-xlsx-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn planlens(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_planlens"))
        .args(args)
        .output()
        .expect("run planlens")
}

/// The sheets of a workbook, each as its cells' text from A1.
fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("the sheet");
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|d| match d {
                            Data::String(s) => s.clone(),
                            Data::Float(f) => f.to_string(),
                            Data::Empty => String::new(),
                            other => format!("{other:?}"),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

fn json(file: &Path) -> serde_json::Value {
    let out = planlens(&["analyze", &file.to_string_lossy(), "--json"]);
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn analyze_writes_a_workbook_with_both_sheets() {
    let dir = scratch("one");
    let plan = dir.join("方案.txt");
    std::fs::write(&plan, PLAN).unwrap();
    let book = dir.join("方案.xlsx");
    let out = planlens(&[
        "analyze",
        &plan.to_string_lossy(),
        "--xlsx",
        &book.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "only the workbook is written");
    let a = json(&plan);
    let measures = a["measures"].as_array().unwrap();
    let targets = a["targets"].as_array().unwrap();
    assert_eq!(measures.len(), 2);

    let bytes = std::fs::read(&book).unwrap();
    let sheets = sheets(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["任务分解表", "指标表"],
        "no per-unit sheets unless asked"
    );
    let tasks = &sheets[0].1;
    // title, 文号/date line, header, rows
    assert_eq!(
        tasks[2][..6],
        ["序号", "章节", "任务", "牵头单位", "配合单位", "完成时限"]
    );
    assert_eq!(tasks.len(), 3 + measures.len());
    assert_eq!(tasks[3][0], "1", "序号 is a number");
    assert_eq!(tasks[4][3], "区商务委");
    let targets_sheet = &sheets[1].1;
    assert_eq!(targets_sheet.len(), 3 + targets.len());
    assert_eq!(targets_sheet[3][2], "100");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_writes_one_workbook_per_plan_beside_its_json() {
    let dir = scratch("batch");
    let (plans, out) = (dir.join("plans"), dir.join("out"));
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::write(plans.join("甲.txt"), PLAN).unwrap();
    std::fs::write(plans.join("乙.txt"), PLAN.replace("区科委", "区教育局")).unwrap();
    let status = planlens(&[
        "batch",
        &plans.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--xlsx",
    ]);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for stem in ["甲", "乙"] {
        assert!(out.join(format!("{stem}.json")).exists());
        let bytes = std::fs::read(out.join(format!("{stem}.xlsx"))).unwrap();
        assert_eq!(sheets(&bytes)[0].0, "任务分解表");
    }
    let second = std::fs::read(out.join("乙.xlsx")).unwrap();
    assert_eq!(sheets(&second)[0].1[3][3], "区教育局");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn by_unit_and_notes_add_unit_sheets_and_empty_columns() {
    let dir = scratch("by-unit");
    let plan = dir.join("方案.txt");
    std::fs::write(&plan, PLAN).unwrap();
    let book = dir.join("方案.xlsx");
    let out = planlens(&[
        "analyze",
        &plan.to_string_lossy(),
        "--xlsx",
        &book.to_string_lossy(),
        "--by-unit",
        "--notes",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sheets = sheets(&std::fs::read(&book).unwrap());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["任务分解表", "指标表", "区科委", "区商务委", "区市场监管局"]
    );
    assert_eq!(sheets[0].1[2][6..], ["备注", "进展"]);
    let support = &sheets[4].1;
    assert_eq!(support[3][3], "配合");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_without_xlsx_writes_no_workbook() {
    let dir = scratch("plain");
    let (plans, out) = (dir.join("plans"), dir.join("out"));
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::write(plans.join("甲.txt"), PLAN).unwrap();
    let status = planlens(&[
        "batch",
        &plans.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert!(status.status.success());
    assert!(out.join("甲.json").exists());
    assert!(!out.join("甲.xlsx").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn xlsx_without_a_file_name_is_a_usage_error() {
    let dir = scratch("usage");
    let plan = dir.join("方案.txt");
    std::fs::write(&plan, PLAN).unwrap();
    let out = planlens(&["analyze", &plan.to_string_lossy(), "--xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--xlsx 需要一个输出文件参数"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unwritable_workbook_path_gives_a_chinese_message() {
    let dir = scratch("unwritable");
    let plan = dir.join("方案.txt");
    std::fs::write(&plan, PLAN).unwrap();
    let book = dir.join("没有这个目录").join("方案.xlsx");
    let out = planlens(&[
        "analyze",
        &plan.to_string_lossy(),
        "--xlsx",
        &book.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法写入"));
    let _ = std::fs::remove_dir_all(&dir);
}
