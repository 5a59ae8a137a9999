//! `?embed=1`: the page inside an iframe, driven by its host through postMessage.
//!
//! Protocol `planlens-embed/1` (every message carries `protocol: "planlens-embed/1"`):
//! - page → host `{type: "ready", version}` once it can take work (sent to any
//!   origin: it carries no data);
//! - host → page `{type: "analyze", id?, text, name?}`;
//! - page → host `{type: "result", id, analysis}` (plan-analysis/1) or
//!   `{type: "error", id, message}`, sent only to the origin that asked.
//!
//! A message from an origin outside the allowlist is not acted on: the page warns in
//! its console and, for an `analyze` message, answers `{type: "error", id, code:
//! "origin_not_allowed", message}` (no data), so a host's promise rejects instead of
//! waiting. The allowlist is the page's own origin plus
//! `<meta name="planlens-embed-origins" content="…">` (space-separated origins, `*`
//! for any). Results carry `span16` beside the spans (see src/api.rs).

use crate::api::{to_js_host, VERSION};
use crate::effects::Dispatch;
use crate::worker;
use planlens_web::protocol::{Job, Stage};
use planlens_web::state::Action;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub const PROTOCOL: &str = "planlens-embed/1";

fn allowed_origins() -> Vec<String> {
    let mut out = vec![];
    let Some(window) = web_sys::window() else {
        return out;
    };
    if let Ok(o) = window.location().origin() {
        if o != "null" {
            out.push(o);
        }
    }
    if let Some(doc) = window.document() {
        if let Ok(Some(meta)) = doc.query_selector("meta[name=planlens-embed-origins]") {
            if let Some(c) = meta.get_attribute("content") {
                out.extend(
                    c.split_whitespace()
                        .map(|s| s.trim_end_matches('/').to_string()),
                );
            }
        }
    }
    out
}

fn message(kind: &str) -> js_sys::Object {
    let m = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&m, &"protocol".into(), &PROTOCOL.into());
    let _ = js_sys::Reflect::set(&m, &"type".into(), &kind.into());
    m
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// An `analyze` message from an origin not in the allowlist: a console warning, and
/// an error answer that carries no data (an opaque `null` origin is answered on `*`).
fn refuse(e: &web_sys::MessageEvent, origin: &str, data: &JsValue) {
    let text = format!(
        "planlens:拒绝来自 {origin} 的 analyze 消息:该来源不在允许列表中(index.html 的 <meta name=\"planlens-embed-origins\">,见 docs/web.md)。"
    );
    web_sys::console::warn_1(&JsValue::from_str(&text));
    let Some(source) = e
        .source()
        .filter(|s| s.is_object())
        .map(|s| s.unchecked_into::<web_sys::Window>())
    else {
        return;
    };
    let m = message("error");
    let _ = js_sys::Reflect::set(&m, &"id".into(), &get(data, "id"));
    let _ = js_sys::Reflect::set(&m, &"code".into(), &"origin_not_allowed".into());
    let _ = js_sys::Reflect::set(&m, &"message".into(), &JsValue::from_str(&text));
    let target = if origin == "null" { "*" } else { origin };
    let _ = source.post_message(&m, target);
}

pub fn start(dispatch: Dispatch) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let allowed = Rc::new(allowed_origins());
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let origin = e.origin();
            let data = e.data();
            if get(&data, "protocol").as_string().as_deref() != Some(PROTOCOL)
                || get(&data, "type").as_string().as_deref() != Some("analyze")
            {
                return;
            }
            if !allowed.iter().any(|a| a == "*" || *a == origin) {
                refuse(&e, &origin, &data);
                return;
            }
            // The sender's WindowProxy belongs to another realm: `instanceof Window`
            // fails across frames, so no checked cast.
            let Some(source) = e
                .source()
                .filter(|s| s.is_object())
                .map(|s| s.unchecked_into::<web_sys::Window>())
            else {
                return;
            };
            let id = get(&data, "id");
            let name = get(&data, "name").as_string();
            let dispatch = dispatch.clone();
            let Some(text) = get(&data, "text").as_string() else {
                let m = message("error");
                let _ = js_sys::Reflect::set(&m, &"id".into(), &id);
                let _ = js_sys::Reflect::set(
                    &m,
                    &"message".into(),
                    &"analyze 消息需要 text 字符串".into(),
                );
                let _ = source.post_message(&m, &origin);
                return;
            };
            dispatch.dispatch(Action::Start {
                stage: Stage::Analyzing,
                name: name.clone(),
            });
            wasm_bindgen_futures::spawn_local(async move {
                let d = dispatch.clone();
                let progress: Rc<dyn Fn(Stage)> =
                    Rc::new(move |s: Stage| d.dispatch(Action::Progress(s)));
                let job = Job::Text {
                    text,
                    name: name.clone(),
                };
                match worker::run(job, progress).await {
                    Ok(out) => {
                        let m = message("result");
                        let _ = js_sys::Reflect::set(&m, &"id".into(), &id);
                        let analysis = to_js_host(&out.analysis, &out.text);
                        let _ = js_sys::Reflect::set(&m, &"analysis".into(), &analysis);
                        let _ = source.post_message(&m, &origin);
                        dispatch.dispatch(Action::Done {
                            text: out.text,
                            analysis: Box::new(out.analysis),
                            name,
                        });
                    }
                    Err(msg) => {
                        let m = message("error");
                        let _ = js_sys::Reflect::set(&m, &"id".into(), &id);
                        let _ =
                            js_sys::Reflect::set(&m, &"message".into(), &JsValue::from_str(&msg));
                        let _ = source.post_message(&m, &origin);
                        dispatch.dispatch(Action::Fail(msg));
                    }
                }
            });
        });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();

    if let Ok(Some(parent)) = window.parent() {
        let ready = message("ready");
        let _ = js_sys::Reflect::set(&ready, &"version".into(), &VERSION.into());
        let _ = parent.post_message(&ready, "*");
    }
}
