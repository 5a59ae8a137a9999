//! 导出: Excel (任务分解表 + 指标表, print-ready from the on-demand export wasm),
//! 按单位 Excel, task / target CSV, JSON, 校对结果 (corpus gold layout), print, and
//! 复制任务表 / 复制指标表 (HTML table + TSV on the clipboard).

use super::props_eq;
use crate::export::{copy_table, mark_fallback, print_ready_xlsx};
use crate::files::download;
use planlens_core::Analysis;
use planlens_export::{
    clipboard_html, clipboard_tsv, fmt_num, gold_file_name, target_sheet, task_sheet, Cell, Sheet,
    XLSX_MIME,
};
use planlens_web::protocol::FileKind;
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

/// A sheet's cells as text (for the hidden table of the copy fallback).
fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
    sheet
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Text(s) => s.clone(),
                    Cell::Number(n) => fmt_num(*n),
                    Cell::Empty => String::new(),
                })
                .collect()
        })
        .collect()
}

fn alert(message: &str) {
    let _ = web_sys::window().map(|w| w.alert_with_message(message));
}

/// The 任务分解表's rows as shown (0-based measure indices).
fn shown_order(a: &Analysis, f: &TaskFilter) -> Vec<u32> {
    visible_measures(a, f)
        .iter()
        .map(|(n, _)| (*n - 1) as u32)
        .collect()
}

/// The document a 校对结果 file is named after.
fn gold_doc(a: &Analysis) -> String {
    a.source
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "plan.txt".into())
}

