//! Running a job: what the worker does with a request (and the page, for pasted
//! text, when no worker can be started).

use crate::protocol::{Job, Stage};
use planlens_core::{Analysis, SourceInfo};

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

/// Decode if needed and analyse; `stage` is told before each step. Errors are the
/// decoder's Chinese messages.
pub fn run(job: Job, stage: &dyn Fn(Stage)) -> Result<Outcome, String> {
    let decoded = match job {
        Job::Text { text, name } => {
            stage(Stage::Analyzing);
            return Ok(analyze_text(text, name));
        }
        Job::Bytes { bytes, name } => {
            stage(Stage::Decoding);
            planlens_core::decode(&bytes, &name, &planlens_core::Limits::default())
        }
        Job::PdfPieces { json, name } => {
            stage(Stage::Decoding);
            planlens_core::decode::pdf::decode_pdf_json(&json, &name)
        }
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
