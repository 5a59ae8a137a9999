//! 指标表 tables whose value cells hold bare numbers:
//! `指标 | 单位 | 2020年 | 2025年 | 属性`, then `研发投入强度(%) | | 2.5 | 3 | 预期性`.
//! The value comes from the column of the latest year (or the one named 目标),
//! the unit from a 单位 column or the brackets after the indicator.

use super::cell_rows;
use crate::lex::chars::starts_at as starts;
use crate::lex::markers::row_number;
use crate::lex::numbers::number_at;
use crate::lex::years::{self, YearHit};
use crate::model::{Comparator, Target, YearBasis};
use crate::outline::{self, Outline};
use crate::text::blocks::row_cells as cells;
use crate::text::{BlockKind, Document};

struct Header {
    width: usize,
    value_col: usize,
    unit_col: Option<usize>,
    year: Option<i32>,
    /// The value column states each target in words (`评价标准`: `2023年达到80%`).
    prose: bool,
}

fn header(chars: &[char]) -> Option<Header> {
    let cs = cells(chars);
    if cs.len() < 2 {
        return None;
    }
    let text = |k: usize| -> &[char] { &chars[cs[k].0..cs[k].1] };
    // Header cells are names: short, no sentence, no value ("签约数量指标 | … | 2023年达到80%。").
    if (0..cs.len()).any(|k| {
        let t = text(k);
        t.len() > 16 || t.iter().any(|c| matches!(c, '。' | '%' | ',' | ';'))
    }) {
        return None;
    }
    let names_indicator = (0..cs.len()).any(|k| {
        let t: String = text(k).iter().collect();
        t.contains("指标") || t.contains("项目") || t.contains("名称")
    });
    if !names_indicator {
        return None;
    }
    let mut best: Option<(i32, usize)> = None;
    let mut target_col = None;
    let mut standard_col = None;
    let mut unit_col = None;
    for k in 0..cs.len() {
        let t: String = text(k).iter().collect();
        if t == "单位" || t == "计量单位" {
            unit_col = Some(k);
        }
        if t.contains("目标") && !t.contains("指标") {
            target_col.get_or_insert(k);
        }
        if t.contains("标准") || t.contains("要求") {
            standard_col.get_or_insert(k);
        }
        if let Some(YearHit::Year(y)) = years::find(text(k), true) {
            if best.is_none_or(|(by, _)| y > by) {
                best = Some((y, k));
            }
        }
    }
    let (year, value_col, prose) = match (best, target_col, standard_col) {
        (Some((y, k)), _, _) => (Some(y), k, false),
        (None, Some(k), _) => (None, k, false),
        (None, None, Some(k)) => (None, k, true),
        _ => return None,
    };
    Some(Header {
        width: cs.len(),
        value_col,
        unit_col,
        year,
        prose,
    })
}

/// A value cell read: `≥500`, `500以上`, `3.5左右`, `[20]`, `15%`, `下降15%`, `<15000`,
/// `不低于90%`, `力争2023年达到60%`, `大于3类`.
struct CellValue {
    value: f64,
    /// The upper end of a range cell (`35-36`).
    value_max: Option<f64>,
    comparator: Comparator,
    unit: Option<String>,
    /// A year the cell names itself.
    year: Option<i32>,
}

/// Words before the number of a value cell, and the comparator each gives.
const LEADS: &[(&str, Option<Comparator>)] = &[
    ("不低于", Some(Comparator::AtLeast)),
    ("不少于", Some(Comparator::AtLeast)),
    ("大于", Some(Comparator::AtLeast)),
    ("高于", Some(Comparator::AtLeast)),
    ("超过", Some(Comparator::AtLeast)),
    ("≥", Some(Comparator::AtLeast)),
    (">", Some(Comparator::AtLeast)),
    ("＞", Some(Comparator::AtLeast)),
    ("不高于", Some(Comparator::AtMost)),
    ("不超过", Some(Comparator::AtMost)),
    ("小于", Some(Comparator::AtMost)),
    ("低于", Some(Comparator::AtMost)),
    ("≤", Some(Comparator::AtMost)),
    ("<", Some(Comparator::AtMost)),
    ("＜", Some(Comparator::AtMost)),
    ("约", Some(Comparator::About)),
    ("力争", None),
    ("达到", None),
    ("达", None),
    ("下降", None),
    ("降低", None),
    ("减少", None),
    ("提高", None),
    ("提升", None),
    ("增长", None),
    ("增加", None),
    ("[", None),
    ("〔", None),
    ("(", None),
];

