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
    // Excel 97-2003 (.xls, an OLE compound file) is not read: save as .xlsx.
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let e = decode(&ole, "任务表.xls", &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "legacy_office");
    assert!(e.message().contains("Excel(.xls)") && e.message().contains("另存为 .xlsx"));
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

const ODF_NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

/// A minimal .odt: `mimetype` first and stored, content.xml with `body`, styles.xml.
fn odt(auto_styles: &str, body: &str, styles: &str) -> Vec<u8> {
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".into()),
        (
            "content.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}><office:automatic-styles>{auto_styles}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
            ),
        ),
        (
            "styles.xml",
            format!(
                r#"<office:document-styles {ODF_NS}><office:styles>{styles}</office:styles></office:document-styles>"#
            ),
        ),
    ])
}

#[test]
fn libreoffice_odt_renders_outline_numbers() {
    let bytes = fixture("formats/numbered-003.odt");
    let d = decode(&bytes, "numbered.odt", &Limits::default()).unwrap();
    assert_eq!(d.source.format, "odt");
    let heads: Vec<&str> = d
        .text
        .lines()
        .filter(|l| l.chars().nth(1) == Some('、'))
        .collect();
    assert_eq!(
        heads.iter().map(|l| &l[..6]).collect::<Vec<_>>(),
        vec!["一、", "二、", "三、", "四、", "五、", "六、"],
        "{heads:?}"
    );
    assert!(d.text.lines().any(|l| l == "一、实施背景"), "{heads:?}");
}

#[test]
fn libreoffice_ods_task_table_like_the_xlsx() {
    let ods = fixture("formats/task-table.lo.ods");
    let xlsx = fixture("formats/task-table.lo.xlsx");
    let d = decode(&ods, "task-table.ods", &Limits::default()).unwrap();
    assert_eq!(d.source.format, "ods");
    // Calc shows the date cell in its own format; the rest is the same text.
    assert_eq!(d.text, text_of(&xlsx, "task-table.xlsx"));
    assert_eq!(
        units(&analysis(&ods, "a.ods")),
        units(&analysis(&xlsx, "a.xlsx"))
    );
}

#[test]
fn odt_lists_tables_notes_and_what_is_left_out() {
    let list_style = r#"<text:list-style style:name="L1">
        <text:list-level-style-number text:level="1" style:num-suffix="、" style:num-format="一, 二, 三, ..."/>
        <text:list-level-style-number text:level="2" style:num-prefix="（" style:num-suffix="）" style:num-format="一, 二, 三, ..."/>
        <text:list-level-style-number text:level="3" loext:num-list-format="%3%." style:num-suffix="." style:num-format="1"/>
        </text:list-style>
        <text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="●"/></text:list-style>"#;
    let body = r#"
        <text:list text:style-name="L1">
          <text:list-item><text:p>总体要求</text:p>
            <text:list><text:list-item><text:p>指导思想</text:p></text:list-item>
              <text:list-item><text:p>基本原则</text:p>
                <text:list><text:list-item><text:p>坚持<text:s text:c="3"/>市场主导。</text:p><text:p>续段不编号</text:p></text:list-item>
                  <text:list-item><text:p>坚持问题导向。</text:p></text:list-item></text:list>
              </text:list-item>
            </text:list>
          </text:list-item>
        </text:list>
        <text:p>中间的段落<office:annotation><dc:creator>某人</dc:creator><text:p>批注不读</text:p></office:annotation>。</text:p>
        <text:list text:style-name="L1" text:continue-numbering="true">
          <text:list-item><text:p>主要任务</text:p></text:list-item>
          <text:list-item><text:p><text:number>第九部分</text:number>保障措施</text:p></text:list-item>
        </text:list>
        <text:list text:style-name="L2"><text:list-item><text:p>要点</text:p></text:list-item></text:list>
        <text:tracked-changes><text:changed-region><text:deletion><text:p>删除的文字</text:p></text:deletion></text:changed-region></text:tracked-changes>
        <text:p>到2025年<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>按常住人口计。</text:p></text:note-body></text:note>,覆盖率达到95%。<text:line-break/>第二行</text:p>
        <text:p>图中<draw:frame><draw:text-box><text:p>文本框文字</text:p></draw:text-box></draw:frame>说明</text:p>
        <table:table table:name="表格1">
          <table:table-row><table:table-cell><text:p>序号</text:p></table:table-cell><table:table-cell><text:p>任务</text:p></table:table-cell><table:table-cell><text:p>牵头单位</text:p></table:table-cell><table:table-cell><text:p>配合单位</text:p></table:table-cell></table:table-row>
          <table:table-row><table:table-cell table:number-columns-spanned="4"><text:p>一、优化环境</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>
          <table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>推行一网通办</text:p></table:table-cell><table:table-cell table:number-rows-spanned="2"><text:p>市政务办</text:p></table:table-cell><table:table-cell><text:p>市数据局</text:p><text:p>市人社局</text:p></table:table-cell></table:table-row>
          <table:table-row><table:table-cell><text:p>2</text:p></table:table-cell><table:table-cell><text:p>推行一窗受理</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>市人社局</text:p></table:table-cell></table:table-row>
          <table:table-row><table:table-cell/><table:table-cell/><table:covered-table-cell/><table:table-cell/></table:table-row>
        </table:table>"#;
    let text = text_of(&odt(list_style, body, ""), "plan.odt");
    assert_eq!(
        text,
        "一、总体要求\n（一）指导思想\n（二）基本原则\n1.坚持   市场主导。\n续段不编号\n2.坚持问题导向。\n\
         中间的段落。\n二、主要任务\n第九部分 保障措施\n● 要点\n\
         到2025年,覆盖率达到95%。\n第二行\n注1:按常住人口计。\n图中说明\n文本框文字\n\
         序号 | 任务 | 牵头单位 | 配合单位\n一、优化环境\n\
         1 | 推行一网通办 | 市政务办 | 市数据局\u{2028}市人社局\n2 | 推行一窗受理 | 市政务办 | 市人社局\n"
    );
}

