//! Analysis off the main thread.
//!
//! The page spawns a module worker from a small blob script that imports the same
//! wasm-bindgen glue and instantiates the *same* compiled `WebAssembly.Module`
//! (`wasm_bindgen::module()`), so nothing is downloaded twice and it works from
//! `file://` too (the single-file build hands the glue over as a blob URL).
//! If a worker cannot be had, the job runs on the main thread after the progress
//! message has been painted.

use planlens_core::{Analysis, SourceInfo};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What to analyse.
pub enum Job {
    Text {
        text: String,
        name: Option<String>,
        format: String,
    },
    Bytes {
        bytes: Vec<u8>,
        name: String,
    },
    /// A PDF's text pieces from pdf.js (www/pdf-text.js), for the core's PDF decoder.
    PdfJson {
        json: String,
        name: String,
    },
}

/// The analysis and the exact text its spans refer to.
pub struct Outcome {
    pub analysis: Analysis,
    pub text: String,
}

pub fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn set(obj: &js_sys::Object, key: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), v);
}

/// Analyse pasted text (both bins: the worker, and the page's fallback).
pub fn compute_text(text: String, name: Option<String>, format: String) -> Outcome {
    let source = SourceInfo {
        name,
        format,
        ..SourceInfo::default()
    };
    let analysis = planlens_core::analyze_source(&text, source);
    Outcome { analysis, text }
}

// The worker side (message handler, decoding) is in src/bin/planlens-worker.rs.

// ------------------------------------------------------------------ page side

const BOOT: &str = r#"let handle; const queue = [];
self.onmessage = async (e) => {
  const d = e.data;
  if (d && d.boot) {
    try {
      const glue = await import(d.boot.glue);
      await glue.default({ module_or_path: d.boot.module });
      handle = self.__planlens_handle;
      self.postMessage({ booted: true });
      for (const x of queue.splice(0)) handle(x);
    } catch (err) {
      self.postMessage({ bootError: String((err && err.message) || err) });
    }
    return;
  }
  if (handle) handle(d); else queue.push(d);
};"#;

/// Boot of a classic worker whose script is the glue itself (made non-module by
/// scripts/pack.mjs): the single file opened from file://, where Chromium refuses
/// module workers.
const BOOT_CLASSIC: &str = r#"
let handle; const queue = [];
self.onmessage = (e) => {
  const d = e.data;
  if (d && d.boot) {
    __wbg_init({ module_or_path: d.boot.module }).then(() => {
      handle = self.__planlens_handle;
      self.postMessage({ booted: true });
      for (const x of queue.splice(0)) handle(x);
    }, (err) => self.postMessage({ bootError: String((err && err.message) || err) }));
    return;
  }
  if (handle) handle(d); else queue.push(d);
};"#;

type Pending = HashMap<u32, (js_sys::Function, js_sys::Function, Rc<dyn Fn(String)>)>;

struct Client {
    worker: web_sys::Worker,
    pending: Rc<RefCell<Pending>>,
    next: u32,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Set once the worker failed to start: later jobs go straight to the fallback.
    static BROKEN: RefCell<bool> = const { RefCell::new(false) };
}

/// A file next to index.html, as an absolute URL.
fn beside_page(name: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(name, &base)
        .ok()
        .map(|u| u.href())
}

/// The analysis worker is its own wasm (`planlens-worker`, src/bin): the hosted
/// page loads `planlens-worker.js` + `planlens-worker_bg.wasm`; the single file
/// (scripts/pack.mjs) hands over the glue as a classic script and the wasm bytes.
fn spawn() -> Result<Client, JsValue> {
    let global = js_sys::global();
    let classic = get(&global, "__planlensWorkerGlue").as_string();
    let glue = if classic.is_some() {
        String::new()
    } else {
        beside_page("planlens-worker.js").ok_or_else(|| JsValue::from_str("no base URL"))?
    };
    let module = match get(&global, "__planlensWorkerWasm") {
        v if v.is_object() => v,
        _ => JsValue::from_str(
            &beside_page("planlens-worker_bg.wasm")
                .ok_or_else(|| JsValue::from_str("no base URL"))?,
        ),
    };
    let parts = match &classic {
        Some(src) => js_sys::Array::of2(&JsValue::from_str(src), &JsValue::from_str(BOOT_CLASSIC)),
        None => js_sys::Array::of1(&JsValue::from_str(BOOT)),
    };
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(if classic.is_some() {
        web_sys::WorkerType::Classic
    } else {
        web_sys::WorkerType::Module
    });
    opts.set_name("planlens-analysis");
    let worker = web_sys::Worker::new_with_options(&url, &opts)?;
    let pending: Rc<RefCell<Pending>> = Rc::default();

    let p = pending.clone();
    let onmessage =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if get(&data, "booted").as_bool() == Some(true) {
                mark_worker("ready");
                return;
            }
            if let Some(err) = get(&data, "bootError").as_string() {
                fail_all(&p, &format!("worker: {err}"));
                return;
            }
            let Some(id) = get(&data, "id").as_f64().map(|x| x as u32) else {
                return;
            };
            if let Some(stage) = get(&data, "stage").as_string() {
                if let Some((_, _, progress)) = p.borrow().get(&id) {
                    progress(stage);
                }
                return;
            }
            if let Some((resolve, _, _)) = p.borrow_mut().remove(&id) {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let p = pending.clone();
    let onerror = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        let msg = get(&e, "message")
            .as_string()
            .unwrap_or_else(|| "worker error".into());
        fail_all(&p, &msg);
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();

    let boot = js_sys::Object::new();
    let inner = js_sys::Object::new();
    set(&inner, "glue", &JsValue::from_str(&glue));
    set(&inner, "module", &module);
    set(&boot, "boot", &inner);
    worker.post_message(&boot)?;
    Ok(Client {
        worker,
        pending,
        next: 1,
    })
}

/// `<html data-planlens-worker="ready|fallback">`: which path analyses (for diagnostics).
fn mark_worker(state: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("data-planlens-worker", state);
    }
}