fn value_cell(s: &[char]) -> Option<CellValue> {
    let mut i = 0;
    let mut comparator = Comparator::Exact;
    let mut year = None;
    // Lead words, and a year of its own: `力争2023年达到60%`, `到2025年底达到100%`.
    loop {
        if let Some((w, c)) = LEADS.iter().find(|(w, _)| starts(s, i, w)) {
            comparator = c.unwrap_or(comparator);
            i += w.chars().count();
            continue;
        }
        let at = if matches!(s.get(i), Some('到' | '至')) {
            i + 1
        } else {
            i
        };
        let digits = s
            .get(at..at + 4)
            .filter(|d| d.iter().all(|c| c.is_ascii_digit()));
        if let Some(d) = digits.filter(|_| s.get(at + 4) == Some(&'年')) {
            year = d.iter().collect::<String>().parse().ok();
            i = at + 5;
            if s.get(i) == Some(&'底') {
                i += 1;
            }
            continue;
        }
        break;
    }
    let n = number_at(s, i).filter(|n| !n.chinese)?;
    let mut j = i + n.len;
    // A range: `35-36`, `0.3~0.4`.
    let mut value_max = None;
    if matches!(s.get(j), Some('-' | '~' | '—' | '至')) {
        if let Some(m) = number_at(s, j + 1).filter(|m| !m.chinese && m.value > n.value) {
            value_max = Some(m.value);
            j += 1 + m.len;
            comparator = Comparator::Range;
        }
    }
    let mut unit = None;
    if let Some(&c) = s.get(j).filter(|c| matches!(c, '%' | '‰')) {
        unit = Some(c.to_string());
        j += 1;
    } else if let Some(w) = super::MEASURE_WORDS.prefix_at(s, j) {
        unit = Some(w.to_string());
        j += w.chars().count();
    }
    let rest = s.get(j..).unwrap_or(&[]);
    let rest_len = rest
        .iter()
        .position(|c| matches!(c, ',' | '。' | ';'))
        .unwrap_or(rest.len());
    let rest: String = rest[..rest_len]
        .iter()
        .filter(|c| !matches!(c, ']' | '〕' | ')'))
        .collect();
    comparator = match rest.as_str() {
        "以上" => Comparator::AtLeast,
        "左右" => Comparator::About,
        "以内" | "以下" => Comparator::AtMost,
        "" => comparator,
        _ => return None,
    };
    Some(CellValue {
        value: n.value,
        value_max,
        comparator,
        unit,
        year,
    })
}

/// A value cell of a table that states its targets in words, read like a sentence.
pub struct ProseCell {
    pub block: usize,
    pub a: usize,
    pub b: usize,
    pub node: Option<usize>,
    /// The table's header row.
    pub header: usize,
}

/// Targets from such tables in goal sections; returns the rows it read.
pub fn extract(
    doc: &Document,
    outline: &Outline,
    parts: &super::period::Parts,
    cells_in: &[(usize, Option<usize>)],
    out: &mut Vec<Target>,
    prose_cells: &mut Vec<ProseCell>,
) -> Vec<usize> {
    let mut handled = vec![];
    let mut head: Option<(usize, Header)> = None;
    for &(bi, node) in cells_in {
        let block = &doc.blocks[bi];
        if block.kind != BlockKind::Cell || !block.chars.contains(&'|') {
            head = None;
            continue;
        }
        if let Some(h) = header(&block.chars) {
            head = Some((bi, h));
            handled.push(bi);
            continue;
        }
        let Some((header_block, h)) = &head else {
            continue;
        };
        let cs = cells(&block.chars);
        if h.prose {
            // A row whose leading merged cells were lost keeps its last columns.
            let shift = h.width.saturating_sub(cs.len());
            if let Some(&(va, vb)) = h.value_col.checked_sub(shift).and_then(|k| cs.get(k)) {
                prose_cells.push(ProseCell {
                    block: bi,
                    a: va,
                    b: vb,
                    node,
                    header: *header_block,
                });
                handled.push(bi);
            }
            continue;
        }
        if cs.len() != h.width {
            continue;
        }
        let (va, vb) = cs[h.value_col];
        let Some(CellValue {
            value,
            value_max,
            comparator,
            unit: value_unit,
            year: cell_year,
        }) = value_cell(&block.chars[va..vb])
        else {
            continue;
        };
        // The indicator: the first cell that is not a number or a sequence number.
        let Some(&(ia, ib)) = cs.iter().find(|(a, b)| {
            b > a
                && !block.chars[*a..*b]
                    .iter()
                    .all(|c| c.is_ascii_digit() || *c == '.')
        }) else {
            continue;
        };
        let ind = &block.chars[ia..ib];
        let bracket = ind
            .iter()
            .rposition(|c| *c == '(')
            .filter(|_| ind.last() == Some(&')'));
        let unit = match (h.unit_col, bracket) {
            (Some(k), _) if cs[k].1 > cs[k].0 => {
                let [s, e] = block.span(cs[k].0, cs[k].1);
                doc.display(s, e)
            }
            (_, Some(p)) => {
                let [s, e] = block.span(ia + p + 1, ib - 1);
                doc.display(s, e)
            }
            _ => value_unit.clone().unwrap_or_default(),
        };
        let [is, ie] = block.span(ia, bracket.map(|p| ia + p).unwrap_or(ib));
        let [ts, te] = block.span(0, block.chars.len());
        let (year, year_basis) = match (cell_year.or(h.year), parts.due_year(bi)) {
            (Some(y), _) => (Some(y), YearBasis::Sentence),
            (None, Some(y)) => (Some(y), YearBasis::PlanPeriod),
            (None, None) => (None, YearBasis::None),
        };
        out.push(Target {
            id: String::new(),
            text: doc.display(ts, te),
            indicator: doc.display(is, ie),
            value,
            value_max,
            unit,
            comparator,
            year,
            year_basis,
            measure: None,
            section: outline::section_path(doc, outline, node),
            span: block.span(va, vb),
            edited: false,
        });
        handled.push(bi);
    }
    handled
}

