//! Restoring lost zero-width non-joiners (تماسهای → تماس‌های, میشود → می‌شود).
//!
//! Hand-written rules over a few closed lists (verb stems, participles, heh-final words) rather
//! than a crate: no maintained Rust crate does Persian ZWNJ restoration. The rules only fire
//! where the morphology is unambiguous enough; `tests/core/clean_zwnj.rs` measures precision and
//! recall on `assets/zwnj_words.tsv`, and the switch stays off by default unless precision is
//! at least 99%.

use std::collections::HashSet;
use std::sync::LazyLock;

fn set(words: &str) -> HashSet<Vec<char>> {
    words
        .split_whitespace()
        .map(|w| w.chars().collect())
        .collect()
}

/// Present stems that take the prefix می/نمی.
static PRESENT: LazyLock<HashSet<Vec<char>>> = LazyLock::new(|| {
    set(
        "شو کن گوی گو ده رو آی باش خواه توان دان بین گیر رس ساز زن پرداز یاب گذار گذر ماند مان \
         کوش خور آور بر نشین نویس خوان پذیر دار کش افت انداز فرست پرس رسان شناس گرد شمار ترس \
         خند بند بخش کاه افزای فروش خر پوش جوی گرای ران نما اندیش تابد دو پوشان کشان گذران",
    )
});

/// Past stems: past progressive after می, participles before اند/ای/ام.
static PAST: LazyLock<HashSet<Vec<char>>> = LazyLock::new(|| {
    set(
        "شد کرد گفت داشت رفت آمد خواست دانست توانست دید گرفت رسید ساخت زد پرداخت یافت گذاشت \
         ماند کوشید خورد آورد برد نشست نوشت خواند پذیرفت کشید افتاد انداخت فرستاد پرسید شناخت \
         گشت بود داد نمود گذشت خرید پوشید افزود شنید",
    )
});

/// Words ending in a silent heh that take the indefinite ای (بیانیه‌ای, رسانه‌ای). Words
/// whose heh could also start the plural (نامه/نام‌های, خانه/خان‌های, دوره/دور‌های) are left out.
static HEH_WORDS: LazyLock<HashSet<Vec<char>>> = LazyLock::new(|| {
    set(
        "رسانه جداگانه ماهانه سالانه روزانه دوستانه صمیمانه بیگانه آستانه نشانه یگانه \
         میانه ترانه افسانه صادقانه خصمانه ویژه هسته منطقه برنامه جامعه مقاله مسئله مساله \
         مرحله حادثه معامله مذاکره جلسه لحظه شیوه میوه چهره پرونده آینده نماینده گسترده \
         ساده زنده دوجانبه چندجانبه یکجانبه گونه نمونه اندازه حوزه چرخه پایه سایه \
         هفته رشته گذشته برجسته پیوسته وابسته شایسته دسته بسته خسته \
         بیانیه اطلاعیه نظریه ثانیه اولیه روسیه ترکیه سوریه کلیه هدیه سرمایه همسایه پایه مایه \
         حاشیه قضیه اتحادیه توصیه تهیه نشریه",
    )
});

/// Words that look like stem + suffix but are single words.
static NOT_SPLIT: LazyLock<HashSet<Vec<char>>> =
    LazyLock::new(|| set("تنها تنهایی فقها میدانی میگون میگو انتها انتهای اشتها"));

fn is_non_joining(c: char) -> bool {
    matches!(
        c,
        'ا' | 'آ' | 'أ' | 'إ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ة' | 'ء'
    )
}

// Compared char by char without collecting: these run several times per word.
fn ends_with(word: &[char], tail: &str) -> bool {
    let n = tail.chars().count();
    word.len() >= n
        && word
            .iter()
            .rev()
            .zip(tail.chars().rev())
            .all(|(a, b)| *a == b)
}

fn starts_with(word: &[char], head: &str) -> bool {
    let n = head.chars().count();
    word.len() >= n && word.iter().zip(head.chars()).all(|(a, b)| *a == b)
}

