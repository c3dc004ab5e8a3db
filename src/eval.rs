//! `khabar eval`: compares a labeled dataset with an analyst's expected values (the
//! `expected.json` format of the seeds) and reports accuracy per field.
//!
//! Conventions:
//! - Texts are compared with joiners (ZWNJ) removed and spaces collapsed, because the expected
//!   files are typed by hand and do not always keep the joiner.
//! - A value ending in `?` is an inference the text supports only indirectly. It is scored
//!   leniently: a prediction that equals it or leaves it empty is right (no false precision is
//!   punished, no inference is demanded).
//! - Entity precision counts only PERSON, ORG and LOC predictions (distinct text + label). One
//!   is right when its text and label are listed, or when it is another spelling of a listed
//!   entity (same label and canonical). The lists are not exhaustive, so precision is a lower
//!   bound: a correct "روسیه" LOC that the analyst did not list counts as wrong.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Document, Event};
use crate::text::chars::ZWNJ;

/// Why an expected file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid expected JSON.
    #[error("{file}: {source}")]
    Json {
        /// The file.
        file: String,
        /// The parser error.
        source: serde_json::Error,
    },
}

/// An expected-values file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Expected {
    /// Free-text description.
    #[serde(default)]
    pub about: String,
    /// One entry per article.
    pub articles: Vec<ExpectedArticle>,
}

/// What an analyst reads out of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExpectedArticle {
    /// File name of the article; matched against `source.file_name`.
    pub file: String,
    /// `fa`, `ar` or `other`.
    pub language: String,
    /// The headline.
    #[serde(default)]
    pub headline: Option<String>,
    /// Publication day, ISO, or null.
    #[serde(default)]
    pub published: Option<String>,
    /// The date as written.
    #[serde(default)]
    pub published_original: Option<String>,
    /// The site's news id.
    #[serde(default)]
    pub news_id: Option<String>,
    /// Page tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Cited agencies, canonical names.
    #[serde(default)]
    pub agencies: Vec<String>,
    /// Events, main first.
    #[serde(default)]
    pub events: Vec<ExpectedEvent>,
    /// `[text, label, canonical]` triples.
    #[serde(default)]
    pub entities: Vec<Vec<String>>,
    /// Cleaning checks (not scored here).
    #[serde(default)]
    pub boilerplate_must_drop: Vec<String>,
    /// Cleaning checks (not scored here).
    #[serde(default)]
    pub body_must_keep: Vec<String>,
    /// Cleaning checks (not scored here).
    #[serde(default)]
    pub appears_once: Vec<String>,
}

/// One expected event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExpectedEvent {
    /// Event type, snake_case.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Canonical participant names.
    #[serde(default)]
    pub participants: Vec<String>,
    /// ISO day, possibly ending in `?`.
    #[serde(default)]
    pub date: Option<String>,
    /// English weekday.
    #[serde(default)]
    pub weekday: Option<String>,
    /// City, possibly ending in `?`.
    #[serde(default)]
    pub location: Option<String>,
    /// Minutes.
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    /// Country that asked for it.
    #[serde(default)]
    pub initiator: Option<String>,
    /// First contact.
    #[serde(default)]
    pub first_contact: Option<bool>,
    /// Topics (reported, not scored: topic lists are open-ended).
    #[serde(default)]
    pub topics: Vec<String>,
}

impl Expected {
    /// Reads an expected file.
    ///
    /// # Errors
    /// Read or parse errors naming the file.
    pub fn load(path: &Path) -> Result<Self, EvalError> {
        let file = path.display().to_string();
        let s = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
            file: file.clone(),
            source,
        })?;
        serde_json::from_str(&s).map_err(|source| EvalError::Json { file, source })
    }
}

/// Right answers out of the cases that could be scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Right answers.
    pub correct: usize,
    /// Cases scored.
    pub total: usize,
}

impl Score {
    /// `correct / total`, 1.0 when nothing was scored.
    #[must_use]
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    fn add(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.correct += 1;
        }
    }
}

/// Per-field accuracy over a dataset, with the misses spelled out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    /// Field name → score, in a fixed order.
    pub fields: BTreeMap<String, Score>,
    /// Expected articles with no document in the dataset.
    pub missing: Vec<String>,
    /// One line per wrong answer: `file: field: expected … got …`.
    pub misses: Vec<String>,
}

