//! The export wasm: the print-ready workbook (rust_xlsxwriter, ~1 MB of wasm)
//! built only when the user exports. index.html's `planlensXlsx` imports this
//! module on the first click of Excel / 按单位 Excel, so the page's first load
//! never carries it; the page falls back to its small writer when it cannot be
//! loaded (the single file opened from disk, offline before a first export).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "planlens-export 是浏览器应用按需加载的导出组件:请用 scripts/run.sh(Trunk)构建;命令行请用 planlens analyze 文件 --xlsx 输出.xlsx。"
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod imp {
    use planlens_core::{Analysis, Measure};
    use wasm_bindgen::prelude::*;

    /// The workbook of an analysis (plan-analysis/1 JSON): the 任务分解表 of the
    /// measures at `order` (0-based indexes, 序号 = index + 1) in that order, the
    /// 指标表, and with `by_unit` one sheet per unit; `notes` adds 备注/进展.
    #[wasm_bindgen]
    pub fn workbook(
        analysis_json: &str,
        order: Vec<u32>,
        by_unit: bool,
        notes: bool,
    ) -> Result<Vec<u8>, JsValue> {
        let a: Analysis = serde_json::from_str(analysis_json)
            .map_err(|e| JsValue::from_str(&format!("分析结果无法读取:{e}")))?;
        let rows: Vec<(usize, &Measure)> = order
            .iter()
            .filter_map(|&i| a.measures.get(i as usize).map(|m| (i as usize + 1, m)))
            .collect();
        let options = planlens_export_xlsx::Options { notes, by_unit };
        planlens_export_xlsx::workbook(&a, &rows, &options).map_err(|e| JsValue::from_str(&e))
    }
}
