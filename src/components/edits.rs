//! The corrections bar (撤销 / 重做, how many edits, 已过期, edits not carried
//! over) and 最近的分析.

use planlens_web::corrections::{Recent, Shown};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditBarProps {
    pub edits: usize,
    pub can_undo: bool,
    pub can_redo: bool,
    pub stale: bool,
    pub shown: Rc<Shown>,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn EditBar(p: &EditBarProps) -> Html {
    let lost = (!p.shown.lost.is_empty()).then(|| {
        html! {
            <div class="lost" id="lost-edits" role="status">
                <p>{ format!("以下 {} 处修改找不到对应的条目(原文已改动),未能沿用:", p.shown.lost.len()) }</p>
                <ul>{ for p.shown.lost.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
                <button onclick={p.on_dismiss.reform(|_: MouseEvent| ())}>{ "知道了" }</button>
            </div>
        }
    });
    html! {
        <>
        if p.stale {
            <p class="stale" id="stale" role="status">
                { "已过期:文本已修改,下面是修改前的分析结果。点“分析”重新分析,已做的修正会沿用到内容未变的任务。" }
            </p>
        }
        <div class="edit-bar" role="group" aria-label="修正">
            <button id="btn-undo" disabled={!p.can_undo} onclick={p.on_undo.reform(|_: MouseEvent| ())}
                title="撤销 (Ctrl+Z)">{ "撤销" }</button>
            <button id="btn-redo" disabled={!p.can_redo} onclick={p.on_redo.reform(|_: MouseEvent| ())}
                title="重做 (Ctrl+Shift+Z)">{ "重做" }</button>
            <span class="muted" id="edit-count">
                { if p.edits == 0 { "未修改(双击表格单元格可修正,修正自动保存在本机)".to_string() } else { format!("已修正 {} 处,已保存在本机", p.edits) } }
            </span>
        </div>
        { lost.unwrap_or_default() }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct RecentListProps {
    pub list: Rc<Vec<Recent>>,
    pub current: String,
    pub on_open: Callback<Recent>,
}

#[component]
pub fn RecentList(p: &RecentListProps) -> Html {
    if p.list.is_empty() {
        return Html::default();
    }
    let items = p.list.iter().map(|r| {
        let here = r.hash == p.current;
        let open = {
            let r = r.clone();
            p.on_open.reform(move |_: MouseEvent| r.clone())
        };
        let title = if r.text_kept { "重新打开" } else { "原文未保存在本机,请重新打开文件" };
        html! {
            <li data-hash={r.hash.clone()} class={classes!(here.then_some("here"))}>
                <button class="link recent-open" disabled={!r.text_kept || here} {title} onclick={open}>{ r.title.clone() }</button>
                <span class="muted">{ format!(" {} · {} 项任务 · {} 个指标", r.date, r.measures, r.targets) }</span>
                if here { <span class="tag">{ "当前" }</span> }
            </li>
        }
    });
    html! {
        <details class="recent" id="recent">
            <summary>{ format!("最近的分析({})", p.list.len()) }</summary>
            <ul>{ for items }</ul>
        </details>
    }
}