crate::lexicon!(HEADER_CELLS, "table_headers.txt");

/// A header cell of a table laid out one cell per line: a listed word or a year column,
/// either after a five-year period (`“十五五”目标`, `“十四五”现状`).
fn is_header_line(chars: &[char]) -> bool {
    HEADER_CELLS.is_whole(chars)
        || (chars.len() <= 10
            && matches!(years::find(chars, true), Some(YearHit::Year(_)))
            && chars.iter().filter(|c| c.is_ascii_digit()).count() == 4)
        || after_period(chars).is_some_and(|rest| !rest.is_empty() && HEADER_CELLS.is_whole(rest))
}

/// The chars after a leading five-year period (`“十五五”`, `十四五`), quotes included.
fn after_period(chars: &[char]) -> Option<&[char]> {
    let quote = |c: &char| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’');
    let start = chars.iter().take_while(|c| quote(c)).count();
    match chars.get(start..start + 3)? {
        ['十', '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九', '五'] => {}
        _ => return None,
    }
    let rest = &chars[start + 3..];
    Some(&rest[rest.iter().take_while(|c| quote(c)).count()..])
}

/// One line of a row: short, no sentence in it.
fn is_cell_line(b: &crate::text::Block) -> bool {
    b.kind != BlockKind::Noise && (1..=60).contains(&b.chars.len()) && !b.chars.contains(&'。')
}

/// Indicator tables laid out one cell per line (`序号`, `指标`, `预期值`, `属性`, then
/// `1`, `生产安全事故死亡人数`, `下降15%`, `约束性`, …). Returns the lines it read.
pub fn extract_cell_lines(
    doc: &Document,
    outline: &Outline,
    parts: &super::period::Parts,
    out: &mut Vec<Target>,
) -> Vec<usize> {
    let blocks = &doc.blocks;
    let text = |b: usize| -> String { blocks[b].chars.iter().collect() };
    let mut handled = vec![];
    let mut b = 0;
    while b < blocks.len() {
        // A table of the background (`“十四五”规划指标完成情况`) reports the past.
        if blocks[b].kind != BlockKind::Para
            || !is_header_line(&blocks[b].chars)
            || outline.in_background(b)
        {
            b += 1;
            continue;
        }
        // The header cells; a period on a line of its own (`“十五五”`) and the value
        // word below it (`目标值`) are one cell split over two lines.
        let mut head: Vec<String> = vec![];
        let mut lines = 0;
        while let Some(x) = blocks.get(b + lines).filter(|x| x.kind == BlockKind::Para) {
            let split = cell_rows::is_period_line(&x.chars)
                && blocks.get(b + lines + 1).is_some_and(|n| {
                    n.kind == BlockKind::Para && is_header_line(&n.chars) && {
                        let t = n.text();
                        t.contains('值') || t.contains("目标")
                    }
                });
            if split {
                head.push(format!("{}{}", text(b + lines), text(b + lines + 1)));
                lines += 2;
            } else if is_header_line(&x.chars) {
                head.push(text(b + lines));
                lines += 1;
            } else {
                break;
            }
        }
        let width = head.len();
        let col = |f: &dyn Fn(&str) -> bool| head.iter().position(|h| f(h));
        // The indicator is the last column naming one (`二级指标` after `一级指标`).
        let indicator_col = head
            .iter()
            .rposition(|h| h.contains("指标") && !h.contains("属性") && !h.contains("性质"));
        let seq_col = col(&|h| h == "序号" || h == "编号");
        let attr_col = col(&|h| h.contains("属性") || h.contains("性质"));
        let unit_col = col(&|h| h.contains("单位"));
        let latest_year = (0..width)
            .filter(|&k| !cell_rows::is_past_column(&head[k]))
            .filter_map(|k| {
                let chars: Vec<char> = head[k].chars().collect();
                match years::find(&chars, true) {
                    Some(YearHit::Year(y)) => Some((y, k)),
                    _ => None,
                }
            })
            .max();
        let value_col = latest_year.map(|(_, k)| k).or_else(|| {
            col(&|h| (h.contains("目标") || h.contains("预期值")) && !cell_rows::is_past_column(h))
        });
        let (Some(ic), Some(vc), true) = (indicator_col, value_col, width >= 2) else {
            b += lines;
            continue;
        };
        handled.extend(b..b + lines);
        let row_kit = RowKit {
            doc,
            outline,
            parts,
            width,
            unit_col,
            latest_year: latest_year.map(|y| y.0),
            header_unit: None,
        };
        let mut r = b + lines;
        loop {
            // A category line between rows ("安全生产"): the next line starts a row.
            if seq_col == Some(0)
                && blocks
                    .get(r)
                    .is_some_and(|x| !x.chars.iter().all(|c| c.is_ascii_digit()))
                && blocks
                    .get(r + 1)
                    .is_some_and(|x| x.chars.iter().all(|c| c.is_ascii_digit()))
            {
                handled.push(r);
                r += 1;
            }
            let row = r..r + width;
            let fits = row.end <= blocks.len()
                && row.clone().all(|x| is_cell_line(&blocks[x]))
                && seq_col.is_none_or(|k| blocks[r + k].chars.iter().all(|c| c.is_ascii_digit()))
                && attr_col.is_none_or(|k| {
                    let t = text(r + k);
                    t.contains("预期") || t.contains("约束")
                });
            if !fits {
                break;
            }
            handled.extend(row.clone());
            let cells: Vec<Option<usize>> = row.clone().map(Some).collect();
            r = row.end;
            row_kit.push(&cells, ic, vc, out);
        }
        // Rows that lost cells (merged or empty ones), from the first row that does not
        // fit on: read them from their attribute cell.
        if let Some(ac) = attr_col {
            let keep_left = ac.saturating_sub(ic.min(unit_col.unwrap_or(ic)));
            let stop = |k: usize| {
                outline.nodes.iter().any(|n| n.block == k)
                    || (is_header_line(&blocks[k].chars)
                        && blocks.get(k + 1).is_some_and(|n| is_header_line(&n.chars)))
            };
            let read = cell_rows::anchored(doc, r, width, ac, keep_left, &stop);
            for cells in &read.rows {
                row_kit.push(cells, ic, vc, out);
            }
            handled.extend(r..read.end);
            r = r.max(read.end);
        }
        b = r.max(b + lines);
    }
    handled
}

