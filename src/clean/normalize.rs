//! Character classes and per-character normalization shared by rendering, rule matching and
//! repetition detection.
//!
//! Two kinds of normalization live here. The *output* normalization ([`output_char`]) is what
//! the clean text shows: it only unifies Persian letters and maps odd spaces to a plain space,
//! one code point for one code point, so the alignment can map it char for char. The *folding*
//! ([`fold_char`]) is for comparison only (rules, repetition): it is far more lenient and never
//! reaches the text.

use crate::model::{Language, Normalization};

/// True for the invisible controls cleaning drops: bidi marks and embeddings, the BOM and the
/// zero-width space. ZWNJ (U+200C) and ZWJ (U+200D) are *not* here: they are part of spelling.
#[must_use]
pub fn is_dropped_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// True for characters that end a line. CR, LF, CRLF (handled by the caller), vertical tab,
/// form feed, NEL and the Unicode line and paragraph separators.
#[must_use]
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// True for horizontal whitespace (space, tab, NBSP, the typographic spaces) that folds to one
/// space.
#[must_use]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() && !is_line_break(c)
}

/// True for characters the clean text never starts or ends a line with.
#[must_use]
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_dropped_control(c)
}

/// The character the clean text shows for a kept raw character (not a space, break or control).
///
/// Only Persian documents get their letters unified, and only when the normalization asks for
/// it: Arabic documents keep ي and ك, which are correct there.
#[must_use]
pub fn output_char(c: char, lang: Language, norm: &Normalization) -> char {
    if lang == Language::Fa && norm.persian_letters {
        unified(c)
    } else {
        c
    }
}

/// `c` with Persian letters unified: ی for ي and ى, ک for ك.
fn unified(c: char) -> char {
    match c {
        '\u{064A}' | '\u{0649}' => '\u{06CC}',
        '\u{0643}' => '\u{06A9}',
        _ => c,
    }
}

/// The Arabic letters unification turns into Persian ones (ي ى ك): the only chars of a word
/// that are not plain when Persian letters are unified, each two bytes in UTF-8 as the Persian
/// letter it becomes is.
pub(crate) fn is_unified_letter(c: char) -> bool {
    matches!(c, '\u{064A}' | '\u{0649}' | '\u{0643}')
}

/// Whether `rendered` is `text` with its letters unified (see [`is_unified_letter`]) and
/// nothing else changed. Each unified letter is as many bytes as its Persian letter, so the
/// two texts are as long and go char for char.
pub(crate) fn renders_unified_as(text: &str, rendered: &str) -> bool {
    text.len() == rendered.len()
        && text
            .chars()
            .zip(rendered.chars())
            .all(|(a, b)| a == b || (is_unified_letter(a) && unified(a) == b))
}

/// Folding for comparison: letter variants unified, digits to ASCII, marks and tatweel gone.
///
/// Returns `Some(' ')` for anything that separates words (spaces, punctuation, ZWNJ) and `None`
/// for characters that vanish (diacritics, tatweel, bidi controls).
#[must_use]
pub fn fold_char(c: char) -> Option<char> {
    fold_with(fold_table(), c)
}

/// The folding table, fetched once by loops that fold many chars.
pub(crate) fn fold_table() -> &'static [u32] {
    &FOLD_TABLE
}

/// [`fold_char`] with the table at hand. Nearly every char of an article is below U+0800
/// (ASCII, Arabic block): one lookup instead of the general Unicode tables.
#[inline]
pub(crate) fn fold_with(table: &[u32], c: char) -> Option<char> {
    match table.get(c as usize) {
        Some(&NO_CHAR) => None,
        Some(&v) => char::from_u32(v),
        None => fold_char_slow(c),
    }
}

/// `char::is_whitespace` without the Unicode table for ASCII and the Arabic block.
#[inline]
pub(crate) fn is_blank_fast(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace() || c == '\u{0B}'
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        false
    } else {
        c.is_whitespace()
    }
}

const NO_CHAR: u32 = u32::MAX;

static FOLD_TABLE: std::sync::LazyLock<Vec<u32>> = std::sync::LazyLock::new(|| {
    (0u32..0x800)
        .map(|u| {
            char::from_u32(u)
                .and_then(fold_char_slow)
                .map_or(NO_CHAR, u32::from)
        })
        .collect()
});

fn fold_char_slow(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            ' '
        });
    }
    if let Some(d) = crate::text::chars::digit_value(c) {
        return char::from_digit(d, 10);
    }
    let folded = match c {
        '\u{064A}' | '\u{0649}' | '\u{06CC}' | '\u{0626}' => '\u{06CC}',
        '\u{0643}' | '\u{06A9}' => '\u{06A9}',
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' => '\u{0627}',
        '\u{0624}' => '\u{0648}',
        '\u{0629}' | '\u{06C0}' | '\u{06D5}' => '\u{0647}',
        '\u{0640}' => return None,
        '\u{200C}' | '\u{200D}' => ' ',
        c if crate::text::chars::is_arabic_mark(c) || is_dropped_control(c) => return None,
        c if crate::text::chars::is_arabic_letter(c) => c,
        c if c.is_alphanumeric() => c.to_lowercase().next().unwrap_or(c),
        _ => ' ',
    };
    Some(folded)
}

