//! 责任单位: lead/support counts per unit, a bar chart; a click lists the unit's tasks.

use super::{props_eq, short};
use planlens_core::Analysis;
use planlens_export::deadline_text;
use planlens_web::aliases::AliasList;
use planlens_web::num::{share_tenths, tenths};
use planlens_web::state::ItemKey;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties)]
pub struct UnitsViewProps {
    pub analysis: Rc<Analysis>,
    pub selected: Option<String>,
    pub on_select: Callback<String>,
    pub on_show: Callback<ItemKey>,
    /// The merged names (the analysis already shows them).
    pub aliases: AliasList,
    /// 合并: the name to keep and the names of the group.
    pub on_merge: Callback<(String, Vec<String>)>,
    pub on_unmerge: Callback<String>,
    /// 不合并.
    pub on_apart: Callback<Vec<String>>,
    pub on_export_aliases: Callback<()>,
    pub on_import_aliases: Callback<web_sys::File>,
}
props_eq!(UnitsViewProps {
    ptr: [analysis],
    value: [
        selected,
        on_select,
        on_show,
        aliases,
        on_merge,
        on_unmerge,
        on_apart,
        on_export_aliases,
        on_import_aliases
    ]
});

#[derive(Properties, PartialEq)]
struct VariantGroupProps {
    names: Vec<String>,
    index: usize,
    on_merge: Callback<(String, Vec<String>)>,
    on_apart: Callback<Vec<String>>,
}

/// One suggestion: its names, the one to keep (the first unless chosen) and the
/// two answers.
#[component]
fn VariantGroup(p: &VariantGroupProps) -> Html {
    let keep = use_state(|| p.names.first().cloned().unwrap_or_default());
    let on_change = {
        let keep = keep.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            keep.set(sel.value());
        })
    };
    let on_merge = {
        let (names, keep) = (p.names.clone(), keep.clone());
        p.on_merge
            .reform(move |_: MouseEvent| ((*keep).clone(), names.clone()))
    };
    let on_apart = {
        let names = p.names.clone();
        p.on_apart.reform(move |_: MouseEvent| names.clone())
    };
    let id = format!("variant-keep-{}", p.index);
    html! {
        <li class="variant-group" data-names={p.names.join("|")}>
            <span class="variant-names">
                { for p.names.iter().map(|n| html! { <span class="chip">{ n.clone() }</span> }) }
            </span>
            <label for={id.clone()}>{ "合并为" }</label>
            <select id={id} class="variant-keep" onchange={on_change}>
                { for p.names.iter().map(|n| html! {
                    <option value={n.clone()} selected={*n == *keep}>{ n.clone() }</option>
                }) }
            </select>
            <button class="variant-merge" onclick={on_merge}>{ "合并" }</button>
            <button class="variant-apart" onclick={on_apart}>{ "不合并" }</button>
        </li>
    }
}

/// Suggestions to merge, the merged names, and the list's export / import.
fn aliases_panel(p: &UnitsViewProps) -> Html {
    let groups = &p.analysis.unit_variants;
    let on_pick = {
        let on_import = p.on_import_aliases.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_import.emit(file);
            }
            input.set_value("");
        })
    };
    let merged = p.aliases.aliases.iter().map(|al| {
        let canonical = al.canonical.clone();
        html! {
            <li class="alias" data-canonical={al.canonical.clone()}>
                <b>{ al.canonical.clone() }</b>{ " ← " }{ al.variants.join("、") }
                <button class="alias-unmerge link" onclick={p.on_unmerge.reform(move |_: MouseEvent| canonical.clone())}>
                    { "取消合并" }
                </button>
            </li>
        }
    });
    html! {
        <section class="unit-aliases" id="unit-aliases" aria-labelledby="unit-aliases-h">
            <h3 id="unit-aliases-h">{ "单位名称合并" }</h3>
            if !groups.is_empty() {
                <p class="muted">{ "下列名称可能指同一单位。合并后,责任单位、任务分解表和导出都用保留的名称;原文中的写法不变。" }</p>
                <ul class="variant-groups" id="unit-variants">
                    { for groups.iter().enumerate().map(|(i, g)| html! {
                        <VariantGroup key={g.join("|")} names={g.clone()} index={i}
                            on_merge={p.on_merge.clone()} on_apart={p.on_apart.clone()} />
                    }) }
                </ul>
            } else {
                <p class="muted">{ "没有待确认的同名单位建议。" }</p>
            }
            if !p.aliases.aliases.is_empty() {
                <details class="alias-list" open={groups.is_empty()}>
                    <summary>{ format!("已合并的名称({} 组,本机保存,其他方案也沿用)", p.aliases.aliases.len()) }</summary>
                    <ul id="alias-list">{ for merged }</ul>
                </details>
            }
            <div class="actions">
                <button id="aliases-export" onclick={p.on_export_aliases.reform(|_: MouseEvent| ())}
                    disabled={p.aliases.is_empty()}>{ "导出合并表" }</button>
                <label class="button" for="aliases-import">{ "导入合并表…" }</label>
                <input id="aliases-import" class="visually-hidden" type="file" accept=".json,application/json" onchange={on_pick} />
            </div>
        </section>
    }
}

