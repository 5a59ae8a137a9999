//! Page furniture that both the HTML decoder and the text layer drop: rows of
//! bracketed page commands (`【打印本页】【关闭窗口】`, `[收藏] [打印]`). Shared by both
//! so that a saved page and a pasted copy of it lose the same lines.

/// Words of a page command; every bracketed group of such a row holds one.
const COMMAND_WORDS: &[&str] = &[
    "打印",
    "关闭",
    "收藏",
    "返回",
    "顶部",
    "字体",
    "字号",
    "分享",
    "大中小",
    "保存",
    "纠错",
    "推荐",
    "默认",
];

/// A line made only of bracketed page commands.
pub fn is_page_commands(line: &str) -> bool {
    let mut rest = line.trim();
    let mut groups = 0;
    while !rest.is_empty() {
        let close = match rest.chars().next() {
            Some('【') => '】',
            Some('[') => ']',
            Some('［') => '］',
            _ => return false,
        };
        let Some(end) = rest.find(close) else {
            return false;
        };
        let open_len = rest.chars().next().map_or(0, char::len_utf8);
        let inner = &rest[open_len..end];
        if inner.chars().count() > 10 || !COMMAND_WORDS.iter().any(|w| inner.contains(w)) {
            return false;
        }
        groups += 1;
        rest = rest[end + close.len_utf8()..].trim_start();
    }
    groups > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_page_commands() {
        assert!(is_page_commands("【打印本页】【关闭窗口】"));
        assert!(is_page_commands(" [收藏] [打印] "));
        assert!(is_page_commands("［字体：大 中 小］"));
        assert!(!is_page_commands("【责任单位:区科委】"));
        assert!(!is_page_commands("打印本页"));
        assert!(!is_page_commands("【打印】推进改革"));
        assert!(
            !is_page_commands("【中心城区】"),
            "a heading in brackets stays"
        );
    }
}
