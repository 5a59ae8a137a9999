//! Running a job: what the analysis worker does with a request (src/bin/planlens-worker.rs;
//! the same wasm answers on the page's thread when no worker can be started).

use crate::protocol::{FileKind, Job, Reply, Stage};
use planlens_core::{Analysis, SourceInfo, Target};

/// The bundled sample plan (示例): in the worker's wasm only, so the page's first
/// load does not carry it (`Job::Sample`).
pub const SAMPLE: &str = include_str!("../www/sample.txt");

/// The analysis and the exact text its spans refer to.
#[derive(Debug)]
pub struct Outcome {
    pub analysis: Analysis,
    pub text: String,
}

/// Analyse pasted text.
pub fn analyze_text(text: String, name: Option<String>) -> Outcome {
    let source = SourceInfo {
        name,
        format: "text".into(),
        ..SourceInfo::default()
    };
    let analysis = planlens_core::analyze_source(&text, source);
    Outcome { analysis, text }
}

/// How long the worker may take for a job before it is stopped and replaced (ms):
/// 20 s, plus 5 s per MB of input (a 50 MB file: 270 s). The user can stop it
/// sooner with 取消.
pub fn deadline_ms(job: &Job) -> u32 {
    let bytes = match job {
        Job::Text { text, .. } => text.len(),
        Job::Bytes { bytes, .. } => bytes.len(),
        Job::PdfPieces { json, .. } => json.len(),
        Job::Api { text } | Job::Passage { text } => text.len(),
        Job::Sample { .. } => SAMPLE.len(),
        Job::File { analysis, .. } => analysis.len(),
    };
    let mb = u32::try_from(bytes.div_ceil(1 << 20)).unwrap_or(u32::MAX);
    20_000u32.saturating_add(mb.saturating_mul(5_000))
}

/// Why a job ended without an answer from the worker, for the user (in Chinese).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// The worker crashed (an error it did not catch, or out of memory).
    Crashed,
    /// The deadline passed (`deadline_ms`), in seconds.
    TimedOut(u32),
    /// The user pressed 取消.
    Cancelled,
}

impl Stopped {
    pub fn message(self) -> String {
        match self {
            Stopped::Crashed => {
                "后台分析线程意外终止(可能是文件过大或结构异常,内存不足),已自动重新启动。\
                 草稿未受影响;请检查文件,或另存为 .txt / .docx 后再试。"
                    .into()
            }
            Stopped::TimedOut(s) => format!(
                "分析超过 {s} 秒仍未完成,已停止并重新启动后台分析线程。草稿未受影响;\
                 文件可能过大或结构异常,请拆分文件或另存为 .txt 后再试。"
            ),
            Stopped::Cancelled => "已取消。草稿未受影响。".into(),
        }
    }
}

/// The user's message for a PDF the page could not extract (www/pdf-text.js:
/// `{"error": kind, "message": detail}`), one per cause; pdf.js's own (English)
/// detail is never shown.
pub fn pdf_failure(kind: &str, detail: &str) -> String {
    const RESAVE: &str = "请用原软件另存为 .docx 或 .txt 后再打开。";
    match kind {
        "password" => format!("该 PDF 有密码保护(已加密),无法读取:请去除密码后另存,或{RESAVE}"),
        "invalid" => "该文件不是有效的 PDF(结构损坏或格式不符),无法读取。".into(),
        "too_large" => format!("PDF 文件过大(超过 50 MB),无法在浏览器中读取:请拆分文件,或{RESAVE}"),
        "inflate" => format!(
            "PDF 的压缩内容流解压后异常庞大(单个超过 128 MB 或合计超过 512 MB),为安全起见未读取:{RESAVE}"
        ),
        "limit" => format!(
            "PDF 文字过多(超过 200 万个文字片段或 2000 万字),已在上限处停止提取:请拆分文件,或{RESAVE}"
        ),
        "timeout" => {
            let secs = detail.parse::<u64>().map_or(0, |ms| ms.div_ceil(1000));
            format!("PDF 文字提取超过 {secs} 秒仍未完成,已停止:文件可能过大或结构异常,{RESAVE}")
        }
        "crashed" => format!("PDF 组件意外终止(文件可能结构异常或过大),已停止:{RESAVE}"),
        "cancelled" => Stopped::Cancelled.message(),
        "unsupported" => format!("此浏览器无法启动 PDF 组件(版本过旧或禁用了后台线程):{RESAVE}"),
        _ => format!("PDF 文字提取失败(文件可能损坏,或使用了不支持的功能):{RESAVE}"),
    }
}

