//! A small typed key/value store on IndexedDB: one database (`planlens`), one object
//! store (`kv`), values as structured-clone JS values or as serde types.
//!
//! Every write resolves only once its transaction has *committed* (the `complete`
//! event), so a caller can keep the old value until the new one is safely stored.
//! A write refused for lack of space is `IdbError::QuotaExceeded`. Used by the
//! draft (src/drafts.rs), the corrections and 最近的分析 (src/store.rs) and the merged
//! unit names (src/alias_store.rs), each kind under its own key prefix.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const DB_NAME: &str = "planlens";
const DB_VERSION: u32 = 1;
const STORE: &str = "kv";

#[derive(Debug, Clone, PartialEq)]
pub enum IdbError {
    /// No IndexedDB (private mode in some browsers, a sandboxed frame).
    Unavailable,
    /// The browser refused the write for lack of space.
    QuotaExceeded,
    /// Anything else, with the browser's name for it (not for the user).
    Other(String),
}

thread_local! {
    static DB: RefCell<Option<web_sys::IdbDatabase>> = const { RefCell::new(None) };
}

fn error_of(v: &JsValue) -> IdbError {
    let name = js_sys::Reflect::get(v, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        IdbError::QuotaExceeded
    } else if name.is_empty() {
        IdbError::Other(format!("{v:?}"))
    } else {
        IdbError::Other(name)
    }
}

/// A promise settled by the request's success (its result) or error.
fn request_promise(req: &web_sys::IdbRequest) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let err = Closure::once_into_js(move || {
            let e = r
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(err.unchecked_ref()));
    })
}

/// A promise resolved when the transaction commits, rejected when it aborts.
fn commit_promise(tx: &web_sys::IdbTransaction) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let reject2 = reject.clone();
        let abort = Closure::once_into_js(move || {
            let e = t.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        let t = tx.clone();
        let error = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            // an error event is followed by abort unless prevented; report it at once
            let err = t.error().map(JsValue::from).unwrap_or_else(|| e.into());
            let _ = reject2.call1(&JsValue::NULL, &err);
        });
        tx.set_oncomplete(Some(done.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
        tx.set_onerror(Some(error.as_ref().unchecked_ref()));
        error.forget();
    })
}

async fn open() -> Result<web_sys::IdbDatabase, IdbError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(IdbError::Unavailable)?;
    let req = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(|_| IdbError::Unavailable)?;
    let r = req.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Ok(db) = r
            .result()
            .and_then(|v| v.dyn_into::<web_sys::IdbDatabase>())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db: web_sys::IdbDatabase = JsFuture::from(request_promise(&req))
        .await
        .map_err(|e| error_of(&e))?
        .dyn_into()
        .map_err(|_| IdbError::Unavailable)?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn store(
    db: &web_sys::IdbDatabase,
    mode: web_sys::IdbTransactionMode,
) -> Result<(web_sys::IdbTransaction, web_sys::IdbObjectStore), IdbError> {
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(|e| error_of(&e))?;
    let store = tx.object_store(STORE).map_err(|e| error_of(&e))?;
    Ok((tx, store))
}

/// The value under `key`, if any.
pub async fn get(key: &str) -> Result<Option<JsValue>, IdbError> {
    let db = open().await?;
    let (_tx, store) = store(&db, web_sys::IdbTransactionMode::Readonly)?;
    let req = store
        .get(&JsValue::from_str(key))
        .map_err(|e| error_of(&e))?;
    let v = JsFuture::from(request_promise(&req))
        .await
        .map_err(|e| error_of(&e))?;
    Ok((!v.is_undefined()).then_some(v))
}

/// Store `value` under `key`; resolves once committed.
pub async fn put(key: &str, value: &JsValue) -> Result<(), IdbError> {
    let db = open().await?;
    let (tx, store) = store(&db, web_sys::IdbTransactionMode::Readwrite)?;
    let committed = commit_promise(&tx);
    store
        .put_with_key(value, &JsValue::from_str(key))
        .map_err(|e| error_of(&e))?;
    JsFuture::from(committed)
        .await
        .map(|_| ())
        .map_err(|e| error_of(&e))
}

/// Every key in the store (strings only).
pub async fn keys() -> Result<Vec<String>, IdbError> {
    let db = open().await?;
    let (_tx, store) = store(&db, web_sys::IdbTransactionMode::Readonly)?;
    let req = store.get_all_keys().map_err(|e| error_of(&e))?;
    let v = JsFuture::from(request_promise(&req))
        .await
        .map_err(|e| error_of(&e))?;
    Ok(js_sys::Array::from(&v)
        .iter()
        .filter_map(|k| k.as_string())
        .collect())
}

/// Remove `key` (nothing happens when it is absent); resolves once committed.
pub async fn delete(key: &str) -> Result<(), IdbError> {
    let db = open().await?;
    let (tx, store) = store(&db, web_sys::IdbTransactionMode::Readwrite)?;
    let committed = commit_promise(&tx);
    store
        .delete(&JsValue::from_str(key))
        .map_err(|e| error_of(&e))?;
    JsFuture::from(committed)
        .await
        .map(|_| ())
        .map_err(|e| error_of(&e))
}

/// The value under `key` as a serde type (`None` when absent or of another shape).
/// Read through `JSON.stringify` and serde_json, so the page links no
/// serde-wasm-bindgen deserializer (the stored value is the plain object `put_json`
/// writes).
pub async fn get_json<T: DeserializeOwned>(key: &str) -> Result<Option<T>, IdbError> {
    Ok(get(key).await?.and_then(|v| {
        let json = js_sys::JSON::stringify(&v).ok()?.as_string()?;
        serde_json::from_str(&json).ok()
    }))
}

/// Store a serde value under `key` (as a plain JS object); resolves once committed.
pub async fn put_json<T: Serialize>(key: &str, value: &T) -> Result<(), IdbError> {
    let v = serde_wasm_bindgen::to_value(value).map_err(|e| IdbError::Other(e.to_string()))?;
    put(key, &v).await
}

/// A text value kept under `key` (JSON written by the app), or `None`.
pub async fn get_text(key: &str) -> Result<Option<String>, IdbError> {
    Ok(get(key).await?.and_then(|v| v.as_string()))
}

/// The text under `key`; when there is none, the value an earlier version kept in
/// localStorage under `old_key` is moved here (removed there only once this has
/// committed, so a failed move loses nothing).
pub async fn get_text_or_move(key: &str, old_key: &str) -> Result<Option<String>, IdbError> {
    if let Some(v) = get_text(key).await? {
        return Ok(Some(v));
    }
    let local = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    let Some(old) = local
        .as_ref()
        .and_then(|l| l.get_item(old_key).ok().flatten())
    else {
        return Ok(None);
    };
    if put(key, &JsValue::from_str(&old)).await.is_ok() {
        if let Some(l) = &local {
            let _ = l.remove_item(old_key);
        }
    }
    Ok(Some(old))
}
