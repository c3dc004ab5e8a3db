//! Site rules: boilerplate phrases as data, loaded from TOML and matched with aho-corasick.
//!
//! The bundled file `assets/site_rules.toml` documents the format; an analyst's own file is
//! merged on top of it with [`SiteRules::merge`].

use std::path::{Path, PathBuf};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use serde::Deserialize;
use thiserror::Error;

use super::normalize::fold_str;
use crate::model::RemovalReason;

/// Where in the line a phrase must stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Anywhere, on word boundaries.
    #[default]
    Anywhere,
    /// At the very start of the line.
    Start,
}

/// What goes when the rule matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The whole line.
    #[default]
    Line,
    /// Only the matched phrase (e.g. a section name in front of the headline).
    Phrase,
}

/// Where in the article the line must be for the rule to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// Anywhere.
    #[default]
    Any,
    /// Above the first body paragraph.
    Header,
    /// Below the last body paragraph.
    Footer,
}

/// What the rest of the line after the phrase must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rest {
    /// Anything.
    #[default]
    Any,
    /// Only a number (a news id).
    Number,
    /// Only a date or time stamp.
    Date,
}

/// Which page fact a matching line carries into the metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capture {
    /// Nothing.
    #[default]
    None,
    /// The first number after the phrase becomes `metadata.news_id`.
    NewsId,
    /// The rest of the line, split on commas, becomes `metadata.tags`.
    Tags,
    /// The line's text goes to `metadata.extra["published_line"]`.
    PublishedLine,
    /// The line's text goes to `metadata.extra["crawl_date_line"]`.
    CrawlDateLine,
}

/// One rule: a phrase, why it is boilerplate, and the conditions under which it applies.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The phrase as it appears on pages; matched after folding (letter variants, digits,
    /// punctuation and spacing do not matter).
    pub phrase: String,
    /// Why lines with it are removed.
    pub reason: RemovalReason,
    /// Where in the line the phrase must stand.
    #[serde(default)]
    pub anchor: Anchor,
    /// What goes.
    #[serde(default)]
    pub scope: Scope,
    /// Where in the article the line must be.
    #[serde(default)]
    pub zone: Zone,
    /// What must follow the phrase.
    #[serde(default)]
    pub rest: Rest,
    /// Longest line (code points) the rule removes whole, so a body sentence that merely quotes
    /// the phrase is kept.
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
    /// Which page fact the line carries.
    #[serde(default)]
    pub capture: Capture,
}

fn default_max_chars() -> usize {
    80
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default, rename = "rule")]
    rules: Vec<Rule>,
}

/// Why a rules file could not be used.
#[derive(Debug, Error)]
pub enum RulesError {
    /// The file could not be read.
    #[error("cannot read site rules {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid rules TOML.
    #[error("site rules {path}, line {line}: {problem}")]
    Parse {
        /// The file (`<bundled>` or `<string>` when not from disk).
        path: PathBuf,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// What is wrong.
        problem: String,
    },
}

/// A set of rules, compiled for matching.
#[derive(Debug, Clone)]
pub struct SiteRules {
    rules: Vec<Rule>,
    folded: Vec<String>,
    matcher: Option<AhoCorasick>,
    /// Longest line any whole-line rule removes.
    max_line_chars: usize,
    /// True when some phrase rule may match anywhere in a line.
    phrase_anywhere: bool,
    /// Longest folded phrase, in bytes.
    max_phrase_bytes: usize,
    /// The word openings a phrase may start with.
    openings: Openings,
}

/// A filter over the openings of every folded phrase: a bit per hash of the first sixteen
/// bytes (about eight letters) of each phrase at least that long, a bit per hash of the first
/// eight bytes of each phrase of eight to fifteen bytes, and the few shorter phrases kept whole.
/// Keying all phrases on their shortest one's length would let every word that shares its
/// first letters through: every Arabic word with the article ال for a two-letter phrase (کد),
/// every "فیلم" for a phrase opening with it.
/// Phrases match whole words, so a line is only searched at its word starts, and nearly every
/// word start is ruled out here by a multiply or two and a bit test instead of an automaton
/// walk over every byte of the line.
#[derive(Debug, Clone)]
struct Openings {
    /// Bits of the sixteen-byte openings.
    long: Vec<u64>,
    /// Bits of the eight-byte openings of phrases shorter than sixteen bytes.
    mid: Vec<u64>,
    /// Phrases shorter than eight bytes, compared whole.
    short: Vec<Vec<u8>>,
}

