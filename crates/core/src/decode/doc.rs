//! Legacy Word 97–2003 `.doc` (and WPS `.wps` saved in the same layout): the
//! compound file is opened with `cfb`, the text is read through the FIB and the
//! piece table of the `WordDocument` stream ([MS-DOC]).
//!
//! - The main document (`ccpText`), with footnotes and endnotes as `注N:…` lines after
//!   the paragraph that cites them (as in `.docx`); headers, comments and text boxes
//!   live in other CP ranges and are left out.
//! - Unicode pieces are UTF-16LE; 8-bit ("compressed") pieces are Windows-1252 as
//!   MS-DOC specifies, except in a Chinese file (`lidFE`/`lid` zh-CN/SG → GBK, zh-TW/
//!   HK/MO → Big5) whose Unicode pieces hold no hanzi and whose 8-bit bytes read as
//!   clean Chinese text in that code page: some writers store their ANSI code page
//!   there, and the file then says so in `source.encoding`.
//! - Paragraph marks (0x0D) end lines, 0x0B is a line break, fields keep their
//!   result (0x13 code 0x14 result 0x15, nested too), objects and other control
//!   characters are dropped.
//! - Tables as the `.docx` path writes them: one line per row, cells joined by
//!   [`CELL_SEP`], paragraphs inside a cell by [`CELL_BREAK`], nested tables folded
//!   into their cell, vertically merged cells repeating their text. Cell and row ends
//!   come from the paragraph properties (PlcBtePapx → PAPX FKPs: sprmPFInTable,
//!   sprmPFTtp, sprmPItap, sprmPFInnerTableCell, sprmPFInnerTtp, sprmTDefTable).
//! - Automatic numbering rendered as the `.docx` path renders it ([`lists`]).
//! - Hidden text and tracked deletions (CHPX FKPs: sprmCFVanish, sprmCFRMarkDel) are
//!   left out, as in `.docx`.
//!
//! Every offset and count read from the file is checked; nothing here indexes
//! without a bound or panics on any bytes.
//!
//! [MS-DOC]: https://learn.microsoft.com/openspecs/office_file_formats/ms-doc/

use super::{DecodeError, Limits, CELL_BREAK, CELL_SEP};
use encoding_rs::{Encoding, BIG5, GBK, WINDOWS_1252};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Read};

mod lists;

pub(crate) struct DocOut {
    pub text: String,
    /// The code page used for 8-bit pieces when it was not Windows-1252.
    pub encoding: Option<String>,
    pub warnings: Vec<String>,
}

/// Deepest table nesting followed; deeper levels fold into this one.
const MAX_TABLE_DEPTH: usize = 64;
/// Deepest field nesting followed.
const MAX_FIELD_DEPTH: usize = 64;
/// Most footnotes and endnotes read (each kind).
const MAX_NOTES: usize = 100_000;

fn corrupt(what: &str) -> DecodeError {
    DecodeError::Corrupt {
        what: format!("Word 文档(.doc)的{what}"),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// `bytes[at..at + len]`, or `None` when out of bounds.
fn slice(b: &[u8], at: u32, len: u32) -> Option<&[u8]> {
    let at = at as usize;
    b.get(at..at.checked_add(len as usize)?)
}

type Cfb<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

/// Open the compound file; `None` when it cannot be parsed.
pub(crate) fn open(bytes: &[u8]) -> Option<Cfb<'_>> {
    cfb::CompoundFile::open(Cursor::new(bytes)).ok()
}

/// Whether the compound file holds a Word `WordDocument` stream.
pub(crate) fn has_word_document(cf: &Cfb<'_>) -> bool {
    cf.is_stream("/WordDocument")
}

/// A whole stream, read within the caps; `None` when absent.
fn read_stream(
    cf: &mut Cfb<'_>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, DecodeError> {
    let path = format!("/{name}");
    if !cf.is_stream(&path) {
        return Ok(None);
    }
    let declared = cf.entry(&path).map(|e| e.len()).unwrap_or(0);
    if declared > limits.max_entry_bytes {
        return Err(DecodeError::TooComplex {
            what: format!(
                "{name} 数据流有 {} MB,超过 {} MB 的上限",
                declared >> 20,
                limits.max_entry_bytes >> 20
            ),
        });
    }
    let stream = cf
        .open_stream(&path)
        .map_err(|_| corrupt(&format!("{name} 数据流无法打开")))?;
    let mut out = Vec::with_capacity((declared as usize).min(limits.max_input_bytes));
    stream
        .take(limits.max_entry_bytes)
        .read_to_end(&mut out)
        .map_err(|_| corrupt(&format!("{name} 数据流无法读取")))?;
    Ok(Some(out))
}

/// The parts of the File Information Block used here.
struct Fib {
    n_fib: u16,
    encrypted: bool,
    table1: bool,
    lid: u16,
    lid_fe: u16,
    ccp_text: u32,
    ccp_ftn: u32,
    ccp_hdd: u32,
    ccp_mcr: u32,
    ccp_atn: u32,
    ccp_edn: u32,
    /// FibRgFcLcb: (fc, lcb) pairs into the table stream.
    fc_lcb: Vec<(u32, u32)>,
}

impl Fib {
    /// The bytes a FibRgFcLcb pair points at in the table stream (empty when absent).
    fn part<'t>(&self, table: &'t [u8], index: usize) -> &'t [u8] {
        self.fc_lcb
            .get(index)
            .and_then(|(fc, lcb)| slice(table, *fc, *lcb))
            .unwrap_or(&[])
    }
}

