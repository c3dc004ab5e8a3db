//! One round of finding boilerplate and repetition in a text: rules, structural heuristics
//! by zone (above the headline, after the article), the headline and its breadcrumb, and
//! sentence-level repetition.

use super::dedup;
use super::heuristics::{LineFeatures, is_date_stamp, is_number, measure_line};
use super::lines::{Line, content_lines};
use super::normalize::{fold_char, output_char, renders_unified_as};
use super::render::VerbatimLine;
use super::rules::{Capture, Rest, Rule, Scope, SiteRules, Zone};
use crate::model::{Language, Metadata, Normalization, RemovalReason, Removed};

/// One non-blank line with what the analysis knows about it.
struct View<'r> {
    line: Line,
    text: &'r str,
    folded: &'r str,
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

/// Where, in the headline's fold, the headline itself starts when a section name is glued in
/// front of it: the fold ends with the next line's (`next`), after at most five words.
fn glued_section(headline: &str, next: &str) -> Option<usize> {
    if headline.len() <= next.len() + 1 || !headline.ends_with(next) || next.is_empty() {
        return None;
    }
    let cut = headline.len() - next.len();
    let prefix = headline.get(..cut).unwrap_or("");
    (prefix.ends_with(' ') && prefix.split(' ').filter(|w| !w.is_empty()).count() <= 5)
        .then_some(cut)
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

/// What the first round derived from each line's text alone, for the later rounds.
///
/// A later round analyses the rendered text, whose lines are mostly the first round's lines
/// unchanged (only lines with removed sentences, folded spacing or unified letters differ). The
/// fold, the features, the site-rule matches and the sentences of a line depend on nothing but
/// its text (and the rules, the same in every round), so for a line
/// whose text is byte for byte a first-round line they are taken over instead of derived again.
pub(crate) struct LineMemo<'r> {
    folded: String,
    /// The sentences of all lines, each line's from its char 0, one after the other: one
    /// allocation, not one per line.
    sentences: Vec<dedup::Sentence>,
    /// Every site-rule match of all lines, one line after the other: (rule index, folded byte
    /// start, folded byte end).
    matches: Vec<(usize, usize, usize)>,
    lines: Vec<MemoLine<'r>>,
}

struct MemoLine<'r> {
    text: &'r str,
    /// Where the line lies in the text of its round (the raw text, for the first round).
    line: Line,
    folded: (usize, usize),
    feat: LineFeatures,
    /// Where in [`LineMemo::sentences`] the line's sentences as a kept body line are.
    sentences: (usize, usize),
    /// Where in [`LineMemo::matches`] the line's site-rule matches are.
    matches: (usize, usize),
}

impl LineMemo<'_> {
    /// The site-rule matches of `line`, one of [`Self::lines`].
    fn matches_of(&self, line: &MemoLine<'_>) -> &[(usize, usize, usize)] {
        self.matches
            .get(line.matches.0..line.matches.1)
            .unwrap_or_default()
    }

    /// The first round's lines: places in the raw text, in order.
    pub(crate) fn lines(&self) -> Vec<Line> {
        self.lines.iter().map(|m| m.line).collect()
    }

    /// The first round's lines that rendering may copy whole ([`LineFeatures::verbatim`]), in
    /// order: places in the raw text, for [`super::render`].
    pub(crate) fn verbatim_lines(&self) -> Vec<VerbatimLine> {
        self.lines
            .iter()
            .filter(|m| m.feat.verbatim)
            .map(|m| VerbatimLine {
                start: m.line.start,
                end: m.line.end,
                byte_end: m.line.byte_end,
            })
            .collect()
    }

    /// How far ahead of the last match a line is looked for: the lines a round removes between
    /// two kept lines (a header block, a run of related headlines) are rarely more.
    const LOOKAHEAD: usize = 64;

    /// The index of the memo line with exactly this text, looking from `from` on; lines come in
    /// the same order in both rounds. With Persian letters unified (`unify`), a line that
    /// [renders alike](LineFeatures::renders_alike) in as many chars is also found by its
    /// rendering, its Arabic letters unified: Persian typed with Arabic ي and ك, every line of
    /// many pages. That rendering has the line's fold, features (but for being verbatim, which
    /// a later round does not look at) and sentences.
    fn find(&self, text: &str, from: usize, unify: bool) -> Option<usize> {
        self.lines
            .iter()
            .enumerate()
            .skip(from)
            .take(Self::LOOKAHEAD)
            .find(|(_, m)| {
                m.text == text
                    || (unify
                        && m.feat.unified_letters
                        && m.feat.renders_alike
                        && m.feat.rendered_chars == m.feat.chars
                        && renders_unified_as(m.text, text))
            })
            .map(|(i, _)| i)
    }
}

/// What the first walk of a round knows of one line.
struct Measured {
    /// Byte range of the line's fold in the round's folded buffer (or the memo's).
    folded: (usize, usize),
    feat: LineFeatures,
    /// The line of the first round's memo with the same text. The two ranges then point into
    /// the memo's buffers, which are read where they are rather than copied.
    memo_index: Option<usize>,
    /// Range of the line's sentences in the round's sentence store (or the memo's).
    sentences: (usize, usize),
}

/// What one round of [`analyze`] finds.
pub(crate) struct Findings<'r> {
    /// Pieces of the round's text to remove, unsorted.
    pub(crate) pieces: Vec<Removed>,
    /// What the first round derived per line, for the later rounds (first round only).
    pub(crate) memo: Option<LineMemo<'r>>,
    /// A further round, over the text rendered without `pieces`, is known to find nothing
    /// (see [`settles`]).
    pub(crate) settled: bool,
}

