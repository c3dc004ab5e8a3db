//! The canonical derivation of clean text from raw text, removed pieces and normalization.

use super::align::AlignmentBuilder;
use super::lines::Line;
use super::normalize::{
    char_at, is_dropped_control, is_line_break, is_plain, is_space, is_unified_letter, output_char,
};
use super::places::CharPlaces;
use super::zwnj;
use crate::model::{Alignment, Language, Normalization, Removed};
use crate::text::chars::{ZWNJ, is_arabic_letter, is_arabic_mark};

/// Sorted, clipped, non-overlapping `[start, end)` ranges of the removed pieces. Pieces read
/// from a file may overlap or run past the end; rendering must not trip over them.
fn skip_ranges(removed: &[Removed]) -> Vec<(usize, usize)> {
    let mut r: Vec<(usize, usize)> = removed
        .iter()
        .filter(|p| p.start < p.end)
        .map(|p| (p.start, p.end))
        .collect();
    r.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(r.len());
    for (s, e) in r {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

struct Writer<'n> {
    text: String,
    align: AlignmentBuilder,
    lang: Language,
    norm: &'n Normalization,
    /// The current run of Persian letters, held back for ZWNJ restoration: (char, raw offset).
    word: Vec<(char, usize)>,
    /// The letters of `word`, kept to avoid an allocation per word.
    letters: Vec<char>,
    restore: bool,
    /// The lines written so far, and where the current one starts (char, byte).
    lines: Vec<Line>,
    line_start: (usize, usize),
}

impl Writer<'_> {
    /// Ends the current line (the text holds a char of it): it goes to `lines`.
    fn end_line(&mut self) {
        let (start, byte_start) = self.line_start;
        self.lines.push(Line {
            start,
            end: self.align.clean_len(),
            byte_start,
            byte_end: self.text.len(),
        });
    }

    fn put(&mut self, c: char, raw: usize, raw_len: usize) {
        self.text.push(c);
        self.align.push(raw, raw_len);
    }

    fn letter(&mut self, c: char, raw: usize) {
        let c = output_char(c, self.lang, self.norm);
        if self.restore {
            if is_arabic_letter(c) || (is_arabic_mark(c) && !self.word.is_empty()) {
                self.word.push((c, raw));
                return;
            }
            self.flush();
        }
        self.put(c, raw, 1);
    }

    fn flush(&mut self) {
        if self.word.is_empty() {
            return;
        }
        self.letters.clear();
        self.letters.extend(self.word.iter().map(|(c, _)| *c));
        let at = zwnj::restore_positions(&self.letters);
        let word = std::mem::take(&mut self.word);
        for (i, (c, raw)) in word.iter().enumerate() {
            if at.contains(&i) {
                self.put(ZWNJ, *raw, 0);
            }
            self.put(*c, *raw, 1);
        }
        self.word = word;
        self.word.clear();
    }

    /// A letter unification changes (see [`is_unified_letter`]), at byte `at` of `raw`, inside
    /// a run being copied (`run`: raw char start, byte start, chars): the run's bytes so far
    /// are written and then its Persian letter, and the run goes on after it. One char stands
    /// for one, so the run stays one alignment segment: in Persian typed with Arabic ي and ك
    /// (many sites) every line has them, and each would otherwise end the run and take the
    /// general path.
    fn unify_in_run(&mut self, raw: &str, run: &mut (usize, usize, usize), at: usize, c: char) {
        self.text.push_str(raw.get(run.1..at).unwrap_or(""));
        self.text.push(output_char(c, self.lang, self.norm));
        run.1 = at + c.len_utf8();
        run.2 += 1;
    }
}

/// A line of the raw text that is written as it is (every char plain, single ASCII spaces
/// between words): see `LineFeatures::verbatim`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VerbatimLine {
    /// Its first char.
    pub start: usize,
    /// One past its last char (before the line break or trailing blanks).
    pub end: usize,
    /// Byte offset of `end`.
    pub byte_end: usize,
}

/// What is known of the lines of a raw text before it is rendered, which spares rendering work
/// without changing what it writes; nothing at all is fine.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KnownLines<'a> {
    /// The lines of the text, in order (see [`super::lines::content_lines`]): a removed piece
    /// is skipped to the place of the line it ends in rather than over all its chars.
    pub all: &'a [Line],
    /// The lines written as they are, in order: their chars are copied without being looked
    /// at.
    pub verbatim: &'a [VerbatimLine],
}

/// Derives the clean text and its alignment; see [`super::render`]. `known` lines of `raw` give
/// the same text and alignment sooner.
pub(crate) fn render(
    raw: &str,
    removed: &[Removed],
    lang: Language,
    norm: &Normalization,
    known: KnownLines<'_>,
) -> (String, Alignment) {
    let (text, alignment, _) = render_with_lines(raw, removed, lang, norm, known);
    (text, alignment)
}

