//! Legacy Word 97–2003 `.doc` (and `.wps` in the same layout): each `.doc` that
//! LibreOffice saved from a `.docx` fixture reads and analyses exactly like that
//! `.docx` (text line by line, then measures and targets); table cells, rows, merged
//! and nested cells follow the `.docx` conventions; automatic numbering is rendered;
//! footnotes and endnotes follow the paragraph that cites them; hidden text and
//! tracked deletions are left out;
//! fields keep their result; the
//! code page of 8-bit pieces; encrypted and Word 6/95 files are refused in Chinese;
//! the `.doc`/`.wps` files of `../shared/corpus/wild/` read as LibreOffice reads them.

use planlens_core::decode::{decode, Limits, CELL_BREAK, CELL_SEP};
use planlens_core::{analyze_source, Analysis, Decoded};
use std::io::{Cursor, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).unwrap()
}

fn decode_ok(bytes: &[u8], name: &str) -> Decoded {
    decode(bytes, name, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {}", e.message()))
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

fn analysis(d: &Decoded) -> Analysis {
    analyze_source(&d.text, d.source.clone())
}

#[test]
fn doc_fixtures_read_and_analyse_like_their_docx() {
    let pairs = [
        ("000_f2349a8e578e908b.doc", "000_f2349a8e578e908b.docx"),
        ("002_228e446d7a41f1e4.doc", "002_228e446d7a41f1e4.docx"),
        (
            "003_cad4160aa9a2acde.table.doc",
            "003_cad4160aa9a2acde.table.docx",
        ),
        ("004a_nanshan.doc", "004a_nanshan.docx"),
        // Word automatic numbering (style-linked level 0, restarting items).
        (
            "003_cad4160aa9a2acde.numbered.doc",
            "003_cad4160aa9a2acde.numbered.docx",
        ),
        // Saved by LibreOffice from the plan's .txt (like 003's .docx).
        ("legacy-003.doc", "003_cad4160aa9a2acde.docx"),
        ("doc-tables.doc", "doc-tables.docx"),
        ("doc-notes.doc", "doc-notes.docx"),
        ("doc-revisions.doc", "doc-revisions.docx"),
    ];
    for (doc, docx) in pairs {
        let d = decode_ok(&read(doc), doc);
        let x = decode_ok(&read(docx), docx);
        assert_eq!(d.source.format, "doc", "{doc}");
        assert_eq!(
            d.source.encoding, None,
            "{doc}: Unicode pieces need no code page"
        );
        assert_eq!(d.source.chars, d.text.chars().count(), "{doc}");
        for (i, (a, b)) in d.text.lines().zip(x.text.lines()).enumerate() {
            assert_eq!(a, b, "{doc}: line {} differs from {docx}", i + 1);
        }
        assert_eq!(d.text.lines().count(), x.text.lines().count(), "{doc}");
        let (a, b) = (analysis(&d), analysis(&x));
        assert!(!b.measures.is_empty() || doc.starts_with("doc-"), "{docx}");
        assert_eq!(json(&a.measures), json(&b.measures), "{doc}: measures");
        assert_eq!(json(&a.targets), json(&b.targets), "{doc}: targets");
        assert_eq!(json(&a.outline), json(&b.outline), "{doc}: outline");
    }
}

#[test]
fn doc_tables_keep_rows_cells_merges_and_nesting() {
    let d = decode_ok(&read("doc-tables.doc"), "doc-tables.doc");
    let lines: Vec<&str> = d.text.lines().collect();
    let row = |cells: &[&str]| cells.join(CELL_SEP);
    assert!(lines.contains(&row(&["序号", "重点任务", "牵头单位", "完成时限"]).as_str()));
    // rowspan=2 → Word's vertical merge: the second row repeats 市数据局.
    assert!(lines
        .contains(&row(&["1", "建设全市统一的数字政府平台", "市数据局", "2025年底前"]).as_str()));
    assert!(
        lines.contains(&row(&["2", "完善政务数据共享机制", "市数据局", "2026年6月底前"]).as_str())
    );
    // Paragraphs inside a cell are joined by CELL_BREAK, so the row stays one line.
    let two = format!("推进“一网通办”{CELL_BREAK}扩大事项覆盖面");
    let units = format!("市政务服务中心{CELL_BREAK}各区政府");
    assert!(
        lines.contains(&row(&["3", &two, &units, "持续推进"]).as_str()),
        "{lines:?}"
    );
    // A nested table folds into its cell, its rows joined by CELL_BREAK.
    let nested =
        format!("外层单元格{CELL_BREAK}内层甲{CELL_SEP}内层乙{CELL_BREAK}内层丙{CELL_SEP}内层丁");
    assert!(
        lines.contains(&row(&[&nested, "外层第二格"]).as_str()),
        "{lines:?}"
    );
    // The task table reader sees the lead unit of every row.
    let a = analysis(&d);
    assert!(a
        .measures
        .iter()
        .any(|m| m.text.contains("完善政务数据共享机制")
            && m.lead.iter().any(|l| &**l == "市数据局")));
    assert_eq!(a.targets.len(), 1, "{:?}", json(&a.targets));
}

#[test]
fn doc_footnotes_and_endnotes_follow_the_paragraph_that_cites_them() {
    let d = decode_ok(&read("doc-notes.doc"), "doc-notes.doc");
    let lines: Vec<&str> = d.text.lines().collect();
    let after = |cited: &str, note: &str| {
        let i = lines.iter().position(|l| l.contains(cited)).unwrap();
        assert_eq!(lines.get(i + 1).copied(), Some(note), "{lines:?}");
    };
    after(
        "网上可办率达到95%以上。",
        "注1:网上可办率指可在网上办理的事项占全部事项的比例。",
    );
    after("(牵头单位:市数据局)", "注2:含各区数据主管部门。");
    // Endnotes are numbered on from the footnotes, as in .docx.
    after("(二)完善共享机制。", "注3:共享机制另行制定。");
    assert_eq!(lines.len(), 9, "{lines:?}");
}

#[test]
fn doc_hidden_text_and_tracked_deletions_are_left_out() {
    let bytes = read("doc-revisions.doc");
    // The file holds both (as UTF-16 in its text), marked hidden / deleted.
    for t in ["隐藏的旧目标", "市政府办公室"] {
        let u: Vec<u8> = t.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(bytes.windows(u.len()).any(|w| w == u.as_slice()), "{t}");
    }
    let d = decode_ok(&bytes, "doc-revisions.doc");
    assert!(
        !d.text.contains("隐藏") && !d.text.contains("市政府办公室"),
        "{}",
        d.text
    );
    assert!(d.text.contains("网上可办率达到95%以上。\n"));
    // The tracked insertion is kept.
    assert!(d.text.contains("(牵头单位:市数据局)"), "{}", d.text);
}

/// The WordDocument stream of a compound file, edited in place.
fn edit_word_document(bytes: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes.to_vec())).unwrap();
    let mut w = vec![];
    cf.open_stream("/WordDocument")
        .unwrap()
        .read_to_end(&mut w)
        .unwrap();
    edit(&mut w);
    let mut s = cf.open_stream("/WordDocument").unwrap();
    s.seek(SeekFrom::Start(0)).unwrap();
    s.write_all(&w).unwrap();
    drop(s);
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

#[test]
fn encrypted_and_word95_files_are_refused_in_chinese() {
    let doc = read("legacy-003.doc");
    // fEncrypted (password to open), and fObfuscated (XOR obfuscation).
    for bit in [0x0100u16, 0x8100] {
        let locked = edit_word_document(&doc, |w| {
            let flags = u16::from_le_bytes([w[10], w[11]]) | bit;
            w[10..12].copy_from_slice(&flags.to_le_bytes());
        });
        for name in ["plan.doc", "plan.wps"] {
            let e = decode(&locked, name, &Limits::default()).unwrap_err();
            assert_eq!(e.code(), "encrypted", "{}", e.message());
            assert!(e.message().contains("已加密") && e.message().contains("密码"));
            assert!(e.message().contains(".doc"), "{}", e.message());
        }
    }
    // nFib 0x0065 / 0x0068: Word 6.0 / 95, whose FIB is laid out differently.
    let old = edit_word_document(&doc, |w| w[2..4].copy_from_slice(&0x0068u16.to_le_bytes()));
    let e = decode(&old, "plan.doc", &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "legacy_office");
    assert!(e.message().contains("Word 6.0/95"), "{}", e.message());
    assert!(e.message().contains("另存为 .docx"));
}

/// A minimal Word 97 file: a FIB (lid, lidFE), one piece per entry of `pieces`
/// (bytes, compressed), no paragraph properties.
fn tiny_doc(lid: u16, lid_fe: u16, pieces: &[(Vec<u8>, bool)]) -> Vec<u8> {
    let mut w = vec![0u8; 1024];
    let put16 =
        |w: &mut Vec<u8>, at: usize, v: u16| w[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |w: &mut Vec<u8>, at: usize, v: u32| w[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut w, 0, 0xA5EC);
    put16(&mut w, 2, 0x00C1);
    put16(&mut w, 6, lid);
    put16(&mut w, 32, 14); // csw
    put16(&mut w, 34 + 13 * 2, lid_fe);
    put16(&mut w, 62, 22); // cslw
    put16(&mut w, 152, 0x5D); // cbRgFcLcb
    let mut cps = vec![0u32];
    let mut pcds = vec![];
    for (bytes, compressed) in pieces {
        let fc = w.len() as u32;
        w.extend_from_slice(bytes);
        let n = if *compressed {
            bytes.len()
        } else {
            bytes.len() / 2
        } as u32;
        cps.push(cps.last().unwrap() + n);
        pcds.push(if *compressed {
            (fc * 2) | 0x4000_0000
        } else {
            fc
        });
    }
    put32(&mut w, 64 + 3 * 4, *cps.last().unwrap()); // ccpText
    let mut clx = vec![2u8];
    clx.extend_from_slice(&((cps.len() * 4 + pcds.len() * 8) as u32).to_le_bytes());
    for cp in &cps {
        clx.extend_from_slice(&cp.to_le_bytes());
    }
    for fc in &pcds {
        clx.extend_from_slice(&[0, 0]);
        clx.extend_from_slice(&fc.to_le_bytes());
        clx.extend_from_slice(&[0, 0]);
    }
    put32(&mut w, 154 + 33 * 8, 0); // fcClx
    put32(&mut w, 154 + 33 * 8 + 4, clx.len() as u32);
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/WordDocument")
        .unwrap()
        .write_all(&w)
        .unwrap();
    cf.create_stream("/0Table")
        .unwrap()
        .write_all(&clx)
        .unwrap();
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

#[test]
fn eight_bit_pieces_use_the_files_chinese_code_page_only_when_it_fits() {
    let text = "一、总体要求\r到2025年，全市政务服务事项网上可办率达到95%以上。\r";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    // A Chinese file (lidFE zh-CN) with GBK bytes in an 8-bit piece.
    let d = decode_ok(&tiny_doc(0x0804, 0x0804, &[(gbk.to_vec(), true)]), "a.doc");
    assert_eq!(
        d.text,
        "一、总体要求\n到2025年，全市政务服务事项网上可办率达到95%以上。\n"
    );
    assert_eq!(d.source.encoding.as_deref(), Some("GBK"));
    // Big5 for a zh-TW file.
    let (big5, _, _) = encoding_rs::BIG5.encode("第一章　總則\r推動數位政府建設\r");
    let d = decode_ok(&tiny_doc(0x0404, 0x0404, &[(big5.to_vec(), true)]), "a.doc");
    assert_eq!(d.text, "第一章　總則\n推動數位政府建設\n");
    assert_eq!(d.source.encoding.as_deref(), Some("Big5"));
    // The same bytes in an English file are Windows-1252, as MS-DOC specifies.
    let d = decode_ok(&tiny_doc(0x0409, 0x0409, &[(gbk.to_vec(), true)]), "a.doc");
    assert_eq!(d.source.encoding, None);
    assert!(!d.text.contains("总体要求"));
    // In a Chinese file whose hanzi are in Unicode pieces, an 8-bit piece of curly
    // quotes (0x93 0x94, also a GBK pair) stays Windows-1252.
    let pieces = [
        (utf16("推进"), false),
        (b"\x93ABC\x94 \x93x\x94".to_vec(), true),
        (utf16("工作\r"), false),
    ];
    let d = decode_ok(&tiny_doc(0x0804, 0x0804, &pieces), "a.doc");
    assert_eq!(d.text, "推进“ABC” “x”工作\n");
    assert_eq!(d.source.encoding, None);
}

#[test]
fn fields_keep_their_result_and_controls_are_dropped() {
    let s = "前\u{13} HYPERLINK \"http://x\" \u{14}链接\u{15}后\u{13} IF \u{13} REF a \u{14}内\u{15} \u{14}外\u{15}。\r\
             图\u{1}\u{8}片\u{b}换行\t制表\u{1e}连字\u{1f}\u{7}铃\u{c}分页\r";
    let d = decode_ok(&tiny_doc(0x0804, 0x0804, &[(utf16(s), false)]), "a.doc");
    assert_eq!(d.text, "前链接后外。\n图片\n换行 制表-连字\n铃\n分页\n");
    // A field with no separator shows nothing; unbalanced marks do not leak codes.
    let s = "甲\u{13} PAGE \u{15}乙\u{15}\u{15}丙\u{13} 未闭合 \r";
    let d = decode_ok(&tiny_doc(0x0804, 0x0804, &[(utf16(s), false)]), "a.doc");
    assert_eq!(d.text, "甲乙丙\n");
}

#[test]
fn pieces_outside_the_stream_are_skipped_with_a_warning() {
    let mut doc = tiny_doc(
        0x0804,
        0x0804,
        &[(utf16("第一段\r"), false), (utf16("第二段\r"), false)],
    );
    // Point the second piece far past the end of WordDocument.
    let mut cf = cfb::CompoundFile::open(Cursor::new(doc.clone())).unwrap();
    let mut clx = vec![];
    cf.open_stream("/0Table")
        .unwrap()
        .read_to_end(&mut clx)
        .unwrap();
    let pcd2 = 5 + 3 * 4 + 8 + 2;
    clx[pcd2..pcd2 + 4].copy_from_slice(&0x0100_0000u32.to_le_bytes());
    let mut st = cf.open_stream("/0Table").unwrap();
    st.write_all(&clx).unwrap();
    drop(st);
    cf.flush().unwrap();
    doc = cf.into_inner().into_inner();
    let d = decode_ok(&doc, "a.doc");
    assert_eq!(d.text, "第一段\n");
    assert!(d.source.warnings.iter().any(|w| w.contains("超出文件范围")));
}

/// ../shared/corpus/wild, or `None` (with a note) when the corpus is not checked out.
fn wild(name: &str) -> Option<Vec<u8>> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/wild")
        .join(name);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!(
                "skipped {name}: {} not found (corpus not checked out)",
                p.display()
            );
            None
        }
    }
}

