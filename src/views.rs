//! The views of one analysis: 概览, 任务分解表, 指标表, 责任单位, 原文, 大纲.

use crate::app::{Action, Dispatch, Doc, SortKey, State, View};
use crate::source::{self, MarkKind};
use planlens_core::{Analysis, Measure, OutlineNode, Target};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub fn join(v: &[String]) -> String {
    v.join("、")
}

pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub fn target_value(t: &Target) -> String {
    match t.value_max {
        Some(max) => format!("{}–{}", fmt_num(t.value), fmt_num(max)),
        None => fmt_num(t.value),
    }
}

pub fn deadline_text(m: &Measure) -> String {
    m.deadline
        .as_ref()
        .map(|d| d.text.clone())
        .unwrap_or_default()
}

/// What the 任务分解表 shows: search text, unit, sort.
#[derive(Clone)]
pub struct Filter {
    pub search: String,
    pub unit: String,
    pub sort: (SortKey, bool),
}

impl Filter {
    pub fn of(state: &State) -> Filter {
        Filter {
            search: state.search.clone(),
            unit: state.unit_filter.clone(),
            sort: state.sort,
        }
    }
    pub fn active(&self) -> bool {
        !self.search.trim().is_empty() || !self.unit.is_empty()
    }
}

/// The 任务分解表 rows as filtered and sorted on screen: (序号, measure).
pub fn visible_measures<'a>(a: &'a Analysis, f: &Filter) -> Vec<(usize, &'a Measure)> {
    let q = f.search.trim();
    let unit = f.unit.as_str();
    let mut rows: Vec<(usize, &Measure)> = a
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| (i + 1, m))
        .filter(|(_, m)| {
            unit.is_empty()
                || m.lead.iter().any(|u| u == unit)
                || m.support.iter().any(|u| u == unit)
        })
        .filter(|(_, m)| {
            q.is_empty()
                || m.text.contains(q)
                || m.section.contains(q)
                || m.title.as_deref().is_some_and(|t| t.contains(q))
                || m.lead.iter().chain(m.support.iter()).any(|u| u.contains(q))
                || m.deadline.as_ref().is_some_and(|d| d.text.contains(q))
        })
        .collect();
    let (key, asc) = f.sort;
    match key {
        SortKey::Index => {}
        SortKey::Section => rows.sort_by(|a, b| a.1.section.cmp(&b.1.section).then(a.0.cmp(&b.0))),
        SortKey::Lead => rows.sort_by(|a, b| {
            let ka = a.1.lead.first().map(String::as_str).unwrap_or("\u{10FFFF}");
            let kb = b.1.lead.first().map(String::as_str).unwrap_or("\u{10FFFF}");
            ka.cmp(kb).then(a.0.cmp(&b.0))
        }),
        SortKey::Deadline => rows.sort_by(|a, b| {
            let ka =
                a.1.deadline
                    .as_ref()
                    .map(|d| d.date.clone().unwrap_or_else(|| d.text.clone()));
            let kb =
                b.1.deadline
                    .as_ref()
                    .map(|d| d.date.clone().unwrap_or_else(|| d.text.clone()));
            match (ka, kb) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then(a.0.cmp(&b.0))
        }),
    }
    if !asc {
        rows.reverse();
    }
    rows
}

fn show_in_source(dispatch: &Dispatch, key: &str, from: View) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    let key = key.to_string();
    Callback::from(move |_: MouseEvent| {
        dispatch.dispatch(Action::ShowInSource {
            key: key.clone(),
            from,
        })
    })
}

