//! Warnings for the user: measures with no owner, numbering gaps and repeats,
//! `20XX` placeholders, duplicated passages.

use crate::lex::hash::FastMap;
use crate::lex::markers::Style;
use crate::model::{Measure, Warning};
use crate::outline::{self, Outline};
use crate::text::{BlockKind, Document};

pub fn missing_owners(measures: &[Measure]) -> Vec<Warning> {
    let owned = |m: &Measure| !m.lead.is_empty() || !m.support.is_empty();
    let with_owner = measures.iter().filter(|m| owned(m)).count();
    // Only where the plan otherwise names owners.
    if with_owner == 0 || with_owner * 3 < measures.len() {
        return vec![];
    }
    let mut out = vec![];
    // A whole part with no owner at all is one warning, not one per measure.
    let part = |m: &Measure| m.section.split('/').next().unwrap_or("").to_string();
    let mut i = 0;
    while i < measures.len() {
        let p = part(&measures[i]);
        let j = (i..measures.len())
            .find(|&k| part(&measures[k]) != p)
            .unwrap_or(measures.len());
        let group = &measures[i..j];
        if group.len() > 1 && group.iter().all(|m| !owned(m)) {
            out.push(Warning {
                kind: "missing_owner".into(),
                message: format!("第“{p}”部分的 {} 项措施都没有写明责任单位", group.len()),
                span: [group[0].span[0], group[group.len() - 1].span[1]],
            });
        } else {
            out.extend(group.iter().filter(|m| !owned(m)).map(|m| Warning {
                kind: "missing_owner".into(),
                message: format!("措施 {}({})没有写明责任单位", m.section, head(&m.text)),
                span: m.span,
            }));
        }
        i = j;
    }
    out
}

fn head(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).take(16).collect();
    if s.chars().filter(|c| !c.is_whitespace()).count() > 16 {
        format!("{t}…")
    } else {
        t
    }
}

pub fn numbering(doc: &Document, outline: &Outline) -> Vec<Warning> {
    let mut out = vec![];
    // Walked, not collected (a list as long as the outline, while the views are held).
    let groups = outline
        .nodes
        .iter()
        .map(|n| n.children.as_slice())
        .chain(std::iter::once(outline.roots.as_slice()));
    // Items numbered on across sections (5. under (二) after 4. under (一)) have no gap.
    // By node: the number of the node of its style before it in the document.
    let mut previous_in_doc: Vec<Option<u32>> = Vec::with_capacity(outline.nodes.len());
    let mut last_of_style: FastMap<Style, u32> = FastMap::default();
    for n in &outline.nodes {
        previous_in_doc.push(last_of_style.get(&n.marker.style).copied());
        last_of_style.insert(n.marker.style, n.marker.number);
    }
    for siblings in groups {
        let mut last: FastMap<Style, u32> = FastMap::default();
        for &c in siblings {
            let node = &outline.nodes[c];
            let style = node.marker.style;
            if matches!(style, Style::Dash | Style::Shi | Style::Box) || node.marker.number == 0 {
                continue;
            }
            let n = node.marker.number;
            let block = &doc.blocks[node.block];
            // Written only into a warning (most markers make none).
            let label = || outline::marker_label(doc, node);
            match last.insert(style, n) {
                Some(prev) if n == prev => out.push(Warning {
                    kind: "numbering_repeat".into(),
                    message: format!("编号“{}”重复出现", label()),
                    span: [block.start, block.end],
                }),
                Some(prev) if n > prev + 1 => out.push(Warning {
                    kind: "numbering_gap".into(),
                    message: format!(
                        "编号“{}”之前缺少 {} 项(上一项为第 {prev} 项)",
                        label(),
                        n - prev - 1
                    ),
                    span: [block.start, block.end],
                }),
                None if n > 1 && previous_in_doc.get(c).copied().flatten() != Some(n - 1) => out
                    .push(Warning {
                        kind: "numbering_gap".into(),
                        message: format!("编号“{}”之前缺少 {} 项", label(), n - 1),
                        span: [block.start, block.end],
                    }),
                _ => {}
            }
        }
    }
    out.sort_by_key(|w| w.span);
    out
}

/// `20XX`, `20X5`: years left as placeholders. Many of them make one warning with
/// their count, pointing at the first.
pub fn placeholders(doc: &Document) -> Vec<Warning> {
    let blank = |c: char| matches!(c, 'X' | 'x' | '×' | '*');
    let mut found: Vec<[usize; 2]> = vec![];
    for b in doc.blocks.iter().filter(|b| b.kind != BlockKind::Noise) {
        let s = &b.chars;
        for i in 0..s.len().saturating_sub(3) {
            if s[i] == '2'
                && s[i + 1] == '0'
                && blank(s[i + 2])
                && (blank(s[i + 3]) || s[i + 3].is_ascii_digit())
            {
                found.push(b.span(i, i + 4));
            }
        }
    }
    const GROUP_FROM: usize = 4;
    if found.len() >= GROUP_FROM {
        let [a, e] = found[0];
        return vec![Warning {
            kind: "placeholder_year".into(),
            message: format!(
                "年份占位符(如“{}”)共出现 {} 处,相关目标和时限的年份无法确定",
                doc.display(a, e),
                found.len()
            ),
            span: [a, e],
        }];
    }
    found
        .into_iter()
        .map(|[a, e]| Warning {
            kind: "placeholder_year".into(),
            message: format!("年份“{}”是占位符,相关目标的年份无法确定", doc.display(a, e)),
            span: [a, e],
        })
        .collect()
}