/// What every row of one one-cell-per-line table shares.
struct RowKit<'a> {
    doc: &'a Document,
    outline: &'a Outline,
    parts: &'a super::period::Parts,
    width: usize,
    unit_col: Option<usize>,
    latest_year: Option<i32>,
    /// The unit the value column's header names (`新增装机容量（MW）`).
    header_unit: Option<String>,
}

impl RowKit<'_> {
    /// The target of one row, whose cells are the lines `cells` (column by column).
    fn push(&self, cells: &[Option<usize>], ic: usize, vc: usize, out: &mut Vec<Target>) {
        let (doc, blocks) = (self.doc, &self.doc.blocks);
        if cells.len() != self.width {
            return;
        }
        let (Some(Some(ib)), Some(Some(vb))) = (cells.get(ic).copied(), cells.get(vc).copied())
        else {
            return;
        };
        let (Some(iblock), Some(vblock)) = (blocks.get(ib), blocks.get(vb)) else {
            return;
        };
        let Some(v) = value_cell(&vblock.chars) else {
            return;
        };
        let ind = &iblock.chars;
        let bracket = ind
            .iter()
            .rposition(|c| *c == '(')
            .filter(|_| ind.last() == Some(&')'));
        let unit_line = self
            .unit_col
            .and_then(|k| cells.get(k).copied().flatten())
            .and_then(|k| blocks.get(k));
        let unit = match (self.unit_col, unit_line, bracket) {
            (Some(_), Some(u), _) => doc.display(u.start, u.end),
            (Some(_), None, _) => v.unit.clone().unwrap_or_default(),
            (None, _, Some(p)) => {
                let [s, e] = iblock.span(p + 1, ind.len() - 1);
                doc.display(s, e)
            }
            (None, _, None) => v
                .unit
                .clone()
                .or_else(|| self.header_unit.clone())
                .unwrap_or_default(),
        };
        // A bracket is the unit only where no column holds one (`更新面积（含改扩建）`).
        let cut = bracket.filter(|_| self.unit_col.is_none());
        let [is, ie] = iblock.span(0, cut.unwrap_or(ind.len()));
        let indicator = doc.display(is, ie);
        let (year, year_basis) = match (v.year.or(self.latest_year), self.parts.due_year(vb)) {
            (Some(y), _) => (Some(y), YearBasis::Sentence),
            (None, Some(y)) => (Some(y), YearBasis::PlanPeriod),
            (None, None) => (None, YearBasis::None),
        };
        // The whole row as written, as a pipe row's text is: its cells in order.
        let mut text = String::new();
        for cell in cells.iter().flatten().filter_map(|&k| blocks.get(k)) {
            let t = doc.display(cell.start, cell.end);
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(t.trim());
        }
        out.push(Target {
            id: String::new(),
            text,
            indicator,
            value: v.value,
            value_max: v.value_max,
            unit,
            comparator: v.comparator,
            year,
            year_basis,
            measure: None,
            section: outline::section_path(
                doc,
                self.outline,
                self.outline.owner.get(vb).copied().flatten(),
            ),
            span: vblock.span(0, vblock.chars.len()),
            edited: false,
        });
    }
}

/// The unit a header cell names in closing brackets: `新增装机容量(MW)` → `MW`,
/// `面积(万平方米)` → `万平方米`.
fn bracketed_unit(chars: &[char]) -> Option<String> {
    let open = chars.iter().rposition(|c| *c == '(')?;
    if chars.last() != Some(&')') || open == 0 {
        return None;
    }
    let inner = &chars[open + 1..chars.len() - 1];
    let scale = SCALE_WORDS
        .iter()
        .find(|w| starts(inner, 0, w))
        .map_or(0, |w| w.chars().count());
    let word = &inner[scale..];
    (!word.is_empty() && (super::MEASURE_WORDS.is_whole(word) || word == ['%']))
        .then(|| inner.iter().collect())
}

const SCALE_WORDS: &[&str] = &["万", "亿", "千", "百"];

crate::lexicon!(QUANTITY_HEADERS, "table_quantity_headers.txt");

