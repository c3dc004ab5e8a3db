//! Structural signals of a line: is it a body sentence, a date stamp, a run of headlines?
//!
//! These work on sites no rule names. All of them lean towards keeping: a line is only called
//! boilerplate when several signals agree.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::normalize::fold_str;

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
}

impl LineFeatures {
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
            if is_stop_word(tok) {
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

/// Folded Persian and Arabic function words that body prose is full of and labels are not.
fn is_stop_word(tok: &str) -> bool {
    // None is longer than four Arabic letters; most tokens are ruled out by length alone.
    tok.len() <= 8
        && matches!(
            tok,
            "است"
                | "این"
                | "که"
                | "را"
                | "با"
                | "از"
                | "در"
                | "به"
                | "و"
                | "برای"
                | "آن"
                | "اان"
                | "نیز"
                | "بر"
                | "تا"
                | "خود"
                | "شد"
                | "شده"
                | "کرد"
                | "کرده"
                | "هم"
                | "اما"
                | "یا"
                | "وی"
                | "فی"
                | "من"
                | "علی"
                | "الی"
                | "ان"
                | "التی"
                | "الذی"
                | "عن"
                | "مع"
                | "هذا"
                | "هذه"
                | "کان"
                | "قد"
                | "لم"
                | "ما"
                | "بین"
                | "بعد"
                | "کما"
        )
}

static DATE_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    [
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
    ]
    .iter()
    .flat_map(|s| s.split(' '))
    .map(fold_str)
    .collect()
});

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
        } else if !DATE_WORDS.contains(tok) {
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

    fn feat(s: &str) -> LineFeatures {
        features(s, &fold_str(s))
    }

    #[test]
    fn date_stamps() {
        assert!(is_date_stamp(&fold_str("۱۹ آذر ۱۴۰۴")));
        assert!(is_date_stamp(&fold_str("۱۵:۴۹ - ۱۸-۰۲-۱۳۹۹")));
        assert!(is_date_stamp(&fold_str("الخميس 4 فبراير 2021")));
        assert!(!is_date_stamp(&fold_str("سفر ۱۹ آذر")));
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
