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
//!    so cleaning clean text changes nothing.
//!
//! What `removed` holds: the *content* that left the text, never the whitespace that folding
//! drops (blank lines, runs of spaces, bidi controls). That part is fully determined by
//! [`render`] and the [`Normalization`]; listing it would bloat every document and offer the
//! analyst nothing to restore. Raw code points that no alignment segment covers and no removed
//! piece covers are therefore folded whitespace or invisible controls. Pieces never overlap;
//! neighbouring pieces with the same reason and only whitespace between them are one piece, so
//! "restore this block" restores the block.

mod align;
mod dedup;
mod heuristics;
mod lines;
pub mod normalize;
mod render;
mod rules;
pub mod zwnj;

use crate::model::{
    Alignment, Document, Fields, Language, Metadata, Normalization, RemovalReason, Removed,
    TextState,
};
use crate::text::{CharOffset, CharSpan};

pub use align::Aligner;
pub use rules::{Anchor, Capture, Rest, Rule, RulesError, Scope, SiteRules, Zone};

use heuristics::{LineFeatures, features, is_date_stamp, is_number};
use lines::{Line, content_lines};
use normalize::{fold_char, fold_str, is_blank, output_char};

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

/// Clean a decoded article. `raw` is exactly the decoded file (may contain CRLF, tabs, NBSP,
/// RTL marks...).
#[must_use]
pub fn clean(raw: &str, lang: Language, rules: &SiteRules, norm: &Normalization) -> Cleaned {
    let mut metadata = Metadata::default();
    let found = analyze(raw, lang, rules, norm, &mut metadata);
    let mut removed = finish_pieces(raw, found);
    let (mut text, mut alignment) = render(raw, &removed, lang, norm);
    // Removing a piece can expose another (a label that now sits above the first body line,
    // a sentence that now equals the headline). Repeat on the output until it is stable; real
    // pages settle in one extra round, the bound only guards against pathological input.
    // With nothing removed the text differs from the raw text only in what folding ignores
    // anyway (spacing, blank lines, controls, letter variants), so another round would find
    // the same nothing. Restored ZWNJs are the exception: they split words.
    let rounds = if removed.is_empty() && !norm.restore_zwnj {
        0
    } else {
        3
    };
    for _ in 0..rounds {
        let mut more_meta = Metadata::default();
        let more = analyze(&text, lang, rules, norm, &mut more_meta);
        if more.is_empty() {
            break;
        }
        fill_metadata(&mut metadata, more_meta);
        let aligner = Aligner::new(&alignment);
        let mut all = removed.clone();
        for piece in more {
            let span = aligner.clean_span_to_raw(CharSpan::new(piece.start, piece.end));
            subtract_into(&removed, span.start.0, span.end.0, piece.reason, &mut all);
        }
        removed = finish_pieces(raw, all);
        (text, alignment) = render(raw, &removed, lang, norm);
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
    render::render(raw, removed, lang, norm)
}

/// Restore or remove boilerplate in a document: re-render with `new_removed` and move every
/// entity span and every field evidence span to the new text. Spans whose first or last char
/// falls into removed text are dropped, as are entities whose text no longer matches.
#[must_use]
pub fn with_removed(doc: &Document, new_removed: Vec<Removed>) -> TextState {
    let removed = finish_pieces(&doc.raw_text, new_removed);
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

fn map_spans(spans: &[CharSpan], f: &dyn Fn(CharSpan) -> Option<CharSpan>) -> Vec<CharSpan> {
    spans.iter().filter_map(|s| f(*s)).collect()
}

fn map_fields(fields: &Fields, f: &dyn Fn(CharSpan) -> Option<CharSpan>) -> Fields {
    let mut out = fields.clone();
    let values = out
        .headline
        .iter_mut()
        .chain(out.news_id.iter_mut())
        .chain(out.outlet.iter_mut())
        .chain(out.agencies.iter_mut())
        .chain(out.tags.iter_mut())
        .chain(out.topics.iter_mut());
    for v in values {
        v.evidence = map_spans(&v.evidence, f);
    }
    if let Some(d) = out.published.as_mut() {
        d.evidence = map_spans(&d.evidence, f);
    }
    for ev in &mut out.events {
        ev.evidence = map_spans(&ev.evidence, f);
        for spans in ev.evidence_of.values_mut() {
            *spans = map_spans(spans, f);
        }
        for p in &mut ev.participants {
            p.evidence = map_spans(&p.evidence, f);
        }
        if let Some(d) = ev.date.as_mut() {
            d.evidence = map_spans(&d.evidence, f);
        }
        if let Some(l) = ev.location.as_mut() {
            l.evidence = map_spans(&l.evidence, f);
        }
        for t in &mut ev.topics {
            t.evidence = map_spans(&t.evidence, f);
        }
    }
    out
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

/// Adds the parts of `[start, end)` that no piece of `existing` covers to `out`.
fn subtract_into(
    existing: &[Removed],
    start: usize,
    end: usize,
    reason: RemovalReason,
    out: &mut Vec<Removed>,
) {
    let mut at = start;
    let first = existing.partition_point(|p| p.end <= start);
    for p in existing.iter().skip(first) {
        if p.start >= end {
            break;
        }
        if p.start > at {
            out.push(Removed {
                start: at,
                end: p.start,
                reason,
            });
        }
        at = at.max(p.end);
    }
    if at < end {
        out.push(Removed {
            start: at,
            end,
            reason,
        });
    }
}

/// Sorts pieces, drops empty ones, clips overlaps (the earlier piece wins) and merges
/// neighbours with the same reason when only whitespace lies between them.
fn finish_pieces(raw: &str, mut pieces: Vec<Removed>) -> Vec<Removed> {
    pieces.retain(|p| p.start < p.end);
    pieces.sort_by_key(|p| (p.start, p.end));
    let mut clipped: Vec<Removed> = Vec::with_capacity(pieces.len());
    for mut p in pieces {
        if let Some(last) = clipped.last() {
            p.start = p.start.max(last.end);
        }
        if p.start < p.end {
            clipped.push(p);
        }
    }
    if clipped.len() < 2 {
        return clipped;
    }
    // One walk over the raw chars tells, for every gap between neighbours, whether it is blank.
    let mut blank_gap = vec![true; clipped.len() - 1];
    let mut g = 0;
    for (i, c) in raw.chars().enumerate() {
        while g < blank_gap.len() && clipped.get(g + 1).is_some_and(|n| n.start <= i) {
            g += 1;
        }
        if g >= blank_gap.len() {
            break;
        }
        if clipped.get(g).is_some_and(|p| i >= p.end) && !is_blank(c) {
            blank_gap[g] = false;
        }
    }
    let mut out: Vec<Removed> = Vec::with_capacity(clipped.len());
    for (i, p) in clipped.into_iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.reason == p.reason && i > 0 && blank_gap[i - 1] => last.end = p.end,
            _ => out.push(p),
        }
    }
    out
}

/// One non-blank line with what the analysis knows about it.
struct View<'r> {
    line: Line,
    text: &'r str,
    folded: String,
    feat: LineFeatures,
    decision: Option<RemovalReason>,
}

