//! Per-document language: Persian, Arabic or other, from letter and word evidence.
//!
//! Hand-written rather than a general language identifier (whatlang, lingua): those score
//! character n-grams trained on clean text and are thrown by exactly what news scrapes contain,
//! Persian written with Arabic ي/ك by a sloppy site, or an Arabic quotation in a Persian article.
//! The letters and function words below are the evidence a reader uses, and one pass over the
//! characters counts them all.

use crate::model::Language;
use crate::text::chars::{is_arabic_letter, is_arabic_mark};
use crate::text::key_table::{KeyTable, pack16_at};

#[cfg(target_arch = "x86_64")]
mod block;

/// Fewer Arabic-script letters than this is too little to tell (a name in a Latin text, a
/// caption): [`Language::Other`].
const MIN_ARABIC_LETTERS: usize = 20;

/// Weights of each piece of evidence. A function word is the strongest evidence (it is a whole
/// word, and sloppy spelling does not change which language it belongs to); letters unique to one
/// language come next; Arabic ي and ك are weak, since many Persian sites type them too.
const WORD_WEIGHT: usize = 10;
const PERSIAN_ONLY_LETTER_WEIGHT: u8 = 4;
const TEH_MARBUTA_WEIGHT: u8 = 4;
const PERSIAN_YEH_KEHEH_WEIGHT: u8 = 2;
const ARABIC_YEH_KAF_WEIGHT: u8 = 1;
const DIGIT_WEIGHT: u8 = 1;

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
    weigh(text).verdict()
}

/// The evidence of a whole text, gathered in one walk: in blocks of 64 bytes where the CPU has
/// AVX2, char by char elsewhere.
fn weigh(text: &str) -> Evidence {
    #[cfg(target_arch = "x86_64")]
    if block::supported() {
        // SAFETY: `supported` has found the CPU features `block::weigh` is compiled for.
        return unsafe { block::weigh(text) };
    }
    weigh_by_walk(text)
}

/// [`weigh`] char by char.
fn weigh_by_walk(text: &str) -> Evidence {
    let mut walk = Walk::new(text);
    walk.chars(0, text.len());
    walk.finish()
}

/// The first char boundary at or after `at`: a block ends anywhere, and the continuation bytes
/// after its end belong to a char it has counted.
#[cfg(target_arch = "x86_64")]
fn char_start_from(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| b & 0xC0 == 0x80) {
        at += 1;
    }
    at
}

/// The evidence gathered so far and the word under way, which a block or the char walk goes
/// on with.
struct Walk<'t> {
    text: &'t str,
    /// Once here rather than at every word: the words are many, and each would check the lazy
    /// value is built.
    filter: &'static WordFilter,
    evidence: Evidence,
    /// The current word as a byte range of `text` (first letter to end of last letter), so
    /// that no word is copied; only a word with a diacritic or tatweel inside is rebuilt
    /// without them.
    word: Option<(usize, usize)>,
    word_has_marks: bool,
}

