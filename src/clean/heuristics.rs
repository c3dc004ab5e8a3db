//! Structural signals of a line: is it a body sentence, a date stamp, a run of headlines?
//!
//! These work on sites no rule names. All of them lean towards keeping: a line is only called
//! boilerplate when several signals agree.

use std::sync::LazyLock;

#[cfg(test)]
use super::dedup::sentence_key;
use super::dedup::{Sentence, SentenceSplitter, WordRunKey};
use super::normalize::{
    char_at, fold_str, fold_table, fold_with, is_dropped_control, is_plain, is_space,
    is_unified_letter,
};
use super::words::{LineOpenings, WordTable};
use crate::text::key_table::{KeyTable, pack16_at};

/// Measurements of one line, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LineFeatures {
    /// Tokens with at least one letter or digit.
    pub words: usize,
    /// Code points of the trimmed line.
    pub chars: usize,
    /// Sentence ends inside the line (`.` `!` `?` `؟` `…` before a space or the end).
    pub sentence_ends: usize,
    /// The line ends like a sentence.
    pub ends_sentence: bool,
    /// Function words of Persian or Arabic (است، که، را / في، من، على ...).
    pub stop_words: usize,
    /// Headline-list markers: `/` separators, `(+عکس)`, `؛`, Latin words.
    pub markers: usize,
    /// Rendering writes the line as it is: every char is plain (see [`is_plain`]) or a single
    /// ASCII space. Rendering then copies the line without looking at its chars.
    pub verbatim: bool,
    /// Rendering writes the line as it is but for what leaves its fold, its words and its
    /// sentences as they are: each run of blanks written as one ASCII space (a double space, a
    /// no-break space, a tab), a bidi control after a letter or digit dropped, and Arabic
    /// letters unified (ي ى ك for ی ک, one char for one). Of the features only
    /// [`Self::chars`] changes, to [`Self::rendered_chars`] (see `analyze::settles`).
    pub renders_alike: bool,
    /// [`Self::chars`] of the line rendering writes, when it [renders alike](Self::renders_alike).
    pub rendered_chars: usize,
    /// Where a site-rule phrase may match in the line's fold; nowhere else.
    pub openings: LineOpenings,
    /// The line holds a letter that unifying Persian letters changes (ي ى ك).
    pub unified_letters: bool,
}

impl LineFeatures {
    /// Sets [`Self::verbatim`] for text whose letters are unified (`unify`) or not, from the
    /// walk's verdict for letters not unified: a unified letter is the only char whose being
    /// plain depends on it.
    pub(crate) fn unify(&mut self, unify: bool) {
        self.verbatim &= !(unify && self.unified_letters);
    }

    /// A line that reads like article prose: several words, function words, sentence ends.
    pub(crate) fn is_body_like(&self) -> bool {
        let ratio_ok = self.stop_words * 8 >= self.words;
        (self.words >= 8 && self.ends_sentence && ratio_ok)
            || (self.words >= 20 && ratio_ok && self.sentence_ends * 40 >= self.words)
    }

    /// Many headlines run together: long, next to no sentence ends, not ending like prose.
    /// `in_footer` relaxes the test for lines after the article's end.
    pub(crate) fn is_headline_run(&self, in_footer: bool) -> bool {
        if self.ends_sentence {
            return false;
        }
        if in_footer {
            self.words >= 15 && self.sentence_ends * 40 < self.words
        } else {
            self.words >= 60 && self.sentence_ends == 0 && self.markers >= 3
        }
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | '"' | '”' | '\'' | ')' | '’' | '*')
}