/// [`render`], and the lines of the clean text as it writes them: what [`content_lines`]
/// finds in it, without a walk over it.
///
/// [`content_lines`]: super::lines::content_lines
pub(crate) fn render_with_lines(
    raw: &str,
    removed: &[Removed],
    lang: Language,
    norm: &Normalization,
    known: KnownLines<'_>,
) -> (String, Alignment, Vec<Line>) {
    let verbatim = known.verbatim;
    let mut places = CharPlaces::new(known.all);
    let mut v = 0;
    let skips = skip_ranges(removed);
    let mut k = 0;
    let restore = norm.restore_zwnj && lang != Language::Ar;
    let unify = lang == Language::Fa && norm.persian_letters;
    let mut w = Writer {
        text: String::with_capacity(raw.len()),
        align: AlignmentBuilder::default(),
        lang,
        norm,
        word: Vec::new(),
        letters: Vec::new(),
        restore,
        lines: Vec::with_capacity(raw.len() / 60 + 8),
        line_start: (0, 0),
    };
    let mut line_has_content = false;
    let mut pending_newline: Option<(usize, usize)> = None;
    let mut pending_space: Option<usize> = None;
    // A run of plain chars being copied in one go: (raw char start, byte start, chars).
    let mut run: Option<(usize, usize, usize)> = None;
    let bytes = raw.as_bytes();
    // The char index and byte offset of the next char.
    let (mut next_i, mut next_b) = (0usize, 0usize);
    while let Some((c, len)) = char_at(bytes, raw, next_b) {
        let (i, b) = (next_i, next_b);
        (next_i, next_b) = (i + 1, b + len);
        while skips.get(k).is_some_and(|&(_, e)| e <= i) {
            k += 1;
        }
        let skipped = skips.get(k).is_some_and(|&(s, _)| s <= i);
        if !skipped && !restore && line_has_content && pending_space.is_none() && is_plain(c, unify)
        {
            let r = run.get_or_insert((i, b, 0));
            r.2 += 1;
            // The bulk of an article: copy plain chars up to the next removed piece without
            // going through the general path. A single ASCII space before another plain char
            // joins the run too: written one by one it would give the same text and, merged
            // with its neighbours, the same alignment segment.
            let limit = skips.get(k).map_or(usize::MAX, |&(s, _)| s);
            while verbatim.get(v).is_some_and(|l| l.end <= next_i) {
                v += 1;
            }
            if let Some(l) = verbatim.get(v).filter(|l| l.start <= i && l.end <= limit) {
                // The rest of a verbatim line with no removed piece in it: the loop below
                // would stop exactly at its end.
                r.2 += l.end - next_i;
                (next_i, next_b) = (l.end, l.byte_end);
                continue;
            }
            while next_i < limit {
                match char_at(bytes, raw, next_b) {
                    Some((c, len)) if is_plain(c, unify) => {
                        (next_i, next_b) = (next_i + 1, next_b + len);
                        r.2 += 1;
                    }
                    Some((c, 2)) if unify && is_unified_letter(c) => {
                        w.unify_in_run(raw, r, next_b, c);
                        (next_i, next_b) = (next_i + 1, next_b + 2);
                    }
                    Some((' ', 1)) if next_i + 1 < limit => match char_at(bytes, raw, next_b + 1) {
                        Some((c, len)) if is_plain(c, unify) => {
                            (next_i, next_b) = (next_i + 2, next_b + 1 + len);
                            r.2 += 2;
                        }
                        Some((c, 2)) if unify && is_unified_letter(c) => {
                            r.2 += 1;
                            w.unify_in_run(raw, r, next_b + 1, c);
                            (next_i, next_b) = (next_i + 2, next_b + 3);
                        }
                        _ => break,
                    },
                    _ => break,
                }
            }
            continue;
        }
        if let Some((rs, bs, n)) = run.take() {
            w.text.push_str(raw.get(bs..b).unwrap_or(""));
            w.align.push_run(rs, n);
        }
        if skipped {
            // The rest of the removed piece, without looking at its chars (repeated paragraphs
            // and footers are a good part of many pages). A piece running past the text's end
            // ends the walk.
            if let Some(&(_, e)) = skips.get(k) {
                (next_i, next_b) = (e, places.byte_of(bytes, (i, b), e));
            }
            continue;
        }
        if is_line_break(c) {
            let mut len = 1;
            if c == '\r'
                && bytes.get(next_b) == Some(&b'\n')
                && skips.get(k).is_none_or(|&(s, _)| s != i + 1)
            {
                (next_i, next_b) = (next_i + 1, next_b + 1);
                len = 2;
            }
            w.flush();
            if line_has_content {
                pending_newline = Some((i, len));
                line_has_content = false;
            }
            pending_space = None;
        } else if is_space(c) {
            w.flush();
            if line_has_content && pending_space.is_none() {
                pending_space = Some(i);
            }
        } else if is_dropped_control(c) {
            // Invisible; a word continues across it.
        } else {
            if !line_has_content {
                if let Some((r, len)) = pending_newline.take() {
                    w.end_line();
                    w.put('\n', r, len);
                    w.line_start = (w.align.clean_len(), w.text.len());
                }
                line_has_content = true;
            } else if let Some(r) = pending_space.take() {
                w.flush();
                w.put(' ', r, 1);
            }
            w.letter(c, i);
        }
    }
    if let Some((rs, bs, n)) = run.take() {
        w.text.push_str(raw.get(bs..).unwrap_or(""));
        w.align.push_run(rs, n);
    }
    w.flush();
    if !w.text.is_empty() {
        w.end_line();
    }
    (w.text, w.align.finish(), w.lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::Aligner;
    use crate::clean::heuristics::fold_and_measure;
    use crate::clean::lines::content_lines;
    use crate::model::RemovalReason;
    use crate::text::CharOffset;

    /// The verbatim lines of `raw` as the first cleaning round finds them.
    fn verbatim_lines(raw: &str, unify: bool) -> Vec<VerbatimLine> {
        content_lines(raw)
            .into_iter()
            .filter(|l| {
                fold_and_measure(
                    l.text(raw),
                    &mut String::new(),
                    &mut Vec::new(),
                    unify,
                    &crate::clean::words::WordTable::stop_words_only(),
                )
                .verbatim
            })
            .map(|l| VerbatimLine {
                start: l.start,
                end: l.end,
                byte_end: l.byte_end,
            })
            .collect()
    }

    /// Cases of the property below that had verbatim lines to copy.
    static VERBATIM_CASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    #[test]
    fn verbatim_lines_are_found_and_copied() {
        verbatim_lines_render_as_walked();
        // Most generated texts hold verbatim lines: the property is not vacuous.
        assert!(VERBATIM_CASES.load(std::sync::atomic::Ordering::Relaxed) > 100);
    }

    proptest::proptest! {
        /// Copying verbatim lines whole and skipping removed pieces to the places of lines give
        /// the text and alignment of the char-by-char walk,
        /// whatever is removed (pieces inside, across and between lines).
        #[test]
        fn verbatim_lines_render_as_walked(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    // Words and single spaces, most of them verbatim (ي ك ى are not when
                    // Persian letters are unified).
                    "[ا-ی يكى\u{200C}]{1,6}( [ا-ی\u{200C}.،ab]{1,6}){0,6}",
                    // Anything: odd spaces, marks, breaks inside.
                    "[ab ا-ی يكى\u{061C}\u{200C}\u{00A0}\t.،\r]{0,40}",
                ],
                0..6,
            ),
            crlf: bool,
            cuts in proptest::collection::vec((0usize..130, 0usize..20), 0..4),
            persian: bool,
            letters: bool,
        ) {
            let raw = lines.join(if crlf { "\r\n" } else { "\n" });
            let lang = if persian { Language::Fa } else { Language::Ar };
            let norm = Normalization { persian_letters: letters, ..Normalization::default() };
            let removed: Vec<Removed> = cuts
                .into_iter()
                .map(|(start, len)| Removed { start, end: start + len, reason: RemovalReason::AdLine })
                .collect();
            let hints = verbatim_lines(&raw, persian && letters);
            if !hints.is_empty() {
                VERBATIM_CASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            // Every line's places too: pieces ending in a line are skipped to its places.
            let all = content_lines(&raw);
            let known = KnownLines { all: &all, verbatim: &hints };
            let rendered = render(&raw, &removed, lang, &norm, known);
            proptest::prop_assert_eq!(&rendered, &render(&raw, &removed, lang, &norm, KnownLines::default()));
            // The lines rendering reports are those of the text it writes.
            let (_, _, lines) = render_with_lines(&raw, &removed, lang, &norm, known);
            proptest::prop_assert_eq!(lines, crate::clean::lines::content_lines(&rendered.0));
            // Removed pieces are skipped whole: the text is that of the raw text with their
            // chars deleted, and every clean char maps to the raw char it maps to there.
            let kept: Vec<(usize, char)> = raw
                .chars()
                .enumerate()
                .filter(|&(i, _)| !removed.iter().any(|p| p.start <= i && i < p.end))
                .collect();
            let deleted: String = kept.iter().map(|&(_, c)| c).collect();
            let plain = render(&deleted, &[], lang, &norm, KnownLines::default());
            proptest::prop_assert_eq!(&rendered.0, &plain.0);
            let (with, without) = (Aligner::new(&rendered.1), Aligner::new(&plain.1));
            let raw_chars: Vec<char> = raw.chars().collect();
            for (c, written) in rendered.0.chars().enumerate() {
                let d = without.clean_to_raw(CharOffset(c)).0;
                let at = with.clean_to_raw(CharOffset(c)).0;
                proptest::prop_assert_eq!(at, kept.get(d).map_or(usize::MAX, |&(i, _)| i));
                // A visible char is written as the normalization writes the raw char it maps
                // to (the copied runs among them, whose unified letters are swapped in place).
                if !written.is_whitespace() && written != ZWNJ {
                    let from = raw_chars.get(at).copied().unwrap_or(' ');
                    proptest::prop_assert_eq!(written, output_char(from, lang, &norm));
                }
            }
        }
    }
}
