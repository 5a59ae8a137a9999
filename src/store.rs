//! Where corrections and 最近的分析 are kept: localStorage for now, behind a
//! narrow, async interface (`load_corrections` / `save_corrections`), so another
//! backend (IndexedDB) can take its place without touching the callers.

use gloo_storage::{LocalStorage, Storage};
use planlens_web::corrections::{remember, Corrections, Recent};
use planlens_web::state::{Action, State};
use std::rc::Rc;
use yew::prelude::*;

const CORRECTIONS_PREFIX: &str = "planlens.corrections.v1.";
const RECENT_KEY: &str = "planlens.recent.v1";
const TEXT_PREFIX: &str = "planlens.text.v1.";
/// Texts up to this many chars are kept with 最近的分析, so they can be reopened.
const TEXT_MAX: usize = 300_000;

/// The corrections kept for a document (by its hash).
pub async fn load_corrections(hash: &str) -> Option<Corrections> {
    LocalStorage::get(format!("{CORRECTIONS_PREFIX}{hash}")).ok()
}

/// Keep a document's corrections; none: forget them.
pub async fn save_corrections(hash: &str, c: &Corrections) -> Result<(), ()> {
    let key = format!("{CORRECTIONS_PREFIX}{hash}");
    if c.edits.is_empty() && c.undone.is_empty() {
        LocalStorage::delete(key);
        return Ok(());
    }
    LocalStorage::set(key, c).map_err(|_| ())
}

pub fn load_recent() -> Vec<Recent> {
    LocalStorage::get(RECENT_KEY).unwrap_or_default()
}

/// A reopened plan's text, if it was kept.
pub fn load_text(hash: &str) -> Option<String> {
    LocalStorage::raw()
        .get_item(&format!("{TEXT_PREFIX}{hash}"))
        .ok()
        .flatten()
}

fn now() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Read the kept corrections of the document on screen, and keep them on every change.
#[hook]
pub fn use_corrections_storage(state: &State, dispatch: UseReducerDispatcher<State>) {
    let (hash, loaded, embed) = (state.edit.hash.clone(), state.edit.loaded, state.embed);
    {
        let dispatch = dispatch.clone();
        use_effect_with((hash.clone(), loaded), move |(hash, loaded)| {
            if hash.is_empty() || *loaded {
                return;
            }
            let hash = hash.clone();
            if embed {
                // a host's document: corrections live as long as the page
                dispatch.dispatch(Action::CorrectionsLoaded {
                    hash,
                    corrections: None,
                });
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let corrections = load_corrections(&hash).await;
                dispatch.dispatch(Action::CorrectionsLoaded { hash, corrections });
            });
        });
    }
    let corrections = state.edit.corrections.clone();
    use_effect_with(state.edit.rev, move |_| {
        if hash.is_empty() || !loaded || embed {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            if save_corrections(&hash, &corrections).await.is_err() {
                let _ = web_sys::window()
                    .map(|w| w.alert_with_message("浏览器存储空间不足,本次修改未能保存。"));
            }
        });
    });
}

/// 最近的分析: read at start; each analysed document is put first, with its text
/// when small enough to keep.
#[hook]
pub fn use_recent(state: &State, dispatch: UseReducerDispatcher<State>) {
    let hash = state.edit.hash.clone();
    let entry = state
        .doc
        .as_ref()
        .zip(state.edit.base.as_ref())
        .map(|(doc, base)| {
            let a = &base.0;
            let title = a
                .meta
                .title
                .clone()
                .or_else(|| a.source.name.clone())
                .or_else(|| state.draft_name.clone())
                .unwrap_or_else(|| "未命名文本".into());
            (
                doc.text.0.clone(),
                title,
                a.measures.len(),
                a.targets.len(),
                a.source.name.clone(),
            )
        });
    let embed = state.embed;
    use_effect_with(hash, move |hash| {
        if embed {
            return;
        }
        let mut list = load_recent();
        if let (false, Some((text, title, measures, targets, name))) = (hash.is_empty(), entry) {
            let key = format!("{TEXT_PREFIX}{hash}");
            let text_kept = text.chars().count() <= TEXT_MAX
                && LocalStorage::raw().set_item(&key, &text).is_ok();
            let gone = remember(
                &mut list,
                Recent {
                    hash: hash.clone(),
                    title,
                    date: now(),
                    measures,
                    targets,
                    text_kept,
                    name,
                },
            );
            for h in gone {
                LocalStorage::delete(format!("{TEXT_PREFIX}{h}"));
            }
            let _ = LocalStorage::set(RECENT_KEY, &list);
        }
        dispatch.dispatch(Action::Recent(Rc::new(list)));
    });
}
