//! The plan's period, part by part: a file may hold a notice and several documents
//! (a policy list issued with a plan), each starting at its own title line. A target
//! whose sentence and section name no year is due at the end of its part's period.

use crate::lex::markers;
use crate::lex::years::{self, YearHit};
use crate::model::SectionKind;
use crate::outline::Outline;
use crate::text::{BlockKind, Document};

crate::lexicon!(TITLE_ENDINGS, "plan_title_endings.txt");
crate::lexicon!(LIST_TITLE_ENDINGS, "list_title_endings.txt");

/// Where each document of the file starts, with the period its title names.
pub struct Parts {
    /// (first block, due-year), in block order; the due-year is the end of the
    /// period the title names, else the year the part's goals section names.
    starts: Vec<(usize, Option<i32>)>,
    /// Task lists issued with the plan whose title names a year (`2019年…任务清单`):
    /// (first block, that year), in block order.
    lists: Vec<(usize, i32)>,
}

impl Parts {
    pub fn find(doc: &Document, outline: &Outline) -> Parts {
        let mut starts: Vec<(usize, Option<i32>)> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Para && is_title_line(&b.chars))
            .map(|(i, b)| {
                let own = years::period(&b.chars);
                // A title wrapped over two lines (`立山区政府2023年重点工作` /
                // `任务分解和责任分工方案`): its first half may hold the period.
                let wrapped = || {
                    let prev = &doc.blocks[i.checked_sub(1)?];
                    // Not a date or a document number (`2025年9月4日`, `…〔2022〕5号`).
                    let last = prev.chars.last().copied().unwrap_or(' ');
                    let head = prev.kind == BlockKind::Para
                        && prev.chars.len() <= 40
                        && crate::lex::chars::is_han(last)
                        && !matches!(last, '日' | '月' | '年' | '号')
                        && !prev.chars.contains(&'〔')
                        && !is_title_line(&prev.chars)
                        && markers::detect(&prev.chars).is_none()
                        && !prev
                            .chars
                            .iter()
                            .any(|c| matches!(c, '。' | ',' | ';' | ':' | '!' | '?'));
                    head.then(|| years::period(&prev.chars)).flatten()
                };
                (i, own.or_else(wrapped).map(|p| p.end))
            })
            .collect();
        if starts.first().is_none_or(|s| s.0 > 0) {
            starts.insert(0, (0, None));
        }
        // A part without a period is due when its goals section says, if it names
        // one year and no span of years (`通过3~5年时间`).
        for k in 0..starts.len() {
            if starts[k].1.is_some() {
                continue;
            }
            let from = starts[k].0;
            let to = starts.get(k + 1).map_or(doc.blocks.len(), |s| s.0);
            let goals = outline
                .nodes
                .iter()
                .find(|n| n.kind == SectionKind::Goals && (from..to).contains(&n.block));
            starts[k].1 = goals.and_then(|n| single_due_year(doc, n.block, n.end_block));
        }
        let lists = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Para && is_list_title(&b.chars))
            .filter_map(|(i, b)| Some((i, years::period(&b.chars)?.end)))
            .collect();
        Parts { starts, lists }
    }

    fn part(&self, block: usize) -> Option<&(usize, Option<i32>)> {
        let k = self.starts.partition_point(|s| s.0 <= block);
        k.checked_sub(1).and_then(|k| self.starts.get(k))
    }

    /// The first block of the part holding `block`.
    pub fn start_of(&self, block: usize) -> usize {
        self.part(block).map_or(0, |p| p.0)
    }

    /// The year a target in `block` is due when nothing nearer names one.
    pub fn due_year(&self, block: usize) -> Option<i32> {
        let part = self.part(block);
        let from = part.map_or(0, |p| p.0);
        // Inside a dated task list of this part, the list's year.
        let k = self.lists.partition_point(|l| l.0 <= block);
        let list = k
            .checked_sub(1)
            .and_then(|k| self.lists.get(k))
            .filter(|l| l.0 >= from);
        list.map(|l| l.1).or_else(|| part.and_then(|p| p.1))
    }
}

/// The one due-year that blocks `a..b` name, if they name exactly one and no span.
fn single_due_year(doc: &Document, a: usize, b: usize) -> Option<i32> {
    let mut year = None;
    for block in doc.blocks.get(a..b).unwrap_or(&[]) {
        if years::names_a_span_of_years(&block.chars) {
            return None;
        }
        for hit in years::find_all(&block.chars, false) {
            match (hit, year) {
                (YearHit::Placeholder, _) => return None,
                (YearHit::Year(y), Some(seen)) if y != seen => return None,
                (YearHit::Year(y), _) => year = Some(y),
            }
        }
    }
    year
}