/// Indexes of pairs in FibRgFcLcb97.
const FC_STSHF: usize = 1;
const FC_PLCFFND_REF: usize = 2;
const FC_PLCFFND_TXT: usize = 3;
const FC_PLCF_BTE_CHPX: usize = 12;
const FC_PLCF_BTE_PAPX: usize = 13;
const FC_PLCFEND_REF: usize = 46;
const FC_PLCFEND_TXT: usize = 47;
const FC_CLX: usize = 33;
const FC_PLF_LST: usize = 73;
const FC_PLF_LFO: usize = 74;

fn parse_fib(w: &[u8]) -> Result<Fib, DecodeError> {
    let bad = || corrupt("文件信息块(FIB)不完整");
    let ident = u16_at(w, 0).ok_or_else(bad)?;
    if ident != 0xA5EC && ident != 0xA5DC {
        return Err(corrupt("文件信息块(FIB)标识不正确"));
    }
    let n_fib = u16_at(w, 2).ok_or_else(bad)?;
    let lid = u16_at(w, 6).ok_or_else(bad)?;
    let flags = u16_at(w, 0x0A).ok_or_else(bad)?;
    // fEncrypted (bit 8) covers both RC4/CryptoAPI encryption and XOR obfuscation
    // (fObfuscated, bit 15, tells which); either way the text is unreadable.
    let encrypted = flags & 0x0100 != 0 || flags & 0x8000 != 0;
    let table1 = flags & 0x0200 != 0;
    let mut fib = Fib {
        n_fib,
        encrypted,
        table1,
        lid,
        lid_fe: 0,
        ccp_text: 0,
        ccp_ftn: 0,
        ccp_hdd: 0,
        ccp_mcr: 0,
        ccp_atn: 0,
        ccp_edn: 0,
        fc_lcb: vec![],
    };
    if encrypted || n_fib < 0x00C0 {
        // The rest of the FIB is encrypted, or laid out as in Word 6/95.
        return Ok(fib);
    }
    let csw = u16_at(w, 32).ok_or_else(bad)? as usize;
    let rg_w = 34;
    // lidFE is the 14th u16 of FibRgW97.
    if csw >= 14 {
        fib.lid_fe = u16_at(w, rg_w + 13 * 2).ok_or_else(bad)?;
    }
    let cslw_at = rg_w + csw * 2;
    let cslw = u16_at(w, cslw_at).ok_or_else(bad)? as usize;
    let rg_lw = cslw_at + 2;
    if cslw < 4 {
        return Err(bad());
    }
    fib.ccp_text = u32_at(w, rg_lw + 3 * 4).ok_or_else(bad)?;
    if cslw >= 9 {
        let ccp = |i: usize| u32_at(w, rg_lw + i * 4).unwrap_or(0);
        (
            fib.ccp_ftn,
            fib.ccp_hdd,
            fib.ccp_mcr,
            fib.ccp_atn,
            fib.ccp_edn,
        ) = (ccp(4), ccp(5), ccp(6), ccp(7), ccp(8));
    }
    let cb_at = rg_lw + cslw * 4;
    let cb_rg_fc_lcb = u16_at(w, cb_at).ok_or_else(bad)? as usize;
    let blob = cb_at + 2;
    for i in 0..cb_rg_fc_lcb.min(200) {
        match (u32_at(w, blob + i * 8), u32_at(w, blob + i * 8 + 4)) {
            (Some(fc), Some(lcb)) => fib.fc_lcb.push((fc, lcb)),
            _ => break,
        }
    }
    if fib.fc_lcb.len() <= FC_CLX {
        return Err(bad());
    }
    Ok(fib)
}

/// Chinese language ids (zh-TW, zh-CN, zh-HK, zh-SG, zh-MO) → the ANSI code page.
fn cjk_encoding(lid: u16) -> Option<&'static Encoding> {
    match lid {
        0x0804 | 0x1004 => Some(GBK),
        0x0404 | 0x0C04 | 0x1404 => Some(BIG5),
        _ => None,
    }
}

/// One piece of the piece table: CPs `[cp, cp_end)` stored at `fc` in WordDocument.
struct Piece {
    cp: u32,
    cp_end: u32,
    /// Byte offset of the first character in the WordDocument stream.
    fc: u32,
    compressed: bool,
    /// Index into the CLX's Prc list when the piece's Prm points there.
    prc: Option<usize>,
}

struct Clx<'a> {
    prcs: Vec<&'a [u8]>,
    pieces: Vec<Piece>,
}

