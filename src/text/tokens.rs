//! Word tokens of Persian and Arabic text, for the CoNLL export and word-level tools.
//!
//! A token is a maximal run of word characters (letters, marks, digits, and a ZWNJ between two
//! of them, so تماس‌های stays one token), or a single other non-space character (punctuation).
//! Callers can force extra cut points (entity boundaries) so no span ever starts or ends inside
//! a token: an attached و before a name becomes its own token.

use super::chars::{ZWNJ, is_word_char};
use super::offsets::CharSpan;

/// A token: its code-point span and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Where it is, in code points.
    pub span: CharSpan,
    /// Its text.
    pub text: &'a str,
    /// True when the token ends a sentence (., !, ?, ؟, or the end of a line).
    pub ends_sentence: bool,
}

/// Split `text` into tokens, also cutting at every offset in `cuts` (sorted or not).
#[must_use]
pub fn tokenize<'a>(text: &'a str, cuts: &[usize]) -> Vec<Token<'a>> {
    let mut cuts: Vec<usize> = cuts.to_vec();
    cuts.sort_unstable();
    cuts.dedup();
    let mut cut_iter = cuts.into_iter().peekable();

    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out: Vec<Token<'a>> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        while cut_iter.peek().is_some_and(|&k| k <= i) {
            cut_iter.next();
        }
        if c.is_whitespace() {
            if let Some(last) = out.last_mut().filter(|_| c == '\n') {
                last.ends_sentence = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let next_cut = cut_iter.peek().copied().unwrap_or(usize::MAX);
        if is_word_char(c) && c != ZWNJ {
            i += 1;
            while i < chars.len() && i < next_cut {
                let d = chars[i].1;
                let joins = d == ZWNJ
                    && chars
                        .get(i + 1)
                        .is_some_and(|&(_, e)| is_word_char(e) && e != ZWNJ)
                    && i + 1 < next_cut;
                if (is_word_char(d) && d != ZWNJ) || joins {
                    i += if joins { 2 } else { 1 };
                } else {
                    break;
                }
            }
        } else {
            i += 1;
        }
        let ends = matches!(c, '.' | '!' | '?' | '؟') && i - start == 1;
        out.push(Token {
            span: CharSpan::new(start, i),
            text: &text[byte_at(start)..byte_at(i)],
            ends_sentence: ends,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str, cuts: &[usize]) -> Vec<String> {
        tokenize(t, cuts)
            .into_iter()
            .map(|t| t.text.to_owned())
            .collect()
    }

    #[test]
    fn zwnj_word_is_one_token_and_punctuation_splits() {
        assert_eq!(
            texts("در تماس‌های تلفنی، گفت‌وگو کردند.", &[]),
            vec!["در", "تماس‌های", "تلفنی", "،", "گفت‌وگو", "کردند", "."]
        );
    }

    #[test]
    fn cuts_split_attached_clitic() {
        // "ولافروف": the entity starts after the attached و.
        assert_eq!(
            texts("قال ولافروف إن", &[5]),
            vec!["قال", "و", "لافروف", "إن"]
        );
    }

    #[test]
    fn sentences_end_at_stops_and_lines() {
        let toks = tokenize("سلام. خوبی؟\nبله", &[]);
        let ends: Vec<bool> = toks.iter().map(|t| t.ends_sentence).collect();
        assert_eq!(ends, vec![false, true, false, true, false]);
    }

    #[test]
    fn spans_are_code_points() {
        let toks = tokenize("با لاوروف", &[]);
        assert_eq!(toks[1].span, CharSpan::new(3, 9));
    }
}
