//! Export: XLSX (sheets 任务分解表 and 指标表), CSV with a UTF-8 BOM, the
//! plan-analysis/1 JSON, and printing (www/style.css has the print stylesheet).
//!
//! The XLSX is a minimal hand-written SpreadsheetML package (inline strings, one
//! bold header style, frozen header row, column widths, autofilter) in a
//! hand-written stored zip: a few KB of wasm (see docs/web.md for the measurements
//! against rust_xlsxwriter and the `zip` crate's writer).

use crate::app::{Doc, State};
use crate::views::Filter;
use crate::views::{deadline_text, join, target_value, visible_measures};
use planlens_core::Analysis;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub enum Cell {
    S(String),
    N(f64),
    Empty,
}

pub struct Sheet {
    pub name: &'static str,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
}

pub const TASK_HEADERS: [&str; 6] = ["序号", "章节", "任务", "牵头单位", "配合单位", "完成时限"];
pub const TARGET_HEADERS: [&str; 6] = ["指标", "目标值", "比较", "单位", "年份", "所在章节"];

fn header(h: &[&str]) -> Vec<Cell> {
    h.iter().map(|s| Cell::S(s.to_string())).collect()
}

pub fn task_sheet(a: &Analysis, filter: &Filter) -> Sheet {
    let mut rows = vec![header(&TASK_HEADERS)];
    for (n, m) in visible_measures(a, filter) {
        rows.push(vec![
            Cell::N(n as f64),
            Cell::S(m.section.clone()),
            Cell::S(m.text.clone()),
            Cell::S(join(&m.lead)),
            Cell::S(join(&m.support)),
            Cell::S(deadline_text(m)),
        ]);
    }
    Sheet {
        name: "任务分解表",
        widths: vec![6.0, 12.0, 80.0, 24.0, 30.0, 16.0],
        rows,
    }
}

pub fn target_sheet(a: &Analysis) -> Sheet {
    let mut rows = vec![header(&TARGET_HEADERS)];
    for t in &a.targets {
        let value = if t.value_max.is_some() {
            Cell::S(target_value(t))
        } else {
            Cell::N(t.value)
        };
        rows.push(vec![
            Cell::S(if t.indicator.is_empty() {
                t.text.clone()
            } else {
                t.indicator.clone()
            }),
            value,
            Cell::S(t.comparator.label().to_string()),
            Cell::S(t.unit.clone()),
            t.year.map(|y| Cell::N(y as f64)).unwrap_or(Cell::Empty),
            Cell::S(t.section.clone()),
        ]);
    }
    Sheet {
        name: "指标表",
        widths: vec![40.0, 12.0, 8.0, 12.0, 8.0, 14.0],
        rows,
    }
}