fn parse_clx(clx: &[u8]) -> Result<Clx<'_>, DecodeError> {
    let mut prcs = vec![];
    let mut i = 0usize;
    loop {
        match clx.get(i) {
            Some(1) => {
                let cb = u16_at(clx, i + 1).ok_or_else(|| corrupt("段落格式表(Prc)不完整"))? as i16;
                let cb = usize::try_from(cb).map_err(|_| corrupt("段落格式表(Prc)长度为负"))?;
                let g = clx
                    .get(i + 3..i + 3 + cb)
                    .ok_or_else(|| corrupt("段落格式表(Prc)越界"))?;
                prcs.push(g);
                i += 3 + cb;
            }
            Some(2) => break,
            _ => return Err(corrupt("片段表(CLX)格式不正确")),
        }
    }
    let lcb = u32_at(clx, i + 1).ok_or_else(|| corrupt("片段表(Pcdt)不完整"))?;
    let plc = slice(clx, (i + 5) as u32, lcb).ok_or_else(|| corrupt("片段表(PlcPcd)越界"))?;
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(corrupt("片段表(PlcPcd)长度不正确"));
    }
    let n = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    for k in 0..n {
        let (Some(cp), Some(cp_end)) = (u32_at(plc, k * 4), u32_at(plc, k * 4 + 4)) else {
            break;
        };
        let pcd = 4 * (n + 1) + 8 * k;
        let (Some(fc), Some(prm)) = (u32_at(plc, pcd + 2), u16_at(plc, pcd + 6)) else {
            break;
        };
        // Pieces run in CP order without overlap (MS-DOC); others are dropped, so a
        // range can be found by binary search.
        if cp_end <= cp || pieces.last().is_some_and(|q: &Piece| cp < q.cp_end) {
            continue;
        }
        let compressed = fc & 0x4000_0000 != 0;
        let raw = fc & 0x3FFF_FFFF;
        pieces.push(Piece {
            cp,
            cp_end,
            fc: if compressed { raw / 2 } else { raw },
            compressed,
            prc: (prm & 1 == 1).then_some((prm >> 1) as usize),
        });
    }
    Ok(Clx { prcs, pieces })
}

/// Paragraph properties that shape tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct Props {
    in_table: bool,
    ttp: bool,
    itap: i32,
    inner_cell: bool,
    inner_ttp: bool,
    /// The list (1-based LFO index, 0 none) and list level: automatic numbering.
    ilfo: u16,
    ilvl: u8,
    /// Vertical merge flag per cell of the row (sprmTDefTable / sprmTVertMerge):
    /// 0 none, 1 continues the cell above, 3 (or 2) starts a merge.
    vmerge: Vec<u8>,
}

impl Props {
    fn depth(&self) -> usize {
        if self.in_table || self.inner_cell || self.inner_ttp || self.itap > 0 {
            (self.itap.max(1) as usize).min(MAX_TABLE_DEPTH)
        } else {
            0
        }
    }

    /// Apply a grpprl (a run of sprms). Unknown sprms are skipped by their size.
    fn apply(&mut self, grpprl: &[u8]) {
        let mut i = 0usize;
        while let Some(sprm) = u16_at(grpprl, i) {
            let at = i + 2;
            let Some(len) = operand_len(sprm, grpprl, at) else {
                return;
            };
            let Some(op) = grpprl.get(at..at.saturating_add(len)) else {
                return;
            };
            let b0 = op.first().copied().unwrap_or(0);
            match sprm {
                0x2416 => self.in_table = b0 != 0,
                0x460B => {
                    let v = u16_at(op, 0).unwrap_or(0) as i16;
                    self.ilfo = if v > 0 { v as u16 } else { 0 };
                }
                0x260A => self.ilvl = b0.min(8),
                0x2417 => self.ttp = b0 != 0,
                0x244B => self.inner_cell = b0 != 0,
                0x244C => self.inner_ttp = b0 != 0,
                0x6649 => self.itap = u32_at(op, 0).map_or(0, |v| (v as i32).clamp(0, 1 << 16)),
                0x664A => {
                    let d = u32_at(op, 0)
                        .map_or(0, |v| v as i32)
                        .clamp(-(1 << 16), 1 << 16);
                    self.itap = (self.itap + d).clamp(0, 1 << 16);
                }
                0xD608 => {
                    // TDefTableOperand: cb (2), itcMac (1), rgdxaCenter (itcMac + 1) × 2,
                    // rgTc80 itcMac × 20 (TC80.tcgrf bits 5–6: vertMerge).
                    let n = op.get(2).copied().unwrap_or(0) as usize;
                    let tcs = 3 + (n + 1) * 2;
                    self.vmerge = (0..n)
                        .map(|c| u16_at(op, tcs + c * 20).map_or(0, |g| ((g >> 5) & 3) as u8))
                        .collect();
                }
                0xD62B => {
                    // VerticalMergeOperand: cb (1), itc (1), vertMerge (1).
                    if let (Some(&itc), Some(&v)) = (op.get(1), op.get(2)) {
                        let itc = itc as usize;
                        if itc < 64 {
                            if self.vmerge.len() <= itc {
                                self.vmerge.resize(itc + 1, 0);
                            }
                            self.vmerge[itc] = v & 3;
                        }
                    }
                }
                _ => {}
            }
            i = at.saturating_add(len);
        }
    }
}

