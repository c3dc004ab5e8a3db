//! Keeping the list of removed pieces sorted, non-overlapping and compact.

use super::normalize::is_blank;
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
    // One walk over the raw chars tells, for every gap between neighbours, whether it is blank.
    let mut blank_gap = vec![true; clipped.len() - 1];
    let mut g = 0;
    for (i, c) in raw.chars().enumerate() {
        while g < blank_gap.len() && clipped.get(g + 1).is_some_and(|n| n.start <= i) {
            g += 1;
        }
        if g >= blank_gap.len() {
            break;
        }
        if clipped.get(g).is_some_and(|p| i >= p.end) && !is_blank(c) {
            blank_gap[g] = false;
        }
    }
    let mut out: Vec<Removed> = Vec::with_capacity(clipped.len());
    for (i, p) in clipped.into_iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.reason == p.reason && i > 0 && blank_gap[i - 1] => last.end = p.end,
            _ => out.push(p),
        }
    }
    out
}