/// XML text: escaped, without the control characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn col_name(mut i: usize) -> String {
    let mut s = vec![];
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn sheet_xml(sheet: &Sheet) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    );
    x.push_str(r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#);
    x.push_str(r#"<sheetFormatPr defaultRowHeight="15"/><cols>"#);
    for (i, w) in sheet.widths.iter().enumerate() {
        x.push_str(&format!(
            r#"<col min="{0}" max="{0}" width="{1}" customWidth="1"/>"#,
            i + 1,
            w
        ));
    }
    x.push_str("</cols><sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        x.push_str(&format!(r#"<row r="{}">"#, r + 1));
        let style = if r == 0 { 1 } else { 2 };
        for (c, cell) in row.iter().enumerate() {
            let rf = format!("{}{}", col_name(c), r + 1);
            match cell {
                Cell::S(s) => x.push_str(&format!(
                    r#"<c r="{rf}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    xml(s)
                )),
                Cell::N(n) => x.push_str(&format!(r#"<c r="{rf}" s="{style}"><v>{n}</v></c>"#)),
                Cell::Empty => {}
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if sheet.rows.len() > 1 {
        x.push_str(&format!(
            r#"<autoFilter ref="A1:{}{}"/>"#,
            col_name(sheet.widths.len().max(1) - 1),
            sheet.rows.len()
        ));
    }
    x.push_str("</worksheet>");
    x
}

pub fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    let mut content_types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    let mut wb_sheets = String::new();
    let mut wb_rels = String::new();
    let mut defined = String::new();
    for (i, s) in sheets.iter().enumerate() {
        let n = i + 1;
        content_types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        wb_sheets.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            xml(s.name)
        ));
        wb_rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        if s.rows.len() > 1 {
            defined.push_str(&format!(
                r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{}'!$A$1:${}${}</definedName>"#,
                xml(s.name),
                col_name(s.widths.len().max(1) - 1),
                s.rows.len()
            ));
        }
    }
    content_types.push_str("</Types>");
    let styles_id = sheets.len() + 1;
    wb_rels.push_str(&format!(r#"<Relationship Id="rId{styles_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#));
    let defined = if defined.is_empty() {
        String::new()
    } else {
        format!("<definedNames>{defined}</definedNames>")
    };
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>{wb_sheets}</sheets>{defined}</workbook>"#
    );
    let files: Vec<(String, String)> = [
        ("[Content_Types].xml".to_string(), content_types),
        ("_rels/.rels".to_string(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml".to_string(), workbook),
        ("xl/_rels/workbook.xml.rels".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{wb_rels}</Relationships>"#)),
        ("xl/styles.xml".to_string(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#.to_string()),
    ]
    .into_iter()
    .chain(sheets.iter().enumerate().map(|(i, s)| (format!("xl/worksheets/sheet{}.xml", i + 1), sheet_xml(s))))
    .collect();

    Ok(zip_stored(&files))
}

/// CRC-32 (IEEE), as zip wants it.
fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, slot) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = table[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// A zip archive of stored (uncompressed) entries with UTF-8 names — all an XLSX
/// needs. Written by hand: the `zip` crate's writer links every compressor
/// (deflate, zopfli…) and cost the page ~125 KB of wasm.
pub fn zip_stored(files: &[(String, String)]) -> Vec<u8> {
    fn u16le(v: &mut Vec<u8>, x: u16) {
        v.extend_from_slice(&x.to_le_bytes());
    }
    fn u32le(v: &mut Vec<u8>, x: u32) {
        v.extend_from_slice(&x.to_le_bytes());
    }
    // 1980-01-01 00:00, the zip epoch
    const TIME: u16 = 0;
    const DATE: u16 = (1 << 5) | 1;
    const UTF8: u16 = 1 << 11;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body) in files {
        let (name, body) = (name.as_bytes(), body.as_bytes());
        let crc = crc32(body);
        let offset = out.len() as u32;
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20);
        u16le(&mut out, UTF8);
        u16le(&mut out, 0); // stored
        u16le(&mut out, TIME);
        u16le(&mut out, DATE);
        u32le(&mut out, crc);
        u32le(&mut out, body.len() as u32);
        u32le(&mut out, body.len() as u32);
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(body);

        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20);
        u16le(&mut central, 20);
        u16le(&mut central, UTF8);
        u16le(&mut central, 0);
        u16le(&mut central, TIME);
        u16le(&mut central, DATE);
        u32le(&mut central, crc);
        u32le(&mut central, body.len() as u32);
        u32le(&mut central, body.len() as u32);
        u16le(&mut central, name.len() as u16);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, files.len() as u16);
    u16le(&mut out, files.len() as u16);
    u32le(&mut out, cd_len);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV with a UTF-8 BOM and CRLF, as Excel expects.
pub fn csv(sheet: &Sheet) -> String {
    let mut out = String::from("\u{feff}");
    for row in &sheet.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::S(s) => csv_field(s),
                Cell::N(n) => crate::views::fmt_num(*n),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
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

fn base_name(a: &Analysis) -> String {
    let t = a
        .meta
        .title
        .clone()
        .or_else(|| a.source.name.clone())
        .unwrap_or_else(|| "规划分析".into());
    let t: String = t
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|\n\r\t".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let t = t
        .trim()
        .trim_end_matches(".txt")
        .trim_end_matches(".docx")
        .to_string();
    if t.is_empty() {
        "规划分析".into()
    } else {
        t
    }
}

pub fn toolbar(doc: &Doc, state: &State) -> Html {
    let a = doc.analysis.clone();
    let base = base_name(&a);
    let filter = Filter::of(state);
    let filtered = filter.active();
    let on_xlsx = {
        let (a, base, filter) = (a.clone(), base.clone(), filter.clone());
        Callback::from(move |_: MouseEvent| {
            let sheets = [task_sheet(&a, &filter), target_sheet(&a)];
            let result = xlsx(&sheets)
                .map_err(wasm_bindgen::JsValue::from)
                .and_then(|bytes| {
                    download(
                        &bytes,
                        &format!("{base}.xlsx"),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    )
                });
            if result.is_err() {
                let _ = web_sys::window().map(|w| w.alert_with_message("导出失败,请重试。"));
            }
        })
    };
    let on_csv_tasks = {
        let (a, base, filter) = (a.clone(), base.clone(), filter.clone());
        Callback::from(move |_: MouseEvent| {
            let _ = download(
                csv(&task_sheet(&a, &filter)).as_bytes(),
                &format!("{base}-任务分解表.csv"),
                "text/csv;charset=utf-8",
            );
        })
    };
    let on_csv_targets = {
        let (a, base) = (a.clone(), base.clone());
        Callback::from(move |_: MouseEvent| {
            let _ = download(
                csv(&target_sheet(&a)).as_bytes(),
                &format!("{base}-指标表.csv"),
                "text/csv;charset=utf-8",
            );
        })
    };
    let on_json = {
        let (a, base) = (a.clone(), base.clone());
        Callback::from(move |_: MouseEvent| {
            let mut json = serde_json::to_string_pretty(&*a).unwrap_or_else(|_| "{}".into());
            json.push('\n');
            let _ = download(json.as_bytes(), &format!("{base}.json"), "application/json");
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = web_sys::window().map(|w| w.print());
    });
    let hint = if filtered {
        "(任务按当前筛选)"
    } else {
        ""
    };
    html! {
        <div class="export" role="group" aria-label="导出">
            <span class="export-label">{ "导出" }{ hint }</span>
            <button id="export-xlsx" onclick={on_xlsx} title="任务分解表和指标表两个工作表">{ "Excel" }</button>
            <button id="export-csv-tasks" onclick={on_csv_tasks}>{ "任务 CSV" }</button>
            <button id="export-csv-targets" onclick={on_csv_targets}>{ "指标 CSV" }</button>
            <button id="export-json" onclick={on_json} title="plan-analysis/1">{ "JSON" }</button>
            <button id="export-print" onclick={on_print}>{ "打印" }</button>
        </div>
    }
}
