//! Extraction: from a cleaned article to its event record and entity pre-annotations, each
//! value pointing at the text it came from.
//!
//! Everything slow to build (automata, regexes) lives in [`Resources`], built once; each
//! document is then read in one pass per matcher over a letter-folded copy of its text
//! ([`fold`]), whose byte offsets are the text's own.

pub mod agencies;
pub mod dates;
pub mod entities;
pub mod events;
pub mod facts;
pub mod fold;
pub mod gazetteer;
pub mod headline;
pub mod lexicon;
pub mod names;
pub mod phrases;
pub mod refs;
pub mod topics;
pub mod written_date;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use gazetteer::{GazMatch, Gazetteer, GazetteerEntry, Office};
pub use topics::{Taxonomy, Topic, TopicMatch};

use crate::model::{Entity, Fields, Language, Metadata, Value};
use crate::text::{ByteOffset, ByteSpan, CharIndex, CharSpan};
use dates::{DateFinder, FoundDate};
use lexicon::{Lexicon, Occurrence, Occurrences};

const BUNDLED_GAZETTEER: &str = include_str!("../../assets/gazetteer.tsv");
const BUNDLED_OFFICES: &str = include_str!("../../assets/offices.tsv");
const BUNDLED_TOPICS: &str = include_str!("../../assets/topics.toml");

/// Why resources could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ResourceError {
    /// A file could not be read or written.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A TSV row is malformed.
    #[error("{file}, line {line}: {problem}")]
    Format {
        /// The file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        problem: String,
    },
    /// A TOML file does not parse.
    #[error("{file}: {problem}")]
    Toml {
        /// The file.
        file: String,
        /// The parser's message.
        problem: String,
    },
    /// A matcher could not be built.
    #[error("could not build a matcher: {0}")]
    Automaton(String),
    /// A built-in pattern failed to compile.
    #[error("built-in date pattern: {0}")]
    Pattern(#[from] regex::Error),
}

/// Everything extraction needs, built once and shared by every document.
#[derive(Debug, Clone)]
pub struct Resources {
    /// People, organisations, places, treaties and office holders.
    pub gazetteer: Gazetteer,
    /// Topics and their keywords.
    pub topics: Taxonomy,
    /// Date patterns.
    pub dates: DateFinder,
    /// The strings of the gazetteer and topics (and the fixed event and date words) in one
    /// automaton, built with them. When either is changed or replaced afterwards, each
    /// document builds a lexicon of its own (correct, but slow) until [`Resources::refresh`].
    lexicon: Lexicon,
}

impl Resources {
    /// The resources shipped inside the binary.
    ///
    /// # Errors
    /// Only if the bundled files are broken, which the tests rule out.
    pub fn bundled() -> Result<Self, ResourceError> {
        Self::load_with_user(None)
    }

    /// The bundled resources plus the analyst's own from `dir`: `gazetteer.tsv`,
    /// `offices.tsv` and `topics.toml`, each optional, each added to the bundled one.
    ///
    /// # Errors
    /// A user file that cannot be read or parsed, naming it.
    pub fn load_with_user(dir: Option<&Path>) -> Result<Self, ResourceError> {
        let mut entries = Gazetteer::parse_entries(BUNDLED_GAZETTEER, "assets/gazetteer.tsv")?;
        let mut offices = Gazetteer::parse_offices(BUNDLED_OFFICES, "assets/offices.tsv")?;
        let mut topics = Taxonomy::parse(BUNDLED_TOPICS, "assets/topics.toml")?;
        if let Some(dir) = dir {
            if let Some(t) = read_optional(&dir.join("gazetteer.tsv"))? {
                entries.extend(Gazetteer::parse_entries(&t.1, &t.0)?);
            }
            if let Some(t) = read_optional(&dir.join("offices.tsv"))? {
                offices.extend(Gazetteer::parse_offices(&t.1, &t.0)?);
            }
            if let Some(t) = read_optional(&dir.join("topics.toml"))? {
                topics.extend(Taxonomy::parse(&t.1, &t.0)?);
            }
        }
        let gazetteer = Gazetteer::new(entries, offices)?;
        let topics = Taxonomy::new(topics)?;
        Ok(Self {
            lexicon: Lexicon::new(&gazetteer, &topics)?,
            gazetteer,
            topics,
            dates: DateFinder::new()?,
        })
    }

