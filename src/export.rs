//! Exports that need the browser: the print-ready workbook from the on-demand
//! export wasm (index.html's `planlensXlsx` → `planlens-export`), and a table
//! copied to the clipboard as HTML + TSV.

use wasm_bindgen::{JsCast, JsValue};

fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// `<html data-planlens-export="wasm|fallback">`: which writer made the last workbook.
fn mark(state: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("data-planlens-export", state);
    }
}

/// The print-ready workbook of `analysis_json`, measures at `order` (0-based), or
/// why the export wasm could not make it (not loadable, or failed).
pub async fn print_ready_xlsx(
    analysis_json: &str,
    order: &[u32],
    by_unit: bool,
    notes: bool,
) -> Result<Vec<u8>, String> {
    let f: js_sys::Function = get(&js_sys::global(), "planlensXlsx")
        .dyn_into()
        .map_err(|_| "导出组件不可用".to_string())?;
    let order = js_sys::Uint32Array::from(order);
    let args = js_sys::Array::of4(
        &JsValue::from_str(analysis_json),
        &order,
        &JsValue::from_bool(by_unit),
        &JsValue::from_bool(notes),
    );
    let promise: js_sys::Promise = f
        .apply(&JsValue::NULL, &args)
        .map_err(|_| "导出组件不可用".to_string())?
        .dyn_into()
        .map_err(|_| "导出组件不可用".to_string())?;
    let result = wasm_bindgen_futures::JsFuture::from(promise).await;
    match result {
        Ok(v) if v.is_instance_of::<js_sys::Uint8Array>() => {
            mark("wasm");
            Ok(js_sys::Uint8Array::from(v).to_vec())
        }
        Ok(_) => Err("导出组件没有返回工作簿".into()),
        Err(e) => Err(e.as_string().unwrap_or_else(|| "导出组件无法加载".into())),
    }
}

/// Note that the small built-in writer made the workbook.
pub fn mark_fallback() {
    mark("fallback");
}

/// Copy a table: `navigator.clipboard.write` with a ClipboardItem holding
/// `text/html` and `text/plain`; where that is not allowed, a hidden table built
/// with DOM calls (text nodes only, never markup from user text) is selected and
/// copied with execCommand.
pub async fn copy_table(html: &str, tsv: &str, rows: &[Vec<String>]) -> Result<(), String> {
    if clipboard_write(html, tsv).await.is_ok() {
        return Ok(());
    }
    copy_by_selection(rows).map_err(|_| "无法复制到剪贴板,请检查浏览器权限。".to_string())
}

async fn clipboard_write(html: &str, tsv: &str) -> Result<(), JsValue> {
    let global = js_sys::global();
    let clipboard = get(&get(&global, "navigator"), "clipboard");
    let item_ctor: js_sys::Function = get(&global, "ClipboardItem").dyn_into()?;
    let blob = |text: &str, mime: &str| -> Result<web_sys::Blob, JsValue> {
        let bag = web_sys::BlobPropertyBag::new();
        bag.set_type(mime);
        web_sys::Blob::new_with_str_sequence_and_options(
            &js_sys::Array::of1(&JsValue::from_str(text)),
            &bag,
        )
    };
    let parts = js_sys::Object::new();
    let (html, tsv) = (blob(html, "text/html")?, blob(tsv, "text/plain")?);
    js_sys::Reflect::set(&parts, &"text/html".into(), &html)?;
    js_sys::Reflect::set(&parts, &"text/plain".into(), &tsv)?;
    let item = js_sys::Reflect::construct(&item_ctor, &js_sys::Array::of1(&parts))?;
    let write: js_sys::Function = get(&clipboard, "write").dyn_into()?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &js_sys::Array::of1(&item))?
        .dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise).await?;
    Ok(())
}

fn copy_by_selection(rows: &[Vec<String>]) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    let table = document.create_element("table")?;
    table.set_attribute("style", "position:fixed;left:-10000px;top:0")?;
    for (r, row) in rows.iter().enumerate() {
        let tr = document.create_element("tr")?;
        for cell in row {
            let td = document.create_element(if r == 0 { "th" } else { "td" })?;
            td.set_text_content(Some(cell));
            tr.append_child(&td)?;
        }
        table.append_child(&tr)?;
    }
    body.append_child(&table)?;
    let result = (|| -> Result<(), JsValue> {
        let range: JsValue = js_sys::Reflect::get(&document, &"createRange".into())?
            .dyn_into::<js_sys::Function>()?
            .call0(&document)?;
        js_sys::Reflect::get(&range, &"selectNodeContents".into())?
            .dyn_into::<js_sys::Function>()?
            .call1(&range, &table)?;
        let selection = js_sys::Reflect::get(&js_sys::global(), &"getSelection".into())?
            .dyn_into::<js_sys::Function>()?
            .call0(&JsValue::NULL)?;
        js_sys::Reflect::get(&selection, &"removeAllRanges".into())?
            .dyn_into::<js_sys::Function>()?
            .call0(&selection)?;
        js_sys::Reflect::get(&selection, &"addRange".into())?
            .dyn_into::<js_sys::Function>()?
            .call1(&selection, &range)?;
        let ok = js_sys::Reflect::get(&document, &"execCommand".into())?
            .dyn_into::<js_sys::Function>()?
            .call1(&document, &"copy".into())?;
        js_sys::Reflect::get(&selection, &"removeAllRanges".into())?
            .dyn_into::<js_sys::Function>()?
            .call0(&selection)?;
        if ok.as_bool() == Some(true) {
            Ok(())
        } else {
            Err("copy refused".into())
        }
    })();
    let _ = body.remove_child(&table);
    result
}
