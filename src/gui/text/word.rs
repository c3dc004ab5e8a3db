//! Word snapping for selections in Arabic-script text: pure functions over `&str` and code-point
//! offsets, no egui.
//!
//! Rules (what an analyst selecting an entity expects):
//! - a word is a run of [`is_word_char`] characters, so a ZWNJ-joined word (گفت‌وگو) is one word;
//! - punctuation and spaces at either end of a selection are left out;
//! - one-letter clitics (و ب ل ف ك) attached at the start of the word the drag *started* in stay
//!   out when the drag started after them: pressing on the ل of «ولافروف» selects «لافروف».
//!
//! Offsets passed in are *characters* (the code point under the pointer), not caret positions
//! between characters; results are end-exclusive [`CharSpan`]s.

use crate::text::chars::is_word_char;
use crate::text::{CharOffset, CharSpan};

/// Letters that attach to the next word as a one-letter prefix (conjunction, prepositions).
const CLITICS: [char; 5] = ['و', 'ب', 'ل', 'ف', 'ك'];

/// At most this many clitic letters are peeled off the front of a word (e.g. «وب», «فل»).
const MAX_CLITIC_PREFIX: usize = 2;

/// True for a letter that may be attached to the following word as a one-letter prefix.
#[must_use]
pub fn is_clitic(c: char) -> bool {
    CLITICS.contains(&c)
}

/// The word containing the character at `at`, or `None` when that character is not part of a
/// word (space, punctuation) or `at` is past the end. Used for double-click.
#[must_use]
pub fn word_at(text: &str, at: CharOffset) -> Option<CharSpan> {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = word_bounds(&chars, at.0)?;
    Some(CharSpan::new(start, end))
}

/// Snap a drag selection within one string.
///
/// `anchor` is the character the drag started on, `head` the character under the pointer now
/// (either may come first in logical order). With `exact` (the Alt modifier in the views) the
/// span covers exactly the characters from one to the other. Returns an empty span at `anchor`
/// when the dragged range holds no word character.
#[must_use]
pub fn snap_selection(text: &str, anchor: CharOffset, head: CharOffset, exact: bool) -> CharSpan {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let anchor = anchor.0.min(n);
    let head = head.0.min(n);
    let lo = anchor.min(head);
    let hi = anchor.max(head);
    if exact {
        return CharSpan::new(lo, (hi + 1).min(n));
    }
    let start = snap_start_in(&chars, lo, Some(anchor));
    let end = snap_end_in(&chars, hi);
    if start >= end {
        CharSpan::new(anchor, anchor)
    } else {
        CharSpan::new(start, end)
    }
}

/// Where a selection whose first character is `at` should start: the start of that word (after
/// skipping punctuation and spaces), except that when the drag started (`anchor`) in this same
/// word and only clitic letters lie before `at`, the selection starts at `at`, leaving them out. Returns an offset in `0..=len`.
#[must_use]
pub fn snap_start(text: &str, at: CharOffset, anchor: Option<CharOffset>) -> CharOffset {
    let chars: Vec<char> = text.chars().collect();
    CharOffset(snap_start_in(&chars, at.0, anchor.map(|a| a.0)))
}

/// Where a selection whose last character is `at` should end (exclusive): the end of that word,
/// moved back past punctuation and spaces.
#[must_use]
pub fn snap_end(text: &str, at: CharOffset) -> CharOffset {
    let chars: Vec<char> = text.chars().collect();
    CharOffset(snap_end_in(&chars, at.0))
}

/// `[start, end)` of the word containing `chars[at]`.
fn word_bounds(chars: &[char], at: usize) -> Option<(usize, usize)> {
    if !chars.get(at).is_some_and(|&c| is_word_char(c)) {
        return None;
    }
    let mut start = at;
    while start > 0 && chars.get(start - 1).is_some_and(|&c| is_word_char(c)) {
        start -= 1;
    }
    let mut end = at + 1;
    while chars.get(end).is_some_and(|&c| is_word_char(c)) {
        end += 1;
    }
    Some((start, end))
}

fn snap_start_in(chars: &[char], at: usize, anchor: Option<usize>) -> usize {
    // Skip leading punctuation/space forward to the first word character.
    let mut first = at;
    while first < chars.len() && !chars.get(first).is_some_and(|&c| is_word_char(c)) {
        first += 1;
    }
    let Some((ws, we)) = word_bounds(chars, first) else {
        return chars.len();
    };
    // The cut is only honoured inside the word the drag started in: a drag that merely
    // ends on a later letter of a word takes that word whole.
    if let Some(a) = anchor
        && (ws..we).contains(&a)
        && first > ws
        && first - ws <= MAX_CLITIC_PREFIX
        && chars.get(ws..first).is_some_and(|p| p.iter().all(|&c| is_clitic(c)))
        // The rest must still look like a word of its own (Arabic-script stems have at least
        // three letters), so «بله» dragged from its ل stays whole.
        && we - first >= 3
    {
        return first;
    }
    ws
}

