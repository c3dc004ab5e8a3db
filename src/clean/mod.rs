//! Cleaning: raw article text in, clean text out, every removed piece explained and
//! restorable, with an exact map back to the raw text.
//!
//! How it works:
//! 1. [`clean`] finds boilerplate line by line ([`SiteRules`] phrases matched with
//!    aho-corasick, then structural heuristics: date stamps and short labels above the headline,
//!    headline runs and short lines after the article's end, section names glued to the
//!    headline) and repetition sentence by sentence (hashing, one pass). Each finding becomes a
//!    [`Removed`] piece of the raw text with its reason.
//! 2. [`render`] derives the text from the raw text and those pieces alone: one paragraph per
//!    line, spaces folded, CRLF/CR to LF, bidi controls dropped, Persian letters unified,
//!    optionally ZWNJs restored; it records the [`Alignment`] as it writes.
//! 3. Cleaning runs again on its own output until nothing more is found (at most a few rounds),
//!    so cleaning clean text changes nothing. A round skips the next when it can show that
//!    it would find nothing (whole lines removed, or lines repetition cut whose rest is taken
//!    alike, kept lines written as they are, nothing moved that a round looks at): real pages
//!    nearly always after the first round.
//!
//! What `removed` holds: the *content* that left the text, never the whitespace that folding
//! drops (blank lines, runs of spaces, bidi controls). That part is fully determined by
//! [`render`] and the [`Normalization`]; listing it would bloat every document and offer the
//! analyst nothing to restore. Raw code points that no alignment segment covers and no removed
//! piece covers are therefore folded whitespace or invisible controls. Pieces never overlap;
//! neighbouring pieces with the same reason and only whitespace between them are one piece, so
//! "restore this block" restores the block.

mod align;
mod analyze;
mod dedup;
mod heuristics;
mod lines;
pub mod normalize;
mod pieces;
mod places;
mod render;
mod restore;
mod rules;
mod words;
pub mod zwnj;

use crate::model::{Alignment, Document, Language, Metadata, Normalization, Removed, TextState};
use crate::text::{CharOffset, CharSpan};

pub use align::Aligner;
pub use rules::{Anchor, Capture, Rest, Rule, RulesError, Scope, SiteRules, Zone};

use analyze::analyze;
use pieces::{finish_pieces, subtract_into};
use restore::map_fields;

/// The result of cleaning one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// The clean text: one paragraph per line, the headline first when there is one.
    pub text: String,
    /// Pieces of the raw text left out, sorted, non-overlapping, each with its reason.
    pub removed: Vec<Removed>,
    /// Clean-to-raw map of `text`.
    pub alignment: Alignment,
    /// Tags, news id and page facts found in removed lines (`extra`: `published_line`,
    /// `crawl_date_line`, `header_date_line`).
    pub metadata: Metadata,
}

/// The language of a decoded article, as [`crate::lang::detect`] tells it, and the article
/// cleaned as [`clean`] does in that language.
///
/// Two walks over the article, detection's and cleaning's: feeding the language evidence from
/// cleaning's walk instead, which reads every char anyway, was measured slower (the chain of
/// `benches/pipeline_ingest_clean.rs` 81.7 ms against 76–79 ms a pass): the evidence made
/// cleaning's busiest loop short of registers. Detection alone now runs at about 1.2 GB/s
/// (`lang::detect`, in AVX2 blocks), under a tenth of the chain's time.
#[must_use]
pub fn detect_and_clean(raw: &str, rules: &SiteRules, norm: &Normalization) -> (Language, Cleaned) {
    let lang = crate::lang::detect(raw);
    (lang, clean(raw, lang, rules, norm))
}

