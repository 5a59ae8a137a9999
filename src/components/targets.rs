//! 指标表: 指标 | 目标值 | 比较 | 单位 | 年份 | 所在章节.

use super::props_eq;
use planlens_core::Analysis;
use planlens_export::target_value;
use planlens_web::state::ItemKey;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct TargetTableProps {
    pub analysis: Rc<Analysis>,
    pub limit: usize,
    pub focus: Option<ItemKey>,
    pub on_show: Callback<ItemKey>,
    pub on_more: Callback<()>,
}
props_eq!(TargetTableProps {
    ptr: [analysis],
    value: [limit, focus, on_show, on_more]
});

#[component]
pub fn TargetTable(p: &TargetTableProps) -> Html {
    let a = &p.analysis;
    if a.targets.is_empty() {
        return html! { <p class="muted">{ "没有识别到量化指标。" }</p> };
    }
    let more = a.targets.len().saturating_sub(p.limit);
    let rows = a.targets.iter().enumerate().take(p.limit).map(|(i, t)| {
        let key = ItemKey::Target(i);
        let current = p.focus == Some(key);
        let show = p.on_show.reform(move |_: MouseEvent| key);
        html! {
            <tr id={format!("row-{}", t.id)} class={classes!(current.then_some("current"))} tabindex="-1"
                onclick={show.clone()}>
                <th scope="row" class="indicator">
                    <button class="link" title="在原文中查看" onclick={show}>
                        { if t.indicator.is_empty() { t.text.clone() } else { t.indicator.clone() } }
                    </button>
                </th>
                <td class="value">{ target_value(t) }</td>
                <td>{ t.comparator.label() }</td>
                <td>{ t.unit.clone() }</td>
                <td class={classes!("year", format!("year-{}", t.year_basis.key()))} title={format!("年份依据:{}", t.year_basis.label())}>{ t.year.map(|y| y.to_string()).unwrap_or_default() }</td>
                <td class="sec">{ t.section.clone() }</td>
            </tr>
        }
    });
    html! {
        <>
        <table class="grid" id="target-table">
            <caption class="visually-hidden">{ "指标表" }</caption>
            <colgroup><col class="c-ind"/><col class="c-val"/><col class="c-cmp"/><col class="c-unit"/><col class="c-year"/><col class="c-tsec"/></colgroup>
            <thead><tr>
                <th scope="col">{ "指标" }</th><th scope="col">{ "目标值" }</th><th scope="col">{ "比较" }</th>
                <th scope="col">{ "单位" }</th><th scope="col">{ "年份" }</th><th scope="col">{ "所在章节" }</th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
        if more > 0 {
            <button class="more" onclick={p.on_more.reform(|_: MouseEvent| ())}>{ format!("显示更多(还有 {more} 个)") }</button>
        }
        </>
    }
}
