//! The workbook printed: LibreOffice headless converts it to PDF, and poppler's
//! pdfinfo / pdftotext check what an office would see on paper — one page wide
//! (columns never split over pages), A4 landscape, the header on every page, and
//! rows tall enough that no wrapped task text is cut off.
//!
//! Slow-ish (one small workbook, a few seconds); skipped with a note when
//! `soffice` or poppler-utils are not installed.

use planlens_export_xlsx::{workbook_all, Options};
use std::path::Path;
use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| o.status.success() || !o.stderr.is_empty() || !o.stdout.is_empty())
        .unwrap_or(false)
}

/// A plan of `n` long tasks, none with units (so each printed line of a row holds
/// only its task text after the first line's 序号 and 章节).
fn plan(n: usize) -> String {
    let mut s = String::from("某市推进重点项目建设工作方案\n一、主要任务\n");
    for i in 1..=n {
        s.push_str(&format!(
            "{i}.推进第{i}批重点项目建设。围绕产业链供应链现代化水平提升,统筹推进技术改造、数字化转型和绿色低碳发展,完善项目储备、审批、建设、验收全流程服务机制,加强要素保障和跟踪调度,确保第{i}批项目按期开工、按期投产、按期达效。\n"
        ));
    }
    s
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn libreoffice_prints_one_page_wide_with_the_header_on_every_page() {
    if !have("soffice") || !have("pdftotext") || !have("pdfinfo") {
        eprintln!("跳过:需要 soffice(LibreOffice)和 poppler-utils(pdfinfo、pdftotext)");
        return;
    }
    let a = planlens_core::analyze(&plan(40));
    assert_eq!(a.measures.len(), 40, "{:#?}", a.measures.first());
    let opts = Options {
        notes: true,
        by_unit: false,
    };
    let bytes = workbook_all(&a, &opts).unwrap();
    let dir = std::env::temp_dir().join(format!("planlens-lo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("plan.xlsx");
    std::fs::write(&xlsx, &bytes).unwrap();
    // A profile of its own, so a LibreOffice running elsewhere does not take the job.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&xlsx)
        .output()
        .expect("soffice");
    let pdf = dir.join("plan.pdf");
    assert!(
        pdf.exists(),
        "soffice wrote no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("a page count");
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default();
    assert!(
        size.contains("841.") && size.contains("x 595."),
        "A4 landscape: {size}"
    );

    // Pages of the 任务分解表 (the 指标表 follows on its own page).
    let task_pages: Vec<usize> = (1..=pages)
        .filter(|p| pdftotext(&pdf, Some(*p)).contains("推进第"))
        .collect();
    assert!(
        task_pages.len() >= 2,
        "40 long tasks take more than one page: {pages} pages"
    );
    assert!(
        pages <= task_pages.len() + 1,
        "no page of split-off columns: {pages} pages, {} of tasks",
        task_pages.len()
    );
    for p in &task_pages {
        let text = squash(&pdftotext(&pdf, Some(*p)));
        for h in [
            "序号",
            "任务",
            "牵头单位",
            "配合单位",
            "完成时限",
            "备注",
            "进展",
        ] {
            assert!(text.contains(h), "page {p} has the header {h}");
        }
    }
    // Every row is tall enough: each task's whole text is printed.
    let all = squash(&pdftotext(&pdf, None));
    for m in &a.measures {
        assert!(all.contains(&squash(&m.text)), "cut off: {}", m.text);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
