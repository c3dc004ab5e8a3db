//! Per-document language: Persian, Arabic or other, from letter and word evidence.
//!
//! Hand-written rather than a general language identifier (whatlang, lingua): those score
//! character n-grams trained on clean text and are thrown by exactly what news scrapes contain,
//! Persian written with Arabic ي/ك by a sloppy site, or an Arabic quotation in a Persian article.
//! The letters and function words below are the evidence a reader uses, and one pass over the
//! characters counts them all.

use crate::model::Language;
use crate::text::chars::{is_arabic_letter, is_arabic_mark};

/// Fewer Arabic-script letters than this is too little to tell (a name in a Latin text, a
/// caption): [`Language::Other`].
const MIN_ARABIC_LETTERS: usize = 20;

/// Weights of each piece of evidence. A function word is the strongest evidence (it is a whole
/// word, and sloppy spelling does not change which language it belongs to); letters unique to one
/// language come next; Arabic ي and ك are weak, since many Persian sites type them too.
const WORD_WEIGHT: usize = 10;
const PERSIAN_ONLY_LETTER_WEIGHT: usize = 4;
const TEH_MARBUTA_WEIGHT: usize = 4;
const PERSIAN_YEH_KEHEH_WEIGHT: usize = 2;
const ARABIC_YEH_KAF_WEIGHT: usize = 1;
const DIGIT_WEIGHT: usize = 1;

/// The language of a whole text.
///
/// Counts evidence over all of the text (not the first line, which is often a site name or a
/// date): letters only Persian uses (پ چ ژ گ), Persian yeh and keheh (ی ک) against Arabic-only
/// letters (ة ى ي ك), and common function words of each language. Persian function words are
/// matched after folding Arabic ي/ك/ى to Persian ی/ک, so that Persian typed with Arabic letters
/// still counts as Persian. Texts with little Arabic script, or where Arabic script is a minority
/// of the letters, are [`Language::Other`]; so is a tie.
#[must_use]
pub fn detect(text: &str) -> Language {
    let mut evidence = Evidence::default();
    // The current word as a byte range of `text` (first letter to end of last letter), so that no
    // word is copied; only a word with a diacritic or tatweel inside is rebuilt without them.
    let mut word: Option<(usize, usize)> = None;
    let mut word_has_marks = false;
    for (at, c) in text.char_indices() {
        if is_arabic_letter(c) {
            evidence.letter(c);
            let end = at + c.len_utf8();
            word = Some(word.map_or((at, end), |(start, _)| (start, end)));
        } else if is_arabic_mark(c) || c == '\u{0640}' {
            // Diacritics and tatweel sit inside a word without changing it.
            word_has_marks |= word.is_some();
        } else {
            if c.is_ascii() {
                evidence.other_letters += usize::from(c.is_ascii_alphabetic());
            } else {
                if c.is_alphabetic() {
                    evidence.other_letters += 1;
                }
                evidence.digit(c);
            }
            // Any other char ends the word; ZWNJ too: "می‌کنند" gives "می", the prefix we look for.
            evidence.word_at(text, word.take(), word_has_marks);
            word_has_marks = false;
        }
    }
    evidence.word_at(text, word, word_has_marks);
    evidence.verdict()
}

#[derive(Debug, Default)]
struct Evidence {
    arabic_letters: usize,
    other_letters: usize,
    persian: usize,
    arabic: usize,
}

impl Evidence {
    fn letter(&mut self, c: char) {
        self.arabic_letters += 1;
        match c {
            'پ' | 'چ' | 'ژ' | 'گ' => self.persian += PERSIAN_ONLY_LETTER_WEIGHT,
            'ی' | 'ک' => self.persian += PERSIAN_YEH_KEHEH_WEIGHT,
            'ة' => self.arabic += TEH_MARBUTA_WEIGHT,
            'ى' | 'ي' | 'ك' => self.arabic += ARABIC_YEH_KAF_WEIGHT,
            _ => {}
        }
    }

    /// Extended (Persian) digits ۰-۹ against Arabic-Indic ٠-٩: weak evidence, as sites of both
    /// languages sometimes use the other's digits.
    fn digit(&mut self, c: char) {
        match c {
            '\u{06F0}'..='\u{06F9}' => self.persian += DIGIT_WEIGHT,
            '\u{0660}'..='\u{0669}' => self.arabic += DIGIT_WEIGHT,
            _ => {}
        }
    }

    /// Weighs the word at `range` of `text`; `has_marks` when diacritics or tatweel sit inside
    /// it and have to be left out.
    fn word_at(&mut self, text: &str, range: Option<(usize, usize)>, has_marks: bool) {
        let Some(slice) = range.and_then(|(start, end)| text.get(start..end)) else {
            return;
        };
        if has_marks {
            let bare: String = slice
                .chars()
                .filter(|&c| !is_arabic_mark(c) && c != '\u{0640}')
                .collect();
            self.word(&bare);
        } else {
            self.word(slice);
        }
    }

    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if is_arabic_function_word(word) {
            self.arabic += WORD_WEIGHT;
        } else if is_persian_function_word(word) {
            self.persian += WORD_WEIGHT;
        }
    }

    fn verdict(&self) -> Language {
        let enough = self.arabic_letters >= MIN_ARABIC_LETTERS
            && self.arabic_letters * 2 >= self.other_letters;
        if !enough {
            Language::Other
        } else if self.persian > self.arabic {
            Language::Fa
        } else if self.arabic > self.persian {
            Language::Ar
        } else {
            Language::Other
        }
    }
}

/// Arabic words that Persian does not use, spelled as Arabic sites write them (including the
/// Egyptian habit of a final ى for ي). Matched exactly: Persian spelling (ی, ک) never matches.
fn is_arabic_function_word(word: &str) -> bool {
    matches!(
        word,
        "الذي"
            | "التي"
            | "الذى"
            | "التى"
            | "في"
            | "فى"
            | "على"
            | "إلى"
            | "الى"
            | "أن"
            | "إن"
            | "هذا"
            | "هذه"
            | "الذين"
            | "كان"
            | "كانت"
            | "عن"
            | "مع"
            | "قد"
            | "لم"
            | "أو"
    )
}

/// Persian words that Arabic does not use, after folding Arabic ي/ى to ی and ك to ک.
fn is_persian_function_word(word: &str) -> bool {
    // Folding allocates only when a folded letter is present, which for Persian-typed text is rare.
    let folded: std::borrow::Cow<'_, str> = if word.contains(['ي', 'ى', 'ك']) {
        word.chars()
            .map(|c| match c {
                'ي' | 'ى' => 'ی',
                'ك' => 'ک',
                other => other,
            })
            .collect::<String>()
            .into()
    } else {
        word.into()
    };
    matches!(
        folded.as_ref(),
        "است"
            | "این"
            | "که"
            | "را"
            | "می"
            | "از"
            | "با"
            | "برای"
            | "آن"
            | "شد"
            | "کرد"
            | "نیز"
            | "بود"
            | "تا"
            | "اند"
            | "ها"
            | "های"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_and_arabic_function_words_do_not_overlap() {
        for w in ["الذي", "في", "على", "إلى", "أن", "فى", "مع", "عن", "قد"] {
            assert!(!is_persian_function_word(w), "{w}");
        }
        for w in ["است", "این", "که", "را", "می", "از", "با", "كه", "اين"] {
            assert!(!is_arabic_function_word(w), "{w}");
        }
    }

    #[test]
    fn sloppy_persian_spelling_still_counts() {
        assert!(is_persian_function_word("اين"));
        assert!(is_persian_function_word("كه"));
        assert!(is_persian_function_word("مي"));
    }
}