/// The target the core reads in a passage the user selected (添加为指标): the first
/// one found when the passage alone is analysed.
pub fn passage_target(text: &str) -> Option<Target> {
    planlens_core::analyze(text.trim())
        .targets
        .into_iter()
        .next()
}

/// The bytes of a file of the analysis `analysis_json` (`Job::File`), or why not.
pub fn file(analysis_json: &str, order: &[u32], kind: &FileKind) -> Result<Vec<u8>, String> {
    let a: Analysis = serde_json::from_str(analysis_json)
        .map_err(|_| "导出失败:分析结果无法读取,请重新分析后再试。".to_string())?;
    let rows = || {
        order.iter().filter_map(|&i| {
            let i = i as usize;
            a.measures.get(i).map(|m| (i + 1, m))
        })
    };
    Ok(match kind {
        FileKind::TaskCsv => {
            planlens_export::csv(&planlens_export::task_sheet(rows())).into_bytes()
        }
        FileKind::TargetCsv => {
            planlens_export::csv(&planlens_export::target_sheet(&a)).into_bytes()
        }
        FileKind::Gold { doc } => planlens_export::gold_json(&a, doc).into_bytes(),
        FileKind::PlainXlsx => planlens_export::xlsx(&[
            planlens_export::task_sheet(rows()),
            planlens_export::target_sheet(&a),
        ]),
    })
}

/// The worker's answer to a request: `Reply::Done` with the analysis,
/// `Reply::Target` for a passage, `Reply::File` for a file, `Reply::Failed` with a
/// Chinese message.
pub fn reply(id: u32, job: Job, stage: &dyn Fn(Stage)) -> Reply {
    if let Job::File {
        analysis,
        order,
        kind,
    } = &job
    {
        return match file(analysis, order, kind) {
            Ok(bytes) => Reply::File { id, bytes },
            Err(message) => Reply::Failed { id, message },
        };
    }
    if let Job::Passage { text } = &job {
        stage(Stage::Analyzing);
        return Reply::Target {
            id,
            target: passage_target(text).map(Box::new),
        };
    }
    match run(job, stage) {
        Ok(out) => {
            stage(Stage::Sending);
            Reply::Done {
                id,
                analysis: Box::new(out.analysis),
                text: out.text,
            }
        }
        Err(message) => Reply::Failed { id, message },
    }
}

