//! Keeping the list of removed pieces sorted, non-overlapping and compact.

use super::normalize::{char_at, is_blank};
use crate::model::{RemovalReason, Removed};

/// Adds the parts of `[start, end)` that no piece of `existing` covers to `out`.
pub(crate) fn subtract_into(
    existing: &[Removed],
    start: usize,
    end: usize,
    reason: RemovalReason,
    out: &mut Vec<Removed>,
) {
    let mut at = start;
    let first = existing.partition_point(|p| p.end <= start);
    for p in existing.iter().skip(first) {
        if p.start >= end {
            break;
        }
        if p.start > at {
            out.push(Removed {
                start: at,
                end: p.start,
                reason,
            });
        }
        at = at.max(p.end);
    }
    if at < end {
        out.push(Removed {
            start: at,
            end,
            reason,
        });
    }
}

/// Sorts pieces, drops empty ones, clips overlaps (the earlier piece wins) and merges
/// neighbours with the same reason when only whitespace lies between them.
pub(crate) fn finish_pieces(raw: &str, mut pieces: Vec<Removed>) -> Vec<Removed> {
    pieces.retain(|p| p.start < p.end);
    pieces.sort_by_key(|p| (p.start, p.end));
    let mut clipped: Vec<Removed> = Vec::with_capacity(pieces.len());
    for mut p in pieces {
        if let Some(last) = clipped.last() {
            p.start = p.start.max(last.end);
        }
        if p.start < p.end {
            clipped.push(p);
        }
    }
    if clipped.len() < 2 {
        return clipped;
    }
    // One walk over the raw bytes tells, for neighbours with the same reason, whether the gap
    // between them is blank. The pieces themselves are skipped eight bytes at a time; in a gap
    // the walk stops at its first non-blank char, which in a real article is its first char.
    let bytes = raw.as_bytes();
    let (mut ci, mut bi) = (0usize, 0usize);
    let mut out: Vec<Removed> = Vec::with_capacity(clipped.len());
    for p in clipped {
        if let Some(last) = out.last_mut()
            && last.reason == p.reason
        {
            bi = advance_chars(bytes, bi, last.end.saturating_sub(ci));
            ci = ci.max(last.end);
            if gap_is_blank(raw, &mut ci, &mut bi, p.start) {
                last.end = p.end;
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// Walks from char `*ci` at byte `*bi` towards char `to` while the chars are blank; true when
/// the walk reaches `to` (or the text ends first: what exists of the gap was blank).
fn gap_is_blank(raw: &str, ci: &mut usize, bi: &mut usize, to: usize) -> bool {
    let bytes = raw.as_bytes();
    while *ci < to {
        let Some((c, len)) = char_at(bytes, raw, *bi) else {
            return true;
        };
        if !is_blank(c) {
            return false;
        }
        (*ci, *bi) = (*ci + 1, *bi + len);
    }
    true
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

    #[test]
    fn neighbours_merge_only_over_blank_gaps() {
        let raw = "الف ب\n \t\nج د\nکلمه\nه و";
        let piece = |start, end| Removed {
            start,
            end,
            reason: RemovalReason::SiteHeader,
        };
        // Only blank lines lie between the first two pieces; a kept line lies before the third.
        let out = finish_pieces(raw, vec![piece(18, 21), piece(0, 5), piece(9, 12)]);
        assert_eq!(
            out.iter().map(|p| (p.start, p.end)).collect::<Vec<_>>(),
            vec![(0, 12), (18, 21)]
        );
        // A different reason is never merged, blank gap or not.
        let other = Removed {
            reason: RemovalReason::AdLine,
            ..piece(9, 12)
        };
        let out = finish_pieces(raw, vec![piece(0, 5), other]);
        assert_eq!(out.len(), 2);
    }
}