pub fn main(doc: &Doc, state: &State, dispatch: &Dispatch) -> Html {
    let a = &doc.analysis;
    let tabs = View::ALL.iter().map(|&v| {
        let selected = state.view == v;
        let onclick = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetView(v)))
        };
        // ARIA tabs: ← → Home End move between views.
        let onkeydown = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: KeyboardEvent| {
                let i = View::ALL.iter().position(|x| *x == v).unwrap_or(0);
                let n = View::ALL.len();
                let next = match e.key().as_str() {
                    "ArrowRight" => (i + 1) % n,
                    "ArrowLeft" => (i + n - 1) % n,
                    "Home" => 0,
                    "End" => n - 1,
                    _ => return,
                };
                e.prevent_default();
                let to = View::ALL[next];
                dispatch.dispatch(Action::SetView(to));
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("tab-{}", to.slug())))
                {
                    use wasm_bindgen::JsCast;
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            })
        };
        let count = match v {
            View::Tasks => Some(a.measures.len()),
            View::Targets => Some(a.targets.len()),
            View::Units => Some(a.units.len()),
            _ => None,
        };
        html! {
            <button role="tab" id={format!("tab-{}", v.slug())} aria-selected={selected.to_string()}
                aria-controls="panel" tabindex={if selected { "0" } else { "-1" }}
                class={classes!("tab", selected.then_some("active"))} {onclick} {onkeydown}>
                { v.label() }
                if let Some(n) = count { <span class="count">{ n }</span> }
            </button>
        }
    });
    let body = match state.view {
        View::Overview => overview(doc, state, dispatch),
        View::Tasks => tasks(doc, state, dispatch),
        View::Targets => targets(doc, state, dispatch),
        View::Units => units(doc, state, dispatch),
        View::Source => source_view(doc, state, dispatch),
        View::Outline => outline(doc, dispatch),
    };
    let title = a
        .meta
        .title
        .clone()
        .or_else(|| a.source.name.clone())
        .unwrap_or_default();
    html! {
        <main class="results">
            <h2 class="print-only">{ format!("{title} · {}", state.view.label()) }</h2>
            <nav class="tabs" role="tablist" aria-label="视图">{ for tabs }</nav>
            <section id="panel" role="tabpanel" class={classes!("panel", format!("view-{}", state.view.slug()))}
                aria-labelledby={format!("tab-{}", state.view.slug())}>
                { body }
            </section>
        </main>
    }
}

fn overview(doc: &Doc, state: &State, dispatch: &Dispatch) -> Html {
    let a = &doc.analysis;
    let m = &a.meta;
    let row = |label: &str, v: Option<String>| -> Html {
        html! { <><dt>{ label.to_string() }</dt><dd>{ v.unwrap_or_else(|| "—".into()) }</dd></> }
    };
    let no_owner = a.measures.iter().filter(|m| m.lead.is_empty()).count();
    let sections = count_nodes(&a.outline);
    let source = {
        let s = &a.source;
        let mut parts = vec![s.format.clone()];
        if let Some(e) = &s.encoding {
            parts.push(e.clone());
        }
        parts.push(format!("{} 字", s.chars));
        let name = s
            .name
            .clone()
            .map(|n| format!("{n}({})", parts.join(",")))
            .unwrap_or_else(|| parts.join(","));
        Some(name)
    };
    let card = |id: &str, n: usize, label: &str, view: Option<View>| -> Html {
        let onclick = view.map(|v| {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetView(v)))
        });
        html! {
            <li class="card" id={id.to_string()}>
                if let Some(onclick) = onclick {
                    <button class="card-btn" {onclick}><span class="n">{ n }</span><span class="l">{ label.to_string() }</span></button>
                } else {
                    <div class="card-btn"><span class="n">{ n }</span><span class="l">{ label.to_string() }</span></div>
                }
            </li>
        }
    };
    let warnings = a.warnings.iter().enumerate().take(state.warning_limit).map(|(i, w)| {
        let key = format!("w{i}");
        html! {
            <li id={format!("row-{key}")} tabindex="-1">
                <button class="link" onclick={show_in_source(dispatch, &key, View::Overview)}>
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
                if a.warnings.len() > state.warning_limit {
                    <button class="more" onclick={{
                        let dispatch = dispatch.clone();
                        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::MoreWarnings))
                    }}>{ format!("显示更多(还有 {} 条)", a.warnings.len() - state.warning_limit) }</button>
                }
            }
        </div>
    }
}

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

fn sort_header(label: &str, key: SortKey, state: &State, dispatch: &Dispatch) -> Html {
    let (cur, asc) = state.sort;
    let aria = if cur == key {
        if asc {
            "ascending"
        } else {
            "descending"
        }
    } else {
        "none"
    };
    let arrow = if cur == key {
        if asc {
            " ▲"
        } else {
            " ▼"
        }
    } else {
        ""
    };
    let onclick = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SortBy(key)))
    };
    html! {
        <th scope="col" aria-sort={aria}>
            <button class="sort" {onclick} title={format!("按{label}排序")}>{ label.to_string() }{ arrow }</button>
        </th>
    }
}

