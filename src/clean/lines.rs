//! Splitting raw text into lines with both code-point and byte positions.

use super::normalize::{is_blank, is_line_break};

/// One raw line: where its trimmed content lies, in code points and bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    /// First content code point (after leading blanks).
    pub start: usize,
    /// One past the last content code point (before trailing blanks).
    pub end: usize,
    /// Byte offset of `start`.
    pub byte_start: usize,
    /// Byte offset of `end`.
    pub byte_end: usize,
}

impl Line {
    /// The trimmed content of the line in `raw`.
    pub(crate) fn text<'r>(&self, raw: &'r str) -> &'r str {
        raw.get(self.byte_start..self.byte_end).unwrap_or("")
    }
}

/// The non-blank lines of `raw`, in order, each trimmed of spaces and bidi controls.
///
/// CRLF counts as one break, like in [`super::render`]. Lines are cut at CR and LF found with
/// `memchr` (SIMD); only a piece holding one of the rare other breaks (vertical tab, form feed,
/// NEL, U+2028/2029) is walked char by char. Within a piece only the blanks at its two ends are
/// decoded; the rest is counted, not decoded.
pub(crate) fn content_lines(raw: &str) -> Vec<Line> {
    let bytes = raw.as_bytes();
    // Room for lines of 60 bytes without regrowing: article lines are longer on average.
    let mut lines = Vec::with_capacity(bytes.len() / 60 + 8);
    let (mut ci, mut bi) = (0, 0);
    // The other breaks are rare: looked for once in the whole text, and piece by piece only
    // when it has one. One iterator over the CRs and LFs, not a search started per line.
    let other_breaks = has_other_break(bytes);
    let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
    while bi <= bytes.len() {
        let end = breaks.next().unwrap_or(bytes.len());
        if end == bi {
            // An empty piece: the LF of a CRLF, or a blank line between paragraphs. About half
            // the pieces of an article (73,000 of the benchmark's 132,000), which need none of
            // the work below.
            (ci, bi) = (ci + 1, end + 1);
            continue;
        }
        let piece = raw.get(bi..end).unwrap_or("");
        let chars = if other_breaks && has_other_break(piece.as_bytes()) {
            let mut at = (ci, bi);
            for part in piece.split(is_line_break) {
                let n = count_chars(part);
                push_trimmed(part, at, n, &mut lines);
                at = (at.0 + n + 1, at.1 + part.len());
                // The break itself: one char of a few bytes.
                at.1 += piece
                    .get(at.1 - bi..)
                    .and_then(|rest| rest.chars().next())
                    .map_or(0, char::len_utf8);
            }
            count_chars(piece)
        } else {
            let n = count_chars(piece);
            push_trimmed(piece, (ci, bi), n, &mut lines);
            n
        };
        // The CR or LF after the piece (one char, one byte); CRLF leaves an empty piece.
        (ci, bi) = (ci + chars + 1, end + 1);
    }
    lines
}

/// Code points of `s`: its bytes that do not continue a UTF-8 sequence.
fn count_chars(s: &str) -> usize {
    bytecount::num_chars(s.as_bytes())
}

/// True when `piece` holds a line break other than CR and LF: VT, FF, NEL (C2 85), U+2028 or
/// U+2029 (E2 80 A8/A9).
fn has_other_break(piece: &[u8]) -> bool {
    if memchr::memchr2(0x0B, 0x0C, piece).is_some() {
        return true;
    }
    // C2 and E2 lead bytes are common (NBSP, guillemets, ZWNJ); each hit is checked exactly.
    memchr::memchr2_iter(0xC2, 0xE2, piece).any(|i| {
        matches!(
            (piece.get(i), piece.get(i + 1), piece.get(i + 2)),
            (Some(0xC2), Some(0x85), _) | (Some(0xE2), Some(0x80), Some(0xA8 | 0xA9))
        )
    })
}

