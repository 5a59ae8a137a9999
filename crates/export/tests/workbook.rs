//! The workbook read back with a zip reader and an XML parser, as a spreadsheet
//! program would read it.

use planlens_export::{csv, target_sheet, task_sheet, xlsx, Cell, TARGET_HEADERS, TASK_HEADERS};
use quick_xml::events::Event;
use std::io::{Cursor, Read};

const PLAN: &str = "关于印发某区科技创新实施方案的通知\n\
一、发展目标\n\
到2025年,新增高新技术企业100家以上,研发投入强度达到3.5%。\n\
二、主要任务\n\
（一）加强创新平台建设。建设一批新型研发机构。(责任单位:区科委、区发改委;完成时限:2024年底前)\n\
（二）优化营商环境。完善企业服务体系。(牵头单位:区商务委;配合单位:区市场监管局)\n";

/// A cell as read back: text or number.
#[derive(Debug, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
}

fn unzip(bytes: &[u8]) -> zip::ZipArchive<Cursor<&[u8]>> {
    zip::ZipArchive::new(Cursor::new(bytes)).expect("a readable zip")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = unzip(bytes);
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"));
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

/// The rows of a worksheet: cells by column, inline strings and numbers.
fn rows(xml: &str) -> Vec<Vec<Option<Value>>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<Vec<Option<Value>>> = vec![];
    let (mut col, mut inline, mut in_t, mut in_v) = (0usize, false, false, false);
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"row" => out.push(vec![]),
            Event::Start(e) if e.name().as_ref() == b"c" => {
                let r = e
                    .try_get_attribute("r")
                    .unwrap()
                    .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
                    .unwrap();
                let letters: String = r.chars().take_while(|c| c.is_ascii_uppercase()).collect();
                col = letters
                    .bytes()
                    .fold(0, |n, b| n * 26 + (b - b'A' + 1) as usize)
                    - 1;
                inline = e.try_get_attribute("t").unwrap().is_some();
                text.clear();
            }
            Event::Start(e) if e.name().as_ref() == b"t" => in_t = true,
            Event::Start(e) if e.name().as_ref() == b"v" => in_v = true,
            Event::Text(t) if in_t || in_v => text.push_str(&t.unescape().unwrap()),
            Event::End(e) if e.name().as_ref() == b"t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"v" => in_v = false,
            Event::End(e) if e.name().as_ref() == b"c" => {
                let row = out.last_mut().unwrap();
                row.resize_with(col + 1, || None);
                row[col] = Some(if inline {
                    Value::Text(text.clone())
                } else {
                    Value::Number(text.parse().expect("a number cell"))
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn text(c: &Option<Value>) -> &str {
    match c {
        Some(Value::Text(s)) => s,
        other => panic!("not a text cell: {other:?}"),
    }
}

#[test]
fn the_workbook_has_both_sheets_with_headers_rows_text_and_numbers() {
    let a = planlens_core::analyze(PLAN);
    assert_eq!(a.measures.len(), 2, "{:#?}", a.measures);
    assert!(!a.targets.is_empty());
    let sheets = [
        task_sheet(a.measures.iter().enumerate().map(|(i, m)| (i + 1, m))),
        target_sheet(&a),
    ];
    let bytes = xlsx(&sheets);

    let workbook = part(&bytes, "xl/workbook.xml");
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(names, ["任务分解表", "指标表"]);

    let tasks = rows(&part(&bytes, "xl/worksheets/sheet1.xml"));
    let header: Vec<&str> = tasks[0].iter().map(text).collect();
    assert_eq!(header, TASK_HEADERS);
    assert_eq!(tasks.len(), 1 + a.measures.len());
    assert_eq!(tasks[1][0], Some(Value::Number(1.0)));
    assert_eq!(tasks[2][0], Some(Value::Number(2.0)));
    assert_eq!(text(&tasks[1][3]), "区科委、区发改委");
    assert_eq!(text(&tasks[2][3]), "区商务委");
    assert!(text(&tasks[1][2]).contains("新型研发机构"));

    let targets = rows(&part(&bytes, "xl/worksheets/sheet2.xml"));
    let header: Vec<&str> = targets[0].iter().map(text).collect();
    assert_eq!(header, TARGET_HEADERS);
    assert_eq!(targets.len(), 1 + a.targets.len());
    let first = &a.targets[0];
    assert_eq!(targets[1][1], Some(Value::Number(first.value)));
    assert_eq!(text(&targets[1][3]), first.unit);
    assert_eq!(targets[1][4], first.year.map(|y| Value::Number(y as f64)));
}

#[test]
fn every_part_is_stored_with_a_matching_crc() {
    let a = planlens_core::analyze(PLAN);
    let bytes = xlsx(&[target_sheet(&a)]);
    let mut archive = unzip(&bytes);
    let names: Vec<String> = archive.file_names().map(String::from).collect();
    assert!(
        names.contains(&"[Content_Types].xml".to_string()),
        "{names:?}"
    );
    for name in names {
        let mut f = archive.by_name(&name).unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Stored, "{name}");
        // reading to the end checks the CRC
        let mut body = vec![];
        f.read_to_end(&mut body)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(body.len() as u64, f.size());
    }
}

#[test]
fn text_that_breaks_xml_is_escaped_and_control_characters_dropped() {
    let a = planlens_core::analyze(PLAN);
    let mut sheet = task_sheet(a.measures.iter().enumerate().map(|(i, m)| (i + 1, m)));
    sheet.rows[1][2] = Cell::Text("a<b>&\"c\u{1}d".into());
    let rows = rows(&part(&xlsx(&[sheet]), "xl/worksheets/sheet1.xml"));
    assert_eq!(text(&rows[1][2]), "a<b>&\"cd");
}

#[test]
fn csv_starts_with_a_bom_and_quotes_what_needs_quoting() {
    let a = planlens_core::analyze(PLAN);
    let out = csv(&task_sheet(
        a.measures.iter().enumerate().map(|(i, m)| (i + 1, m)),
    ));
    assert!(out.starts_with("\u{feff}序号,章节,任务,牵头单位,配合单位,完成时限\r\n"));
    assert_eq!(out.matches("\r\n").count(), 1 + a.measures.len());
    let mut sheet = target_sheet(&a);
    sheet.rows[1][0] = Cell::Text("a,\"b\"\nc".into());
    assert!(csv(&sheet).contains("\r\n\"a,\"\"b\"\"\nc\","));
}