/// Size of a sprm's operand starting at `at` (MS-DOC 2.2.5.1, `spra`).
fn operand_len(sprm: u16, g: &[u8], at: usize) -> Option<usize> {
    Some(match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        _ => match sprm {
            // sprmTDefTable, sprmTDefTable10: a 2-byte size that counts itself minus one.
            0xD608 | 0xD606 => (u16_at(g, at)? as usize).checked_add(1)?,
            // sprmPChgTabs: cb 255 means two counted lists follow.
            0xC615 if *g.get(at)? == 255 => {
                let del = *g.get(at + 1)? as usize;
                let add_at = at + 2 + del * 4;
                let add = *g.get(add_at)? as usize;
                add_at + 1 + add * 3 - at
            }
            _ => 1 + *g.get(at)? as usize,
        },
    })
}

/// The 512-byte FKP pages a PlcBte (paragraph or character) names, each page once:
/// a table naming one page many times adds nothing.
fn fkp_pages<'a>(word: &'a [u8], plc: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let n = plc.len().saturating_sub(4) / 8;
    let mut seen = BTreeSet::new();
    (0..n)
        .map_while(move |k| u32_at(plc, 4 * (n + 1) + 4 * k))
        .filter_map(move |pn| {
            let pn = (pn & 0x3F_FFFF) as usize;
            if !seen.insert(pn) {
                return None;
            }
            pn.checked_mul(512)
                .and_then(|at| word.get(at..at.checked_add(512)?))
        })
}

/// How many runs an FKP page holds (its last byte).
fn fkp_run_count(page: &[u8]) -> usize {
    page.last().copied().unwrap_or(0) as usize
}

/// An FKP page's runs: (index, fc start, fc end).
fn fkp_runs(page: &[u8]) -> impl Iterator<Item = (usize, u32, u32)> + '_ {
    (0..fkp_run_count(page))
        .map_while(move |j| Some((j, u32_at(page, 4 * j)?, u32_at(page, 4 * j + 4)?)))
}

/// Paragraph properties by WordDocument byte range, from the PAPX FKPs.
struct Papx {
    /// (fc start, fc end, index into `props`), sorted by start.
    runs: Vec<(u32, u32, u32)>,
    /// Distinct paragraph properties (most paragraphs share a few).
    props: Vec<Props>,
}

/// Most FKP runs (paragraph or character) kept: far beyond any real document.
const MAX_RUNS: usize = 1 << 21;

impl Papx {
    fn parse(word: &[u8], table: &[u8], fib: &Fib, styles: &[Props]) -> Papx {
        let mut runs = vec![];
        let mut props_list: Vec<Props> = vec![];
        let mut index: HashMap<Props, u32> = HashMap::new();
        for page in fkp_pages(word, fib.part(table, FC_PLCF_BTE_PAPX)) {
            if runs.len() >= MAX_RUNS {
                break;
            }
            let crun = fkp_run_count(page);
            for (j, start, end) in fkp_runs(page) {
                let b_offset = page.get(4 * (crun + 1) + 13 * j).copied().unwrap_or(0) as usize;
                let mut props = styles.first().cloned().unwrap_or_default();
                if b_offset != 0 {
                    let o = 2 * b_offset;
                    let grp = match page.get(o).copied() {
                        Some(0) => page
                            .get(o + 1)
                            .and_then(|&cb| page.get(o + 2..o + 2 + 2 * cb as usize)),
                        Some(cb) => page.get(o + 1..o + 2 * cb as usize),
                        None => None,
                    };
                    // GrpPrlAndIstd: istd (2 bytes) — the style's properties first —
                    // then the paragraph's sprms.
                    if let Some(g) = grp {
                        if let Some(style) = u16_at(g, 0).and_then(|i| styles.get(usize::from(i))) {
                            props = style.clone();
                        }
                        if let Some(g) = g.get(2..) {
                            props.apply(g);
                        }
                    }
                }
                if end > start {
                    let next = props_list.len() as u32;
                    let i = *index.entry(props.clone()).or_insert(next);
                    if i == next {
                        props_list.push(props);
                    }
                    runs.push((start, end, i));
                }
            }
        }
        runs.sort_unstable_by_key(|r| r.0);
        Papx {
            runs,
            props: props_list,
        }
    }

    fn at(&self, fc: u32) -> Option<&Props> {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        let r = self.runs.get(i.checked_sub(1)?)?;
        if fc < r.1 {
            self.props.get(r.2 as usize)
        } else {
            None
        }
    }
}

/// Byte ranges of WordDocument whose characters are hidden (sprmCFVanish) or
/// deleted tracked changes (sprmCFRMarkDel), from the CHPX FKPs.
struct Chpx {
    /// (fc start, fc end), sorted by start.
    hidden: Vec<(u32, u32)>,
}

