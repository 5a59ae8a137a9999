//! 任务分解表: search, filter by unit, sort by 序号/章节/牵头单位/完成时限; and
//! corrected in place (double-click or Enter on a cell, delete / restore, split /
//! merge). Rows carry `data-measure-id`, cells `data-col` (the contract for tests
//! and hosts).

use super::cell::{cell_cancel, cell_open, CellEditor, CellKind, CellOpen, ClickGate};
use super::props_eq;
use planlens_core::{Analysis, Measure};
use planlens_export::{deadline_text, join};
use planlens_web::corrections::{parse_units, MeasureField, Only, Op, RowId, Shown};
use planlens_web::state::ItemKey;
use planlens_web::tasks::{visible_measures, SortKey, TaskFilter};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties)]
pub struct TaskTableProps {
    pub analysis: Rc<Analysis>,
    pub filter: TaskFilter,
    pub limit: usize,
    pub focus: Option<ItemKey>,
    pub on_show: Callback<ItemKey>,
    pub on_search: Callback<String>,
    pub on_unit: Callback<String>,
    pub on_sort: Callback<SortKey>,
    pub on_more: Callback<()>,
    /// What the corrections changed (edited cells, deleted rows).
    pub shown: Rc<Shown>,
    pub on_edit: Callback<Op>,
    pub on_only: Callback<Only>,
}
props_eq!(TaskTableProps {
    ptr: [analysis, shown],
    value: [filter, limit, focus, on_show, on_search, on_unit, on_sort, on_more, on_edit, on_only]
});

/// The text a cell's editor starts with.
fn cell_value(m: &Measure, col: &str) -> String {
    match col {
        "task" => m.text.clone(),
        "lead" => join(&m.lead),
        "support" => join(&m.support),
        _ => deadline_text(m),
    }
}

/// The correction a committed cell makes, if it changed anything.
fn cell_edit(m: &Measure, col: &str, value: &str) -> Option<Op> {
    let field = match col {
        "task" => {
            let v = value.trim();
            (!v.is_empty() && v != m.text).then(|| MeasureField::Task(v.to_string()))?
        }
        "lead" => {
            let v = parse_units(value);
            (!v.iter().map(String::as_str).eq(m.lead.iter().map(|n| &**n)))
                .then_some(MeasureField::Lead(v))?
        }
        "support" => {
            let v = parse_units(value);
            (!v.iter()
                .map(String::as_str)
                .eq(m.support.iter().map(|n| &**n)))
            .then_some(MeasureField::Support(v))?
        }
        _ => {
            let v = value.trim();
            (v != deadline_text(m)).then(|| MeasureField::Deadline(v.to_string()))?
        }
    };
    Some(Op::Measure {
        id: m.id.clone(),
        field,
    })
}

/// Rows taken out of a table, each with 恢复.
pub fn removed_list(shown: &Shown, targets: bool, on_edit: &Callback<Op>) -> Html {
    let rows: Vec<_> = shown
        .removed
        .iter()
        .filter(|r| matches!(r.row, RowId::Target(_)) == targets)
        .collect();
    if rows.is_empty() {
        return Html::default();
    }
    let items = rows.into_iter().map(|r| {
        let op = Op::Restore { row: r.row.clone() };
        let id = match &r.row {
            RowId::Measure(id) | RowId::Target(id) => id.clone(),
        };
        let label = if r.not_target { "不是指标" } else { "已删除" };
        html! {
            <li data-row-id={id}>
                <span class="tag">{ label }</span>{ super::short(&r.text, 60) }{ " " }
                <button class="restore" onclick={on_edit.reform(move |_: MouseEvent| op.clone())}>{ "恢复" }</button>
            </li>
        }
    });
    let n = shown
        .removed
        .iter()
        .filter(|r| matches!(r.row, RowId::Target(_)) == targets)
        .count();
    html! {
        <details class="removed" id={if targets { "removed-targets" } else { "removed-tasks" }} open=true>
            <summary>{ format!("已删除 {n} 行(可恢复)") }</summary>
            <ul>{ for items }</ul>
        </details>
    }
}

