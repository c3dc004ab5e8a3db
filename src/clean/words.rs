//! What the fold walk asks of every word of a line, answered by one table probe: is it a
//! function word, and may a site-rule phrase start with it?

use crate::text::key_table::{KeyTable, pack8_at};

/// Folded Persian and Arabic function words that body prose is full of and labels are not.
/// None is longer than four Arabic letters (eight bytes).
pub(crate) const STOP_WORDS: [&str; 42] = [
    "است", "این", "که", "را", "با", "از", "در", "به", "و", "برای", "آن", "اان", "نیز", "بر", "تا",
    "خود", "شد", "شده", "کرد", "کرده", "هم", "اما", "یا", "وی", "فی", "من", "علی", "الی", "ان",
    "التی", "الذی", "عن", "مع", "هذا", "هذه", "کان", "قد", "لم", "ما", "بین", "بعد", "کما",
];

/// What a word is, as [`WordTable::classify_at`] tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct WordClass {
    /// One of [`STOP_WORDS`].
    pub stop: bool,
    /// Some phrase may start with this word ([`Opener`]): as a line's first word, it may
    /// open a match of any phrase.
    pub opens_line: bool,
    /// Some phrase that may match anywhere in a line ([`super::Anchor::Anywhere`]) may start
    /// with this word.
    pub opens_inside: bool,
    /// The longest line (code points) a match of such an anywhere-phrase can remove or cut
    /// ([`Opener::reach`]); 0 when there is none.
    pub reach: usize,
}

/// A site-rule phrase as the word table knows it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Opener<'p> {
    /// The folded phrase (words separated by single spaces).
    pub phrase: &'p str,
    /// The phrase may match at any word start, not only at the line's start.
    pub anywhere: bool,
    /// The longest line whose match the rule acts on (its `max_chars` for a whole-line rule,
    /// `usize::MAX` for a phrase rule, which cuts the phrase out of a line of any length).
    pub reach: usize,
}

/// Flag: a stop word of at most eight bytes, equal to the key.
const STOP: u8 = 1;
/// Flag: some phrase's first word, of at most eight bytes, equal to the key.
const OPENS_SHORT: u8 = 2;
/// Flag: some phrase's first word, longer than eight bytes, whose first eight bytes are the key.
const OPENS_LONG: u8 = 4;
/// Flag: as [`OPENS_SHORT`], for an anywhere-phrase.
const INSIDE_SHORT: u8 = 8;
/// Flag: as [`OPENS_LONG`], for an anywhere-phrase.
const INSIDE_LONG: u8 = 16;

/// The stop words and the site-rule phrases' first words, keyed on a word's first eight bytes
/// ([`KeyTable`]), each with its flags and, for anywhere-phrases, the largest
/// [`Opener::reach`] keyed there.
///
/// Both questions are asked of every word of every line: one probe answers both, where a
/// `match` on the strings jumped on the word's length (mispredicted at nearly every word) and
/// the phrase filter probed every word start a second time after the walk.
#[derive(Debug, Clone)]
pub(crate) struct WordTable {
    table: KeyTable<u64, (u8, usize)>,
}

/// A word's first eight bytes (at most) as one integer, zero-padded: folded text has no NUL, so
/// the padding cannot be confused with a byte of the word.
fn key_of(word: &[u8]) -> u64 {
    pack8_at(word, 0, word.len().min(8)).unwrap_or(0)
}

impl WordTable {
    /// The stop words and the first words of `phrases`.
    pub(crate) fn new<'p>(phrases: impl IntoIterator<Item = Opener<'p>>) -> Self {
        let mut entries: Vec<(u64, u8, usize)> = STOP_WORDS
            .iter()
            .map(|w| (key_of(w.as_bytes()), STOP, 0))
            .collect();
        for opener in phrases {
            let first = opener.phrase.split(' ').next().unwrap_or("").as_bytes();
            if first.is_empty() {
                continue;
            }
            let long = first.len() > 8;
            let mut flag = if long { OPENS_LONG } else { OPENS_SHORT };
            let mut reach = 0;
            if opener.anywhere {
                flag |= if long { INSIDE_LONG } else { INSIDE_SHORT };
                reach = opener.reach;
            }
            entries.push((key_of(first), flag, reach));
        }
        let entries = entries.into_iter().map(|(k, f, r)| (k, (f, r)));
        let table = KeyTable::new(entries, |(f, r), (g, q)| (f | g, r.max(q)));
        Self { table }
    }

    /// The table of the stop words alone (no phrase opens with any word).
    #[cfg(test)]
    pub(crate) fn stop_words_only() -> Self {
        Self::new([])
    }

    /// What the (folded) `word` is.
    #[cfg(test)]
    pub(crate) fn classify(&self, word: &[u8]) -> WordClass {
        self.classify_at(word, 0, word.len())
    }

    /// What the word `text[start..end]` is: its key ([`key_of`]) read where it lies
    /// ([`pack8_at`]).
    #[inline]
    pub(crate) fn classify_at(&self, text: &[u8], start: usize, end: usize) -> WordClass {
        let len = end.saturating_sub(start);
        let key = pack8_at(text, start, start + len.min(8)).unwrap_or(0);
        let word_len = len;
        let Some((flags, reach)) = self.table.get(key) else {
            return WordClass::default();
        };
        let (stop, opens, inside) = if word_len <= 8 {
            (STOP, OPENS_SHORT, INSIDE_SHORT)
        } else {
            (0, OPENS_LONG, INSIDE_LONG)
        };
        let opens_inside = flags & inside != 0;
        WordClass {
            stop: flags & stop != 0,
            opens_line: flags & opens != 0,
            opens_inside,
            reach: if opens_inside { reach } else { 0 },
        }
    }
}

