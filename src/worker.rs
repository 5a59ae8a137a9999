//! Analysis off the main thread.
//!
//! The page spawns a module worker from a small blob script that imports the same
//! wasm-bindgen glue and instantiates the *same* compiled `WebAssembly.Module`
//! (`wasm_bindgen::module()`), so nothing is downloaded twice and it works from
//! `file://` too (the single-file build hands the glue over as a blob URL).
//! If a worker cannot be had, the job runs on the main thread after the progress
//! message has been painted.

use planlens_web::jobs::{self, Outcome};
use planlens_web::protocol::{Job, Reply, Request, Stage};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &js_sys::Object, key: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), v);
}

// ------------------------------------------------------------------ page side

const BOOT: &str = r#"let handle; const queue = [];
self.onmessage = async (e) => {
  const d = e.data;
  if (d && d.boot) {
    try {
      const glue = await import(d.boot.glue);
      await glue.default({ module_or_path: d.boot.module });
      handle = self.__planlens_handle;
      self.postMessage('booted');
      for (const x of queue.splice(0)) handle(x);
    } catch (err) {
      self.postMessage({ boot_failed: { message: String((err && err.message) || err) } });
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
      self.postMessage('booted');
      for (const x of queue.splice(0)) handle(x);
    }, (err) => self.postMessage({ boot_failed: { message: String((err && err.message) || err) } }));
    return;
  }
  if (handle) handle(d); else queue.push(d);
};"#;

/// Per job: the promise's resolve and reject, and where its stages go.
type Pending = HashMap<u32, (js_sys::Function, js_sys::Function, Rc<dyn Fn(Stage)>)>;

struct Client {
    worker: web_sys::Worker,
    pending: Rc<RefCell<Pending>>,
    next: u32,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Set once the worker failed to start: later jobs go straight to the fallback.
    static BROKEN: RefCell<bool> = const { RefCell::new(false) };
    /// Replies that arrived, until their job's future takes them.
    static REPLIES: RefCell<HashMap<u32, Reply>> = RefCell::new(HashMap::new());
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
            let Ok(reply) = serde_wasm_bindgen::from_value::<Reply>(e.data()) else {
                return;
            };
            match reply {
                Reply::Booted => mark_worker("ready"),
                Reply::BootFailed { message } => fail_all(&p, &format!("worker: {message}")),
                Reply::Stage { id, stage } => {
                    if let Some((_, _, progress)) = p.borrow().get(&id) {
                        progress(stage);
                    }
                }
                reply => {
                    let Some(id) = reply.id() else { return };
                    if let Some((resolve, _, _)) = p.borrow_mut().remove(&id) {
                        // hand the typed reply over to the waiting future
                        REPLIES.with(|r| r.borrow_mut().insert(id, reply));
                        let _ = resolve.call1(&JsValue::NULL, &JsValue::from(id));
                    }
                }
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

async fn via_worker(
    job: &Job,
    progress: Rc<dyn Fn(Stage)>,
) -> Result<Result<Outcome, String>, JsValue> {
    if BROKEN.with(|b| *b.borrow()) {
        return Err(JsValue::from_str("worker unavailable"));
    }
    let promise = CLIENT.with(|c| -> Result<(u32, js_sys::Promise), JsValue> {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(spawn()?);
        }
        let client = c.as_mut().ok_or("no worker")?;
        let id = client.next;
        client.next += 1;
        let pending = client.pending.clone();
        let mut slot = None;
        let promise = js_sys::Promise::new(&mut |resolve, reject| slot = Some((resolve, reject)));
        let (resolve, reject) = slot.ok_or("no promise")?;
        pending.borrow_mut().insert(id, (resolve, reject, progress));
        let request = Request {
            id,
            job: job.clone(),
        };
        let msg = serde_wasm_bindgen::to_value(&request)?;
        client.worker.post_message(&msg)?;
        Ok((id, promise))
    });
    let (id, promise) = match promise {
        Ok(p) => p,
        Err(e) => {
            BROKEN.with(|b| *b.borrow_mut() = true);
            mark_worker("fallback");
            return Err(e);
        }
    };
    JsFuture::from(promise).await?;
    match REPLIES.with(|r| r.borrow_mut().remove(&id)) {
        Some(Reply::Done { analysis, text, .. }) => Ok(Ok(Outcome {
            analysis: *analysis,
            text,
        })),
        Some(Reply::Failed { message, .. }) => Ok(Err(message)),
        _ => Ok(Err("分析失败".into())),
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
pub async fn run(job: Job, progress: Rc<dyn Fn(Stage)>) -> Result<Outcome, String> {
    match via_worker(&job, progress.clone()).await {
        Ok(result) => result,
        Err(_) => match job {
            Job::Text { text, name } => {
                // Fallback: same work here, in one go, after the progress is shown.
                progress(Stage::Analyzing);
                yield_to_browser().await;
                Ok(jobs::analyze_text(text, name))
            }
            _ => Err(
                "浏览器未能启动后台分析线程,无法读取文件:请把文件内容复制粘贴到输入框中。".into(),
            ),
        },
    }
}
