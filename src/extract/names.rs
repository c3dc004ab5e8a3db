//! Name suggestions for the fields panel: the gazetteer's people and organisations, found by
//! any of their spellings (Persian, Arabic or English, folded so ي/ی and ك/ک match), and turned
//! into a participant with its canonical name, Wikidata id, country and role.

use std::path::Path;

use crate::model::{Origin, Participant};

use super::ResourceError;
use super::fold::fold;
use super::gazetteer::{Gazetteer, GazetteerEntry};

/// One name that can be suggested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameChoice {
    /// Canonical English name (what a participant stores).
    pub canonical: String,
    /// Entity label (PERSON or ORG).
    pub label: String,
    /// Wikidata id, when known.
    pub kb_id: Option<String>,
    /// ISO country.
    pub country: Option<String>,
    /// Office or role.
    pub role: Option<String>,
    /// Every spelling, as written in the gazetteer (without the ambiguity mark).
    pub spellings: Vec<String>,
    /// Folded, lower-cased forms of the canonical name and the spellings, for matching.
    keys: Vec<String>,
}

impl NameChoice {
    /// The participant this choice stands for, set by the analyst.
    #[must_use]
    pub fn participant(&self) -> Participant {
        Participant {
            name: self.canonical.clone(),
            kb_id: self.kb_id.clone(),
            country: self.country.clone(),
            role: self.role.clone(),
            evidence: Vec::new(),
            origin: Origin::Manual,
        }
    }

    /// How well `query` (folded) matches: 0 best (a whole key), then prefix of a key, prefix
    /// of a word inside a key, anywhere; `None` when it does not match.
    fn rank(&self, query: &str) -> Option<u8> {
        self.keys
            .iter()
            .filter_map(|k| {
                if k == query {
                    Some(0)
                } else if k.starts_with(query) {
                    Some(1)
                } else if k.split(' ').any(|w| w.starts_with(query)) {
                    Some(2)
                } else if k.contains(query) {
                    Some(3)
                } else {
                    None
                }
            })
            .min()
    }
}

/// The names the analyst can pick from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameDirectory {
    choices: Vec<NameChoice>,
}

fn key(s: &str) -> String {
    fold(s.trim_start_matches('~').trim()).to_lowercase()
}

impl NameDirectory {
    /// People and organisations of `entries`; entries with the same canonical name and label
    /// (a user gazetteer line adding a spelling) are merged.
    #[must_use]
    pub fn from_entries(entries: &[GazetteerEntry]) -> Self {
        let mut choices: Vec<NameChoice> = Vec::new();
        for e in entries
            .iter()
            .filter(|e| matches!(e.label.as_str(), "PERSON" | "ORG"))
            .filter(|e| !e.canonical.is_empty())
        {
            let spellings =
                e.fa.iter()
                    .chain(&e.ar)
                    .chain(&e.en)
                    .map(|s| s.trim_start_matches('~').trim().to_owned())
                    .filter(|s| !s.is_empty());
            let existing = choices
                .iter_mut()
                .find(|c| c.canonical == e.canonical && c.label == e.label);
            let choice = match existing {
                Some(c) => c,
                None => {
                    choices.push(NameChoice {
                        canonical: e.canonical.clone(),
                        label: e.label.clone(),
                        kb_id: e.kb_id.clone(),
                        country: e.country.clone(),
                        role: e.role.clone(),
                        spellings: Vec::new(),
                        keys: vec![key(&e.canonical)],
                    });
                    let last = choices.len() - 1;
                    &mut choices[last]
                }
            };
            for s in spellings {
                if !choice.spellings.contains(&s) {
                    choice.keys.push(key(&s));
                    choice.spellings.push(s);
                }
            }
        }
        Self { choices }
    }

    /// The bundled gazetteer plus the analyst's `gazetteer.tsv` in `user_dir`, when present.
    pub fn load(user_dir: Option<&Path>) -> Result<Self, ResourceError> {
        let mut entries =
            Gazetteer::parse_entries(super::BUNDLED_GAZETTEER, "assets/gazetteer.tsv")?;
        if let Some((file, text)) = user_dir
            .map(|dir| super::read_optional(&dir.join("gazetteer.tsv")))
            .transpose()?
            .flatten()
        {
            entries.extend(Gazetteer::parse_entries(&text, &file)?);
        }
        Ok(Self::from_entries(&entries))
    }