/// A total row's first cell: `合计`, `汇总`.
fn is_total_line(chars: &[char]) -> bool {
    matches!(
        chars,
        ['合', '计'] | ['汇', '总'] | ['总', '计'] | ['小', '计'] | ['总', '量']
    )
}

/// Allocation tables laid out one cell per line (`序号`, `区域`, `新增装机容量（MW）`,
/// then `1`, `黄浦区`, `0.3-0.4`, …): a numbered header, one column of which names a
/// quantity and its unit in brackets. Each row's cell in that column is a target of the
/// thing the row names (its second cell); `合计` rows too. The year is the header's
/// or the table title's period, else the plan's. Skips the lines in `done`.
pub fn extract_quantity_lines(
    doc: &Document,
    outline: &Outline,
    parts: &super::period::Parts,
    done: &[usize],
    out: &mut Vec<Target>,
) -> Vec<usize> {
    let blocks = &doc.blocks;
    let para = |k: usize| blocks.get(k).filter(|x| x.kind == BlockKind::Para);
    let mut handled = vec![];
    let mut b = 0;
    while b < blocks.len() {
        let starts_table = para(b)
            .is_some_and(|x| matches!(&x.chars[..], ['序', '号'] | ['编', '号']))
            && !outline.in_background(b)
            && done.binary_search(&b).is_err();
        if !starts_table {
            b += 1;
            continue;
        }
        // The header: the short lines up to row 1.
        let mut width = 1;
        while width <= 8
            && para(b + width).is_some_and(|x| {
                (1..=20).contains(&x.chars.len())
                    && !x.chars.contains(&'。')
                    && row_number(&x.chars).is_none()
            })
        {
            width += 1;
        }
        let first_row = para(b + width).is_some_and(|x| row_number(&x.chars) == Some(1));
        let quantity = (1..width).find_map(|k| {
            let head = &blocks[b + k].chars;
            let unit = bracketed_unit(head)?;
            QUANTITY_HEADERS.occurs_in_chars(head).then_some((k, unit))
        });
        let (true, Some((vc, unit)), true) = (first_row, quantity, (3..=8).contains(&width)) else {
            b += 1;
            continue;
        };
        let ic = if vc == 1 { 2 } else { 1 };
        let head = &blocks[b + vc].chars;
        // The year: the header's period, or the title's a few lines above.
        let title_year = (b.saturating_sub(3)..b)
            .rev()
            .filter_map(&para)
            .find_map(|t| years::period(&t.chars).map(|p| p.end));
        let header_year = match years::find(head, true) {
            Some(YearHit::Year(y)) if !cell_rows::is_past_column(&blocks[b + vc].text()) => Some(y),
            _ => None,
        };
        let kit = RowKit {
            doc,
            outline,
            parts,
            width,
            unit_col: None,
            latest_year: header_year.or(title_year),
            header_unit: Some(unit),
        };
        handled.extend(b..b + width);
        let mut r = b + width;
        let mut want = 1;
        while let Some(line) = para(r) {
            let number = row_number(&line.chars) == Some(want);
            let total = is_total_line(&line.chars);
            if !number && !total {
                break;
            }
            // The row's lines: up to the next number, total or header, within reason.
            let mut end = r + 1;
            while end < r + width + 2
                && para(end).is_some_and(|x| {
                    row_number(&x.chars) != Some(want + 1)
                        && !is_total_line(&x.chars)
                        && !crate::lex::markers::is_annex_title(&x.chars)
                        && !matches!(&x.chars[..], ['序', '号'] | ['编', '号'])
                        && (1..=60).contains(&x.chars.len())
                        && !x.chars.contains(&'。')
                        && !outline.nodes.iter().any(|n| n.block == end)
                })
            {
                end += 1;
            }
            let mut cells: Vec<Option<usize>> = vec![None; width];
            if number {
                for (k, line) in (r..end).enumerate().take(width) {
                    cells[k] = Some(line);
                }
            } else {
                // `合计` spans the first columns: its value is the first number after it.
                cells[ic] = Some(r);
                if let Some(v) = (r + 1..end).find(|&k| value_cell(&blocks[k].chars).is_some()) {
                    cells[vc] = Some(v);
                }
            }
            kit.push(&cells, ic, vc, out);
            handled.extend(r..end);
            if number {
                want += 1;
            }
            r = end;
        }
        b = r.max(b + 1);
    }
    handled
}

/// Header cells of the column that states a project's or task's content in words.
const CONTENT_HEADERS: &[&str] = &[
    "项目内容",
    "建设内容",
    "建设规模",
    "实施内容",
    "任务内容",
    "工作内容",
    "主要内容",
    "具体内容",
];

/// Project and task tables laid out one cell per line whose content column states each
/// deliverable in words (`项目名称`, `项目内容`, `总投资(亿元)`, then `公园绿地`,
/// `建设公园绿地200公顷`, `12`): the lines of their rows, each with the year of the
/// table's title (`“十四五”期间…项目表` → 2025) for the lines that name none.
/// A cell that is one of [`CONTENT_HEADERS`], compared without building its text.
fn is_content_header(chars: &[char]) -> bool {
    CONTENT_HEADERS
        .iter()
        .any(|w| w.chars().count() == chars.len() && starts(chars, 0, w))
}

