//! Scraped junk around a plan: site menus, error-report forms, "为你推荐" lists.
//! Recognised per line on the matching view; the original text is never changed.

/// Starts of a furniture line.
const PREFIX: &[&str] = &[
    "当前位置",
    "您现在的位置",
    "你现在的位置",
    "您的位置",
    "首页>",
    "首页›",
    "来源:",
    "浏览次数",
    "阅读次数",
    "点击数",
    "字号",
    "【字体",
    "[字体",
    "字体:",
    "责任编辑",
    "版权所有",
    "Copyright",
    "copyright",
    "©",
    "ICP备",
    "网站标识码",
    "主办单位:",
    "承办单位:",
    "技术支持:",
    "http://",
    "https://",
    "www.",
    "![",
    "分享到:",
    "上一篇:",
    "下一篇:",
    "当前状态:",
];

/// Whole lines that are page furniture.
const EXACT: &[&str] = &[
    "纠错",
    "使用说明",
    "菜单",
    "范文",
    "打印",
    "关闭",
    "关闭窗口",
    "打印本页",
    "返回顶部",
    "分享到",
    "为你推荐",
    "相关推荐",
    "相关阅读",
    "相关文章",
    "相关链接",
    "上一篇",
    "下一篇",
    "-",
    "--",
    "---",
    "【打印】",
    "【关闭】",
    "[打印]",
    "[关闭]",
    "扫一扫在手机打开当前页",
    "扫一扫",
    "收藏",
    "网站地图",
    "联系我们",
    "基本信息",
    "正文",
    "(完)",
    "您的姓名:*",
    "你的姓名:*",
    "【原文下载】",
    "【相关附件】",
    "【附件下载】",
];

/// A whole line that is page furniture, not plan text.
pub fn is_noise_line(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    if EXACT.contains(&s) || PREFIX.iter().any(|p| s.starts_with(p)) {
        return true;
    }
    // "【打印本页】【关闭窗口】", "[收藏] [打印]": a row of page commands.
    if crate::furniture::is_page_commands(s) {
        return true;
    }
    if is_link_line(s) {
        return true;
    }
    // Footnotes the decoder appends after their paragraph ("注1:…", "注:…") are not plan text.
    let mut it = s.chars();
    if it.next() == Some('注') && it.next().is_some_and(|c| c.is_ascii_digit() || c == ':') {
        return true;
    }
    // Form fields of an error-report box: "1.错误类:*".
    if s.ends_with(":*") || (s.ends_with('*') && !s.ends_with("**") && s.chars().count() < 40) {
        return true;
    }
    // "时间: 03-08 栏目:方案" and breadcrumbs "首页 > 政务公开 > 规划计划".
    if s.contains("栏目:") && s.chars().count() < 40 {
        return true;
    }
    if s.matches('>').count() >= 2 && s.chars().count() < 60 && !s.contains('。') {
        return true;
    }
    is_cut_short(s)
}

/// A teaser the site cut short (`一、推...`, `关于印发…的通…','` in a database dump):
/// no heading or sentence of a plan ends in one truncation mark (a template's `……`
/// and a row of dots are no cut).
fn is_cut_short(s: &str) -> bool {
    let body = s.trim_end_matches(['\'', '"', ',']);
    let cut = (body.ends_with("...") && !body.ends_with("...."))
        || (body.ends_with('…') && !body.ends_with("……"));
    cut && body.chars().any(crate::lex::chars::is_han)
}

/// Whether [`is_noise_line`] may hold for the line with these (matching-view) chars:
/// `false` only where it does not, so a line of plan text is refused without
/// building its string. Every rule but the prefixes, the bracketed or linked rows,
/// 注 and a closing `*` reads lines shorter than 60 chars only: a whole line of
/// [`EXACT`], `栏目:` and two `>`.
pub fn may_be_noise(chars: &[char]) -> bool {
    let (Some(&first), Some(&last)) = (chars.first(), chars.last()) else {
        return false;
    };
    (chars.len() < 60
        && (EXACT.iter().any(|w| w.starts_with(first))
            || chars.contains(&'栏')
            || chars.iter().filter(|&&c| c == '>').nth(1).is_some()))
        || last == '*'
        // A cut-short teaser ends in its mark or a dump's quote.
        || matches!(last, '.' | '…' | '\'')
        // Trimmed away before the page-command test.
        || first.is_whitespace()
        || matches!(first, '【' | '[' | '［' | '-' | '*' | '+' | '注')
        || PREFIX.iter().any(|p| p.starts_with(first))
}

