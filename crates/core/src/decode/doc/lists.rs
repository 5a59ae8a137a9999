//! Word 97 automatic numbering (PlfLst + LVLs, PlfLfo + LFOData) and paragraph styles
//! (STSH), rendered as the label the reader sees, with the same conventions as the
//! `.docx` path ([`super::super::numbering`]).

use super::{u16_at, u32_at, Fib, Props, FC_PLF_LFO, FC_PLF_LST, FC_STSHF};
use crate::decode::numbering::format_number;
use std::collections::{BTreeMap, BTreeSet};

/// Most styles, lists and list overrides read.
const MAX_ITEMS: usize = 8192;
/// Longest number text kept (UTF-16 units).
const MAX_LABEL_UNITS: usize = 64;

/// Paragraph properties of each style (by istd), `basedOn` chains resolved.
pub(super) fn styles(table: &[u8], fib: &Fib) -> Vec<Props> {
    let stsh = fib.part(table, FC_STSHF);
    let Some(cb_stshi) = u16_at(stsh, 0).map(usize::from) else {
        return vec![];
    };
    let (Some(cstd), Some(cb_base)) = (u16_at(stsh, 2), u16_at(stsh, 4)) else {
        return vec![];
    };
    let cb_base = usize::from(cb_base);
    let mut raw: Vec<Option<(u16, &[u8])>> = vec![];
    let mut at = 2 + cb_stshi;
    for _ in 0..usize::from(cstd).min(MAX_ITEMS) {
        let Some(cb) = u16_at(stsh, at).map(usize::from) else {
            break;
        };
        let Some(std) = stsh.get(at + 2..at + 2 + cb) else {
            break;
        };
        at += 2 + cb;
        if cb == 0 {
            raw.push(None);
            continue;
        }
        let (Some(w1), Some(w2)) = (u16_at(std, 2), u16_at(std, 4)) else {
            raw.push(None);
            continue;
        };
        let (stk, base, cupx) = (w1 & 0xF, w1 >> 4, w2 & 0xF);
        // xstzName (cch, cch UTF-16 units, terminator), then the UPXs.
        let grpprl = u16_at(std, cb_base).and_then(|cch| {
            let p = cb_base + 2 + 2 * usize::from(cch) + 2;
            let p = p + p % 2;
            if stk != 1 || cupx == 0 {
                return None;
            }
            let cbu = usize::from(u16_at(std, p)?);
            std.get(p + 2..p + 2 + cbu)?.get(2..)
        });
        raw.push(Some((base, grpprl.unwrap_or(&[]))));
    }
    (0..raw.len())
        .map(|istd| {
            // The chain from the style up to its root, bounded.
            let mut chain = vec![];
            let mut cur = istd;
            while let Some(Some((base, g))) = raw.get(cur) {
                chain.push(*g);
                if *base == 0x0FFF || chain.len() >= 16 {
                    break;
                }
                cur = usize::from(*base);
            }
            let mut p = Props::default();
            for g in chain.iter().rev() {
                p.apply(g);
            }
            // Table flags belong to paragraphs, not to styles.
            Props {
                ilfo: p.ilfo,
                ilvl: p.ilvl,
                ..Props::default()
            }
        })
        .collect()
}

#[derive(Debug, Clone, Default)]
struct Lvl {
    start: u32,
    nfc: u8,
    legal: bool,
    no_restart: bool,
    restart_lim: u8,
    /// 0 tab, 1 space, 2 nothing.
    follow: u8,
    /// The number text; units below 9 stand for the number of that level.
    text: Vec<u16>,
}

