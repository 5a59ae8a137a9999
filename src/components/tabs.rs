//! The view tabs (ARIA tabs: ← → Home End move between views).

use planlens_web::state::View;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub view: View,
    pub measures: usize,
    pub targets: usize,
    pub units: usize,
    pub on_select: Callback<View>,
}

fn focus_tab(v: View) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("tab-{}", v.slug())))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[component]
pub fn Tabs(p: &TabsProps) -> Html {
    let tabs = View::ALL.iter().map(|&v| {
        let selected = p.view == v;
        let onclick = p.on_select.reform(move |_: MouseEvent| v);
        let onkeydown = {
            let on_select = p.on_select.clone();
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
                on_select.emit(View::ALL[next]);
                focus_tab(View::ALL[next]);
            })
        };
        let count = match v {
            View::Tasks => Some(p.measures),
            View::Targets => Some(p.targets),
            View::Units => Some(p.units),
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
    html! { <nav class="tabs" role="tablist" aria-label="视图">{ for tabs }</nav> }
}