/// Measures a trimmed line; `folded` is [`fold_str`] of it.
///
/// The plain statement of what [`fold_and_measure`] computes in one walk; kept for the tests
/// that hold the fused walk to it.
#[cfg(test)]
pub(crate) fn features(line: &str, folded: &str) -> LineFeatures {
    let mut f = LineFeatures::default();
    let mut prev: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        f.chars += 1;
        if is_sentence_end(c) {
            let next = chars.peek().copied();
            let between_digits = c == '.'
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            if !between_digits && next.is_none_or(|n| n.is_whitespace() || is_closing(n)) {
                f.sentence_ends += 1;
            }
        }
        if c == '/' || c == '؛' || c == '|' || (c == '+' && prev == Some('(')) {
            f.markers += 1;
        }
        prev = Some(c);
    }
    let last = line
        .chars()
        .rev()
        .find(|c| !c.is_whitespace() && !is_closing(*c));
    f.ends_sentence = last.is_some_and(is_sentence_end);
    // Tokens by hand rather than `split(' ')`: this runs on every line twice per article.
    let bytes = folded.as_bytes();
    let mut start = 0;
    for end in 0..=bytes.len() {
        if end < bytes.len() && bytes.get(end) != Some(&b' ') {
            continue;
        }
        if let Some(tok) = folded.get(start..end).filter(|t| !t.is_empty()) {
            f.words += 1;
            if super::words::STOP_WORDS.contains(&tok) {
                f.stop_words += 1;
            }
            if tok.bytes().all(|b| b.is_ascii_alphabetic()) {
                f.markers += 1;
            }
        }
        start = end + 1;
    }
    f
}

/// [`measure_line`] of a text in a known language (`unify`: its letters are unified).
#[cfg(test)]
pub(crate) fn fold_and_measure(
    line: &str,
    folded: &mut String,
    sentences: &mut Vec<Sentence>,
    unify: bool,
    words: &WordTable,
) -> LineFeatures {
    let mut f = measure_line(line, folded, sentences, words);
    f.unify(unify);
    f
}

