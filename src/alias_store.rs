//! Where the merged unit names are kept: localStorage, one small JSON value
//! (`planlens-aliases/1`). The rest of the app sees only `load`, `use_alias_storage`
//! and the file export / import, so the list can move to IndexedDB without changes
//! elsewhere.

use crate::effects::Dispatch;
use crate::files::download;
use gloo_storage::{LocalStorage, Storage};
use planlens_web::aliases::AliasList;
use planlens_web::state::{Action, State};
use yew::prelude::*;

const KEY: &str = "planlens.aliases.v1";

/// The kept list (empty when there is none or it cannot be read).
pub fn load() -> AliasList {
    LocalStorage::raw()
        .get_item(KEY)
        .ok()
        .flatten()
        .and_then(|s| AliasList::from_json(&s).ok())
        .unwrap_or_default()
}

/// Keep the list whenever it changes.
#[hook]
pub fn use_alias_storage(state: &State) {
    let list = state.aliases.clone();
    use_effect_with(list, move |list| {
        if list.is_empty() {
            LocalStorage::delete(KEY);
        } else {
            let _ = LocalStorage::raw().set_item(KEY, &list.to_json());
        }
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