fn snap_end_in(chars: &[char], at: usize) -> usize {
    let mut last = at.min(chars.len());
    // Skip trailing punctuation/space backward to the last word character.
    loop {
        if chars.get(last).is_some_and(|&c| is_word_char(c)) {
            break;
        }
        if last == 0 {
            return 0;
        }
        last -= 1;
    }
    word_bounds(chars, last).map_or(0, |(_, we)| we)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slice_chars;

    fn pos(text: &str, needle: &str) -> usize {
        let b = text.find(needle).expect("needle in fixture");
        text[..b].chars().count()
    }

    fn sel(text: &str, anchor: usize, head: usize) -> String {
        let span = snap_selection(text, CharOffset(anchor), CharOffset(head), false);
        slice_chars(text, span).unwrap_or_default().to_owned()
    }

    #[test]
    fn zwnj_word_is_one_word() {
        let t = "دو طرف درباره گفت‌وگو و تماس‌های تازه سخن گفتند.";
        let p = pos(t, "وگو");
        let w = word_at(t, CharOffset(p)).expect("word");
        assert_eq!(slice_chars(t, w), Some("گفت‌وگو"));
        let p = pos(t, "های");
        assert_eq!(sel(t, p, p), "تماس‌های");
    }

    #[test]
    fn clitic_before_anchor_stays_out() {
        let t = "وزیر خارجه ولافروف را دید";
        let w = pos(t, "ولافروف");
        // Drag starting on the ل (after the conjunction و) leaves و out.
        assert_eq!(sel(t, w + 1, w + 5), "لافروف");
        // Drag starting on the و keeps the whole word.
        assert_eq!(sel(t, w, w + 5), "ولافروف");
        // Dragging backwards from the ف to the ل of the same word also leaves و out.
        assert_eq!(sel(t, w + 4, w + 1), "لافروف");
        // ...but dragging back onto the و takes it.
        assert_eq!(sel(t, w + 4, w), "ولافروف");
    }

    #[test]
    fn arabic_kaf_and_ba_clitics() {
        let t = "قال كالرئيس وبالاتفاق";
        let k = pos(t, "كالرئيس");
        assert_eq!(sel(t, k + 1, k + 3), "الرئيس");
        let wb = pos(t, "وبالاتفاق");
        assert_eq!(sel(t, wb + 2, wb + 4), "الاتفاق");
        // Starting in the middle of an ordinary word snaps to its start.
        assert_eq!(sel(t, wb + 4, wb + 5), "وبالاتفاق");
    }

    #[test]
    fn clitic_only_applies_to_the_word_the_drag_started_in() {
        let t = "سفر ولافروف به مسکو";
        let w = pos(t, "ولافروف");
        let m = pos(t, "مسکو");
        // Drag from مسکو back to the ل: the anchor word is مسکو, so ولافروف is taken whole.
        assert_eq!(sel(t, m + 1, w + 1), "ولافروف به مسکو");
    }

    #[test]
    fn punctuation_stays_out() {
        let t = "به گزارش «ایرنا»، وزیر (گفت): «بله».";
        let a = pos(t, "«ایرنا»");
        // From the guillemet to the comma: only the word.
        assert_eq!(sel(t, a, a + 8), "ایرنا");
        let b = pos(t, "(گفت)");
        assert_eq!(sel(t, b, b + 5), "گفت");
        let q = pos(t, "بله");
        assert_eq!(sel(t, q + 1, q + 4), "بله");
    }

    #[test]
    fn exact_mode_keeps_characters() {
        let t = "ولافروف، گفت";
        let span = snap_selection(t, CharOffset(1), CharOffset(7), true);
        assert_eq!(slice_chars(t, span), Some("لافروف،"));
    }

    #[test]
    fn digits_and_latin_are_words() {
        let t = "در تاریخ ۱۸ اردیبهشت (COVID-19) 2021";
        let d = pos(t, "۱۸");
        assert_eq!(sel(t, d, d), "۱۸");
        let c = pos(t, "COVID");
        assert_eq!(sel(t, c + 2, c + 8), "COVID-19");
    }

    #[test]
    fn no_word_gives_empty_span_and_out_of_range_is_safe() {
        let t = "؟ ، .";
        let span = snap_selection(t, CharOffset(1), CharOffset(3), false);
        assert!(span.is_empty());
        let span = snap_selection("ab", CharOffset(10), CharOffset(20), false);
        assert!(span.end.0 <= 2);
        assert_eq!(word_at("ab", CharOffset(5)), None);
        assert_eq!(word_at("", CharOffset(0)), None);
    }
}