impl<'t> Walk<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            filter: &FUNCTION_WORD_FILTER,
            evidence: Evidence::default(),
            word: None,
            word_has_marks: false,
        }
    }

    /// The evidence once the text is walked: the last word weighed.
    fn finish(mut self) -> Evidence {
        self.evidence
            .word_at(self.text, self.word, self.word_has_marks, self.filter);
        self.evidence
    }

    /// Goes on with the block of the text starting at byte `at`, whose chars are `classes`.
    #[inline(always)]
    #[cfg(target_arch = "x86_64")]
    fn block(&mut self, at: usize, classes: &block::Block) {
        let evidence = &mut self.evidence;
        evidence.arabic_letters += classes.letters.count_ones() as usize;
        evidence.other_letters += classes.other_letters as usize;
        evidence.persian += classes.persian as usize;
        evidence.arabic += classes.arabic as usize;
        // Every letter of the block is two bytes: a word ends two bytes after its last
        // letter's first byte.
        let end_after = |letters: u64| at + (63 - letters.leading_zeros() as usize) + 2;
        // The letters not yet in a weighed word.
        let mut letters = classes.letters;
        if let Some((start, end)) = self.word {
            // The word under way goes on to the block's first break, and to its last letter
            // before it, if any.
            let stop = (classes.breaks != 0).then(|| classes.breaks.trailing_zeros());
            let before = stop.map_or(u64::MAX, below);
            let end = if letters & before == 0 {
                end
            } else {
                end_after(letters & before)
            };
            let Some(stop) = stop else {
                self.word = Some((start, end));
                self.word_has_marks |= classes.marks != 0;
                return;
            };
            let has_marks = self.word_has_marks || classes.marks & before != 0;
            evidence.word_at(self.text, Some((start, end)), has_marks, self.filter);
            self.word = None;
            self.word_has_marks = false;
            letters &= !through(stop);
        }
        // Each word from its first letter to the break after it.
        while letters != 0 {
            let first = letters.trailing_zeros();
            let from_first = !below(first);
            let breaks = classes.breaks & from_first;
            if breaks == 0 {
                self.word = Some((at + first as usize, end_after(letters)));
                self.word_has_marks = classes.marks & from_first != 0;
                return;
            }
            let stop = breaks.trailing_zeros();
            let inside = from_first & below(stop);
            evidence.word_at(
                self.text,
                Some((at + first as usize, end_after(letters & inside))),
                classes.marks & inside != 0,
                self.filter,
            );
            letters &= !through(stop);
        }
    }

    /// Walks the chars from byte `at` (a char's first byte) until one ends at or after
    /// `until`; returns where the walk stopped, a char boundary.
    fn chars(&mut self, mut at: usize, until: usize) -> usize {
        // A walk over the bytes rather than the chars: nearly every char of an article is
        // ASCII or in the Arabic block U+0600..U+06FF, whose UTF-8 is two bytes, so one table
        // lookup classifies it without decoding. Other chars take the general path, which the
        // table is built from, so both give the same evidence.
        let table: &[CharClass] = &TWO_BYTE_CHARS;
        let (text, filter) = (self.text, self.filter);
        let bytes = text.as_bytes();
        let evidence = &mut self.evidence;
        while at < until && at < bytes.len() {
            let (class, len) = next_class(bytes, text, at, table);
            match class.kind {
                Kind::Letter => {
                    evidence.letter(class);
                    let mut start = self.word.map_or(at, |(start, _)| start);
                    at += len;
                    // The rest of the word's letters of the Arabic block, most of an article,
                    // in a tighter loop: two bytes, one lookup, no dispatch on the kind. A
                    // single space and a word going on with such a letter stay in the loop
                    // too: the space adds no evidence, and the word before it is weighed here.
                    loop {
                        match (bytes.get(at), bytes.get(at + 1)) {
                            (Some(&lead @ 0xD8..=0xDB), Some(&next)) => {
                                let code =
                                    (usize::from(lead & 0x1F) << 6) | usize::from(next & 0x3F);
                                match table.get(code) {
                                    Some(&class) if class.kind == Kind::Letter => {
                                        evidence.letter(class);
                                    }
                                    _ => break,
                                }
                                at += 2;
                            }
                            (Some(b' '), Some(&lead @ 0xD8..=0xDB)) => {
                                let next = bytes.get(at + 2).copied().unwrap_or(0);
                                let code =
                                    (usize::from(lead & 0x1F) << 6) | usize::from(next & 0x3F);
                                match table.get(code) {
                                    Some(&class) if class.kind == Kind::Letter => {
                                        evidence.word_at(
                                            text,
                                            Some((start, at)),
                                            self.word_has_marks,
                                            filter,
                                        );
                                        self.word_has_marks = false;
                                        evidence.letter(class);
                                    }
                                    _ => break,
                                }
                                start = at + 1;
                                at += 3;
                            }
                            _ => break,
                        }
                    }
                    self.word = Some((start, at));
                    continue;
                }
                // Diacritics and tatweel sit inside a word without changing it.
                Kind::Mark => self.word_has_marks |= self.word.is_some(),
                Kind::Other => {
                    evidence.other(class);
                    // Any other char ends the word; ZWNJ too: "می‌کنند" gives "می", the
                    // prefix we look for.
                    evidence.word_at(text, self.word.take(), self.word_has_marks, filter);
                    self.word_has_marks = false;
                }
            }
            at += len;
        }
        at
    }
}

