//! Repetition: sentences and blocks of sentences the page repeats.
//!
//! Every sentence gets a 64-bit hash of its folded letters (spacing, punctuation, letter
//! variants and a leading attribution such as "به گزارش ایرنا،" ignored). A later sentence
//! whose hash was seen starts a repeated *block*, extended while the following sentences match
//! too; of the two blocks the one carrying more text survives (the copy with the attribution
//! prefix, since it is evidence for the agency), the first on a tie. One pass with a hash map:
//! linear in the number of sentences.

use std::collections::HashMap;

use super::normalize::{char_at, fold_chars_of, fold_table, fold_with, is_blank_fast};

/// One sentence of a kept line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Raw code point where it starts.
    pub start: usize,
    /// Raw code point where the next sentence starts (or the line ends).
    pub end: usize,
    /// Hash of the folded letters after any attribution prefix.
    pub key: u64,
    /// Folded letters hashed.
    pub key_len: usize,
    /// Code points of the whole sentence: how much it carries.
    pub weight: usize,
    /// True for the headline, which never loses.
    pub headline: bool,
}

const OPENERS: [&str; 9] = [
    "به گزارش",
    "به نقل از",
    "بنا بر گزارش",
    "بنا به گزارش",
    "بنا بر اعلام",
    "نقلا عن",
    "وفقا ل",
    "بحسب",
    "حسب",
];

/// Whether the fold of the sentence's first 24 chars (separators collapsed, none leading)
/// starts with an opener. The fold is compared as it is made, and given up at the first char
/// no opener goes on with: this runs for every sentence opening with ب, و, ن or ح, a good part
/// of all, and nearly all of them part from every opener within a few chars (به دنبال, وقال).
fn head_opens_attribution(sentence: &str) -> bool {
    let openers: &[Vec<char>] = &OPENER_CHARS;
    // Openers still in the running, one bit each.
    let mut alive: u16 = (1 << OPENERS.len()) - 1;
    // The first 24 chars taken as they are folded, not found first: the comparison nearly
    // always ends within a few.
    let head = fold_chars_of(sentence.chars().take(24));
    for (compared, out) in head.enumerate() {
        for (i, opener) in openers.iter().enumerate() {
            if opener.get(compared) != Some(&out) {
                alive &= !(1 << i);
            }
        }
        if openers
            .iter()
            .enumerate()
            .any(|(i, o)| alive & (1 << i) != 0 && o.len() == compared + 1)
        {
            return true;
        }
        if alive == 0 {
            return false;
        }
    }
    false
}

/// [`OPENERS`] as chars, to compare with folded chars one at a time.
static OPENER_CHARS: std::sync::LazyLock<Vec<Vec<char>>> =
    std::sync::LazyLock::new(|| OPENERS.iter().map(|o| o.chars().collect()).collect());

fn attribution_end(sentence: &str) -> Option<usize> {
    if !opens_attribution(sentence) {
        return None;
    }
    comma_closing_opener(sentence)
}

/// The byte after the first comma within the first 121 chars of a sentence that opens with an
/// attribution: where the prefix ends.
fn comma_closing_opener(sentence: &str) -> Option<usize> {
    let mut byte = None;
    for (n, (b, c)) in sentence.char_indices().enumerate() {
        if n > 120 {
            break;
        }
        if matches!(c, '،' | ',' | '؛') {
            byte = Some(b + c.len_utf8());
            break;
        }
    }
    byte
}

/// Whether the sentence opens with one of the [`OPENERS`] (folded).
fn opens_attribution(sentence: &str) -> bool {
    // Every opener starts with one of these letters; most sentences are ruled out here without
    // folding anything.
    if !sentence
        .chars()
        .next()
        .is_some_and(|c| matches!(c, 'ب' | 'ن' | 'و' | 'ح'))
    {
        return false;
    }
    // The first two folded letters must open some opener too. This rules out nearly all of the
    // Arabic sentences that start with the conjunction و.
    let table = fold_table();
    let mut first_two = sentence.chars().filter_map(|c| fold_with(table, c)).take(2);
    let (Some(a), Some(b)) = (first_two.next(), first_two.next()) else {
        return false;
    };
    OPENERS.iter().any(|o| {
        let mut o = o.chars();
        o.next() == Some(a) && o.next() == Some(b)
    }) && head_opens_attribution(sentence)
}