/// The char starting at byte `at` of `text` (`bytes` is `text` as bytes) and its UTF-8 length.
///
/// Cleaning's loops walk bytes and decode only here: ASCII and the two-byte chars (the whole
/// Arabic block among them) are decoded inline, anything longer by the standard decoder.
#[inline]
pub(crate) fn char_at(bytes: &[u8], text: &str, at: usize) -> Option<(char, usize)> {
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(&lead), _) if lead < 0x80 => Some((char::from(lead), 1)),
        (Some(&lead @ 0xC2..=0xDF), Some(&next)) => {
            let code = (u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F);
            char::from_u32(code).map(|c| (c, 2))
        }
        (Some(_), _) => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map(|c| (c, c.len_utf8())),
        (None, _) => None,
    }
}

/// True for a char that rendering copies as is: not a break, space or control, and unchanged by
/// the letter normalization (`unify`: Persian letters are unified). Decided without the Unicode tables for ASCII and the Arabic block.
pub(crate) fn is_plain(c: char, unify: bool) -> bool {
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
    let separates = is_line_break(c) || is_space(c) || is_dropped_control(c) || c == '\u{85}';
    let unified = unify && matches!(c, '\u{064A}' | '\u{0649}' | '\u{0643}');
    !separates && !unified && !c.is_ascii_control() && c != ' '
}

/// The chars of [`fold_str`] of `s`, made one at a time: for a caller that may stop after a few.
pub(crate) fn folded_chars(s: &str) -> FoldedChars<std::str::Chars<'_>> {
    fold_chars_of(s.chars())
}

/// [`folded_chars`] of the text whose chars `chars` gives (the first few of a longer one, say).
pub(crate) fn fold_chars_of<I: Iterator<Item = char>>(chars: I) -> FoldedChars<I> {
    FoldedChars {
        chars,
        table: fold_table(),
        pending_space: false,
        emitted: false,
        held: None,
    }
}

/// See [`folded_chars`].
pub(crate) struct FoldedChars<I> {
    chars: I,
    table: &'static [u32],
    /// Separators came after a folded char: one space goes out before the next folded char.
    pending_space: bool,
    /// A folded char went out (separators before the first one are dropped).
    emitted: bool,
    /// The char to hand out after the space that went out before it.
    held: Option<char>,
}

impl<I: Iterator<Item = char>> Iterator for FoldedChars<I> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.held.take() {
            return Some(c);
        }
        for c in self.chars.by_ref() {
            match fold_with(self.table, c) {
                None => {}
                Some(' ') => self.pending_space = self.emitted,
                Some(f) => {
                    self.emitted = true;
                    if std::mem::take(&mut self.pending_space) {
                        self.held = Some(f);
                        return Some(' ');
                    }
                    return Some(f);
                }
            }
        }
        None
    }
}

/// Folds a string for comparison: [`fold_char`] on every char, runs of separators collapsed to
/// one space, no leading or trailing space.
#[must_use]
pub fn fold_str(s: &str) -> String {
    folded_chars(s).collect()
}

/// Applies the output normalization to a whole string the way [`super::render`] does to kept
/// text (letters only; no spacing or line changes). Tests use it to compare expectations with
/// clean text.
#[must_use]
pub fn normalize_letters(s: &str, lang: Language, norm: &Normalization) -> String {
    s.chars().map(|c| output_char(c, lang, norm)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text and its rendering with letters unified are told apart from texts that differ
    /// otherwise, at the same length or not.
    #[test]
    fn a_rendering_with_letters_unified_is_recognised() {
        let text = "وزير الخارجية كان قد تحدث في المؤتمر، ولكن الرئيس لم يأت";
        let rendered: String = text
            .chars()
            .map(|c| output_char(c, Language::Fa, &Normalization::default()))
            .collect();
        assert_ne!(text, rendered);
        assert!(renders_unified_as(text, &rendered));
        assert!(renders_unified_as(text, text));
        // Unified the other way round, a letter for another, one more char, a ی for a ک.
        assert!(!renders_unified_as(&rendered, text));
        assert!(!renders_unified_as(text, &rendered.replacen('ر', "ز", 1)));
        assert!(!renders_unified_as(text, &format!("{rendered}.")));
        assert!(!renders_unified_as(text, &rendered.replacen('ک', "ی", 1)));
    }

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

    #[test]
    fn folding_unifies_variants_and_punctuation() {
        assert_eq!(fold_str("  كد خبر: ۷۲۷ "), "کد خبر 727");
        assert_eq!(fold_str("برچسب‌ها"), fold_str("برچسب ها"));
        assert_eq!(fold_str("السياسة"), fold_str("السياسه"));
    }

    #[test]
    fn char_at_decodes_like_the_standard_decoder() {
        let s = "a ب\u{200C}é\u{7FF}\u{800}𝐀\r\n";
        let bytes = s.as_bytes();
        for (at, c) in s.char_indices() {
            assert_eq!(char_at(bytes, s, at), Some((c, c.len_utf8())));
        }
        assert_eq!(char_at(bytes, s, s.len()), None);
    }

    #[test]
    fn output_letters_only_in_persian() {
        let n = Normalization::default();
        assert_eq!(output_char('ي', Language::Fa, &n), 'ی');
        assert_eq!(output_char('ي', Language::Ar, &n), 'ي');
        assert_eq!(output_char('ك', Language::Fa, &n), 'ک');
        assert_eq!(output_char('۷', Language::Fa, &n), '۷');
    }
}
