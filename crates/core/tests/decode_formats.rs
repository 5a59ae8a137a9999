//! Spreadsheets (.xlsx / .et / .ods), OpenDocument text (.odt) and OFD: fixtures made
//! by real tools (scripts/make-format-fixtures.sh: LibreOffice, easyofd) and packages
//! written here to pin down each rule.

use planlens_core::decode::{decode, Limits};
use planlens_core::{analyze_source, Analysis};
use std::io::Write;
use zip::write::SimpleFileOptions;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A zip of `(name, content)` entries, the first one stored (as OpenDocument wants
/// its `mimetype`), the others deflated.
fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, content)) in parts.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        z.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        z.write_all(content.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn text_of(bytes: &[u8], name: &str) -> String {
    decode(bytes, name, &Limits::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.message()))
        .text
}

fn analysis(bytes: &[u8], name: &str) -> Analysis {
    let d = decode(bytes, name, &Limits::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.message()));
    analyze_source(&d.text, d.source)
}

/// (lead, support, deadline) of each measure.
fn units(a: &Analysis) -> Vec<(String, String, String)> {
    a.measures
        .iter()
        .map(|m| {
            (
                m.lead.join("、"),
                m.support.join("、"),
                m.deadline
                    .as_ref()
                    .map(|d| d.text.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

const SHEET_NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A minimal .xlsx: sheets `(name, state, sheetData + extra)`, shared strings, styles.
fn xlsx(sheets: &[(&str, &str, &str)], strings: &[&str], styles: &str) -> Vec<u8> {
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.into()),
        ("_rels/.rels".into(), r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
    ];
    let mut rels = String::new();
    let mut list = String::new();
    for (i, (name, state, data)) in sheets.iter().enumerate() {
        rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>"#, i + 10, i + 1));
        list.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{}" state="{state}" r:id="rId{}"/>"#,
            i + 1,
            i + 10
        ));
        parts.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet {SHEET_NS}>{data}</worksheet>"#
            ),
        ));
    }
    rels.push_str(r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
    parts.push((
        "xl/_rels/workbook.xml.rels".into(),
        format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#),
    ));
    parts.push((
        "xl/workbook.xml".into(),
        format!(r#"<workbook {SHEET_NS}><sheets>{list}</sheets></workbook>"#),
    ));
    let si: String = strings.iter().map(|s| format!("<si>{s}</si>")).collect();
    parts.push((
        "xl/sharedStrings.xml".into(),
        format!(r#"<sst {SHEET_NS}>{si}</sst>"#),
    ));
    parts.push((
        "xl/styles.xml".into(),
        format!(r#"<styleSheet {SHEET_NS}>{styles}</styleSheet>"#),
    ));
    let refs: Vec<(&str, String)> = parts.iter().map(|(n, c)| (n.as_str(), c.clone())).collect();
    zip_of(&refs)
}

#[test]
fn libreoffice_task_table_xlsx_gives_one_measure_per_row() {
    let bytes = fixture("formats/task-table.lo.xlsx");
    let d = decode(&bytes, "task-table.xlsx", &Limits::default()).unwrap();
    assert_eq!(d.source.format, "xlsx");
    let lines: Vec<&str> = d.text.lines().collect();
    assert_eq!(lines[0], "2024年优化营商环境重点任务分解表");
    assert_eq!(
        lines[1],
        "序号 | 重点任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限"
    );
    assert_eq!(lines[2], "一、提升政务服务效能");
    // The merged 牵头单位 reaches the second task; the date cell reads as a date.
    assert_eq!(
        lines[4],
        "2 | 推行“一窗受理” | 在区政务服务大厅设置综合受理窗口20个。 | 区政务服务中心 | 区人社局、区市场监管局 | 2024年9月30日"
    );
    let a = analysis(&bytes, "task-table.xlsx");
    assert_eq!(
        units(&a),
        vec![
            (
                "区政务服务中心".into(),
                "区大数据局".into(),
                "2024年6月底前".into()
            ),
            (
                "区政务服务中心".into(),
                "区人社局、区市场监管局".into(),
                "2024年9月30日".into()
            ),
            (
                "区税务局".into(),
                "区财政局".into(),
                "2024年12月底前".into()
            ),
            (
                "区自然资源局".into(),
                "区发展改革委、各街道".into(),
                "2024年12月底前".into()
            ),
        ]
    );
    // WPS .et saved in the xlsx format: the content decides, not the name.
    let et = decode(&bytes, "任务分解表.et", &Limits::default()).unwrap();
    assert_eq!(et.source.format, "xlsx");
    assert_eq!(et.text, d.text);
    assert_eq!(text_of(&bytes, "任务分解表.xlsm"), d.text);
}

#[test]
fn xlsx_cells_strings_numbers_dates_and_merges() {
    let styles = r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="9"/><xf numFmtId="164"/></cellXfs>"#;
    let strings = [
        "<t>序号</t>",
        "<r><t>重点</t></r><r><t>任务</t></r>",
        "<t>牵头单位</t><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh>",
        "<t>完成时限</t>",
        "<t xml:space=\"preserve\">区教育局\n区卫健委</t>",
    ];
    let data = r#"<sheetData>
        <row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c><c r="E2" t="s"><v>3</v></c><c r="F2" t="s"><v>3</v></c></row>
        <row r="3"><c r="B3"><v>1</v></c><c r="C3" t="inlineStr"><is><t>新建学校</t></is></c><c r="D3" t="s"><v>4</v></c><c r="E3" s="1"><v>45838</v></c><c r="F3" s="3"><v>45838.5</v></c></row>
        <row r="4"><c r="B4"><v>2</v></c><c r="C4" t="str"><f>A1</f><v>覆盖率</v></c><c r="E4" s="2"><v>0.955</v></c><c r="F4"><v>1000000</v></c><c r="G4"><v>0.30000000000000004</v></c></row>
        <row r="5"><c r="B5" s="0"/><c r="C5"/></row>
        <row r="6"><c r="E6"><v>3</v></c></row>
        </sheetData><mergeCells count="1"><mergeCell ref="D3:D6"/></mergeCells>"#;
    let bytes = xlsx(
        &[
            ("Sheet1", "visible", data),
            (
                "指标表",
                "visible",
                r#"<sheetData><row><c t="inlineStr"><is><t>指标</t></is></c><c t="inlineStr"><is><t>目标值</t></is></c></row></sheetData>"#,
            ),
            (
                "隐藏",
                "hidden",
                r#"<sheetData><row><c t="inlineStr"><is><t>不该出现</t></is></c></row></sheetData>"#,
            ),
        ],
        &strings,
        styles,
    );
    let d = decode(&bytes, "a.xlsx", &Limits::default()).unwrap();
    assert_eq!(
        d.text,
        "序号 | 重点任务 | 牵头单位 | 完成时限 | 完成时限\n\
         1 | 新建学校 | 区教育局\u{2028}区卫健委 | 2025年6月30日 | 2025年6月\n\
         2 | 覆盖率 | 区教育局\u{2028}区卫健委 | 95.5% | 1000000 | 0.3\n \
         |  | 区教育局\u{2028}区卫健委 | 3\n\
         指标表\n指标 | 目标值\n"
    );
    assert_eq!(d.source.warnings, vec!["已跳过 1 个隐藏的工作表。"]);
}

#[test]
fn broken_and_empty_workbooks_are_refused_in_chinese() {
    let empty = xlsx(&[("Sheet1", "visible", "<sheetData/>")], &[], "");
    let e = decode(&empty, "a.xlsx", &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "unsupported");
    assert!(e.message().contains("Excel 表格中没有找到文字"));
    let broken = zip_of(&[
        ("xl/workbook.xml", "<workbook><sheets><sheet".into()),
        ("xl/worksheets/sheet1.xml", "<worksheet/>".into()),
    ]);
    let e = decode(&broken, "a.xlsx", &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "corrupt", "{}", e.message());
}