/// Clean a decoded article. `raw` is exactly the decoded file (may contain CRLF, tabs, NBSP,
/// RTL marks...).
#[must_use]
pub fn clean(raw: &str, lang: Language, rules: &SiteRules, norm: &Normalization) -> Cleaned {
    let mut metadata = Metadata::default();
    let first = analyze(raw, lang, rules, norm, &mut metadata, None);
    let memo = first.memo;
    // The lines of `raw` the first round found, and those it saw rendering copies whole: every
    // piece merged and every render below is of `raw`.
    let raw_lines = memo
        .as_ref()
        .map(analyze::LineMemo::lines)
        .unwrap_or_default();
    let verbatim = memo
        .as_ref()
        .map(analyze::LineMemo::verbatim_lines)
        .unwrap_or_default();
    let known = render::KnownLines {
        all: &raw_lines,
        verbatim: &verbatim,
    };
    let mut removed = finish_pieces(raw, first.pieces, &raw_lines);
    let (mut text, mut alignment, mut lines) =
        render::render_with_lines(raw, &removed, lang, norm, known);
    // Removing a piece can expose another (a label that now sits above the first body line,
    // a sentence that now equals the headline), and rendering can too, even with nothing
    // removed (a line whose blanks it folds gets short enough for a rule). Repeat on the
    // output until it is stable; real pages settle in one extra round, the bound only guards
    // against pathological input. A round may have shown that the next would find nothing
    // (see `analyze::settles`): real pages nearly always.
    let mut settled = first.settled;
    let mut rounds = 0;
    while !settled && rounds < 3 {
        rounds += 1;
        let mut more_meta = Metadata::default();
        let later = analyze(
            &text,
            lang,
            rules,
            norm,
            &mut more_meta,
            memo.as_ref().map(|memo| (memo, std::mem::take(&mut lines))),
        );
        if later.pieces.is_empty() {
            break;
        }
        settled = later.settled;
        fill_metadata(&mut metadata, more_meta);
        let aligner = Aligner::new(&alignment);
        let mut all = removed.clone();
        for piece in later.pieces {
            let span = aligner.clean_span_to_raw(CharSpan::new(piece.start, piece.end));
            subtract_into(&removed, span.start.0, span.end.0, piece.reason, &mut all);
        }
        removed = finish_pieces(raw, all, &raw_lines);
        (text, alignment, lines) = render::render_with_lines(raw, &removed, lang, norm, known);
    }
    Cleaned {
        text,
        removed,
        alignment,
        metadata,
    }
}

/// The canonical derivation: text and alignment from raw text, the removed pieces and the
/// normalization. `render(raw, &c.removed, lang, norm) == (c.text, c.alignment)` for every
/// `c = clean(raw, ...)`. Removed pieces may come from a file: overlapping or out-of-range
/// pieces are tolerated.
#[must_use]
pub fn render(
    raw: &str,
    removed: &[Removed],
    lang: Language,
    norm: &Normalization,
) -> (String, Alignment) {
    render::render(raw, removed, lang, norm, render::KnownLines::default())
}

/// Restore or remove boilerplate in a document: re-render with `new_removed` and move every
/// entity span and every field evidence span to the new text. Spans whose first or last char
/// falls into removed text are dropped, as are entities whose text no longer matches.
#[must_use]
pub fn with_removed(doc: &Document, new_removed: Vec<Removed>) -> TextState {
    let removed = finish_pieces(&doc.raw_text, new_removed, &[]);
    let (text, alignment) = render(&doc.raw_text, &removed, doc.language, &doc.normalization);
    let old = Aligner::new(&doc.alignment);
    let new = Aligner::new(&alignment);
    let move_span =
        |s: CharSpan| -> Option<CharSpan> { new.raw_span_to_clean(old.clean_span_to_raw(s)) };
    let mut index = None;
    let entities = doc
        .entities
        .iter()
        .filter_map(|e| {
            let span = move_span(e.span())?;
            let idx = index.get_or_insert_with(|| crate::text::CharIndex::new(&text));
            let bytes = idx.to_byte_span(span)?;
            (text.get(bytes.range())? == e.text).then(|| {
                let mut e = e.clone();
                e.start = span.start.0;
                e.end = span.end.0;
                e
            })
        })
        .collect();
    let fields = map_fields(&doc.fields, &move_span);
    TextState {
        text,
        removed,
        alignment,
        entities,
        fields,
    }
}

fn fill_metadata(into: &mut Metadata, from: Metadata) {
    if into.tags.is_empty() {
        into.tags = from.tags;
    }
    if into.news_id.is_none() {
        into.news_id = from.news_id;
    }
    for (k, v) in from.extra {
        into.extra.entry(k).or_insert(v);
    }
}

/// Maps a clean offset to raw for a document (convenience over [`Aligner`]).
#[must_use]
pub fn clean_to_raw(alignment: &Alignment, c: CharOffset) -> CharOffset {
    Aligner::new(alignment).clean_to_raw(c)
}