fn tasks(doc: &Doc, state: &State, dispatch: &Dispatch) -> Html {
    let a = &doc.analysis;
    let rows = visible_measures(a, &Filter::of(state));
    let total = rows.len();
    let on_search = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetSearch(i.value()));
        })
    };
    let on_unit = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetUnitFilter(s.value()));
        })
    };
    let mut unit_names: Vec<&str> = a.units.iter().map(|u| u.name.as_str()).collect();
    unit_names.sort_unstable();
    let shown = rows.iter().take(state.task_limit).map(|(n, m)| {
        let current = state.focus.as_deref() == Some(m.id.as_str());
        let deadline_title = m.deadline.as_ref().and_then(|d| d.date.clone()).unwrap_or_default();
        html! {
            <tr id={format!("row-{}", m.id)} class={classes!(current.then_some("current"))} tabindex="-1"
                onclick={show_in_source(dispatch, &m.id, View::Tasks)}>
                <td class="num">
                    <button class="link" aria-label={format!("在原文中查看第 {n} 项")}
                        onclick={show_in_source(dispatch, &m.id, View::Tasks)}>{ n }</button>
                </td>
                <td class="sec">{ m.section.clone() }</td>
                <td class="task">
                    if let Some(t) = &m.title { <strong class="task-title">{ t.clone() }</strong> }
                    <span class="task-text">{ m.text.clone() }</span>
                </td>
                <td class="lead">{ join(&m.lead) }</td>
                <td class="support">{ join(&m.support) }</td>
                <td class="deadline" title={deadline_title}>{ deadline_text(m) }</td>
            </tr>
        }
    });
    let more = total.saturating_sub(state.task_limit);
    let on_more = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::MoreTasks))
    };
    html! {
        <div class="tasks">
            <div class="filters">
                <label>{ "搜索 " }
                    <input type="search" id="task-search" value={state.search.clone()} oninput={on_search}
                        placeholder="任务、单位、章节…" />
                </label>
                <label>{ "责任单位 " }
                    <select id="unit-filter" onchange={on_unit}>
                        <option value="" selected={state.unit_filter.is_empty()}>{ "全部单位" }</option>
                        { for unit_names.iter().map(|u| html! {
                            <option value={u.to_string()} selected={state.unit_filter == *u}>{ u.to_string() }</option>
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
                        { sort_header("序号", SortKey::Index, state, dispatch) }
                        { sort_header("章节", SortKey::Section, state, dispatch) }
                        <th scope="col">{ "任务" }</th>
                        { sort_header("牵头单位", SortKey::Lead, state, dispatch) }
                        <th scope="col">{ "配合单位" }</th>
                        { sort_header("完成时限", SortKey::Deadline, state, dispatch) }
                    </tr></thead>
                    <tbody>{ for shown }</tbody>
                </table>
                if more > 0 {
                    <button class="more" onclick={on_more}>{ format!("显示更多(还有 {more} 项)") }</button>
                }
            }
        </div>
    }
}

fn targets(doc: &Doc, state: &State, dispatch: &Dispatch) -> Html {
    let a = &doc.analysis;
    if a.targets.is_empty() {
        return html! { <p class="muted">{ "没有识别到量化指标。" }</p> };
    }
    let more = a.targets.len().saturating_sub(state.target_limit);
    let on_more = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::MoreTargets))
    };
    let rows = a.targets.iter().take(state.target_limit).map(|t| {
        let current = state.focus.as_deref() == Some(t.id.as_str());
        html! {
            <tr id={format!("row-{}", t.id)} class={classes!(current.then_some("current"))} tabindex="-1"
                onclick={show_in_source(dispatch, &t.id, View::Targets)}>
                <th scope="row" class="indicator">
                    <button class="link" title="在原文中查看" onclick={show_in_source(dispatch, &t.id, View::Targets)}>
                        { if t.indicator.is_empty() { t.text.clone() } else { t.indicator.clone() } }
                    </button>
                </th>
                <td class="value">{ target_value(t) }</td>
                <td>{ t.comparator.label() }</td>
                <td>{ t.unit.clone() }</td>
                <td>{ t.year.map(|y| y.to_string()).unwrap_or_default() }</td>
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
            <button class="more" onclick={on_more}>{ format!("显示更多(还有 {more} 个)") }</button>
        }
        </>
    }
}

