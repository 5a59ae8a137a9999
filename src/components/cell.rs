//! Editing a cell of the 任务分解表 or the 指标表 in place: a text field that
//! Enter (or leaving it) commits and Esc cancels; unit cells also offer the plan's
//! units as chips; the task cell can split its row at the cursor.

use planlens_web::corrections::parse_units;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// One line.
    Line,
    /// Long text (the task): a textarea; Enter still commits.
    Long,
    /// A `、`-separated list of units, with chips.
    Units,
}

#[derive(Properties, PartialEq)]
pub struct CellEditorProps {
    pub value: String,
    pub kind: CellKind,
    /// Units to offer as chips (for [`CellKind::Units`]).
    #[prop_or_default]
    pub chips: Rc<Vec<String>>,
    pub on_commit: Callback<String>,
    pub on_cancel: Callback<()>,
    /// 在光标处拆分: the text as typed and the cursor, in chars.
    #[prop_or_default]
    pub on_split: Option<Callback<(String, usize)>>,
    pub label: String,
}

fn read(node: &NodeRef) -> String {
    if let Some(t) = node.cast::<HtmlTextAreaElement>() {
        t.value()
    } else if let Some(i) = node.cast::<HtmlInputElement>() {
        i.value()
    } else {
        String::new()
    }
}

fn write(node: &NodeRef, v: &str) {
    if let Some(t) = node.cast::<HtmlTextAreaElement>() {
        t.set_value(v);
    } else if let Some(i) = node.cast::<HtmlInputElement>() {
        i.set_value(v);
    }
}

/// The cursor in chars (the DOM gives UTF-16 units).
fn cursor(node: &NodeRef) -> Option<usize> {
    let t = node.cast::<HtmlTextAreaElement>()?;
    let at = t.selection_start().ok().flatten()? as usize;
    let units: Vec<u16> = t.value().encode_utf16().take(at).collect();
    Some(String::from_utf16_lossy(&units).chars().count())
}

#[component]
pub fn CellEditor(p: &CellEditorProps) -> Html {
    let node = use_node_ref();
    let done = use_mut_ref(|| false);
    let typed = use_state(|| p.value.clone());
    {
        // the first value only: the field is the user's from then on (a `value`
        // prop would be put back on every render)
        let (node, first) = (node.clone(), p.value.clone());
        use_effect_with((), move |_| {
            write(&node, &first);
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            if let Some(i) = node.cast::<HtmlInputElement>() {
                i.select();
            }
        });
    }
    let finish = {
        let (done, node, commit) = (done.clone(), node.clone(), p.on_commit.clone());
        move || {
            if !std::mem::replace(&mut *done.borrow_mut(), true) {
                commit.emit(read(&node));
            }
        }
    };
    let onkeydown = {
        let (finish, done, cancel) = (finish.clone(), done.clone(), p.on_cancel.clone());
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            match e.key().as_str() {
                "Enter" if !e.shift_key() => {
                    e.prevent_default();
                    finish();
                }
                "Escape" => {
                    e.prevent_default();
                    *done.borrow_mut() = true;
                    cancel.emit(());
                }
                _ => {}
            }
        })
    };
    let onblur = {
        let finish = finish.clone();
        Callback::from(move |_: FocusEvent| finish())
    };
    let oninput = {
        let (typed, node) = (typed.clone(), node.clone());
        Callback::from(move |_: InputEvent| typed.set(read(&node)))
    };
    let stop = Callback::from(|e: MouseEvent| e.stop_propagation());
    let keep_focus = Callback::from(|e: MouseEvent| e.prevent_default());
    let field = match p.kind {
        CellKind::Long => html! {
            <textarea ref={node.clone()} class="cell-edit" aria-label={p.label.clone()}
                rows="4" {onkeydown} {onblur} {oninput} />
        },
        _ => html! {
            <input ref={node.clone()} class="cell-edit" aria-label={p.label.clone()}
                {onkeydown} {onblur} {oninput} />
        },
    };
    let chips = (p.kind == CellKind::Units).then(|| {
        let now = parse_units(&typed);
        let last = typed.rsplit(['、', ',', '，']).next().unwrap_or("").trim().to_string();
        let partial = if p.chips.contains(&last) { "" } else { last.as_str() };
        let offer = p
            .chips
            .iter()
            .filter(|u| !now.contains(u) && (partial.is_empty() || u.contains(partial)))
            .take(24)
            .map(|u| {
                let (node, typed, u2) = (node.clone(), typed.clone(), u.clone());
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.stop_propagation();
                    let mut list = parse_units(&read(&node));
                    // a half-typed name is replaced by the chip
                    let cur = read(&node);
                    let tail = cur.rsplit(['、', ',', '，']).next().unwrap_or("").trim();
                    if !tail.is_empty() && u2.contains(tail) && tail != u2 {
                        list.retain(|x| x != tail);
                    }
                    if !list.contains(&u2) {
                        list.push(u2.clone());
                    }
                    let v = list.join("、");
                    write(&node, &v);
                    typed.set(v);
                });
                html! { <button type="button" class="chip" onmousedown={keep_focus.clone()} {onclick}>{ u.clone() }</button> }
            });
        html! {
            <div class="chips" aria-label="本方案中的单位">
                { for offer }
                <span class="muted hint-keys">{ "多个单位用“、”分隔;回车确认,Esc 取消" }</span>
            </div>
        }
    });
    let split = p.on_split.clone().map(|on_split| {
        let node = node.clone();
        let done = done.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            if let Some(at) = cursor(&node) {
                *done.borrow_mut() = true;
                on_split.emit((read(&node), at));
            }
        });
        html! {
            <div class="chips">
                <button type="button" class="split" id="btn-split" onmousedown={keep_focus.clone()} {onclick}>{ "在光标处拆分" }</button>
                <span class="muted hint-keys">{ "回车确认,Esc 取消" }</span>
            </div>
        }
    });
    html! {
        <div class="cell-editor" onclick={stop.clone()} ondblclick={stop}>
            { field }
            { chips.unwrap_or_default() }
            { split.unwrap_or_default() }
        </div>
    }
}

