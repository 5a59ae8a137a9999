//! The local draft, kept in IndexedDB (src/idb.rs) so that it survives a reload,
//! and never lost:
//! - a new text is written under a new key first; only once that write has
//!   committed does the head record point to it and the old text get deleted, so a
//!   failed write (quota) leaves the previous draft as it was;
//! - a text above `DRAFT_MAX` (30 MB) is not written at all, and the previous
//!   draft stays (the page says so);
//! - writes run one at a time, and only the newest waiting one runs (typing fast
//!   does not queue a copy of the text per keystroke);
//! - a draft kept by an earlier version in localStorage is moved here once.

use crate::effects::Dispatch;
use crate::idb::{self, IdbError};
use gloo_storage::{LocalStorage, Storage};
use planlens_web::state::{draft_fits, Action};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The head record: which key holds the current draft.
const HEAD: &str = "draft";
/// Draft texts are kept under `draft/<n>`.
const PREFIX: &str = "draft/";
/// The earlier versions' localStorage keys.
const LS_KEY: &str = "planlens.draft.v2";
const LS_OLD_TEXT: &str = "planlens.draft.v1";
const LS_OLD_NAME: &str = "planlens.draft.name.v1";

/// A kept draft: the text and the name of the file it came from.
#[derive(Serialize, Deserialize, Default, Clone)]
pub struct Draft {
    pub text: String,
    pub name: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Head {
    key: String,
}

enum Op {
    Save(Rc<str>, Option<String>),
    Forget,
}

thread_local! {
    /// Set once the page asked to keep a draft: the user typed, opened or analysed.
    static TOUCHED: Cell<bool> = const { Cell::new(false) };
    static WRITING: Cell<bool> = const { Cell::new(false) };
    static NEXT: RefCell<Option<(Op, Dispatch)>> = const { RefCell::new(None) };
}

/// The draft in storage (after moving one from localStorage, if any).
pub async fn load() -> Draft {
    if let Ok(Some(head)) = idb::get_json::<Head>(HEAD).await {
        if let Ok(Some(d)) = idb::get_json::<Draft>(&head.key).await {
            return d;
        }
    }
    migrate().await.unwrap_or_default()
}

/// The draft an earlier version kept in localStorage: written to IndexedDB, and
/// removed from localStorage only once that has committed.
async fn migrate() -> Option<Draft> {
    let draft = LocalStorage::get::<Draft>(LS_KEY).ok().or_else(|| {
        let old = |k| LocalStorage::raw().get_item(k).ok().flatten();
        old(LS_OLD_TEXT).map(|text| Draft {
            text,
            name: old(LS_OLD_NAME),
        })
    })?;
    if !draft.text.is_empty() && write(&draft.text, draft.name.clone()).await.is_ok() {
        for k in [LS_KEY, LS_OLD_TEXT, LS_OLD_NAME] {
            LocalStorage::delete(k);
        }
    }
    Some(draft)
}

fn new_key() -> String {
    let now = js_sys::Date::now() as u64;
    format!("{PREFIX}{now}-{}", (js_sys::Math::random() * 1e6) as u32)
}

/// Write the new text, then point the head at it, then delete the old one.
async fn write(text: &str, name: Option<String>) -> Result<(), IdbError> {
    let old = idb::get_json::<Head>(HEAD).await.ok().flatten();
    let key = new_key();
    let obj = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&obj, &"text".into(), &text.into());
    if let Some(n) = &name {
        let _ = js_sys::Reflect::set(&obj, &"name".into(), &n.as_str().into());
    }
    if let Err(e) = idb::put(&key, &obj).await {
        let _ = idb::delete(&key).await;
        return Err(e);
    }
    idb::put_json(HEAD, &Head { key: key.clone() }).await?;
    if let Some(old) = old.filter(|o| o.key != key) {
        let _ = idb::delete(&old.key).await;
    }
    Ok(())
}

async fn forget() -> Result<(), IdbError> {
    if let Ok(Some(head)) = idb::get_json::<Head>(HEAD).await {
        idb::delete(HEAD).await?;
        idb::delete(&head.key).await?;
    }
    for k in [LS_KEY, LS_OLD_TEXT, LS_OLD_NAME] {
        LocalStorage::delete(k);
    }
    Ok(())
}

/// Keep `text` as the draft (or forget the draft when it is empty). A text too
/// large to keep is not written: the previous draft stays (the state already
/// notes it); a write the browser refuses is told to the state.
pub fn keep(text: Rc<str>, name: Option<String>, dispatch: Dispatch) {
    TOUCHED.with(|t| t.set(true));
    if !draft_fits(&text) {
        return;
    }
    let op = if text.is_empty() {
        Op::Forget
    } else {
        Op::Save(text, name)
    };
    NEXT.with(|n| *n.borrow_mut() = Some((op, dispatch)));
    if WRITING.with(|w| w.replace(true)) {
        return; // the running writer takes it next
    }
    wasm_bindgen_futures::spawn_local(async {
        while let Some((op, dispatch)) = NEXT.with(|n| n.borrow_mut().take()) {
            let result = match op {
                Op::Save(text, name) => write(&text, name).await,
                Op::Forget => forget().await,
            };
            if let Err(e) = result {
                if e != IdbError::Unavailable {
                    dispatch.dispatch(Action::DraftNotSaved);
                }
            }
        }
        WRITING.with(|w| w.set(false));
    });
}

/// At start: read the kept draft, show it and analyse it.
pub fn restore(dispatch: Dispatch) {
    wasm_bindgen_futures::spawn_local(async move {
        let d = load().await;
        // what the user did meanwhile wins over the kept draft
        if d.text.is_empty() || TOUCHED.with(|t| t.get()) || crate::worker::Ticket::any_taken() {
            return;
        }
        dispatch.dispatch(Action::Restored {
            text: d.text.clone(),
            name: d.name.clone(),
        });
        crate::app::analyze(
            dispatch,
            planlens_web::protocol::Job::Text {
                text: d.text,
                name: d.name.clone(),
            },
            d.name,
        );
    });
}
