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
use super::words::{LineOpenings, Opener, WordTable};
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

impl Rule {
    /// The longest line (code points) a match of this rule acts on: `max_chars` for a
    /// whole-line rule; a phrase rule cuts its phrase out of a line of any length.
    #[must_use]
    pub fn reach(&self) -> usize {
        match self.scope {
            Scope::Line => self.max_chars,
            Scope::Phrase => usize::MAX,
        }
    }
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
    /// Every phrase, tried at a line's start.
    matcher: Option<AhoCorasick>,
    /// The phrases that may match anywhere in a line ([`Anchor::Anywhere`]), tried at the later
    /// word starts.
    inside: Option<AhoCorasick>,
    /// The rule index of each of `inside`'s patterns.
    inside_rules: Vec<usize>,
    /// The word openings a phrase may start with.
    openings: Openings,
    /// The stop words and the phrases' first words, for the fold walk.
    words: WordTable,
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
        let build = |phrases: &[&str]| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                // The contiguous NFA: a few kilobytes, where the DFA's tables were big enough
                // to fall out of the cache between two searches (a search runs only where a
                // phrase may open, about once a line) and each cost several cache misses.
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                // Searched at word starts only (see `Openings`).
                .start_kind(StartKind::Anchored)
                .build(phrases)
                .ok()
        };
        let all: Vec<&str> = folded.iter().map(String::as_str).collect();
        let inside_rules: Vec<usize> = kept
            .iter()
            .enumerate()
            .filter(|(_, r)| r.anchor == Anchor::Anywhere)
            .map(|(i, _)| i)
            .collect();
        let inside_phrases: Vec<&str> = inside_rules
            .iter()
            .filter_map(|&i| all.get(i).copied())
            .collect();
        let (matcher, inside) = (build(&all), build(&inside_phrases));
        let openings = Openings::new(&folded);
        let words = WordTable::new(kept.iter().zip(&all).map(|(r, phrase)| Opener {
            phrase,
            anywhere: r.anchor == Anchor::Anywhere,
            reach: r.reach(),
        }));
        Self {
            rules: kept,
            folded,
            matcher,
            inside,
            inside_rules,
            openings,
            words,
        }
    }

    /// The stop words and these rules' phrases' first words, which the fold walk looks up in
    /// one probe per word ([`super::heuristics::LineFeatures::first_opening`]).
    pub(crate) fn words(&self) -> &WordTable {
        &self.words
    }

    /// The rule at `index` of [`Self::rules`].
    pub(crate) fn rule(&self, index: usize) -> Option<&Rule> {
        self.rules.get(index)
    }

    /// Every rule match in a folded line, on word boundaries: `(rule index, rule, byte start,
    /// byte end)`, left to right, not overlapping. At the line's start the longest phrase of
    /// any rule, at a later word start the longest phrase of an [`Anchor::Anywhere`] rule. The
    /// index lets a match be kept without a borrow of the rules.
    ///
    /// Only where `openings` (from the fold walk, [`WordTable`]) lets a phrase start is the
    /// line searched, and after its first word not at all when it has more than `chars` code
    /// points than any rule there could act on (matches in it would all be dropped, see
    /// [`Rule::reach`]): body paragraphs are barely searched.
    pub(crate) fn line_matches<'s>(
        &'s self,
        folded: &'s str,
        openings: LineOpenings,
        chars: usize,
    ) -> impl Iterator<Item = (usize, &'s Rule, usize, usize)> + 's {
        let inside = openings.first_inside.filter(|_| chars <= openings.reach);
        self.matches_at_word_starts(folded, openings.at_start, inside, |opening| {
            self.openings.may_open(opening)
        })
    }

    /// [`Self::line_matches`] with the line's start tried when `at_start`, the word starts
    /// from `inside` on when it is set, and the automaton run only where `may_open` holds for
    /// the text from there on (the tests try every word start).
    fn matches_at_word_starts<'s>(
        &'s self,
        folded: &'s str,
        at_start: bool,
        inside: Option<usize>,
        may_open: impl Fn(&[u8]) -> bool + 's,
    ) -> impl Iterator<Item = (usize, &'s Rule, usize, usize)> + 's {
        let bytes = folded.as_bytes();
        // The match at the line's start, of any phrase.
        let first = at_start
            .then(|| self.match_at(self.matcher.as_ref()?, folded, 0, &may_open))
            .flatten();
        // Where the last match ended: matches do not overlap.
        let mut taken = first.map_or(0, |(_, _, e)| e);
        // The later word starts: every byte after a space from `inside` on (the folded line
        // has single spaces between words), the spaces found with SIMD.
        let from = inside.map_or(bytes.len() + 1, |i| i.max(1));
        let mut starts = memchr::memchr_iter(b' ', bytes.get(from - 1..).unwrap_or_default())
            .map(move |space| from + space);
        let later = std::iter::from_fn(move || {
            let matcher = self.inside.as_ref()?;
            loop {
                let start = starts.next()?;
                if start < taken {
                    continue;
                }
                if let Some((pattern, s, e)) = self.match_at(matcher, folded, start, &may_open) {
                    taken = e;
                    return self.inside_rules.get(pattern).map(|&index| (index, s, e));
                }
            }
        });
        first
            .into_iter()
            .chain(later)
            .filter_map(|(index, s, e)| Some((index, self.rules.get(index)?, s, e)))
    }

    /// The longest phrase of `matcher` at byte `start` of `folded` that ends on a word
    /// boundary: (pattern, start, end).
    #[inline]
    fn match_at(
        &self,
        matcher: &AhoCorasick,
        folded: &str,
        start: usize,
        may_open: impl Fn(&[u8]) -> bool,
    ) -> Option<(usize, usize, usize)> {
        let bytes = folded.as_bytes();
        if !may_open(bytes.get(start..)?) {
            return None;
        }
        let m = matcher.find(Input::new(folded).range(start..).anchored(Anchored::Yes))?;
        if bytes.get(m.end()).is_some_and(|&b| b != b' ') {
            return None;
        }
        Some((m.pattern().as_usize(), m.start(), m.end()))
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
        assert_eq!(everywhere(&r, "کد خبر 12").len(), 1);
        assert_eq!(everywhere(&r, "کد خبرگزاری").len(), 0);
    }

    /// Every match, every word start tried: the plain definition of [`SiteRules::line_matches`].
    fn everywhere(rules: &SiteRules, folded: &str) -> Vec<(usize, usize, usize)> {
        rules
            .matches_at_word_starts(folded, true, Some(1), |_| true)
            .map(|(i, _, s, e)| (i, s, e))
            .collect()
    }

    #[test]
    fn start_phrases_match_only_at_the_start() {
        let r = SiteRules::from_toml_str(
            "[[rule]]\nphrase = \"کد خبر\"\nreason = \"news_id_line\"\nanchor = \"start\"\n\
             [[rule]]\nphrase = \"خبر فوری\"\nreason = \"ad_line\"\n",
        )
        .expect("valid");
        assert_eq!(everywhere(&r, "کد خبر 12"), vec![(0, 0, 11)]);
        // Mid-line the start phrase is no match, and so it hides no later one.
        assert_eq!(everywhere(&r, "یک کد خبر فوری"), vec![(1, 10, 25)]);
    }

    proptest::proptest! {
        /// Searching only where the fold walk's word classes let a phrase open, and not after
        /// the first word of lines too long for the rules there, finds every match the rules
        /// act on: lines made of the bundled phrases' words, words sharing their first letters
        /// (کد / کدام, ال...), and other words.
        #[test]
        fn openings_hide_no_match(picks in proptest::collection::vec(0usize..1000, 0..40), long in 0usize..3) {
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
            let mut line = picks
                .iter()
                .filter_map(|&i| words.get(i % words.len()).cloned())
                .collect::<Vec<_>>()
                .join(" ");
            // Some lines longer than most rules act on.
            line.push_str(&" وزیر".repeat(long * 60));
            let mut folded = String::new();
            let feat = super::super::heuristics::fold_and_measure(
                &line,
                &mut folded,
                &mut Vec::new(),
                false,
                rules.words(),
            );
            proptest::prop_assert_eq!(&folded, line.trim());
            let acted_on = |&(i, _, _): &(usize, usize, usize)| {
                rules.rule(i).is_some_and(|r| feat.chars <= r.reach())
            };
            let fast: Vec<(usize, usize, usize)> = rules
                .line_matches(&folded, feat.openings, feat.chars)
                .map(|(i, _, s, e)| (i, s, e))
                .filter(acted_on)
                .collect();
            let plain: Vec<(usize, usize, usize)> =
                everywhere(&rules, &folded).into_iter().filter(acted_on).collect();
            proptest::prop_assert_eq!(fast, plain);
        }
    }
}
