//! A small bounded walk over XML with quick-xml: depth and event budget enforced,
//! `<a/>` reported as start + end, text unescaped (unknown entities kept as written;
//! DTD entities are never expanded).

use super::{DecodeError, Limits};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

pub(crate) enum XmlEv<'a, 'b> {
    Start(&'b BytesStart<'a>),
    End(&'b [u8]),
    Text(&'b str),
}

/// Shared work budget across the parts of one document.
pub(crate) struct Budget {
    pub events_left: u64,
}

impl Budget {
    pub fn new(limits: &Limits) -> Self {
        Budget {
            events_left: limits.max_events,
        }
    }
}

/// XML parts are UTF-8 in practice; UTF-16 (with BOM) is transcoded.
pub(crate) fn to_utf8(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((enc, len)) = encoding_rs::Encoding::for_bom(bytes) {
        return Cow::Owned(
            enc.decode_without_bom_handling(&bytes[len..])
                .0
                .into_owned(),
        );
    }
    String::from_utf8_lossy(bytes)
}

/// Walk `xml`, calling `f` for each start, end and text. `f` returns `false` to stop early.
pub(crate) fn walk<F>(
    xml: &str,
    part: &str,
    limits: &Limits,
    budget: &mut Budget,
    mut f: F,
) -> Result<(), DecodeError>
where
    F: FnMut(XmlEv<'_, '_>) -> Result<bool, DecodeError>,
{
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    let mut depth = 0usize;
    loop {
        if budget.events_left == 0 {
            return Err(DecodeError::TooComplex {
                what: format!("{part} 的元素超过 {} 个", limits.max_events),
            });
        }
        budget.events_left -= 1;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(_) => {
                return Err(DecodeError::Corrupt {
                    what: format!(
                        "{part} 不是有效的 XML(约第 {} 字节处出错)",
                        reader.buffer_position()
                    ),
                })
            }
        };
        let go_on = match ev {
            Event::Start(ref e) => {
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(DecodeError::TooComplex {
                        what: format!("{part} 的嵌套超过 {} 层", limits.max_xml_depth),
                    });
                }
                f(XmlEv::Start(e))?
            }
            Event::Empty(ref e) => {
                if depth + 1 > limits.max_xml_depth {
                    return Err(DecodeError::TooComplex {
                        what: format!("{part} 的嵌套超过 {} 层", limits.max_xml_depth),
                    });
                }
                f(XmlEv::Start(e))? && f(XmlEv::End(e.name().as_ref()))?
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                f(XmlEv::End(e.name().as_ref()))?
            }
            Event::Text(ref t) => {
                let s = match t.unescape() {
                    Ok(s) => s,
                    Err(_) => Cow::Owned(unescape_lenient(&String::from_utf8_lossy(t.as_ref()))),
                };
                f(XmlEv::Text(&s))?
            }
            Event::CData(ref t) => {
                let s = String::from_utf8_lossy(t.as_ref()).into_owned();
                f(XmlEv::Text(&s))?
            }
            Event::Eof => return Ok(()),
            _ => true,
        };
        if !go_on {
            return Ok(());
        }
    }
}

/// `&amp;` etc. and char refs decoded; unknown entities left as written.
pub(crate) fn unescape_lenient(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        let end = after.find(';').filter(|e| *e <= 10);
        let rep = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => char_ref(name),
            };
            c.map(|c| (c, e))
        });
        match rep {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `#123` / `#x7B` → char (invalid code points → U+FFFD).
pub(crate) fn char_ref(name: &str) -> Option<char> {
    let num = name.strip_prefix('#')?;
    let v = if let Some(h) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
        u32::from_str_radix(h, 16).ok()?
    } else {
        num.parse::<u32>().ok()?
    };
    Some(match v {
        0 => '\u{fffd}',
        v => char::from_u32(v).unwrap_or('\u{fffd}'),
    })
}

/// Local part of a qualified name.
pub(crate) fn local(qname: &[u8]) -> &[u8] {
    match qname.iter().position(|b| *b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

/// Prefix of a qualified name (empty when none).
pub(crate) fn prefix(qname: &[u8]) -> &[u8] {
    match qname.iter().position(|b| *b == b':') {
        Some(i) => &qname[..i],
        None => b"",
    }
}

/// WordprocessingML element `w:<local>` (any prefix accepted except other known vocabularies).
pub(crate) fn is_w(qname: &[u8], name: &[u8]) -> bool {
    local(qname) == name && matches!(prefix(qname), b"w" | b"" | b"w14" | b"w15")
}

/// The value of the attribute whose local name is `name`.
pub(crate) fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().as_ref() == name {
            return Some(match a.unescape_value() {
                Ok(v) => v.into_owned(),
                Err(_) => unescape_lenient(&String::from_utf8_lossy(&a.value)),
            });
        }
    }
    None
}
