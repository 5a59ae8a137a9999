//! `window.planlens`: the JS API every build of the page sets.
//!
//! - `planlens.analyze(text)` → a Promise of the plan-analysis/1 object (as the CLI's
//!   `--json`; line ends normalised to LF first, so spans index that text), analysed
//!   in the analysis worker (src/worker.rs; the page links no analysis); it never
//!   touches what the app shows; rejected with an `Error` whose message is Chinese;
//! - `planlens.current()` → the analysis on screen with the user's corrections and
//!   merged unit names applied (`edited: true` on corrected rows; the JSON export's
//!   document), or `null` before one is shown;
//! - measures and targets carry `span16` (and measures `note_span16`) beside `span`:
//!   the same passage in UTF-16 code units, so `text.slice(span16[0], span16[1])` finds
//!   it in a JS string (src/span16.rs); types in `planlens.d.ts`;
//! - `planlens.version`, `planlens.schema`;
//! - a `planlens-ready` event on `window` once they are usable.

use planlens_core::Analysis;
use planlens_web::span16;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// What `planlens.current()` returns: the analysis on screen and its text.
    static CURRENT: RefCell<Option<(Rc<Analysis>, Rc<str>)>> = const { RefCell::new(None) };
}

/// The app tells the API what is on screen.
pub fn set_current(analysis: Option<Rc<Analysis>>, text: Option<Rc<str>>) {
    CURRENT.with(|c| *c.borrow_mut() = analysis.zip(text));
}

/// The analysis for a JS host: plan-analysis/1 with `span16` (and `note_span16`)
/// beside the spans of measures and targets, set on the JS objects.
pub fn to_js_host(analysis: &Analysis, text: &str) -> JsValue {
    // JSON text parsed by the browser: the same object serde-wasm-bindgen's
    // json_compatible serializer would build, without linking a second serializer of
    // the analysis (serde_json's is there already).
    let v = serde_json::to_string(analysis)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL);
    let offsets = span16::offsets(text);
    let spans = |item: &JsValue, to: &str, span: Option<[usize; 2]>| {
        if let Some(span) = span {
            let [a, b] = span16::convert(&offsets, span);
            let arr = js_sys::Array::of2(&(a as f64).into(), &(b as f64).into());
            let _ = js_sys::Reflect::set(item, &JsValue::from_str(to), &arr);
        }
    };
    let list = |key: &str| -> js_sys::Array {
        js_sys::Reflect::get(&v, &JsValue::from_str(key))
            .map(|x| js_sys::Array::from(&x))
            .unwrap_or_default()
    };
    for (item, m) in list("measures").iter().zip(&analysis.measures) {
        spans(&item, "span16", Some(m.span));
        spans(&item, "note_span16", m.note_span);
    }
    for (item, t) in list("targets").iter().zip(&analysis.targets) {
        spans(&item, "span16", Some(t.span));
    }
    v
}

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();

    let analyze = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(|text: JsValue| {
        wasm_bindgen_futures::future_to_promise(async move {
            let text = text
                .as_string()
                .ok_or_else(|| js_sys::Error::new("planlens.analyze 需要一个字符串参数"))?;
            match crate::worker::analyze_api(text).await {
                Ok(out) => Ok(to_js_host(&out.analysis, &out.text)),
                Err(message) => Err(js_sys::Error::new(&format!("分析失败:{message}")).into()),
            }
        })
    });
    let current = Closure::<dyn Fn() -> JsValue>::new(|| {
        CURRENT.with(|c| {
            c.borrow()
                .as_ref()
                .map_or(JsValue::NULL, |(a, t)| to_js_host(a, t))
        })
    });
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&api, &JsValue::from_str(k), v);
    };
    set("analyze", analyze.as_ref());
    set("current", current.as_ref());
    set("version", &JsValue::from_str(VERSION));
    set("schema", &JsValue::from_str(planlens_core::SCHEMA));
    analyze.forget();
    current.forget();
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
