//! The topic taxonomy: canonical English topics with Persian and Arabic keywords, matched in
//! one automaton pass over inflected and clitic-attached forms.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::ResourceError;
use super::fold::fold;
use super::gazetteer::word_bounded;
use crate::text::chars::ZWNJ;
use crate::text::{ByteOffset, ByteSpan};

/// Endings a keyword may carry attached directly: Persian plural, adjective and ezafe forms,
/// Arabic plural and nisba forms.
const SUFFIXES: &[&str] = &[
    "ها", "های", "هایی", "ات", "ی", "ای", "یی", "ه", "ین", "ون", "یه", "یا", "ان", "اتی", "یها",
    "یهای",
];

/// One topic of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Topic {
    /// Canonical English name.
    pub name: String,
    /// Persian keywords.
    #[serde(default)]
    pub fa: Vec<String>,
    /// Arabic keywords.
    #[serde(default)]
    pub ar: Vec<String>,
    /// English keywords.
    #[serde(default)]
    pub en: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct TopicFile {
    #[serde(default)]
    topic: Vec<Topic>,
}

/// A topic keyword found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicMatch {
    /// Bytes of the keyword.
    pub span: ByteSpan,
    /// Index of the topic.
    pub topic: usize,
}

/// The taxonomy and its automaton.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    topics: Vec<Topic>,
    automaton: AhoCorasick,
    patterns: Vec<usize>,
    /// The folded keywords, in pattern order (for [`super::lexicon::Lexicon`]).
    pats: Vec<String>,
    /// Tells a lexicon built from this taxonomy from one built from another.
    stamp: u64,
}

impl Taxonomy {
    /// Parses a topics TOML file's text; `name` is used in errors.
    ///
    /// # Errors
    /// A TOML error naming the file.
    pub fn parse(toml_text: &str, name: &str) -> Result<Vec<Topic>, ResourceError> {
        let f: TopicFile = toml::from_str(toml_text).map_err(|e| ResourceError::Toml {
            file: name.to_owned(),
            problem: e.to_string(),
        })?;
        Ok(f.topic)
    }

    /// Builds the automaton over every keyword. Topics with the same name are merged.
    ///
    /// # Errors
    /// When the automaton cannot be built.
    pub fn new(list: Vec<Topic>) -> Result<Self, ResourceError> {
        let mut topics: Vec<Topic> = Vec::new();
        for t in list {
            match topics.iter_mut().find(|x| x.name == t.name) {
                Some(x) => {
                    x.fa.extend(t.fa);
                    x.ar.extend(t.ar);
                    x.en.extend(t.en);
                }
                None => topics.push(t),
            }
        }
        let mut pats = Vec::new();
        let mut patterns = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            for k in t.fa.iter().chain(&t.ar).chain(&t.en) {
                let mut forms = vec![k.clone()];
                if k.contains(ZWNJ) {
                    forms.push(k.replace(ZWNJ, ""));
                    forms.push(k.replace(ZWNJ, " "));
                }
                for f in forms {
                    pats.push(fold(&f));
                    patterns.push(i);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // A contiguous NFA rather than a DFA: as fast on a warm cache, and a twentieth of
            // the memory (160 KB against 3-4 MB), so it stays in cache between documents
            // while the other matchers run.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&pats)
            .map_err(|e| ResourceError::Automaton(e.to_string()))?;
        Ok(Self {
            topics,
            automaton,
            patterns,
            pats,
            stamp: super::lexicon::next_stamp(),
        })
    }

    /// The topics, in file order.
    #[must_use]
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The canonical name of topic `i`.
    #[must_use]
    pub fn name(&self, i: usize) -> Option<&str> {
        self.topics.get(i).map(|t| t.name.as_str())
    }

    /// Every keyword occurrence in `folded`, sorted by position.
    #[must_use]
    pub fn find(&self, folded: &str) -> Vec<TopicMatch> {
        let mut out: Vec<TopicMatch> = self
            .automaton
            .find_overlapping_iter(folded)
            .filter(|m| word_bounded(folded, m.start(), m.end(), SUFFIXES))
            .filter_map(|m| {
                Some(TopicMatch {
                    span: ByteSpan {
                        start: ByteOffset(m.start()),
                        end: ByteOffset(m.end()),
                    },
                    topic: *self.patterns.get(m.pattern().as_usize())?,
                })
            })
            .collect();
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }

    /// [`Taxonomy::find`] read from the occurrences of this taxonomy's keywords that one
    /// overlapping pass found, in the order the pass reported them.
    pub(crate) fn find_in(
        &self,
        folded: &str,
        occurrences: &[super::lexicon::Occurrence],
    ) -> Vec<TopicMatch> {
        let mut out: Vec<TopicMatch> = occurrences
            .iter()
            .filter(|o| word_bounded(folded, o.start, o.end, SUFFIXES))
            .filter_map(|o| {
                Some(TopicMatch {
                    span: ByteSpan {
                        start: ByteOffset(o.start),
                        end: ByteOffset(o.end),
                    },
                    topic: *self.patterns.get(o.pattern)?,
                })
            })
            .collect();
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }

    /// The folded keywords, in pattern order.
    pub(crate) fn pattern_strings(&self) -> &[String] {
        &self.pats
    }

    /// This taxonomy's stamp: new with every build, kept by clones.
    pub(crate) fn stamp(&self) -> u64 {
        self.stamp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_and_clitic_forms_match() -> Result<(), ResourceError> {
        let toml = r#"
[[topic]]
name = "sanctions"
fa = ["تحریم"]
ar = ["عقوبات"]
[[topic]]
name = "economic cooperation"
fa = ["همکاری‌های اقتصادی"]
"#;
        let t = Taxonomy::new(Taxonomy::parse(toml, "t.toml")?)?;
        let names = |s: &str| -> Vec<&str> {
            t.find(&fold(s))
                .iter()
                .filter_map(|m| t.name(m.topic))
                .collect()
        };
        assert_eq!(names("بسته تحریمی و تحریم‌ها و تحریمها"), ["sanctions"; 3]);
        assert_eq!(names("والعقوبات الجديدة"), ["sanctions"]);
        assert_eq!(names("توسعه همکاریهای اقتصادی"), ["economic cooperation"]);
        assert!(names("تحریر").is_empty());
        Ok(())
    }

    #[test]
    fn bad_toml_names_the_file() {
        let e = Taxonomy::parse("[[topic]\nname=", "user/topics.toml");
        assert!(matches!(e, Err(ResourceError::Toml { file, .. }) if file == "user/topics.toml"));
    }
}