/// The raw char offset (absolute) where folded byte `target` of `text`'s fold starts, or where
/// the folded text before it ends (`at_end`).
fn raw_at_folded(text: &str, line_start: usize, target: usize, at_end: bool) -> usize {
    let mut out_len = 0usize;
    let mut last_emitted_end = line_start;
    let mut pending_space = false;
    for (i, c) in text.chars().enumerate() {
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' {
            pending_space = out_len > 0;
            continue;
        }
        if pending_space {
            out_len += 1;
            pending_space = false;
        }
        if !at_end && out_len >= target {
            return line_start + i;
        }
        out_len += f.len_utf8();
        last_emitted_end = line_start + i + 1;
        if at_end && out_len >= target {
            return last_emitted_end;
        }
    }
    last_emitted_end
}

fn capture(
    view: &View<'_>,
    rule: &Rule,
    match_end: usize,
    lang: Language,
    norm: &Normalization,
    meta: &mut Metadata,
) {
    let rest_folded = view.folded.get(match_end..).unwrap_or("");
    match rule.capture {
        Capture::None => {}
        Capture::NewsId => {
            let digits: String = rest_folded
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            if meta.news_id.is_none() && !digits.is_empty() {
                meta.news_id = Some(digits);
            }
        }
        Capture::Tags => {
            let from = raw_at_folded(view.text, 0, match_end, true);
            let rest: String = view.text.chars().skip(from).collect();
            let tags: Vec<String> = rest
                .split(['،', ',', '؛', ';', '|', '#', '\u{2022}'])
                .map(|t| {
                    t.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '-')
                        .chars()
                        .map(|c| output_char(c, lang, norm))
                        .collect::<String>()
                })
                .filter(|t| !t.is_empty())
                .collect();
            if meta.tags.is_empty() {
                meta.tags = tags;
            }
        }
        Capture::PublishedLine => {
            meta.extra
                .entry("published_line".into())
                .or_insert_with(|| view.text.to_owned());
        }
        Capture::CrawlDateLine => {
            meta.extra
                .entry("crawl_date_line".into())
                .or_insert_with(|| view.text.to_owned());
        }
    }
}