    /// Number of names.
    #[must_use]
    pub fn len(&self) -> usize {
        self.choices.len()
    }

    /// True when there are no names.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.choices.is_empty()
    }

    /// The name one of whose spellings is exactly `spelling` (after folding), e.g. a name the
    /// analyst selected in the text.
    #[must_use]
    pub fn exact(&self, spelling: &str) -> Option<&NameChoice> {
        let k = key(spelling);
        if k.is_empty() {
            return None;
        }
        self.choices.iter().find(|c| c.keys.contains(&k))
    }

    /// At most `limit` names matching `query` in any spelling, best matches first (then
    /// people before organisations, then alphabetical).
    #[must_use]
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<&NameChoice> {
        let q = key(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u8, &NameChoice)> = self
            .choices
            .iter()
            .filter_map(|c| c.rank(&q).map(|r| (r, c)))
            .collect();
        found.sort_by(|(ra, a), (rb, b)| {
            ra.cmp(rb)
                .then_with(|| (a.label != "PERSON").cmp(&(b.label != "PERSON")))
                .then_with(|| a.canonical.cmp(&b.canonical))
        });
        found.into_iter().take(limit).map(|(_, c)| c).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> NameDirectory {
        NameDirectory::load(None).expect("bundled gazetteer parses")
    }

    #[test]
    fn persian_arabic_and_english_spellings_find_the_canonical_person() {
        let d = bundled();
        assert!(d.len() > 10);
        for q in ["لاوروف", "سيرغي", "Lavrov", "lav", "سرگئی لاوروف"] {
            let got = d.suggest(q, 5);
            assert_eq!(
                got.first().map(|c| c.canonical.as_str()),
                Some("Sergey Lavrov"),
                "{q}"
            );
        }
        let p = d.exact("لافروف").expect("Arabic spelling").participant();
        assert_eq!(p.name, "Sergey Lavrov");
        assert!(d.exact("لاو").is_none(), "exact means the whole spelling");
        assert_eq!(p.country.as_deref(), Some("RU"));
        assert_eq!(p.origin, Origin::Manual);
    }

    #[test]
    fn arabic_letter_variants_match_persian_spellings() {
        // Arabic ي and ك typed into a Persian article still find the Persian spelling.
        let d = bundled();
        let persian = d.suggest("پامپئو", 3);
        let arabic_letters = d.suggest("مايك پامپئو", 3);
        assert_eq!(
            persian.first().map(|c| c.canonical.as_str()),
            Some("Mike Pompeo")
        );
        assert_eq!(
            arabic_letters.first().map(|c| c.canonical.as_str()),
            Some("Mike Pompeo")
        );
    }

    #[test]
    fn empty_or_unknown_queries_suggest_nothing_and_limit_holds() {
        let d = bundled();
        assert!(d.suggest("", 5).is_empty());
        assert!(d.suggest("   ", 5).is_empty());
        assert!(d.suggest("zzqqxx", 5).is_empty());
        assert!(d.suggest("a", 3).len() <= 3);
    }

    #[test]
    fn user_gazetteer_names_are_suggested_and_merged() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("gazetteer.tsv"),
            "PERSON\tAyman Safadi\t\tJO\t\tایمن صفدی\tأيمن الصفدي\t\n\
             PERSON\tSergey Lavrov\t\t\t\tلاورُف\t\t\n",
        )
        .expect("write");
        let d = NameDirectory::load(Some(dir.path())).expect("loads");
        assert_eq!(d.suggest("الصفدي", 1)[0].canonical, "Ayman Safadi");
        let lavrovs: Vec<_> = d
            .suggest("Lavrov", 10)
            .into_iter()
            .filter(|c| c.canonical == "Sergey Lavrov")
            .collect();
        assert_eq!(lavrovs.len(), 1, "one choice per canonical name");
        assert!(lavrovs[0].spellings.iter().any(|s| s == "لاورُف"));
    }
}