/// A line that is only a markdown link, as a scrape writes the page's download and
/// attachment links: "- [关于印发…的通知.pdf](/cmsres/….pdf)", "[附件1](./a.docx) (docx)".
fn is_link_line(s: &str) -> bool {
    let s = s.strip_prefix(['-', '*', '+']).unwrap_or(s);
    let Some(rest) = s.strip_prefix('[') else {
        return false;
    };
    let Some(mid) = rest.find("](") else {
        return false;
    };
    let target = &rest[mid + 2..];
    let Some(close) = target.find(')') else {
        return false;
    };
    // The link target is a path or address, never plan text.
    if target[..close].contains(['。', ',', ';']) {
        return false;
    }
    // Nothing after the link but a file type: "(pdf)".
    let tail = &target[close + 1..];
    tail.is_empty()
        || tail
            .strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .is_some_and(|t| t.len() <= 6 && t.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Lines of this many chars or more never start the trailing junk (every starter is
/// shorter, and a line that starts with one must be shorter too).
pub const TRAILING_JUNK_MAX: usize = 30;

/// Whether [`starts_trailing_junk`] may hold for the line with these chars: `false`
/// only where it does not (no starter begins with its first char).
pub fn may_start_trailing_junk(chars: &[char]) -> bool {
    chars
        .first()
        .is_some_and(|&c| STARTERS.iter().any(|p| p.starts_with(c)))
}

/// A line after which, near the end of a page, everything is page furniture.
pub fn starts_trailing_junk(s: &str) -> bool {
    STARTERS
        .iter()
        .any(|p| s == *p || (s.starts_with(p) && s.chars().count() < TRAILING_JUNK_MAX))
}

/// Starts of the line after which everything is page furniture.
const STARTERS: &[&str] = &[
    "纠错",
    "为你推荐",
    "相关推荐",
    "相关阅读",
    "相关文章",
    "相关链接",
    "相关文件",
    "上一篇",
    "下一篇",
    "责任编辑",
    "扫一扫在手机打开当前页",
    "分享到",
    "版权所有",
    "网站地图",
    "【打印】",
    "[打印]",
    "打印本页",
    "关闭窗口",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_furniture() {
        assert!(is_noise_line("纠错"));
        assert!(is_noise_line("1.错误类:*"));
        assert!(is_noise_line("时间:03-08栏目:方案"));
        assert!(is_noise_line("首页>政务公开>规划计划"));
        assert!(!is_noise_line("一、总体思路"));
        assert!(is_noise_line("注1:千人计划是指海外高层次人才引进计划。"));
        assert!(is_noise_line("【打印本页】【关闭窗口】"));
        assert!(is_noise_line("[收藏][打印][关闭]"));
        assert!(!is_noise_line("【责任单位:区科委】"));
        assert!(!is_noise_line("注重实效,推进改革。"));
        assert!(!is_noise_line("(责任部门:区科委)"));
        assert!(starts_trailing_junk("为你推荐"));
        // A scrape's download and attachment links, and the bracketed heads above them.
        assert!(is_noise_line(
            "-[关于印发《某县实施方案》的通知.pdf](/files/a1b2.pdf)"
        ));
        assert!(is_noise_line(
            "[附件1.任务清单](./附件1.任务清单.docx)(docx)"
        ));
        assert!(is_noise_line("【原文下载】"));
        assert!(!is_noise_line("[市科委](牵头),推进改革。"));
        assert!(!is_noise_line("-推进改革。"));
        assert!(!starts_trailing_junk("推进小组"));
        // A teaser cut short by the site or a database dump; a template's dots are kept.
        assert!(is_noise_line("一、推...','"));
        assert!(is_noise_line("关于印发某区实施方案的通…"));
        assert!(!is_noise_line("(一)……"));
        assert!(!is_noise_line("一、总体要求"));
    }

    #[test]
    fn a_noise_line_is_never_refused_by_its_chars() {
        let plan = "推进改革,做好审批制度改革和商事登记制度改革工作,持续优化营商环境。".repeat(3);
        let lines = [
            format!("当前位置:首页>{plan}"),
            format!("来源:{plan}"),
            format!("Copyright{plan}"),
            format!("http://{plan}"),
            format!("-[{plan}](/files/a.pdf)"),
            format!("[{plan}](/files/a.pdf)"),
            format!("注1:{plan}"),
            format!("{plan}:*"),
            "【打印本页】【关闭窗口】".repeat(6),
            format!("\u{2028}{}", "【打印本页】".repeat(12)),
            "首页>政务公开>规划计划".to_string(),
            "时间:03-08栏目:方案".to_string(),
            "(完)".to_string(),
            "纠错".to_string(),
            "一、推...','".to_string(),
            format!("{plan}…"),
            plan.clone(),
        ];
        for line in lines {
            let chars: Vec<char> = line.chars().collect();
            if is_noise_line(&line) {
                assert!(may_be_noise(&chars), "{line}");
            }
        }
        let chars: Vec<char> = plan.chars().collect();
        assert!(!may_be_noise(&chars), "a long line of plan text");
        assert!(!may_be_noise(&[]));
        let short: Vec<char> = "一、总体要求".chars().collect();
        assert!(!may_be_noise(&short), "a short heading");
        for starter in STARTERS {
            let chars: Vec<char> = starter.chars().collect();
            assert!(starts_trailing_junk(starter) && may_start_trailing_junk(&chars));
        }
    }
}