/// [`fold_str`] of a trimmed line appended to `folded`, [`features`] of it, and its sentences
/// (as [`split_sentences`] gives them for a line at char 0) appended to `sentences`, in one walk
/// over the line's bytes instead of four (fold, measure the raw chars, tokenize the fold, split
/// and hash sentences). Every line of every article goes through here.
///
/// `verbatim` is as if letters were not unified: [`LineFeatures::unify`] says otherwise where
/// they are.
///
/// [`split_sentences`]: super::dedup::split_sentences
pub(crate) fn measure_line(
    line: &str,
    folded: &mut String,
    sentences: &mut Vec<Sentence>,
    words: &WordTable,
) -> LineFeatures {
    let mut f = LineFeatures::default();
    // Whether the line holds a letter that unification changes (ي ى ك).
    let mut unified = false;
    // Whether the line is verbatim (see [`LineFeatures::verbatim`]), and whether the last char
    // was a space.
    let (mut verbatim, mut after_space) = (true, false);
    // Whether the line renders alike (see [`LineFeatures::renders_alike`]), and the chars
    // rendering leaves out: all blanks of a run but one, and the controls it drops.
    let (mut alike, mut dropped) = (true, 0usize);
    let table = fold_table();
    let bytes = line.as_bytes();
    let base = folded.len();
    let mut prev: Option<char> = None;
    // A sentence end waiting for the char after it; `true` when it is a '.' after a digit.
    let mut pending_end: Option<bool> = None;
    let mut last_significant: Option<char> = None;
    let (mut pending_space, mut token_start) = (false, base);
    let ordinary: &[bool] = &ORDINARY;
    let run_kind: &[u8; 0x800] = &RUN_KIND;
    let mut splitter = SentenceSplitter::new(line, 0, false);
    let mut at = 0;
    while let Some((c, len)) = char_at(bytes, line, at) {
        let byte = at;
        at += len;
        f.chars += 1;
        // Letters and digits, most of a line, need none of the tests below: one lookup.
        let ordinary = pending_end.is_none() && ordinary.get(c as usize).copied().unwrap_or(false);
        if ordinary {
            last_significant = Some(c);
        } else {
            if let Some(dot_after_digit) = pending_end.take() {
                let between_digits = dot_after_digit && c.is_ascii_digit();
                if !between_digits && (c.is_whitespace() || is_closing(c)) {
                    f.sentence_ends += 1;
                }
            }
            if is_sentence_end(c) {
                pending_end = Some(c == '.' && prev.is_some_and(|p| p.is_ascii_digit()));
            }
            if is_marker_char(c) && (c != '+' || prev == Some('(')) {
                f.markers += 1;
            }
            if !c.is_whitespace() && !is_closing(c) {
                last_significant = Some(c);
            }
        }
        let before = prev;
        prev = Some(c);
        let fold = fold_with(table, c);
        if c == ' ' {
            verbatim &= !after_space;
            dropped += usize::from(after_space);
            after_space = true;
        } else if is_plain(c, false) {
            unified |= is_unified_letter(c);
            after_space = false;
        } else {
            verbatim = false;
            if is_space(c) {
                // Another blank, written as one space with those around it.
                dropped += usize::from(after_space);
                after_space = true;
            } else {
                // A control rendering drops is passed over by every measure when it vanishes
                // from the fold and follows a letter or digit: nothing there waits on the char
                // after it (a sentence end, an opening parenthesis, a blank).
                let inert = is_dropped_control(c)
                    && fold.is_none()
                    && before.is_some_and(char::is_alphanumeric);
                alike &= inert;
                dropped += usize::from(inert);
                after_space = false;
            }
        }
        splitter.feed(c, byte, fold, sentences);
        match fold {
            None => {}
            Some(' ') => pending_space = folded.len() > base,
            Some(folded_char) => {
                if pending_space {
                    count_token(folded, token_start, base, words, &mut f);
                    folded.push(' ');
                    token_start = folded.len();
                    pending_space = false;
                }
                folded.push(folded_char);
                // The rest of a word, most of a line: chars that need none of the tests above
                // are counted and hashed, and runs of those that fold to themselves are copied
                // to the fold in one go.
                if run_kind.get(c as usize).is_some_and(|&k| k != NOT_IN_RUN) {
                    let mut copy_from = at;
                    let mut last = c;
                    // The run's state in locals, written back once: in the splitter's fields
                    // every char would store and reload them.
                    let mut key = splitter.word_run_key();
                    // Chars of the run, and those of them not hashed (a separator, a vanishing
                    // char): the hashed letters are counted once, as the difference.
                    let (mut run_chars, mut unhashed) = (0usize, 0usize);
                    while let Some((d, len)) = char_at(bytes, line, at) {
                        match run_kind.get(d as usize).copied().unwrap_or(NOT_IN_RUN) {
                            OWN_FOLD => {
                                key.hash_letter(d);
                            }
                            OTHER_FOLD => {
                                folded.push_str(line.get(copy_from..at).unwrap_or(""));
                                copy_from = at + len;
                                unhashed += usize::from(!fold_other(table, d, folded, &mut key));
                                unified |= is_unified_letter(d);
                            }
                            VANISHES => {
                                unhashed += 1;
                                folded.push_str(line.get(copy_from..at).unwrap_or(""));
                                copy_from = at + len;
                                verbatim &= d != ARABIC_LETTER_MARK;
                                alike &= d != ARABIC_LETTER_MARK;
                            }
                            // One ASCII space or ZWNJ (both fold to a separator) and a word
                            // going on with a letter or digit: the word boundary, most of a
                            // line's, without the general path. What it would do: the token
                            // ends, the fold gets one space, the separator adds a char but no
                            // letter to the sentence (and the word's letter after it sets where
                            // the sentence's weight ends, as the run's end does anyway).
                            _ if d == ' ' || d == '\u{200C}' => {
                                let Some((e, e_len)) = char_at(bytes, line, at + len) else {
                                    break;
                                };
                                let e_kind = run_kind.get(e as usize).copied();
                                if !matches!(e_kind, Some(OWN_FOLD | OTHER_FOLD)) {
                                    break;
                                }
                                // Where the bytes still to be copied land in the fold.
                                let pending_at = folded.len();
                                if d == ' ' && token_start >= pending_at {
                                    // An ASCII space folds to itself: the copy goes on over it,
                                    // and the token, all of it still to be copied, is read in
                                    // the line (a copy per word was a call to memcpy per word).
                                    let raw_start = copy_from + (token_start - pending_at);
                                    count_token_at(
                                        bytes,
                                        raw_start,
                                        at,
                                        token_start,
                                        base,
                                        words,
                                        &mut f,
                                    );
                                } else {
                                    folded.push_str(line.get(copy_from..at).unwrap_or(""));
                                    count_token(folded, token_start, base, words, &mut f);
                                    folded.push(' ');
                                    copy_from = at + len;
                                }
                                // The next token starts after the separator, in the fold.
                                token_start = folded.len() + (at + len - copy_from);
                                // The separator is not hashed.
                                unhashed += 1;
                                if e_kind == Some(OWN_FOLD) {
                                    key.hash_letter(e);
                                } else {
                                    folded.push_str(line.get(copy_from..at + len).unwrap_or(""));
                                    copy_from = at + len + e_len;
                                    unhashed +=
                                        usize::from(!fold_other(table, e, folded, &mut key));
                                    unified |= is_unified_letter(e);
                                }
                                at += len + e_len;
                                run_chars += 2;
                                last = e;
                                continue;
                            }
                            _ => break,
                        }
                        at += len;
                        run_chars += 1;
                        last = d;
                    }
                    f.chars += run_chars;
                    after_space = false;
                    splitter.end_word_run(key, run_chars, run_chars - unhashed);
                    folded.push_str(line.get(copy_from..at).unwrap_or(""));
                    prev = Some(last);
                    last_significant = Some(last);
                }
            }
        }
    }
    if pending_end.is_some() {
        // A sentence end as the line's last char.
        f.sentence_ends += 1;
    }
    count_token(folded, token_start, base, words, &mut f);
    f.ends_sentence = last_significant.is_some_and(is_sentence_end);
    f.verbatim = verbatim;
    f.rendered_chars = f.chars.saturating_sub(dropped);
    f.unified_letters = unified;
    // An attribution's prefix is looked for within a number of chars, which dropped chars
    // change: such a line may split its key differently once rendered.
    let attributed = splitter.finish(sentences);
    f.renders_alike = alike && (dropped == 0 || !attributed);
    f
}