fn hanzi_share(s: &str) -> f64 {
    let visible: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let hanzi = visible
        .iter()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(*c))
        .count();
    hanzi as f64 / visible.len().max(1) as f64
}

#[test]
fn wild_doc_and_wps_files_read_plausibly() {
    // (file, phrases that LibreOffice's reading of the file has, least chars)
    let cases: [(&str, &[&str], usize); 3] = [
        (
            "legacy_hainan_2024_2026_nongji_butie_shishifangan_wps_made.doc",
            &[
                "农机购置与应用补贴实施方案",
                "一、总体要求",
                "（一）在支持重点方面着力突出稳产保供",
            ],
            10_000,
        ),
        (
            "legacy_handan_zuzhibu_2018_39_tongzhi_word97_cp936.doc",
            &[
                "邯组通字〔2018〕39号",
                "关于开展纪念建党97周年系列活动的",
                "一、召开纪念中国共产党成立97周年座谈会",
            ],
            2_000,
        ),
        (
            "legacy_kingsoft_wps_sample_not_gov.wps",
            &[
                "春季露营活动指南",
                "日期 | 上午行程 | 下午行程 | 晚上安排",
                // Automatic numbering and bullets, as LibreOffice shows them.
                "1. 必备露营装备",
                "• 基础住宿类",
                "3.饮料分类打包",
            ],
            500,
        ),
    ];
    for (name, phrases, least) in cases {
        let Some(bytes) = wild(name) else { continue };
        let d = decode_ok(&bytes, name);
        assert_eq!(d.source.format, "doc", "{name}");
        assert!(d.source.chars >= least, "{name}: {} chars", d.source.chars);
        assert!(!d.text.contains('\u{fffd}'), "{name}");
        assert!(
            hanzi_share(&d.text) > 0.6,
            "{name}: {}",
            hanzi_share(&d.text)
        );
        for p in phrases {
            assert!(d.text.contains(p), "{name}: lacks {p}");
        }
        let a = analysis(&d);
        if name.contains("shishifangan") {
            assert!(
                a.measures.len() >= 10,
                "{name}: {} measures",
                a.measures.len()
            );
        }
    }
}