    /// Rebuilds the lexicon after `gazetteer` or `topics` were changed (an alias added) or
    /// replaced, so that documents are read in one pass again.
    ///
    /// # Errors
    /// When the automaton cannot be built.
    pub fn refresh(&mut self) -> Result<(), ResourceError> {
        self.lexicon = Lexicon::new(&self.gazetteer, &self.topics)?;
        Ok(())
    }
}

fn read_optional(path: &PathBuf) -> Result<Option<(String, String)>, ResourceError> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(Some((path.display().to_string(), s))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ResourceError::Io {
            file: path.display().to_string(),
            source,
        }),
    }
}

/// What extraction produces for one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    /// The event record.
    pub fields: Fields,
    /// Entity pre-annotations, sorted, not overlapping.
    pub entities: Vec<Entity>,
}

/// A sentence of the text: its bytes and its paragraph (line) number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes, trimmed.
    pub span: ByteSpan,
    /// 0-based line.
    pub line: usize,
}

/// One document prepared for the matchers: folded copy, char index, sentences and every
/// match, computed once.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The clean text.
    pub text: &'a str,
    /// Its folded copy (same byte offsets).
    pub folded: String,
    /// Byte → char conversion.
    pub index: CharIndex,
    /// Document language.
    pub lang: Language,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Gazetteer mentions.
    pub gaz: Vec<GazMatch>,
    /// Topic keywords.
    pub topics: Vec<TopicMatch>,
    /// Absolute dates.
    pub dates: Vec<FoundDate>,
    /// Relative days and weekdays.
    pub relative: Vec<FoundDate>,
    /// Fixed phrases the event rules use.
    pub phrases: Vec<phrases::Phrase>,
    /// Publication day, once known.
    pub published: Option<NaiveDate>,
    /// Event cue words, sorted by start, longest first at each start.
    pub(crate) cues: Vec<Occurrence>,
}

impl<'a> Analysis<'a> {
    /// Runs every matcher over `text` once.
    #[must_use]
    pub fn new(text: &'a str, lang: Language, res: &Resources) -> Self {
        let (folded, scanned) = fold_and_scan(text, res);
        let mut index = None;
        let (gaz, topics, phrases, mut cues, relative, dates) = match scanned {
            Some(mut o) => {
                // Folding keeps every char's length, so the folded copy's char index is the
                // text's.
                index = o.index.take();
                lexicon::sort_leftmost_longest(&mut o.gazetteer);
                let mut starts: Vec<usize> = o.date_words.iter().map(|w| w.start).collect();
                starts.sort_unstable();
                starts.dedup();
                o.months.sort_unstable_by_key(|m| m.start);
                (
                    res.gazetteer.find_in(&folded, lang, &o.gazetteer),
                    res.topics.find_in(&folded, &o.topics),
                    phrases::find_in(&o.phrases),
                    o.cues,
                    res.dates.find_relative_at(text, &folded, &starts),
                    res.dates
                        .find_absolute_at(text, &folded, lang, &o.months, &starts),
                )
            }
            // No lexicon could be built: each matcher runs its own automaton.
            None => (
                res.gazetteer.find(&folded, lang),
                res.topics.find(&folded),
                phrases::find(&folded),
                events::cue_occurrences(&folded),
                res.dates.find_relative(text, &folded),
                res.dates.find_absolute(text, &folded, lang),
            ),
        };
        lexicon::sort_leftmost_longest(&mut cues);
        Self {
            text,
            index: index.unwrap_or_else(|| CharIndex::new(text)),
            lang,
            sentences: split_sentences(text),
            gaz,
            topics,
            dates,
            relative,
            phrases,
            folded,
            published: None,
            cues,
        }
    }