impl Chpx {
    fn parse(word: &[u8], table: &[u8], fib: &Fib) -> Chpx {
        let mut hidden = vec![];
        for page in fkp_pages(word, fib.part(table, FC_PLCF_BTE_CHPX)) {
            if hidden.len() >= MAX_RUNS {
                break;
            }
            let crun = fkp_run_count(page);
            for (j, start, end) in fkp_runs(page) {
                let b = page.get(4 * (crun + 1) + j).copied().unwrap_or(0) as usize;
                if b == 0 || end <= start {
                    continue;
                }
                let o = 2 * b;
                let Some(g) = page
                    .get(o)
                    .and_then(|&cb| page.get(o + 1..o + 1 + cb as usize))
                else {
                    continue;
                };
                if hides(g) {
                    hidden.push((start, end));
                }
            }
        }
        hidden.sort_unstable();
        Chpx { hidden }
    }

    fn hidden(&self, fc: u32) -> bool {
        let i = self.hidden.partition_point(|r| r.0 <= fc);
        i.checked_sub(1)
            .and_then(|i| self.hidden.get(i))
            .is_some_and(|r| fc < r.1)
    }
}

/// Whether a character grpprl makes its text hidden or deleted. Toggle operands: 1 on,
/// 0x81 the opposite of the style's (which is not hidden in practice).
fn hides(grpprl: &[u8]) -> bool {
    let mut i = 0usize;
    let mut out = false;
    while let Some(sprm) = u16_at(grpprl, i) {
        let at = i + 2;
        let Some(len) = operand_len(sprm, grpprl, at) else {
            break;
        };
        let op = grpprl.get(at).copied().unwrap_or(0);
        match sprm {
            0x083C | 0x0800 => out = matches!(op, 1 | 0x81) || (out && op == 0x80),
            _ => {}
        }
        i = at.saturating_add(len);
    }
    out
}

/// One open table level: its finished lines, the current row's cells, the current
/// cell's paragraphs, and the texts of vertically merged cells by column.
#[derive(Default)]
struct Level {
    lines: Vec<String>,
    row: Vec<String>,
    cell: Vec<String>,
    merges: BTreeMap<usize, String>,
}

/// Turns the character stream into lines: fields, paragraphs, tables.
struct Builder {
    out: Vec<String>,
    tables: Vec<Level>,
    para: String,
    /// Open fields: `true` while in the field code (before 0x14).
    fields: Vec<bool>,
    field_overflow: usize,
    chars: usize,
    max_chars: usize,
    lists: lists::Lists,
    /// Note texts by the CP of their reference mark, and the notes cited by the
    /// paragraph being read.
    notes: BTreeMap<u32, String>,
    cited: Vec<String>,
    note_no: usize,
}

impl Builder {
    fn new(limits: &Limits, lists: lists::Lists) -> Self {
        Builder {
            lists,
            notes: BTreeMap::new(),
            cited: vec![],
            note_no: 0,
            out: vec![],
            tables: vec![],
            para: String::new(),
            fields: vec![],
            field_overflow: 0,
            chars: 0,
            max_chars: limits.max_output_chars,
        }
    }

    fn too_long(&self) -> DecodeError {
        DecodeError::TooComplex {
            what: format!("文字超过 {} 万字", self.max_chars / 10_000),
        }
    }

    /// One character of the main text; `props` resolves a paragraph end's properties.
    fn char(&mut self, c: char, cp: u32, props: impl FnOnce() -> Props) -> Result<(), DecodeError> {
        match c {
            '\u{13}' => {
                if self.fields.len() < MAX_FIELD_DEPTH {
                    self.fields.push(true);
                } else {
                    self.field_overflow += 1;
                }
                return Ok(());
            }
            '\u{14}' => {
                if self.field_overflow == 0 {
                    if let Some(top) = self.fields.last_mut() {
                        *top = false;
                    }
                }
                return Ok(());
            }
            '\u{15}' => {
                if self.field_overflow > 0 {
                    self.field_overflow -= 1;
                } else {
                    self.fields.pop();
                }
                return Ok(());
            }
            _ => {}
        }
        if self.field_overflow > 0 || self.fields.iter().any(|code| *code) {
            return Ok(());
        }
        self.chars += 1;
        if self.chars > self.max_chars {
            return Err(self.too_long());
        }
        // A footnote / endnote reference (0x02, or a custom mark): the note's text
        // follows the paragraph.
        if !self.notes.is_empty() {
            if let Some(t) = self.notes.remove(&cp) {
                self.note_no += 1;
                self.cited.push(format!("注{}:{t}", self.note_no));
            }
        }
        match c {
            '\r' | '\u{7}' | '\u{c}' => {
                let text = std::mem::take(&mut self.para);
                self.paragraph(text, c, &props());
            }
            '\u{b}' => self.para.push('\n'),
            '\t' | '\u{a0}' => self.para.push(' '),
            '\u{1e}' | '\u{2011}' => self.para.push('-'),
            c if c.is_control() => {}
            c => self.para.push(c),
        }
        Ok(())
    }

    /// A finished line goes to the innermost open cell, or to the output.
    fn deliver(&mut self, line: String) {
        match self.tables.last_mut() {
            Some(level) => level.cell.push(line),
            None => self.out.push(line),
        }
    }

