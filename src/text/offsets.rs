//! Offsets into text, kept apart by type.
//!
//! Everything saved to disk uses [`CharOffset`]: Unicode code points, what Python, spaCy and
//! Prodigy index strings by. [`ByteOffset`] is what Rust's `str` and cosmic-text use; it exists
//! only inside the process. The two are different types so that one can never be passed where
//! the other is meant; [`CharIndex`] converts between them for one string.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A position in a string counted in Unicode code points (scalar values).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(transparent)]
pub struct CharOffset(pub usize);

/// A position in a UTF-8 string counted in bytes. Never serialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteOffset(pub usize);

/// A half-open range `[start, end)` of code points; the form every span takes on disk.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct CharSpan {
    /// First code point of the span.
    pub start: CharOffset,
    /// One past the last code point.
    pub end: CharOffset,
}

impl CharSpan {
    /// A span from two code-point offsets.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: CharOffset(start),
            end: CharOffset(end),
        }
    }

    /// Number of code points covered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }

    /// True when the span covers nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.end.0 <= self.start.0
    }

    /// True when the two spans share at least one code point.
    #[must_use]
    pub fn overlaps(&self, other: &CharSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    #[must_use]
    pub fn contains_span(&self, other: &CharSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A half-open byte range into one UTF-8 string, valid only for that string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSpan {
    /// First byte.
    pub start: ByteOffset,
    /// One past the last byte.
    pub end: ByteOffset,
}

impl ByteSpan {
    /// The byte range as a `Range<usize>` for slicing the string it belongs to.
    #[must_use]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start.0..self.end.0
    }
}

/// Converts between code-point and byte offsets of one string.
///
/// Built once per string (O(n)); conversions are O(1) from chars and O(log n) from bytes.
/// Stores one `u32` per char, so it is built for the text being viewed or processed, not kept
/// for every document of a dataset.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// Byte offset of every char boundary, including the end of the string.
    boundaries: Vec<u32>,
}

impl CharIndex {
    /// Index the char boundaries of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        // A char starts at every byte that is not a UTF-8 continuation byte (0b10xx_xxxx).
        // Reading bytes instead of decoding chars, and sizing the list exactly by a first
        // count (which vectorizes), makes this several times faster; it runs for every
        // document extracted.
        let starts = |b: &u8| (*b as i8) >= -0x40;
        let bytes = text.as_bytes();
        let mut boundaries = Vec::with_capacity(bytes.iter().filter(|b| starts(b)).count() + 1);
        boundaries.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| starts(b))
                .map(|(i, _)| i as u32),
        );
        boundaries.push(text.len() as u32);
        Self { boundaries }
    }

    /// The index of a string of `len` bytes whose chars start at `starts` (every char's
    /// first byte, ascending), for code that walks the chars anyway and would otherwise
    /// walk them twice.
    #[must_use]
    pub(crate) fn from_char_starts(mut starts: Vec<u32>, len: usize) -> Self {
        starts.push(len as u32);
        Self { boundaries: starts }
    }

    /// Number of code points in the indexed string.
    #[must_use]
    pub fn char_len(&self) -> usize {
        self.boundaries.len().saturating_sub(1)
    }

    /// Byte length of the indexed string.
    #[must_use]
    pub fn byte_len(&self) -> usize {
        self.boundaries.last().copied().unwrap_or(0) as usize
    }

    /// The byte offset of a code-point offset, or `None` past the end.
    #[must_use]
    pub fn to_byte(&self, c: CharOffset) -> Option<ByteOffset> {
        self.boundaries.get(c.0).map(|&b| ByteOffset(b as usize))
    }

    /// The code-point offset of a byte offset; a byte inside a char rounds down to its start.
    /// Offsets past the end clamp to the end.
    #[must_use]
    pub fn to_char(&self, b: ByteOffset) -> CharOffset {
        let b = b.0.min(self.byte_len()) as u32;
        match self.boundaries.binary_search(&b) {
            Ok(i) => CharOffset(i),
            Err(i) => CharOffset(i.saturating_sub(1)),
        }
    }

    /// A char span as a byte span, or `None` if it runs past the end or is reversed.
    #[must_use]
    pub fn to_byte_span(&self, s: CharSpan) -> Option<ByteSpan> {
        if s.start > s.end {
            return None;
        }
        Some(ByteSpan {
            start: self.to_byte(s.start)?,
            end: self.to_byte(s.end)?,
        })
    }

    /// A byte span as a char span (each end rounded down to a char boundary).
    #[must_use]
    pub fn to_char_span(&self, s: ByteSpan) -> CharSpan {
        CharSpan {
            start: self.to_char(s.start),
            end: self.to_char(s.end),
        }
    }
}