#[test]
fn odt_outline_numbering_from_styles_and_refusals() {
    let outline = r#"<text:outline-style style:name="Outline">
        <text:outline-level-style text:level="1" style:num-format="1" loext:num-list-format="第%1%章"/>
        <text:outline-level-style text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>
        </text:outline-style>"#;
    let body = r#"<text:h text:outline-level="1">总则</text:h><text:h text:outline-level="2">目的</text:h><text:h text:outline-level="2">范围</text:h>
        <text:h text:outline-level="1" text:is-list-header="true">附则</text:h><text:h text:outline-level="1">保障</text:h><text:h text:outline-level="2">组织</text:h>"#;
    let text = text_of(&odt("", body, outline), "a.odt");
    assert_eq!(
        text,
        "第1章 总则\n1.1.目的\n1.2.范围\n附则\n第2章 保障\n2.1.组织\n"
    );
    // Password-protected: the manifest lists encryption data.
    let enc = zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".into()),
        ("META-INF/manifest.xml", r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#.into()),
        ("content.xml", "\u{1}\u{2}garbage".into()),
    ]);
    let e = decode(&enc, "a.odt", &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "encrypted");
    let empty = odt("", "<text:p/>", "");
    let e = decode(&empty, "a.odt", &Limits::default()).unwrap_err();
    assert!(e.message().contains("OpenDocument"), "{}", e.message());
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn easyofd_ofd_analyses_like_its_plan() {
    // easyofd (PyPI) converted the LibreOffice PDF of a corpus plan: real text codes.
    let bytes = fixture("formats/003_cad4160aa9a2acde.easyofd.ofd");
    let d = decode(&bytes, "plan.ofd", &Limits::default()).unwrap();
    assert_eq!(d.source.format, "ofd");
    let original = String::from_utf8(fixture("originals/003_cad4160aa9a2acde.txt")).unwrap();
    if let Ok(dir) = std::env::var("PLANLENS_DUMP") {
        std::fs::write(format!("{dir}/ofd.txt"), &d.text).unwrap();
    }
    let (got, want) = (squash(&d.text), squash(&original));
    let at = got
        .chars()
        .zip(want.chars())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        got.chars().skip(at).take(30).collect::<String>(),
        want.chars().skip(at).take(30).collect::<String>(),
        "text differs at char {at}"
    );
    let a = analyze_source(&d.text, d.source);
    let b = planlens_core::analyze(&original);
    assert_eq!(units(&a), units(&b));
    let targets = |a: &Analysis| {
        a.targets
            .iter()
            .map(|t| (t.value, t.unit.clone(), t.year))
            .collect::<Vec<_>>()
    };
    assert_eq!(targets(&a), targets(&b));
}

const OFD_NS: &str = r#"xmlns:ofd="http://www.ofdspec.org/2016""#;

