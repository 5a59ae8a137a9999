//! The analysis worker's wasm: decode (encodings, .docx, .html, PDF pieces) and
//! analyse off the page's main thread. Spawned by the page (src/worker.rs); the
//! messages are `planlens_web::protocol`. The page itself links no analysis: when
//! no worker can be started, it loads this wasm on its own thread and calls
//! `run_job` (index.html `planlensRunHere`).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "planlens-worker 是浏览器应用的分析线程:请用 scripts/run.sh(Trunk)构建,见 docs/web.md。"
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {
    imp::serve();
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use planlens_web::jobs;
    use planlens_web::protocol::{Reply, Request, Stage, TestHook};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    fn post(scope: &web_sys::DedicatedWorkerGlobalScope, reply: &Reply) {
        if let Ok(msg) = serde_wasm_bindgen::to_value(reply) {
            let _ = scope.post_message(&msg);
        }
    }

    /// Test hook (sent only by a page opened with `?test-hooks`): allocate until the
    /// wasm memory cannot grow; the allocation failure aborts (a trap), as a real
    /// out-of-memory on a hostile file would.
    fn exhaust_memory() {
        let mut hold: Vec<Vec<u8>> = Vec::new();
        loop {
            let mut chunk: Vec<u8> = Vec::with_capacity(256 << 20);
            chunk.push(1);
            hold.push(std::hint::black_box(chunk));
        }
    }

    /// Test hook: never answer, as a decoder stuck in a loop would.
    fn hang() {
        let mut n = 0u64;
        while std::hint::black_box(n) != u64::MAX {
            n = n.wrapping_add(1) % 1_000_000;
        }
    }

    /// A request answered on the calling thread, without stages (the page's
    /// fallback when it cannot start a worker): a `Request` in, a `Reply` out.
    #[wasm_bindgen]
    pub fn run_job(data: JsValue) -> JsValue {
        let reply = match serde_wasm_bindgen::from_value::<Request>(data) {
            Ok(request) => jobs::reply(request.id, request.job, &|_| {}),
            Err(_) => Reply::Failed {
                id: 0,
                message: "无效的任务".into(),
            },
        };
        serde_wasm_bindgen::to_value(&reply).unwrap_or(JsValue::NULL)
    }

    /// Worker entry: expose the handler the boot script forwards messages to
    /// (nothing to do when loaded on the page's thread for `run_job`).
    pub fn serve() {
        if !js_sys::global().has_type::<web_sys::DedicatedWorkerGlobalScope>() {
            return;
        }
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler = Closure::<dyn Fn(JsValue)>::new(move |data: JsValue| {
            let request = match serde_wasm_bindgen::from_value::<Request>(data.clone()) {
                Ok(r) => r,
                Err(_) => {
                    // Answer a malformed request if it names its job.
                    let id = js_sys::Reflect::get(&data, &"id".into())
                        .ok()
                        .and_then(|v| v.as_f64());
                    if let Some(id) = id {
                        let message = "无效的任务".to_string();
                        post(
                            &scope,
                            &Reply::Failed {
                                id: id as u32,
                                message,
                            },
                        );
                    }
                    return;
                }
            };
            let id = request.id;
            match request.test {
                Some(TestHook::Oom) => exhaust_memory(),
                Some(TestHook::Hang) => hang(),
                None => {}
            }
            let stage = |stage: Stage| post(&scope, &Reply::Stage { id, stage });
            post(&scope, &jobs::reply(id, request.job, &stage));
        });
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &"__planlens_handle".into(),
            handler.as_ref(),
        );
        handler.forget();
    }
}