/// Writes the fold of `c`, a char of a word run that folds to another ([`OTHER_FOLD`]), to the
/// line's fold and hashes it into the sentence key. Returns whether it was hashed: always, for
/// a char of that kind (see [`RUN_KIND`]); otherwise as the general path would have it.
#[inline(always)]
fn fold_other(table: &[u32], c: char, folded: &mut String, key: &mut WordRunKey) -> bool {
    match fold_with(table, c) {
        Some(f) if f != ' ' => {
            folded.push(f);
            key.hash_letter(f);
            true
        }
        fold => {
            folded.extend(fold);
            false
        }
    }
}

/// The Arabic letter mark, a bidi control rendering drops: the only char of a word run (one
/// that vanishes from the fold) that is not plain.
const ARABIC_LETTER_MARK: char = '\u{061C}';

/// Chars that may count as a headline-list marker (`+` only after `(`).
fn is_marker_char(c: char) -> bool {
    matches!(c, '/' | '؛' | '|' | '+')
}

/// For every char below U+0800, whether [`measure_line`] can skip its tests: not a sentence
/// end, marker, space or closing mark (so it only counts, and is the last significant char).
static ORDINARY: LazyLock<Vec<bool>> = LazyLock::new(|| {
    (0u32..0x800)
        .map(|code| {
            char::from_u32(code).is_some_and(|c| {
                !is_sentence_end(c) && !is_marker_char(c) && !c.is_whitespace() && !is_closing(c)
            })
        })
        .collect()
});

