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
    // One walk over the raw bytes tells, for every gap between neighbours, whether it is blank.
    // Inside the pieces chars are only counted (non-continuation bytes), not decoded; in a gap
    // the walk stops at its first non-blank char, which in a real article is its first char.
    let bytes = raw.as_bytes();
    let (mut ci, mut bi) = (0usize, 0usize);
    let blank_gap: Vec<bool> = clipped
        .windows(2)
        .map(|pair| {
            let [p, next] = pair else { return true };
            while ci < p.end && bi < bytes.len() {
                bi += 1;
                while bytes.get(bi).is_some_and(|&b| (b as i8) < -0x40) {
                    bi += 1;
                }
                ci += 1;
            }
            while ci < next.start {
                let Some((c, len)) = char_at(bytes, raw, bi) else {
                    // The text ends inside the gap: what exists of it was blank.
                    return true;
                };
                if !is_blank(c) {
                    return false;
                }
                (ci, bi) = (ci + 1, bi + len);
            }
            true
        })
        .collect();
    let mut out: Vec<Removed> = Vec::with_capacity(clipped.len());
    for (i, p) in clipped.into_iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.reason == p.reason && i > 0 && blank_gap[i - 1] => last.end = p.end,
            _ => out.push(p),
        }
    }
    out
}
