//! 责任单位: lead/support counts per unit, a bar chart; a click lists the unit's tasks.

use super::{props_eq, short};
use planlens_core::Analysis;
use planlens_export::deadline_text;
use planlens_web::state::ItemKey;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct UnitsViewProps {
    pub analysis: Rc<Analysis>,
    pub selected: Option<String>,
    pub on_select: Callback<String>,
    pub on_show: Callback<ItemKey>,
}
props_eq!(UnitsViewProps {
    ptr: [analysis],
    value: [selected, on_select, on_show]
});

#[component]
pub fn UnitsView(p: &UnitsViewProps) -> Html {
    let a = &p.analysis;
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
        let name = name.to_string();
        p.on_select.reform(move |_: MouseEvent| name.clone())
    };
    let bars = chart_units.iter().enumerate().map(|(i, u)| {
        let y = 24.0 + i as f64 * row_h;
        let lw = u.lead.len() as f64 / max * bar_w;
        let sw = u.support.len() as f64 / max * bar_w;
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