    fn paragraph(&mut self, text: String, term: char, props: &Props) {
        let depth = props.depth();
        // Automatic numbering: the label the reader sees, as the .docx path renders it.
        let row_mark = term == '\u{7}' && depth == 1 && props.ttp;
        let text = match (props.ilfo, row_mark) {
            (1.., false) => match self.lists.label(props.ilfo, props.ilvl) {
                Some((label, space)) if !label.is_empty() => {
                    let body = text.trim_start();
                    let sep = if space && !body.is_empty() { " " } else { "" };
                    format!("{label}{sep}{body}")
                }
                _ => text,
            },
            _ => text,
        };
        while self.tables.len() > depth {
            self.close_table();
        }
        while self.tables.len() < depth {
            self.tables.push(Level::default());
        }
        let cited = std::mem::take(&mut self.cited);
        let Some(level) = self.tables.last_mut() else {
            self.out.push(text);
            self.out.extend(cited);
            return;
        };
        let (row_end, cell_end) = if depth == 1 {
            (term == '\u{7}' && props.ttp, term == '\u{7}' && !props.ttp)
        } else {
            (
                props.inner_ttp,
                props.inner_cell || (term == '\u{7}' && !props.inner_ttp),
            )
        };
        if row_end {
            if !level.cell.is_empty() || !text.trim().is_empty() || !cited.is_empty() {
                level.cell.push(text);
                level.cell.extend(cited);
                finish_cell(level);
            }
            finish_row(level, &props.vmerge);
        } else {
            level.cell.push(text);
            level.cell.extend(cited);
            if cell_end {
                finish_cell(level);
            }
        }
    }

    fn close_table(&mut self) {
        let Some(mut level) = self.tables.pop() else {
            return;
        };
        if !level.cell.is_empty() {
            finish_cell(&mut level);
        }
        if !level.row.is_empty() {
            finish_row(&mut level, &[]);
        }
        for l in level.lines {
            self.deliver(l);
        }
    }

    fn finish(mut self) -> Vec<String> {
        if !self.para.is_empty() {
            let text = std::mem::take(&mut self.para);
            self.paragraph(text, '\r', &Props::default());
        }
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.out
    }
}

/// A cell's paragraphs and breaks stay apart (as in .docx): they separate unit names.
fn finish_cell(level: &mut Level) {
    let text = level
        .cell
        .drain(..)
        .map(|s| s.replace('\n', CELL_BREAK).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(CELL_BREAK);
    level.row.push(text);
}

/// A row: vertically merged cells repeat their text; a row of nothing but merged
/// repeats (or nothing at all) is dropped; trailing empty cells are trimmed.
fn finish_row(level: &mut Level, vmerge: &[u8]) {
    let mut cells = std::mem::take(&mut level.row);
    let mut own_text = false;
    for (col, text) in cells.iter_mut().enumerate() {
        let flag = vmerge.get(col).copied().unwrap_or(0);
        own_text |= !text.is_empty() && flag != 1;
        match flag {
            1 if text.is_empty() => {
                *text = level.merges.get(&col).cloned().unwrap_or_default();
            }
            0 => {
                level.merges.remove(&col);
            }
            _ => {
                level.merges.insert(col, text.clone());
            }
        }
    }
    if !own_text {
        return;
    }
    let mut cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    level.lines.push(cells.join(CELL_SEP));
}

/// Whether 8-bit piece bytes read as `enc` are clean Chinese text (at least 8 hanzi,
/// and hanzi at least 80% of the non-ASCII characters).
fn reads_as(enc: &'static Encoding, bytes: &[u8]) -> bool {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return false;
    }
    let hanzi = text.chars().filter(|c| is_hanzi(*c)).count();
    let high = text.chars().filter(|c| !c.is_ascii()).count();
    hanzi >= 8 && hanzi * 10 >= high * 8
}

fn is_hanzi(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Whether a Unicode piece of the main text holds a hanzi.
fn unicode_has_hanzi(word: &[u8], pieces: &[Piece], ccp_text: u32) -> bool {
    pieces
        .iter()
        .filter(|p| !p.compressed && p.cp < ccp_text)
        .any(|p| {
            let n = p.cp_end.min(ccp_text) - p.cp;
            slice(word, p.fc, n.saturating_mul(2)).is_some_and(|b| {
                b.chunks_exact(2).any(|c| {
                    char::from_u32(u16::from_le_bytes([c[0], c[1]]) as u32).is_some_and(is_hanzi)
                })
            })
        })
}

/// The text of the document by CP: the pieces and how their bytes are read.
struct Source<'a> {
    word: &'a [u8],
    pieces: &'a [Piece],
    enc: &'static Encoding,
    cp1252: &'a [char],
}