/// One LVL at `at`; returns it and the offset after it.
fn lvl(b: &[u8], at: usize) -> Option<(Lvl, usize)> {
    let f = b.get(at..at.checked_add(28)?)?;
    let start = u32_at(f, 0)?;
    let flags = f[5];
    let mut p = at + 28 + usize::from(f[24]) + usize::from(f[25]);
    let cch = usize::from(u16_at(b, p)?);
    p += 2;
    // Number texts are short; a longer one is cut (it is rendered for every paragraph).
    let text = b
        .get(p..p + 2 * cch)?
        .chunks_exact(2)
        .take(MAX_LABEL_UNITS)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((
        Lvl {
            start: if (start as i32) < 0 {
                0
            } else {
                start.min(1 << 20)
            },
            nfc: f[4],
            legal: flags & 0x04 != 0,
            no_restart: flags & 0x08 != 0,
            restart_lim: f[26],
            follow: f[15],
            text,
        },
        p + 2 * cch,
    ))
}

struct Lfo {
    lsid: u32,
    /// Per level: a start override and a replacement level.
    starts: BTreeMap<u8, u32>,
    levels: BTreeMap<u8, Lvl>,
}

#[derive(Default)]
pub(super) struct Lists {
    /// lsid → levels.
    lists: BTreeMap<u32, Vec<Lvl>>,
    lfos: Vec<Lfo>,
    counters: BTreeMap<u32, [Option<u32>; 9]>,
    seen: BTreeSet<usize>,
}

