//! The analysis worker's wasm: decode (encodings, .docx, .html, PDF pieces) and
//! analyse off the page's main thread. Spawned by the app (src/worker.rs, which
//! this bin shares for the job and message types).

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
#[path = "../worker.rs"]
#[allow(dead_code)]
mod worker;

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::worker::{self, get, set};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Runs the job in the worker: decoding (encodings, .docx, .html, PDF pieces)
    /// lives only in the worker's wasm, which keeps the page's first load small.
    /// `stage` is told before each step.
    fn compute(job: worker::Job, stage: &dyn Fn(&str)) -> Result<worker::Outcome, String> {
        match job {
            worker::Job::Text { text, name, format } => {
                stage("analyzing");
                Ok(worker::compute_text(text, name, format))
            }
            worker::Job::Bytes { bytes, name } => {
                stage("decoding");
                let decoded =
                    planlens_core::decode(&bytes, &name, &planlens_core::Limits::default())
                        .map_err(|e| e.message())?;
                drop(bytes);
                stage("analyzing");
                let analysis = planlens_core::analyze_source(&decoded.text, decoded.source);
                Ok(worker::Outcome {
                    analysis,
                    text: decoded.text,
                })
            }
            worker::Job::PdfJson { json, name } => {
                stage("decoding");
                let decoded = planlens_core::decode::pdf::decode_pdf_json(&json, &name)
                    .map_err(|e| e.message())?;
                drop(json);
                stage("analyzing");
                let analysis = planlens_core::analyze_source(&decoded.text, decoded.source);
                Ok(worker::Outcome {
                    analysis,
                    text: decoded.text,
                })
            }
        }
    }

    fn job_from_js(data: &JsValue) -> Option<worker::Job> {
        match get(data, "kind").as_string()?.as_str() {
            "text" => Some(worker::Job::Text {
                text: get(data, "text").as_string()?,
                name: get(data, "name").as_string(),
                format: get(data, "format")
                    .as_string()
                    .unwrap_or_else(|| "text".into()),
            }),
            "pdf" => Some(worker::Job::PdfJson {
                json: get(data, "json").as_string()?,
                name: get(data, "name").as_string().unwrap_or_default(),
            }),
            "bytes" => Some(worker::Job::Bytes {
                bytes: get(data, "bytes")
                    .dyn_into::<js_sys::Uint8Array>()
                    .ok()?
                    .to_vec(),
                name: get(data, "name").as_string().unwrap_or_default(),
            }),
            _ => None,
        }
    }

    /// Worker entry: expose the handler the boot script forwards messages to.
    pub fn serve() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler = Closure::<dyn Fn(JsValue)>::new(move |data: JsValue| {
            let id = get(&data, "id");
            let post = |msg: &js_sys::Object| {
                let _ = scope.post_message(msg);
            };
            let stage = |s: &str| {
                let m = js_sys::Object::new();
                set(&m, "id", &id);
                set(&m, "stage", &JsValue::from_str(s));
                post(&m);
            };
            let reply = js_sys::Object::new();
            set(&reply, "id", &id);
            match job_from_js(&data)
                .ok_or_else(|| "无效的任务".to_string())
                .and_then(|j| compute(j, &stage))
            {
                Ok(out) => {
                    stage("sending");
                    let json = serde_json::to_string(&out.analysis).unwrap_or_default();
                    set(&reply, "ok", &JsValue::TRUE);
                    set(&reply, "json", &JsValue::from_str(&json));
                    set(&reply, "text", &JsValue::from_str(&out.text));
                }
                Err(message) => {
                    set(&reply, "ok", &JsValue::FALSE);
                    set(&reply, "error", &JsValue::from_str(&message));
                }
            }
            post(&reply);
        });
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &"__planlens_handle".into(),
            handler.as_ref(),
        );
        handler.forget();
    }
}
