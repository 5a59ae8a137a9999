//! The local draft, kept in IndexedDB (src/idb.rs) so that it survives a reload,
//! and never lost:
//! - each tab keeps its own draft: a reload shows the tab's own text even when
//!   another tab has since kept another (the tab is known by an id in its
//!   sessionStorage); a new tab opens with the newest draft of any tab;
//! - a new text is written under a new key first; only once that write has
//!   committed do the records point to it and the tab's old text get deleted, so a
//!   failed write (quota) leaves the previous draft as it was;
//! - a text above `DRAFT_MAX` (30 MB) is not written at all, and the previous
//!   draft stays (the page says so);
//! - writes run one at a time, and only the newest waiting one runs (typing fast
//!   does not queue a copy of the text per keystroke);
//! - a draft kept by an earlier version in localStorage is moved here once;
//! - drafts of tabs closed long ago and texts no record points to are let go
//!   (src/stale_drafts.rs).

use crate::effects::Dispatch;
use crate::idb::{self, IdbError};
use gloo_storage::{LocalStorage, SessionStorage, Storage};
use planlens_web::state::{draft_fits, Action};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The head record: which key holds the newest draft of any tab.
const HEAD: &str = "draft";
/// Draft texts are kept under `draft/<n>`.
const PREFIX: &str = "draft/";
/// Each tab's record (`draft-tab/<tab id>`): which key holds its draft.
const TAB_PREFIX: &str = "draft-tab/";
/// The tab's id, in its sessionStorage (kept over reloads of the tab, not shared).
const SS_TAB: &str = "planlens.tab";
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
    /// The tab that wrote it; absent in an earlier version's record (the text is
    /// then no tab's own, and the next write lets it go).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tab: Option<String>,
    /// When it was written (ms since 1970), for letting old tabs' drafts go.
    #[serde(default)]
    at: u64,
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

/// This tab's id, made on first use; `None` without sessionStorage (then every
/// tab shares the newest draft, as before tabs had their own).
fn tab_id() -> Option<String> {
    let ss = SessionStorage::raw();
    if let Ok(Some(id)) = ss.get_item(SS_TAB) {
        return Some(id);
    }
    let id = format!(
        "{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e9) as u32
    );
    ss.set_item(SS_TAB, &id).ok().map(|_| id)
}

fn tab_key(tab: &str) -> String {
    format!("{TAB_PREFIX}{tab}")
}

/// The draft in storage: this tab's own, else the newest of any tab (after moving
/// one from localStorage, if any).
pub async fn load() -> Draft {
    let own = match tab_id() {
        Some(tab) => idb::get_json::<Head>(&tab_key(&tab)).await.ok().flatten(),
        None => None,
    };
    for head in [own, idb::get_json::<Head>(HEAD).await.ok().flatten()]
        .into_iter()
        .flatten()
    {
        if let Ok(Some(d)) = idb::get_json::<Draft>(&head.key).await {
            return d;
        }
    }
    migrate().await.unwrap_or_default()
}

/// Let go of the drafts of tabs closed long ago and of texts no record points to.
async fn tidy() -> Result<(), IdbError> {
    let keys = idb::keys().await?;
    let newest = idb::get_json::<Head>(HEAD).await?.map(|h| h.key);
    let mut tabs = vec![];
    for k in keys.iter().filter(|k| k.starts_with(TAB_PREFIX)) {
        if let Some(h) = idb::get_json::<Head>(k).await? {
            tabs.push((k.clone(), h.key, h.at));
        }
    }
    let texts: Vec<String> = keys.into_iter().filter(|k| k.starts_with(PREFIX)).collect();
    let stale = planlens_web::stale_drafts::stale(
        js_sys::Date::now() as u64,
        newest.as_deref(),
        &tabs,
        &texts,
    );
    for k in stale {
        idb::delete(&k).await?;
    }
    Ok(())
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

/// Write the new text, then point the tab's record and the head at it, then delete
/// the tab's old text (and an earlier version's, which is no tab's own).
async fn write(text: &str, name: Option<String>) -> Result<(), IdbError> {
    let tab = tab_id();
    let own_old = match &tab {
        Some(t) => idb::get_json::<Head>(&tab_key(t)).await.ok().flatten(),
        None => None,
    };
    let head_old = idb::get_json::<Head>(HEAD).await.ok().flatten();
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
    let head = Head {
        key: key.clone(),
        tab: tab.clone(),
        at: js_sys::Date::now() as u64,
    };
    if let Some(t) = &tab {
        idb::put_json(&tab_key(t), &head).await?;
    }
    idb::put_json(HEAD, &head).await?;
    // Without tabs (no sessionStorage) the head's old text was this page's own.
    let no_ones = |h: &Head| h.tab.is_none() || tab.is_none();
    for old in [own_old, head_old.filter(no_ones)].into_iter().flatten() {
        if old.key != key {
            let _ = idb::delete(&old.key).await;
        }
    }
    Ok(())
}

/// Forget this tab's draft (and the head, when it points to it).
async fn forget() -> Result<(), IdbError> {
    let tab = tab_id();
    let own = match &tab {
        Some(t) => idb::get_json::<Head>(&tab_key(t)).await?,
        None => None,
    };
    let head = idb::get_json::<Head>(HEAD).await?;
    if let Some(own) = &own {
        if let Some(t) = &tab {
            idb::delete(&tab_key(t)).await?;
        }
        idb::delete(&own.key).await?;
    }
    if let Some(head) = head {
        let ours = own.as_ref().is_some_and(|o| o.key == head.key);
        if ours || head.tab.is_none() || tab.is_none() {
            idb::delete(HEAD).await?;
            idb::delete(&head.key).await?;
        }
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
        let _ = tidy().await;
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
