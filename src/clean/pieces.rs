//! Keeping the list of removed pieces sorted, non-overlapping and compact.

use super::lines::Line;
use super::normalize::{char_at, is_blank};
use super::places::CharPlaces;
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
/// neighbours with the same reason when only whitespace lies between them. `lines` are lines of
/// `raw` in order (none is fine), whose places spare counting the chars of the pieces.
pub(crate) fn finish_pieces(raw: &str, mut pieces: Vec<Removed>, lines: &[Line]) -> Vec<Removed> {
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
    // between them is blank. Neighbours with no gap (the sentences of a repeated paragraph)
    // merge without it. The pieces themselves are skipped: to a line's end when they end with
    // one, as most do, or counted eight bytes at a time; in a gap the walk stops at its first
    // non-blank char, which in a real article is its first char.
    let bytes = raw.as_bytes();
    let mut places = CharPlaces::new(lines);
    let (mut ci, mut bi) = (0usize, 0usize);
    let mut out: Vec<Removed> = Vec::with_capacity(clipped.len());
    for p in clipped {
        if let Some(last) = out.last_mut()
            && last.reason == p.reason
        {
            // Clipped, a piece starts at the earlier one's end or after it.
            if p.start <= last.end {
                last.end = p.end;
                continue;
            }
            bi = places.byte_of(bytes, (ci, bi), last.end);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_merge_only_over_blank_gaps() {
        let raw = "الف ب\n \t\nج د\nکلمه\nه و";
        let piece = |start, end| Removed {
            start,
            end,
            reason: RemovalReason::SiteHeader,
        };
        // Only blank lines lie between the first two pieces; a kept line lies before the third.
        let out = finish_pieces(raw, vec![piece(18, 21), piece(0, 5), piece(9, 12)], &[]);
        assert_eq!(
            out.iter().map(|p| (p.start, p.end)).collect::<Vec<_>>(),
            vec![(0, 12), (18, 21)]
        );
        // A different reason is never merged, blank gap or not.
        let other = Removed {
            reason: RemovalReason::AdLine,
            ..piece(9, 12)
        };
        let out = finish_pieces(raw, vec![piece(0, 5), other], &[]);
        assert_eq!(out.len(), 2);
    }
}
