//! Files in and out: a picked or dropped file becomes a job for the worker (PDFs
//! through pdf.js first); exports are offered as downloads from blob URLs.

use planlens_web::jobs;
use planlens_web::protocol::Job;
use wasm_bindgen::JsCast;

/// A file's job, or a Chinese message why it cannot be read.
pub async fn read(file: web_sys::File, on_pdf: impl Fn()) -> Result<Job, String> {
    let name = file.name();
    let file = gloo_file::File::from(file);
    let bytes = gloo_file::futures::read_as_bytes(&file)
        .await
        .map_err(|e| format!("无法读取文件“{name}”:{e}"))?;
    if is_pdf(&name, &bytes) {
        on_pdf();
        let json = pdf_pieces(&bytes).await?;
        Ok(Job::PdfPieces { json, name })
    } else {
        Ok(Job::Bytes { bytes, name })
    }
}

fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    name.to_ascii_lowercase().ends_with(".pdf") || bytes.starts_with(b"%PDF")
}

/// The text pieces of a PDF through pdf.js, loaded on demand (index.html's
/// `planlensPdfPieces` → www/pdf-text.js, in pdf.js's own worker under a time and
/// size budget), as the JSON the core's PDF decoder reads; a failure (encrypted,
/// invalid, too large, over the budget, cancelled) as its Chinese message.
async fn pdf_pieces(bytes: &[u8]) -> Result<String, String> {
    const UNAVAILABLE: &str =
        "此版本无法读取 PDF(浏览器未能加载 PDF 组件):请将 PDF 另存为 .docx / .txt 后再打开。";
    if bytes.len() > PDF_MAX_BYTES {
        return Err(jobs::pdf_failure("too_large", ""));
    }
    let unavailable = |_| UNAVAILABLE.to_string();
    let global = js_sys::global();
    let f: js_sys::Function = js_sys::Reflect::get(&global, &"planlensPdfPieces".into())
        .map_err(unavailable)?
        .dyn_into()
        .map_err(unavailable)?;
    let arr = js_sys::Uint8Array::from(bytes);
    let promise: js_sys::Promise = f
        .call1(&wasm_bindgen::JsValue::NULL, &arr)
        .map_err(unavailable)?
        .dyn_into()
        .map_err(unavailable)?;
    // A failed dynamic import of pdf.js (files missing) lands here too.
    let v = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(unavailable)?;
    let json = v.as_string().ok_or_else(|| UNAVAILABLE.to_string())?;
    if json.starts_with("{\"error\"") {
        #[derive(serde::Deserialize)]
        struct Failure {
            error: String,
            #[serde(default)]
            message: String,
        }
        if let Ok(f) = serde_json::from_str::<Failure>(&json) {
            return Err(jobs::pdf_failure(&f.error, &f.message));
        }
    }
    Ok(json)
}

/// PDFs above this are refused before pdf.js sees them (the core's input cap).
const PDF_MAX_BYTES: usize = 50 * 1024 * 1024;

/// 取消 while a PDF's text is being extracted: stop pdf.js (its worker is terminated).
pub fn cancel_pdf() {
    let global = js_sys::global();
    if let Ok(f) = js_sys::Reflect::get(&global, &"planlensPdfCancel".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// The first file of a drop.
pub fn first_file(dt: Option<web_sys::DataTransfer>) -> Option<web_sys::File> {
    dt?.files()?.get(0)
}

/// Offer bytes as a download (a blob URL; nothing leaves the machine).
pub fn download(bytes: &[u8], name: &str, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&arr);
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // Revoke later: the download has started by then.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}