/// One round of finding boilerplate and repetition in `raw`. Returns unsorted pieces and, from
/// the first round (`later` is `None`), what it derived per line for the later rounds. A later
/// round is given the first round's memo and the lines of `raw`, rendered clean text, as
/// rendering wrote them.
pub(crate) fn analyze<'r>(
    raw: &'r str,
    lang: Language,
    rules: &SiteRules,
    norm: &Normalization,
    meta: &mut Metadata,
    later: Option<(&LineMemo<'_>, Vec<Line>)>,
) -> Findings<'r> {
    // A later round is given the lines of the rendered text, as rendering wrote them.
    let (memo, lines) = match later {
        Some((memo, lines)) => (Some(memo), lines),
        None => (None, content_lines(raw)),
    };
    // All folded lines in one buffer: one allocation per round instead of one per line.
    let mut folded_all = String::with_capacity(raw.len());
    // Room for every line's sentences (a body line has two or three) without regrowing; a later
    // round measures few lines (the memo has the others).
    let room = if memo.is_none() { lines.len() * 3 } else { 0 };
    let mut sentence_store: Vec<dedup::Sentence> = Vec::with_capacity(room);
    let mut memo_from = 0;
    let unify = lang == Language::Fa && norm.persian_letters;
    let mut measured: Vec<Measured> = lines
        .iter()
        .map(|line| {
            let text = line.text(raw);
            if let Some((m, i)) = memo.and_then(|m| Some((m, m.find(text, memo_from, unify)?))) {
                memo_from = i + 1;
                let entry = m.lines.get(i);
                return Measured {
                    folded: entry.map_or((0, 0), |e| e.folded),
                    feat: entry.map(|e| e.feat).unwrap_or_default(),
                    memo_index: Some(i),
                    sentences: entry.map_or((0, 0), |e| e.sentences),
                };
            }
            let (start, sentences_from) = (folded_all.len(), sentence_store.len());
            let (folded, sentences, words) = (&mut folded_all, &mut sentence_store, rules.words());
            let feat = measure_line(text, folded, sentences, words);
            Measured {
                folded: (start, folded_all.len()),
                feat,
                memo_index: None,
                sentences: (sentences_from, sentence_store.len()),
            }
        })
        .collect();
    for m in measured.iter_mut().filter(|m| m.memo_index.is_none()) {
        m.feat.unify(unify);
    }
    // Where a line's fold and sentences are: in the memo, or in this round's buffers.
    let folded_of = |m: &Measured| -> &str {
        let buffer = match (m.memo_index, memo) {
            (Some(_), Some(memo)) => memo.folded.as_str(),
            _ => folded_all.as_str(),
        };
        buffer.get(m.folded.0..m.folded.1).unwrap_or("")
    };
    let sentences_of = |m: &Measured| -> &[dedup::Sentence] {
        let store = match (m.memo_index, memo) {
            (Some(_), Some(memo)) => memo.sentences.as_slice(),
            _ => sentence_store.as_slice(),
        };
        store.get(m.sentences.0..m.sentences.1).unwrap_or_default()
    };
    // The lines as the memo keeps them (first round only).
    let raw_lines: Vec<(Line, &'r str)> = match memo {
        Some(_) => Vec::new(),
        None => lines.iter().map(|line| (*line, line.text(raw))).collect(),
    };
    let mut views: Vec<View<'_>> = lines
        .into_iter()
        .zip(&measured)
        .map(|(line, m)| View {
            line,
            text: line.text(raw),
            folded: folded_of(m),
            feat: m.feat,
            decision: None,
        })
        .collect();
    // Every line's site-rule matches, one line after the other (each line's range in
    // `line_matches`): one buffer, where a vector per line allocated for every line with a
    // match, nearly a third of all lines.
    let mut match_store: Vec<(usize, usize, usize)> = Vec::new();
    let mut line_matches: Vec<(usize, usize)> = Vec::with_capacity(views.len());
    let n = views.len();
    let first_body = views.iter().position(|v| v.feat.is_body_like());
    let last_body = views.iter().rposition(|v| v.feat.is_body_like());
    let mut pieces: Vec<Removed> = Vec::with_capacity(n);

    // Rules.
    // Whether some piece cuts a line rather than removing it whole (see `settles`).
    let mut cut_inside = false;
    let mut phrase_end_on: Vec<(usize, usize)> = Vec::new(); // (line, raw end of a start phrase)
    for (i, v) in views.iter_mut().enumerate() {
        let in_zone = |z: Zone| match z {
            Zone::Any => true,
            Zone::Header => first_body.is_none_or(|b| i < b),
            Zone::Footer => last_body.is_none_or(|b| i > b),
        };
        let mut line_rule = None;
        // All matches are collected (a line rule used to stop the search at its match): they
        // are kept for the next rounds.
        let known = measured.get(i).and_then(|m| m.memo_index).and_then(|m| {
            let memo = memo?;
            Some((memo, memo.lines.get(m)?))
        });
        let fresh_from = match_store.len();
        if known.is_none() {
            match_store.extend(
                rules
                    .line_matches(v.folded, v.feat.openings, v.feat.chars)
                    .map(|(index, _, s, e)| (index, s, e)),
            );
        }
        let fresh = (fresh_from, match_store.len());
        let found = match known {
            Some((memo, entry)) => memo.matches_of(entry),
            None => match_store.get(fresh.0..fresh.1).unwrap_or_default(),
        };
        let found_rules = found
            .iter()
            .filter_map(|&(index, s, e)| Some((rules.rule(index)?, s, e)));
        for (rule, s, e) in found_rules {
            // (A start-anchored phrase only ever matches at the line's start.)
            if !in_zone(rule.zone) {
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
                    cut_inside = true;
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
        if memo.is_none() {
            line_matches.push(fresh);
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
        if v.decision.is_none() && is_date_stamp(v.folded) {
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
    // The line the headline was compared with, if any (see `settles`).
    let mut compared_to_headline = None;
    let mut head_start = headline.and_then(|h| views.get(h)).map(|v| v.line.start);
    if let Some(h) = headline {
        if let Some(&(_, end)) = phrase_end_on.iter().find(|(l, _)| *l == h) {
            head_start = Some(end);
        } else if let (Some(hv), Some((n_index, nv))) = (
            views.get(h),
            views
                .iter()
                .enumerate()
                .skip(h + 1)
                .find(|(_, v)| v.decision.is_none()),
        ) {
            compared_to_headline = Some(n_index);
            if let Some(cut) = glued_section(hv.folded, nv.folded) {
                let end = raw_at_folded(hv.text, hv.line.start, cut, false);
                cut_inside = true;
                pieces.push(Removed {
                    start: hv.line.start,
                    end,
                    reason: RemovalReason::Breadcrumb,
                });
                head_start = Some(end);
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
    // Per view, whether repetition removed all of it (first round only; see `settles`).
    let mut wholly_repeated = vec![false; if memo.is_none() { n } else { 0 }];
    // Lines repetition cut, keeping some of their sentences (first round only; see `settles`).
    let mut residues = Residues::default();
    let mut repetition_settled = true;
    if let (Some(h), Some(hs)) = (headline, head_start) {
        let first_round = memo.is_none();
        let store_len = match memo {
            Some(memo) => memo.sentences.len(),
            None => sentence_store.len(),
        };
        let mut sentences = Vec::with_capacity(store_len + 1);
        // The view each sentence belongs to (first round only).
        let mut owners: Vec<usize> =
            Vec::with_capacity(if first_round { store_len + 1 } else { 0 });
        if let Some(hv) = views.get(h) {
            match measured.get(h).map(sentences_of).unwrap_or_default() {
                // A whole line of one sentence is the headline's sentence as it is (see
                // the property `one_sentence_is_the_headline` of `dedup`): not split again.
                [one] if hs == hv.line.start => sentences.push(dedup::Sentence {
                    start: one.start + hv.line.start,
                    end: one.end + hv.line.start,
                    headline: true,
                    ..*one
                }),
                _ => {
                    let skip = hs.saturating_sub(hv.line.start);
                    let byte = hv
                        .text
                        .char_indices()
                        .nth(skip)
                        .map_or(hv.text.len(), |(b, _)| b);
                    let rest = hv.text.get(byte..).unwrap_or("");
                    dedup::split_sentences(rest, hs, true, &mut sentences);
                }
            }
            if first_round {
                owners.resize(sentences.len(), h);
            }
        }
        for (i, (v, m)) in views.iter().zip(&measured).enumerate().skip(h + 1) {
            if v.decision.is_some() {
                continue;
            }
            sentences.extend(sentences_of(m).iter().map(|s| dedup::Sentence {
                start: s.start + v.line.start,
                end: s.end + v.line.start,
                ..*s
            }));
            if first_round {
                owners.resize(sentences.len(), i);
            }
        }
        let dedup::Repeats {
            gone,
            rest_distinct,
        } = dedup::repeats(&sentences);
        // (A later round that removes repetition is not shown settled: it does not keep the
        // owners that would show which lines went whole.)
        if !gone.is_empty() {
            repetition_settled = first_round
                && rest_distinct
                && removes_whole_lines(
                    &sentences,
                    &owners,
                    &gone,
                    &views,
                    &mut wholly_repeated,
                    &mut residues,
                );
        }
        for (i, headline_copy) in gone {
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
    // Restored ZWNJs split words: the rendered lines are not the lines seen here.
    let settled = !norm.restore_zwnj && !cut_inside && repetition_settled && {
        let removed: Vec<bool> = views
            .iter()
            .enumerate()
            .map(|(i, v)| v.decision.is_some() || wholly_repeated.get(i) == Some(&true))
            .collect();
        let positions = Positions {
            first_body,
            last_body,
            headline,
            compared_to_headline,
        };
        // What a line repetition cut is once rendered, when the next round is sure to take it
        // as this one took the rest of the text: whether it is body-like then.
        let mut residue_body: Vec<(usize, bool)> = Vec::with_capacity(residues.lines.len());
        // One fold and sentence buffer for all of them.
        let mut scratch = (String::new(), Vec::new());
        // The headline's next line, once this round's removals are gone: a residue there would
        // be compared with the headline for a glued section name anew.
        let next_to_headline = headline.and_then(|h| {
            (h + 1..n).find(|&k| {
                views.get(k).is_some_and(|v| v.decision.is_none())
                    && wholly_repeated.get(k) != Some(&true)
            })
        });
        let residues_settle = residues.lines.iter().all(|(view, kept)| {
            let placed = first_body.is_some_and(|b| *view > b) && next_to_headline != Some(*view);
            let kept = residues.kept.get(kept.clone()).unwrap_or_default();
            let body = views
                .get(*view)
                .filter(|_| placed)
                .and_then(|v| residue_settles(v, kept, rules, &mut scratch));
            if let Some(body) = body {
                residue_body.push((*view, body));
            }
            body.is_some()
        });
        let folded = |i: usize| views.get(i).map_or("", |v| v.folded);
        let glued = |h: usize, next: usize| glued_section(folded(h), folded(next)).is_some();
        // A line that renders alike has its fold and features when rendered, but for its
        // length in chars, which only the rules look at: they must find nothing at that length.
        let renders_as_seen = |i: usize| {
            measured.get(i).is_some_and(|m| {
                m.feat.renders_alike
                    && (m.feat.rendered_chars == m.feat.chars
                        || rules
                            .line_matches(folded(i), m.feat.openings, m.feat.rendered_chars)
                            .next()
                            .is_none())
            })
        };
        // (In the order of the lines, as repetition found them.)
        let residue = |i: usize| {
            residue_body
                .binary_search_by_key(&i, |r| r.0)
                .ok()
                .and_then(|at| residue_body.get(at))
                .map(|r| r.1)
        };
        residues_settle
            && settles(
                &removed,
                &measured,
                positions,
                glued,
                renders_as_seen,
                residue,
            )
    };
    if memo.is_some() {
        // A later round's findings are all that is asked of it.
        return Findings {
            pieces,
            memo: None,
            settled,
        };
    }
    drop(views);
    let lines = raw_lines
        .into_iter()
        .zip(measured)
        .zip(line_matches)
        .map(|(((line, text), m), matches)| MemoLine {
            text,
            line,
            folded: m.folded,
            feat: m.feat,
            sentences: m.sentences,
            matches,
        })
        .collect();
    let memo = LineMemo {
        folded: folded_all,
        sentences: sentence_store,
        matches: match_store,
        lines,
    };
    Findings {
        pieces,
        memo: Some(memo),
        settled,
    }
}

/// Lines of a round that decide what the next round would see around them.
struct Positions {
    first_body: Option<usize>,
    last_body: Option<usize>,
    headline: Option<usize>,
    /// The line the headline was compared with for a glued section name.
    compared_to_headline: Option<usize>,
}

/// Whether the next round is sure to find nothing, given which lines this round removed whole
/// (`removed`), when no rule or section name cut a line, repetition removed whole lines or
/// left residues the next round takes alike ([`removes_whole_lines`], [`residue_settles`]: for
/// those lines `residue` tells whether they are body-like once cut; a later round that removes
/// repetition at all is not shown settled) and left no repeat
/// ([`dedup::Repeats::rest_distinct`]).
///
/// The next round analyses the text rendered anew, whose lines are then exactly the kept
/// lines: a kept line that is verbatim renders as it is (in a later round, whose text is
/// rendered already, it is the rendering of the same raw line with the same pieces in it), and
/// one that [renders alike](LineFeatures::renders_alike) as a line with the same fold and
/// features but its length (`renders_as_seen` tells whether the rules match it alike at that
/// length too); so its fold, features, rule matches and sentences are those this round saw;
/// what else a round looks at is where lines stand:
/// - the first and last body lines bound the header and footer zones (rules, date stamps,
///   labels above the last header line): the next round's are the first and last kept
///   body lines, and when no kept line lies between them and this round's, every kept
///   line is in the same zone, where nothing applied to it before (a residue that is no
///   longer body-like may move into the footer zone: no rule matches it in any zone);
/// - the headline is the first line nothing removed, the same line (it is never removed);
/// - a glued section name is looked for against the next line after the headline: it must be
///   the line it was compared with, or one the headline has no section name glued against
///   (`glued` tells, given the two lines);
/// - footer cleanup only follows a new footer marker, and there is none.
///
/// Anything else, or restored ZWNJs, and the next round runs.
fn settles(
    removed: &[bool],
    measured: &[Measured],
    at: Positions,
    glued: impl Fn(usize, usize) -> bool,
    renders_as_seen: impl Fn(usize) -> bool,
    residue: impl Fn(usize) -> Option<bool>,
) -> bool {
    let kept = |i: usize| removed.get(i) == Some(&false);
    let body = |i: usize| {
        kept(i)
            && residue(i).unwrap_or_else(|| measured.get(i).is_some_and(|m| m.feat.is_body_like()))
    };
    // The body lines the next round would find, and whether it would put every kept line in
    // the zone it was in: no kept line lies between the old and the new first (or last) one.
    let (Some(first), Some(last)) = (at.first_body, at.last_body) else {
        return false;
    };
    let Some(new_first) = (first..removed.len()).find(|&i| body(i)) else {
        return false;
    };
    let Some(new_last) = (0..=last).rev().find(|&i| body(i)) else {
        return false;
    };
    // A residue that is no longer body-like may now lie after the last body line: in the
    // footer zone, where no rule matches it either (see `residue_settles`).
    if (first..new_first).any(kept)
        || (new_last + 1..=last).any(|i| kept(i) && residue(i).is_none())
    {
        return false;
    }
    if let Some(h) = at.headline {
        // (Nothing removes the headline whole; checked all the same, the proof leans on it.)
        if !kept(h) {
            return false;
        }
        // The next line decides a glued section name: the one it was compared with, or one the
        // comparison would find nothing with either.
        let next_kept = (h + 1..removed.len()).find(|&i| kept(i));
        if next_kept != at.compared_to_headline && next_kept.is_none_or(|j| glued(h, j)) {
            return false;
        }
    }
    removed
        .iter()
        .zip(measured)
        .enumerate()
        .all(|(i, (&gone, m))| {
            gone || residue(i).is_some() || m.feat.verbatim || renders_as_seen(i)
        })
}

/// Lines repetition cut: some of their sentences went, the others stay.
#[derive(Default)]
struct Residues {
    /// Each line's view, and where its kept sentences are in `kept`.
    lines: Vec<(usize, std::ops::Range<usize>)>,
    /// The sentences that stay, line after line, in order: raw char span, key and letters
    /// hashed.
    kept: Vec<(usize, usize, u64, usize)>,
}

/// Whether repetition, having removed the `gone` sentences (indices into `sentences`, whose
/// views are `owners`), removed each line it touched whole (the line lost every sentence, and
/// they cover it) or cut it, leaving [`Residues`] (the line's sentences cover it, and not all
/// went; never the headline's). Marks the lines gone whole in `wholly`, and lists the
/// residues in `residues`.
fn removes_whole_lines(
    sentences: &[dedup::Sentence],
    owners: &[usize],
    gone: &[(usize, bool)],
    views: &[View<'_>],
    wholly: &mut [bool],
    residues: &mut Residues,
) -> bool {
    let mut is_gone = vec![false; sentences.len()];
    for &(i, _) in gone {
        if let Some(g) = is_gone.get_mut(i) {
            *g = true;
        }
    }
    // Each view's sentences are one run of the list.
    let mut from = 0;
    while from < sentences.len() {
        let owner = owners.get(from).copied().unwrap_or(usize::MAX);
        let to = (from..sentences.len())
            .find(|&k| owners.get(k) != Some(&owner))
            .unwrap_or(sentences.len());
        let run = from..to;
        from = to;
        if !run.clone().any(|k| is_gone.get(k) == Some(&true)) {
            continue;
        }
        let (Some(line), Some(first), Some(last)) = (
            views.get(owner).map(|v| v.line),
            sentences.get(run.start),
            sentences.get(run.end - 1),
        ) else {
            return false;
        };
        let all_gone = run.clone().all(|k| is_gone.get(k) == Some(&true));
        let in_run = sentences.get(run.clone()).unwrap_or_default();
        let contiguous = in_run.windows(2).all(|w| w[0].end == w[1].start);
        if !contiguous || first.start != line.start || last.end != line.end {
            return false;
        }
        if all_gone {
            if let Some(w) = wholly.get_mut(owner) {
                *w = true;
            }
            continue;
        }
        if in_run.iter().any(|s| s.headline) {
            return false;
        }
        let from = residues.kept.len();
        residues.kept.extend(
            run.filter(|&k| is_gone.get(k) == Some(&false))
                .filter_map(|k| sentences.get(k))
                .map(|s| (s.start, s.end, s.key, s.key_len)),
        );
        residues.lines.push((owner, from..residues.kept.len()));
    }
    true
}

/// Whether the next round is sure to take the residue of line `v` (its `kept` sentences, see
/// [`Residues`]) as this round took the rest of the text, and if so whether the residue is
/// body-like then. The residue as the next round sees it is the kept sentences, rendered:
/// measured here from their raw chars (into `scratch`), which give the rendered line's fold,
/// features and sentence keys when the residue [renders alike](LineFeatures::renders_alike)
/// (its length then is the rendered one). No rule may match it, in any zone, it must not be a
/// headline run, and its sentences must be the kept ones, key for key: then the next round's
/// sentences are this round's kept ones, all distinct, and nothing is decided about the
/// residue. (Where it stands is for the caller: after the first body line, not the headline's
/// next line.)
#[inline(never)]
fn residue_settles(
    v: &View<'_>,
    kept: &[(usize, usize, u64, usize)],
    rules: &SiteRules,
    scratch: &mut (String, Vec<dedup::Sentence>),
) -> Option<bool> {
    // Byte offset of a char of the line, counted from the nearer end: the kept sentence is
    // often the line's last, a few chars.
    let byte_at = |char_at: usize| {
        let from_start = char_at.checked_sub(v.line.start)?;
        let from_end = v.line.end.checked_sub(char_at)?;
        Some(if from_end < from_start {
            match from_end.checked_sub(1) {
                None => v.text.len(),
                Some(back) => v.text.char_indices().nth_back(back)?.0,
            }
        } else {
            v.text
                .char_indices()
                .nth(from_start)
                .map_or(v.text.len(), |(b, _)| b)
        })
    };
    let (first, last) = (kept.first()?, kept.last()?);
    let joined: String;
    // Kept sentences are nearly always neighbours: one slice of the line.
    let text = if kept.windows(2).all(|w| w[0].1 == w[1].0) {
        v.text.get(byte_at(first.0)?..byte_at(last.1)?)?
    } else {
        let mut text = String::with_capacity(v.text.len());
        for &(start, end, _, _) in kept {
            text.push_str(v.text.get(byte_at(start)?..byte_at(end)?)?);
        }
        joined = text;
        joined.as_str()
    };
    let line = text.trim_matches(super::normalize::is_blank);
    let (folded, sentences) = scratch;
    folded.clear();
    sentences.clear();
    let mut feat = measure_line(line, folded, sentences, rules.words());
    if !feat.renders_alike {
        return None;
    }
    feat.chars = feat.rendered_chars;
    let same_sentences = sentences.len() == kept.len()
        && sentences
            .iter()
            .zip(kept)
            .all(|(s, &(_, _, key, key_len))| s.key == key && s.key_len == key_len);
    let matched = rules
        .line_matches(folded, feat.openings, feat.chars)
        .next()
        .is_some();
    (same_sentences && !matched && !feat.is_headline_run(false)).then(|| feat.is_body_like())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::pieces::finish_pieces;
    use crate::clean::render;
    use crate::lang;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Lines of the kinds that interact across rounds: body sentences, a body sentence with a
    /// number sentence after it (whose repeat leaves the number alone), boilerplate, labels,
    /// date stamps, a section name glued to a headline, prose with a double space.
    const LINES: &[&str] = &[
        "وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
        "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.",
        "به گزارش ایرنا، دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.",
        "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند. 4321.",
        "این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید. 1234.",
        "این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید. 5678.",
        "وزیر  امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
        "وأكد الوزير أن الاتصال جرى بمبادرة من الجانب الآخر واستمر نحو ساعة كاملة.",
        "کد خبر ۱۲۳۴۵",
        "۱۹ آذر ۱۴۰۴",
        "1234.",
        "سیاست",
        "اخبار مرتبط",
        "ارسال به دوستان",
        "جميع الحقوق محفوظة",
        "سیاست خارجی دیدار وزیران",
        "دیدار وزیران",
        "نشست وزیران در مسکو",
        "برگزاری نمایشگاه کتاب در شهر با حضور ناشران خارجی / افتتاح پل جدید / بازگشایی مدارس",
    ];

    /// Texts for language evidence: function words of both languages in both spellings,
    /// letters that weigh, diacritics and tatweel inside and around words, the Arabic letter
    /// mark, ZWNJ and ZWJ, digits of three scripts, Latin, Cyrillic and CJK letters,
    /// presentation forms, blanks, controls, every line break, punctuation.
    fn evidence_texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(
            proptest::sample::select(vec![
                "و", "در", "به", "از", "که", "كه", "را", "این", "است", "می", "في", "فى", "على",
                "إلى", "الذي", "التي", "كان", "هذه", "یک", "يك", "کرد", "كرد", "پ", "چ", "ژ", "گ",
                "ی", "ک", "ة", "ى", "ي", "ك", "ب", "ا", "\u{064E}", "\u{0651}", "ـ", "\u{061C}",
                "\u{200C}", "\u{200D}", "۱۲", "١٢", "12", "abc", "Жук", "中", "\u{FB56}",
                "\u{FEFB}", "é", " ", "  ", "\t", "\u{A0}", "\n", "\r\n", "\r", "\u{85}",
                "\u{2028}", "\u{0B}", "\u{FEFF}", "\u{200F}", ".", "،", "؟", "(", "»", "𝐀",
            ]),
            0..120,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        /// Cleaning that tells the language itself gives the language detection gives and the
        /// cleaning in it: over evidence texts, and over pages of body, boilerplate and
        /// repetition whose letters may be Arabic-typed Persian.
        #[test]
        fn detect_and_clean_is_detect_then_clean(
            raw in evidence_texts(),
            picks in proptest::collection::vec(0usize..LINES.len(), 1..14),
            arabic_letters: bool,
        ) {
            let page = picks.iter().filter_map(|&i| LINES.get(i).copied()).collect::<Vec<_>>().join("\n");
            let page = if arabic_letters { page.replace('ی', "ي").replace('ک', "ك") } else { page };
            let rules = SiteRules::bundled();
            let norm = Normalization::default();
            for text in [raw.as_str(), page.as_str(), &format!("{page}\n{raw}")] {
                let (lang, cleaned) = crate::clean::detect_and_clean(text, &rules, &norm);
                proptest::prop_assert_eq!(lang, lang::detect(text));
                let apart = crate::clean::clean(text, lang, &rules, &norm);
                proptest::prop_assert_eq!(&cleaned.text, &apart.text);
                proptest::prop_assert_eq!(&cleaned.removed, &apart.removed);
                proptest::prop_assert_eq!(&cleaned.alignment, &apart.alignment);
                proptest::prop_assert_eq!(&cleaned.metadata, &apart.metadata);
            }
        }
    }

    static SETTLED: AtomicUsize = AtomicUsize::new(0);
    static UNSETTLED_FINDING: AtomicUsize = AtomicUsize::new(0);
    static LATER_SETTLED: AtomicUsize = AtomicUsize::new(0);
    static RESIDUE_SETTLED: AtomicUsize = AtomicUsize::new(0);

    /// What the second round of cleaning a Persian page finds, and whether the first called
    /// itself settled.
    struct SecondRound {
        pieces: Vec<Removed>,
        first_settled: bool,
    }

    impl SecondRound {
        fn finds(&self, reason: RemovalReason) -> bool {
            self.pieces.iter().any(|p| p.reason == reason)
        }
    }

    /// The pieces the first round removes from `raw` (finished), and the second round.
    fn two_rounds(raw: &str) -> (Vec<Removed>, SecondRound) {
        let (lang, norm) = (Language::Fa, Normalization::default());
        let rules = SiteRules::bundled();
        let meta = &mut Metadata::default();
        let first = analyze(raw, lang, &rules, &norm, meta, None);
        let memo = first.memo.expect("the first round's memo");
        let removed = finish_pieces(raw, first.pieces, &[]);
        let (text, _, lines) =
            render::render_with_lines(raw, &removed, lang, &norm, render::KnownLines::default());
        let more = analyze(&text, lang, &rules, &norm, meta, Some((&memo, lines)));
        let second = SecondRound {
            pieces: more.pieces,
            first_settled: first.settled,
        };
        (removed, second)
    }

    /// The headline's next line goes (repeated by a richer copy further down), and the line after
    /// it is the headline without a section name glued in front: the second round cuts that name,
    /// so the first must not call itself settled.
    #[test]
    fn a_new_neighbour_of_the_headline_is_compared_for_a_glued_section() {
        let raw = [
            "سیاست وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
            "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.",
            "وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
            "این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید.",
            "به گزارش ایرنا، دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.",
        ]
        .join("\n");
        let (first, second) = two_rounds(&raw);
        // The second line went whole, as a repeat; nothing else did.
        assert_eq!(first.len(), 1, "{first:?}");
        assert_eq!(first[0].reason, RemovalReason::RepeatedParagraph);
        assert!(second.finds(RemovalReason::Breadcrumb) && !second.first_settled);
    }

    /// A kept line whose blanks rendering folds is shorter once rendered: short enough for a
    /// rule that let it be before, so the first round must not call itself settled.
    #[test]
    fn a_line_shorter_once_rendered_is_matched_at_that_length() {
        let raw = [
            "وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
            "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.",
            "فیلم     بیشتر     از     دیدار     ها",
            "این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید.",
        ]
        .join("\n");
        let (first, second) = two_rounds(&raw);
        assert!(first.is_empty(), "{first:?}");
        assert!(second.finds(RemovalReason::SiteHeader) && !second.first_settled);
    }

    /// Repetition cuts a line of `raw` in the first round (which must then not call itself
    /// settled), and the second round finds `reason` in what is left.
    fn assert_residue_left_to_second_round(raw: &str, reason: RemovalReason) {
        let (first, second) = two_rounds(raw);
        let cut = first
            .iter()
            .any(|p| p.reason == RemovalReason::RepeatedParagraph);
        assert!(cut, "{first:?}");
        assert!(second.finds(reason) && !second.first_settled);
    }

    /// A body sentence repeated at the start of a line that goes on with tags: repetition
    /// leaves the tags alone on their line, where the tags rule takes them.
    #[test]
    fn a_residue_a_rule_matches_is_left_to_the_next_round() {
        let raw = [
            "وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
            "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.",
            "این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید.",
            "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند. برچسب ها: روسیه، آمریکا",
            "سخنگوی وزارت خارجه نیز در نشست خبری هفتگی خود به این دیدار اشاره کرد و آن را مثبت خواند.",
        ]
        .join("\n");
        assert_residue_left_to_second_round(&raw, RemovalReason::TagsLine);
    }

    /// Above the first body line, a line that loses its sentence to a fuller copy further down
    /// leaves a date stamp, which the next round takes for the site's header.
    #[test]
    fn a_residue_above_the_body_is_left_to_the_next_round() {
        let raw = [
            "لاوروف و روبیو درباره اوکراین گفت‌وگو کردند",
            "گزارش اختصاصی از این گفت‌وگو",
            "دو طرف درباره اوضاع منطقه و برنامه‌های آینده گفت‌وگو کردند. ۱۲ مهر ۱۴۰۳",
            "وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
            "این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید.",
            "به گزارش ایرنا، دو طرف درباره اوضاع منطقه و برنامه‌های آینده گفت‌وگو کردند.",
        ]
        .join("\n");
        assert_residue_left_to_second_round(&raw, RemovalReason::SiteHeader);
    }

    /// The line after the headline loses its first sentence; what is left is the headline
    /// without the section name glued in front of it, which the next round cuts.
    #[test]
    fn a_residue_after_the_headline_is_compared_with_it_next_round() {
        let raw = [
            "سیاسی وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
            "این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید. وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.",
            "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.",
            "به گزارش ایرنا، این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید.",
        ]
        .join("\n");
        assert_residue_left_to_second_round(&raw, RemovalReason::Breadcrumb);
    }

    /// A sentence repeated in front of a long run of headlines: alone, the run has no sentence
    /// end, and the next round takes it for related headlines.
    #[test]
    fn a_residue_that_is_a_headline_run_is_left_to_the_next_round() {
        let run = (1..=16)
            .map(|i| format!("افزایش قیمت کالاها در بازار شماره {i}"))
            .collect::<Vec<_>>()
            .join(" / ");
        let raw = [
            "وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.".to_owned(),
            "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.".to_owned(),
            format!(
                "دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند. {run}"
            ),
            "این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید.".to_owned(),
        ]
        .join("\n");
        assert_residue_left_to_second_round(&raw, RemovalReason::RelatedHeadlines);
    }

    #[test]
    fn settled_is_seen_both_ways() {
        settled_rounds_find_nothing_more();
        // The property is not vacuous: pages were settled, and pages that were not had
        // something left for the second round.
        assert!(SETTLED.load(Ordering::Relaxed) > 500);
        // About one case in a hundred (20 to 30 of the 2,000 in five runs), so more than five
        // all but always.
        assert!(UNSETTLED_FINDING.load(Ordering::Relaxed) > 5);
        // A second round that found something and showed a third would find nothing (20 to
        // 25 cases of the 2,000). No page of these lines has a third round that finds
        // anything (none in 300,000 drawn from them and a few more), so this side holds the
        // proof to what it claims but cannot show it is needed.
        assert!(LATER_SETTLED.load(Ordering::Relaxed) > 0);
        // Pages settled with a line that repetition cut rather than removed (a number left
        // after a repeated sentence): a few hundred of the 2,000.
        assert!(RESIDUE_SETTLED.load(Ordering::Relaxed) > 50);
    }

    /// Lines the property below found in the memo by their rendering.
    static FOUND_UNIFIED: AtomicUsize = AtomicUsize::new(0);

    #[test]
    fn unified_lines_are_found_in_the_memo() {
        a_unified_line_is_what_the_memo_holds();
        // Most pages of the Arabic lines have some: the property is not vacuous.
        assert!(FOUND_UNIFIED.load(Ordering::Relaxed) > 50);
    }

    proptest::proptest! {
        /// Read as Persian, a line written with Arabic ي and ك is found in the first round's
        /// memo by its rendering (its letters unified), whose fold, sentences, rule matches
        /// and features (but for being verbatim) are those the memo holds.
        #[test]
        fn a_unified_line_is_what_the_memo_holds(
            picks in proptest::collection::vec(0usize..LINES.len(), 1..14),
        ) {
            let raw = picks.iter().filter_map(|&i| LINES.get(i).copied()).collect::<Vec<_>>().join("\n");
            let norm = Normalization { persian_letters: true, restore_zwnj: false };
            let rules = SiteRules::bundled();
            let first = analyze(&raw, Language::Fa, &rules, &norm, &mut Metadata::default(), None);
            let memo = first.memo.expect("the first round's memo");
            let removed = finish_pieces(&raw, first.pieces, &[]);
            let (text, _, lines) = render::render_with_lines(&raw, &removed, Language::Fa, &norm, render::KnownLines::default());
            for line in &lines {
                let rendered = line.text(&text);
                let Some(held) = memo.find(rendered, 0, true).and_then(|i| memo.lines.get(i)) else {
                    continue;
                };
                if held.text == rendered {
                    continue;
                }
                FOUND_UNIFIED.fetch_add(1, Ordering::Relaxed);
                let (mut folded, mut sentences) = (String::new(), Vec::new());
                let mut feat = measure_line(rendered, &mut folded, &mut sentences, rules.words());
                feat.unify(true);
                proptest::prop_assert_eq!(folded.as_str(), memo.folded.get(held.folded.0..held.folded.1).unwrap_or(""));
                proptest::prop_assert_eq!(
                    sentences.as_slice(),
                    memo.sentences.get(held.sentences.0..held.sentences.1).unwrap_or_default()
                );
                let matches: Vec<(usize, usize, usize)> = rules
                    .line_matches(&folded, feat.openings, feat.chars)
                    .map(|(index, _, s, e)| (index, s, e))
                    .collect();
                proptest::prop_assert_eq!(matches.as_slice(), memo.matches_of(held));
                let mut as_held = held.feat;
                (as_held.verbatim, as_held.unified_letters) = (feat.verbatim, feat.unified_letters);
                proptest::prop_assert_eq!(format!("{feat:?}"), format!("{as_held:?}"));
            }
        }
    }

    proptest::proptest! {
        // Findings left for a second round are rare (that is the point): many cases.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// When a round says the next would find nothing, it finds nothing: the first round,
        /// and a second round that found something.
        #[test]
        fn settled_rounds_find_nothing_more(
            picks in proptest::collection::vec(0usize..LINES.len(), 1..14),
            persian: bool,
        ) {
            let raw = picks.iter().filter_map(|&i| LINES.get(i).copied()).collect::<Vec<_>>().join("\n");
            let lang = if persian { Language::Fa } else { Language::Ar };
            let norm = Normalization { persian_letters: true, restore_zwnj: false };
            let rules = SiteRules::bundled();
            let meta = &mut Metadata::default();
            let first = analyze(&raw, lang, &rules, &norm, meta, None);
            let memo = first.memo.expect("the first round's memo");
            // Whether repetition cut a line rather than removing it whole.
            let cut = first.pieces.iter().any(|p| {
                p.reason == RemovalReason::RepeatedParagraph
                    && memo.lines.iter().any(|m| {
                        m.line.start <= p.start && p.end <= m.line.end
                            && (m.line.start, m.line.end) != (p.start, p.end)
                    })
            });
            let removed = finish_pieces(&raw, first.pieces, &[]);
            let (text, alignment, lines) = render::render_with_lines(&raw, &removed, lang, &norm, render::KnownLines::default());
            let more = analyze(&text, lang, &rules, &norm, meta, Some((&memo, lines)));
            // What the memo lends a later round is what the round would derive itself.
            let fresh = analyze(&text, lang, &rules, &norm, meta, None);
            proptest::prop_assert_eq!(&more.pieces, &fresh.pieces);
            if first.settled {
                SETTLED.fetch_add(1, Ordering::Relaxed);
                if cut {
                    RESIDUE_SETTLED.fetch_add(1, Ordering::Relaxed);
                }
                proptest::prop_assert!(more.pieces.is_empty(), "{raw}\n---\n{text}\n{:?}", more.pieces);
            } else if !more.pieces.is_empty() {
                UNSETTLED_FINDING.fetch_add(1, Ordering::Relaxed);
                if more.settled {
                    // The third round, as cleaning would run it.
                    LATER_SETTLED.fetch_add(1, Ordering::Relaxed);
                    let aligner = crate::clean::Aligner::new(&alignment);
                    let mut all = removed.clone();
                    for piece in &more.pieces {
                        let span = aligner.clean_span_to_raw(crate::text::CharSpan::new(piece.start, piece.end));
                        crate::clean::pieces::subtract_into(&removed, span.start.0, span.end.0, piece.reason, &mut all);
                    }
                    let removed = finish_pieces(&raw, all, &[]);
                    let (third_text, _, lines) = render::render_with_lines(&raw, &removed, lang, &norm, render::KnownLines::default());
                    let third = analyze(&third_text, lang, &rules, &norm, meta, Some((&memo, lines)));
                    proptest::prop_assert!(third.pieces.is_empty(), "{raw}\n---\n{third_text}\n{:?}", third.pieces);
                }
            }
        }
    }
}
