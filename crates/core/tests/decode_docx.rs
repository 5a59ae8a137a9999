//! .docx reading: Word automatic numbering as the reader sees it, tables, text
//! boxes, footnotes, what is left out (headers, deleted / hidden text, field codes).

use planlens_core::decode::{decode, Limits};
use std::io::Write;
use zip::write::SimpleFileOptions;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml""#;

fn docx(body: &str, numbering: &str, styles: &str, extra: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.into()),
        (
            "_rels/.rels".into(),
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
        ),
        (
            "word/_rels/document.xml.rels".into(),
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
            <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
            <Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.htm"/>
            </Relationships>"#
                .into(),
        ),
        ("word/document.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}<w:sectPr><w:headerReference r:id="rId4"/></w:sectPr></w:body></w:document>"#)),
        ("word/numbering.xml".into(), format!("<w:numbering {NS}>{numbering}</w:numbering>")),
        ("word/styles.xml".into(), format!("<w:styles {NS}>{styles}</w:styles>")),
        ("word/header1.xml".into(), format!("<w:hdr {NS}><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>")),
    ];
    for (n, c) in extra {
        parts.push((n.to_string(), c.clone()));
    }
    for (name, content) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(content.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn np(text: &str, num: u32, ilvl: u32) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn sp(text: &str, style: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

fn lvl(i: u32, fmt: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl>"#
    )
}

fn text_of(bytes: &[u8]) -> String {
    match decode(bytes, "t.docx", &Limits::default()) {
        Ok(d) => {
            assert_eq!(d.source.format, "docx");
            d.text
        }
        Err(e) => panic!("{}", e.message()),
    }
}

#[test]
fn chinese_plan_numbering_levels_and_restarts() {
    let numbering = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}{}{}</w:abstractNum>
           <w:abstractNum w:abstractNumId="1">{}</w:abstractNum>
           <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
           <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
           <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
        lvl(0, "chineseCounting", "%1、", r#"<w:suff w:val="nothing"/>"#),
        lvl(1, "chineseCounting", "（%2）", ""),
        lvl(2, "decimal", "%3.", ""),
        lvl(3, "decimalEnclosedCircle", "%4", ""),
        lvl(0, "decimal", "（%1）", ""),
    );
    let body = [
        np("总体要求", 1, 0),
        np("指导思想", 1, 1),
        np("基本原则", 1, 1),
        np("坚持创新", 1, 2),
        np("坚持协调", 1, 2),
        np("第一点", 1, 3),
        np("第二点", 1, 3),
        np("主要任务", 1, 0),
        np("加强领导", 1, 1),
        np("建立机制", 1, 2),
        np("甲", 2, 0),
        np("乙", 2, 0),
        p("中间的段落"),
        np("丙(新列表重新编号)", 3, 0),
        np("丁", 3, 0),
        np("", 1, 0),
    ]
    .concat();
    let text = text_of(&docx(&body, &numbering, "", &[]));
    let want = "一、总体要求\n（一）指导思想\n（二）基本原则\n1.坚持创新\n2.坚持协调\n①第一点\n②第二点\n二、主要任务\n（一）加强领导\n1.建立机制\n（1）甲\n（2）乙\n中间的段落\n（1）丙(新列表重新编号)\n（2）丁\n三、\n";
    assert_eq!(text, want);
}

#[test]
fn style_linked_numbering_lvl_restart_is_lgl_and_num_style_link() {
    let numbering = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum>
           <w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="PlanList"/></w:abstractNum>
           <w:abstractNum w:abstractNumId="6"><w:styleLink w:val="PlanList"/>{}</w:abstractNum>
           <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
           <w:num w:numId="7"><w:abstractNumId w:val="6"/></w:num>
           <w:num w:numId="8"><w:abstractNumId w:val="5"/></w:num>"#,
        lvl(0, "chineseCounting", "第%1章", r#"<w:pStyle w:val="H1"/>"#),
        lvl(1, "decimal", "%1.%2", r#"<w:isLgl/><w:pStyle w:val="H2"/>"#),
        lvl(2, "decimal", "%3.", r#"<w:lvlRestart w:val="0"/>"#),
        lvl(0, "ideographTraditional", "%1、", ""),
    );
    let styles = r#"<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="numbering" w:styleId="PlanList"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#;
    let body = [
        sp("总则", "H1"),
        sp("目的", "H2"),
        np("第一项", 1, 2),
        sp("任务", "H1"),
        sp("分工", "H2"),
        np("第二项(不重新编号)", 1, 2),
        // numId 0 switches the style's numbering off.
        r#"<w:p><w:pPr><w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>附则</w:t></w:r></w:p>"#.to_string(),
        np("甲项", 8, 0),
        np("乙项", 8, 0),
    ]
    .concat();
    let text = text_of(&docx(&body, &numbering, styles, &[]));
    assert_eq!(text, "第一章 总则\n1.1 目的\n1.第一项\n第二章 任务\n2.1 分工\n2.第二项(不重新编号)\n附则\n甲、甲项\n乙、乙项\n");
}

#[test]
fn tables_are_rows_with_cells_joined() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(t));
    let merged = r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#;
    let body = format!(
        "{}<w:tbl><w:tr>{}{}{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc>{}{}</w:tr><w:tr>{}{}{}{}</w:tr></w:tbl>{}",
        p("附件:任务分解表"),
        cell("序号"),
        cell("重点任务"),
        cell("牵头单位"),
        cell("完成时限"),
        cell("1"),
        p("建设创新平台"),
        p("新增孵化器3家"),
        cell("区科委"),
        cell("2018年底前"),
        cell("2"),
        cell("完善人才政策"),
        merged,
        cell("持续推进"),
        p("表后段落"),
    );
    let text = text_of(&docx(&body, "", "", &[]));
    // A cell's paragraphs are kept apart by a cell break (U+2028), so the row stays one line.
    assert_eq!(
        text,
        "附件:任务分解表\n序号 | 重点任务 | 牵头单位 | 完成时限\n1 | 建设创新平台\u{2028}新增孵化器3家 | 区科委 | 2018年底前\n2 | 完善人才政策 |  | 持续推进\n表后段落\n"
    );
}

