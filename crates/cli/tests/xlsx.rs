//! `--xlsx`: the workbooks the CLI writes, read back.

use std::io::{Cursor, Read};
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

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The inline strings of a worksheet row (`<row r="n">`), in order.
fn row_texts(sheet: &str, n: usize) -> Vec<String> {
    let start = sheet
        .find(&format!("<row r=\"{n}\">"))
        .unwrap_or_else(|| panic!("no row {n}"));
    let row = &sheet[start..start + sheet[start..].find("</row>").unwrap()];
    row.split("<t xml:space=\"preserve\">")
        .skip(1)
        .map(|t| t.split("</t>").next().unwrap().to_string())
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
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("<sheet name=\"任务分解表\""));
    assert!(workbook.contains("<sheet name=\"指标表\""));
    let tasks = part(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(
        row_texts(&tasks, 1),
        ["序号", "章节", "任务", "牵头单位", "配合单位", "完成时限"]
    );
    assert_eq!(tasks.matches("<row ").count(), 1 + measures.len());
    assert!(
        tasks.contains(r#"<c r="A2" s="2"><v>1</v></c>"#),
        "序号 is a number"
    );
    assert_eq!(row_texts(&tasks, 3)[2], "区商务委");
    let sheet = part(&bytes, "xl/worksheets/sheet2.xml");
    assert_eq!(sheet.matches("<row ").count(), 1 + targets.len());
    assert!(
        sheet.contains(r#"<c r="B2" s="2"><v>100</v></c>"#),
        "{sheet}"
    );
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
        assert!(part(&bytes, "xl/workbook.xml").contains("任务分解表"));
    }
    let second = std::fs::read(out.join("乙.xlsx")).unwrap();
    assert_eq!(
        row_texts(&part(&second, "xl/worksheets/sheet1.xml"), 2)[2],
        "区教育局"
    );
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
