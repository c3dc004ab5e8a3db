//! The canonical derivation of clean text from raw text, removed pieces and normalization.

use super::align::AlignmentBuilder;
use super::normalize::{char_at, is_dropped_control, is_line_break, is_space, output_char};
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
}

impl Writer<'_> {
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
}

/// True for a char that is copied as is: not a break, space or control, and unchanged by the
/// letter normalization. Decided without the Unicode tables for ASCII and the Arabic block.
fn is_plain(c: char, unify: bool) -> bool {
    match c {
        '!'..='~' => true,
        '\u{0600}'..='\u{06FF}' => {
            c != '\u{061C}' && !(unify && matches!(c, '\u{064A}' | '\u{0649}' | '\u{0643}'))
        }
        c if (c as u32) < 0x80 => false,
        // ZWNJ, the commonest char of a Persian text outside the block, and the rest without
        // the Unicode whitespace table: the breaks, spaces and controls spelled out (a test
        // holds this to `is_plain_by_definition` for every char).
        '\u{200C}' => true,
        c => !matches!(
            c,
            '\u{85}'
                | '\u{A0}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'..='\u{202F}'
                | '\u{205F}'
                | '\u{2066}'..='\u{2069}'
                | '\u{3000}'
                | '\u{FEFF}'
        ),
    }
}

/// What [`is_plain`] decides, from the definitions.
#[cfg(test)]
fn is_plain_by_definition(c: char, unify: bool) -> bool {
    !(is_line_break(c) || is_space(c) || is_dropped_control(c) || c == '\u{85}')
        && !(unify && matches!(c, '\u{064A}' | '\u{0649}' | '\u{0643}'))
        && !c.is_ascii_control()
        && c != ' '
}

/// Derives the clean text and its alignment; see [`super::render`].
pub(crate) fn render(
    raw: &str,
    removed: &[Removed],
    lang: Language,
    norm: &Normalization,
) -> (String, Alignment) {
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
            while next_i < limit {
                match char_at(bytes, raw, next_b) {
                    Some((c, len)) if is_plain(c, unify) => {
                        (next_i, next_b) = (next_i + 1, next_b + len);
                        r.2 += 1;
                    }
                    Some((' ', 1)) if next_i + 1 < limit => match char_at(bytes, raw, next_b + 1) {
                        Some((c, len)) if is_plain(c, unify) => {
                            (next_i, next_b) = (next_i + 2, next_b + 1 + len);
                            r.2 += 2;
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
                    w.put('\n', r, len);
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
    (w.text, w.align.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_chars_are_those_the_definitions_give() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for unify in [false, true] {
                assert_eq!(
                    is_plain(c, unify),
                    is_plain_by_definition(c, unify),
                    "{c:?}"
                );
            }
        }
    }
}