/// [`RUN_KIND`]: a char that ends a run (or never starts one).
const NOT_IN_RUN: u8 = 0;
/// [`RUN_KIND`]: a letter or digit that folds to itself.
const OWN_FOLD: u8 = 1;
/// [`RUN_KIND`]: a letter or digit that folds to another letter or digit (ي → ی, ۳ → 3).
const OTHER_FOLD: u8 = 2;
/// [`RUN_KIND`]: a diacritic or tatweel, which the fold drops.
const VANISHES: u8 = 3;

/// For every char below U+0800, how it behaves inside a word: only [`ORDINARY`] chars (no
/// sentence end, marker, space or closing mark) whose fold is not a separator can continue a
/// run, and within a run they only change the counts, the sentence hash and the fold.
static RUN_KIND: LazyLock<[u8; 0x800]> = LazyLock::new(|| {
    std::array::from_fn(|code| {
        let Some(c) = u32::try_from(code).ok().and_then(char::from_u32) else {
            return NOT_IN_RUN;
        };
        if !ORDINARY.get(code).copied().unwrap_or(false) {
            return NOT_IN_RUN;
        }
        match super::normalize::fold_char(c) {
            Some(f) if f == c => OWN_FOLD,
            Some(' ') => NOT_IN_RUN,
            Some(_) => OTHER_FOLD,
            None => VANISHES,
        }
    })
});

/// Counts the token at the end of `folded`, from byte `token_start` on, into the features
/// (nothing for an empty one); the line's fold starts at byte `base`.
#[inline(always)]
fn count_token(
    folded: &str,
    token_start: usize,
    base: usize,
    words: &WordTable,
    f: &mut LineFeatures,
) {
    count_token_at(
        folded.as_bytes(),
        token_start,
        folded.len(),
        token_start,
        base,
        words,
        f,
    );
}

/// [`count_token`] of the token `bytes[start..end]`, which is (or will be, once copied) at byte
/// `fold_at` of the fold.
#[inline(always)]
fn count_token_at(
    bytes: &[u8],
    start: usize,
    end: usize,
    fold_at: usize,
    base: usize,
    words: &WordTable,
    f: &mut LineFeatures,
) {
    let tok = bytes.get(start..end).unwrap_or_default();
    if tok.is_empty() {
        return;
    }
    f.words += 1;
    let class = words.classify_at(bytes, start, end);
    if class.stop {
        f.stop_words += 1;
    }
    f.openings.note(class, fold_at - base);
    if tok.iter().all(u8::is_ascii_alphabetic) {
        f.markers += 1;
    }
}

/// The folded month and weekday names of [`is_date_stamp`], each by its bytes packed into a
/// `u128` (none is longer than 16 bytes) with its length as the value: a probe per token of the
/// header lines tested in every round, where hashing the token as a string cost more than the
/// rest of the test.
static DATE_WORDS: LazyLock<KeyTable<u128, u8>> = LazyLock::new(|| {
    let words = [
        // Jalali months, Persian names of Gregorian months, weekdays.
        "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند",
        "ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر",
        "شنبه یکشنبه دوشنبه سهشنبه سه چهارشنبه پنجشنبه جمعه ساعت",
        // Arabic Gregorian, Levantine and Hijri months, weekdays.
        "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
        "كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول",
        "محرم صفر ربيع الآخر جمادى رجب شعبان رمضان شوال ذو القعدة الحجة",
        "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة الساعة",
        "ص م ق ه هـ ش",
    ];
    let entries = words
        .iter()
        .flat_map(|s| s.split(' '))
        .map(fold_str)
        .filter_map(|w| Some((date_word_key(&w)?, u8::try_from(w.len()).ok()?)));
    KeyTable::new(entries, |earlier, _| earlier)
});