#[component]
pub fn Toolbar(p: &ToolbarProps) -> Html {
    let base = Rc::new(base_name(&p.analysis));
    let notes = use_state(|| false);
    let busy = use_state(|| false);
    let copied = use_state(String::new);
    // A file the worker writes from the analysis on screen (`Job::File`): its kind and
    // name from the analysis and the file name's base.
    let on_file = |what: fn(&Analysis, &str) -> (FileKind, String), mime: &'static str| {
        let (a, f, base) = (p.analysis.clone(), p.filter.clone(), base.clone());
        Callback::from(move |_: MouseEvent| {
            let (kind, name) = what(&a, &base);
            let (order, json) = (
                shown_order(&a, &f),
                serde_json::to_string(&*a).unwrap_or_default(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match crate::worker::make_file(json, order, kind).await {
                    Ok(bytes) => {
                        if download(&bytes, &name, mime).is_err() {
                            alert("导出失败,请重试。");
                        }
                    }
                    Err(message) => alert(&message),
                }
            });
        })
    };
    // The print-ready workbook from the export wasm (fetched on the first click);
    // when it cannot load, the plain workbook of the small built-in writer.
    let on_workbook = |by_unit: bool| {
        let (a, f, base) = (p.analysis.clone(), p.filter.clone(), base.clone());
        let (notes, busy) = (notes.clone(), busy.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (a, f, base, notes, busy) =
                (a.clone(), f.clone(), base.clone(), *notes, busy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let order = shown_order(&a, &f);
                // compact: the export wasm reads it (one serializer in the page wasm)
                let json = serde_json::to_string(&*a).unwrap_or_default();
                let made = print_ready_xlsx(&json, &order, by_unit, notes).await;
                let suffix = if by_unit { "-按单位.xlsx" } else { ".xlsx" };
                let bytes = match made {
                    Ok(bytes) => Some(bytes),
                    // the plain workbook, written by the analysis worker
                    Err(_) if !by_unit => {
                        match crate::worker::make_file(json, order, FileKind::PlainXlsx).await {
                            Ok(bytes) => {
                                mark_fallback();
                                Some(bytes)
                            }
                            Err(message) => {
                                alert(&message);
                                None
                            }
                        }
                    }
                    Err(why) => {
                        alert(&format!(
                            "按单位导出需要导出组件,当前无法加载({why})。请使用部署在服务器上的版本,或用命令行 planlens analyze 文件 --xlsx 输出.xlsx --by-unit。"
                        ));
                        None
                    }
                };
                if let Some(bytes) = bytes {
                    if download(&bytes, &format!("{base}{suffix}"), XLSX_MIME).is_err() {
                        alert("导出失败,请重试。");
                    }
                }
                busy.set(false);
            });
        })
    };
    let on_xlsx = on_workbook(false);
    let on_xlsx_units = on_workbook(true);
    let on_notes = {
        let notes = notes.clone();
        Callback::from(move |_: Event| notes.set(!*notes))
    };
    let on_gold = on_file(
        |a, _| {
            let doc = gold_doc(a);
            let name = gold_file_name(&doc);
            (FileKind::Gold { doc }, name)
        },
        "application/json",
    );
    let on_copy = |which: &'static str| {
        let (a, f, copied) = (p.analysis.clone(), p.filter.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let sheet = if which == "tasks" {
                task_sheet(visible_measures(&a, &f))
            } else {
                target_sheet(&a)
            };
            let (html, tsv, cells) = (clipboard_html(&sheet), clipboard_tsv(&sheet), texts(&sheet));
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match copy_table(&html, &tsv, &cells).await {
                    Ok(()) => copied.set(format!(
                        "已复制{}({} 行),可粘贴到 WPS/Excel",
                        if which == "tasks" {
                            "任务分解表"
                        } else {
                            "指标表"
                        },
                        cells.len().saturating_sub(1)
                    )),
                    Err(message) => alert(&message),
                }
            });
        })
    };
    let on_copy_tasks = on_copy("tasks");
    let on_copy_targets = on_copy("targets");
    const CSV: &str = "text/csv;charset=utf-8";
    let on_csv_tasks = on_file(
        |_, base| (FileKind::TaskCsv, format!("{base}-任务分解表.csv")),
        CSV,
    );
    let on_csv_targets = on_file(
        |_, base| (FileKind::TargetCsv, format!("{base}-指标表.csv")),
        CSV,
    );
    let on_json = {
        let (a, base) = (p.analysis.clone(), base.clone());
        Callback::from(move |_: MouseEvent| {
            // pretty, re-indented from the compact text (src/pretty.rs: one serializer
            // of the analysis in the page wasm, not two)
            let mut json = planlens_web::pretty::pretty(
                &serde_json::to_string(&*a).unwrap_or_else(|_| "{}".into()),
            );
            json.push('\n');
            if download(json.as_bytes(), &format!("{base}.json"), "application/json").is_err() {
                alert("导出失败,请重试。");
            }
        })
    };
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
            <button id="export-xlsx" onclick={on_xlsx} disabled={*busy} title="可直接打印的工作簿:任务分解表和指标表(A4 横向、表头每页重复)">{ "Excel" }</button>
            <button id="export-xlsx-units" onclick={on_xlsx_units} disabled={*busy} title="另为每个责任单位加一个工作表(其牵头和配合的任务)">{ "按单位 Excel" }</button>
            <label class="export-option" title="任务分解表等工作表末尾加空白的“备注”“进展”两列">
                <input type="checkbox" id="export-notes" checked={*notes} onchange={on_notes} />{ "含备注/进展列" }
            </label>
            <button id="export-csv-tasks" onclick={on_csv_tasks}>{ "任务 CSV" }</button>
            <button id="export-csv-targets" onclick={on_csv_targets}>{ "指标 CSV" }</button>
            <button id="export-json" onclick={on_json} title="plan-analysis/1">{ "JSON" }</button>
            <button id="export-gold" onclick={on_gold} title="按语料标注格式(ANNOTATION.md)导出,可作为测试用例">{ "导出校对结果" }</button>
            <button id="export-print" onclick={on_print}>{ "打印" }</button>
            <button id="copy-tasks" onclick={on_copy_tasks} title="复制为表格,粘贴到 WPS/Excel 即为单元格">{ "复制任务表" }</button>
            <button id="copy-targets" onclick={on_copy_targets} title="复制为表格,粘贴到 WPS/Excel 即为单元格">{ "复制指标表" }</button>
            <span class="export-copied" role="status" aria-live="polite">{ (*copied).clone() }</span>
        </div>
    }
}