impl Openings {
    const BITS: u32 = 16;

    fn new(phrases: &[String]) -> Self {
        let mut long = vec![0u64; (1usize << Self::BITS) / 64];
        let mut mid = long.clone();
        let mut short = Vec::new();
        let set = |bits: &mut Vec<u64>, slot: usize| {
            if let Some(word) = bits.get_mut(slot / 64) {
                *word |= 1 << (slot % 64);
            }
        };
        for p in phrases {
            let bytes = p.as_bytes();
            if let Some(opening) = bytes.first_chunk::<16>() {
                set(&mut long, Self::slot16(opening));
            } else if let Some(opening) = bytes.first_chunk::<8>() {
                set(&mut mid, Self::slot8(opening));
            } else {
                short.push(bytes.to_vec());
            }
        }
        short.sort();
        short.dedup();
        Self { long, mid, short }
    }

    /// The bit of an eight-byte opening.
    #[inline]
    fn slot8(opening: &[u8; 8]) -> usize {
        let hash = u64::from_le_bytes(*opening).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The top BITS bits: below 2^16, so the cast loses nothing.
        (hash >> (64 - Self::BITS)) as usize
    }

    /// The bit of a sixteen-byte opening.
    #[inline]
    fn slot16(opening: &[u8; 16]) -> usize {
        let (a, b) = opening.split_at(8);
        let a = a.first_chunk::<8>().map_or(0, |a| u64::from_le_bytes(*a));
        let b = b.first_chunk::<8>().map_or(0, |b| u64::from_le_bytes(*b));
        let hash = (a ^ b.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> (64 - Self::BITS)) as usize
    }

    /// True when some phrase may start at the start of `text`.
    #[inline]
    fn may_open(&self, text: &[u8]) -> bool {
        let bit = |bits: &[u64], slot: usize| {
            bits.get(slot / 64)
                .is_some_and(|w| w >> (slot % 64) & 1 == 1)
        };
        text.first_chunk::<16>()
            .is_some_and(|o| bit(&self.long, Self::slot16(o)))
            || text
                .first_chunk::<8>()
                .is_some_and(|o| bit(&self.mid, Self::slot8(o)))
            || self.short.iter().any(|p| text.starts_with(p))
    }
}

impl Default for SiteRules {
    fn default() -> Self {
        Self::bundled()
    }
}

const BUNDLED: &str = include_str!("../../assets/site_rules.toml");

impl SiteRules {
    /// The rules shipped with Khabar (`assets/site_rules.toml`).
    #[must_use]
    pub fn bundled() -> Self {
        // The bundled file is checked by a unit test; should it ever be broken the app still
        // cleans with structural heuristics alone.
        Self::from_toml_str(BUNDLED).unwrap_or_else(|_| Self::from_rules(Vec::new()))
    }

    /// No rules at all: structural heuristics only.
    #[must_use]
    pub fn empty() -> Self {
        Self::from_rules(Vec::new())
    }

    /// Rules from TOML text.
    pub fn from_toml_str(text: &str) -> Result<Self, RulesError> {
        parse(text, Path::new("<string>"))
    }

