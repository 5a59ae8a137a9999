//! `window.planlens`: the JS API every build of the page sets.
//!
//! - `planlens.analyze(text)` → the plan-analysis/1 object (as the CLI's `--json`;
//!   line ends normalised to LF first, so spans index that text);
//! - `planlens.current()` → the analysis on screen with the user's corrections
//!   applied (`edited: true` on corrected rows; the JSON export's document), or
//!   `null` before one is shown;
//! - `planlens.version`, `planlens.schema`;
//! - a `planlens-ready` event on `window` once they are usable.

use planlens_core::Analysis;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    static CURRENT: RefCell<Option<Rc<Analysis>>> = const { RefCell::new(None) };
}

/// What `planlens.current()` returns from now on.
pub fn set_current(a: Option<Rc<Analysis>>) {
    CURRENT.with(|c| *c.borrow_mut() = a);
}

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The analysis as a plain JS object, the same shape as the CLI's JSON
/// (`null` for missing values, plain objects, numbers).
pub fn to_js(analysis: &Analysis) -> JsValue {
    analysis
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();

    let analyze = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(|text: JsValue| {
        let text = text
            .as_string()
            .ok_or_else(|| js_sys::Error::new("planlens.analyze 需要一个字符串参数"))?;
        // Line ends as a .txt file's are read, so spans match the CLI's on the same text.
        Ok(to_js(&planlens_core::analyze(
            &planlens_core::normalize_text(&text),
        )))
    });
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&api, &JsValue::from_str(k), v);
    };
    let current = Closure::<dyn Fn() -> JsValue>::new(|| {
        CURRENT.with(|c| c.borrow().as_deref().map_or(JsValue::NULL, to_js))
    });
    set("analyze", analyze.as_ref());
    set("current", current.as_ref());
    current.forget();
    set("version", &JsValue::from_str(VERSION));
    set("schema", &JsValue::from_str(planlens_core::SCHEMA));
    analyze.forget();
    let _ = js_sys::Object::freeze(&api);
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str("planlens"), &api);

    let init = web_sys::CustomEventInit::new();
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"version".into(), &JsValue::from_str(VERSION));
    init.set_detail(&detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict("planlens-ready", &init) {
        let _ = window.dispatch_event(&ev);
    }
}