/// Where in a line a site-rule phrase may match, from its words' [`WordClass`]es: a phrase
/// matches whole words, so its first word is one of the line's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct LineOpenings {
    /// The line's first word may open a phrase.
    pub at_start: bool,
    /// Byte offset in the line's fold of the first later word that may open an anywhere-phrase.
    pub first_inside: Option<usize>,
    /// The largest [`WordClass::reach`] of those later words: a longer line holds no match
    /// the rules act on after its first word.
    pub reach: usize,
}

impl LineOpenings {
    /// Takes in the word at byte `start` of the line's fold.
    #[inline]
    pub(crate) fn note(&mut self, class: WordClass, start: usize) {
        if start == 0 {
            self.at_start = class.opens_line;
        } else if class.opens_inside {
            self.first_inside.get_or_insert(start);
            self.reach = self.reach.max(class.reach);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_the_list_and_nothing_else() {
        let table = WordTable::stop_words_only();
        for w in STOP_WORDS {
            assert!(table.classify(w.as_bytes()).stop, "{w}");
            // Longer and shorter neighbours are not stop words (unless listed themselves).
            for other in [
                format!("{w}ی"),
                format!("و{w}"),
                w.chars().skip(1).collect(),
            ] {
                if other.is_empty() {
                    continue;
                }
                assert_eq!(
                    table.classify(other.as_bytes()).stop,
                    STOP_WORDS.contains(&other.as_str()),
                    "{other}"
                );
            }
        }
        for w in ["a", "abcdefgh", "abcdefghi", "استان", "برایش"] {
            assert!(!table.classify(w.as_bytes()).stop, "{w}");
        }
        assert!(!table.classify(b"").stop);
    }

    fn opener(phrase: &str, anywhere: bool, reach: usize) -> Opener<'_> {
        Opener {
            phrase,
            anywhere,
            reach,
        }
    }

    #[test]
    fn first_words_of_phrases_may_open() {
        let table = WordTable::new([
            opener("کد خبر", false, 80),
            opener("ما", true, 30),
            opener("پربازدیدترین", true, 40),
            opener("نشانی ایمیل شما", true, 200),
            opener("نشانی", false, 20),
        ]);
        let class = |w: &str| table.classify(w.as_bytes());
        assert!(class("کد").opens_line && !class("کد").opens_inside);
        assert_eq!(class("کد").reach, 0);
        assert!(class("ما").opens_line && class("ما").opens_inside && class("ما").stop);
        assert_eq!(class("ما").reach, 30);
        assert!(class("پربازدیدترین").opens_inside);
        assert_eq!(class("نشانی").reach, 200);
        for w in ["خبر", "کدام", "ک", "ایمیل", "نشان", "پرواز"] {
            assert_eq!(class(w), WordClass::default(), "{w}");
        }
        // A long first word is known by its first eight bytes: a false "maybe" for a word
        // that shares them is allowed, a short word with those eight bytes is not one.
        assert!(class("پربازدیدها").opens_inside);
        assert!(!class("پربا").opens_line);
    }

    proptest::proptest! {
        /// Whatever the phrases, each one's first word may open, and a word of at most eight
        /// bytes may open only when it is some phrase's first word.
        #[test]
        fn classify_agrees_with_the_word_lists(
            phrases in proptest::collection::vec(("[a-e]{1,12}( [a-e]{1,4})?", proptest::bool::ANY, 1usize..500), 0..40),
            words in proptest::collection::vec("[a-e]{1,12}", 0..40),
        ) {
            let table = WordTable::new(phrases.iter().map(|(p, a, r)| opener(p, *a, *r)));
            let first = |p: &str| p.split(' ').next().unwrap_or("").to_owned();
            let same = |f: &str, w: &str| {
                f == w || (f.len() > 8 && w.len() > 8 && f.get(..8) == w.get(..8))
            };
            for w in phrases.iter().map(|(p, _, _)| first(p)).chain(words.iter().cloned()) {
                let class = table.classify(w.as_bytes());
                let opening: Vec<_> = phrases.iter().filter(|(p, _, _)| same(&first(p), &w)).collect();
                proptest::prop_assert_eq!(class.opens_line, !opening.is_empty(), "{}", w);
                proptest::prop_assert_eq!(class.opens_inside, opening.iter().any(|(_, a, _)| *a), "{}", w);
                let reach = opening.iter().filter(|(_, a, _)| *a).map(|(_, _, r)| *r).max().unwrap_or(0);
                // A short and a long first word can share a key (the same first eight
                // bytes) and so a slot's reach: the reach may be larger than the word's own,
                // never smaller.
                proptest::prop_assert!(class.reach >= reach, "{}", w);
                proptest::prop_assert!(class.opens_inside || class.reach == 0, "{}", w);
                proptest::prop_assert!(!class.stop);
            }
        }

        /// A word classed where it stands in a text (its key read by a load that may take in
        /// bytes before it) is classed as the word alone.
        #[test]
        fn classify_at_reads_only_the_word(
            words in proptest::collection::vec("[a-eاب]{1,10}", 1..12),
        ) {
            let table = WordTable::new(
                ["ab", "abcdabcd", "abcdabcdeee", "اب", "ca"].map(|phrase| opener(phrase, true, 50)),
            );
            let text = words.join(" ");
            let mut start = 0;
            for w in &words {
                let end = start + w.len();
                proptest::prop_assert_eq!(
                    table.classify_at(text.as_bytes(), start, end),
                    table.classify(w.as_bytes()),
                    "{}", w
                );
                start = end + 1;
            }
        }
    }
}