/// Field names, in report order.
pub const FIELDS: [&str; 13] = [
    "language",
    "headline",
    "published",
    "news_id",
    "agencies",
    "tags",
    "main_event_type",
    "main_event_participants",
    "all_events",
    "event_details",
    "event_topics",
    "entity_recall",
    "entity_precision",
];

impl EvalReport {
    /// The score of one field (zero when absent).
    #[must_use]
    pub fn score(&self, field: &str) -> Score {
        self.fields.get(field).copied().unwrap_or_default()
    }

    /// The report as pretty JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    fn add(
        &mut self,
        field: &str,
        ok: bool,
        file: &str,
        expected: &dyn fmt::Debug,
        got: &dyn fmt::Debug,
    ) {
        self.fields.entry(field.to_owned()).or_default().add(ok);
        if !ok {
            self.misses.push(format!(
                "{file}: {field}: expected {expected:?}, got {got:?}"
            ));
        }
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<26} {:>8} {:>6} {:>7}",
            "field", "correct", "total", "acc"
        )?;
        for name in FIELDS {
            let s = self.score(name);
            writeln!(
                f,
                "{:<26} {:>8} {:>6} {:>6.1}%",
                name,
                s.correct,
                s.total,
                s.ratio() * 100.0
            )?;
        }
        for m in &self.missing {
            writeln!(f, "missing document: {m}")?;
        }
        Ok(())
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|&c| c != ZWNJ)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits an inference marker off: `("2020-05-07", true)` for `"2020-05-07?"`.
fn inferred(v: &str) -> (&str, bool) {
    match v.strip_suffix('?') {
        Some(x) => (x, true),
        None => (v, false),
    }
}

fn set(v: impl IntoIterator<Item = String>) -> std::collections::BTreeSet<String> {
    v.into_iter().collect()
}

fn same_event(e: &ExpectedEvent, g: &Event) -> bool {
    e.event_type == g.event_type.as_str()
        && set(e.participants.iter().cloned()) == set(g.participants.iter().map(|p| p.name.clone()))
}

/// Scores every expected article against the dataset document of the same file name.
#[must_use]
pub fn evaluate(dataset: &Dataset, expected: &Expected) -> EvalReport {
    let mut r = EvalReport::default();
    for field in FIELDS {
        r.fields.insert(field.to_owned(), Score::default());
    }
    for art in &expected.articles {
        match dataset
            .documents
            .iter()
            .find(|d| d.source.file_name == art.file)
        {
            Some(doc) => score_article(&mut r, art, doc),
            None => r.missing.push(art.file.clone()),
        }
    }
    r
}

