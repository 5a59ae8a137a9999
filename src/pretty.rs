//! `serde_json::to_string_pretty`'s text from `serde_json::to_string`'s.
//!
//! The page serializes an analysis compactly (to the worker and the export wasm) and
//! pretty (the JSON export): with serde_json's pretty formatter every `Serialize`
//! impl of the analysis is linked a second time (~2.5 KB of the page's gzip). The
//! pretty text is instead the compact one re-indented: two spaces a level, `": "`
//! after a key, an empty array or object as `[]` / `{}` — serde_json's layout. The
//! tests compare the two on analyses of the bundled plan, the fixtures and the
//! alias list.

/// The pretty layout of compact JSON (as `serde_json::to_string` writes it: no
/// whitespace outside strings). Text that is not compact JSON is re-indented all
/// the same (no panic), just not meaningfully.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '[' | '{' => {
                out.push(c);
                let close = if c == '[' { ']' } else { '}' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn same<T: Serialize>(v: &T) {
        let compact = serde_json::to_string(v).unwrap();
        assert_eq!(pretty(&compact), serde_json::to_string_pretty(v).unwrap());
    }

    #[test]
    fn analyses_read_as_serde_json_pretty_writes_them() {
        let mut texts = vec![crate::jobs::SAMPLE.to_string()];
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut n = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let utf8 = p
                .extension()
                .is_some_and(|x| x == "txt")
                .then(|| std::fs::read_to_string(&p).ok())
                .flatten();
            if let Some(t) = utf8 {
                texts.push(t);
                n += 1;
            }
        }
        assert!(n > 0, "no fixtures read");
        // quotes, brackets, colons, commas and escapes inside strings; empty lists
        texts.push("关于\"[测试]\"的{方案}：a,b\\c\t\n一、主要任务\n（一）推进工作。（牵头单位：区发改委）\n".into());
        texts.push(String::new());
        for t in &texts {
            let mut a = planlens_core::analyze(t);
            same(&a);
            a.meta.title = Some("}\"],[{:,\\\"".into());
            same(&a);
        }
    }

    #[test]
    fn values_read_as_serde_json_pretty_writes_them() {
        same(
            &serde_json::json!({"a": [], "b": {}, "c": [[], [{}], {"d": [1, 2.5, null, true]}], "e": "x\"y\\"}),
        );
        same(&serde_json::json!([]));
        same(&serde_json::json!("s"));
        let mut list = crate::aliases::AliasList::default();
        same(&list);
        list.merge(
            "区发展改革委",
            &["区发改委".into(), "区发展和改革委员会".into()],
        );
        list.reject(&["各园区".into(), "园区".into()]);
        same(&list);
        assert_eq!(
            list.to_json(),
            serde_json::to_string_pretty(&list).unwrap() + "\n"
        );
    }

    #[test]
    fn text_that_is_not_json_does_not_panic() {
        for s in ["]]]}}", "\"", "\\", "[", "{\"a\":\"\\"] {
            let _ = pretty(s);
        }
        assert_eq!(pretty("]"), "\n]");
    }
}