    /// The char span of a byte span.
    #[must_use]
    pub fn chars(&self, s: ByteSpan) -> CharSpan {
        self.index.to_char_span(s)
    }

    /// The text of a byte span ("" when out of range).
    #[must_use]
    pub fn slice(&self, s: ByteSpan) -> &'a str {
        self.text.get(s.range()).unwrap_or("")
    }

    /// The folded text of a byte span.
    #[must_use]
    pub fn folded_slice(&self, s: ByteSpan) -> &str {
        self.folded.get(s.range()).unwrap_or("")
    }

    /// Index of the sentence holding byte `b`.
    #[must_use]
    pub fn sentence_of(&self, b: ByteOffset) -> Option<usize> {
        self.sentences
            .iter()
            .position(|s| s.span.start <= b && b < s.span.end)
    }
}

/// The folded copy of `text` and every occurrence of the resources' strings in it, in one
/// pass of the resources' lexicon (which folds on its way), or of one built now when the
/// gazetteer or taxonomy changed since; no occurrences only when none can be built.
fn fold_and_scan(text: &str, res: &Resources) -> (String, Option<Occurrences>) {
    if res.lexicon.fits(&res.gazetteer, &res.topics) {
        let (folded, o) = res.lexicon.fold_and_scan(text);
        return (folded, Some(o));
    }
    match Lexicon::new(&res.gazetteer, &res.topics) {
        Ok(lexicon) => {
            let (folded, o) = lexicon.fold_and_scan(text);
            (folded, Some(o))
        }
        Err(_) => (fold::fold(text), None),
    }
}

/// Adds `text[s..e]`, trimmed of whitespace, as a sentence of line `line`, unless it is blank.
fn push_trimmed_sentence(text: &str, s: usize, e: usize, line: usize, out: &mut Vec<Sentence>) {
    let piece = text.get(s..e).unwrap_or("");
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if s + lead < e - trail {
        out.push(Sentence {
            span: ByteSpan {
                start: ByteOffset(s + lead),
                end: ByteOffset(e - trail),
            },
            line,
        });
    }
}

/// Splits at line breaks and at sentence-final punctuation followed by a space, so that
/// decimals ("۲.۵") and abbreviations without a following space stay whole.
///
/// Every break is an ASCII byte or "؟" (D8 9F), so the text is read as bytes and only the
/// char after a stop is decoded: decoding every char was most of the cost. Breaks are a few
/// bytes in a hundred, so the places they may be are found by `memchr`'s vectorized searches
/// ([`break_candidates`]); a branch per byte was most of what was left.
fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut start = 0;
    let push = |s: usize, e: usize, line: usize, out: &mut Vec<Sentence>| {
        push_trimmed_sentence(text, s, e, line, out);
    };
    let bytes = text.as_bytes();
    for p in break_candidates(bytes) {
        let Some(&x) = bytes.get(p) else { break };
        // "؟" is D8 9F and is found at its second byte; a 9F after any other lead is not it.
        let (b, stop_len) = match x {
            b'.' | b'!' | b'?' => (p, 1),
            0x9F if p > 0 && bytes.get(p - 1) == Some(&0xD8) => (p - 1, 2),
            _ => (p, 0),
        };
        if x == b'\n' {
            push(start, b, line, &mut out);
            line += 1;
            start = b + 1;
        } else if stop_len > 0 {
            let after = b + stop_len;
            let next = text.get(after..).and_then(|t| t.chars().next());
            if next.is_none_or(char::is_whitespace) {
                push(start, after, line, &mut out);
                start = after;
            }
        }
    }
    push(start, text.len(), line, &mut out);
    out
}