    /// Rules from a TOML file.
    pub fn load(path: &Path) -> Result<Self, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: path.to_owned(),
            source,
        })?;
        parse(&text, path)
    }

    /// These rules extended by `user`'s; a user rule with the same (folded) phrase replaces the
    /// bundled one, so an analyst can also loosen a rule.
    #[must_use]
    pub fn merge(&self, user: &SiteRules) -> SiteRules {
        let mut rules: Vec<Rule> = self
            .rules
            .iter()
            .zip(&self.folded)
            .filter(|(_, f)| !user.folded.contains(f))
            .map(|(r, _)| r.clone())
            .collect();
        rules.extend(user.rules.iter().cloned());
        Self::from_rules(rules)
    }

    /// The rules, in file order.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn from_rules(rules: Vec<Rule>) -> Self {
        let mut kept = Vec::with_capacity(rules.len());
        let mut folded = Vec::with_capacity(rules.len());
        for r in rules {
            let f = fold_str(&r.phrase);
            if !f.is_empty() {
                folded.push(f);
                kept.push(r);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // The contiguous NFA: a few kilobytes, where the DFA's tables were big enough to
            // fall out of the cache between two searches (a search runs only where a phrase
            // may open, about once a line) and each cost several cache misses.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            // Searched at word starts only (see `Openings`).
            .start_kind(StartKind::Anchored)
            .build(&folded)
            .ok();
        let max_line_chars = kept
            .iter()
            .filter(|r| r.scope == Scope::Line)
            .map(|r| r.max_chars)
            .max()
            .unwrap_or(0);
        let phrase_anywhere = kept
            .iter()
            .any(|r| r.scope == Scope::Phrase && r.anchor == Anchor::Anywhere);
        let max_phrase_bytes = folded.iter().map(String::len).max().unwrap_or(0);
        let openings = Openings::new(&folded);
        Self {
            rules: kept,
            folded,
            matcher,
            max_line_chars,
            phrase_anywhere,
            max_phrase_bytes,
            openings,
        }
    }

    /// The part of a folded line worth searching. A line longer than every whole-line rule
    /// allows can only hold a phrase rule's match, and when those are all anchored at the start
    /// only the line's opening can: body paragraphs are then barely searched at all.
    pub(crate) fn searchable<'s>(&self, folded: &'s str, line_chars: usize) -> &'s str {
        if line_chars <= self.max_line_chars || self.phrase_anywhere {
            return folded;
        }
        // One char beyond the longest phrase, so the word-boundary test still sees what follows.
        let mut end = (self.max_phrase_bytes + 4).min(folded.len());
        while !folded.is_char_boundary(end) {
            end += 1;
        }
        folded.get(..end).unwrap_or(folded)
    }

    /// The rule at `index` of [`Self::rules`].
    pub(crate) fn rule(&self, index: usize) -> Option<&Rule> {
        self.rules.get(index)
    }

    /// Every rule match in a folded line, on word boundaries: `(rule index, rule, byte start,
    /// byte end)`, left to right, not overlapping; at each word start the longest phrase. The
    /// index lets a match be kept without a borrow of the rules.
    pub(crate) fn indexed_matches<'s>(
        &'s self,
        folded: &'s str,
    ) -> impl Iterator<Item = (usize, &'s Rule, usize, usize)> + 's {
        self.matches_at_word_starts(folded, |opening| self.openings.may_open(opening))
    }

    /// [`Self::indexed_matches`] with the automaton tried only at the word starts where
    /// `may_open` holds for the text from there on (the tests try every word start).
    fn matches_at_word_starts<'s>(
        &'s self,
        folded: &'s str,
        may_open: impl Fn(&[u8]) -> bool + 's,
    ) -> impl Iterator<Item = (usize, &'s Rule, usize, usize)> + 's {
        let bytes = folded.as_bytes();
        // Word starts: 0 and every byte after a space (the folded line has single spaces between
        // words), the spaces found with SIMD.
        let mut starts =
            std::iter::once(0).chain(memchr::memchr_iter(b' ', bytes).map(|space| space + 1));
        // Where the last match ended: matches do not overlap.
        let mut taken = 0;
        std::iter::from_fn(move || {
            let matcher = self.matcher.as_ref()?;
            loop {
                let start = starts.next()?;
                if start < taken || !may_open(bytes.get(start..)?) {
                    continue;
                }
                let input = Input::new(folded).range(start..).anchored(Anchored::Yes);
                let Some(m) = matcher.find(input) else {
                    continue;
                };
                if bytes.get(m.end()).is_some_and(|&b| b != b' ') {
                    continue;
                }
                taken = m.end();
                let index = m.pattern().as_usize();
                if let Some(rule) = self.rules.get(index) {
                    return Some((index, rule, m.start(), m.end()));
                }
            }
        })
    }
}

