//! Building and reading the clean-to-raw [`Alignment`].

use crate::model::Alignment;
use crate::text::{CharOffset, CharSpan};

/// Collects alignment segments while the clean text is written, one clean char at a time,
/// merging runs of char-for-char mappings into one segment.
#[derive(Debug, Default)]
pub(crate) struct AlignmentBuilder {
    segments: Vec<[usize; 4]>,
    clean_len: usize,
}

impl AlignmentBuilder {
    /// Clean chars recorded so far.
    pub(crate) fn clean_len(&self) -> usize {
        self.clean_len
    }

    /// Record one clean char that stands for `raw_len` raw chars starting at `raw`.
    pub(crate) fn push(&mut self, raw: usize, raw_len: usize) {
        let c = self.clean_len;
        self.clean_len += 1;
        if raw_len == 1
            && let Some(last) = self.segments.last_mut()
            && last[2] == last[3]
            && last[0] + last[2] == c
            && last[1] + last[3] == raw
        {
            last[2] += 1;
            last[3] += 1;
            return;
        }
        self.segments.push([c, raw, 1, raw_len]);
    }

    /// Record `n` clean chars that map char for char onto raw chars from `raw` on.
    pub(crate) fn push_run(&mut self, raw: usize, n: usize) {
        if n == 0 {
            return;
        }
        let c = self.clean_len;
        self.clean_len += n;
        if let Some(last) = self.segments.last_mut()
            && last[2] == last[3]
            && last[0] + last[2] == c
            && last[1] + last[3] == raw
        {
            last[2] += n;
            last[3] += n;
            return;
        }
        self.segments.push([c, raw, n, n]);
    }

    /// The finished alignment.
    pub(crate) fn finish(self) -> Alignment {
        Alignment(self.segments)
    }
}

/// Maps offsets between a clean text and its raw text through an [`Alignment`].
///
/// Lookups are binary searches over the segments, O(log n). Segments read from a file may be
/// anything: lookups never panic, they just give meaningless answers for a broken alignment.
#[derive(Debug, Clone, Copy)]
pub struct Aligner<'a> {
    segments: &'a [[usize; 4]],
}

impl<'a> Aligner<'a> {
    /// An aligner over the segments of `alignment`.
    #[must_use]
    pub fn new(alignment: &'a Alignment) -> Self {
        Self {
            segments: &alignment.0,
        }
    }

    /// Length of the clean text the alignment covers.
    #[must_use]
    pub fn clean_len(&self) -> usize {
        self.segments
            .last()
            .map_or(0, |s| s[0].saturating_add(s[2]))
    }

    fn segment_of_clean(&self, c: usize) -> Option<&'a [usize; 4]> {
        let i = self.segments.partition_point(|s| s[0] <= c);
        let seg = self.segments.get(i.checked_sub(1)?)?;
        (seg[0] <= c && c < seg[0].saturating_add(seg[2])).then_some(seg)
    }

    /// The raw offset of a clean offset. Inside a replacement it is the replacement's raw start;
    /// the end of the clean text maps to the end of the last mapped raw char.
    #[must_use]
    pub fn clean_to_raw(&self, c: CharOffset) -> CharOffset {
        match self.segment_of_clean(c.0) {
            Some(seg) if seg[2] == seg[3] => CharOffset(seg[1].saturating_add(c.0 - seg[0])),
            Some(seg) => CharOffset(seg[1]),
            None => CharOffset(
                self.segments
                    .last()
                    .map_or(0, |s| s[1].saturating_add(s[3])),
            ),
        }
    }

    /// The raw span a clean span stands for: from the raw start of its first char to the raw end
    /// of its last char (so a span ending on a CRLF-born newline covers both raw chars).
    #[must_use]
    pub fn clean_span_to_raw(&self, span: CharSpan) -> CharSpan {
        let start = self.clean_to_raw(span.start);
        if span.is_empty() {
            return CharSpan { start, end: start };
        }
        let last = span.end.0 - 1;
        let end = match self.segment_of_clean(last) {
            Some(seg) if seg[2] == seg[3] => seg[1].saturating_add(last - seg[0]).saturating_add(1),
            Some(seg) => seg[1].saturating_add(seg[3]),
            None => self.clean_to_raw(span.end).0,
        };
        CharSpan {
            start,
            end: CharOffset(end.max(start.0)),
        }
    }

    /// The clean offset a raw offset ended up at, or `None` when that raw char was removed or
    /// folded away. A raw char inside a replacement maps to the replacement's clean char.
    #[must_use]
    pub fn raw_to_clean(&self, r: CharOffset) -> Option<CharOffset> {
        let r = r.0;
        // Raw starts are non-decreasing because cleaning never reorders text.
        let i = self.segments.partition_point(|s| s[1] <= r);
        let mut j = i;
        while let Some(k) = j.checked_sub(1) {
            let seg = self.segments.get(k)?;
            if seg[3] == 0 {
                // An inserted char has no raw extent; look at the segment before it.
                j = k;
                continue;
            }
            if seg[1] <= r && r < seg[1].saturating_add(seg[3]) {
                return Some(CharOffset(if seg[2] == seg[3] {
                    seg[0].saturating_add(r - seg[1])
                } else {
                    seg[0]
                }));
            }
            return None;
        }
        None
    }

    /// A clean span for a raw span, when both its first and last raw chars survive.
    #[must_use]
    pub fn raw_span_to_clean(&self, span: CharSpan) -> Option<CharSpan> {
        let start = self.raw_to_clean(span.start)?;
        if span.is_empty() {
            return Some(CharSpan { start, end: start });
        }
        let last = self.raw_to_clean(CharOffset(span.end.0 - 1))?;
        Some(CharSpan {
            start,
            end: CharOffset(last.0.saturating_add(1)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_and_replacements_stay_atomic() {
        let mut b = AlignmentBuilder::default();
        b.push(0, 1);
        b.push(1, 1);
        b.push(2, 2); // CRLF
        b.push(4, 1);
        b.push(6, 0); // inserted ZWNJ
        b.push(6, 1);
        let a = b.finish();
        assert_eq!(
            a.0,
            vec![
                [0, 0, 2, 2],
                [2, 2, 1, 2],
                [3, 4, 1, 1],
                [4, 6, 1, 0],
                [5, 6, 1, 1]
            ]
        );
        let al = Aligner::new(&a);
        assert_eq!(al.clean_to_raw(CharOffset(1)), CharOffset(1));
        assert_eq!(al.clean_to_raw(CharOffset(2)), CharOffset(2));
        assert_eq!(al.raw_to_clean(CharOffset(3)), Some(CharOffset(2)));
        assert_eq!(al.raw_to_clean(CharOffset(5)), None);
        assert_eq!(al.raw_to_clean(CharOffset(6)), Some(CharOffset(5)));
        assert_eq!(
            al.clean_span_to_raw(CharSpan::new(1, 3)),
            CharSpan::new(1, 4)
        );
        assert_eq!(al.clean_to_raw(CharOffset(6)), CharOffset(7));
    }
}
