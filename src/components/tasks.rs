//! 任务分解表: search, filter by unit, sort by 序号/章节/牵头单位/完成时限.

use super::props_eq;
use planlens_core::Analysis;
use planlens_export::{deadline_text, join};
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
}
props_eq!(TaskTableProps {
    ptr: [analysis],
    value: [filter, limit, focus, on_show, on_search, on_unit, on_sort, on_more]
});

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
    let mut unit_names: Vec<&str> = a.units.iter().map(|u| u.name.as_str()).collect();
    unit_names.sort_unstable();
    let shown = rows.iter().take(p.limit).map(|&(n, m)| {
        let key = ItemKey::Measure(n - 1);
        let current = p.focus == Some(key);
        let deadline_title = m.deadline.as_ref().and_then(|d| d.date.clone()).unwrap_or_default();
        let show = p.on_show.reform(move |_: MouseEvent| key);
        html! {
            <tr id={format!("row-{}", m.id)} class={classes!(current.then_some("current"))} tabindex="-1"
                onclick={show.clone()}>
                <td class="num">
                    <button class="link" aria-label={format!("在原文中查看第 {n} 项")} onclick={show}>{ n }</button>
                </td>
                <td class="sec">{ m.section.clone() }</td>
                <td class="task">
                    if let Some(t) = &m.title { <strong class="task-title">{ t.clone() }</strong> }
                    <span class="task-text">{ m.text.clone() }</span>
                </td>
                // How the units were found, for the rows worth checking (shown by the stylesheet).
                <td class={classes!("lead", format!("basis-{}", m.basis.key()))} title={format!("责任单位依据:{}", m.basis.label())}>{ join(&m.lead) }</td>
                <td class="support">{ join(&m.support) }</td>
                <td class="deadline" title={deadline_title}>{ deadline_text(m) }</td>
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
                <span class="muted" id="task-count">{ format!("共 {} 项", total) }</span>
            </div>
            if a.measures.is_empty() {
                <p class="muted">{ "没有识别到任务。" }</p>
            } else {
                <table class="grid" id="task-table">
                    <caption class="visually-hidden">{ "任务分解表" }</caption>
                    <colgroup><col class="c-num"/><col class="c-sec"/><col class="c-task"/><col class="c-lead"/><col class="c-support"/><col class="c-deadline"/></colgroup>
                    <thead><tr>
                        { sort_header("序号", SortKey::Index, f, &p.on_sort) }
                        { sort_header("章节", SortKey::Section, f, &p.on_sort) }
                        <th scope="col">{ "任务" }</th>
                        { sort_header("牵头单位", SortKey::Lead, f, &p.on_sort) }
                        <th scope="col">{ "配合单位" }</th>
                        { sort_header("完成时限", SortKey::Deadline, f, &p.on_sort) }
                    </tr></thead>
                    <tbody>{ for shown }</tbody>
                </table>
                if more > 0 {
                    <button class="more" onclick={p.on_more.reform(|_: MouseEvent| ())}>{ format!("显示更多(还有 {more} 项)") }</button>
                }
            }
        </div>
    }
}