fn score_article(r: &mut EvalReport, art: &ExpectedArticle, doc: &Document) {
    let file = art.file.as_str();
    let f = &doc.fields;
    r.add(
        "language",
        doc.language.code() == art.language,
        file,
        &art.language,
        &doc.language.code(),
    );
    let got_h = f.headline.as_ref().map(|h| norm(&h.value));
    r.add(
        "headline",
        got_h == art.headline.as_deref().map(norm),
        file,
        &art.headline,
        &got_h,
    );
    let got_p = f
        .published
        .as_ref()
        .map(|p| p.value.get(..10).unwrap_or(&p.value).to_owned());
    let ok = match art.published.as_deref().map(inferred) {
        None => got_p.is_none(),
        Some((v, false)) => got_p.as_deref() == Some(v),
        Some((v, true)) => got_p.is_none() || got_p.as_deref() == Some(v),
    };
    r.add("published", ok, file, &art.published, &got_p);
    let got_id = f.news_id.as_ref().map(|v| v.value.clone());
    r.add(
        "news_id",
        got_id == art.news_id,
        file,
        &art.news_id,
        &got_id,
    );
    let ga = set(f.agencies.iter().map(|v| v.value.clone()));
    r.add(
        "agencies",
        ga == set(art.agencies.iter().cloned()),
        file,
        &art.agencies,
        &ga,
    );
    let gt = set(f.tags.iter().map(|v| norm(&v.value)));
    r.add(
        "tags",
        gt == set(art.tags.iter().map(|t| norm(t))),
        file,
        &art.tags,
        &gt,
    );

    let (em, gm) = (art.events.first(), f.events.first());
    let et = em.map(|e| e.event_type.clone());
    let gtp = gm.map(|e| e.event_type.as_str().to_owned());
    r.add("main_event_type", et == gtp, file, &et, &gtp);
    let ep = em.map(|e| set(e.participants.iter().cloned()));
    let gp = gm.map(|e| set(e.participants.iter().map(|p| p.name.clone())));
    r.add("main_event_participants", ep == gp, file, &ep, &gp);

    // Every expected event matched one-to-one (type + participants), nothing extra.
    let mut used = vec![false; f.events.len()];
    let mut pairs: Vec<(&ExpectedEvent, &Event)> = Vec::new();
    for e in &art.events {
        let found = (0..f.events.len()).find(|&i| {
            !used.get(i).copied().unwrap_or(true)
                && f.events.get(i).is_some_and(|g| same_event(e, g))
        });
        if let Some(i) = found
            && let (Some(u), Some(g)) = (used.get_mut(i), f.events.get(i))
        {
            *u = true;
            pairs.push((e, g));
        }
    }
    let all = pairs.len() == art.events.len() && f.events.len() == art.events.len();
    let summary = |evs: &mut dyn Iterator<Item = String>| evs.collect::<Vec<_>>();
    r.add(
        "all_events",
        all,
        file,
        &summary(
            &mut art
                .events
                .iter()
                .map(|e| format!("{} {:?}", e.event_type, e.participants)),
        ),
        &summary(&mut f.events.iter().map(|e| {
            format!(
                "{} {:?}",
                e.event_type.as_str(),
                e.participants
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
            )
        })),
    );
    for (e, g) in pairs {
        score_details(r, file, e, g);
    }

    // Entities: recall over the listed ones, precision over PERSON/ORG/LOC predictions.
    let got: Vec<(String, &str, Option<&str>)> = doc
        .entities
        .iter()
        .map(|x| (norm(&x.text), x.label.as_str(), x.canonical.as_deref()))
        .collect();
    for want in &art.entities {
        let (Some(text), Some(label)) = (want.first(), want.get(1)) else {
            continue;
        };
        let canon = want.get(2);
        let ok = got.iter().any(|(t, l, c)| {
            *t == norm(text) && *l == label.as_str() && canon.is_none_or(|w| *c == Some(w.as_str()))
        });
        r.add("entity_recall", ok, file, want, &"not found");
    }
    // A prediction is right when its text and label are listed, or when it names a listed
    // entity (same label and canonical name) by another spelling, e.g. "لاوروف" when the list
    // gives "سرگئی لاوروف".
    let listed: std::collections::BTreeSet<(String, String)> = art
        .entities
        .iter()
        .filter_map(|w| Some((norm(w.first()?), w.get(1)?.clone())))
        .collect();
    let listed_canonical: std::collections::BTreeSet<(String, String)> = art
        .entities
        .iter()
        .filter_map(|w| Some((w.get(2)?.clone(), w.get(1)?.clone())))
        .collect();
    let predicted: std::collections::BTreeSet<(String, String, Option<String>)> = got
        .iter()
        .filter(|(_, l, _)| matches!(*l, "PERSON" | "ORG" | "LOC"))
        .map(|(t, l, c)| (t.clone(), (*l).to_owned(), c.map(str::to_owned)))
        .collect();
    for (text, label, canonical) in predicted {
        let ok = listed.contains(&(text.clone(), label.clone()))
            || canonical
                .as_ref()
                .is_some_and(|c| listed_canonical.contains(&(c.clone(), label.clone())));
        r.add("entity_precision", ok, file, &"unlisted", &(text, label));
    }
}