fn hash_folded(text: &str) -> (u64, usize) {
    let mut key = SentenceKey::default();
    let table = fold_table();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some((c, len)) = char_at(bytes, text, at) {
        at += len;
        key.add(fold_with(table, c));
    }
    (key.hash, key.letters)
}

/// The running hash of a sentence's folded letters.
#[derive(Debug, Clone, Copy, Default)]
struct SentenceKey {
    hash: u64,
    letters: usize,
}

impl SentenceKey {
    /// Adds one char's fold; separators and vanishing chars add nothing.
    #[inline]
    fn add(&mut self, folded: Option<char>) {
        // One multiply per char (the FxHash step): fast, and 64 bits spread well enough over
        // the few thousand sentences of an article.
        if let Some(c) = folded.filter(|&c| c != ' ') {
            self.letters += 1;
            self.hash_letter(c);
        }
    }

    /// The hash step of [`Self::add`] alone.
    #[inline(always)]
    fn hash_letter(&mut self, c: char) {
        self.hash = (self.hash.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// The hash and letter count of a sentence: of its folded letters after any attribution prefix.
#[cfg(test)]
pub(crate) fn sentence_key(sentence: &str) -> (u64, usize) {
    key_after_attribution(sentence, attribution_end(sentence))
}

/// [`sentence_key`] when the end of the sentence's attribution prefix (`first`) is known.
fn key_after_attribution(sentence: &str, first: Option<usize>) -> (u64, usize) {
    let core = first
        .and_then(|e| sentence.get(e..))
        .map_or(sentence, |rest| {
            // A second attribution ("به نقل از ...") right after the first.
            attribution_end(rest)
                .and_then(|e| rest.get(e..))
                .unwrap_or(rest)
        });
    hash_folded(core)
}

fn is_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

/// Splits one line into sentences while its chars are fed one by one, hashing each sentence's
/// folded letters on the way. Line folding ([`super::heuristics::measure_line`]) already
/// decodes and folds every char; feeding them here spares a second walk over every line.
///
/// A sentence ends after `.` `!` `?` `؟` `…` (closing quotes may follow) and blanks; the blanks
/// belong to it. The headline is never split.
pub(crate) struct SentenceSplitter<'t> {
    text: &'t str,
    /// Raw code point where the line starts.
    start: usize,
    headline: bool,
    /// Char and byte where the current sentence starts, and its last non-blank char + 1.
    s_char: usize,
    s_byte: usize,
    s_weight_end: usize,
    after_end: bool,
    in_gap: bool,
    /// Some sentence so far opened with an attribution (see [`Self::finish`]).
    attributed: bool,
    /// Chars fed so far.
    n: usize,
    key: SentenceKey,
}

impl<'t> SentenceSplitter<'t> {
    /// A splitter for `text`, a line starting at raw code point `start`.
    pub(crate) fn new(text: &'t str, start: usize, headline: bool) -> Self {
        Self {
            text,
            start,
            headline,
            s_char: 0,
            s_byte: 0,
            s_weight_end: 0,
            after_end: false,
            in_gap: false,
            attributed: false,
            n: 0,
            key: SentenceKey::default(),
        }
    }

    /// Feeds the char `c` at byte `byte` of the text, with its fold.
    #[inline(always)]
    pub(crate) fn feed(
        &mut self,
        c: char,
        byte: usize,
        folded: Option<char>,
        out: &mut Vec<Sentence>,
    ) {
        let blank = is_blank_fast(c);
        if self.in_gap {
            if blank {
                // Blanks fold to a separator or to nothing: no letter for the key.
                self.n += 1;
                return;
            }
            self.push(byte, out);
            self.s_char = self.n;
            self.s_byte = byte;
            self.key = SentenceKey::default();
            self.in_gap = false;
        }
        self.key.add(folded);
        if self.after_end && blank && !self.headline {
            self.in_gap = true;
            self.after_end = false;
        } else if is_end(c) {
            self.after_end = true;
        } else if !matches!(c, '»' | '"' | '”' | ')' | '\'') {
            self.after_end = false;
        }
        self.n += 1;
        if !blank {
            self.s_weight_end = self.n;
        }
    }

    /// The running key of the current sentence, for a run of chars inside a word (after a
    /// non-blank char; neither blank nor a sentence end nor a closing mark), fed through a local
    /// copy kept in registers and handed back with [`Self::end_word_run`]. For those chars that
    /// is all [`Self::feed`] would do, without its tests.
    #[inline]
    pub(crate) fn word_run_key(&self) -> WordRunKey {
        WordRunKey(self.key)
    }

    /// Takes back the key of a run of `chars` chars fed to a [`WordRunKey`], `letters` of them
    /// hashed ([`WordRunKey::hash_letter`]; the others fold to a separator or vanish): the same
    /// state as feeding each of them to [`Self::feed`].
    #[inline]
    pub(crate) fn end_word_run(&mut self, key: WordRunKey, chars: usize, letters: usize) {
        if chars == 0 {
            return;
        }
        self.key = key.0;
        self.key.letters += letters;
        self.after_end = false;
        self.n += chars;
        self.s_weight_end = self.n;
    }

    /// Ends the line: its last sentence goes to `out`. Returns whether some sentence of the
    /// line opened with an attribution, whose prefix is looked for within a number of chars.
    pub(crate) fn finish(mut self, out: &mut Vec<Sentence>) -> bool {
        if self.n > self.s_char {
            self.push(self.text.len(), out);
        }
        self.attributed
    }

    fn push(&mut self, end_byte: usize, out: &mut Vec<Sentence>) {
        let Some(sentence) = self.text.get(self.s_byte..end_byte) else {
            return;
        };
        // Only a sentence that opens with an attribution needs its key worked out again,
        // without the prefix.
        let opens = opens_attribution(sentence);
        self.attributed |= opens;
        let end = if opens {
            comma_closing_opener(sentence)
        } else {
            None
        };
        let (key, key_len) = match end {
            Some(end) => key_after_attribution(sentence, Some(end)),
            None => (self.key.hash, self.key.letters),
        };
        out.push(Sentence {
            start: self.start + self.s_char,
            end: self.start + self.n,
            key,
            key_len,
            weight: self.s_weight_end.saturating_sub(self.s_char),
            headline: self.headline,
        });
    }
}

/// A sentence key being extended by the chars of a word run (see
/// [`SentenceSplitter::word_run_key`]).
#[derive(Clone, Copy)]
pub(crate) struct WordRunKey(SentenceKey);

impl WordRunKey {
    /// Hashes the fold `c` of a letter or digit (never a separator), as [`SentenceSplitter::feed`]
    /// does; the letters are counted once, at the run's end ([`SentenceSplitter::end_word_run`]),
    /// rather than one by one in the key.
    #[inline(always)]
    pub(crate) fn hash_letter(&mut self, c: char) {
        self.0.hash_letter(c);
    }
}

/// Splits a kept line (its raw text starting at raw code point `start`) into sentences. The
/// headline is never split.
pub(crate) fn split_sentences(text: &str, start: usize, headline: bool, out: &mut Vec<Sentence>) {
    let table = fold_table();
    let mut splitter = SentenceSplitter::new(text, start, headline);
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some((c, len)) = char_at(bytes, text, at) {
        splitter.feed(c, at, fold_with(table, c), out);
        at += len;
    }
    splitter.finish(out);
}

/// The hasher of the map from sentence keys: the keys are already well-mixed 64-bit hashes, so
/// they are used as they are instead of going through SipHash again (std has no pass-through
/// hasher, and a crate for these few lines would be more to trust than to read).
#[derive(Default, Clone, Copy)]
struct KeyHasher;

impl std::hash::BuildHasher for KeyHasher {
    type Hasher = PassThrough;

    fn build_hasher(&self) -> PassThrough {
        PassThrough(0)
    }
}

/// Hashes a `u64` key to itself.
struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed here; any other input is still hashed, just slowly.
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// Blocks shorter than this many folded letters are not called repetition ("وی گفت.").
const MIN_REPEAT_LETTERS: usize = 16;

/// Indices of the sentences to remove, each with whether it repeats the headline.
#[cfg(test)]
pub(crate) fn repeated(sentences: &[Sentence]) -> Vec<(usize, bool)> {
    repeats(sentences).gone
}

/// What [`repeats`] finds.
pub(crate) struct Repeats {
    /// Indices of the sentences to remove, in order, each with whether it repeats the headline.
    pub gone: Vec<(usize, bool)>,
    /// No two sentences left that have letters share a key, so the sentences left, in any
    /// order, hold no repeat: every repeat was removed rather than let through as too short.
    pub rest_distinct: bool,
}

/// The repeated sentences (see [`Repeats`]).
pub(crate) fn repeats(sentences: &[Sentence]) -> Repeats {
    // Why `rest_distinct` holds when no short repeat is let through: the sentences kept so far
    // have distinct keys, and each later sentence whose key was seen either loses or makes the
    // one kept copy lose (block by block), so the invariant stays.
    let mut rest_distinct = true;
    let n = sentences.len();
    let mut gone = vec![false; n];
    let mut repeats_headline = vec![false; n];
    let mut first: HashMap<u64, usize, KeyHasher> = HashMap::with_capacity_and_hasher(n, KeyHasher);
    let head_key = sentences.iter().find(|s| s.headline).map(|s| s.key);
    let key = |i: usize| sentences.get(i).map(|s| (s.key, s.key_len));
    let mut q = 0;
    while q < n {
        let Some((kq, lq)) = key(q) else { break };
        if lq == 0 {
            q += 1;
            continue;
        }
        let Some(&p) = first.get(&kq) else {
            first.insert(kq, q);
            q += 1;
            continue;
        };
        let mut l = 1;
        while q + l < n
            && p + l < q
            && !gone[p + l]
            && key(p + l).is_some_and(|(k, kl)| kl > 0 && Some(k) == key(q + l).map(|x| x.0))
        {
            l += 1;
        }
        let a = &sentences[p..p + l];
        let b = &sentences[q..q + l];
        let letters: usize = b.iter().map(|s| s.key_len).sum();
        let a_head = a.iter().any(|s| s.headline);
        if letters < MIN_REPEAT_LETTERS && !a_head {
            rest_distinct = false;
            q += 1;
            continue;
        }
        let wa: usize = a.iter().map(|s| s.weight).sum();
        let wb: usize = b.iter().map(|s| s.weight).sum();
        let (lose, win) = if a_head || wb <= wa { (q, p) } else { (p, q) };
        for i in 0..l {
            gone[lose + i] = true;
            repeats_headline[lose + i] = head_key == Some(sentences[lose + i].key);
            first.insert(sentences[win + i].key, win + i);
        }
        q += l;
    }
    let gone = (0..n)
        .filter(|&i| gone[i])
        .map(|i| (i, repeats_headline[i]))
        .collect();
    Repeats {
        gone,
        rest_distinct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::normalize::fold_str;

    fn sents(lines: &[&str]) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut at = 0;
        for l in lines {
            split_sentences(l, at, false, &mut out);
            at += l.chars().count() + 1;
        }
        out
    }

    #[test]
    fn richer_copy_with_attribution_wins() {
        let s = sents(&[
            "وزیر گفت که همکاری دو کشور ادامه دارد. نشست بعدی در پاییز است.",
            "موضوع دیگری هم مطرح شد که ربطی ندارد.",
            "به گزارش ایرنا، وزیر گفت که همکاری دو کشور ادامه دارد.",
            "نشست بعدی در پاییز است.",
        ]);
        assert_eq!(s.len(), 5);
        let gone: Vec<usize> = repeated(&s).into_iter().map(|(i, _)| i).collect();
        assert_eq!(gone, vec![0, 1]);
    }

    /// [`attribution_end`] as first written: the head folded into a string.
    fn attribution_end_by_strings(sentence: &str) -> Option<usize> {
        // The same first-letter test: what is compared is the fold of the head.
        if !sentence
            .chars()
            .next()
            .is_some_and(|c| matches!(c, 'ب' | 'ن' | 'و' | 'ح'))
        {
            return None;
        }
        let head: String = sentence.chars().take(24).collect();
        let folded = fold_str(&head);
        if !OPENERS.iter().any(|o| folded.starts_with(o)) {
            return None;
        }
        sentence
            .char_indices()
            .take(121)
            .find(|&(_, c)| matches!(c, '،' | ',' | '؛'))
            .map(|(b, c)| b + c.len_utf8())
    }

    proptest::proptest! {
        /// The attribution prefix is found as by folding the head into a string: sentences
        /// made of openers' pieces, letters that fold (ي ك), diacritics, ZWNJ and commas.
        #[test]
        fn attribution_end_is_the_folded_heads(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "به", "بنا", " ", "  ", "گزارش", "نقل", "از", "نقلا", "عن", "وفقا", "ل",
                    "بحسب", "حسب", "\u{200C}", "\u{064E}", "ي", "ك", "،", ",", "خبر", "اعلام",
                    "بر", "\u{0640}", "گزار", "نق", "حس", "بن", "وفق", "ا", "ر", "ش", "ه", "ب",
                ]),
                1..30,
            ),
        ) {
            let sentence = pieces.concat();
            proptest::prop_assert_eq!(
                attribution_end(&sentence),
                attribution_end_by_strings(&sentence)
            );
        }

