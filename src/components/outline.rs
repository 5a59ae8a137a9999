//! 大纲: the outline tree; a click opens the heading in 原文.

use super::props_eq;
use planlens_core::{Analysis, OutlineNode};
use planlens_web::state::{section_slug, ItemKey};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct OutlineViewProps {
    pub analysis: Rc<Analysis>,
    pub on_show: Callback<ItemKey>,
}
props_eq!(OutlineViewProps {
    ptr: [analysis],
    value: [on_show]
});

/// Sections are numbered in pre-order, as `ItemKey::Section` counts them.
fn tree(nodes: &[OutlineNode], next: &mut usize, on_show: &Callback<ItemKey>) -> Html {
    let items: Vec<Html> = nodes
        .iter()
        .map(|n| {
            let key = ItemKey::Section(*next);
            *next += 1;
            let children = (!n.children.is_empty()).then(|| tree(&n.children, next, on_show));
            html! {
                <li id={format!("row-{}", section_slug(n))} tabindex="-1">
                    <button class="link" onclick={on_show.reform(move |_: MouseEvent| key)}>
                        <span class="marker">{ n.marker.clone() }</span>{ n.title.clone() }
                    </button>
                    <span class={classes!("tag", "kind")}>{ n.kind.label() }</span>
                    { children.unwrap_or_default() }
                </li>
            }
        })
        .collect();
    html! { <ul>{ for items }</ul> }
}

#[component]
pub fn OutlineView(p: &OutlineViewProps) -> Html {
    if p.analysis.outline.is_empty() {
        return html! { <p class="muted">{ "没有识别到章节结构。" }</p> };
    }
    html! { <nav class="outline" aria-label="大纲">{ tree(&p.analysis.outline, &mut 0, &p.on_show) }</nav> }
}