/// One line of text as an OFD text object at (x, baseline y) in mm, glyphs `size` apart.
fn ofd_line(id: u32, x: f64, y: f64, size: f64, text: &str) -> String {
    let n = text.chars().count();
    format!(
        r#"<ofd:TextObject ID="{id}" Font="3" Size="{size}" Boundary="{x} {} {} {size}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{size}" DeltaX="g {} {size}">{text}</ofd:TextCode></ofd:TextObject>"#,
        y - size,
        n as f64 * size,
        n.saturating_sub(1)
    )
}

/// An OFD package per the standard's sample layout: OFD.xml → Doc_0/Document.xml →
/// Doc_0/Pages/Page_N/Content.xml, a template page with furniture.
fn ofd(pages: &[String]) -> Vec<u8> {
    let mut parts: Vec<(String, String)> = vec![(
        "OFD.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {OFD_NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
        ),
    )];
    let list: String = (0..pages.len())
        .map(|i| {
            format!(
                r#"<ofd:Page ID="{}" BaseLoc="Pages/Page_{i}/Content.xml"/>"#,
                i + 10
            )
        })
        .collect();
    parts.push((
        "Doc_0/Document.xml".into(),
        format!(r#"<ofd:Document {OFD_NS}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>{list}</ofd:Pages></ofd:Document>"#),
    ));
    parts.push((
        "Doc_0/Tpls/Tpl_0/Content.xml".into(),
        format!(
            r#"<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="5">{}</ofd:Layer></ofd:Content></ofd:Page>"#,
            ofd_line(6, 90.0, 15.0, 4.0, "内部资料")
        ),
    ));
    for (i, body) in pages.iter().enumerate() {
        parts.push((
            format!("Doc_0/Pages/Page_{i}/Content.xml"),
            format!(r#"<ofd:Page {OFD_NS}><ofd:Template TemplateID="2" ZOrder="Background"/><ofd:Content><ofd:Layer ID="{}" Type="Body"><ofd:PageBlock ID="{}">{body}</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>"#, 100 + i, 200 + i),
        ));
    }
    let refs: Vec<(&str, String)> = parts.iter().map(|(n, c)| (n.as_str(), c.clone())).collect();
    zip_of(&refs)
}

#[test]
fn standard_ofd_pages_lines_and_paragraphs() {
    let s = 5.0;
    // Page 1, written out of reading order; the paragraph runs over two lines (the
    // first one full to the right margin at x = 185), a page number at the foot.
    let p1 = [
        ofd_line(3, 25.0, 55.0, s, "二、保障措施"),
        ofd_line(2, 25.0, 45.0, s, "过两公里。（牵头单位：区发改委）"),
        ofd_line(
            1,
            25.0,
            40.0,
            s,
            "到2025年，全区新建充电桩500个以上，公共充电设施覆盖所有街道和重点园区，服务半径不超",
        ),
        ofd_line(0, 25.0, 30.0, s, "一、主要任务"),
        ofd_line(4, 100.0, 280.0, s, "- 1 -"),
    ]
    .concat();
    // Page 2: a CTM that halves a 10 mm object font to 5 mm on the page, and a picture.
    let p2 = format!(
        r#"<ofd:TextObject ID="20" Size="10" CTM="0.5 0 0 0.5 0 0" Boundary="25 20 100 5"><ofd:TextCode X="0" Y="10" DeltaX="g 9 10">（一）加强组织领导。</ofd:TextCode></ofd:TextObject>{}<ofd:ImageObject ID="22" ResourceID="9" Boundary="150 100 30 30"/>"#,
        ofd_line(21, 25.0, 35.0, s, "成立工作专班，每季度召开一次推进会。")
    );
    let bytes = ofd(&[p1, p2]);
    let d = decode(&bytes, "plan.ofd", &Limits::default()).unwrap();
    assert_eq!(d.source.format, "ofd");
    assert_eq!(
        d.text,
        "一、主要任务\n到2025年，全区新建充电桩500个以上，公共充电设施覆盖所有街道和重点园区，服务半径不超过两公里。（牵头单位：区发改委）\n二、保障措施\n（一）加强组织领导。\n成立工作专班，每季度召开一次推进会。\n"
    );
    let a = analyze_source(&d.text, d.source.clone());
    assert!(
        a.measures.iter().any(|m| m.lead == ["区发改委".into()]),
        "{:?}",
        units(&a)
    );
    // Scanned: pages of pictures only.
    let scan =
        ofd(&[r#"<ofd:ImageObject ID="30" ResourceID="9" Boundary="0 0 210 297"/>"#.to_string()]);
    let e = decode(&scan, "scan.ofd", &Limits::default()).unwrap_err();
    assert!(e.message().contains("没有文字层"), "{}", e.message());
    assert!(e.message().contains("OCR"));
}