fn score_details(r: &mut EvalReport, file: &str, e: &ExpectedEvent, g: &Event) {
    let label = format!("{} {:?}", e.event_type, e.participants);
    let mut check = |what: &str, want: Option<&str>, got: Option<String>| {
        let Some(want) = want else { return };
        let (v, soft) = inferred(want);
        let ok = got.as_deref() == Some(v) || (soft && got.is_none());
        r.add(
            "event_details",
            ok,
            file,
            &format!("{label} {what} {want}"),
            &got,
        );
    };
    check(
        "date",
        e.date.as_deref(),
        g.date
            .as_ref()
            .map(|d| d.value.get(..10).unwrap_or(&d.value).to_owned()),
    );
    check(
        "location",
        e.location.as_deref(),
        g.location.as_ref().map(|l| l.value.clone()),
    );
    check("weekday", e.weekday.as_deref(), g.weekday.clone());
    check(
        "duration",
        e.duration_minutes.map(|d| d.to_string()).as_deref(),
        g.duration_minutes.map(|d| d.to_string()),
    );
    check("initiator", e.initiator.as_deref(), g.initiator.clone());
    check(
        "first_contact",
        e.first_contact.map(|b| b.to_string()).as_deref(),
        g.first_contact.map(|b| b.to_string()),
    );
    for t in &e.topics {
        let ok = g.topics.iter().any(|x| &x.value == t);
        r.add(
            "event_topics",
            ok,
            file,
            &format!("{label} topic {t}"),
            &"missing",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        DateValue, Document, Entity, Event, EventType, Fields, Origin, Participant, Value,
    };

    fn doc(published: Option<&str>, events: Vec<Event>, entities: Vec<Entity>) -> Document {
        let mut d: Document = serde_json::from_value(serde_json::json!({
            "id": "x", "source": {"path": "a.txt", "file_name": "a.txt", "sha256": "", "encoding": "UTF-8", "format": "text"},
            "language": "fa", "raw_text": "", "text": "", "alignment": []
        }))
        .unwrap_or_else(|e| panic!("test document: {e}"));
        d.fields = Fields {
            headline: Some(Value::auto("تیتر\u{200C}ها".into(), vec![])),
            published: published.map(|p| DateValue {
                value: p.into(),
                original: None,
                calendar: None,
                evidence: vec![],
                origin: Origin::Auto,
            }),
            events,
            ..Fields::default()
        };
        d.entities = entities;
        d
    }

    fn event(t: EventType, people: &[&str]) -> Event {
        Event {
            event_type: t,
            participants: people
                .iter()
                .map(|p| Participant {
                    name: (*p).into(),
                    ..Participant::default()
                })
                .collect(),
            ..Event::default()
        }
    }

    fn expected(json: serde_json::Value) -> Expected {
        serde_json::from_value(json).unwrap_or_else(|e| panic!("test expected: {e}"))
    }

    #[test]
    fn inferred_values_accept_empty_and_equal() {
        let e = expected(
            serde_json::json!({"articles": [{"file": "a.txt", "language": "fa", "headline": "تیترها",
            "published": "2020-05-07?", "events": [{"type": "phone_call", "participants": ["B", "A"], "date": "2020-05-07?"}],
            "entities": [["لاوروف", "PERSON", "Sergey Lavrov"]]}]}),
        );
        let mut ds = Dataset::default();
        ds.documents
            .push((doc(None, vec![event(EventType::PhoneCall, &["A", "B"])], vec![])).into());
        let r = evaluate(&ds, &e);
        assert_eq!(
            r.score("headline"),
            Score {
                correct: 1,
                total: 1
            },
            "ZWNJ is ignored"
        );
        assert_eq!(
            r.score("published"),
            Score {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(
            r.score("main_event_participants"),
            Score {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(
            r.score("event_details"),
            Score {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(
            r.score("entity_recall"),
            Score {
                correct: 0,
                total: 1
            }
        );
        ds.documents[0] = doc(Some("2020-05-08T10:00"), vec![], vec![]).into();
        let r = evaluate(&ds, &e);
        assert_eq!(
            r.score("published"),
            Score {
                correct: 0,
                total: 1
            }
        );
        assert_eq!(
            r.score("all_events"),
            Score {
                correct: 0,
                total: 1
            }
        );
        assert!(r.to_json().contains("\"entity_recall\""));
        assert!(r.to_string().contains("main_event_type"));
    }

    #[test]
    fn precision_accepts_other_spellings_of_listed_entities() {
        let e = expected(
            serde_json::json!({"articles": [{"file": "a.txt", "language": "fa",
            "entities": [["سرگئی لاوروف", "PERSON", "Sergey Lavrov"]]}]}),
        );
        let ent = |t: &str, l: &str, c: &str| Entity {
            start: 0,
            end: 1,
            label: l.into(),
            text: t.into(),
            canonical: Some(c.into()),
            kb_id: None,
            origin: Origin::Auto,
        };
        let mut ds = Dataset::default();
        ds.documents.push(
            (doc(
                None,
                vec![],
                vec![
                    ent("لاوروف", "PERSON", "Sergey Lavrov"),
                    ent("روسیه", "LOC", "Russia"),
                    ent("۲۰۲۰", "DATE", "2020"),
                ],
            ))
            .into(),
        );
        let r = evaluate(&ds, &e);
        assert_eq!(
            r.score("entity_precision"),
            Score {
                correct: 1,
                total: 2
            }
        );
    }
}