/// The bits up to and including bit `bit` (< 64).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn through(bit: u32) -> u64 {
    (2u64 << bit).wrapping_sub(1)
}

/// The bits below bit `bit` (< 64).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn below(bit: u32) -> u64 {
    (1u64 << bit) - 1
}

/// The class and UTF-8 length of the char at byte `at` of `text` (`bytes` is `text` as bytes,
/// `table` is [`TWO_BYTE_CHARS`]).
#[inline]
fn next_class(bytes: &[u8], text: &str, at: usize, table: &[CharClass]) -> (CharClass, usize) {
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(&lead), _) if lead < 0x80 => (ascii_class(lead), 1),
        (Some(&lead @ 0xC2..=0xDF), Some(&next)) => {
            let code = (usize::from(lead & 0x1F) << 6) | usize::from(next & 0x3F);
            (table.get(code).copied().unwrap_or(OTHER), 2)
        }
        // U+2000..U+203F (E2 80 xx): spaces, ZWNJ, dashes, quotes, bidi marks, none of them a
        // letter. ZWNJ is in nearly every Persian sentence; the general path would look each
        // one up in the Unicode letter tables.
        (Some(0xE2), Some(0x80)) => (OTHER, 3),
        _ => match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) => (classify(c), c.len_utf8()),
            // `at` is always a char boundary of the `str`; step on should it not be.
            None => (OTHER, 1),
        },
    }
}

/// What a char contributes to the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An Arabic-script letter: part of a word.
    Letter,
    /// A diacritic or tatweel: inside a word, but not part of it.
    Mark,
    /// Anything else: ends a word.
    Other,
}

/// A char's kind and weights, worked out once per char of the Arabic block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharClass {
    kind: Kind,
    /// A letter of another script (counts against Arabic script being the text's script).
    other_letter: bool,
    persian: u8,
    arabic: u8,
}

const OTHER: CharClass = CharClass {
    kind: Kind::Other,
    other_letter: false,
    persian: 0,
    arabic: 0,
};

fn ascii_class(b: u8) -> CharClass {
    CharClass {
        other_letter: b.is_ascii_alphabetic(),
        ..OTHER
    }
}

/// [`classify`] for every char below U+0800 (the chars of one or two UTF-8 bytes), indexed by
/// the code point.
static TWO_BYTE_CHARS: std::sync::LazyLock<Vec<CharClass>> = std::sync::LazyLock::new(|| {
    (0u32..0x800)
        .map(|code| char::from_u32(code).map_or(OTHER, classify))
        .collect()
});