crate::lexicon!(FORM_FIELDS, "form_fields.txt");
crate::lexicon!(NOTICE_TITLES, "notice_titles.txt");

/// Fields of a form found in the text (distinct words; the first blocks suffice).
fn form_fields(doc: &Document) -> usize {
    let texts: Vec<String> = doc
        .blocks
        .iter()
        .take(400)
        .map(|b| b.chars.iter().collect())
        .collect();
    FORM_FIELDS
        .words()
        .iter()
        .filter(|w| texts.iter().any(|t| t.contains(*w)))
        .count()
}

/// Whether one of the first lines names the text a notice (…的通知, 公告).
fn titled_notice(doc: &Document) -> bool {
    doc.blocks
        .iter()
        .take(8)
        .any(|b| b.chars.len() <= 40 && NOTICE_TITLES.occurs_in_chars(&b.chars))
}

/// Nothing recognized is said plainly, never shown as "no problems".
pub fn nothing_found(doc: &Document, measures: usize, targets: usize) -> Vec<Warning> {
    let end = doc.orig.len();
    let message = match (measures, targets) {
        (0, 0) if form_fields(doc) >= 3 => "这像是一份需要填写的表格(申请表、登记表等),不是规划或实施方案:其中没有任务或指标。如要分析方案,请打开方案正文。",
        (0, 0) if titled_notice(doc) => "这像是一份通知或公告,没有识别出规划那样的任务(措施)或指标:如果通知附有实施方案,请打开方案正文(附件)再分析;否则请核对原文。",
        (0, 0) => "没有识别出任何任务或指标:这段文字可能不是规划或实施方案,或者它的版式未能识别。请核对原文。",
        (0, _) => "没有识别出任务(措施):只找到了指标。请核对原文的编号和版式。",
        _ => return vec![],
    };
    vec![Warning {
        kind: "nothing_found".into(),
        message: message.into(),
        span: [0, end],
    }]
}

/// FNV-1a over a block's chars: cheap, and equal blocks are compared in full anyway.
fn fnv(chars: &[char]) -> u64 {
    chars.iter().fold(0xcbf29ce484222325u64, |h, c| {
        (h ^ *c as u64).wrapping_mul(0x100000001b3)
    })
}

pub fn duplicates(doc: &Document) -> Vec<Warning> {
    let mut seen: FastMap<u64, usize> = FastMap::default();
    let mut out = vec![];
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.kind != BlockKind::Para || b.chars.len() < 30 {
            continue;
        }
        let h = fnv(&b.chars);
        if let Some(&first) = seen.get(&h).filter(|&&f| doc.blocks[f].chars == b.chars) {
            let f = &doc.blocks[first];
            out.push(Warning {
                kind: "duplicate_passage".into(),
                message: format!("这一段与前文重复(首次出现在第 {} 字处)", f.start + 1),
                span: [b.start, b.end],
            });
        } else {
            seen.entry(h).or_insert(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    fn kinds(text: &str) -> Vec<(String, String)> {
        analyze(text)
            .warnings
            .into_iter()
            .map(|w| (w.kind, w.message))
            .collect()
    }

    #[test]
    fn nothing_recognized_is_said_plainly() {
        let w = kinds("春季露营活动指南\n带上帐篷和睡袋,注意防晒。");
        assert!(
            w.iter()
                .any(|(k, m)| k == "nothing_found" && m.contains("没有识别出任何任务或指标")),
            "{w:?}"
        );
        let w = kinds("一、主要任务\n(一)建设平台。建成平台3个。(责任单位:区科委)");
        assert!(!w.iter().any(|(k, _)| k == "nothing_found"), "{w:?}");
    }

    #[test]
    fn a_form_or_a_notice_with_nothing_found_is_named() {
        let form = "附件1\n参与单位申请表\n填报日期： 年 月 日\n企业名称 | \n统一社会信用代码 | \n法定代表人 | | 联系电话 | \n（单位公章）";
        let w = kinds(form);
        assert!(
            w.iter()
                .any(|(k, m)| k == "nothing_found" && m.contains("表格")),
            "{w:?}"
        );
        let notice =
            "关于举办培训班的通知\n各有关单位：\n定于下周举办培训班，请按时参加。\n特此通知。";
        let w = kinds(notice);
        assert!(
            w.iter()
                .any(|(k, m)| k == "nothing_found" && m.contains("通知或公告")),
            "{w:?}"
        );
    }

    #[test]
    fn many_placeholder_years_make_one_warning_with_their_count() {
        let text = "一、发展目标\n到20XX年,新增企业10家。到20XX年,新增平台5个。到20X5年,产值达到1亿元。20XX年底前完成验收。";
        let w = kinds(text);
        let placeholders: Vec<_> = w.iter().filter(|(k, _)| k == "placeholder_year").collect();
        assert_eq!(placeholders.len(), 1, "{w:?}");
        assert!(placeholders[0].1.contains("共出现 4 处"), "{w:?}");
        let w = kinds("一、发展目标\n到20X5年,产值达到1亿元。");
        assert_eq!(
            w.iter().filter(|(k, _)| k == "placeholder_year").count(),
            1,
            "{w:?}"
        );
    }
}