fn units(doc: &Doc, state: &State, dispatch: &Dispatch) -> Html {
    let a = &doc.analysis;
    if a.units.is_empty() {
        return html! { <p class="muted">{ "没有识别到责任单位。" }</p> };
    }
    let mut list: Vec<_> = a.units.iter().collect();
    list.sort_by(|x, y| {
        (y.lead.len() + y.support.len(), y.lead.len())
            .cmp(&(x.lead.len() + x.support.len(), x.lead.len()))
            .then(x.name.cmp(&y.name))
    });
    let max = list
        .iter()
        .map(|u| u.lead.len() + u.support.len())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let chart_units: Vec<_> = list.iter().take(30).collect();
    let (label_w, bar_w, row_h) = (220.0, 560.0, 26.0);
    let height = chart_units.len() as f64 * row_h + 30.0;
    let select = |name: &str| {
        let dispatch = dispatch.clone();
        let name = name.to_string();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::SelectUnit(Some(name.clone())))
        })
    };
    let bars = chart_units.iter().enumerate().map(|(i, u)| {
        let y = 24.0 + i as f64 * row_h;
        let lw = u.lead.len() as f64 / max * bar_w;
        let sw = u.support.len() as f64 / max * bar_w;
        let onkeydown = {
            let dispatch = dispatch.clone();
            let name = u.name.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    dispatch.dispatch(Action::SelectUnit(Some(name.clone())));
                }
            })
        };
        let selected = state.selected_unit.as_deref() == Some(u.name.as_str());
        html! {
            <g class={classes!("bar", selected.then_some("selected"))} role="button" tabindex="0"
                aria-label={format!("{}:牵头 {} 项,配合 {} 项", u.name, u.lead.len(), u.support.len())}
                onclick={select(&u.name)} {onkeydown}>
                <title>{ format!("{}:牵头 {},配合 {}", u.name, u.lead.len(), u.support.len()) }</title>
                <rect class="hit" x="0" y={(y - 4.0).to_string()} width={(label_w + bar_w + 60.0).to_string()} height={row_h.to_string()} />
                <text x={(label_w - 8.0).to_string()} y={(y + 13.0).to_string()} text-anchor="end">{ short(&u.name, 14) }</text>
                <rect class="lead" x={label_w.to_string()} y={y.to_string()} width={lw.to_string()} height="18" />
                <rect class="support" x={(label_w + lw).to_string()} y={y.to_string()} width={sw.to_string()} height="18" />
                <text class="n" x={(label_w + lw + sw + 6.0).to_string()} y={(y + 13.0).to_string()}>
                    { format!("{} / {}", u.lead.len(), u.support.len()) }
                </text>
            </g>
        }
    });
    let table_rows = list.iter().map(|u| {
        let selected = state.selected_unit.as_deref() == Some(u.name.as_str());
        html! {
            <tr class={classes!(selected.then_some("current"))}>
                <th scope="row"><button class="link" onclick={select(&u.name)}>{ u.name.clone() }</button></th>
                <td class="num">{ u.lead.len() }</td>
                <td class="num">{ u.support.len() }</td>
            </tr>
        }
    });
    let detail = state.selected_unit.as_ref().and_then(|name| a.units.iter().find(|u| &u.name == name)).map(|u| {
        let item = |id: &String, role: &str| -> Html {
            let Some((i, m)) = a.measures.iter().enumerate().find(|(_, m)| &m.id == id) else { return Html::default() };
            html! {
                <li id={format!("row-{}", m.id)} tabindex="-1">
                    <button class="link" onclick={show_in_source(dispatch, &m.id, View::Units)}>
                        <span class="tag">{ role.to_string() }</span>
                        { format!("{}. ", i + 1) }{ m.title.clone().unwrap_or_else(|| short(&m.text, 80)) }
                    </button>
                    if !m.deadline.is_none() { <span class="muted">{ format!("({})", deadline_text(m)) }</span> }
                </li>
            }
        };
        html! {
            <section class="unit-detail" id="unit-detail" aria-live="polite">
                <h3>{ format!("{}:牵头 {} 项,配合 {} 项", u.name, u.lead.len(), u.support.len()) }</h3>
                <ul class="unit-tasks">
                    { for u.lead.iter().map(|id| item(id, "牵头")) }
                    { for u.support.iter().map(|id| item(id, "配合")) }
                </ul>
            </section>
        }
    });
    html! {
        <div class="units">
            <figure class="chart">
                <figcaption>
                    { "各单位承担的任务数" }
                    <span class="legend"><i class="lead"></i>{ "牵头" }<i class="support"></i>{ "配合" }</span>
                    if list.len() > chart_units.len() { <span class="muted">{ format!("(前 {} 个单位)", chart_units.len()) }</span> }
                </figcaption>
                <svg id="unit-chart" viewBox={format!("0 0 {} {}", label_w + bar_w + 60.0, height)} role="group" aria-label="各单位牵头、配合任务数条形图"
                    width="100%" preserveAspectRatio="xMinYMin meet">
                    { for bars }
                </svg>
            </figure>
            { detail.unwrap_or_default() }
            <table class="grid narrow" id="unit-table">
                <caption class="visually-hidden">{ "责任单位" }</caption>
                <thead><tr><th scope="col">{ "单位" }</th><th scope="col">{ "牵头" }</th><th scope="col">{ "配合" }</th></tr></thead>
                <tbody>{ for table_rows }</tbody>
            </table>
        </div>
    }
}

pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// 原文 is shown a page of about this many chars at a time (pages end at line breaks).
const SOURCE_PAGE: usize = 150_000;

fn source_view(doc: &Doc, state: &State, dispatch: &Dispatch) -> Html {
    let marks = source::marks(&doc.analysis, &doc.text);
    let pages = source::pages(&doc.text, SOURCE_PAGE);
    let page = pages
        .partition_point(|&start| start <= state.source_offset)
        .saturating_sub(1);
    let range = (
        pages[page],
        pages.get(page + 1).copied().unwrap_or(usize::MAX),
    );
    let goto = |p: usize| {
        let dispatch = dispatch.clone();
        let at = pages[p];
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SourceAt(at)))
    };
    let pager = (pages.len() > 1).then(|| html! {
        <span class="pager">
            <button id="src-prev" disabled={page == 0} onclick={goto(page.saturating_sub(1))}>{ "上一页" }</button>
            <span>{ format!("原文第 {} / {} 页", page + 1, pages.len()) }</span>
            <button id="src-next" disabled={page + 1 >= pages.len()} onclick={goto((page + 1).min(pages.len() - 1))}>{ "下一页" }</button>
        </span>
    });
    let on_mark = {
        let dispatch = dispatch.clone();
        Callback::from(move |(kind, key): (MarkKind, String)| {
            let (view, key) = match kind {
                MarkKind::Measure => (View::Tasks, key),
                MarkKind::Note => (View::Tasks, key.trim_start_matches("note-").to_string()),
                MarkKind::Target => (View::Targets, key),
                MarkKind::Warning => (View::Overview, key),
                MarkKind::Heading => (View::Outline, key),
            };
            dispatch.dispatch(Action::ShowInView { key, view });
        })
    };
    let back = state.back.as_ref().map(|(view, _)| {
        let dispatch = dispatch.clone();
        let label = format!("← 返回{}", view.label());
        html! { <button id="btn-back" class="back" onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Back))}>{ label }</button> }
    });
    html! {
        <div class="source-wrap">
            <div class="source-bar">
                { back.unwrap_or_default() }
                <span class="legend">
                    <mark class="hl hl-measure">{ "任务" }</mark>
                    <mark class="hl hl-note">{ "责任/时限" }</mark>
                    <mark class="hl hl-target">{ "指标" }</mark>
                    <mark class="hl hl-heading">{ "标题" }</mark>
                    <mark class="hl hl-warning">{ "提示" }</mark>
                </span>
                <span class="muted">{ "点击高亮处可跳回对应表格行" }</span>
                { pager.unwrap_or_default() }
            </div>
            <div class="source" id="source-text" lang="zh-CN">
                { source::render(&doc.text, &marks, range, state.focus.as_deref(), &on_mark) }
            </div>
        </div>
    }
}

fn outline(doc: &Doc, dispatch: &Dispatch) -> Html {
    fn tree(nodes: &[OutlineNode], dispatch: &Dispatch) -> Html {
        html! {
            <ul>
                { for nodes.iter().map(|n| {
                    let key = format!("o-{}", n.id);
                    html! {
                        <li id={format!("row-{key}")} tabindex="-1">
                            <button class="link" onclick={show_in_source(dispatch, &key, View::Outline)}>
                                <span class="marker">{ n.marker.clone() }</span>{ n.title.clone() }
                            </button>
                            <span class={classes!("tag", "kind")}>{ n.kind.label() }</span>
                            if !n.children.is_empty() { { tree(&n.children, dispatch) } }
                        </li>
                    }
                }) }
            </ul>
        }
    }
    if doc.analysis.outline.is_empty() {
        return html! { <p class="muted">{ "没有识别到章节结构。" }</p> };
    }
    html! { <nav class="outline" aria-label="大纲">{ tree(&doc.analysis.outline, dispatch) }</nav> }
}
