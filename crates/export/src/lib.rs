//! Exports of an analysis, shared by the web app and the CLI: the 任务分解表 and
//! 指标表 rows, CSV (UTF-8 with BOM, formula-safe text cells), the small XLSX, the
//! clipboard table (HTML + TSV) and the corpus gold layout (导出校对结果).
//! The print-ready workbook is `planlens-export-xlsx`.
//!
//! The XLSX is a minimal hand-written SpreadsheetML package in a hand-written
//! stored zip: a few KB of wasm, where the `zip` crate's writer or rust_xlsxwriter
//! would add 60–200 KB gzip to the page (measurements in docs/web.md).

mod clipboard;
mod csv;
mod gold;
mod num;
mod rows;
mod xlsx;

pub use clipboard::{clipboard_html, clipboard_tsv};
pub use csv::csv;
pub use gold::{gold, gold_file_name, gold_json, scorer_norm, Gold, GoldMeasure, GoldTarget};
pub use num::fmt_num;
pub use rows::{
    deadline_text, ellipsis, join, target_sheet, target_value, task_sheet, Cell, Sheet,
    EDITED_HEADER, EDITED_MARK, TARGET_HEADERS, TASK_HEADERS,
};
pub use xlsx::{xlsx, zip_stored};

/// The MIME type of an .xlsx workbook.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