/// The worker broke: reject what is waiting (those jobs rerun on the main thread).
fn fail_all(p: &Rc<RefCell<Pending>>, why: &str) {
    BROKEN.with(|b| *b.borrow_mut() = true);
    mark_worker("fallback");
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("data-planlens-worker-error", why);
    }
    let drained: Vec<_> = p.borrow_mut().drain().collect();
    for (_, (_, reject, _)) in drained {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(why));
    }
}

fn job_to_js(job: &Job, id: u32) -> (js_sys::Object, js_sys::Array) {
    let m = js_sys::Object::new();
    let transfer = js_sys::Array::new();
    set(&m, "id", &JsValue::from(id));
    match job {
        Job::Text { text, name, format } => {
            set(&m, "kind", &"text".into());
            set(&m, "text", &JsValue::from_str(text));
            if let Some(n) = name {
                set(&m, "name", &JsValue::from_str(n));
            }
            set(&m, "format", &JsValue::from_str(format));
        }
        Job::PdfJson { json, name } => {
            set(&m, "kind", &"pdf".into());
            set(&m, "json", &JsValue::from_str(json));
            set(&m, "name", &JsValue::from_str(name));
        }
        Job::Bytes { bytes, name } => {
            set(&m, "kind", &"bytes".into());
            let arr = js_sys::Uint8Array::from(bytes.as_slice());
            transfer.push(&arr.buffer());
            set(&m, "bytes", &arr);
            set(&m, "name", &JsValue::from_str(name));
        }
    }
    (m, transfer)
}

async fn via_worker(
    job: &Job,
    progress: Rc<dyn Fn(String)>,
) -> Result<Result<Outcome, String>, JsValue> {
    if BROKEN.with(|b| *b.borrow()) {
        return Err(JsValue::from_str("worker unavailable"));
    }
    let promise = CLIENT.with(|c| -> Result<js_sys::Promise, JsValue> {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(spawn()?);
        }
        let client = c.as_mut().unwrap();
        let id = client.next;
        client.next += 1;
        let pending = client.pending.clone();
        let mut slot = None;
        let promise = js_sys::Promise::new(&mut |resolve, reject| slot = Some((resolve, reject)));
        let (resolve, reject) = slot.unwrap();
        pending.borrow_mut().insert(id, (resolve, reject, progress));
        let (msg, transfer) = job_to_js(job, id);
        client.worker.post_message_with_transfer(&msg, &transfer)?;
        Ok(promise)
    });
    let promise = match promise {
        Ok(p) => p,
        Err(e) => {
            BROKEN.with(|b| *b.borrow_mut() = true);
            mark_worker("fallback");
            return Err(e);
        }
    };
    let data = JsFuture::from(promise).await?;
    if get(&data, "ok").as_bool() == Some(true) {
        let json = get(&data, "json").as_string().unwrap_or_default();
        let analysis: Analysis =
            serde_json::from_str(&json).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let text = get(&data, "text").as_string().unwrap_or_default();
        Ok(Ok(Outcome { analysis, text }))
    } else {
        Ok(Err(get(&data, "error")
            .as_string()
            .unwrap_or_else(|| "分析失败".into())))
    }
}

/// Lets the browser paint (a macrotask), so a progress message shows before
/// blocking work.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 16);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Start the worker early (after the page is shown), so its wasm is ready by
/// the first analysis.
pub fn prewarm() {
    if BROKEN.with(|b| *b.borrow()) {
        return;
    }
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            match spawn() {
                Ok(client) => *c = Some(client),
                Err(_) => {
                    BROKEN.with(|b| *b.borrow_mut() = true);
                    mark_worker("fallback");
                }
            }
        }
    });
}

/// Analyse a job: in the worker when there is one, else (pasted text only) on
/// this thread.
pub async fn run(job: Job, progress: Rc<dyn Fn(String)>) -> Result<Outcome, String> {
    match via_worker(&job, progress.clone()).await {
        Ok(result) => result,
        Err(_) => match job {
            Job::Text { text, name, format } => {
                // Fallback: same work here, in one go, after the progress is shown.
                progress("analyzing".into());
                yield_to_browser().await;
                Ok(compute_text(text, name, format))
            }
            _ => Err(
                "浏览器未能启动后台分析线程,无法读取文件:请把文件内容复制粘贴到输入框中。".into(),
            ),
        },
    }
}
