//! planlens-core: the text of a Chinese government plan in, an [`Analysis`] out.
//!
//! Pure Rust: no I/O, no web dependencies, deterministic, and it never panics.
//! The flow runs one way: decode (format, encoding) → blocks with char spans →
//! outline → measures, responsibility, targets → units. See ARCHITECTURE.md.

pub mod decode;
pub mod model;

// Shared by the decoders and the text layer (page furniture, HTML block elements),
// outside the flow.
mod furniture;
mod html_blocks;

// The analysis, one folder a step; each reads only the folders above it in this list.
mod lex;
mod measures;
mod outline;
mod report;
mod targets;
mod text;

pub use decode::normalize_text;
pub use decode::{decode, DecodeError, Decoded, Limits};
pub use model::*;

/// The per-unit index of a list of measures (as in [`Analysis::units`]), for a
/// caller that changed the measures, e.g. with a user's corrections.
pub fn unit_index(measures: &[Measure]) -> Vec<UnitEntry> {
    report::units::index(measures)
}

/// Analyse pasted text.
pub fn analyze(text: &str) -> Analysis {
    analyze_source(text, SourceInfo::default())
}

/// Analyse text that the decode step produced, keeping its source description.
pub fn analyze_source(text: &str, source: SourceInfo) -> Analysis {
    analyze_document(text::Document::new(text), source)
}

/// Called after each step with its name when set (feature `stage-probe`, for
/// `examples/peak_memory`); the analysis never reads what it does.
#[cfg(feature = "stage-probe")]
#[doc(hidden)]
pub static STAGE_PROBE: std::sync::OnceLock<fn(&str)> = std::sync::OnceLock::new();

#[inline(always)]
fn stage(_name: &str) {
    #[cfg(feature = "stage-probe")]
    if let Some(f) = STAGE_PROBE.get() {
        f(_name)
    }
}

/// The analysis of a document's views (the text itself is no longer needed).
fn analyze_document(doc: text::Document, mut source: SourceInfo) -> Analysis {
    source.chars = doc.orig.len();
    stage("views");
    let meta = report::meta::extract(&doc);
    let mut outline = outline::build(&doc);
    // Kept to the end of the analysis: no spare room (up to half again, by doubling).
    outline.nodes.shrink_to_fit();
    stage("outline");
    let mut extracted = measures::extract(&doc, &outline, meta.year);
    // The measures are kept to the end: no spare room (a quarter of them, by doubling).
    extracted.measures.shrink_to_fit();
    // What the measures repeated (section titles and paths, shared strings) is theirs now.
    outline.forget_measure_caches();
    doc.forget_shared();
    stage("measures");
    let mut targets = targets::collect(&doc, &outline, &extracted, meta.year);
    targets.shrink_to_fit();
    stage("targets");
    // The measures' text ranges were for the target search only.
    let measures::Extracted { measures, .. } = extracted;

    let mut others = report::warnings::numbering(&doc, &outline);
    others.extend(report::warnings::placeholders(&doc));
    others.extend(report::warnings::duplicates(&doc));
    others.extend(report::warnings::nothing_found(
        &doc,
        measures.len(),
        targets.len(),
    ));
    // The matching views are done with: freed before the outline and the measures'
    // texts are written, then the section tree, before the index is built.
    let heads = outline::heads(&doc, &outline);
    let shown = doc.into_shown();
    let outline_nodes = outline::to_model(&outline, &heads, &shown);
    drop(heads);
    drop(outline);
    let mut measures = measures;
    fill_texts(&shown, &mut measures);
    drop(shown);
    let mut warnings = report::warnings::missing_owners(&measures);
    warnings.extend(others);
    warnings.sort_by_key(|w| w.span);
    stage("report");

    let units = report::units::index(&measures);
    let unit_variants = report::aliases::suggest(&units);
    stage("units");
    Analysis {
        schema: SCHEMA.to_string(),
        unit_variants,
        units,
        outline: outline_nodes,
        measures,
        targets,
        meta,
        source,
        warnings,
    }
}

/// Each measure's text, as shown over its span. Written last, once the matching views
/// are freed: the texts are most of what an `Analysis` keeps, and the views most of
/// what the analysis needs, so the two are never held at once.
fn fill_texts(shown: &text::Shown, measures: &mut [Measure]) {
    for m in measures {
        m.text = shown.display(m.span[0], m.span[1]);
    }
}

/// Groups of unit names that look like one unit (see `Analysis::unit_variants`),
/// for a list of units changed after the analysis.
pub fn unit_variants(units: &[UnitEntry]) -> Vec<Vec<String>> {
    report::aliases::suggest(units)
}

/// Decode a file's bytes and analyse them.
pub fn analyze_bytes(bytes: &[u8], file_name: &str) -> Result<Analysis, DecodeError> {
    let Decoded { text, source } = decode(bytes, file_name, &Limits::default())?;
    stage("decode");
    // The decoded text becomes the document's original, not a copy of it.
    Ok(analyze_document(text::Document::from_string(text), source))
}
