//! The readable report: 概况, 任务分解表, 指标表, 责任单位, 提示.

use planlens_core::Analysis;
use std::fmt::Write;

pub fn render(a: &Analysis) -> String {
    let mut s = String::new();
    let m = &a.meta;
    let _ = writeln!(s, "【概况】");
    let _ = writeln!(s, "标题:{}", m.title.as_deref().unwrap_or("(未识别)"));
    let _ = writeln!(s, "发文机关:{}", m.issuer.as_deref().unwrap_or("(未识别)"));
    let _ = writeln!(s, "文号:{}", m.doc_number.as_deref().unwrap_or("(无)"));
    let _ = writeln!(s, "日期:{}", m.date.as_deref().unwrap_or("(无)"));
    let _ = writeln!(
        s,
        "措施 {} 条,指标 {} 项,责任单位 {} 个",
        a.measures.len(),
        a.targets.len(),
        a.units.len()
    );

    let _ = writeln!(s, "\n【任务分解表】");
    let _ = writeln!(s, "序号\t章节\t任务\t牵头单位\t配合单位\t完成时限");
    for (i, x) in a.measures.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            x.section,
            headline(x.title.as_deref().unwrap_or(&x.text)),
            x.lead.join("、"),
            x.support.join("、"),
            x.deadline.as_ref().map(|d| d.text.as_str()).unwrap_or("")
        );
    }

    let _ = writeln!(s, "\n【指标表】");
    let _ = writeln!(s, "指标\t目标值\t比较\t单位\t年份\t所在章节");
    for t in &a.targets {
        let value = planlens_export::target_value(t);
        let year = t.year.map(|y| y.to_string()).unwrap_or_default();
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}\t{}",
            headline(&t.text),
            value,
            t.comparator.label(),
            t.unit,
            year,
            t.section
        );
    }

    let _ = writeln!(s, "\n【责任单位】");
    for u in &a.units {
        let _ = writeln!(
            s,
            "{}\t牵头 {}\t配合 {}",
            u.name,
            u.lead.len(),
            u.support.len()
        );
    }

    if !a.warnings.is_empty() {
        let _ = writeln!(s, "\n【提示】");
        for w in &a.warnings {
            let _ = writeln!(s, "- {}", w.message);
        }
    }
    s
}

/// The first 40 chars of a text, on one line.
fn headline(text: &str) -> String {
    planlens_export::ellipsis(text, 40)
}