/// The key of a token in [`DATE_WORDS`]: its bytes, zero-padded; `None` beyond 16 bytes.
fn date_word_key(token: &str) -> Option<u128> {
    pack16_at(token.as_bytes(), 0, token.len())
}

/// Whether a folded token is a month or weekday name (its length tells it from a shorter word
/// padded with NULs, which would pack alike).
fn is_date_word(token: &str) -> bool {
    date_word_key(token)
        .and_then(|key| DATE_WORDS.get(key))
        .is_some_and(|len| usize::from(len) == token.len())
}

/// True when the folded text is only a date or time stamp: digit groups, month and weekday
/// names, no other words. `۱۹ آذر ۱۴۰۴`, `۱۵:۴۹ - ۱۸-۰۲-۱۳۹۹`, `الخميس 4 فبراير 2021`.
pub(crate) fn is_date_stamp(folded: &str) -> bool {
    let mut digits = 0;
    let mut words = 0;
    for tok in folded.split(' ').filter(|t| !t.is_empty()) {
        words += 1;
        if words > 12 {
            return false;
        }
        if tok.chars().all(|c| c.is_ascii_digit()) {
            digits += 1;
        } else if !is_date_word(tok) {
            return false;
        }
    }
    digits >= 1
}

/// True when the folded text is only a number (a news id after its label).
pub(crate) fn is_number(folded: &str) -> bool {
    let t = folded.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of the fused walk are those the plain splitter gives.
    fn assert_same_sentences(line: &str, fused: &[Sentence]) {
        let mut plain = Vec::new();
        super::super::dedup::split_sentences(line, 0, false, &mut plain);
        let key = |s: &Sentence| (s.start, s.end, s.key, s.key_len, s.weight, s.headline);
        assert_eq!(
            fused.iter().map(key).collect::<Vec<_>>(),
            plain.iter().map(key).collect::<Vec<_>>(),
            "{line}"
        );
        // The key hashed on the way equals the key of the sentence's own text.
        for s in fused {
            let text: String = line.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!((s.key, s.key_len), sentence_key(&text), "{line}: {text}");
        }
    }

    /// Verbatim means: every char plain, or an ASCII space with no space before it.
    fn assert_verbatim_as_defined(line: &str) {
        for unify in [false, true] {
            let chars: Vec<char> = line.chars().collect();
            let expected = chars.iter().enumerate().all(|(i, &c)| {
                if c == ' ' {
                    i == 0 || chars.get(i - 1) != Some(&' ')
                } else {
                    is_plain(c, unify)
                }
            });
            let got = fold_and_measure(
                line,
                &mut String::new(),
                &mut Vec::new(),
                unify,
                &WordTable::stop_words_only(),
            )
            .verbatim;
            assert_eq!(got, expected, "{line:?} unify={unify}");
        }
    }

    #[test]
    fn word_run_chars_are_plain_but_for_unified_letters_and_the_letter_mark() {
        for (code, &kind) in RUN_KIND.iter().enumerate() {
            let Some(c) = u32::try_from(code).ok().and_then(char::from_u32) else {
                continue;
            };
            if kind == NOT_IN_RUN {
                continue;
            }
            assert_eq!(is_plain(c, false), c != ARABIC_LETTER_MARK, "{c:?}");
            assert_eq!(
                is_plain(c, true),
                c != ARABIC_LETTER_MARK && !is_unified_letter(c),
                "{c:?}"
            );
        }
    }

    fn feat(s: &str) -> LineFeatures {
        features(s, &fold_str(s))
    }

    #[test]
    fn one_walk_gives_the_fold_and_the_features_of_three() {
        let lines = [
            "",
            "  ",
            "وزیر گفت: «این دیدار سازنده بود.» او افزود ۳.۵ درصد... (+عکس) / خبر؛ سپس",
            "3.5 and 4. Then? yes!\u{2019} end.\u{201D}",
            "الخميس 4 فبراير 2021 | السياسة / الاقتصاد",
            "کد خبر: ۷۲۷ abc DEF gh1 .",
            "پایان.",
            ".",
            "a.b",
            "پ\u{200C}ها \u{064E}\u{0640} x\u{00A0}y…)",
            "به گزارش ایرنا، وزیر گفت. نقلا عن وكالة، قال الوزير! و قال؟ حسب المصدر، لا.",
        ];
        for line in lines {
            let mut folded = String::from("prefix ");
            let mut sentences = Vec::new();
            let f = fold_and_measure(
                line,
                &mut folded,
                &mut sentences,
                false,
                &WordTable::stop_words_only(),
            );
            assert_verbatim_as_defined(line);
            assert_same_sentences(line, &sentences);
            let expected = fold_str(line);
            assert_eq!(folded, format!("prefix {expected}"), "{line}");
            let e = features(line, &expected);
            assert_eq!(
                (
                    f.words,
                    f.chars,
                    f.sentence_ends,
                    f.ends_sentence,
                    f.stop_words,
                    f.markers
                ),
                (
                    e.words,
                    e.chars,
                    e.sentence_ends,
                    e.ends_sentence,
                    e.stop_words,
                    e.markers
                ),
                "{line}"
            );
        }
    }

    /// An attribution's prefix ends at a comma within 121 chars, which the blanks rendering
    /// drops bring closer: such a line does not render alike (its key would change).
    #[test]
    fn dropped_blanks_before_an_attributions_comma_render_differently() {
        let line = format!(
            "به گزارش{}، وزیر گفت که همکاری ادامه دارد.",
            "  وزیر".repeat(19)
        );
        let words = WordTable::stop_words_only();
        let (mut folded, mut sentences) = (String::new(), Vec::new());
        let f = measure_line(&line, &mut folded, &mut sentences, &words);
        let norm = crate::model::Normalization::default();
        let (rendered, _) = super::super::render::render(
            &line,
            &[],
            crate::model::Language::Fa,
            &norm,
            super::super::render::KnownLines::default(),
        );
        let (mut r_folded, mut r_sentences) = (String::new(), Vec::new());
        measure_line(&rendered, &mut r_folded, &mut r_sentences, &words);
        // The comma is the 123rd char as written, the 104th as rendered.
        let key = |s: &[Sentence]| s.first().map(|s| s.key);
        assert_ne!(key(&sentences), key(&r_sentences));
        assert!(!f.renders_alike);
    }

    proptest::proptest! {
        /// A line that renders alike, rendered, has the line's fold, features (its length being
        /// the rendered length) and sentence keys: lines of blanks of every kind, bidi controls
        /// after letters and after punctuation, letters unification changes, attribution
        /// openers, sentence ends and closers.
        #[test]
        fn a_line_that_renders_alike_measures_alike_rendered(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "وزیر", "گفت", "که", "است", "a", "Z", "12", "۳", ".", "!", "؟", "»", ")", "(",
                    "+", "/", "،", " ", "  ", "\u{A0}", "\t", " \u{A0} ", "\u{200C}", "\u{200F}",
                    "\u{200E}", "\u{200B}", "\u{FEFF}", "\u{061C}", "ي", "ك", "ى", "\u{064E}",
                    "به گزارش ایرنا،", "به نقل از", "نقلا عن", "ب",
                ]),
                0..40,
            ),
            persian: bool,
        ) {
            let raw: String = pieces.concat();
            let lang = if persian { crate::model::Language::Fa } else { crate::model::Language::Ar };
            let norm = crate::model::Normalization::default();
            let words = WordTable::stop_words_only();
            for line in super::super::lines::content_lines(&raw) {
                let line = line.text(&raw);
                let (mut folded, mut sentences) = (String::new(), Vec::new());
                let f = measure_line(line, &mut folded, &mut sentences, &words);
                if !f.renders_alike {
                    continue;
                }
                let (rendered, _) = super::super::render::render(line, &[], lang, &norm, super::super::render::KnownLines::default());
                let (mut r_folded, mut r_sentences) = (String::new(), Vec::new());
                let r = measure_line(&rendered, &mut r_folded, &mut r_sentences, &words);
                proptest::prop_assert_eq!(&r_folded, &folded, "{:?} -> {:?}", line, rendered);
                proptest::prop_assert_eq!(
                    (r.words, r.chars, r.sentence_ends, r.ends_sentence, r.stop_words, r.markers, r.openings),
                    (f.words, f.rendered_chars, f.sentence_ends, f.ends_sentence, f.stop_words, f.markers, f.openings),
                    "{:?} -> {:?}", line, rendered
                );
                let keys = |s: &[Sentence]| s.iter().map(|s| (s.key, s.key_len)).collect::<Vec<_>>();
                proptest::prop_assert_eq!(keys(&r_sentences), keys(&sentences), "{:?} -> {:?}", line, rendered);
            }
        }

        /// Any line made of the chars the walk treats specially (sentence ends, closers,
        /// markers, spaces of several kinds, digits of three scripts, folded letters, marks,
        /// controls) and plain letters.
        #[test]
        fn fused_walk_equals_fold_and_features(
            line in proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', 'Z', '1', '.', '!', '?', '؟', '…', '۔', '»', '"', '”', '\'', ')', '’',
                    '*', '(', '+', '/', '|', '؛', ' ', '\u{A0}', '\t', '\u{200C}', '\u{200F}',
                    'ب', 'ي', 'ى', 'ك', '\u{061C}', 'ة', '\u{064E}', '\u{0640}', '۳', '٣', 'é', '𝐀', 'و', 'ا', 'ن', 'ح', '،',
                ]),
                0..60,
            )
        ) {
            let line: String = line.into_iter().collect();
            let mut folded = String::new();
            let mut sentences = Vec::new();
            let f = fold_and_measure(&line, &mut folded, &mut sentences, false, &WordTable::stop_words_only());
            assert_verbatim_as_defined(&line);
            assert_same_sentences(&line, &sentences);
            let expected = fold_str(&line);
            proptest::prop_assert_eq!(&folded, &expected);
            let e = features(&line, &expected);
            proptest::prop_assert_eq!(
                (f.words, f.chars, f.sentence_ends, f.ends_sentence, f.stop_words, f.markers),
                (e.words, e.chars, e.sentence_ends, e.ends_sentence, e.stop_words, e.markers)
            );
        }
    }

    #[test]
    fn date_stamps() {
        assert!(is_date_stamp(&fold_str("۱۹ آذر ۱۴۰۴")));
        assert!(is_date_stamp(&fold_str("۱۵:۴۹ - ۱۸-۰۲-۱۳۹۹")));
        assert!(is_date_stamp(&fold_str("الخميس 4 فبراير 2021")));
        assert!(!is_date_stamp(&fold_str("سفر ۱۹ آذر")));
        // Every name, folded as the line is; not a name cut short, lengthened or padded.
        for name in ["اردیبهشت", "الأربعاء", "دی", "ذو", "هـ", "چهارشنبه", "كانون"]
        {
            let folded = fold_str(name);
            assert!(is_date_word(&folded), "{name}");
            let shorter: String = folded.chars().skip(1).collect();
            for other in [format!("{folded}ی"), format!("{folded}\0"), shorter] {
                assert!(!is_date_word(&other), "{other:?}");
            }
        }
        assert!(!is_date_stamp(&fold_str("آذر")));
    }

    #[test]
    fn prose_and_labels() {
        assert!(
            feat("وزیر خارجه گفت که این دیدار در فضایی سازنده برگزار شد و دو طرف بر ادامه گفت‌وگو تأکید کردند.")
                .is_body_like()
        );
        assert!(!feat("ارسال به دوستان").is_body_like());
        assert!(!feat("ترحيب بالحد من الأسلحة").is_body_like());
    }
}