impl Source<'_> {
    /// Call `f(char, cp, fc, prc)` for each character of CPs `[from, to)`, in piece
    /// order. Returns whether a piece lay outside the stream (and was skipped).
    fn each(
        &self,
        from: u32,
        to: u32,
        mut f: impl FnMut(char, u32, u32, Option<usize>) -> Result<(), DecodeError>,
    ) -> Result<bool, DecodeError> {
        let mut missing = false;
        let first = self.pieces.partition_point(|p| p.cp_end <= from);
        for p in self.pieces.get(first..).unwrap_or(&[]) {
            if p.cp >= to {
                break;
            }
            let (start, end) = (p.cp.max(from), p.cp_end.min(to));
            if start >= end {
                continue;
            }
            let skip = start - p.cp;
            let n = end - start;
            if p.compressed {
                let fc0 = p.fc.saturating_add(skip);
                let Some(bytes) = slice(self.word, fc0, n) else {
                    missing = true;
                    continue;
                };
                if self.enc == WINDOWS_1252 || bytes.is_ascii() {
                    for (k, &byte) in bytes.iter().enumerate() {
                        let c = match byte {
                            0..=0x7F => byte as char,
                            _ => self
                                .cp1252
                                .get((byte - 0x80) as usize)
                                .copied()
                                .unwrap_or('\u{fffd}'),
                        };
                        let k = k as u32;
                        f(c, start + k, fc0.saturating_add(k), p.prc)?;
                    }
                } else {
                    // Double-byte text: decode a character at a time to keep its offset.
                    let mut k = 0usize;
                    while let Some(&lead) = bytes.get(k) {
                        let width = if lead >= 0x81 && k + 1 < bytes.len() {
                            2
                        } else {
                            1
                        };
                        let Some(one) = bytes.get(k..k + width) else {
                            break;
                        };
                        let (s, _) = self.enc.decode_without_bom_handling(one);
                        for c in s.chars() {
                            f(c, start + k as u32, fc0.saturating_add(k as u32), p.prc)?;
                        }
                        k += width;
                    }
                }
            } else {
                let fc0 = p.fc.saturating_add(skip.saturating_mul(2));
                let Some(bytes) = slice(self.word, fc0, n.saturating_mul(2)) else {
                    missing = true;
                    continue;
                };
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                let mut k = 0usize;
                while let Some(&u) = units.get(k) {
                    let (c, width) = match (u, units.get(k + 1)) {
                        (0xD800..=0xDBFF, Some(&lo @ 0xDC00..=0xDFFF)) => (
                            char::from_u32(
                                0x10000 + ((u as u32 - 0xD800) << 10) + (lo as u32 - 0xDC00),
                            ),
                            2,
                        ),
                        _ => (char::from_u32(u as u32), 1),
                    };
                    let fc = fc0.saturating_add(2 * k as u32);
                    f(c.unwrap_or('\u{fffd}'), start + k as u32, fc, p.prc)?;
                    k += width;
                }
            }
        }
        Ok(missing)
    }

    /// Plain text of CPs `[from, to)` for a note: paragraphs joined by a space, field
    /// results kept, control characters dropped, at most `max` chars.
    fn note_text(&self, from: u32, to: u32, max: usize) -> String {
        let mut out = String::new();
        let mut fields: Vec<bool> = vec![];
        let mut n = 0usize;
        let _ = self.each(from, to, |c, _, _, _| {
            match c {
                '\u{13}' => fields.push(true),
                '\u{14}' => {
                    if let Some(t) = fields.last_mut() {
                        *t = false;
                    }
                }
                '\u{15}' => {
                    fields.pop();
                }
                _ if fields.iter().any(|code| *code) || n >= max => {}
                '\r' | '\u{7}' | '\u{b}' | '\u{c}' | '\t' | '\u{a0}' => {
                    n += 1;
                    out.push(' ');
                }
                c if c.is_control() => {}
                c => {
                    n += 1;
                    out.push(c);
                }
            }
            Ok(())
        });
        out.trim().to_string()
    }
}

/// Footnote and endnote texts by the CP of their reference mark in the main text.
/// Footnotes follow the main text (`ccpFtn`); endnotes follow the footnotes, headers
/// and comments (`ccpEdn` after `ccpHdd`, `ccpMcr`, `ccpAtn`).
fn notes(src: &Source<'_>, table: &[u8], fib: &Fib, limits: &Limits) -> BTreeMap<u32, String> {
    let mut out = BTreeMap::new();
    let ftn_start = fib.ccp_text;
    let edn_start = [fib.ccp_ftn, fib.ccp_hdd, fib.ccp_mcr, fib.ccp_atn]
        .iter()
        .fold(fib.ccp_text, |a, b| a.saturating_add(*b));
    let mut budget = limits.max_output_chars;
    for (refs, txts, base, len) in [
        (FC_PLCFFND_REF, FC_PLCFFND_TXT, ftn_start, fib.ccp_ftn),
        (FC_PLCFEND_REF, FC_PLCFEND_TXT, edn_start, fib.ccp_edn),
    ] {
        let (refs, txts) = (fib.part(table, refs), fib.part(table, txts));
        // PlcffndRef: n + 1 CPs and n 2-byte FRDs; PlcffndTxt: n + 2 CPs.
        if refs.len() < 4 || len == 0 {
            continue;
        }
        let n = (refs.len() - 4) / 6;
        for i in 0..n.min(MAX_NOTES) {
            let (Some(at), Some(a), Some(b)) = (
                u32_at(refs, 4 * i),
                u32_at(txts, 4 * i),
                u32_at(txts, 4 * i + 4),
            ) else {
                break;
            };
            if a >= b || b > len || budget == 0 {
                continue;
            }
            let t = src.note_text(base.saturating_add(a), base.saturating_add(b), budget);
            budget = budget.saturating_sub(t.chars().count());
            if !t.is_empty() {
                out.insert(at, t);
            }
        }
    }
    out
}