/// The evidence one char gives: letters unique to one language, Persian or Arabic digits.
fn classify(c: char) -> CharClass {
    if is_arabic_letter(c) {
        let (persian, arabic) = match c {
            'پ' | 'چ' | 'ژ' | 'گ' => (PERSIAN_ONLY_LETTER_WEIGHT, 0),
            'ی' | 'ک' => (PERSIAN_YEH_KEHEH_WEIGHT, 0),
            'ة' => (0, TEH_MARBUTA_WEIGHT),
            'ى' | 'ي' | 'ك' => (0, ARABIC_YEH_KAF_WEIGHT),
            _ => (0, 0),
        };
        CharClass {
            kind: Kind::Letter,
            other_letter: false,
            persian,
            arabic,
        }
    } else if is_arabic_mark(c) || c == '\u{0640}' {
        CharClass {
            kind: Kind::Mark,
            ..OTHER
        }
    } else if c.is_ascii() {
        ascii_class(c as u8)
    } else {
        // Extended (Persian) digits ۰-۹ against Arabic-Indic ٠-٩: weak evidence, as sites of
        // both languages sometimes use the other's digits.
        let (persian, arabic) = match c {
            '\u{06F0}'..='\u{06F9}' => (DIGIT_WEIGHT, 0),
            '\u{0660}'..='\u{0669}' => (0, DIGIT_WEIGHT),
            _ => (0, 0),
        };
        CharClass {
            kind: Kind::Other,
            other_letter: c.is_alphabetic(),
            persian,
            arabic,
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Evidence {
    arabic_letters: usize,
    other_letters: usize,
    persian: usize,
    arabic: usize,
}

impl Evidence {
    fn letter(&mut self, class: CharClass) {
        self.arabic_letters += 1;
        self.persian += usize::from(class.persian);
        self.arabic += usize::from(class.arabic);
    }

    fn other(&mut self, class: CharClass) {
        self.other_letters += usize::from(class.other_letter);
        self.persian += usize::from(class.persian);
        self.arabic += usize::from(class.arabic);
    }

    /// Weighs the word at `range` of `text`; `has_marks` when diacritics or tatweel sit inside
    /// it and have to be left out.
    /// The filter is [`FUNCTION_WORD_FILTER`]. Inlined into the walk: it runs at every word
    /// end and rules nearly all words out in a few instructions.
    #[inline(always)]
    fn word_at(
        &mut self,
        text: &str,
        range: Option<(usize, usize)>,
        has_marks: bool,
        filter: &WordFilter,
    ) {
        let Some((start, end)) = range else {
            return;
        };
        if has_marks {
            self.word_with_marks(text.get(start..end).unwrap_or(""), filter);
            return;
        }
        // Most words are longer than any function word: ruled out before anything else.
        let Some(word) = text.as_bytes().get(start..end) else {
            return;
        };
        if (SHORTEST_FUNCTION_WORD_BYTES..=LONGEST_FUNCTION_WORD_BYTES).contains(&word.len())
            && filter.may_hold(word)
        {
            self.count_function_word(word_key_at(text.as_bytes(), start, end));
        }
    }

    /// Weighs a word the filter let through (or any word: the lookup is exact).
    #[inline]
    fn function_word(&mut self, word: &[u8]) {
        self.count_function_word(word_key(word));
    }

    /// [`Self::function_word`] of the word whose [`word_key`] is `key`.
    #[inline]
    fn count_function_word(&mut self, key: Option<u128>) {
        match key.and_then(|key| FUNCTION_WORDS.language_of(key)) {
            Some(Language::Ar) => self.arabic += WORD_WEIGHT,
            Some(Language::Fa) => self.persian += WORD_WEIGHT,
            _ => {}
        }
    }

    /// A word with diacritics or tatweel inside, weighed without them (it may shrink to a
    /// function word).
    #[inline(never)]
    fn word_with_marks(&mut self, slice: &str, filter: &WordFilter) {
        // The word's letters: what the walk classed a letter (U+0670, superscript alef, is
        // one, though it is also listed among the marks).
        let bare: String = slice.chars().filter(|&c| is_arabic_letter(c)).collect();
        self.word(&bare, filter);
    }

    #[inline(never)]
    fn word(&mut self, word: &str, filter: &WordFilter) {
        // Most words are longer than any function word: ruled out without a comparison.
        if word.len() < SHORTEST_FUNCTION_WORD_BYTES
            || word.len() > LONGEST_FUNCTION_WORD_BYTES
            || !filter.may_hold(word.as_bytes())
        {
            return;
        }
        self.function_word(word.as_bytes());
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

/// Bytes of the shortest word in [`ARABIC_FUNCTION_WORDS`] and [`PERSIAN_FUNCTION_WORDS`].
const SHORTEST_FUNCTION_WORD_BYTES: usize = 4;

/// A Bloom filter over every spelling of the function words of both lists (the Persian words
/// also with Arabic ي/ى and ك, as in [`FunctionWords`]), keyed by length and the first and last
/// two bytes. Nearly every short word of an article is ruled out by one multiplication and one
/// bit test; only the few that pass are looked up exactly. Keyed on the bytes as written, so that
/// no word is folded first: every spelling is in the filter instead.
struct WordFilter {
    bits: [u64; 16],
}

impl WordFilter {
    #[inline(always)]
    fn slot(word: &[u8]) -> Option<(usize, u64)> {
        let n = word.len();
        let (first, last) = (word.get(..2)?, word.get(n.checked_sub(2)?..)?);
        let ([a, b], [c, d]) = (
            <[u8; 2]>::try_from(first).ok()?,
            <[u8; 2]>::try_from(last).ok()?,
        );
        let key = u64::from_le_bytes([a, b, c, d, u8::try_from(n).ok()?, 0, 0, 0]);
        let hash = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54; // 10 bits
        let hash = usize::try_from(hash).ok()?;
        Some((hash / 64, 1u64 << (hash % 64)))
    }

    #[inline(always)]
    fn may_hold(&self, word: &[u8]) -> bool {
        Self::slot(word).is_some_and(|(i, bit)| self.bits.get(i).is_some_and(|&w| w & bit != 0))
    }
}

static FUNCTION_WORD_FILTER: std::sync::LazyLock<WordFilter> = std::sync::LazyLock::new(|| {
    let mut filter = WordFilter { bits: [0; 16] };
    let spellings = ARABIC_FUNCTION_WORDS.iter().map(|w| w.to_string()).chain(
        PERSIAN_FUNCTION_WORDS
            .iter()
            .flat_map(|w| arabic_spellings(w)),
    );
    for w in spellings {
        if let Some((i, bit)) = WordFilter::slot(w.as_bytes())
            && let Some(slot) = filter.bits.get_mut(i)
        {
            *slot |= bit;
        }
    }
    filter
});

/// Bytes of the longest word in [`ARABIC_FUNCTION_WORDS`] and [`PERSIAN_FUNCTION_WORDS`]
/// (their Arabic spellings have the same length: the letters swapped are all two bytes).
const LONGEST_FUNCTION_WORD_BYTES: usize = 10;

/// Every spelling of a word of [`ARABIC_FUNCTION_WORDS`] and [`PERSIAN_FUNCTION_WORDS`] (the
/// Persian words also with Arabic ي/ى and ك), by its [`word_key`], in a [`KeyTable`]: one
/// probe per word, where two binary searches and a folding cost about as much as the rest of
/// the walk's work on a function word, and function words are a good part of every text's
/// words.
struct FunctionWords {
    table: KeyTable<u128, Option<Language>>,
}

impl FunctionWords {
    fn new() -> Self {
        // Arabic first: a spelling on both lists (there is none) would count as Arabic, as
        // the checks in this order did.
        let arabic = ARABIC_FUNCTION_WORDS
            .iter()
            .map(|w| (w.to_string(), Language::Ar));
        let persian = PERSIAN_FUNCTION_WORDS
            .iter()
            .flat_map(|w| arabic_spellings(w))
            .map(|w| (w, Language::Fa));
        let entries = arabic
            .chain(persian)
            .filter_map(|(word, language)| Some((word_key(word.as_bytes())?, Some(language))));
        Self {
            table: KeyTable::new(entries, |earlier, later| earlier.or(later)),
        }
    }

    /// The language whose function word the word with this [`word_key`] is, if any.
    fn language_of(&self, key: u128) -> Option<Language> {
        // A non-empty word's key holds its length, so it is never 0, which no entry has.
        self.table.get(key).flatten()
    }

    /// [`Self::language_of`] the word `word`.
    #[cfg(test)]
    fn language_of_word(&self, word: &[u8]) -> Option<Language> {
        self.language_of(word_key(word)?)
    }
}

/// `word` with every ی written also as ي and ى, and every ک also as ك: each spelling
/// [`persian_key`] folds back to `word`.
fn arabic_spellings(word: &str) -> Vec<String> {
    let mut spellings = vec![String::new()];
    for c in word.chars() {
        let variants: &[char] = match c {
            'ی' => &['ی', 'ي', 'ى'],
            'ک' => &['ک', 'ك'],
            _ => &[c],
        };
        spellings = spellings
            .iter()
            .flat_map(|s| {
                variants.iter().map(move |&v| {
                    let mut s = s.clone();
                    s.push(v);
                    s
                })
            })
            .collect();
    }
    spellings
}

static FUNCTION_WORDS: std::sync::LazyLock<FunctionWords> =
    std::sync::LazyLock::new(FunctionWords::new);

/// Arabic words that Persian does not use, spelled as Arabic sites write them (including the
/// Egyptian habit of a final ى for ي). Matched exactly: Persian spelling (ی, ک) never matches.
#[cfg(test)]
fn is_arabic_function_word(word: &str) -> bool {
    word_key(word.as_bytes()).is_some_and(|key| ARABIC_KEYS.binary_search(&key).is_ok())
}

/// Persian words that Arabic does not use, after folding Arabic ي/ى to ی and ك to ک.
#[cfg(test)]
fn is_persian_function_word(word: &str) -> bool {
    persian_key(word.as_bytes()).is_some_and(|key| PERSIAN_KEYS.binary_search(&key).is_ok())
}

/// A short word packed into one integer: its bytes, zero-padded, and its length in the top
/// byte. Comparing two of these is one integer comparison instead of a string comparison per
/// listed word, and every short word of an article is looked up. `None` beyond 15 bytes.
fn word_key(word: &[u8]) -> Option<u128> {
    word_key_at(word, 0, word.len())
}

/// [`word_key`] of the word `text[start..end]`, read from `text` where it lies (see
/// [`pack16_at`]) rather than copied out.
#[inline]
fn word_key_at(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start).filter(|&n| n < 16)?;
    Some(pack16_at(text, start, end)? | (u128::from(u8::try_from(len).ok()?) << 120))
}

/// [`word_key`] after folding Arabic ي/ى to Persian ی and ك to ک. Each of these is two bytes in
/// UTF-8 (ي D9 8A, ى D9 89, ك D9 83, ی DB 8C, ک DA A9), so the folding is done on the bytes and
/// keeps the length; 0xD9 is never a continuation byte, so it only matches at a char's start.
#[cfg(test)]
fn persian_key(word: &[u8]) -> Option<u128> {
    let mut packed = [0u8; 16];
    packed.get_mut(..word.len())?.copy_from_slice(word);
    packed[15] = u8::try_from(word.len()).ok().filter(|&n| n < 16)?;
    for i in 0..word.len().min(14) {
        let pair = match (packed[i], packed[i + 1]) {
            (0xD9, 0x8A | 0x89) => [0xDB, 0x8C],
            (0xD9, 0x83) => [0xDA, 0xA9],
            _ => continue,
        };
        packed[i] = pair[0];
        packed[i + 1] = pair[1];
    }
    Some(u128::from_le_bytes(packed))
}

#[cfg(test)]
fn sorted_keys(words: &[&str]) -> Vec<u128> {
    let mut keys: Vec<u128> = words
        .iter()
        .filter_map(|w| word_key(w.as_bytes()))
        .collect();
    keys.sort_unstable();
    keys
}

#[cfg(test)]
static ARABIC_KEYS: std::sync::LazyLock<Vec<u128>> =
    std::sync::LazyLock::new(|| sorted_keys(&ARABIC_FUNCTION_WORDS));

#[cfg(test)]
static PERSIAN_KEYS: std::sync::LazyLock<Vec<u128>> =
    std::sync::LazyLock::new(|| sorted_keys(&PERSIAN_FUNCTION_WORDS));

const ARABIC_FUNCTION_WORDS: [&str; 21] = [
    "الذي",
    "التي",
    "الذى",
    "التى",
    "في",
    "فى",
    "على",
    "إلى",
    "الى",
    "أن",
    "إن",
    "هذا",
    "هذه",
    "الذين",
    "كان",
    "كانت",
    "عن",
    "مع",
    "قد",
    "لم",
    "أو",
];

const PERSIAN_FUNCTION_WORDS: [&str; 17] = [
    "است", "این", "که", "را", "می", "از", "با", "برای", "آن", "شد", "کرد", "نیز", "بود", "تا",
    "اند", "ها", "های",
];

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one-probe table says what the two list checks say, for words made of the
        /// lists' letters in both spellings.
        #[test]
        fn function_word_table_agrees_with_the_lists(
            letters in proptest::collection::vec(
                proptest::sample::select(vec!['ا', 'ل', 'ذ', 'ي', 'ی', 'ى', 'ك', 'ک', 'ه', 'ن', 'ت', 'ر', 'ب', 'م', 'ز', 'ف', 'ع', 'إ', 'أ', 'آ', 'د', 'س', 'ش', 'ق', 'و']),
                0..6,
            ),
        ) {
            let word: String = letters.into_iter().collect();
            let expected = if is_arabic_function_word(&word) {
                Some(Language::Ar)
            } else if is_persian_function_word(&word) {
                Some(Language::Fa)
            } else {
                None
            };
            proptest::prop_assert_eq!(FUNCTION_WORDS.language_of_word(word.as_bytes()), expected, "{}", word);
        }
    }

    #[test]
    fn every_listed_spelling_is_in_the_table() {
        for w in ARABIC_FUNCTION_WORDS {
            assert_eq!(
                FUNCTION_WORDS.language_of_word(w.as_bytes()),
                Some(Language::Ar),
                "{w}"
            );
        }
        for w in PERSIAN_FUNCTION_WORDS
            .iter()
            .flat_map(|w| arabic_spellings(w))
        {
            assert_eq!(
                FUNCTION_WORDS.language_of_word(w.as_bytes()),
                Some(Language::Fa),
                "{w}"
            );
        }
        for w in ["برایی", "الذ", "ا", "اینها"] {
            assert_eq!(FUNCTION_WORDS.language_of_word(w.as_bytes()), None, "{w}");
        }
    }

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
    fn every_function_word_passes_the_filters() {
        let all = || ARABIC_FUNCTION_WORDS.iter().chain(&PERSIAN_FUNCTION_WORDS);
        let longest = all().map(|w| w.len()).max();
        assert_eq!(longest, Some(LONGEST_FUNCTION_WORD_BYTES));
        let shortest = all().map(|w| w.len()).min();
        assert_eq!(shortest, Some(SHORTEST_FUNCTION_WORD_BYTES));
        for w in all() {
            assert!(FUNCTION_WORD_FILTER.may_hold(w.as_bytes()), "{w}");
        }
        // Sloppy Persian spellings pass too.
        for w in ["كه", "اين", "براي", "مي", "هاي"] {
            assert!(FUNCTION_WORD_FILTER.may_hold(w.as_bytes()), "{w}");
        }
        // And most other words do not.
        let others = [
            "کشور",
            "وزیر",
            "خارجه",
            "روسیه",
            "گفت",
            "سوريا",
            "الوزير",
            "بحث",
        ];
        let passed = others
            .iter()
            .filter(|w| FUNCTION_WORD_FILTER.may_hold(w.as_bytes()))
            .count();
        assert!(passed <= 2, "{passed} of {} passed", others.len());
    }

    #[test]
    fn the_table_agrees_with_the_general_path() {
        assert_eq!(TWO_BYTE_CHARS.len(), 0x800);
        for (code, class) in (0u32..).zip(TWO_BYTE_CHARS.iter()) {
            let c = char::from_u32(code).expect("no surrogates below U+0800");
            assert_eq!(*class, classify(c), "{c:?}");
        }
    }

    #[test]
    fn general_punctuation_is_other() {
        for c in ('\u{2000}'..='\u{203F}').filter(|c| c.len_utf8() == 3) {
            assert_eq!(classify(c), OTHER, "{c:?}");
        }
    }

    #[test]
    fn byte_walk_classifies_like_the_char_walk() {
        // Chars of one to four UTF-8 bytes, letters, marks, digits and others of each script.
        let text = "a1 پژگی کك ة يى ٣۳ é ß \u{200C}\u{064E}\u{0640} \u{FEF0}\u{FB8A} 𝐀 \u{0750} \u{2014}\u{2071}\u{207F}";
        let bytes = text.as_bytes();
        let table: &[CharClass] = &TWO_BYTE_CHARS;
        for (at, c) in text.char_indices() {
            assert_eq!(
                next_class(bytes, text, at, table),
                (classify(c), c.len_utf8()),
                "{c:?}"
            );
        }
    }

    /// The evidence char by char: each char classified, words collected without their marks.
    fn weigh_by_chars(text: &str) -> Evidence {
        let mut evidence = Evidence::default();
        let mut word: Option<String> = None;
        for c in text.chars() {
            let class = classify(c);
            match class.kind {
                Kind::Letter => {
                    evidence.letter(class);
                    word.get_or_insert_with(String::new).push(c);
                }
                Kind::Mark => {}
                Kind::Other => {
                    evidence.other(class);
                    if let Some(w) = word.take() {
                        evidence.word(&w, &FUNCTION_WORD_FILTER);
                    }
                }
            }
        }
        if let Some(w) = word {
            evidence.word(&w, &FUNCTION_WORD_FILTER);
        }
        evidence
    }

    proptest::proptest! {
        /// Words (function words of both languages among them) and the chars that end,
        /// continue or sit inside them.
        #[test]
        fn byte_walk_weighs_like_the_char_walk(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "است", "که", "را", "براي", "في", "على", "الذي", "مع", "كه", "پژگ", "ة",
                    "ى", "ي", "ک", "وزیر", "ب", " ", "  ", "\u{200C}", "\u{064E}", "\u{0640}",
                    "،", ".", "\n", "a", "Z9", "۳", "٣", "é", "𝐀", "\u{FEF0}", "\u{0750}",
                ]),
                0..40,
            )
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(weigh_by_walk(&text), weigh_by_chars(&text));
            proptest::prop_assert_eq!(weigh(&text), weigh_by_chars(&text));
        }
    }

    proptest::proptest! {
        /// Texts long enough to be walked in blocks, with chars at every place of a block:
        /// chars of the Arabic block of every class, U+0080..U+00BF, U+2000..U+203F, and chars
        /// no block covers (é, €, ﻰ, 𝐀), which send their block to the char walk.
        #[test]
        fn block_walk_weighs_like_the_char_walk(
            lead in "[a ]{0,63}",
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "است", "که", "را", "براي", "في", "على", "الذي", "مع", "كه", "می", "پژگ",
                    "ة", "ى", "ي", "ک", "وزیر", "گفت", "ب", "ه", " ", " ", " ", "  ", "\u{200C}",
                    "\u{064E}", "\u{0640}", "\u{0670}", "\u{06D6}", "\u{0612}", "،", "؟", "٪",
                    ".", "\n", "\r\n", "a", "Z9", "۳", "٣", "\u{00A0}", "«", "»", "ª", "µ", "é",
                    "€", "\u{2014}", "𝐀", "\u{FEF0}", "\u{0750}",
                ]),
                0..300,
            )
        ) {
            let text = format!("{lead}{}", parts.concat());
            proptest::prop_assert_eq!(weigh(&text), weigh_by_chars(&text));
            proptest::prop_assert_eq!(weigh_by_walk(&text), weigh_by_chars(&text));
        }
    }

    /// Every char of one and two bytes and of U+2000..U+203F, at every place of a block, between
    /// two function words it either splits or joins.
    #[test]
    fn every_char_at_every_block_place_weighs_like_the_char_walk() {
        let chars = ('\u{80}'..='\u{7FF}').chain('\u{2000}'..='\u{203F}');
        for c in chars {
            for place in 0..64 {
                let text = format!(
                    "{} از{c}از ب{}",
                    "ب ".repeat(place / 3),
                    "x".repeat(place % 3)
                );
                let padded = format!("{text} {}", "ی".repeat(40));
                assert_eq!(weigh(&padded), weigh_by_chars(&padded), "{c:?} at {place}");
            }
        }
    }

    #[test]
    fn sloppy_persian_spelling_still_counts() {
        for w in PERSIAN_FUNCTION_WORDS {
            assert!(is_persian_function_word(w), "{w}");
        }
        for w in ARABIC_FUNCTION_WORDS {
            assert!(is_arabic_function_word(w), "{w}");
        }
        assert!(is_persian_function_word("برای"));
        assert!(is_persian_function_word("براي"));
        assert!(!is_persian_function_word("برایی"));
        assert!(is_persian_function_word("اين"));
        assert!(is_persian_function_word("كه"));
        assert!(is_persian_function_word("مي"));
    }
}