fn sort_header(label: &str, key: SortKey, f: &TaskFilter, on_sort: &Callback<SortKey>) -> Html {
    let (aria, arrow) = match (f.sort == key, f.ascending) {
        (false, _) => ("none", ""),
        (true, true) => ("ascending", " ▲"),
        (true, false) => ("descending", " ▼"),
    };
    html! {
        <th scope="col" aria-sort={aria}>
            <button class="sort" onclick={on_sort.reform(move |_: MouseEvent| key)} title={format!("按{label}排序")}>{ label.to_string() }<span class="sort-arrow" aria-hidden="true">{ arrow }</span></button>
        </th>
    }
}

#[component]
pub fn TaskTable(p: &TaskTableProps) -> Html {
    let a = &p.analysis;
    let editing = use_state(|| None::<(String, &'static str)>);
    let gate = use_memo((), |_| ClickGate::default());
    let rows = visible_measures(a, &p.filter);
    let total = rows.len();
    let on_search = p.on_search.reform(|e: InputEvent| {
        let i: HtmlInputElement = e.target_unchecked_into();
        i.value()
    });
    let on_unit = p.on_unit.reform(|e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        s.value()
    });
    let on_only = p.on_only.reform(|e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        Only::from_key(&s.value())
    });
    let mut unit_names: Vec<&str> = a.units.iter().map(|u| u.name.as_str()).collect();
    planlens_web::order::sort_by(&mut unit_names, &|a, b| a.cmp(b));
    let chips: Rc<Vec<String>> = Rc::new(a.units.iter().map(|u| u.name.clone()).collect());
    let shown = rows.iter().take(p.limit).map(|&(n, m)| {
        let key = ItemKey::Measure(n - 1);
        let current = p.focus == Some(key);
        let deadline_title = m.deadline.as_ref().and_then(|d| d.date.clone()).unwrap_or_default();
        let show_now = p.on_show.reform(move |e: MouseEvent| {
            e.stop_propagation();
            key
        });
        let show = gate.row_click(&p.on_show, key);
        let cell = |col: &'static str, class: Classes, title: String, body: Html| -> Html {
            let is_editing = editing.as_ref().is_some_and(|(id, c)| *id == m.id && *c == col);
            let edited = p.shown.edited(&m.id, col);
            let class = classes!(class, edited.then_some("edited"), is_editing.then_some("editing"));
            let CellOpen { ondblclick, onkeydown } = cell_open(&editing, &gate, &m.id, col, is_editing);
            let content = if is_editing {
                let on_commit = {
                    let (editing, on_edit, m) = (editing.clone(), p.on_edit.clone(), m.clone());
                    Callback::from(move |v: String| {
                        editing.set(None);
                        if let Some(op) = cell_edit(&m, col, &v) {
                            on_edit.emit(op);
                        }
                    })
                };
                let on_cancel = cell_cancel(&editing);
                let on_split = (col == "task").then(|| {
                    let (editing, on_edit, m) = (editing.clone(), p.on_edit.clone(), m.clone());
                    Callback::from(move |(text, at): (String, usize)| {
                        editing.set(None);
                        if let Some(op) = cell_edit(&m, "task", &text) {
                            on_edit.emit(op);
                        }
                        on_edit.emit(Op::Split { id: m.id.clone(), at });
                    })
                });
                let kind = match col {
                    "task" => CellKind::Long,
                    "lead" | "support" => CellKind::Units,
                    _ => CellKind::Line,
                };
                let label = match col {
                    "task" => "任务",
                    "lead" => "牵头单位",
                    "support" => "配合单位",
                    _ => "完成时限",
                };
                html! {
                    <CellEditor value={cell_value(m, col)} {kind} chips={chips.clone()} {on_commit} {on_cancel}
                        {on_split} label={format!("修改第 {n} 项的{label}")} />
                }
            } else {
                body
            };
            let title = if edited { format!("已修改 {title}") } else { title };
            html! {
                <td class={class} data-col={col} tabindex="0" {ondblclick} {onkeydown}
                    title={(!title.trim().is_empty()).then_some(title)}>{ content }</td>
            }
        };
        let next = a
            .measures
            .get(n)
            .map(|x| x.id.clone());
        let tools = {
            let stop = |op: Op| p.on_edit.reform(move |e: MouseEvent| {
                e.stop_propagation();
                op.clone()
            });
            let del = stop(Op::Delete { row: RowId::Measure(m.id.clone()) });
            let merge = next.map(|next| stop(Op::Merge { id: m.id.clone(), next }));
            html! {
                <td class="tools">
                    <button class="row-delete" title="删除此行(可恢复)" aria-label={format!("删除第 {n} 项")} onclick={del}>{ "删除" }</button>
                    if let Some(merge) = merge {
                        <button class="row-merge" title="与下一项合并" aria-label={format!("第 {n} 项与下一项合并")} onclick={merge}>{ "合并↓" }</button>
                    }
                </td>
            }
        };
        html! {
            <tr id={format!("row-{}", m.id)} data-measure-id={m.id.clone()}
                class={classes!(current.then_some("current"), m.edited.then_some("edited"))} tabindex="-1"
                onclick={show}>
                <td class="num">
                    <button class="link" aria-label={format!("在原文中查看第 {n} 项")} onclick={show_now}>{ n }</button>
                </td>
                <td class="sec">{ m.section.clone() }</td>
                { cell("task", classes!("task"), String::new(), html! {
                    <>
                    if let Some(t) = &m.title { <strong class="task-title">{ t.clone() }</strong> }
                    <span class="task-text">{ m.text.clone() }</span>
                    </>
                }) }
                // How the units were found, for the rows worth checking (shown by the stylesheet).
                { cell("lead", classes!("lead", format!("basis-{}", m.basis.key())), format!("责任单位依据:{}", m.basis.label()), html! { join(&m.lead) }) }
                { cell("support", classes!("support"), String::new(), html! { join(&m.support) }) }
                { cell("deadline", classes!("deadline"), deadline_title, html! { deadline_text(m) }) }
                { tools }
            </tr>
        }
    });
    let more = total.saturating_sub(p.limit);
    let f = &p.filter;
    html! {
        <div class="tasks">
            <div class="filters">
                <label>{ "搜索 " }
                    <input type="search" id="task-search" value={f.search.clone()} oninput={on_search}
                        placeholder="任务、单位、章节…" />
                </label>
                <label>{ "责任单位 " }
                    <select id="unit-filter" onchange={on_unit}>
                        <option value="" selected={f.unit.is_empty()}>{ "全部单位" }</option>
                        { for unit_names.iter().map(|u| html! {
                            <option value={u.to_string()} selected={f.unit == *u}>{ u.to_string() }</option>
                        }) }
                    </select>
                </label>
                <label>{ "显示 " }
                    <select id="only-filter" onchange={on_only}>
                        { for Only::ALL.iter().map(|o| html! {
                            <option value={o.key()} selected={f.only == *o}>{ o.label() }</option>
                        }) }
                    </select>
                </label>
                <span class="muted" id="task-count">{ format!("共 {} 项", total) }</span>
                <span class="muted hint-keys">{ "双击单元格(或选中后按回车)可修改" }</span>
            </div>
            if a.measures.is_empty() {
                <p class="muted">{ "没有识别到任务。" }</p>
            } else {
                <table class="grid" id="task-table">
                    <caption class="visually-hidden">{ "任务分解表" }</caption>
                    <colgroup><col class="c-num"/><col class="c-sec"/><col class="c-task"/><col class="c-lead"/><col class="c-support"/><col class="c-deadline"/><col class="c-tools"/></colgroup>
                    <thead><tr>
                        { sort_header("序号", SortKey::Index, f, &p.on_sort) }
                        { sort_header("章节", SortKey::Section, f, &p.on_sort) }
                        <th scope="col">{ "任务" }</th>
                        { sort_header("牵头单位", SortKey::Lead, f, &p.on_sort) }
                        <th scope="col">{ "配合单位" }</th>
                        { sort_header("完成时限", SortKey::Deadline, f, &p.on_sort) }
                        <th scope="col" class="tools"><span class="visually-hidden">{ "操作" }</span></th>
                    </tr></thead>
                    <tbody>{ for shown }</tbody>
                </table>
                if more > 0 {
                    <button class="more" onclick={p.on_more.reform(|_: MouseEvent| ())}>{ format!("显示更多(还有 {more} 项)") }</button>
                }
            }
            { removed_list(&p.shown, false, &p.on_edit) }
        </div>
    }
}
