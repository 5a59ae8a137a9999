//! Bytes + file name in, text + source description out (issue 3).
//! Placeholder: UTF-8 text only, until the full decoder lands.

use crate::model::SourceInfo;
use std::fmt;

/// Caps that protect the tab and the CLI from hostile or huge files.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_input_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_input_bytes: 50 * 1024 * 1024 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub source: SourceInfo,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    Empty,
    TooLarge { bytes: usize, limit: usize },
    Unsupported { what: String },
}

impl DecodeError {
    /// The message shown to the user, in Chinese, with the reason and what to do.
    pub fn message(&self) -> String {
        match self {
            DecodeError::Empty => "文件为空:没有可分析的内容。".into(),
            DecodeError::TooLarge { bytes, limit } => format!(
                "文件过大({:.1} MB),超过 {:.0} MB 的上限,请拆分后再试。",
                *bytes as f64 / 1048576.0,
                *limit as f64 / 1048576.0
            ),
            DecodeError::Unsupported { what } => format!("无法读取该文件:{what}。"),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for DecodeError {}

pub fn decode(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > limits.max_input_bytes {
        return Err(DecodeError::TooLarge { bytes: bytes.len(), limit: limits.max_input_bytes });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| DecodeError::Unsupported { what: "不是 UTF-8 文本".into() })?
        .trim_start_matches('\u{feff}')
        .to_string();
    let chars = text.chars().count();
    Ok(Decoded {
        text,
        source: SourceInfo {
            name: Some(file_name.to_string()),
            format: "text".into(),
            encoding: Some("UTF-8".into()),
            warnings: vec![],
            chars,
        },
    })
}