#[component]
pub fn UnitsView(p: &UnitsViewProps) -> Html {
    let a = &p.analysis;
    if a.units.is_empty() {
        return html! { <p class="muted">{ "没有识别到责任单位。" }</p> };
    }
    let aliases = aliases_panel(p);
    let mut list: Vec<_> = a.units.iter().collect();
    planlens_web::order::sort_by(&mut list, &|x, y| {
        (y.lead.len() + y.support.len(), y.lead.len())
            .cmp(&(x.lead.len() + x.support.len(), x.lead.len()))
            .then(x.name.cmp(&y.name))
    });
    let max = list
        .iter()
        .map(|u| u.lead.len() + u.support.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let chart_units: Vec<_> = list.iter().take(30).collect();
    // Lengths in tenths of a pixel, written by `tenths` (no float formatting in the page).
    let (label_w, bar_w, row_h) = (2200i64, 5600i64, 260i64);
    let height = chart_units.len() as i64 * row_h + 300;
    let select = |name: &str| {
        let name = name.to_string();
        p.on_select.reform(move |_: MouseEvent| name.clone())
    };
    let bars = chart_units.iter().enumerate().map(|(i, u)| {
        let y = 240 + i as i64 * row_h;
        let lw = share_tenths(u.lead.len(), max, bar_w);
        let sw = share_tenths(u.support.len(), max, bar_w);
        let onkeydown = {
            let on_select = p.on_select.clone();
            let name = u.name.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    on_select.emit(name.clone());
                }
            })
        };
        let selected = p.selected.as_deref() == Some(u.name.as_str());
        html! {
            <g class={classes!("bar", selected.then_some("selected"))} role="button" tabindex="0"
                aria-label={format!("{}:牵头 {} 项,配合 {} 项", u.name, u.lead.len(), u.support.len())}
                onclick={select(&u.name)} {onkeydown}>
                <title>{ format!("{}:牵头 {},配合 {}", u.name, u.lead.len(), u.support.len()) }</title>
                <rect class="hit" x="0" y={tenths(y - 40)} width={tenths(label_w + bar_w + 600)} height={tenths(row_h)} />
                <text x={tenths(label_w - 80)} y={tenths(y + 130)} text-anchor="end">{ short(&u.name, 14) }</text>
                <rect class="lead" x={tenths(label_w)} y={tenths(y)} width={tenths(lw)} height="18" />
                <rect class="support" x={tenths(label_w + lw)} y={tenths(y)} width={tenths(sw)} height="18" />
                <text class="n" x={tenths(label_w + lw + sw + 60)} y={tenths(y + 130)}>
                    { format!("{} / {}", u.lead.len(), u.support.len()) }
                </text>
            </g>
        }
    });
    let table_rows = list.iter().map(|u| {
        let selected = p.selected.as_deref() == Some(u.name.as_str());
        html! {
            <tr class={classes!(selected.then_some("current"))}>
                <th scope="row"><button class="link" onclick={select(&u.name)}>{ u.name.clone() }</button></th>
                <td class="num">{ u.lead.len() }</td>
                <td class="num">{ u.support.len() }</td>
            </tr>
        }
    });
    let detail = p.selected.as_ref().and_then(|name| a.units.iter().find(|u| &u.name == name)).map(|u| {
        let item = |id: &String, role: &str| -> Html {
            let Some((i, m)) = a.measures.iter().enumerate().find(|(_, m)| &m.id == id) else { return Html::default() };
            let key = ItemKey::Measure(i);
            html! {
                <li id={format!("row-{}", m.id)} tabindex="-1">
                    <button class="link" onclick={p.on_show.reform(move |_: MouseEvent| key)}>
                        <span class="tag">{ role.to_string() }</span>
                        { format!("{}. ", i + 1) }{ m.title.clone().unwrap_or_else(|| short(&m.text, 80)) }
                    </button>
                    if m.deadline.is_some() { <span class="muted">{ format!("({})", deadline_text(m)) }</span> }
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
            { aliases }
            <figure class="chart">
                <figcaption>
                    { "各单位承担的任务数" }
                    <span class="legend"><i class="lead"></i>{ "牵头" }<i class="support"></i>{ "配合" }</span>
                    if list.len() > chart_units.len() { <span class="muted">{ format!("(前 {} 个单位)", chart_units.len()) }</span> }
                </figcaption>
                <svg id="unit-chart" viewBox={format!("0 0 {} {}", tenths(label_w + bar_w + 600), tenths(height))} role="group" aria-label="各单位牵头、配合任务数条形图"
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
