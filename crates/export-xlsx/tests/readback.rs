//! The print-ready workbook read back: cells through calamine (as a spreadsheet
//! program reads them), print setup from the worksheet XML.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use planlens_export_xlsx::{workbook, workbook_all, Options};
use std::io::{Cursor, Read};

const PLAN: &str = "某区人民政府办公室关于印发某区科技创新实施方案的通知\n\
某府办发〔2024〕12号\n\
一、发展目标\n\
到2025年,新增高新技术企业100家以上,研发投入强度达到3.5%。\n\
二、主要任务\n\
（一）加强创新平台建设。建设一批新型研发机构,支持龙头企业牵头组建创新联合体,推动高校院所与企业共建实验室和中试基地,完善成果转化服务体系。(责任单位:区科委、区发改委;完成时限:2024年底前)\n\
（二）优化营商环境。完善企业服务体系。(牵头单位:区商务委;配合单位:区科委、区市场监管局)\n\
（三）强化人才支撑。(责任单位:区人社局)\n\
某区人民政府办公室\n\
2024年3月1日\n";

fn book(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook calamine reads")
}

fn cell(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => planlens_export::fmt_num(*f),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// A sheet's cells as text, from A1.
fn grid(bytes: &[u8], sheet: &str) -> Vec<Vec<String>> {
    let range = book(bytes).worksheet_range(sheet).expect("the sheet");
    assert_eq!(range.start(), Some((0, 0)), "the title is in A1");
    range.rows().map(|r| r.iter().map(cell).collect()).collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn title_headers_and_rows_read_back() {
    let a = planlens_core::analyze(PLAN);
    assert!(a.measures.len() >= 3, "{:#?}", a.measures);
    let bytes = workbook_all(&a, &Options::default()).unwrap();
    let names = book(&bytes).sheet_names();
    assert_eq!(names, ["任务分解表", "指标表"]);

    let g = grid(&bytes, "任务分解表");
    let title = a.meta.title.clone().expect("the plan has a title");
    assert_eq!(g[0][0], title);
    if let Some(n) = &a.meta.doc_number {
        assert!(g[1][0].contains(n.as_str()), "{}", g[1][0]);
    }
    assert!(g[1][0].contains(&format!("共 {} 项", a.measures.len())));
    assert_eq!(
        g[2],
        ["序号", "章节", "任务", "牵头单位", "配合单位", "完成时限"]
    );
    assert_eq!(g.len(), 3 + a.measures.len());
    for (i, m) in a.measures.iter().enumerate() {
        let row = &g[3 + i];
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(row[2], m.text, "the whole task text");
        assert_eq!(row[3], m.lead.join("、"));
        assert_eq!(row[4], m.support.join("、"));
    }
    assert_eq!(g[3][5], "2024年底前");

    let t = grid(&bytes, "指标表");
    assert_eq!(t[2][..3], ["序号", "指标", "目标值"]);
    assert_eq!(t.len(), 3 + a.targets.len());
    assert_eq!(t[3][2], planlens_export::fmt_num(a.targets[0].value));
}

#[test]
fn print_setup_is_landscape_a4_one_page_wide_with_repeated_frozen_header() {
    let a = planlens_core::analyze(PLAN);
    let bytes = workbook_all(&a, &Options::default()).unwrap();
    for n in [1, 2] {
        let ws = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        let setup = ws
            .split("<pageSetup ")
            .nth(1)
            .and_then(|s| s.split("/>").next())
            .expect("a pageSetup");
        for attr in [
            r#"paperSize="9""#,
            r#"orientation="landscape""#,
            r#"fitToHeight="0""#,
        ] {
            assert!(setup.contains(attr), "{attr} in {setup}");
        }
        // fitToWidth defaults to 1 when left out
        assert!(
            !setup.contains("fitToWidth") || setup.contains(r#"fitToWidth="1""#),
            "{setup}"
        );
        assert!(ws.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{ws}");
        assert!(
            ws.contains(
                r#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{ws}"
        );
        assert!(ws.contains(r#"<autoFilter ref="A3:"#), "{ws}");
        assert!(
            ws.contains(r#"<mergeCell ref="A1:"#),
            "title merged over the table"
        );
        assert!(ws.contains("customHeight=\"1\""), "row heights are set");
    }
    let wb = part(&bytes, "xl/workbook.xml");
    assert!(
        wb.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">任务分解表!$3:$3</definedName>"#),
        "{wb}"
    );
    assert!(wb.contains(r#"name="_xlnm._FilterDatabase""#));
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<left style="thin">"#), "borders");
    assert!(styles.contains(r#"wrapText="1""#), "wrapped text");
}

/// The height of a row as written (`ht` in points).
fn row_ht(ws: &str, r: usize) -> f64 {
    let at = ws.find(&format!("<row r=\"{r}\"")).expect("the row");
    let row = &ws[at..at + ws[at..].find('>').unwrap()];
    row.split("ht=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(15.0)
}

#[test]
fn a_long_task_gets_a_taller_row() {
    let a = planlens_core::analyze(PLAN);
    let bytes = workbook_all(&a, &Options::default()).unwrap();
    let ws = part(&bytes, "xl/worksheets/sheet1.xml");
    let long = row_ht(&ws, 4); // the first task, about 80 characters in a 60-wide column
    let short = row_ht(&ws, 6);
    assert!(long > short, "{long} > {short}");
    assert!(long >= 3.0 * 16.0, "three lines at least: {long}");
}

#[test]
fn notes_columns_and_edited_rows() {
    let mut a = planlens_core::analyze(PLAN);
    a.measures[1].edited = true;
    a.measures[1].lead = vec!["区经信委".into()];
    let opts = Options {
        notes: true,
        by_unit: false,
    };
    let bytes = workbook_all(&a, &opts).unwrap();
    let g = grid(&bytes, "任务分解表");
    assert_eq!(g[2][6..], ["已校对", "备注", "进展"]);
    assert_eq!(g[4][6], "是");
    assert_eq!(g[4][3], "区经信委");
    assert_eq!(g[3][6], "");
    let t = grid(&bytes, "指标表");
    assert_eq!(t[2].last().map(String::as_str), Some("进展"));
    assert!(
        !t[2].contains(&"已校对".to_string()),
        "no target was corrected"
    );
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("FFFFF2CC"), "edited rows are filled");
}

#[test]
fn by_unit_gives_one_sheet_per_unit_with_its_role() {
    let a = planlens_core::analyze(PLAN);
    let opts = Options {
        notes: false,
        by_unit: true,
    };
    let rows: Vec<_> = a
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| (i + 1, m))
        .collect();
    let bytes = workbook(&a, &rows, &opts).unwrap();
    let names = book(&bytes).sheet_names();
    assert_eq!(names[..2], ["任务分解表", "指标表"]);
    for u in ["区科委", "区发改委", "区商务委", "区市场监管局", "区人社局"] {
        assert!(names.iter().any(|n| n == u), "{u} in {names:?}");
    }
    let g = grid(&bytes, "区科委");
    assert_eq!(g[0][0], "区科委 任务清单");
    assert_eq!(g[2][3], "角色");
    let roles: Vec<&str> = g[3..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(roles, ["牵头", "配合"], "leads one task, supports another");
    assert!(g[1][0].contains("牵头 1 项,配合 1 项"), "{}", g[1][0]);
    let ws = part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(ws.contains(r#"orientation="landscape""#));
    let wb = part(&bytes, "xl/workbook.xml");
    assert!(wb.contains("localSheetId=\"2\">区科委!$3:$3"), "{wb}");
}
