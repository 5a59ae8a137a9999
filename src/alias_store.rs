//! Where the merged unit names are kept: IndexedDB (src/idb.rs), one small JSON
//! value (`planlens-aliases/1`), moved over from localStorage where an earlier
//! version kept it. The rest of the app sees only `use_alias_load`,
//! `use_alias_storage` and the file export / import.

use crate::effects::Dispatch;
use crate::files::download;
use crate::idb;
use planlens_web::aliases::AliasList;
use planlens_web::state::{Action, State};
use std::cell::Cell;
use yew::prelude::*;

const KEY: &str = "aliases";
const LS_KEY: &str = "planlens.aliases.v1";

thread_local! {
    /// Set once the kept list has been read: until then the (still empty) list in
    /// the state must not overwrite it.
    static LOADED: Cell<bool> = const { Cell::new(false) };
}

/// Read the kept list once at start and merge it into the state's.
#[hook]
pub fn use_alias_load(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let list = idb::get_text_or_move(KEY, LS_KEY)
                .await
                .ok()
                .flatten()
                .and_then(|s| AliasList::from_json(&s).ok());
            LOADED.with(|l| l.set(true));
            if let Some(list) = list {
                dispatch.dispatch(Action::ImportAliases(list));
            }
        });
    });
}

/// Keep the list whenever it changes (after it has been read).
#[hook]
pub fn use_alias_storage(state: &State) {
    let list = state.aliases.clone();
    use_effect_with(list, move |list| {
        if !LOADED.with(|l| l.get()) {
            return;
        }
        let json = (!list.is_empty()).then(|| list.to_json());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = match json {
                Some(json) => idb::put(KEY, &json.into()).await,
                None => idb::delete(KEY).await,
            };
        });
    });
}

/// 导出合并表: the list as a JSON file.
pub fn export(list: &AliasList) {
    if download(
        list.to_json().as_bytes(),
        "planlens-单位名称合并表.json",
        "application/json",
    )
    .is_err()
    {
        alert("导出失败,请重试。");
    }
}

/// 导入合并表: a JSON file exported here (or by another office) is merged in.
pub fn import(dispatch: Dispatch, file: web_sys::File) {
    wasm_bindgen_futures::spawn_local(async move {
        let file = gloo_file::File::from(file);
        match gloo_file::futures::read_as_text(&file).await {
            Ok(text) => match AliasList::from_json(&text) {
                Ok(list) => dispatch.dispatch(Action::ImportAliases(list)),
                Err(message) => alert(&message),
            },
            Err(_) => alert("无法读取该文件。"),
        }
    });
}

fn alert(message: &str) {
    let _ = web_sys::window().map(|w| w.alert_with_message(message));
}