/// Adds `part` (no line break inside; `chars` code points, starting at char and byte `at`)
/// trimmed of blanks, unless it is all blank.
fn push_trimmed(part: &str, at: (usize, usize), chars: usize, lines: &mut Vec<Line>) {
    let mut lead = (0, 0);
    for c in part.chars() {
        if !is_blank(c) {
            break;
        }
        lead = (lead.0 + 1, lead.1 + c.len_utf8());
    }
    if lead.1 == part.len() {
        return;
    }
    let mut trail = (0, 0);
    for c in part.chars().rev() {
        if !is_blank(c) {
            break;
        }
        trail = (trail.0 + 1, trail.1 + c.len_utf8());
    }
    lines.push(Line {
        start: at.0 + lead.0,
        end: at.0 + chars - trail.0,
        byte_start: at.1 + lead.1,
        byte_end: at.1 + part.len() - trail.1,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::normalize::char_at;

    /// The plain statement of [`content_lines`]: a walk over every char.
    fn content_lines_walk(raw: &str) -> Vec<Line> {
        let bytes = raw.as_bytes();
        let mut lines = Vec::new();
        let mut current: Option<Line> = None;
        let mut prev_cr = false;
        let (mut ci, mut bi) = (0, 0);
        while bi < bytes.len() {
            // A run of visible ASCII and letters of the Arabic block (lead byte D8..DB; U+061C, the
            // Arabic letter mark, is D8 9C): neither breaks nor blanks, decided from their bytes
            // without decoding them or the Unicode whitespace table. Most of a line is such runs,
            // and the line only needs to know where the run ends.
            let (run_ci, run_bi) = (ci, bi);
            while let Some(&b) = bytes.get(bi) {
                let len = if (b'!'..=b'~').contains(&b) {
                    1
                } else if matches!(b, 0xD9..=0xDB)
                    || (b == 0xD8 && bytes.get(bi + 1).is_some_and(|&n| n != 0x9C))
                {
                    2
                } else {
                    break;
                };
                (ci, bi) = (ci + 1, bi + len);
            }
            let (start, byte_start) = if bi > run_bi {
                (run_ci, run_bi)
            } else {
                // Any other char, decoded.
                let Some((c, len)) = char_at(bytes, raw, bi) else {
                    break;
                };
                if is_line_break(c) {
                    if !(prev_cr && c == '\n')
                        && let Some(line) = current.take()
                    {
                        lines.push(line);
                    }
                    prev_cr = c == '\r';
                    (ci, bi) = (ci + 1, bi + len);
                    continue;
                }
                prev_cr = false;
                let at = (ci, bi);
                (ci, bi) = (ci + 1, bi + len);
                if is_blank(c) {
                    continue;
                }
                at
            };
            prev_cr = false;
            match current.as_mut() {
                Some(line) => {
                    line.end = ci;
                    line.byte_end = bi;
                }
                None => {
                    current = Some(Line {
                        start,
                        end: ci,
                        byte_start,
                        byte_end: bi,
                    });
                }
            }
        }
        if let Some(line) = current {
            lines.push(line);
        }
        lines
    }

    #[test]
    fn trims_and_skips_blank_lines() {
        let raw = "  a b \r\n\r\n\u{200F}c\n \t\n";
        let lines = content_lines(raw);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(raw), "a b");
        assert_eq!((lines[0].start, lines[0].end), (2, 5));
        assert_eq!(lines[1].text(raw), "c");
        assert_eq!(lines[1].start, 11);
    }

    /// Texts of line breaks of every kind, blanks, controls and letters.
    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "ب", " ", "\n", "\r\n", "\r", "\t", "\u{A0}", "\u{200F}", "\u{200C}",
                "\u{2028}", "\u{2029}", "\u{85}", "\u{0B}", "\u{0C}", "\u{FEFF}", "م", "«", "𝐀",
                "\u{200B}", "\u{3000}", "ي", "ك", ".", "۳",
            ]),
            0..80,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        /// The lines rendering reports as it writes are exactly what [`content_lines`] finds in
        /// the text it wrote: what a later round reads instead of looking for them.
        #[test]
        fn rendered_lines_are_content_lines(
            raw in texts(),
            fa in proptest::bool::ANY,
            zwnj in proptest::bool::ANY,
        ) {
            let lang = if fa { crate::model::Language::Fa } else { crate::model::Language::Ar };
            let norm = crate::model::Normalization {
                restore_zwnj: zwnj,
                ..Default::default()
            };
            let (text, _, lines) =
                super::super::render::render_with_lines(&raw, &[], lang, &norm, super::super::render::KnownLines::default());
            proptest::prop_assert_eq!(lines, content_lines(&text));
        }
    }

    proptest::proptest! {
        /// The piecewise split equals the char-by-char walk.
        #[test]
        fn pieces_equal_the_walk(raw in texts()) {
            proptest::prop_assert_eq!(content_lines(&raw), content_lines_walk(&raw));
        }
    }
}