        /// A line that splits into one sentence gives the headline's sentence, but for the
        /// flag: what lets the analysis take the headline's sentence from the line's instead of
        /// splitting the line again. Lines from pieces with sentence ends, closing marks, gaps,
        /// attribution openers and letters; many split into several sentences, the rest into one.
        #[test]
        fn one_sentence_is_the_headline(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "وزیر", "گفت", " ", "  ", ".", "؟", "!", "»", ")", "\u{200C}", "به گزارش ایرنا،",
                    "قال", "۱۲", "3.5", "\u{064E}", "ـ", "a", "\t",
                ]),
                1..14,
            ),
            start in 0usize..100,
        ) {
            let line = pieces.concat();
            let line = line.trim();
            proptest::prop_assume!(!line.is_empty());
            let (mut split, mut whole) = (Vec::new(), Vec::new());
            split_sentences(line, start, false, &mut split);
            split_sentences(line, start, true, &mut whole);
            proptest::prop_assert_eq!(whole.len(), 1);
            if let [one] = split.as_slice() {
                proptest::prop_assert_eq!(Sentence { headline: true, ..*one }, whole[0]);
            }
        }

        /// When the first pass says the sentences it leaves are distinct, a second pass over
        /// them finds nothing: blocks of keys from a small alphabet, some too short to count,
        /// some of the headline.
        #[test]
        fn distinct_rest_holds_no_repeat(
            keys in proptest::collection::vec((0u64..6, 0usize..30, 1usize..50), 0..30),
            headlines in 0usize..3,
        ) {
            let sentences: Vec<Sentence> = keys
                .iter()
                .enumerate()
                .map(|(i, &(key, key_len, weight))| Sentence {
                    start: i,
                    end: i + 1,
                    key,
                    key_len,
                    weight,
                    headline: i < headlines,
                })
                .collect();
            let found = repeats(&sentences);
            let left: Vec<Sentence> = sentences
                .iter()
                .enumerate()
                .filter(|(i, _)| !found.gone.iter().any(|&(g, _)| g == *i))
                .map(|(_, s)| *s)
                .collect();
            if found.rest_distinct {
                proptest::prop_assert!(repeated(&left).is_empty());
            }
        }
    }

    #[test]
    fn body_twice_keeps_the_first() {
        let s = sents(&[
            "نخستین بند متن خبر اینجاست.",
            "دومین بند متن خبر هم اینجاست.",
            "نخستین بند متن خبر اینجاست.",
            "دومین بند متن خبر هم اینجاست.",
        ]);
        let gone: Vec<usize> = repeated(&s).into_iter().map(|(i, _)| i).collect();
        assert_eq!(gone, vec![2, 3]);
    }
}
