//! planlens-web: the browser app.
//!
//! This wasm serves two roles, chosen at start-up:
//! - in a page with `#planlens-root`: the yew app, plus the JS API;
//! - in any other page (a host page that loaded `embed.js`): the JS API only.
//!
//! Files are decoded and analysed in a dedicated worker, a second, separate wasm
//! (src/bin/planlens-worker.rs), so large documents never block the tab and the
//! decoders (encodings, .docx, .html, PDF) do not weigh on the first load.

//!
//! The state, reducer and other pure parts are the library (src/lib.rs); this
//! binary holds the browser parts: components, effects, files, the worker client.

#[cfg(target_arch = "wasm32")]
mod alias_store;
#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod drafts;
#[cfg(target_arch = "wasm32")]
mod effects;
#[cfg(target_arch = "wasm32")]
mod embed;
#[cfg(target_arch = "wasm32")]
mod export;
#[cfg(target_arch = "wasm32")]
mod files;
#[cfg(target_arch = "wasm32")]
mod idb;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("planlens-web 是浏览器应用:请用 scripts/run.sh(Trunk)构建,见 docs/web.md。");
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast as _;
    if js_sys::global().has_type::<web_sys::DedicatedWorkerGlobalScope>() {
        return; // the analysis worker is its own wasm: src/bin/planlens-worker.rs
    }
    api::install();
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    if let Some(root) = document.get_element_by_id("planlens-root") {
        // A page saved with "Save page as… complete" keeps the rendered DOM: start clean.
        root.set_text_content(None);
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
