//! planlens-core: the text of a Chinese government plan in, an [`Analysis`] out.
//!
//! Pure Rust: no I/O, no web dependencies, deterministic, and it never panics.
//! The flow runs one way: decode (format, encoding) → blocks with char spans →
//! outline → measures, responsibility, targets → units. See ARCHITECTURE.md.

pub mod deadline;
pub mod decode;
pub mod markers;
pub mod meta;
pub mod model;
pub mod numbers;
pub mod outline;
pub mod responsibility;
pub mod years;

mod measures;
mod target_table;
mod targets;
mod task_table;
mod text;
mod units;
mod warnings;

pub use decode::{decode, DecodeError, Decoded, Limits};
pub use model::*;

/// Analyse pasted text.
pub fn analyze(text: &str) -> Analysis {
    analyze_source(text, SourceInfo::default())
}

/// Analyse text that the decode step produced, keeping its source description.
pub fn analyze_source(text: &str, mut source: SourceInfo) -> Analysis {
    source.chars = text.chars().count();
    let doc = text::Document::new(text);
    let meta = meta::extract(&doc);
    let outline = outline::build(&doc);
    let extracted = measures::extract(&doc, &outline, meta.year);
    let (targets, placeholder_spans) = collect_targets(&doc, &outline, &extracted, meta.year);

    let mut warnings = warnings::missing_owners(&extracted.measures);
    warnings.extend(warnings::numbering(&doc, &outline));
    warnings.extend(warnings::placeholders(&doc));
    warnings.extend(warnings::duplicates(&doc));
    let _ = placeholder_spans;
    warnings.sort_by_key(|w| w.span);

    Analysis {
        schema: SCHEMA.to_string(),
        units: units::index(&extracted.measures),
        outline: outline::to_model(&doc, &outline),
        measures: extracted.measures,
        targets,
        meta,
        source,
        warnings,
    }
}

/// Targets from goal sections (text and tables) and from the measures' own text.
fn collect_targets(
    doc: &text::Document,
    outline: &outline::Outline,
    extracted: &measures::Extracted,
    plan_year: Option<i32>,
) -> (Vec<Target>, Vec<[usize; 2]>) {
    let ctx = targets::Context { doc, outline, plan_year };
    let mut found = vec![];
    // 指标表 rows with bare numbers first; their rows are not read again below.
    let mut goal_cells: Vec<(usize, usize)> = outline
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == SectionKind::Goals)
        .flat_map(|(i, n)| n.cells.iter().map(move |&b| (b, i)))
        .collect();
    goal_cells.sort_unstable();
    let table_rows = target_table::extract(doc, outline, &goal_cells, &mut found);
    for (n, node) in outline.nodes.iter().enumerate() {
        if node.kind != SectionKind::Goals {
            continue;
        }
        let fallback = targets::goals_year(doc, outline, n);
        let mut regions = vec![];
        if let Some(from) = node.inline_from {
            regions.push((node.block, from));
        }
        regions.extend(node.body.iter().chain(node.cells.iter().filter(|b| !table_rows.contains(b))).map(|&b| (b, 0)));
        for (block, a) in regions {
            let r = targets::Region {
                block,
                a,
                b: doc.blocks[block].chars.len(),
                node: Some(n),
                measure: None,
                fallback_year: fallback,
            };
            targets::extract_region(&ctx, &r, &mut found);
        }
    }
    for (m, ranges) in extracted.measures.iter().zip(&extracted.ranges) {
        let node = outline.owner.get(ranges.first().map(|r| r.0).unwrap_or(0)).copied().flatten();
        let fallback = node.and_then(|n| years::section_year(doc, outline, n)).map(years::YearHit::Year);
        for &(block, a, b) in ranges {
            let r = targets::Region { block, a, b, node, measure: Some(m.id.clone()), fallback_year: fallback };
            targets::extract_region(&ctx, &r, &mut found);
        }
    }
    found.sort_by_key(|f| f.target.span);
    let mut spans = vec![];
    let targets = found
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            f.target.id = format!("t{}", i + 1);
            spans.extend(f.placeholder);
            f.target
        })
        .collect();
    (targets, spans)
}

/// Decode a file's bytes and analyse them.
pub fn analyze_bytes(bytes: &[u8], file_name: &str) -> Result<Analysis, DecodeError> {
    let decoded = decode(bytes, file_name, &Limits::default())?;
    Ok(analyze_source(&decoded.text, decoded.source))
}
