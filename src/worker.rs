//! Analysis off the main thread.
//!
//! The page spawns a module worker from a small blob script that imports the same
//! wasm-bindgen glue and instantiates the *same* compiled `WebAssembly.Module`
//! (`wasm_bindgen::module()`), so nothing is downloaded twice and it works from
//! `file://` too (the single-file build hands the glue over as a blob URL).
//! If a worker cannot be had, the worker's wasm is loaded on the main thread and
//! answers there (index.html `planlensRunHere`): the page's own wasm links no
//! analysis, which keeps it out of the first load.

use planlens_core::Target;
use planlens_web::jobs::{self, Outcome, Stopped};
use planlens_web::protocol::{Job, Reply, Request, Stage, TestHook};
use std::cell::{Cell, RefCell};
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
// A job that throws (a trap: out of memory, a bug) is reported as such: the page
// replaces the worker (an exception inside an async handler would not reach it).
const run = (d) => {
  try { handle(d); } catch (err) {
    self.postMessage({ crashed: { message: String((err && err.message) || err) } });
    self.close();
  }
};
self.onmessage = async (e) => {
  const d = e.data;
  if (d && d.boot) {
    try {
      const glue = await import(d.boot.glue);
      await glue.default({ module_or_path: d.boot.module });
      handle = self.__planlens_handle;
      self.postMessage('booted');
    } catch (err) {
      self.postMessage({ boot_failed: { message: String((err && err.message) || err) } });
      return;
    }
    for (const x of queue.splice(0)) run(x);
    return;
  }
  if (handle) run(d); else queue.push(d);
};"#;

/// Boot of a classic worker whose script is the glue itself (made non-module by
/// scripts/pack.mjs): the single file opened from file://, where Chromium refuses
/// module workers.
const BOOT_CLASSIC: &str = r#"
let handle; const queue = [];
const run = (d) => {
  try { handle(d); } catch (err) {
    self.postMessage({ crashed: { message: String((err && err.message) || err) } });
    self.close();
  }
};
self.onmessage = (e) => {
  const d = e.data;
  if (d && d.boot) {
    __wbg_init({ module_or_path: d.boot.module }).then(() => {
      handle = self.__planlens_handle;
      self.postMessage('booted');
      for (const x of queue.splice(0)) run(x);
    }, (err) => self.postMessage({ boot_failed: { message: String((err && err.message) || err) } }));
    return;
  }
  if (handle) run(d); else queue.push(d);
};"#;

/// A reply as the worker posted it (serde-wasm-bindgen's shape), read without serde's
/// derived deserializers of `Reply` and `Analysis` (src/reader.rs; the page links no
/// serde-wasm-bindgen deserializer either: smaller first load). The analysis and its
/// text, the large parts of `Reply::Done`, are taken as they are; the other (small)
/// replies go through `JSON.stringify`.
fn reply_of(data: &JsValue) -> Option<Reply> {
    let done = get(data, "done");
    if done.is_object() {
        let analysis = get(&done, "analysis").as_string()?;
        return Some(Reply::Done {
            id: get(&done, "id").as_f64()? as u32,
            analysis: Box::new(planlens_web::reader::analysis(&analysis)?),
            text: get(&done, "text").as_string()?,
        });
    }
    let file = get(data, "file");
    if file.is_object() {
        let bytes = get(&file, "bytes").dyn_into::<js_sys::Uint8Array>().ok()?;
        return Some(Reply::File {
            id: get(&file, "id").as_f64()? as u32,
            bytes: bytes.to_vec(),
        });
    }
    let json = js_sys::JSON::stringify(data).ok()?.as_string()?;
    planlens_web::reader::small_reply(&json)
}

/// Per job: the promise's resolve and reject, and where its stages go.
type Pending = HashMap<u32, (js_sys::Function, js_sys::Function, Rc<dyn Fn(Stage)>)>;

struct Client {
    worker: web_sys::Worker,
    pending: Rc<RefCell<Pending>>,
    /// Which worker this is: a timer or an error of a replaced worker is ignored.
    generation: u32,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Set once the worker failed to start: later jobs go straight to the fallback.
    static BROKEN: RefCell<bool> = const { RefCell::new(false) };
    /// Replies that arrived, until their job's future takes them.
    static REPLIES: RefCell<HashMap<u32, Reply>> = RefCell::new(HashMap::new());
    /// Workers spawned so far (the current one's generation).
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// Job ids stay unique across replaced workers.
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Bumped by every new job and by 取消: a job whose ticket is stale is not shown.
    static TICKET: Cell<u32> = const { Cell::new(0) };
}

/// A job's place in line: when a newer job started or 取消 was pressed, its result
/// is dropped instead of shown.
#[derive(Clone, Copy)]
pub struct Ticket(u32);

