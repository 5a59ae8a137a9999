//! 指标表: 指标 | 目标值 | 比较 | 单位 | 年份 | 所在章节; corrected in place
//! (double-click or Enter on a cell), a row marked 不是指标, a filter.

use super::cell::{cell_cancel, cell_open, CellEditor, CellKind, CellOpen, ClickGate};
use super::props_eq;
use super::tasks::removed_list;
use planlens_core::{Analysis, Comparator, Target};
use planlens_export::target_value;
use planlens_web::corrections::{
    parse_comparator, parse_value, parse_year, Only, Op, Shown, TargetField,
};
use planlens_web::state::ItemKey;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties)]
pub struct TargetTableProps {
    pub analysis: Rc<Analysis>,
    pub limit: usize,
    pub focus: Option<ItemKey>,
    pub on_show: Callback<ItemKey>,
    pub on_more: Callback<()>,
    pub shown: Rc<Shown>,
    pub on_edit: Callback<Op>,
}
props_eq!(TargetTableProps {
    ptr: [analysis, shown],
    value: [limit, focus, on_show, on_more, on_edit]
});

fn cell_value(t: &Target, col: &str) -> String {
    match col {
        "indicator" => t.indicator.clone(),
        "value" => target_value(t),
        "comparator" => t.comparator.label().to_string(),
        "unit" => t.unit.clone(),
        _ => t.year.map(|y| y.to_string()).unwrap_or_default(),
    }
}

/// The correction a committed cell makes; `Err` when the value cannot be read.
fn cell_edit(t: &Target, col: &str, value: &str) -> Result<Option<Op>, &'static str> {
    let v = value.trim();
    let field = match col {
        "indicator" => (v != t.indicator).then(|| TargetField::Indicator(v.to_string())),
        "value" => {
            let (value, max) = parse_value(v).ok_or("目标值请填数字,区间写作 10-20。")?;
            (value != t.value || max != t.value_max).then_some(TargetField::Value { value, max })
        }
        "comparator" => {
            let c = parse_comparator(v).ok_or("比较请选:不少于、不超过、左右、区间、等于。")?;
            (c != t.comparator).then_some(TargetField::Comparator(c))
        }
        "unit" => (v != t.unit).then(|| TargetField::Unit(v.to_string())),
        _ => {
            let y = parse_year(v).ok_or("年份请填四位数字,如 2025。")?;
            (y != t.year).then_some(TargetField::Year(y))
        }
    };
    Ok(field.map(|field| Op::Target {
        id: t.id.clone(),
        field,
    }))
}

const COMPARATORS: [Comparator; 5] = [
    Comparator::AtLeast,
    Comparator::AtMost,
    Comparator::About,
    Comparator::Range,
    Comparator::Exact,
];

