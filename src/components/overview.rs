//! 概览: title, 发文机关, 文号, date, counts, warnings (each opens its place in 原文).

use super::props_eq;
use planlens_core::{Analysis, OutlineNode};
use planlens_export::join;
use planlens_web::state::{ItemKey, View};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct OverviewProps {
    pub analysis: Rc<Analysis>,
    pub warning_limit: usize,
    pub on_view: Callback<View>,
    pub on_show: Callback<ItemKey>,
    pub on_more: Callback<()>,
}
props_eq!(OverviewProps {
    ptr: [analysis],
    value: [warning_limit, on_view, on_show, on_more]
});

fn warning_label(kind: &str) -> &'static str {
    match kind {
        "missing_owner" => "无牵头单位",
        "numbering_gap" => "编号缺漏",
        "numbering_repeat" => "编号重复",
        "placeholder_year" => "年份占位",
        "duplicate_passage" => "重复段落",
        "noise" => "无关内容",
        _ => "提示",
    }
}

fn count_nodes(nodes: &[OutlineNode]) -> usize {
    nodes.iter().map(|n| 1 + count_nodes(&n.children)).sum()
}

/// The source format in Chinese (`text` is pasted text or a .txt file).
fn format_label(format: &str) -> &str {
    match format {
        "text" => "文本",
        "docx" => "Word 文档",
        "html" => "网页",
        "pdf" => "PDF",
        other => other,
    }
}

#[component]
pub fn Overview(p: &OverviewProps) -> Html {
    let a = &p.analysis;
    let m = &a.meta;
    let row = |label: &str, v: Option<String>| -> Html {
        html! { <><dt>{ label.to_string() }</dt><dd>{ v.unwrap_or_else(|| "—".into()) }</dd></> }
    };
    let no_owner = a.measures.iter().filter(|m| m.lead.is_empty()).count();
    let sections = count_nodes(&a.outline);
    let source = {
        let s = &a.source;
        let mut parts = vec![format_label(&s.format).to_string()];
        if let Some(e) = &s.encoding {
            parts.push(e.clone());
        }
        parts.push(format!("{} 字", s.chars));
        Some(
            s.name
                .clone()
                .map(|n| format!("{n}({})", parts.join(",")))
                .unwrap_or_else(|| parts.join(",")),
        )
    };
    let card = |id: &str, n: usize, label: &str, view: Option<View>| -> Html {
        html! {
            <li class="card" id={id.to_string()}>
                if let Some(v) = view {
                    <button class="card-btn" onclick={p.on_view.reform(move |_: MouseEvent| v)}><span class="n">{ n }</span><span class="l">{ label.to_string() }</span></button>
                } else {
                    <div class="card-btn"><span class="n">{ n }</span><span class="l">{ label.to_string() }</span></div>
                }
            </li>
        }
    };
    let warnings = a.warnings.iter().enumerate().take(p.warning_limit).map(|(i, w)| {
        let key = ItemKey::Warning(i);
        html! {
            <li id={format!("row-w{i}")} tabindex="-1">
                <button class="link" onclick={p.on_show.reform(move |_: MouseEvent| key)}>
                    <span class={classes!("tag", format!("tag-{}", w.kind))}>{ warning_label(&w.kind) }</span>
                    { w.message.clone() }
                </button>
            </li>
        }
    });
    html! {
        <div class="overview">
            <h2 class="doc-title" id="doc-title">{ m.title.clone().unwrap_or_else(|| "(未识别标题)".into()) }</h2>
            <dl class="meta">
                { row("发文机关", m.issuer.clone()) }
                { row("文号", m.doc_number.clone()) }
                { row("日期", m.date_text.clone().or(m.date.clone())) }
                { row("主送", (!m.recipients.is_empty()).then(|| join(&m.recipients))) }
                { row("来源", source) }
            </dl>
            <ul class="cards">
                { card("count-measures", a.measures.len(), "项任务", Some(View::Tasks)) }
                { card("count-targets", a.targets.len(), "个指标", Some(View::Targets)) }
                { card("count-units", a.units.len(), "个责任单位", Some(View::Units)) }
                { card("count-sections", sections, "个章节", Some(View::Outline)) }
                { card("count-no-owner", no_owner, "项无牵头单位", None) }
            </ul>
            <h3>{ format!("提示({})", a.warnings.len() + a.source.warnings.len()) }</h3>
            if a.warnings.is_empty() && a.source.warnings.is_empty() {
                <p class="muted">{ "没有发现问题。" }</p>
            } else {
                <ul class="warnings">
                    { for a.source.warnings.iter().map(|w| html! { <li><span class="tag">{ "读取" }</span>{ w.clone() }</li> }) }
                    { for warnings }
                </ul>
                if a.warnings.len() > p.warning_limit {
                    <button class="more" onclick={p.on_more.reform(|_: MouseEvent| ())}>{ format!("显示更多(还有 {} 条)", a.warnings.len() - p.warning_limit) }</button>
                }
            }
        </div>
    }
}