/// A title line: short, unnumbered, no sentence punctuation, its name (before any
/// trailing `（2023—2025年）` or `（试行）`) ending in a kind of document.
fn is_title_line(chars: &[char]) -> bool {
    // Crawled copies mark titles as markdown headings or bold text.
    let lead = chars.iter().take_while(|c| matches!(c, '#' | '*')).count();
    let s = chars.get(lead..).unwrap_or(&[]);
    if !(6..=90).contains(&s.len())
        || markers::detect(s).is_some()
        || s.iter()
            .any(|c| matches!(c, '。' | ',' | ';' | ':' | '!' | '?'))
    {
        return false;
    }
    let mut end = s.len();
    while end > 0 && matches!(s[end - 1], '*' | '#') {
        end -= 1;
    }
    // Trailing bracket groups: `(2021-2023年)`, `(试行)`, `(征求意见稿)`.
    while end > 0 && s[end - 1] == ')' {
        match s[..end - 1].iter().rposition(|c| *c == '(') {
            Some(open) => end = open,
            None => return false,
        }
    }
    end >= 4 && TITLE_ENDINGS.suffix_at(s, end).is_some()
}

/// The title line of a task list (`2019年某区…工作任务清单`): short, unnumbered, no
/// sentence punctuation, ending in a kind of list.
fn is_list_title(chars: &[char]) -> bool {
    (6..=60).contains(&chars.len())
        && markers::detect(chars).is_none()
        && !chars
            .iter()
            .any(|c| matches!(c, '。' | ',' | ';' | ':' | '!' | '?'))
        && LIST_TITLE_ENDINGS.suffix_at(chars, chars.len()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(s: &str) -> bool {
        is_title_line(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn title_lines() {
        assert!(title(
            "上海市促进商业航天发展打造空间信息产业高地行动计划(2023—2025年)"
        ));
        assert!(title("#上海市北斗产业高质量发展三年行动计划(2021-2023年)"));
        assert!(title("支持工业互联网发展若干政策"));
        assert!(title("包头市2022年数字政府建设考评办法"));
        assert!(title("关于印发《某市2024年工作要点》的通知"));
        assert!(title("某区促进就业实施方案(试行)"));
        assert!(!title("一、某区促进就业实施方案"));
        assert!(!title("附件1:主要指标"));
        assert!(!title("制定实施方案,明确任务分工。"));
        assert!(!title("方案"));
    }

    fn split(text: &str) -> (Document, Parts) {
        let doc = Document::new(text);
        let outline = crate::outline::build(&doc);
        let parts = Parts::find(&doc, &outline);
        (doc, parts)
    }

    fn block_of(doc: &Document, start: &str) -> usize {
        doc.blocks
            .iter()
            .position(|b| b.text().starts_with(start))
            .unwrap_or(usize::MAX)
    }

    #[test]
    fn each_part_has_its_own_period() {
        let (doc, parts) = split(
            "某省人民政府办公厅关于印发若干政策和行动计划的通知\n现印发给你们。\n支持工业互联网发展若干政策\n对企业给予奖励。\n某省工业互联网创新发展行动计划(2021-2023年)\n一、主要目标\n培育10家平台。\n",
        );
        let goal = block_of(&doc, "培育");
        assert_eq!(parts.due_year(goal), Some(2023));
        assert_eq!(parts.due_year(block_of(&doc, "对企业")), None);
    }

    #[test]
    fn without_a_period_the_goals_year() {
        let (doc, parts) = split(
            "某市促进产业发展行动方案\n一、主要目标\n到2027年,培育龙头企业2家。\n二、重点任务\n1.压缩审评时限。审评时限压缩至40个工作日以内。\n",
        );
        assert_eq!(parts.due_year(block_of(&doc, "1.")), Some(2027));
        // Goals that name several years, or a span of years, fix no single end.
        let (doc, parts) = split(
            "某市实施方案\n一、主要目标\n到2023年,覆盖率达80%;到2025年,达到95%。\n二、重点任务\n1.建设100间工作室。\n",
        );
        assert_eq!(parts.due_year(block_of(&doc, "1.")), None);
        let (doc, parts) = split(
            "某区实施方案\n一、发展目标\n力争通过3~5年时间,到2020年,新增企业50家。\n二、主要任务\n1.建设60万平方米载体。\n",
        );
        assert_eq!(parts.due_year(block_of(&doc, "1.")), None);
        let (doc, parts) = split("某区2024年工作要点\n一、重点工作\n1.新建3个站点。\n");
        assert_eq!(parts.due_year(block_of(&doc, "1.")), Some(2024));
    }

    #[test]
    fn a_dated_task_list_dates_its_rows() {
        let (doc, parts) = split(
            "某区河湖保护实施方案\n一、主要任务\n(一)新建5座泵站。\n附件1\n2023年某区河湖保护重点工作任务清单\n序号\n任务内容\n1\n新建雨水调蓄池3座\n",
        );
        assert_eq!(parts.due_year(block_of(&doc, "新建雨水")), Some(2023));
        assert_eq!(parts.due_year(block_of(&doc, "(一)")), None);
    }
}
