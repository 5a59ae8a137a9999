//! What follows the state outside it: the local draft in localStorage, and
//! scrolling to the focused item.

use gloo_storage::{LocalStorage, Storage};
use planlens_web::state::{draft_fits, Action, State, View};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use yew::prelude::*;

const DRAFT_KEY: &str = "planlens.draft.v2";
/// The first format: the text and its file name as two raw strings.
const OLD_TEXT_KEY: &str = "planlens.draft.v1";
const OLD_NAME_KEY: &str = "planlens.draft.name.v1";

/// The local draft: the text and the name of the file it came from.
#[derive(Serialize, Deserialize, Default)]
pub struct Draft {
    pub text: String,
    pub name: Option<String>,
}

/// The kept draft, from either format.
pub fn load_draft() -> Draft {
    if let Ok(d) = LocalStorage::get::<Draft>(DRAFT_KEY) {
        return d;
    }
    let old = |k| LocalStorage::raw().get_item(k).ok().flatten();
    Draft {
        text: old(OLD_TEXT_KEY).unwrap_or_default(),
        name: old(OLD_NAME_KEY),
    }
}

fn forget_draft() {
    for k in [DRAFT_KEY, OLD_TEXT_KEY, OLD_NAME_KEY] {
        LocalStorage::delete(k);
    }
}

/// Keep the draft whenever it changes (not in an embedding host's iframe: its
/// text is not the user's draft); tell the state when storage refuses it.
#[hook]
pub fn use_draft_storage(state: &State, dispatch: UseReducerDispatcher<State>) {
    let (text, name, embed) = (state.draft.clone(), state.draft_name.clone(), state.embed);
    use_effect_with(state.draft_rev, move |_| {
        if embed {
            return;
        }
        if text.is_empty() || !draft_fits(&text) {
            forget_draft();
            return;
        }
        let draft = Draft {
            text: text.to_string(),
            name,
        };
        if LocalStorage::set(DRAFT_KEY, &draft).is_err() {
            forget_draft();
            dispatch.dispatch(Action::DraftNotSaved);
        } else {
            LocalStorage::delete(OLD_TEXT_KEY);
            LocalStorage::delete(OLD_NAME_KEY);
        }
    });
}

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

/// The state at start: the kept draft, unless embedded.
pub fn initial_state() -> State {
    let embed = is_embed();
    let draft = if embed {
        Draft::default()
    } else {
        load_draft()
    };
    State::new(draft.text, draft.name, embed)
}

pub type Dispatch = UseReducerDispatcher<State>;