impl Ticket {
    pub fn take() -> Ticket {
        Ticket(TICKET.with(|t| {
            t.set(t.get().wrapping_add(1));
            t.get()
        }))
    }
    pub fn is_current(self) -> bool {
        TICKET.with(|t| t.get()) == self.0
    }
    /// Whether any job was started (or cancelled) since the page loaded.
    pub fn any_taken() -> bool {
        TICKET.with(|t| t.get()) != 0
    }
}
/// A file next to index.html (next to embed.js in a host page, which sets
/// `__planlensBase`), as an absolute URL.
fn beside_page(name: &str) -> Option<String> {
    let base = match get(&js_sys::global(), "__planlensBase").as_string() {
        Some(base) => base,
        None => web_sys::window()?.document()?.base_uri().ok()??,
    };
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
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    // Until its wasm has started, a failing worker means the browser cannot run it
    // (fall back); after, it crashed on a job (replace it).
    let booted = Rc::new(Cell::new(false));

    let (p, b) = (pending.clone(), booted.clone());
    let onmessage =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(reply) = reply_of(&e.data()) else {
                return;
            };
            match reply {
                Reply::Booted => {
                    b.set(true);
                    mark_worker("ready");
                }
                Reply::BootFailed { message } => fail_all(&p, &format!("worker: {message}")),
                Reply::Crashed { message } => replace(generation, Stopped::Crashed, &message),
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
        if booted.get() {
            // A trap (out of memory, a bug) or an uncaught error while on a job.
            e.prevent_default();
            replace(generation, Stopped::Crashed, &msg);
        } else {
            fail_all(&p, &msg);
        }
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
        generation,
    })
}

/// Stop worker `generation` (if it is still the current one), end its jobs with
/// the reason, and start a fresh worker so the next job runs at once.
fn replace(generation: u32, why: Stopped, detail: &str) {
    let Some(client) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.as_ref().map(|x| x.generation) == Some(generation) {
            c.take()
        } else {
            None
        }
    }) else {
        return;
    };
    client.worker.terminate();
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("data-planlens-worker-error", detail);
        let n = el
            .get_attribute("data-planlens-worker-restarts")
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0);
        let _ = el.set_attribute("data-planlens-worker-restarts", &(n + 1).to_string());
    }
    let drained: Vec<_> = client.pending.borrow_mut().drain().collect();
    let message = why.message();
    for (id, (resolve, _, _)) in drained {
        REPLIES.with(|r| {
            r.borrow_mut().insert(
                id,
                Reply::Failed {
                    id,
                    message: message.clone(),
                },
            )
        });
        let _ = resolve.call1(&JsValue::NULL, &JsValue::from(id));
    }
    mark_worker("restarting");
    prewarm();
}

/// 取消: stop whatever the worker is doing (it is replaced by a fresh one) and make
/// the running job's result, if any, be dropped.
pub fn cancel() {
    Ticket::take();
    if let Some(generation) = CLIENT.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|x| !x.pending.borrow().is_empty())
            .map(|x| x.generation)
    }) {
        replace(generation, Stopped::Cancelled, "cancelled");
    }
}

/// `?test-hooks` in the page's URL: the end-to-end tests may ask for a simulated
/// fault (`window.__planlensTestHook = "oom" | "hang"`, used once) and a shorter
/// deadline (`window.__planlensTestDeadlineMs`). Without the parameter, neither is read.
fn test_hooks() -> (Option<TestHook>, Option<u32>) {
    let Some(window) = web_sys::window() else {
        return (None, None);
    };
    let on = window
        .location()
        .search()
        .ok()
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .is_some_and(|p| p.has("test-hooks"));
    if !on {
        return (None, None);
    }
    let hook = match get(&window, "__planlensTestHook").as_string().as_deref() {
        Some("oom") => Some(TestHook::Oom),
        Some("hang") => Some(TestHook::Hang),
        _ => None,
    };
    let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str("__planlensTestHook"));
    let deadline = get(&window, "__planlensTestDeadlineMs")
        .as_f64()
        .map(|v| v as u32);
    (hook, deadline)
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