/// A single click on a row acts after a short wait, so that a double click (which
/// opens a cell for editing) can cancel it.
#[derive(Clone, Default)]
pub struct ClickGate(Rc<RefCell<Option<i32>>>);

impl PartialEq for ClickGate {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ClickGate {
    pub fn later(&self, f: impl FnOnce() + 'static) {
        self.cancel();
        let Some(w) = web_sys::window() else {
            return;
        };
        let slot = self.0.clone();
        let cb = Closure::once_into_js(move || {
            slot.borrow_mut().take();
            f();
        });
        if let Ok(h) =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 260)
        {
            *self.0.borrow_mut() = Some(h);
            // anything else pressed meanwhile (the second click of a double click,
            // another tab) cancels it
            let gate = self.clone();
            let cancel = Closure::once_into_js(move || gate.cancel());
            let opts = web_sys::AddEventListenerOptions::new();
            opts.set_once(true);
            opts.set_capture(true);
            if let Some(d) = w.document() {
                let _ = d.add_event_listener_with_callback_and_add_event_listener_options(
                    "mousedown",
                    cancel.unchecked_ref(),
                    &opts,
                );
            }
        }
    }

    pub fn cancel(&self) {
        if let (Some(h), Some(w)) = (self.0.borrow_mut().take(), web_sys::window()) {
            w.clear_timeout_with_handle(h);
        }
    }
}

impl ClickGate {
    /// A row's single click: `on_show` with `key` after the wait (a double click,
    /// which opens a cell, cancels it).
    pub fn row_click<K: Copy + 'static>(
        &self,
        on_show: &Callback<K>,
        key: K,
    ) -> Callback<MouseEvent> {
        let (gate, on_show) = (self.clone(), on_show.clone());
        Callback::from(move |e: MouseEvent| {
            if e.detail() <= 1 {
                let on_show = on_show.clone();
                gate.later(move || on_show.emit(key));
            }
        })
    }
}

/// Which cell is open for editing: (row id, column).
pub type Editing = UseStateHandle<Option<(String, &'static str)>>;

/// The gestures that open a cell for editing: a double click, or Enter while it is
/// not open; either cancels the row's pending click.
pub struct CellOpen {
    pub ondblclick: Callback<MouseEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
}

pub fn cell_open(
    editing: &Editing,
    gate: &ClickGate,
    id: &str,
    col: &'static str,
    is_editing: bool,
) -> CellOpen {
    let open = {
        let (editing, gate, id) = (editing.clone(), gate.clone(), id.to_string());
        move || {
            gate.cancel();
            editing.set(Some((id.clone(), col)));
        }
    };
    let ondblclick = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            open();
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && !is_editing {
            e.prevent_default();
            open();
        }
    });
    CellOpen {
        ondblclick,
        onkeydown,
    }
}

/// Closing the open cell without a change (Esc).
pub fn cell_cancel(editing: &Editing) -> Callback<()> {
    let editing = editing.clone();
    Callback::from(move |()| editing.set(None))
}