pub fn content_cell_lines(doc: &Document, outline: &Outline) -> Vec<(usize, Option<YearHit>)> {
    let blocks = &doc.blocks;
    let mut out = vec![];
    let mut b = 0;
    while b < blocks.len() {
        let is_header = blocks[b].kind == BlockKind::Para && is_content_header(&blocks[b].chars);
        if !is_header {
            b += 1;
            continue;
        }
        // The title is the first longer line above the run of short header cells.
        let title = (0..b)
            .rev()
            .take(12)
            .map(|t| &blocks[t])
            .find(|t| t.kind == BlockKind::Para && t.chars.len() > 12);
        let year = title
            .and_then(|t| years::period(&t.chars).map(|p| YearHit::Year(p.end)))
            .or_else(|| title.and_then(|t| years::find(&t.chars, false)));
        let mut r = b + 1;
        while let Some(line) = blocks.get(r) {
            let heading = outline.nodes.iter().any(|n| n.block == r);
            let text = line.text();
            if line.kind != BlockKind::Para
                || heading
                || text.starts_with("附件")
                || is_content_header(&line.chars)
            {
                break;
            }
            out.push((r, year));
            r += 1;
        }
        b = r;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analyze;
    use crate::model::{Analysis, Comparator};

    /// indicator, value, unit, comparator, year of each target.
    fn rows(a: &Analysis) -> Vec<(String, f64, String, Comparator, Option<i32>)> {
        a.targets
            .iter()
            .map(|t| {
                (
                    t.indicator.clone(),
                    t.value,
                    t.unit.clone(),
                    t.comparator,
                    t.year,
                )
            })
            .collect()
    }

    #[test]
    fn latest_year_column_with_units_from_brackets() {
        let text = "二、主要目标\n指标 | 2020年 | 2025年 | 属性\n研发投入强度(%) | 2.5 | 3 | 预期性\n高新技术企业数(家) | 300 | ≥500 | 预期性\n";
        let a = analyze(text);
        let v = rows(&a);
        assert_eq!(
            v,
            vec![
                (
                    "研发投入强度".into(),
                    3.0,
                    "%".into(),
                    Comparator::Exact,
                    Some(2025)
                ),
                (
                    "高新技术企业数".into(),
                    500.0,
                    "家".into(),
                    Comparator::AtLeast,
                    Some(2025)
                ),
            ]
        );
    }

    #[test]
    fn an_appendix_table_outside_the_goals_section() {
        let text = "一、重点任务\n1.建设平台。(责任单位:区科委)\n附件:主要指标\n指标名称 | 单位 | 2025年目标\n孵化器数量 | 家 | 20\n";
        let a = analyze(text);
        assert_eq!(a.targets.len(), 1, "{:#?}", a.targets);
        assert_eq!(
            (
                a.targets[0].value,
                a.targets[0].unit.as_str(),
                a.targets[0].year
            ),
            (20.0, "家", Some(2025))
        );
    }

    #[test]
    fn a_table_one_cell_per_line() {
        let text = "“十四五”国家应急体系规划\n二、主要目标\n专栏1 主要指标\n序号\n指标\n预期值\n属性\n1\n生产安全事故死亡人数\n下降15%\n约束性\n2\n年均每十万人受灾人次\n<15000\n预期性\n3\n年均每百万人口因自然灾害死亡率\n<1\n预期性\n4\n森林覆盖率(%)\n≥30\n约束性\n三、重点任务\n";
        let a = analyze(text);
        let v = rows(&a);
        assert_eq!(
            v,
            vec![
                (
                    "生产安全事故死亡人数".into(),
                    15.0,
                    "%".into(),
                    Comparator::Exact,
                    Some(2025)
                ),
                (
                    "年均每十万人受灾人次".into(),
                    15000.0,
                    "".into(),
                    Comparator::AtMost,
                    Some(2025)
                ),
                (
                    "年均每百万人口因自然灾害死亡率".into(),
                    1.0,
                    "".into(),
                    Comparator::AtMost,
                    Some(2025)
                ),
                (
                    "森林覆盖率".into(),
                    30.0,
                    "%".into(),
                    Comparator::AtLeast,
                    Some(2025)
                ),
            ]
        );
        assert!(a.targets[0].text.contains("生产安全事故死亡人数"));
    }

    #[test]
    fn value_cells_with_words_and_their_own_year() {
        let cell = |s: &str| {
            super::value_cell(&s.chars().collect::<Vec<_>>())
                .map(|v| (v.value, v.comparator, v.unit, v.year))
        };
        assert_eq!(
            cell("力争2023年达到60%"),
            Some((60.0, Comparator::Exact, Some("%".into()), Some(2023)))
        );
        assert_eq!(
            cell("到2025年达到100%"),
            Some((100.0, Comparator::Exact, Some("%".into()), Some(2025)))
        );
        assert_eq!(
            cell("大于3类"),
            Some((3.0, Comparator::AtLeast, Some("类".into()), None))
        );
        assert_eq!(
            cell("不低于90%"),
            Some((90.0, Comparator::AtLeast, Some("%".into()), None))
        );
        assert_eq!(cell("[20]"), Some((20.0, Comparator::Exact, None, None)));
        assert_eq!(cell("逐步提高"), None);
        assert_eq!(cell("2.5倍于全国平均"), None);
    }

    #[test]
    fn a_table_that_states_targets_in_words() {
        let text = "某市家庭医生签约服务实施方案\n2023年3月1日\n一、重点任务\n1.做实签约。扩大覆盖。(责任单位:市卫健委)\n附件1 某市签约服务质量监测指标体系(2023年版)\n一级指标 | 二级指标 | 评价标准 | 指标含义\n服务效果 | 1.签约居民续约率 | 较上一年增加,力争2023年达到80%。 | 续约数/签约数\n2.签约服务种类 | 支持签约模式的种类大于3类。 | 模式是否多样\n3.慢病长处方占比 | ≥50% | 机构占比\n";
        let a = analyze(text);
        let v: Vec<(f64, String, Comparator, Option<i32>)> = a
            .targets
            .iter()
            .map(|t| (t.value, t.unit.clone(), t.comparator, t.year))
            .collect();
        assert_eq!(
            v,
            vec![
                (80.0, "%".into(), Comparator::Exact, Some(2023)),
                (3.0, "类".into(), Comparator::AtLeast, Some(2023)),
                (50.0, "%".into(), Comparator::AtLeast, Some(2023)),
            ]
        );
    }

    #[test]
    fn a_table_one_cell_per_line_with_a_blank_line_after_every_cell() {
        // Pages copied paragraph by paragraph: every cell stands apart, so only a
        // second blank line is an empty cell (row 3's target).
        let lines = [
            "类别",
            "序号",
            "指标",
            "单位",
            "属性",
            "目标",
            "促发展",
            "1",
            "片区更新数量",
            "个",
            "预期性",
            "2",
            "2",
            "商办楼宇更新数量",
            "个",
            "预期性",
            "25",
            "3",
            "口袋公园数量",
            "座",
            "预期性",
            "",
            "惠民生",
            "4",
            "老旧住房综合修缮面积",
            "万平方米",
            "约束性",
            "90",
        ];
        let text = format!(
            "某区城市更新“十五五”规划\n一、发展目标\n主要指标一览表\n\n{}\n\n二、重点任务\n（一）推进片区更新\n加快推进成片更新。\n",
            lines.join("\n\n")
        );
        let a = analyze(&text);
        let v: Vec<(String, f64, String)> = rows(&a).into_iter().map(|r| (r.0, r.1, r.2)).collect();
        assert_eq!(
            v,
            vec![
                ("片区更新数量".into(), 2.0, "个".into()),
                ("商办楼宇更新数量".into(), 25.0, "个".into()),
                ("老旧住房综合修缮面积".into(), 90.0, "万平方米".into()),
            ],
            "{:#?}",
            a.targets
        );
    }

    #[test]
    fn a_table_one_cell_per_line_with_lost_cells_and_a_past_column() {
        // Merged cells (类别, 一级指标) stand on a group's first row only, an empty
        // cell is a blank line, header cells are split over two lines, and the
        // “十四五” column holds what was done, not a target.
        let text = "某县生态环境保护“十五五”规划\n一、发展目标\n主要指标\n类别\n序号\n一级指标\n二级指标\n单位\n属性\n“十四五”\n完成值\n“十五五”\n目标值\n\n环境质量\n1\n改善空气质量\n空气质量优良天数比例\n％\n约束性\n85.2\n≥88\n\n2\n地表水达到或好于Ⅲ类水体比例\n％\n约束性\n-\n100\n\n绿色发展\n3\n推进节能降碳\n单位地区生产总值能耗降低（累计）\n％\n约束性\n\n13.5\n\n4\n推广绿色建筑\n新增绿色建筑面积\n万平方米\n预期性\n完成120万平方米\n力争到2028年新增150万平方米，全面推广\n\n5\n城镇生活污水集中收集率\n％\n预期性\n70\n＞75\n\n二、重点任务\n（一）改善空气质量\n深入开展大气污染防治，加强扬尘管控。\n";
        let a = analyze(text);
        let v = rows(&a);
        let pct = "％".to_string();
        assert_eq!(
            v,
            vec![
                (
                    "空气质量优良天数比例".into(),
                    88.0,
                    pct.clone(),
                    Comparator::AtLeast,
                    Some(2030)
                ),
                (
                    "地表水达到或好于Ⅲ类水体比例".into(),
                    100.0,
                    pct.clone(),
                    Comparator::Exact,
                    Some(2030)
                ),
                (
                    "单位地区生产总值能耗降低（累计）".into(),
                    13.5,
                    pct.clone(),
                    Comparator::Exact,
                    Some(2030)
                ),
                (
                    "城镇生活污水集中收集率".into(),
                    75.0,
                    pct,
                    Comparator::AtLeast,
                    Some(2030)
                ),
            ],
            "{:#?}",
            a.targets
        );
        // No table line became a measure of its own.
        assert!(
            a.measures
                .iter()
                .all(|m| !m.text.contains("完成120万平方米")),
            "{:#?}",
            a.measures
        );
    }

    #[test]
    fn merged_category_cells_without_blank_lines() {
        // No blank line between rows; the category (a merged cell) stands on its
        // group's first row only, so rows are 5 or 6 lines long.
        let text = "某市数字经济发展实施方案(2024-2026年)\n一、主要目标\n类别\n指标名称\n单位\n属性\n2023年现状值\n2026年目标值\n产业规模\n数字经济核心产业增加值\n亿元\n预期性\n820\n1000\n规上软件企业数量\n家\n预期性\n150\n≥200\n基础设施\n5G基站数量\n万个\n约束性\n1.2\n2\n二、重点任务\n（一）壮大核心产业。培育软件企业，建设产业园区。\n";
        let a = analyze(text);
        let v: Vec<(String, f64, String, Option<i32>)> = a
            .targets
            .iter()
            .map(|t| (t.indicator.clone(), t.value, t.unit.clone(), t.year))
            .collect();
        assert_eq!(
            v,
            vec![
                (
                    "数字经济核心产业增加值".into(),
                    1000.0,
                    "亿元".into(),
                    Some(2026)
                ),
                ("规上软件企业数量".into(), 200.0, "家".into(), Some(2026)),
                ("5G基站数量".into(), 2.0, "万个".into(), Some(2026)),
            ],
            "{:#?}",
            a.targets
        );
    }

    #[test]
    fn period_headers_and_a_background_table_of_results() {
        // `“十四五”现状` / `“十五五”目标` are header cells (a period, then a header
        // word); the table of the 发展基础 part reports the past and gives no target.
        // A blank line follows every cell, and a row's text is the row as written.
        let cells = |c: &[&str]| c.join("\n\n");
        let text = format!(
            "某区绿化“十五五”规划\n第一部分：发展基础\n表1 “十四五”规划指标完成情况\n\n{}\n第二部分：发展目标\n表2 主要指标表\n\n{}\n第三部分：主要任务\n（一）推进绿化建设。建设公园绿地。\n",
            cells(&["序号", "指标名称", "单位", "“十四五”目标值", "2025年", "1", "新建绿地", "万平方米", "75", "90.87"]),
            cells(&["板块", "序号", "指标名称", "属性", "单位", "“十四五”现状", "“十五五”目标", "绿化", "1", "新建绿地", "约束性", "万平方米", "90.87", "35", "2", "绿化覆盖率", "约束性", "%", "31.46", "31.5"]),
        );
        let a = analyze(&text);
        let v: Vec<(&str, f64, &str, Option<i32>)> = a
            .targets
            .iter()
            .map(|t| (t.text.as_str(), t.value, t.unit.as_str(), t.year))
            .collect();
        assert_eq!(
            v,
            vec![
                (
                    "绿化 1 新建绿地 约束性 万平方米 90.87 35",
                    35.0,
                    "万平方米",
                    Some(2030)
                ),
                ("2 绿化覆盖率 约束性 % 31.46 31.5", 31.5, "%", Some(2030)),
            ],
            "{:#?}",
            a.targets
        );
    }

    #[test]
    fn allocation_tables_one_cell_per_line() {
        // A quantity column naming what is to be reached and its unit in brackets: each
        // row's cell is a target of the thing the row names, the total too; the year is
        // the title's period. A project table's size column (面积（公顷）) is no target.
        let lines = [
            "某市交通光伏推广应用实施方案",
            "一、主要任务",
            "（一）推进光伏建设。建设光伏设施。",
            "附表1",
            "各区“十四五”交通光伏任务分配表",
            "序号",
            "区域",
            "新增装机容量（MW）",
            "新增示范工程",
            "1",
            "黄浦区",
            "0.3-0.4",
            "1",
            "2",
            "徐汇区",
            "2-2.6",
            "1",
            "合计",
            "2.3-3",
            "2",
            "附表2",
            "“十四五”子行业分配表",
            "序号",
            "子行业",
            "装机计划（MW）",
            "1",
            "地铁",
            "35-36",
            "附表3",
            "郊野公园建设项目表",
            "序号",
            "项目名称",
            "位置",
            "面积（公顷）",
            "1",
            "庄行郊野公园",
            "庄行镇",
            "450",
        ];
        let a = analyze(&lines.join("\n\n"));
        type Row<'a> = (&'a str, f64, Option<f64>, &'a str, Option<i32>);
        let v: Vec<Row> = a
            .targets
            .iter()
            .map(|t| {
                (
                    t.indicator.as_str(),
                    t.value,
                    t.value_max,
                    t.unit.as_str(),
                    t.year,
                )
            })
            .collect();
        assert_eq!(
            v,
            vec![
                ("黄浦区", 0.3, Some(0.4), "MW", Some(2025)),
                ("徐汇区", 2.0, Some(2.6), "MW", Some(2025)),
                ("合计", 2.3, Some(3.0), "MW", Some(2025)),
                ("地铁", 35.0, Some(36.0), "MW", Some(2025)),
            ],
            "{:#?}",
            a.targets
        );
        assert_eq!(a.targets[0].comparator, Comparator::Range);
    }

    #[test]
    fn unit_column() {
        let text = "二、发展目标\n序号 | 指标名称 | 单位 | 目标值\n1 | 新增就业 | 万人 | 5以上\n";
        let a = analyze(text);
        assert_eq!(a.targets.len(), 1);
        assert_eq!(a.targets[0].unit, "万人");
        assert_eq!(a.targets[0].indicator, "新增就业");
        assert_eq!(a.targets[0].comparator, Comparator::AtLeast);
    }
}
