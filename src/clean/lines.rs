//! Splitting raw text into lines with both code-point and byte positions.

use super::normalize::{char_at, is_blank, is_line_break};

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
/// One pass over the bytes; CRLF counts as one break, like in [`super::render`].
pub(crate) fn content_lines(raw: &str) -> Vec<Line> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
