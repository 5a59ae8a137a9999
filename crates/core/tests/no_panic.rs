//! `analyze` returns on any input: arbitrary strings, and plan-like strings
//! built from the characters the recognizers care about.

use proptest::prelude::*;

fn plan_chars() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "（一）",
        "(二)",
        "1.",
        "1、",
        "（1）",
        "①",
        "举措3:",
        "一是",
        "——",
        "专栏2",
        "第三章",
        "\n",
        "\r\n",
        "。",
        "，",
        "(责任单位:",
        "区科委",
        "、",
        "牵头",
        "配合",
        "按职责分工负责",
        ")",
        "（",
        "）",
        "到2020年",
        "20XX年",
        "“十三五”末",
        "50家以上",
        "4%左右",
        "3-5",
        "1.5万平方米",
        "两千三",
        "百分之",
        "以内",
        "<p>",
        "</p>",
        "&nbsp;",
        "&#",
        "<script>",
        "|",
        "6月底前",
        "主要任务",
        "发展目标",
        "保障措施",
        "纠错",
        "1.错误类:*",
        "　",
        "\u{feff}",
        "《",
        "》",
        "“",
        "”",
        "ab",
        "0",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn analyze_never_panics_on_arbitrary_text(s in any::<String>()) {
        let a = planlens_core::analyze(&s);
        prop_assert_eq!(a.source.chars, s.chars().count());
    }

    #[test]
    fn analyze_never_panics_on_plan_like_text(s in plan_chars()) {
        let a = planlens_core::analyze(&s);
        let n = s.chars().count();
        // Every span stays inside the text.
        for m in &a.measures {
            prop_assert!(m.span[0] <= m.span[1] && m.span[1] <= n);
        }
        for t in &a.targets {
            prop_assert!(t.span[0] <= t.span[1] && t.span[1] <= n);
        }
        for w in &a.warnings {
            prop_assert!(w.span[1] <= n);
        }
    }

    #[test]
    fn analyze_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = planlens_core::analyze_bytes(&bytes, "x.txt");
    }
}