/// In ascending order, every byte that may be a sentence break: a line break, `.`, `!`, `?`,
/// or 0x9F (the second byte of "؟", rare elsewhere in Persian and Arabic text).
fn break_candidates(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut a = memchr::memchr3_iter(b'\n', b'.', b'?', bytes).peekable();
    let mut b = memchr::memchr2_iter(b'!', 0x9F, bytes).peekable();
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// [`split_sentences`] char by char: the reference it is tested against.
#[cfg(test)]
fn split_sentences_by_char(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    let push = |s: usize, e: usize, line: usize, out: &mut Vec<Sentence>| {
        push_trimmed_sentence(text, s, e, line, out);
    };
    while let Some((b, c)) = chars.next() {
        if c == '\n' {
            push(start, b, line, &mut out);
            line += 1;
            start = b + 1;
        } else if matches!(c, '.' | '!' | '?' | '؟') {
            let next = chars.peek().map(|&(_, n)| n);
            if next.is_none_or(char::is_whitespace) {
                push(start, b + c.len_utf8(), line, &mut out);
                start = b + c.len_utf8();
            }
        }
    }
    push(start, text.len(), line, &mut out);
    out
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            crate::text::chars::digit_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c)
        })
        .collect()
}

/// Extracts the event record and entity pre-annotations of one cleaned document.
#[must_use]
pub fn extract(text: &str, lang: Language, metadata: &Metadata, res: &Resources) -> Extraction {
    let mut a = Analysis::new(text, lang, res);
    let mut fields = Fields {
        headline: headline::headline(&a),
        ..Fields::default()
    };
    fields.published = headline::published(&a, metadata, res);
    a.published = fields
        .published
        .as_ref()
        .and_then(|p| NaiveDate::parse_from_str(p.value.get(..10).unwrap_or(""), "%Y-%m-%d").ok());
    fields.news_id = metadata
        .news_id
        .as_ref()
        .filter(|s| !s.trim().is_empty())
        // Ids are compared and exported as ASCII digits whatever script the page used.
        .map(|s| Value::auto(ascii_digits(s.trim()), Vec::new()));
    fields.tags = metadata
        .tags
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| Value::auto(t.trim().to_owned(), Vec::new()))
        .collect();
    let cited = agencies::find(&a, res);
    fields.agencies = cited.agencies;
    fields.outlet = cited.outlet;
    fields.topics = events::document_topics(&a, res);
    fields.events = events::find(&a, res);
    Extraction {
        entities: entities::entities(&a, res),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_resources_load() -> Result<(), ResourceError> {
        let r = Resources::bundled()?;
        assert!(r.gazetteer.entries().len() > 50);
        assert!(r.topics.topics().len() > 20);
        Ok(())
    }

    #[test]
    fn user_files_extend_and_errors_name_the_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(
            dir.path().join("gazetteer.tsv"),
            "PERSON\tJane Analyst\t\t\t\tجین تحلیلگر\t\t\n",
        )?;
        let r = Resources::load_with_user(Some(dir.path()))?;
        assert!(r.gazetteer.by_canonical("Jane Analyst").is_some());
        std::fs::write(dir.path().join("offices.tsv"), "bad row\n")?;
        let e = Resources::load_with_user(Some(dir.path()));
        assert!(
            matches!(e, Err(ResourceError::Format { file, line: 1, .. }) if file.ends_with("offices.tsv"))
        );
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn byte_split_matches_char_split(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "ب", ".", "!", "?", "؟", " ", "\n", "\u{a0}", "\u{2028}", "۲", "😀", "\u{61e}", "\u{9f}",
                    "\u{65f}", "\u{6df}", "\u{61f}\u{61f}", "سلام دنیا و",
                ]),
                0..64,
            )
        ) {
            let t = parts.concat();
            proptest::prop_assert_eq!(split_sentences(&t), split_sentences_by_char(&t));
        }
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let t = "تیتر خبر\nجمله اول. جمله ۲.۵ دوم؟ سوم\n";
        let s: Vec<&str> = split_sentences(t)
            .iter()
            .map(|s| t.get(s.span.range()).unwrap_or(""))
            .collect();
        assert_eq!(s, ["تیتر خبر", "جمله اول.", "جمله ۲.۵ دوم؟", "سوم"]);
    }
}
