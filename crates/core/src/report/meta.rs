//! Metadata: title, issuer, 文号, date, recipients (主送).

use crate::lex::chars::starts_at as starts;
use crate::lex::markers;
use crate::model::Meta;
use crate::text::{BlockKind, Document};

const TITLE_WORDS: &[&str] = &[
    "方案", "规划", "计划", "意见", "办法", "要点", "纲要", "细则", "措施", "决定", "通知", "安排",
];

/// A line of a crawled page's markup (`- **文件名称**:…`, `## 文档:…`, `> …`): a
/// description of the document, never its title.
fn is_markup_line(s: &str) -> bool {
    let label_end = s.find("**:").map(|p| s[..p].chars().count());
    s.starts_with(['-', '*', '#', '>', '|'])
        || label_end.is_some_and(|k| k <= 12)
        || s.ends_with(".md")
        || s.starts_with("文档:")
        || s.starts_with("文檔:")
}

/// `静府发〔2016〕20号`: its range.
pub fn find_doc_number(s: &[char]) -> Option<(usize, usize)> {
    for i in 0..s.len() {
        if !matches!(s[i], '〔' | '[' | '(' | '【') {
            continue;
        }
        let close = match s[i] {
            '〔' => '〕',
            '[' => ']',
            '(' => ')',
            _ => '】',
        };
        let digits = s[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits != 4 || s.get(i + 5) != Some(&close) {
            continue;
        }
        let num = s[i + 6..].iter().take_while(|c| c.is_ascii_digit()).count();
        if num == 0 || !matches!(s.get(i + 6 + num), Some('号')) {
            continue;
        }
        let mut start = i;
        while start > 0 && i - start < 10 && is_han(s[start - 1]) {
            start -= 1;
        }
        if start == i {
            continue;
        }
        return Some((start, i + 7 + num));
    }
    None
}

use crate::lex::chars::is_han;

/// `2017年4月1日`, `2015-03-06`: (year, month, day, range).
pub fn find_date(s: &[char]) -> Option<(i32, u32, u32, usize, usize)> {
    for i in 0..s.len() {
        let d = s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d != 4 || (i > 0 && s[i - 1].is_ascii_digit()) {
            continue;
        }
        let y: i32 = crate::lex::chars::parse_ascii(&s[i..i + 4])?;
        let sep = *s.get(i + 4)?;
        if !matches!(sep, '年' | '-' | '.' | '/') {
            continue;
        }
        let m_len = s[i + 5..].iter().take_while(|c| c.is_ascii_digit()).count();
        if m_len == 0 || m_len > 2 {
            continue;
        }
        let m: u32 = s[i + 5..i + 5 + m_len]
            .iter()
            .collect::<String>()
            .parse()
            .ok()?;
        let j = i + 5 + m_len;
        let sep2 = if sep == '年' { '月' } else { sep };
        if s.get(j) != Some(&sep2) {
            continue;
        }
        let d_len = s[j + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d_len == 0 || d_len > 2 {
            continue;
        }
        let day: u32 = s[j + 1..j + 1 + d_len]
            .iter()
            .collect::<String>()
            .parse()
            .ok()?;
        let mut end = j + 1 + d_len;
        if sep == '年' {
            if s.get(end) != Some(&'日') {
                continue;
            }
            end += 1;
        }
        if (1..=12).contains(&m)
            && (1..=31).contains(&day)
            && crate::lex::years::VALID_YEARS.contains(&y)
        {
            return Some((y, m, day, i, end));
        }
    }
    None
}

pub fn extract(doc: &Document) -> Meta {
    let mut meta = Meta {
        script: doc.script,
        ..Meta::default()
    };
    let head: Vec<usize> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Cell)
        .map(|(i, _)| i)
        .take(40)
        .collect();
    let text_of = |bi: usize, a: usize, b: usize| block_text(doc, bi, a, b);

    // 文号: the first one outside quoted citations in the opening blocks.
    for &bi in &head {
        let chars = &doc.blocks[bi].chars;
        if let Some((a, b)) = find_doc_number(chars) {
            let cited =
                chars[..a].iter().rev().take(3).any(|c| *c == '(') && chars.len() > (b - a) + 12;
            if !cited {
                meta.doc_number = Some(text_of(bi, a, b));
                break;
            }
        }
    }
    // Date: a line that is a date (or "发布日期: …"), early or at the signature.
    for &bi in &head {
        let chars = &doc.blocks[bi].chars;
        if let Some((y, m, d, a, b)) = find_date(chars) {
            let short = chars.len() <= b - a + 8;
            let labeled = ["发布日期", "成文日期", "印发日期", "日期"]
                .iter()
                .any(|w| starts(chars, 0, w));
            if short || labeled {
                meta.date = Some(format!("{y:04}-{m:02}-{d:02}"));
                meta.date_text = Some(text_of(bi, a, b));
                meta.year = Some(y);
                break;
            }
        }
    }
    if meta.year.is_none() {
        if let Some(n) = &meta.doc_number {
            let digits: String = n.chars().filter(|c| c.is_ascii_digit()).take(4).collect();
            meta.year = digits.parse().ok();
        }
    }
    // Title: the plan's own title line, else the 《…》 of the notice that issues it.
    let mut notice_title = None;
    for &bi in &head {
        let b = &doc.blocks[bi];
        let n = b.chars.len();
        if b.kind != BlockKind::Para
            || !(6..=80).contains(&n)
            || matches!(b.chars.last(), Some('。' | ':'))
        {
            continue;
        }
        if markers::detect(&b.chars).is_some() {
            continue;
        }
        let s: String = b.text();
        if is_markup_line(&s) || !TITLE_WORDS.iter().any(|w| s.contains(w)) || s.contains(',') {
            continue;
        }
        // Digits glued before a title are a page or list number, but `2026年…` is its year.
        let digits = b.chars.iter().take_while(|c| c.is_ascii_digit()).count();
        let skip = if b.chars.get(digits) == Some(&'年') {
            0
        } else {
            digits
        };
        let mut title = text_of(bi, skip, n);
        // A scrape's label glued after the title: "…实施意见**发布日期**: …".
        // The display keeps the full-width colon, so look for both.
        if let Some(end) = title.find("**:").or_else(|| title.find("**：")) {
            if let Some(start) = title[..end].rfind("**") {
                title.truncate(start);
            }
        }
        title = title.replace("**", "").trim().to_string();
        if s.contains("印发") || s.ends_with("通知") {
            if notice_title.is_none() {
                notice_title = Some((bi, title));
            }
            continue;
        }
        // The longest title line is the plan's full name (a scrape may add a short one).
        if meta
            .title
            .as_ref()
            .is_none_or(|t| t.chars().count() < title.chars().count())
        {
            meta.title = Some(title);
        }
    }
    if meta.title.is_none() {
        // "现将《…》印发给你们" / "关于印发《…》的通知"
        for &bi in &head {
            let chars = &doc.blocks[bi].chars;
            if let (Some(open), Some(close)) = (
                chars.iter().position(|c| *c == '《'),
                chars.iter().position(|c| *c == '》'),
            ) {
                if close > open + 1 && crate::lex::chars::contains(chars, "印发") {
                    meta.title = Some(text_of(bi, open + 1, close));
                    break;
                }
            }
        }
    }
    if meta.title.is_none() {
        meta.title = notice_title.as_ref().map(|(_, t)| t.clone());
    }
    // A title set over several lines reads as one line.
    meta.title = meta
        .title
        .map(|t| t.lines().map(str::trim).collect::<String>());
    // "某市2022年工作要点", "…行动计划（2023—2025年）": a plan starts in its period's first year.
    // A scrape's "文件名称: …" label names the plan too (never its title: see above).
    if meta.year.is_none() {
        let label = head.iter().find_map(|&bi| {
            let s = doc.blocks[bi].text();
            let at = s.find("文件名称")?;
            Some(s[at..].chars().collect::<Vec<char>>())
        });
        for t in meta
            .title
            .iter()
            .map(|t| t.chars().collect::<Vec<char>>())
            .chain(label)
        {
            if let Some(p) = crate::lex::years::period(&t) {
                meta.year = Some(p.start);
                break;
            }
        }
    }
    // Issuer: "发布机关: X", a signature line "X人民政府", or the notice's prefix.
    // Read on the blocks' chars (no string built for each block).
    let ends = |chars: &[char], w: &str| crate::lex::chars::ends_at(chars, chars.len(), w);
    for &bi in &head {
        let chars = &doc.blocks[bi].chars;
        if let Some(label) = ["发布机关:", "发文机关:"]
            .iter()
            .find(|w| starts(chars, 0, w))
        {
            let skip = label.chars().count();
            meta.issuer = Some(text_of(bi, skip, chars.len()));
            break;
        }
        let n = chars.len();
        if (4..=30).contains(&n)
            && ["人民政府", "办公厅", "办公室", "委员会", "政府"]
                .iter()
                .any(|w| ends(chars, w))
            && chars.first() != Some(&'各')
            && markers::detect(chars).is_none()
            && !chars
                .iter()
                .any(|c| matches!(c, ',' | '。' | '、' | ':' | '(' | ')'))
        {
            meta.issuer = Some(text_of(bi, 0, n));
            break;
        }
    }
    if meta.issuer.is_none() {
        if let Some((bi, _)) = &notice_title {
            // "X关于印发《…》的通知", "X印发《…》的通知": the issuer is what comes first.
            let chars = &doc.blocks[*bi].chars;
            let k = (0..chars.len()).find(|&k| {
                starts(chars, k, "关于") || starts(chars, k, "印发") || chars[k] == '《'
            });
            if let Some(k) = k.filter(|&k| k >= 4) {
                meta.issuer = Some(text_of(*bi, 0, k));
            }
        }
    }
    if meta.date.is_none() || meta.issuer.is_none() {
        sign_off(doc, &mut meta);
    }
    // 主送: "各镇人民政府,各街道办事处,区政府各委、办、局:"
    for &bi in head.iter().take(20) {
        let chars = &doc.blocks[bi].chars;
        if chars.last() == Some(&':')
            && chars.contains(&'各')
            && !chars.contains(&'。')
            && chars.len() <= 120
        {
            let body = &chars[..chars.len() - 1];
            let mut start = 0;
            for (i, c) in body
                .iter()
                .enumerate()
                .chain(std::iter::once((body.len(), &',')))
            {
                if matches!(c, ',' | ';') || i == body.len() {
                    if i > start {
                        meta.recipients.push(text_of(bi, start, i));
                    }
                    start = i + 1;
                }
            }
            break;
        }
    }
    meta
}

/// What a reader sees of chars `a..b` of block `bi`.
fn block_text(doc: &Document, bi: usize, a: usize, b: usize) -> String {
    let [s, e] = doc.blocks[bi].span(a, b);
    doc.display(s, e)
}

/// The sign-off at the end of a long text (issuers a line each, then the date line):
/// its date and issuers, where the opening lines gave none.
fn sign_off(doc: &Document, meta: &mut Meta) {
    let paras: Vec<usize> = (0..doc.blocks.len())
        .rev()
        .filter(|&i| doc.blocks[i].kind == BlockKind::Para)
        .take(24)
        .collect();
    let whole_date = |bi: usize| {
        let chars = &doc.blocks[bi].chars;
        find_date(chars).filter(|d| d.3 == 0 && d.4 == chars.len())
    };
    let Some((at, (y, m, d, a, b))) = paras
        .iter()
        .enumerate()
        .find_map(|(k, &bi)| Some((k, whole_date(bi)?)))
    else {
        return;
    };
    let bi = paras[at];
    if meta.date.is_none() {
        meta.date = Some(format!("{y:04}-{m:02}-{d:02}"));
        meta.date_text = Some(block_text(doc, bi, a, b));
        meta.year = meta.year.or(Some(y));
    }
    if meta.issuer.is_none() {
        let signers: Vec<String> = paras[at + 1..]
            .iter()
            .take_while(|&&i| crate::lex::notes::looks_like_unit(&doc.blocks[i].chars))
            .map(|&i| block_text(doc, i, 0, doc.blocks[i].chars.len()))
            .collect();
        if !signers.is_empty() {
            meta.issuer = Some(signers.into_iter().rev().collect::<Vec<_>>().join("、"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_notice_metadata() {
        let doc = Document::new(
            "寧政〔2018〕92號\n各縣、區人民政府,市政府各局、委、辦:\n現將《西寧市實施方案》印發給你們,請認真抓好貫徹落實。\n西寧市人民政府\n2018年9月5日\n",
        );
        let m = extract(&doc);
        assert_eq!(m.doc_number.as_deref(), Some("寧政〔2018〕92號"));
        assert_eq!(m.date.as_deref(), Some("2018-09-05"));
        assert_eq!(m.title.as_deref(), Some("西寧市實施方案"));
        assert_eq!(m.issuer.as_deref(), Some("西寧市人民政府"));
        assert_eq!(m.recipients, vec!["各縣、區人民政府", "市政府各局、委、辦"]);
        assert_eq!(m.script, crate::model::Script::Traditional);
    }

    #[test]
    fn a_sign_off_after_a_long_text_gives_the_date_and_issuers() {
        let mut text = String::from("某某部等两部门关于推动产业发展的实施意见\n");
        for k in 1..=45 {
            text.push_str(&format!("{k}.推进第{k}项工作。加强统筹协调。\n"));
        }
        text.push_str("工业和信息化部\n教育部\n2024年1月18日\n");
        let m = extract(&Document::new(&text));
        assert_eq!(m.date.as_deref(), Some("2024-01-18"));
        assert_eq!(m.issuer.as_deref(), Some("工业和信息化部、教育部"));
    }

    #[test]
    fn the_issuer_of_a_notice_title_ends_before_what_it_issues() {
        let m = extract(&Document::new(
            "北京市经济和信息化局印发《关于推进数据专区建设的指导意见》的通知\n各区政府:\n一、总体要求\n",
        ));
        assert_eq!(m.issuer.as_deref(), Some("北京市经济和信息化局"));
    }

    #[test]
    fn a_crawled_markdown_line_is_never_the_title() {
        let m = extract(&Document::new(
            "## 文档:某市促进产业发展行动方案.md\n- **文件名称**:某市促进产业发展三年行动方案(2024-2026年)\n- **发文字号**:某府办发〔2024〕3号\n\n某市促进产业发展行动方案\n\n一、主要任务\n",
        ));
        assert_eq!(m.title.as_deref(), Some("某市促进产业发展行动方案"));
        assert_eq!(m.doc_number.as_deref(), Some("某府办发〔2024〕3号"));
    }

    #[test]
    fn a_title_over_two_lines_is_one_line() {
        let m = extract(&Document::new(
            "关于做好地方政府专项债券发行\n及项目配套融资工作的通知\n一、总体要求\n",
        ));
        assert!(
            m.title.as_deref().is_some_and(|t| !t.contains('\n')),
            "{:?}",
            m.title
        );
    }

    #[test]
    fn a_year_opening_the_title_stays() {
        let m = extract(&Document::new(
            "2026年广州市天河区幼儿园招生工作方案\n一、招生对象\n",
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("2026年广州市天河区幼儿园招生工作方案")
        );
        let m = extract(&Document::new("3某区科技创新行动方案\n一、总体要求\n"));
        assert_eq!(m.title.as_deref(), Some("某区科技创新行动方案"));
    }

    #[test]
    fn year_from_the_title() {
        let m = extract(&Document::new(
            "咸阳市2022年深化改革工作要点\n一、总体要求\n",
        ));
        assert_eq!(m.year, Some(2022));
    }

    #[test]
    fn year_from_the_period_in_the_title() {
        let m = extract(&Document::new(
            "上海市促进商业航天发展行动计划（2023—2025年）\n一、总体要求\n",
        ));
        assert_eq!(m.year, Some(2023));
        let m = extract(&Document::new("“十四五”国家应急体系规划\n一、总体要求\n"));
        assert_eq!(m.year, Some(2021));
    }

    #[test]
    fn plan_title_line_wins_over_notice() {
        let doc = Document::new("上海市静安区人民政府关于印发《静安区“十三五”规划》的通知\n(2016年12月30日)\n静府发〔2016〕20号\n静安区“十三五”规划\n");
        let m = extract(&doc);
        assert_eq!(m.title.as_deref(), Some("静安区“十三五”规划"));
        assert_eq!(m.issuer.as_deref(), Some("上海市静安区人民政府"));
        assert_eq!(m.doc_number.as_deref(), Some("静府发〔2016〕20号"));
        assert_eq!(m.year, Some(2016));
    }
}