#[test]
fn text_boxes_footnotes_and_what_is_left_out() {
    let textbox = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
    let body = [
        // A text box as Word writes it: the DrawingML choice and a VML fallback with the same text.
        format!(
            r#"<w:p><w:r><w:t>正文段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            textbox("文本框里的目标:新增企业100家"),
            textbox("文本框里的目标:新增企业100家"),
        ),
        r#"<w:p><w:r><w:t>到2020年</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>完成。</w:t></w:r></w:p>"#.into(),
        // Tracked deletion, hidden text, field code vs. field result, insertion, tab and line break.
        r#"<w:p><w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del><w:ins><w:r><w:t>加上的字</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的字</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>"#.into(),
        r#"<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>内容控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"#.into(),
        r#"<w:altChunk r:id="rId5"/>"#.into(),
    ]
    .concat();
    let footnotes = format!(
        r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>指2020年12月31日前。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let chunk =
        "<html><body><p>导入的网页段落</p><script>不应出现</script></body></html>".to_string();
    let text = text_of(&docx(
        &body,
        "",
        "",
        &[("word/footnotes.xml", footnotes), ("word/chunk.htm", chunk)],
    ));
    assert_eq!(
        text,
        "正文段落\n文本框里的目标:新增企业100家\n到2020年完成。\n注1:指2020年12月31日前。\n加上的字5 甲\n乙\n内容控件里的段落\n导入的网页段落\n"
    );
    assert!(!text.contains("页眉"));
}

#[test]
fn docx_without_text_is_refused_clearly() {
    let e = decode(&docx("<w:p/>", "", "", &[]), "t.docx", &Limits::default()).unwrap_err();
    assert!(e.message().contains("没有找到文字"), "{}", e.message());
    // A zip with the Word part missing is no .docx.
    let e = decode(
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        "t.docx",
        &Limits::default(),
    )
    .unwrap_err();
    assert!(matches!(e.code(), "archive" | "corrupt"), "{}", e.message());
}

#[test]
fn word_saved_as_xml() {
    // Flat OPC ("Word XML document"): the parts inline.
    let flat = format!(
        r#"<?xml version="1.0" standalone="yes"?><?mso-application progid="Word.Document"?><pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"><pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"><pkg:xmlData><w:document {NS}><w:body>{}{}</w:body></w:document></pkg:xmlData></pkg:part><pkg:part pkg:name="/word/numbering.xml" pkg:contentType="x"><pkg:xmlData><w:numbering {NS}><w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering></pkg:xmlData></pkg:part></pkg:package>"#,
        np("总体要求", 1, 0),
        np("主要任务", 1, 0),
        lvl(0, "chineseCounting", "%1、", ""),
    );
    let d = decode(flat.as_bytes(), "plan.xml", &Limits::default()).unwrap();
    assert_eq!(d.text, "一、总体要求\n二、主要任务\n");
    assert_eq!(d.source.format, "docx");
    // WordprocessingML 2003: list labels are stored as text.
    let w2003 = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint"><w:body><wx:sect><w:p><w:pPr><w:listPr><w:ilvl w:val="0"/><w:ilfo w:val="1"/><wx:t wx:val="（一）"/></w:listPr></w:pPr><w:r><w:t>加强组织领导。</w:t></w:r></w:p><w:p><w:r><w:t>正文</w:t></w:r></w:p></wx:sect></w:body></w:wordDocument>"#;
    let d = decode(w2003.as_bytes(), "plan.xml", &Limits::default()).unwrap();
    assert_eq!(d.text, "（一）加强组织领导。\n正文\n");
}

#[test]
fn merged_cells_repeat_down_and_span_across() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(t));
    let restart = |t: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}</w:tc>"#,
            p(t)
        )
    };
    let cont = r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#;
    let wide = |t: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:gridSpan w:val="4"/></w:tcPr>{}</w:tc>"#,
            p(t)
        )
    };
    let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let body = format!(
        "<w:tbl>{}{}{}{}</w:tbl>",
        row(&[
            cell("序号"),
            cell("任务"),
            cell("牵头单位"),
            cell("配合单位")
        ]),
        row(&[wide("一、优化环境")]),
        row(&[
            cell("1"),
            cell("推行一网通办"),
            restart("市政务办"),
            cell("市数据局")
        ]),
        row(&[
            cell("2"),
            cell("推行一窗受理"),
            cont.to_string(),
            cell("市人社局")
        ]),
    );
    let text = text_of(&docx(&body, "", "", &[]));
    assert_eq!(
        text,
        "序号 | 任务 | 牵头单位 | 配合单位\n一、优化环境\n1 | 推行一网通办 | 市政务办 | 市数据局\n2 | 推行一窗受理 | 市政务办 | 市人社局\n"
    );
}