/// Decode if needed and analyse; `stage` is told before each step. Errors are the
/// decoder's Chinese messages.
pub fn run(job: Job, stage: &dyn Fn(Stage)) -> Result<Outcome, String> {
    let decoded = match job {
        Job::Text { text, name } => {
            stage(Stage::Analyzing);
            return Ok(analyze_text(text, name));
        }
        Job::Sample { name } => {
            stage(Stage::Analyzing);
            return Ok(analyze_text(SAMPLE.to_string(), Some(name)));
        }
        Job::Api { text } | Job::Passage { text } => {
            stage(Stage::Analyzing);
            // Line ends as a .txt file's are read, so spans match the CLI's on the same text.
            let text = planlens_core::normalize_text(&text);
            return Ok(Outcome {
                analysis: planlens_core::analyze(&text),
                text,
            });
        }
        Job::Bytes { bytes, name } => {
            stage(Stage::Decoding);
            planlens_core::decode(&bytes, &name, &planlens_core::Limits::default())
        }
        Job::PdfPieces { json, name } => {
            stage(Stage::Decoding);
            planlens_core::decode::pdf::decode_pdf_json(&json, &name)
        }
        // answered by `reply` before it gets here
        Job::File { .. } => return Err("无效的任务".into()),
    }
    .map_err(|e| e.message())?;
    stage(Stage::Analyzing);
    let analysis = planlens_core::analyze_source(&decoded.text, decoded.source);
    Ok(Outcome {
        analysis,
        text: decoded.text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn bytes_are_decoded_then_analysed_with_stages_in_order() {
        let stages = RefCell::new(vec![]);
        let text = "一、主要任务\n1.加强创新。(责任单位:区科委)\n";
        let out = run(
            Job::Bytes {
                bytes: text.as_bytes().to_vec(),
                name: "方案.txt".into(),
            },
            &|s| stages.borrow_mut().push(s),
        )
        .unwrap();
        assert_eq!(*stages.borrow(), vec![Stage::Decoding, Stage::Analyzing]);
        assert_eq!(out.analysis.measures.len(), 1);
        assert_eq!(out.analysis.source.name.as_deref(), Some("方案.txt"));
    }

    #[test]
    fn the_api_job_normalises_line_ends_and_analyses_as_the_cli() {
        let text = "一、主要任务\r\n1.加强创新。(责任单位:区科委)\r\n";
        let Reply::Done {
            analysis,
            text: t,
            id,
        } = reply(4, Job::Api { text: text.into() }, &|_| {})
        else {
            panic!("no analysis")
        };
        assert_eq!(id, 4);
        assert!(!t.contains('\r'), "{t:?}");
        assert_eq!(*analysis, planlens_core::analyze(&t));
        assert_eq!(analysis.measures.len(), 1);
    }

    #[test]
    fn files_are_written_from_the_analysis_json_as_the_export_crate_writes_them() {
        let mut a = planlens_core::analyze(
            "一、重点任务\n（一）建设甲项目。(牵头单位:区发改委;完成时限:2025年底前)\n（二）推进乙工程,新建基站500个。(责任单位:区经信委)\n",
        );
        a.measures[1].lead = vec!["区大数据中心".into()]; // a correction
        a.measures[1].edited = true;
        let json = serde_json::to_string(&a).unwrap();
        let ask = |order: &[u32], kind: FileKind| match reply(
            9,
            Job::File {
                analysis: json.clone(),
                order: order.to_vec(),
                kind,
            },
            &|_| {},
        ) {
            Reply::File { id: 9, bytes } => bytes,
            other => panic!("{other:?}"),
        };
        let tasks = String::from_utf8(ask(&[1, 0], FileKind::TaskCsv)).unwrap();
        let rows = [(2, &a.measures[1]), (1, &a.measures[0])];
        assert_eq!(
            tasks,
            planlens_export::csv(&planlens_export::task_sheet(rows))
        );
        assert!(
            tasks.find("区大数据中心").unwrap() < tasks.find("区发改委").unwrap(),
            "in the order shown"
        );
        let targets = String::from_utf8(ask(&[], FileKind::TargetCsv)).unwrap();
        assert_eq!(
            targets,
            planlens_export::csv(&planlens_export::target_sheet(&a))
        );
        let gold = String::from_utf8(ask(
            &[],
            FileKind::Gold {
                doc: "甲.txt".into(),
            },
        ))
        .unwrap();
        assert_eq!(gold, planlens_export::gold_json(&a, "甲.txt"));
        let book = ask(&[0, 1], FileKind::PlainXlsx);
        assert_eq!(
            book,
            planlens_export::xlsx(&[
                planlens_export::task_sheet([(1, &a.measures[0]), (2, &a.measures[1])]),
                planlens_export::target_sheet(&a)
            ])
        );
        let bad = reply(
            10,
            Job::File {
                analysis: "{".into(),
                order: vec![],
                kind: FileKind::TargetCsv,
            },
            &|_| {},
        );
        let Reply::Failed { id: 10, message } = bad else {
            panic!("{bad:?}")
        };
        assert!(message.contains("导出失败"), "{message}");
    }

    #[test]
    fn a_passage_is_answered_with_the_target_the_core_reads_in_it() {
        let Reply::Target { id, target } = reply(
            5,
            Job::Passage {
                text: " 到2025年,新增研发机构10家 ".into(),
            },
            &|_| {},
        ) else {
            panic!("no target reply")
        };
        assert_eq!(id, 5);
        let t = target.expect("a target");
        assert_eq!((t.value, t.unit.as_str(), t.year), (10.0, "家", Some(2025)));
        let none = reply(
            6,
            Job::Passage {
                text: "加强组织领导".into(),
            },
            &|_| {},
        );
        assert_eq!(
            none,
            Reply::Target {
                id: 6,
                target: None
            }
        );
    }

    #[test]
    fn the_sample_comes_from_the_worker_with_its_text() {
        let Reply::Done { analysis, text, .. } = reply(
            7,
            Job::Sample {
                name: "示例.txt".into(),
            },
            &|_| {},
        ) else {
            panic!("no analysis")
        };
        assert_eq!(text, SAMPLE);
        assert!(!analysis.measures.is_empty());
        assert_eq!(analysis.source.name.as_deref(), Some("示例.txt"));
    }

    /// No English in a message, beyond file types and units.
    fn chinese(m: &str) -> bool {
        let m = [".docx", ".txt", "PDF", "MB"]
            .iter()
            .fold(m.to_string(), |m, w| m.replace(w, ""));
        !m.chars().any(|c| c.is_ascii_alphabetic())
    }

    #[test]
    fn the_deadline_grows_with_the_input() {
        let text = |n: usize| Job::Text {
            text: "a".repeat(n),
            name: None,
        };
        assert_eq!(deadline_ms(&text(10)), 25_000);
        assert_eq!(deadline_ms(&text(3 << 20)), 35_000);
        let bytes = Job::Bytes {
            bytes: vec![0; 50 << 20],
            name: "a.docx".into(),
        };
        assert_eq!(deadline_ms(&bytes), 270_000);
    }

    #[test]
    fn every_stop_says_why_in_chinese_and_that_the_draft_is_kept() {
        for s in [Stopped::Crashed, Stopped::TimedOut(25), Stopped::Cancelled] {
            let m = s.message();
            assert!(m.contains("草稿未受影响"), "{m}");
            assert!(chinese(&m), "{m}");
        }
        assert!(Stopped::TimedOut(25).message().contains("25 秒"));
    }

    #[test]
    fn every_pdf_failure_has_its_own_chinese_message() {
        let kinds = [
            "password",
            "invalid",
            "too_large",
            "inflate",
            "limit",
            "timeout",
            "crashed",
            "cancelled",
            "unsupported",
            "other",
        ];
        let messages: Vec<String> = kinds.iter().map(|k| pdf_failure(k, "30000")).collect();
        for (k, m) in kinds.iter().zip(&messages) {
            assert!(chinese(m), "{k}: {m}");
        }
        let mut unique = messages.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), kinds.len(), "{messages:?}");
        assert!(pdf_failure("password", "").contains("密码"));
        assert!(pdf_failure("timeout", "30000").contains("30 秒"));
        assert!(pdf_failure("limit", "").contains("上限"));
        assert!(pdf_failure("inflate", "").contains("解压后异常庞大"));
        assert!(!pdf_failure("other", "Unknown TypeError").contains("TypeError"));
    }

    #[test]
    fn an_undecodable_file_gives_a_chinese_message() {
        let err = run(
            Job::Bytes {
                bytes: vec![],
                name: "a.txt".into(),
            },
            &|_| {},
        )
        .unwrap_err();
        assert!(err.contains("为空"), "{err}");
    }
}