fn is_footer_marker(r: RemovalReason) -> bool {
    matches!(
        r,
        RemovalReason::TagsLine
            | RemovalReason::ShareWidget
            | RemovalReason::CommentForm
            | RemovalReason::CopyrightFooter
            | RemovalReason::RelatedHeadlines
    )
}

/// One round of finding boilerplate and repetition in `raw`. Returns unsorted pieces.
fn analyze(
    raw: &str,
    lang: Language,
    rules: &SiteRules,
    norm: &Normalization,
    meta: &mut Metadata,
) -> Vec<Removed> {
    let mut views: Vec<View<'_>> = content_lines(raw)
        .into_iter()
        .map(|line| {
            let text = line.text(raw);
            let folded = fold_str(text);
            let feat = features(text, &folded);
            View {
                line,
                text,
                folded,
                feat,
                decision: None,
            }
        })
        .collect();
    let n = views.len();
    let first_body = views.iter().position(|v| v.feat.is_body_like());
    let last_body = views.iter().rposition(|v| v.feat.is_body_like());
    let mut pieces: Vec<Removed> = Vec::new();

    // Rules.
    let mut phrase_end_on: Vec<(usize, usize)> = Vec::new(); // (line, raw end of a start phrase)
    for (i, v) in views.iter_mut().enumerate() {
        let in_zone = |z: Zone| match z {
            Zone::Any => true,
            Zone::Header => first_body.is_none_or(|b| i < b),
            Zone::Footer => last_body.is_none_or(|b| i > b),
        };
        let mut line_rule = None;
        for (rule, s, e) in rules.matches(rules.searchable(&v.folded, v.feat.chars)) {
            if (rule.anchor == Anchor::Start && s != 0) || !in_zone(rule.zone) {
                continue;
            }
            let rest = v.folded.get(e..).unwrap_or("").trim();
            let rest_ok = match rule.rest {
                Rest::Any => true,
                Rest::Number => is_number(rest),
                Rest::Date => is_date_stamp(rest),
            };
            if !rest_ok {
                continue;
            }
            match rule.scope {
                Scope::Line if v.feat.chars <= rule.max_chars => {
                    line_rule = Some((rule, e));
                    break;
                }
                Scope::Line => {}
                Scope::Phrase => {
                    let start = raw_at_folded(v.text, v.line.start, s, false);
                    let end = raw_at_folded(v.text, v.line.start, e, true);
                    pieces.push(Removed {
                        start,
                        end,
                        reason: rule.reason,
                    });
                    if s == 0 {
                        phrase_end_on.push((i, end));
                    }
                }
            }
        }
        if let Some((rule, e)) = line_rule {
            v.decision = Some(rule.reason);
            capture(v, rule, e, lang, norm, meta);
        }
    }

    // Header: date stamps, and short labels above the last recognised header line.
    let window_end = first_body.unwrap_or(n.min(12));
    let mut last_recognised = None;
    for (i, v) in views.iter_mut().enumerate().take(window_end) {
        if v.decision.is_none() && is_date_stamp(&v.folded) {
            v.decision = Some(RemovalReason::SiteHeader);
            meta.extra
                .entry("header_date_line".into())
                .or_insert_with(|| v.text.to_owned());
        }
        if v.decision.is_some() {
            last_recognised = Some(i);
        }
    }
    if let Some(last) = last_recognised {
        for v in views.iter_mut().take(last) {
            let dateline = v.text.ends_with('-') || v.text.ends_with('–');
            if v.decision.is_none() && v.feat.words <= 4 && !dateline {
                v.decision = Some(RemovalReason::SiteHeader);
            }
        }
    }

    // Runs of headlines anywhere (strict test).
    for v in &mut views {
        if v.decision.is_none() && v.feat.is_headline_run(false) {
            v.decision = Some(RemovalReason::RelatedHeadlines);
        }
    }

    let headline = views.iter().position(|v| v.decision.is_none());

    // Footer: after the first footer marker that follows the headline, only prose survives.
    if let Some(h) = headline {
        let after = first_body.map_or(h, |b| b.max(h));
        let marker = views
            .iter()
            .enumerate()
            .skip(after + 1)
            .find(|(_, v)| v.decision.is_some_and(is_footer_marker))
            .map(|(i, _)| i);
        if let Some(m) = marker {
            // Short lines under a "related news" label, or shaped like headlines, are headlines;
            // other short lines after the article are ads.
            let mut under_related = false;
            for v in views.iter_mut().skip(m) {
                if let Some(reason) = v.decision {
                    under_related = reason == RemovalReason::RelatedHeadlines;
                    continue;
                }
                if v.feat.is_body_like() {
                    continue;
                }
                if v.feat.is_headline_run(true) {
                    v.decision = Some(RemovalReason::RelatedHeadlines);
                } else if v.feat.words <= 12 {
                    v.decision = Some(if under_related || v.feat.markers > 0 {
                        RemovalReason::RelatedHeadlines
                    } else {
                        RemovalReason::AdLine
                    });
                }
            }
        }
    }

    // Section name glued in front of the headline when the headline follows alone.
    let mut head_start = headline.and_then(|h| views.get(h)).map(|v| v.line.start);
    if let Some(h) = headline {
        if let Some(&(_, end)) = phrase_end_on.iter().find(|(l, _)| *l == h) {
            head_start = Some(end);
        } else if let (Some(hv), Some(nv)) = (
            views.get(h),
            views.iter().skip(h + 1).find(|v| v.decision.is_none()),
        ) {
            let (hf, nf) = (&hv.folded, &nv.folded);
            if hf.len() > nf.len() + 1 && hf.ends_with(nf.as_str()) && !nf.is_empty() {
                let cut = hf.len() - nf.len();
                let prefix = hf.get(..cut).unwrap_or("");
                if prefix.ends_with(' ') && prefix.split(' ').filter(|w| !w.is_empty()).count() <= 5
                {
                    let end = raw_at_folded(hv.text, hv.line.start, cut, false);
                    pieces.push(Removed {
                        start: hv.line.start,
                        end,
                        reason: RemovalReason::Breadcrumb,
                    });
                    head_start = Some(end);
                }
            }
        }
    }

    // Whole-line decisions.
    for v in &views {
        if let Some(reason) = v.decision {
            pieces.push(Removed {
                start: v.line.start,
                end: v.line.end,
                reason,
            });
        }
    }

    // Repetition over the headline and the kept lines after it.
    if let (Some(h), Some(hs)) = (headline, head_start) {
        let mut sentences = Vec::new();
        if let Some(hv) = views.get(h) {
            let skip = hs.saturating_sub(hv.line.start);
            let byte = hv
                .text
                .char_indices()
                .nth(skip)
                .map_or(hv.text.len(), |(b, _)| b);
            dedup::split_sentences(hv.text.get(byte..).unwrap_or(""), hs, true, &mut sentences);
        }
        for v in views.iter().skip(h + 1).filter(|v| v.decision.is_none()) {
            dedup::split_sentences(v.text, v.line.start, false, &mut sentences);
        }
        for (i, headline_copy) in dedup::repeated(&sentences) {
            if let Some(s) = sentences.get(i) {
                pieces.push(Removed {
                    start: s.start,
                    end: s.end,
                    reason: if headline_copy {
                        RemovalReason::RepeatedHeadline
                    } else {
                        RemovalReason::RepeatedParagraph
                    },
                });
            }
        }
    }
    pieces
}

/// Maps a clean offset to raw for a document (convenience over [`Aligner`]).
#[must_use]
pub fn clean_to_raw(alignment: &Alignment, c: CharOffset) -> CharOffset {
    Aligner::new(alignment).clean_to_raw(c)
}