/// A job answered by the worker: its typed reply (`Reply::Failed` when the worker
/// was stopped on it); `Err` when no worker can be had.
async fn via_worker(job: &Job, progress: Rc<dyn Fn(Stage)>) -> Result<Reply, JsValue> {
    if BROKEN.with(|b| *b.borrow()) {
        return Err(JsValue::from_str("worker unavailable"));
    }
    let (test, deadline) = test_hooks();
    let deadline = deadline.unwrap_or_else(|| jobs::deadline_ms(job));
    let promise = CLIENT.with(|c| -> Result<(u32, u32, js_sys::Promise), JsValue> {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(spawn()?);
        }
        let client = c.as_mut().ok_or("no worker")?;
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let pending = client.pending.clone();
        let mut slot = None;
        let promise = js_sys::Promise::new(&mut |resolve, reject| slot = Some((resolve, reject)));
        let (resolve, reject) = slot.ok_or("no promise")?;
        pending.borrow_mut().insert(id, (resolve, reject, progress));
        let request = Request {
            id,
            job: job.clone(),
            test,
        };
        let msg = serde_wasm_bindgen::to_value(&request)?;
        client.worker.post_message(&msg)?;
        Ok((id, client.generation, promise))
    });
    let (id, generation, promise) = match promise {
        Ok(p) => p,
        Err(e) => {
            BROKEN.with(|b| *b.borrow_mut() = true);
            mark_worker("fallback");
            return Err(e);
        }
    };
    // The deadline: a worker still on this job then is stopped and replaced.
    if let Some(window) = web_sys::window() {
        let expire = Closure::once_into_js(move || {
            let waiting = CLIENT.with(|c| {
                c.borrow().as_ref().is_some_and(|x| {
                    x.generation == generation && x.pending.borrow().contains_key(&id)
                })
            });
            if waiting {
                replace(
                    generation,
                    Stopped::TimedOut(deadline.div_ceil(1000)),
                    "deadline",
                );
            }
        });
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            expire.unchecked_ref(),
            i32::try_from(deadline).unwrap_or(i32::MAX),
        );
    }
    JsFuture::from(promise).await?;
    Ok(REPLIES
        .with(|r| r.borrow_mut().remove(&id))
        .unwrap_or(Reply::Failed {
            id,
            message: "分析失败".into(),
        }))
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

/// No worker: the worker's wasm answers on this thread (index.html
/// `planlensRunHere` loads it on first use), after the progress is shown.
async fn here(job: Job, progress: Rc<dyn Fn(Stage)>) -> Reply {
    const NO_WORKER: &str =
        "浏览器未能启动后台分析线程,也无法在页面中加载分析组件:请刷新页面,或换用较新版本的浏览器。";
    let failed = |message: &str| Reply::Failed {
        id: 0,
        message: message.into(),
    };
    progress(Stage::Analyzing);
    yield_to_browser().await;
    let run_here = get(&js_sys::global(), "planlensRunHere");
    let (Some(run_here), Ok(request)) = (
        run_here.dyn_ref::<js_sys::Function>(),
        serde_wasm_bindgen::to_value(&Request {
            id: 0,
            job,
            test: None,
        }),
    ) else {
        return failed(NO_WORKER);
    };
    let Ok(promise) = run_here.call1(&JsValue::NULL, &request) else {
        return failed(NO_WORKER);
    };
    match JsFuture::from(js_sys::Promise::resolve(&promise)).await {
        Ok(v) => reply_of(&v).unwrap_or_else(|| failed(NO_WORKER)),
        Err(_) => failed(NO_WORKER),
    }
}

/// A job's reply: from the worker when there is one, else from the worker's wasm
/// on this thread.
async fn ask(job: Job, progress: Rc<dyn Fn(Stage)>) -> Reply {
    match via_worker(&job, progress.clone()).await {
        Ok(reply) => reply,
        Err(_) => here(job, progress).await,
    }
}

/// Analyse a job (text, a file's bytes, PDF pieces).
pub async fn run(job: Job, progress: Rc<dyn Fn(Stage)>) -> Result<Outcome, String> {
    match ask(job, progress).await {
        Reply::Done { analysis, text, .. } => Ok(Outcome {
            analysis: *analysis,
            text,
        }),
        Reply::Failed { message, .. } => Err(message),
        _ => Err("分析失败".into()),
    }
}

/// `planlens.analyze(text)` (src/api.rs): analysed in the worker, as the CLI would,
/// without touching what the app shows.
pub async fn analyze_api(text: String) -> Result<Outcome, String> {
    run(Job::Api { text }, Rc::new(|_| {})).await
}

/// A file of the analysis on screen (`Job::File`), written by the worker.
pub async fn make_file(
    analysis_json: String,
    order: Vec<u32>,
    kind: planlens_web::protocol::FileKind,
) -> Result<Vec<u8>, String> {
    let job = Job::File {
        analysis: analysis_json,
        order,
        kind,
    };
    match ask(job, Rc::new(|_| {})).await {
        Reply::File { bytes, .. } => Ok(bytes),
        Reply::Failed { message, .. } => Err(message),
        _ => Err("导出失败".into()),
    }
}

/// 添加为指标: the target the core reads in the selected passage, if any.
pub async fn find_target(text: String) -> Result<Option<Target>, String> {
    match ask(Job::Passage { text }, Rc::new(|_| {})).await {
        Reply::Target { target, .. } => Ok(target.map(|t| *t)),
        Reply::Failed { message, .. } => Err(message),
        _ => Err("读取指标失败".into()),
    }
}