fn parse(text: &str, path: &Path) -> Result<SiteRules, RulesError> {
    let file: RulesFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            text.get(..s.start).map_or(0, |t| t.lines().count().max(1))
        });
        RulesError::Parse {
            path: path.to_owned(),
            line,
            problem: e.message().to_owned(),
        }
    })?;
    for (i, r) in file.rules.iter().enumerate() {
        if fold_str(&r.phrase).is_empty() {
            return Err(RulesError::Parse {
                path: path.to_owned(),
                line: 0,
                problem: format!("rule {} has an empty phrase", i + 1),
            });
        }
    }
    Ok(SiteRules::from_rules(file.rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_parse() {
        let r = SiteRules::from_toml_str(BUNDLED).expect("bundled rules are valid");
        assert!(r.rules().len() > 20);
    }

    #[test]
    fn parse_error_names_the_line() {
        let text = "[[rule]]\nphrase = \"x\"\nreason = \"no_such_reason\"\n";
        match SiteRules::from_toml_str(text) {
            Err(RulesError::Parse { line, problem, .. }) => {
                assert_eq!(line, 3, "{problem}");
                assert!(problem.contains("no_such_reason") || problem.contains("variant"));
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn load_errors_name_file_and_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("my_rules.toml");
        std::fs::write(
            &path,
            "[[rule]]\nphrase = \"x\"\nreason = \"ad_line\"\nzone = 7\n",
        )
        .expect("write");
        let err = SiteRules::load(&path).expect_err("zone must be a string");
        let msg = err.to_string();
        assert!(
            msg.contains("my_rules.toml") && msg.contains("line 4"),
            "{msg}"
        );
        let missing = SiteRules::load(&dir.path().join("nope.toml")).expect_err("missing file");
        assert!(matches!(missing, RulesError::Read { .. }));
        std::fs::write(
            &path,
            "[[rule]]\nphrase = \"إعلان ممول\"\nreason = \"ad_line\"\n",
        )
        .expect("write");
        let user = SiteRules::load(&path).expect("valid user rules");
        let merged = SiteRules::bundled().merge(&user);
        assert_eq!(merged.rules().len(), SiteRules::bundled().rules().len() + 1);
    }

    #[test]
    fn merge_extends_and_overrides() {
        let base =
            SiteRules::from_toml_str("[[rule]]\nphrase = \"شارك\"\nreason = \"share_widget\"\n")
                .expect("valid");
        let user = SiteRules::from_toml_str(
            "[[rule]]\nphrase = \"شارك\"\nreason = \"ad_line\"\n[[rule]]\nphrase = \"إعلان\"\nreason = \"ad_line\"\n",
        )
        .expect("valid");
        let m = base.merge(&user);
        assert_eq!(m.rules().len(), 2);
        assert!(m.rules().iter().all(|r| r.reason == RemovalReason::AdLine));
    }

    #[test]
    fn matches_respect_word_boundaries() {
        let r =
            SiteRules::from_toml_str("[[rule]]\nphrase = \"کد خبر\"\nreason = \"news_id_line\"\n")
                .expect("valid");
        assert_eq!(r.indexed_matches("کد خبر 12").count(), 1);
        assert_eq!(r.indexed_matches("کد خبرگزاری").count(), 0);
    }

    proptest::proptest! {
        /// The opening filter never hides a match: lines made of the bundled phrases' words,
        /// words sharing their first letters (کد / کدام, ال...), and other words.
        #[test]
        fn opening_filter_hides_no_match(picks in proptest::collection::vec(0usize..1000, 0..24)) {
            let rules = SiteRules::bundled();
            let mut words: Vec<String> = rules
                .folded
                .iter()
                .flat_map(|p| p.split(' ').map(str::to_owned).collect::<Vec<_>>())
                .collect();
            words.extend(
                ["کد", "کدام", "الف", "العربیه", "به", "روز", "وزیر", "فیلم", "اعلام", "تاریخی", "12", "x"].map(String::from),
            );
            words.sort();
            words.dedup();
            let line = picks
                .iter()
                .filter_map(|&i| words.get(i % words.len()).cloned())
                .collect::<Vec<_>>()
                .join(" ");
            let fast: Vec<(usize, usize, usize)> = rules
                .indexed_matches(&line)
                .map(|(i, _, s, e)| (i, s, e))
                .collect();
            let everywhere: Vec<(usize, usize, usize)> = rules
                .matches_at_word_starts(&line, |_| true)
                .map(|(i, _, s, e)| (i, s, e))
                .collect();
            proptest::prop_assert_eq!(fast, everywhere);
        }
    }
}
