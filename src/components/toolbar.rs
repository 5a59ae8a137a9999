//! 导出: Excel (任务分解表 + 指标表), task / target CSV, JSON, print.

use super::props_eq;
use crate::files::download;
use planlens_core::Analysis;
use planlens_export::{csv, target_sheet, task_sheet, xlsx, XLSX_MIME};
use planlens_web::tasks::{visible_measures, TaskFilter};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct ToolbarProps {
    pub analysis: Rc<Analysis>,
    /// The task sheet follows what the 任务分解表 shows.
    pub filter: TaskFilter,
}
props_eq!(ToolbarProps {
    ptr: [analysis],
    value: [filter]
});

/// A file name from the title (or the file's name), without characters file
/// systems refuse.
fn base_name(a: &Analysis) -> String {
    let t = a
        .meta
        .title
        .clone()
        .or_else(|| a.source.name.clone())
        .unwrap_or_else(|| "规划分析".into());
    let t: String = t
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|\n\r\t".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let t = t
        .trim()
        .trim_end_matches(".txt")
        .trim_end_matches(".docx")
        .to_string();
    if t.is_empty() {
        "规划分析".into()
    } else {
        t
    }
}

#[component]
pub fn Toolbar(p: &ToolbarProps) -> Html {
    let base = Rc::new(base_name(&p.analysis));
    let on_click = |make: fn(&Analysis, &TaskFilter) -> (Vec<u8>, &'static str, &'static str)| {
        let (a, f, base) = (p.analysis.clone(), p.filter.clone(), base.clone());
        Callback::from(move |_: MouseEvent| {
            let (bytes, suffix, mime) = make(&a, &f);
            if download(&bytes, &format!("{base}{suffix}"), mime).is_err() {
                let _ = web_sys::window().map(|w| w.alert_with_message("导出失败,请重试。"));
            }
        })
    };
    let on_xlsx = on_click(|a, f| {
        let sheets = [task_sheet(visible_measures(a, f)), target_sheet(a)];
        (xlsx(&sheets), ".xlsx", XLSX_MIME)
    });
    let on_csv_tasks = on_click(|a, f| {
        let sheet = task_sheet(visible_measures(a, f));
        (
            csv(&sheet).into_bytes(),
            "-任务分解表.csv",
            "text/csv;charset=utf-8",
        )
    });
    let on_csv_targets = on_click(|a, _| {
        (
            csv(&target_sheet(a)).into_bytes(),
            "-指标表.csv",
            "text/csv;charset=utf-8",
        )
    });
    let on_json = on_click(|a, _| {
        let mut json = serde_json::to_string_pretty(a).unwrap_or_else(|_| "{}".into());
        json.push('\n');
        (json.into_bytes(), ".json", "application/json")
    });
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = web_sys::window().map(|w| w.print());
    });
    let hint = if p.filter.active() {
        "(任务按当前筛选)"
    } else {
        ""
    };
    html! {
        <div class="export" role="group" aria-label="导出">
            <span class="export-label">{ "导出" }{ hint }</span>
            <button id="export-xlsx" onclick={on_xlsx} title="任务分解表和指标表两个工作表">{ "Excel" }</button>
            <button id="export-csv-tasks" onclick={on_csv_tasks}>{ "任务 CSV" }</button>
            <button id="export-csv-targets" onclick={on_csv_targets}>{ "指标 CSV" }</button>
            <button id="export-json" onclick={on_json} title="plan-analysis/1">{ "JSON" }</button>
            <button id="export-print" onclick={on_print}>{ "打印" }</button>
        </div>
    }
}