impl Lists {
    pub(super) fn parse(table: &[u8], fib: &Fib) -> Lists {
        let mut out = Lists::default();
        let lst = fib.part(table, FC_PLF_LST);
        let n = u16_at(lst, 0).map_or(0, |c| (c as i16).max(0) as usize);
        // The LVLs follow the PlfLst in the table stream.
        let mut at = fib
            .fc_lcb
            .get(FC_PLF_LST)
            .map_or(0, |(fc, lcb)| (*fc as usize).saturating_add(*lcb as usize));
        'lists: for i in 0..n.min(MAX_ITEMS) {
            let (Some(lsid), Some(flags)) = (u32_at(lst, 2 + 28 * i), lst.get(2 + 28 * i + 26))
            else {
                break;
            };
            let count = if flags & 1 != 0 { 1 } else { 9 };
            let mut levels = vec![];
            for _ in 0..count {
                let Some((l, next)) = lvl(table, at) else {
                    break 'lists;
                };
                levels.push(l);
                at = next;
            }
            out.lists.insert(lsid, levels);
        }
        let lfo = fib.part(table, FC_PLF_LFO);
        let m = u32_at(lfo, 0).map_or(0, |v| (v as usize).min(lfo.len() / 16));
        let mut data = 4 + 16 * m;
        for i in 0..m.min(MAX_ITEMS) {
            let (Some(lsid), Some(&clfolvl)) = (u32_at(lfo, 4 + 16 * i), lfo.get(4 + 16 * i + 12))
            else {
                break;
            };
            let mut f = Lfo {
                lsid,
                starts: BTreeMap::new(),
                levels: BTreeMap::new(),
            };
            // LFOData: cp, then clfolvl LFOLVLs (each possibly with its LVL).
            if clfolvl > 0 && u32_at(lfo, data).is_some() {
                data += 4;
                for _ in 0..clfolvl {
                    let (Some(start), Some(flags)) = (u32_at(lfo, data), u32_at(lfo, data + 4))
                    else {
                        break;
                    };
                    data += 8;
                    let ilvl = (flags & 0xF).min(8) as u8;
                    if flags & 0x10 != 0 {
                        f.starts.insert(ilvl, (start as i32).max(0) as u32);
                    }
                    if flags & 0x20 != 0 {
                        match lvl(lfo, data) {
                            Some((l, next)) => {
                                f.levels.insert(ilvl, l);
                                data = next;
                            }
                            None => break,
                        }
                    }
                }
            }
            out.lfos.push(f);
        }
        out
    }

    fn level<'a>(&'a self, lfo: &'a Lfo, l: u8) -> Option<&'a Lvl> {
        lfo.levels
            .get(&l)
            .or_else(|| self.lists.get(&lfo.lsid)?.get(usize::from(l)))
    }

    fn start_of(&self, lfo: &Lfo, l: u8) -> u32 {
        lfo.starts
            .get(&l)
            .copied()
            .or_else(|| self.level(lfo, l).map(|v| v.start))
            .unwrap_or(0)
    }

    /// Advance the counters for one paragraph of list `ilfo` (1-based) at level `ilvl`
    /// and render its label: `(label, wants a space before the text)`.
    pub(super) fn label(&mut self, ilfo: u16, ilvl: u8) -> Option<(String, bool)> {
        let i = usize::from(ilfo).checked_sub(1)?;
        let lfo = self.lfos.get(i)?;
        let lsid = lfo.lsid;
        let l = ilvl.min(8);
        let level = self.level(lfo, l)?.clone();
        let start = self.start_of(lfo, l);
        let starts: Vec<u8> = lfo.starts.keys().copied().collect();
        let mut restarts = [false; 9];
        for (m, r) in restarts.iter_mut().enumerate().skip(usize::from(l) + 1) {
            *r = match self.level(lfo, m as u8) {
                Some(v) if v.no_restart => l < v.restart_lim,
                _ => true,
            };
        }
        let first_use = self.seen.insert(i);
        let c = self.counters.entry(lsid).or_insert([None; 9]);
        // First use of an override that sets start values restarts those levels.
        if first_use {
            for s in starts {
                c[usize::from(s)] = None;
            }
        }
        let k = usize::from(l);
        c[k] = Some(match c[k] {
            None => start,
            Some(v) => v.saturating_add(1),
        });
        for (m, r) in restarts.iter().enumerate() {
            if *r {
                c[m] = None;
            }
        }
        let values = *c;
        let lfo = self.lfos.get(i)?;
        let mut out = String::new();
        for u in char::decode_utf16(level.text.iter().copied()) {
            let Ok(ch) = u else { continue };
            let code = ch as u32;
            if code < 9 {
                let k = code as u8;
                let v = values[usize::from(k)].unwrap_or_else(|| self.start_of(lfo, k));
                let nfc = if level.legal && k != l {
                    0
                } else {
                    self.level(lfo, k).map_or(0, |v| v.nfc)
                };
                out.push_str(&format_number(v, nfc_name(nfc)));
            } else {
                out.push(ch);
            }
        }
        match level.nfc {
            23 if out.chars().any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c))
                || out.trim().is_empty() =>
            {
                out = "•".into();
            }
            0xFF if level.text.iter().any(|u| *u < 9) => out.clear(),
            _ => {}
        }
        let space = level.follow != 2
            && out.chars().last().is_some_and(|c| {
                c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '•'
            });
        Some((out, space))
    }
}

/// MS-DOC number formats (MSONFC) by the names `format_number` knows (the
/// WordprocessingML `ST_NumberFormat` list follows the same order).
fn nfc_name(nfc: u8) -> &'static str {
    match nfc {
        0 => "decimal",
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        10 => "ideographDigital",
        11 => "japaneseCounting",
        14 => "decimalFullWidth",
        16 => "japaneseLegal",
        17 => "japaneseDigitalTenThousand",
        18 => "decimalEnclosedCircle",
        19 => "decimalFullWidth2",
        22 => "decimalZero",
        23 => "bullet",
        26 => "decimalEnclosedFullstop",
        27 => "decimalEnclosedParen",
        28 => "decimalEnclosedCircleChinese",
        29 => "ideographEnclosedCircle",
        30 => "ideographTraditional",
        31 => "ideographZodiac",
        33 => "taiwaneseCounting",
        34 => "ideographLegalTraditional",
        35 => "taiwaneseCountingThousand",
        36 => "taiwaneseDigital",
        37 => "chineseCounting",
        38 => "chineseLegalSimplified",
        39 => "chineseCountingThousand",
        0xFF => "none",
        _ => "decimal",
    }
}