fn is_verb_after_mi(rest: &[char]) -> bool {
    const PRESENT_ENDINGS: [&str; 6] = ["ند", "یم", "ید", "م", "ی", "د"];
    const PAST_ENDINGS: [&str; 6] = ["ند", "یم", "ید", "م", "ی", ""];
    for e in PAST_ENDINGS {
        let n = e.chars().count();
        if rest.len() > n && ends_with(rest, e) && PAST.contains(&rest[..rest.len() - n]) {
            return true;
        }
    }
    for e in PRESENT_ENDINGS {
        let n = e.chars().count();
        if rest.len() > n && ends_with(rest, e) && PRESENT.contains(&rest[..rest.len() - n]) {
            return true;
        }
    }
    // "می‌توان" is used without an ending.
    rest == ['ت', 'و', 'ا', 'ن']
}

fn is_heh_word(stem: &[char]) -> bool {
    if stem.last() != Some(&'ه') || stem.len() < 3 {
        return false;
    }
    let bare = &stem[..stem.len() - 1];
    if PAST.contains(bare) || (bare.first() == Some(&'ن') && PAST.contains(&bare[1..])) {
        return true;
    }
    // Lexicon words are short; only the last few suffixes can match.
    (stem.len().saturating_sub(12)..stem.len().saturating_sub(2))
        .any(|i| HEH_WORDS.contains(&stem[i..]))
}

/// Positions (char indices into `word`) before which a ZWNJ belongs. `word` is one run of
/// Persian letters with no ZWNJ in it. Returns nothing when unsure.
#[must_use]
pub fn restore_positions(word: &[char]) -> Vec<usize> {
    let mut at = Vec::new();
    // No Persian word is longer than this; a longer run is junk and not worth the lookups.
    if word.len() < 4 || word.len() > 40 || NOT_SPLIT.contains(word) {
        return at;
    }
    // Verb prefix.
    for prefix in ["نمی", "می"] {
        let n = prefix.chars().count();
        if starts_with(word, prefix) && is_verb_after_mi(&word[n..]) {
            at.push(n);
            break;
        }
    }
    // Compounds with a fixed split.
    for (whole, split) in [("گفتوگو", 3), ("جستوجو", 3), ("شستوشو", 3), ("رفتوآمد", 3)]
    {
        if starts_with(word, whole) {
            at.push(split);
        }
    }
    // Participle or heh-final word + اند/ایم/اید/ای/ام.
    let mut suffix_done = false;
    for tail in ["اند", "ایم", "اید", "ای", "ام"] {
        let n = tail.chars().count();
        if ends_with(word, tail) && word.len() > n + 2 {
            let stem = &word[..word.len() - n];
            if is_heh_word(stem) {
                at.push(stem.len());
                suffix_done = true;
                break;
            }
        }
    }
    // Plural ها and its forms.
    if !suffix_done {
        for tail in [
            "هایشان",
            "هایتان",
            "هایمان",
            "هایش",
            "هایم",
            "هایت",
            "هایی",
            "های",
            "ها",
        ] {
            let n = tail.chars().count();
            if ends_with(word, tail) && word.len() >= n + 2 {
                let stem = &word[..word.len() - n];
                if stem.last().is_some_and(|&c| !is_non_joining(c)) {
                    at.push(stem.len());
                }
                break;
            }
        }
    }
    // Superlative ترین after a stem of three letters or more.
    if ends_with(word, "ترین") && word.len() >= 7 {
        let stem_len = word.len() - 4;
        if word.get(stem_len - 1).is_some_and(|&c| !is_non_joining(c)) {
            at.push(stem_len);
        }
    }
    at.sort_unstable();
    at.dedup();
    at
}

/// A word with its ZWNJs restored, for tests and the word-list measurement.
#[must_use]
pub fn restore_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let at = restore_positions(&chars);
    let mut out = String::with_capacity(word.len() + 3 * at.len());
    for (i, c) in chars.iter().enumerate() {
        if at.contains(&i) {
            out.push(crate::text::chars::ZWNJ);
        }
        out.push(*c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_from_the_brief() {
        assert_eq!(restore_word("تماسهای"), "تماس\u{200C}های");
        assert_eq!(restore_word("میشود"), "می\u{200C}شود");
        assert_eq!(restore_word("بیانیهای"), "بیانیه\u{200C}ای");
        assert_eq!(restore_word("گفتوگو"), "گفت\u{200C}وگو");
        for trap in ["میز", "میلیون", "میان", "تنها", "رها", "میدان", "کشورها"]
        {
            assert_eq!(restore_word(trap), trap);
        }
    }
}
