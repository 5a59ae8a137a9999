//! Where corrections and 最近的分析 are kept: IndexedDB (src/idb.rs), not
//! localStorage's few MB, behind a narrow async interface. What an earlier version
//! kept in localStorage is moved over on first read, and removed there only once
//! the move has committed.

use crate::idb;
use planlens_web::corrections::{remember, Corrections, Recent};
use planlens_web::state::{Action, State};
use std::rc::Rc;
use yew::prelude::*;

const CORRECTIONS_PREFIX: &str = "corrections/";
const RECENT_KEY: &str = "recent";
const TEXT_PREFIX: &str = "text/";
/// The keys of the localStorage version, read once to move their values here.
const LS_CORRECTIONS_PREFIX: &str = "planlens.corrections.v1.";
const LS_RECENT_KEY: &str = "planlens.recent.v1";
const LS_TEXT_PREFIX: &str = "planlens.text.v1.";
/// Texts up to this many chars are kept with 最近的分析, so they can be reopened.
const TEXT_MAX: usize = 2_000_000;

/// The corrections kept for a document (by its hash).
pub async fn load_corrections(hash: &str) -> Option<Corrections> {
    let key = format!("{CORRECTIONS_PREFIX}{hash}");
    let old = format!("{LS_CORRECTIONS_PREFIX}{hash}");
    let json = idb::get_text_or_move(&key, &old).await.ok().flatten()?;
    // src/reader.rs: without serde's derived deserializers of the edits (first load)
    planlens_web::reader::corrections(&json)
}

/// Keep a document's corrections; none: forget them. Resolves once committed.
pub async fn save_corrections(hash: &str, c: &Corrections) -> Result<(), idb::IdbError> {
    let key = format!("{CORRECTIONS_PREFIX}{hash}");
    if c.edits.is_empty() && c.undone.is_empty() {
        return idb::delete(&key).await;
    }
    // (the error is not formatted: serde_json's messages and io::Error's would be linked)
    let json = serde_json::to_string(c).map_err(|_| idb::IdbError::Other("serialize".into()))?;
    idb::put(&key, &json.into()).await
}

async fn load_recent() -> Vec<Recent> {
    idb::get_text_or_move(RECENT_KEY, LS_RECENT_KEY)
        .await
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// A reopened plan's text, if it was kept.
pub async fn load_text(hash: &str) -> Option<String> {
    let key = format!("{TEXT_PREFIX}{hash}");
    let old = format!("{LS_TEXT_PREFIX}{hash}");
    idb::get_text_or_move(&key, &old).await.ok().flatten()
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
        let hash = hash.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut list = load_recent().await;
            if let (false, Some((text, title, measures, targets, name))) = (hash.is_empty(), entry)
            {
                let key = format!("{TEXT_PREFIX}{hash}");
                let text_kept = text.chars().count() <= TEXT_MAX
                    && idb::put(&key, &text.as_ref().into()).await.is_ok();
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
                if let Ok(json) = serde_json::to_string(&list) {
                    // the list first: an entry never points at a text already gone
                    if idb::put(RECENT_KEY, &json.into()).await.is_ok() {
                        for h in gone {
                            let _ = idb::delete(&format!("{TEXT_PREFIX}{h}")).await;
                        }
                    }
                }
            }
            dispatch.dispatch(Action::Recent(Rc::new(list)));
        });
    });
}
