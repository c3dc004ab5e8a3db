//! Byte offsets of chars of a raw text, for walks that jump from char to char (to the end of a
//! removed piece): taken from the places of the text's lines where one is near, counted
//! otherwise.
//!
//! Removed pieces are mostly whole lines, and their ends line ends, whose byte offsets the
//! line split knows already. Counting the chars of every piece instead, as both the merge of
//! pieces and rendering skip over them, went over 5.9 million chars a pass of the 8 MB
//! benchmark corpus, more chars than the corpus holds.

use super::lines::Line;

/// A walk's view of the places of a text's lines: where each starts and ends, in chars and in
/// bytes. Asked for chars in increasing order (a walk forward), it looks at each line once.
pub(crate) struct CharPlaces<'l> {
    /// Lines of the text, in order (as [`super::lines::content_lines`] gives them); none is
    /// fine.
    lines: &'l [Line],
    /// The first line that starts after the char asked for last.
    next: usize,
}

impl<'l> CharPlaces<'l> {
    /// Places from `lines`, which must be lines of the text the walk reads, in order.
    pub(crate) fn new(lines: &'l [Line]) -> Self {
        Self { lines, next: 0 }
    }

    /// The byte offset of char `to` of UTF-8 `bytes`, for a walk standing at char `at.0`,
    /// byte `at.1` (a char boundary): counted from the nearest of that and the places (start
    /// and end) of the last line that starts at or before `to`, backwards from its end when
    /// that is much nearer (a repeated sentence cut before a number that stays). `to` before
    /// `at.0` gives `at.1`, and a `to` past the text's end its length, as [`advance_chars`]
    /// does.
    pub(crate) fn byte_of(&mut self, bytes: &[u8], at: (usize, usize), to: usize) -> usize {
        while self.lines.get(self.next).is_some_and(|l| l.start <= to) {
            self.next += 1;
        }
        // After a call for a later char, `next` may be past lines after `to`: those are not
        // used, and the count starts from the walk.
        let line = self.next.checked_sub(1).and_then(|k| self.lines.get(k));
        let from = match line {
            Some(l) if l.end <= to && l.end > at.0 => (l.end, l.byte_end),
            Some(l) if l.start <= to && l.start > at.0 => (l.start, l.byte_start),
            _ => at,
        };
        if let Some(l) = line
            && from.0 <= to
            && to < l.end
            && (l.end - to) * BACKWARD_COST <= to - from.0
        {
            return retreat_chars(bytes, l.byte_end, l.end - to);
        }
        advance_chars(bytes, from.1, to.saturating_sub(from.0))
    }
}

/// How many chars counting forward takes in the time of one counted backwards (one at a time):
/// a rough figure, which only decides the direction.
const BACKWARD_COST: usize = 4;

/// The byte offset `n` chars before byte `at` (a char boundary) of UTF-8 `bytes`, or 0 when the
/// text starts first. Char by char: it is used for a few chars.
fn retreat_chars(bytes: &[u8], mut at: usize, n: usize) -> usize {
    for _ in 0..n {
        let Some(before) = at.checked_sub(1) else {
            return 0;
        };
        at = before;
        while at > 0 && bytes.get(at).copied().is_some_and(is_continuation) {
            at -= 1;
        }
    }
    at
}

/// True for a UTF-8 continuation byte (`10xxxxxx`): not the first byte of a char.
fn is_continuation(b: u8) -> bool {
    (b as i8) < -0x40
}

/// The byte offset `n` chars after byte `at` (a char boundary) of UTF-8 `bytes`, or the
/// length when the text ends first.
///
/// Hand-written because no crate offers "skip n chars" (bytecount counts the chars of a known
/// range): eight bytes at a time, counting the bytes that start a char (those that are not
/// `10xxxxxx`), while all of a chunk's chars are to be skipped; then char by char.
pub(crate) fn advance_chars(bytes: &[u8], mut at: usize, mut n: usize) -> usize {
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    while n >= 8 {
        let Some(chunk) = bytes
            .get(at..at + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        else {
            break;
        };
        let w = u64::from_le_bytes(chunk);
        // Bit 0 of each byte: set unless the byte is a continuation (bit 7 set, bit 6 clear).
        let starts = ((!w >> 7) | (w >> 6)) & LOW_BITS;
        let k = starts.count_ones() as usize;
        if k > n {
            break;
        }
        n -= k;
        at += 8;
    }
    // The chunk may have ended inside a char, which its start already counted.
    while bytes.get(at).copied().is_some_and(is_continuation) {
        at += 1;
    }
    while n > 0 && at < bytes.len() {
        at += 1;
        while bytes.get(at).copied().is_some_and(is_continuation) {
            at += 1;
        }
        n -= 1;
    }
    at.min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lines::content_lines;

    proptest::proptest! {
        /// Skipping chars in chunks lands where walking them one by one does.
        #[test]
        fn advance_chars_equals_char_by_char(
            text in "[a-z \u{0600}-\u{06FF}\u{0800}-\u{0FFF}\u{1F600}-\u{1F64F}]{0,80}",
            from in 0usize..90,
            n in 0usize..90,
        ) {
            let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let from = from.min(starts.len() - 1);
            let expected = starts.get(from + n).copied().unwrap_or(text.len());
            let got = advance_chars(text.as_bytes(), starts.get(from).copied().unwrap_or(0), n);
            proptest::prop_assert_eq!(got, expected);
        }
    }

    proptest::proptest! {
        /// A place found through the lines is the char's byte offset, whatever the lines are
        /// like (blank, CRLF, long), wherever the walk stands and in whatever order chars are
        /// asked for.
        #[test]
        fn places_are_byte_offsets(
            text in "[a \u{0600}-\u{06FF}\u{1F600}\r\n\t]{0,120}",
            asks in proptest::collection::vec((0usize..130, 0usize..130), 0..12),
            sorted: bool,
        ) {
            let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let byte = |c: usize| starts.get(c).copied().unwrap_or(text.len());
            let lines = content_lines(&text);
            let mut places = CharPlaces::new(&lines);
            let mut asks = asks;
            if sorted {
                asks.sort_by_key(|&(_, to)| to);
            }
            for (at, to) in asks {
                let at = at.min(starts.len() - 1);
                let expected = if to < at { byte(at) } else { byte(to) };
                let got = places.byte_of(text.as_bytes(), (at, byte(at)), to);
                proptest::prop_assert_eq!(got, expected, "at {} to {}", at, to);
            }
        }
    }
}
