//! The messages between the page and its analysis worker (both wasm binaries use
//! these types; serde-wasm-bindgen carries them through `postMessage`).
//!
//! The analysis travels as JSON text inside the reply: one string crosses the
//! thread boundary faster than a tree of thousands of JS objects.

use planlens_core::{Analysis, Target};
use serde::{Deserialize, Serialize};

/// What to analyse.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// Pasted or kept text.
    Text { text: String, name: Option<String> },
    /// A file's bytes, decoded in the worker.
    Bytes {
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
        name: String,
    },
    /// A PDF's text pieces from pdf.js (www/pdf-text.js), for the core's PDF decoder.
    PdfPieces { json: String, name: String },
    /// `planlens.analyze(text)` (src/api.rs): line ends normalised, then analysed as
    /// given, as the CLI's `--json` on the same text; answered with `Reply::Done`.
    Api { text: String },
    /// 添加为指标: the target the core reads in a passage the user selected;
    /// answered with `Reply::Target`.
    Passage { text: String },
    /// 示例: the bundled sample plan (`www/sample.txt`, `jobs::SAMPLE`), which only
    /// the worker's wasm carries; answered with `Reply::Done` and the sample's text.
    Sample { name: String },
    /// A file of the analysis on screen (`analysis`: its JSON, corrections applied):
    /// the CSVs, the 校对结果 and the plain workbook are written by the worker, so
    /// the page's wasm links none of these writers; answered with `Reply::File`.
    /// `order`: the 任务分解表's rows as shown (0-based measure indices).
    File {
        analysis: String,
        order: Vec<u32>,
        kind: FileKind,
    },
}

/// Which file `Job::File` writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// 任务 CSV: the rows in `order`.
    TaskCsv,
    /// 指标 CSV.
    TargetCsv,
    /// 导出校对结果: the corpus gold layout, for the document named `doc`.
    Gold { doc: String },
    /// The plain workbook (任务分解表 in `order` + 指标表), when the print-ready
    /// export wasm cannot load.
    PlainXlsx,
}

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub job: Job,
    /// A fault to simulate, for the end-to-end tests only: the page sets it only
    /// when its URL has `?test-hooks` (src/worker.rs); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<TestHook>,
}

/// Faults the worker simulates on request (end-to-end tests of a worker that fails).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestHook {
    /// Allocate until memory runs out: the wasm traps, as on a real out-of-memory.
    Oom,
    /// Never answer (an endless loop), as a decoder stuck on a hostile file would.
    Hang,
}

/// Where a job is; told to the user while it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Pdf,
    Decoding,
    Analyzing,
    Sending,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "正在读取文件…",
            Stage::Pdf => "正在提取 PDF 文字(首次使用需加载 PDF 组件)…",
            Stage::Decoding => "正在解码文件…",
            Stage::Analyzing => "正在分析…",
            Stage::Sending => "正在整理结果…",
        }
    }
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The worker's wasm is instantiated (posted by its boot script).
    Booted,
    /// The worker's wasm could not start (posted by its boot script).
    BootFailed {
        message: String,
    },
    /// A job threw (a wasm trap: out of memory, a bug); the worker has closed itself
    /// (posted by its boot script).
    Crashed {
        message: String,
    },
    Stage {
        id: u32,
        stage: Stage,
    },
    Done {
        id: u32,
        #[serde(with = "json_text")]
        analysis: Box<Analysis>,
        /// The text the analysis' spans index.
        text: String,
    },
    /// The answer to `Job::Passage`: the first target the core reads in the
    /// passage, if any.
    Target {
        id: u32,
        target: Option<Box<Target>>,
    },
    /// The answer to `Job::File`.
    File {
        id: u32,
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    Failed {
        id: u32,
        /// In Chinese, for the user.
        message: String,
    },
}

impl Reply {
    /// The job the reply is about.
    pub fn id(&self) -> Option<u32> {
        match self {
            Reply::Booted | Reply::BootFailed { .. } | Reply::Crashed { .. } => None,
            Reply::Stage { id, .. }
            | Reply::Done { id, .. }
            | Reply::Target { id, .. }
            | Reply::File { id, .. }
            | Reply::Failed { id, .. } => Some(*id),
        }
    }
}

/// A value carried as its JSON text.
mod json_text {
    use serde::de::{DeserializeOwned, Error as _};
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&serde_json::to_string(v).map_err(S::Error::custom)?)
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_round_trip_with_their_bytes() {
        let r = Request {
            id: 7,
            job: Job::Bytes {
                bytes: vec![0, 0xff, 0x50, 0x4b],
                name: "方案.docx".into(),
            },
            test: None,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"bytes\":{"), "{json}");
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), r);
        assert!(!json.contains("test"), "no test hook unless asked: {json}");
    }

    #[test]
    fn a_test_hook_travels_only_when_set() {
        let r = Request {
            id: 1,
            job: Job::Text {
                text: "x".into(),
                name: None,
            },
            test: Some(TestHook::Hang),
        };
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains(r#""test":"hang""#), "{json}");
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), r);
    }

    #[test]
    fn the_analysis_crosses_as_json_text_and_comes_back_equal() {
        let analysis = planlens_core::analyze("一、主要任务\n1.加强创新。(责任单位:区科委)\n");
        let reply = Reply::Done {
            id: 3,
            analysis: Box::new(analysis.clone()),
            text: "t".into(),
        };
        let value = serde_json::to_value(&reply).unwrap();
        assert!(value["done"]["analysis"].is_string(), "{value}");
        let back: Reply = serde_json::from_value(value).unwrap();
        assert_eq!(back.id(), Some(3));
        let Reply::Done { analysis: a, .. } = back else {
            panic!("not done: {back:?}")
        };
        assert_eq!(*a, analysis);
    }

    #[test]
    fn a_passage_request_and_its_target_reply_round_trip() {
        let r = Request {
            id: 9,
            job: Job::Passage {
                text: "到2025年,新增研发机构10家".into(),
            },
            test: None,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains(r#""passage":{"text":"#), "{json}");
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), r);
        let target = planlens_core::analyze("到2025年,新增研发机构10家。")
            .targets
            .into_iter()
            .next()
            .map(Box::new);
        assert!(target.is_some(), "the core reads a target in the passage");
        for reply in [
            Reply::Target { id: 9, target },
            Reply::Target {
                id: 10,
                target: None,
            },
        ] {
            let back: Reply =
                serde_json::from_str(&serde_json::to_string(&reply).unwrap()).unwrap();
            assert_eq!(back, reply);
            assert!(back.id().is_some());
        }
    }

    #[test]
    fn boot_messages_have_the_shape_the_boot_script_posts() {
        // src/worker.rs BOOT posts exactly these
        assert_eq!(serde_json::to_string(&Reply::Booted).unwrap(), "\"booted\"");
        let failed: Reply = serde_json::from_str(r#"{"boot_failed":{"message":"x"}}"#).unwrap();
        assert_eq!(
            failed,
            Reply::BootFailed {
                message: "x".into()
            }
        );
        assert_eq!(failed.id(), None);
        let crashed: Reply =
            serde_json::from_str(r#"{"crashed":{"message":"unreachable"}}"#).unwrap();
        assert_eq!(crashed.id(), None);
    }

    #[test]
    fn every_stage_has_a_chinese_label() {
        for s in [
            Stage::Reading,
            Stage::Pdf,
            Stage::Decoding,
            Stage::Analyzing,
            Stage::Sending,
        ] {
            assert!(s.label().starts_with("正在"), "{s:?}");
        }
    }
}