#[component]
pub fn TargetTable(p: &TargetTableProps) -> Html {
    let a = &p.analysis;
    let editing = use_state(|| None::<(String, &'static str)>);
    let only = use_state(Only::default);
    let gate = use_memo((), |_| ClickGate::default());
    if a.targets.is_empty() && p.shown.removed.is_empty() {
        return html! { <p class="muted">{ "没有识别到量化指标。" }</p> };
    }
    let list: Vec<(usize, &Target)> = a
        .targets
        .iter()
        .enumerate()
        .filter(|(_, t)| only.keeps_target(t))
        .collect();
    let more = list.len().saturating_sub(p.limit);
    let rows = list.iter().take(p.limit).map(|&(i, t)| {
        let key = ItemKey::Target(i);
        let current = p.focus == Some(key);
        let show_now = p.on_show.reform(move |e: MouseEvent| {
            e.stop_propagation();
            key
        });
        let show = gate.row_click(&p.on_show, key);
        let cell = |col: &'static str, class: Classes, title: String, body: Html| -> Html {
            let is_editing = editing.as_ref().is_some_and(|(id, c)| *id == t.id && *c == col);
            let edited = p.shown.edited(&t.id, col);
            let class = classes!(class, edited.then_some("edited"), is_editing.then_some("editing"));
            let CellOpen { ondblclick, onkeydown } = cell_open(&editing, &gate, &t.id, col, is_editing);
            let content = if is_editing {
                let on_commit = {
                    let (editing, on_edit, t) = (editing.clone(), p.on_edit.clone(), t.clone());
                    Callback::from(move |v: String| {
                        editing.set(None);
                        match cell_edit(&t, col, &v) {
                            Ok(Some(op)) => on_edit.emit(op),
                            Ok(None) => {}
                            Err(msg) => {
                                let _ = web_sys::window().map(|w| w.alert_with_message(msg));
                            }
                        }
                    })
                };
                let on_cancel = cell_cancel(&editing);
                if col == "comparator" {
                    let (editing2, on_commit2) = (editing.clone(), on_commit.clone());
                    let onchange = Callback::from(move |e: Event| {
                        let s: HtmlSelectElement = e.target_unchecked_into();
                        on_commit2.emit(s.value());
                    });
                    let onkeydown = Callback::from(move |e: KeyboardEvent| {
                        e.stop_propagation();
                        if e.key() == "Escape" {
                            editing2.set(None);
                        }
                    });
                    html! {
                        <select class="cell-edit" aria-label="比较" {onchange} {onkeydown}
                            onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                            { for COMPARATORS.iter().map(|c| html! {
                                <option value={c.label()} selected={*c == t.comparator}>{ c.label() }</option>
                            }) }
                        </select>
                    }
                } else {
                    html! {
                        <CellEditor value={cell_value(t, col)} kind={CellKind::Line} {on_commit} {on_cancel}
                            label={format!("修改指标“{}”", t.indicator)} />
                    }
                }
            } else {
                body
            };
            let title = if edited { format!("已修改 {title}") } else { title };
            html! {
                // the indicator names the row (`<th scope="row">`)
                <@{if col == "indicator" { "th" } else { "td" }} class={class} data-col={col} tabindex="0"
                    scope={(col == "indicator").then_some("row")} {ondblclick} {onkeydown}
                    title={(!title.trim().is_empty()).then_some(title)}>{ content }</@>
            }
        };
        let not_target = {
            let op = Op::NotTarget { id: t.id.clone() };
            p.on_edit.reform(move |e: MouseEvent| {
                e.stop_propagation();
                op.clone()
            })
        };
        let label = if t.indicator.is_empty() { t.text.clone() } else { t.indicator.clone() };
        html! {
            <tr id={format!("row-{}", t.id)} data-target-id={t.id.clone()}
                class={classes!(current.then_some("current"), t.edited.then_some("edited"))} tabindex="-1"
                onclick={show}>
                { cell("indicator", classes!("indicator"), String::new(), html! {
                    <button class="link" title="在原文中查看" onclick={show_now}>{ label }</button>
                }) }
                { cell("value", classes!("value"), String::new(), html! { target_value(t) }) }
                { cell("comparator", classes!("comparator"), String::new(), html! { t.comparator.label() }) }
                { cell("unit", classes!("unit"), String::new(), html! { t.unit.clone() }) }
                { cell("year", classes!("year", format!("year-{}", t.year_basis.key())), format!("年份依据:{}", t.year_basis.label()),
                    html! { t.year.map(|y| y.to_string()).unwrap_or_default() }) }
                <td class="sec">{ t.section.clone() }</td>
                <td class="tools">
                    <button class="not-target" title="这一行不是量化指标(可恢复)" onclick={not_target}>{ "不是指标" }</button>
                </td>
            </tr>
        }
    });
    let on_only = {
        let only = only.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            only.set(Only::from_key(&s.value()));
        })
    };
    html! {
        <>
        <div class="filters">
            <label>{ "显示 " }
                <select id="target-only-filter" onchange={on_only}>
                    { for Only::ALL.iter().map(|o| html! {
                        <option value={o.key()} selected={*only == *o}>{ if *o == Only::Unowned { "不属于任务" } else { o.label() } }</option>
                    }) }
                </select>
            </label>
            <span class="muted" id="target-count">{ format!("共 {} 个", list.len()) }</span>
            <span class="muted hint-keys">{ "双击单元格(或选中后按回车)可修改" }</span>
        </div>
        <table class="grid" id="target-table">
            <caption class="visually-hidden">{ "指标表" }</caption>
            <colgroup><col class="c-ind"/><col class="c-val"/><col class="c-cmp"/><col class="c-unit"/><col class="c-year"/><col class="c-tsec"/><col class="c-tools"/></colgroup>
            <thead><tr>
                <th scope="col">{ "指标" }</th><th scope="col">{ "目标值" }</th><th scope="col">{ "比较" }</th>
                <th scope="col">{ "单位" }</th><th scope="col">{ "年份" }</th><th scope="col">{ "所在章节" }</th>
                <th scope="col" class="tools"><span class="visually-hidden">{ "操作" }</span></th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
        if more > 0 {
            <button class="more" onclick={p.on_more.reform(|_: MouseEvent| ())}>{ format!("显示更多(还有 {more} 个)") }</button>
        }
        { removed_list(&p.shown, true, &p.on_edit) }
        </>
    }
}
