//! What follows the state outside it: the local draft (src/drafts.rs), the
//! 撤销 notice's time, and scrolling to the focused item.

use planlens_web::state::{State, View};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Keep the draft whenever it changes (src/drafts.rs: IndexedDB, the old draft kept
/// until the new one is stored); not in an embedding host's iframe (its text is not
/// the user's draft), and not at start (the kept draft is still being read).
#[hook]
pub fn use_draft_storage(state: &State, dispatch: UseReducerDispatcher<State>) {
    let (text, name, embed, rev) = (
        state.draft.clone(),
        state.draft_name.clone(),
        state.embed,
        state.draft_rev,
    );
    use_effect_with(state.draft_rev, move |_| {
        if embed || rev == 0 {
            return;
        }
        crate::drafts::keep(text, name, dispatch);
    });
}

/// The 撤销 notice of 重新开始 goes after a few seconds.
#[hook]
pub fn use_undo_timeout(state: &State, dispatch: UseReducerDispatcher<State>) {
    let undo = state.undo.clone();
    use_effect_with(
        undo.as_ref().map(|u| std::rc::Rc::as_ptr(u) as usize),
        move |_| {
            let handle = undo.and_then(|_| {
                let window = web_sys::window()?;
                let expire = wasm_bindgen::closure::Closure::once_into_js(move || {
                    dispatch.dispatch(planlens_web::state::Action::DismissUndo)
                });
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        expire.unchecked_ref(),
                        UNDO_MS,
                    )
                    .ok()
            });
            move || {
                if let (Some(h), Some(w)) = (handle, web_sys::window()) {
                    w.clear_timeout_with_handle(h);
                }
            }
        },
    );
}

/// How long 撤销 is offered after 重新开始 (ms).
pub const UNDO_MS: i32 = 10_000;

/// Scroll to and focus the focused item after each focus move: its highlight in
/// 原文, its row elsewhere.
#[hook]
pub fn use_scroll_to_focus(state: &State) {
    let target = state.focus.zip(state.doc.as_ref()).and_then(|(key, doc)| {
        let prefix = if state.view == View::Source {
            "src"
        } else {
            "row"
        };
        key.slug(&doc.analysis.0).map(|s| format!("{prefix}-{s}"))
    });
    use_effect_with(state.focus_rev, move |_| {
        let Some(id) = target else { return };
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
        else {
            return;
        };
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
        if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
            let fo = web_sys::FocusOptions::new();
            fo.set_prevent_scroll(true);
            let _ = h.focus_with_options(&fo);
        }
    });
}

/// `?embed=1`: the page is inside a host's iframe.
pub fn is_embed() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get("embed"))
        .is_some_and(|v| v == "1")
}

/// The state at start; the kept draft is read asynchronously (src/drafts.rs).
pub fn initial_state() -> State {
    State::new(String::new(), None, is_embed())
}

pub type Dispatch = UseReducerDispatcher<State>;