/// Byte offsets of just the code-point offsets asked for, found in one pass over the text.
///
/// Cheaper than a full [`CharIndex`] when a text is checked once for a few spans (validating
/// 10,000 documents on load).
#[derive(Debug, Clone, Default)]
pub struct SparseCharIndex {
    /// (char offset, byte offset), sorted by char offset.
    known: Vec<(usize, usize)>,
    char_len: usize,
}

impl SparseCharIndex {
    /// Resolve `offsets` (any order, duplicates allowed) in `text`.
    #[must_use]
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut known = Vec::with_capacity(wanted.len());
        let mut w = wanted.iter().peekable();
        let mut n = 0;
        for (ci, (b, _)) in text.char_indices().enumerate() {
            while w.peek().is_some_and(|&&x| x == ci) {
                known.push((ci, b));
                w.next();
            }
            n = ci + 1;
        }
        if w.peek().is_some_and(|&&x| x == n) {
            known.push((n, text.len()));
        }
        Self { known, char_len: n }
    }

    /// Number of code points in the text.
    #[must_use]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The byte offset of a resolved char offset; `None` if it was not asked for or is past the end.
    #[must_use]
    pub fn to_byte(&self, c: CharOffset) -> Option<ByteOffset> {
        self.known
            .binary_search_by_key(&c.0, |&(ci, _)| ci)
            .ok()
            .map(|i| ByteOffset(self.known[i].1))
    }

    /// A char span as a byte span, when both ends were resolved and it is not reversed.
    #[must_use]
    pub fn to_byte_span(&self, s: CharSpan) -> Option<ByteSpan> {
        if s.start > s.end {
            return None;
        }
        Some(ByteSpan {
            start: self.to_byte(s.start)?,
            end: self.to_byte(s.end)?,
        })
    }
}

/// The substring a char span covers, or `None` if the span is out of range or reversed.
///
/// Walks the string once; for many lookups on one text build a [`CharIndex`].
#[must_use]
pub fn slice_chars(text: &str, span: CharSpan) -> Option<&str> {
    if span.start > span.end {
        return None;
    }
    let mut start_byte = None;
    let mut end_byte = None;
    for (i, (b, _)) in text.char_indices().enumerate() {
        if i == span.start.0 {
            start_byte = Some(b);
        }
        if i == span.end.0 {
            end_byte = Some(b);
            break;
        }
    }
    let n = text.chars().count();
    if span.start.0 == n {
        start_byte = Some(text.len());
    }
    if span.end.0 == n {
        end_byte = Some(text.len());
    }
    Some(&text[start_byte?..end_byte?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn persian_offsets_round_trip() {
        let t = "به گزارش ایسنا، سرگئی لاوروف";
        let idx = CharIndex::new(t);
        assert_eq!(idx.char_len(), t.chars().count());
        let span = CharSpan::new(16, 28);
        let bs = idx.to_byte_span(span).expect("in range");
        assert_eq!(&t[bs.range()], "سرگئی لاوروف");
        assert_eq!(idx.to_char_span(bs), span);
        assert_eq!(slice_chars(t, span), Some("سرگئی لاوروف"));
    }

    #[test]
    fn out_of_range_is_none_not_panic() {
        let idx = CharIndex::new("abc");
        assert_eq!(idx.to_byte(CharOffset(4)), None);
        assert_eq!(idx.to_char(ByteOffset(99)), CharOffset(3));
        assert_eq!(slice_chars("abc", CharSpan::new(2, 9)), None);
        assert_eq!(slice_chars("abc", CharSpan::new(2, 1)), None);
        assert_eq!(slice_chars("abc", CharSpan::new(3, 3)), Some(""));
    }

    proptest! {
        #[test]
        fn char_byte_round_trip(s in "\\PC{0,64}", a in 0usize..70, b in 0usize..70) {
            let idx = CharIndex::new(&s);
            let n = s.chars().count();
            let (a, b) = (a.min(n), b.min(n));
            let (a, b) = (a.min(b), a.max(b));
            let span = CharSpan::new(a, b);
            let bs = idx.to_byte_span(span).expect("clamped span is in range");
            prop_assert_eq!(idx.to_char_span(bs), span);
            // The byte-read boundaries are the decoder's char starts.
            let by_chars: Vec<u32> = s
                .char_indices()
                .map(|(b, _)| b as u32)
                .chain([s.len() as u32])
                .collect();
            prop_assert_eq!(&idx.boundaries, &by_chars);
            let expected: String = s.chars().skip(a).take(b - a).collect();
            prop_assert_eq!(&s[bs.range()], expected.as_str());
            prop_assert_eq!(slice_chars(&s, span), Some(expected.as_str()));
            let sparse = SparseCharIndex::new(&s, [a, b]);
            prop_assert_eq!(sparse.to_byte_span(span), Some(bs));
            prop_assert_eq!(sparse.char_len(), n);
        }
    }
}