/// Decode the `WordDocument` stream of an open compound file.
pub(crate) fn decode_doc(cf: &mut Cfb<'_>, limits: &Limits) -> Result<DocOut, DecodeError> {
    let word = read_stream(cf, "WordDocument", limits)?
        .ok_or_else(|| corrupt("WordDocument 数据流缺失"))?;
    let fib = parse_fib(&word)?;
    if fib.encrypted {
        return Err(DecodeError::Encrypted {
            what: "该 Word 文档(.doc)".into(),
        });
    }
    if fib.n_fib < 0x00C0 {
        return Err(DecodeError::LegacyOffice {
            what: "Word 6.0/95(.doc)".into(),
        });
    }
    let table_name = if fib.table1 { "1Table" } else { "0Table" };
    let table = read_stream(cf, table_name, limits)?
        .ok_or_else(|| corrupt(&format!("{table_name} 数据流缺失")))?;
    let clx_bytes = fib
        .fc_lcb
        .get(FC_CLX)
        .and_then(|(fc, lcb)| slice(&table, *fc, *lcb))
        .ok_or_else(|| corrupt("片段表(CLX)越界"))?;
    let clx = parse_clx(clx_bytes)?;
    if fib.ccp_text as usize > limits.max_output_chars {
        return Err(DecodeError::TooComplex {
            what: format!("文字超过 {} 万字", limits.max_output_chars / 10_000),
        });
    }
    let styles = lists::styles(&table, &fib);
    let papx = Papx::parse(&word, &table, &fib, &styles);
    let props_at = |fc: u32, prc: Option<usize>| -> Props {
        let mut p = papx.at(fc).cloned().unwrap_or_default();
        if let Some(g) = prc.and_then(|i| clx.prcs.get(i)) {
            p.apply(g);
        }
        p
    };

    // The code page of 8-bit pieces: Windows-1252 as MS-DOC specifies, unless the
    // file is in Chinese (lid / lidFE), no Unicode piece holds a hanzi, and the 8-bit
    // bytes read as clean double-byte text (at least 8 hanzi) in the Chinese code
    // page: then a writer stored its ANSI code page there. A few Windows-1252 quotes
    // or dashes in a Chinese file (0x93 0x94 is also a GBK pair) do not qualify.
    let eight_bit_enc = match cjk_encoding(fib.lid_fe).or_else(|| cjk_encoding(fib.lid)) {
        Some(enc) if !unicode_has_hanzi(&word, &clx.pieces, fib.ccp_text) => {
            let mut sample = vec![];
            for p in &clx.pieces {
                if p.compressed && p.cp < fib.ccp_text && sample.len() < 1 << 20 {
                    if let Some(b) = slice(&word, p.fc, p.cp_end.min(fib.ccp_text) - p.cp) {
                        sample.extend_from_slice(b);
                        sample.push(b'\n');
                    }
                }
            }
            if reads_as(enc, &sample) {
                enc
            } else {
                WINDOWS_1252
            }
        }
        _ => WINDOWS_1252,
    };

    // Windows-1252 for 0x80–0xFF (MS-DOC 2.4.1 lists the same exceptions).
    let cp1252: Vec<char> = (0x80u8..=0xFF)
        .map(|byte| {
            let one = [byte];
            let (s, _) = WINDOWS_1252.decode_without_bom_handling(&one);
            s.chars().next().unwrap_or('\u{fffd}')
        })
        .collect();
    let src = Source {
        word: &word,
        pieces: &clx.pieces,
        enc: eight_bit_enc,
        cp1252: &cp1252,
    };
    let mut warnings = vec![];
    let mut b = Builder::new(limits, lists::Lists::parse(&table, &fib));
    b.notes = notes(&src, &table, &fib, limits);
    // Hidden and deleted text is dropped, but its paragraph, cell and field marks
    // still shape the document.
    let chpx = Chpx::parse(&word, &table, &fib);
    let missing = src.each(0, fib.ccp_text, |c, cp, fc, prc| {
        if !matches!(c, '\r' | '\u{7}' | '\u{c}' | '\u{13}' | '\u{14}' | '\u{15}')
            && !chpx.hidden.is_empty()
            && chpx.hidden(fc)
        {
            return Ok(());
        }
        b.char(c, cp, || props_at(fc, prc))
    })?;
    if missing {
        warnings.push("文档的部分文字片段超出文件范围(文件可能不完整),已跳过。".into());
    }
    let lines = b.finish();
    let mut text = String::new();
    for l in &lines {
        text.push_str(l.trim_end());
        text.push('\n');
    }
    let encoding =
        (eight_bit_enc != WINDOWS_1252).then(|| super::text::display_name(eight_bit_enc));
    Ok(DocOut {
        text,
        encoding,
        warnings,
    })
}
