//! Agreement between two analysts' datasets, and merging one document's two versions.
//!
//! Documents are paired by id. Span agreement is per label: *exact* counts spans with the same
//! start, end and label; *overlap* pairs spans of the same label that share at least one code
//! point, one to one. F1 is symmetric (2·matches / (|A| + |B|)), so neither analyst is the
//! reference. Cohen's kappa is computed on the type of each document's main event, with "none"
//! as a category when one side has no event.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;

use crate::model::{Dataset, Document, Entity};

/// Span counts for one label.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SpanScore {
    /// Spans in A.
    pub a: usize,
    /// Spans in B.
    pub b: usize,
    /// Spans in both with the same offsets.
    pub exact: usize,
    /// Spans paired by overlap.
    pub overlap: usize,
}

impl SpanScore {
    fn f1(&self, matches: usize) -> f64 {
        if self.a + self.b == 0 {
            1.0
        } else {
            2.0 * matches as f64 / (self.a + self.b) as f64
        }
    }

    /// F1 of exact matches.
    #[must_use]
    pub fn exact_f1(&self) -> f64 {
        self.f1(self.exact)
    }

    /// F1 of overlap matches.
    #[must_use]
    pub fn overlap_f1(&self) -> f64 {
        self.f1(self.overlap)
    }
}

/// How often two analysts agree on one field across documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FieldScore {
    /// Documents where the field agrees.
    pub agree: usize,
    /// Documents compared.
    pub total: usize,
}

/// The agreement report of two datasets.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Agreement {
    /// Documents present in both (by id).
    pub paired_documents: usize,
    /// Ids only in A.
    pub only_in_a: Vec<String>,
    /// Ids only in B.
    pub only_in_b: Vec<String>,
    /// Per-label span scores; the key `*` totals every label.
    pub spans: BTreeMap<String, SpanScore>,
    /// Per-field agreement.
    pub fields: BTreeMap<String, FieldScore>,
    /// Cohen's kappa on the main event type (None when there are no pairs or no variation).
    pub event_type_kappa: Option<f64>,
    /// Per document: the fields that differ.
    pub field_disagreements: BTreeMap<String, Vec<String>>,
}

fn score_spans(a: &[Entity], b: &[Entity], into: &mut BTreeMap<String, SpanScore>) {
    let mut labels: Vec<&str> = a.iter().chain(b).map(|e| e.label.as_str()).collect();
    labels.sort_unstable();
    labels.dedup();
    for label in labels.into_iter().chain(std::iter::once("*")) {
        let pick = |v: &[Entity]| -> Vec<(usize, usize, String)> {
            v.iter()
                .filter(|e| label == "*" || e.label == label)
                .map(|e| (e.start, e.end, e.label.clone()))
                .collect()
        };
        let (sa, sb) = (pick(a), pick(b));
        let exact = sa.iter().filter(|x| sb.contains(x)).count();
        let mut used = vec![false; sb.len()];
        let mut overlap = 0;
        for x in &sa {
            if let Some(j) = (0..sb.len())
                .find(|&j| !used[j] && sb[j].2 == x.2 && sb[j].0 < x.1 && x.0 < sb[j].1)
            {
                used[j] = true;
                overlap += 1;
            }
        }
        let s = into.entry(label.to_owned()).or_default();
        s.a += sa.len();
        s.b += sb.len();
        s.exact += exact;
        s.overlap += overlap;
    }
}

/// The comparable value of each field of a document, as strings.
fn field_values(d: &Document) -> Vec<(&'static str, String)> {
    let f = &d.fields;
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v.join("; ")
    };
    let main = f.events.first();
    vec![
        (
            "headline",
            f.headline
                .as_ref()
                .map(|v| v.value.clone())
                .unwrap_or_default(),
        ),
        (
            "published",
            f.published
                .as_ref()
                .map(|v| v.value.clone())
                .unwrap_or_default(),
        ),
        (
            "news_id",
            f.news_id
                .as_ref()
                .map(|v| v.value.clone())
                .unwrap_or_default(),
        ),
        (
            "agencies",
            sorted(f.agencies.iter().map(|v| v.value.clone()).collect()),
        ),
        (
            "topics",
            sorted(f.topics.iter().map(|v| v.value.clone()).collect()),
        ),
        ("event_count", f.events.len().to_string()),
        (
            "main_event.type",
            main.map(|e| e.event_type.as_str().to_owned())
                .unwrap_or_default(),
        ),
        (
            "main_event.participants",
            main.map(|e| sorted(e.participants.iter().map(|p| p.name.clone()).collect()))
                .unwrap_or_default(),
        ),
        (
            "main_event.date",
            main.and_then(|e| e.date.as_ref())
                .map(|d| d.value.clone())
                .unwrap_or_default(),
        ),
        (
            "main_event.location",
            main.and_then(|e| e.location.as_ref())
                .map(|l| l.value.clone())
                .unwrap_or_default(),
        ),
        ("status", d.status.as_str().to_owned()),
    ]
}

/// Cohen's kappa for paired categorical ratings.
#[must_use]
pub fn cohen_kappa(pairs: &[(String, String)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let po = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let mut ca: HashMap<&str, f64> = HashMap::new();
    let mut cb: HashMap<&str, f64> = HashMap::new();
    for (a, b) in pairs {
        *ca.entry(a).or_default() += 1.0;
        *cb.entry(b).or_default() += 1.0;
    }
    let pe: f64 = ca
        .iter()
        .map(|(k, x)| x / n * cb.get(k).copied().unwrap_or(0.0) / n)
        .sum();
    if (1.0 - pe).abs() < f64::EPSILON {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

/// Compare two datasets.
#[must_use]
pub fn agreement(a: &Dataset, b: &Dataset) -> Agreement {
    let mut out = Agreement::default();
    let by_id: HashMap<&str, &Document> =
        b.documents.iter().map(|d| (d.id.as_str(), &**d)).collect();
    let mut kappa_pairs = Vec::new();
    for da in &a.documents {
        let Some(db) = by_id.get(da.id.as_str()) else {
            out.only_in_a.push(da.id.clone());
            continue;
        };
        out.paired_documents += 1;
        score_spans(&da.entities, &db.entities, &mut out.spans);
        let mut differing = Vec::new();
        for ((name, va), (_, vb)) in field_values(da).into_iter().zip(field_values(db)) {
            let s = out.fields.entry(name.to_owned()).or_default();
            s.total += 1;
            if va == vb {
                s.agree += 1;
            } else {
                differing.push(name.to_owned());
            }
        }
        if !differing.is_empty() {
            out.field_disagreements.insert(da.id.clone(), differing);
        }
        let main = |d: &Document| {
            d.fields
                .events
                .first()
                .map_or("none", |e| e.event_type.as_str())
                .to_owned()
        };
        kappa_pairs.push((main(da), main(db)));
    }
    let in_a: std::collections::HashSet<&str> = a.documents.iter().map(|d| d.id.as_str()).collect();
    out.only_in_b = b
        .documents
        .iter()
        .filter(|d| !in_a.contains(d.id.as_str()))
        .map(|d| d.id.clone())
        .collect();
    out.event_type_kappa = cohen_kappa(&kappa_pairs);
    out
}

impl fmt::Display for Agreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents paired; {} only in A, {} only in B",
            self.paired_documents,
            self.only_in_a.len(),
            self.only_in_b.len()
        )?;
        writeln!(
            f,
            "\nspans         A      B  exact  F1(exact)  overlap  F1(overlap)"
        )?;
        for (label, s) in &self.spans {
            writeln!(
                f,
                "{label:<10} {:>4} {:>6} {:>6} {:>10.3} {:>8} {:>12.3}",
                s.a,
                s.b,
                s.exact,
                s.exact_f1(),
                s.overlap,
                s.overlap_f1()
            )?;
        }
        writeln!(f, "\nfield                      agree/total")?;
        for (name, s) in &self.fields {
            writeln!(f, "{name:<26} {:>5}/{}", s.agree, s.total)?;
        }
        match self.event_type_kappa {
            Some(k) => writeln!(f, "\nCohen's kappa, main event type: {k:.3}"),
            None => writeln!(
                f,
                "\nCohen's kappa, main event type: undefined (no pairs or a single category)"
            ),
        }
    }
}

/// Which analyst's version to keep for one disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Side {
    /// Keep A's.
    A,
    /// Keep B's.
    B,
}

/// One place where two versions of a document differ.
#[derive(Debug, Clone, PartialEq)]
pub enum Disagreement {
    /// Spans that overlap each other but differ (or stand alone on one side): A's group vs B's group.
    Spans {
        /// A's spans in this region.
        a: Vec<Entity>,
        /// B's spans in this region.
        b: Vec<Entity>,
    },
    /// The whole extracted record differs.
    Fields,
    /// The status differs.
    Status,
}

/// The disagreements between two versions of the same document (same text), in text order.
#[must_use]
pub fn disagreements(a: &Document, b: &Document) -> Vec<Disagreement> {
    let mut out = Vec::new();
    // Group spans of both sides into regions of mutually overlapping spans.
    let mut all: Vec<(bool, &Entity)> = a
        .entities
        .iter()
        .map(|e| (true, e))
        .chain(b.entities.iter().map(|e| (false, e)))
        .collect();
    all.sort_by_key(|(_, e)| (e.start, e.end));
    let mut i = 0;
    while i < all.len() {
        let mut end = all[i].1.end;
        let mut j = i + 1;
        while j < all.len() && all[j].1.start < end {
            end = end.max(all[j].1.end);
            j += 1;
        }
        let ga: Vec<Entity> = all[i..j]
            .iter()
            .filter(|(s, _)| *s)
            .map(|(_, e)| (*e).clone())
            .collect();
        let gb: Vec<Entity> = all[i..j]
            .iter()
            .filter(|(s, _)| !*s)
            .map(|(_, e)| (*e).clone())
            .collect();
        let same = ga.len() == gb.len()
            && ga
                .iter()
                .zip(&gb)
                .all(|(x, y)| (x.start, x.end, &x.label) == (y.start, y.end, &y.label));
        if !same {
            out.push(Disagreement::Spans { a: ga, b: gb });
        }
        i = j;
    }
    if a.fields != b.fields {
        out.push(Disagreement::Fields);
    }
    if a.status != b.status {
        out.push(Disagreement::Status);
    }
    out
}

/// Merge two versions of a document: agreed spans stay, and for each disagreement (in the order
/// [`disagreements`] returns them) the chosen side's version is kept. Missing choices keep A.
#[must_use]
pub fn merge(a: &Document, b: &Document, choices: &[Side]) -> Document {
    let mut merged = a.clone();
    let diffs = disagreements(a, b);
    let mut entities: Vec<Entity> = a.entities.clone();
    for (k, d) in diffs.iter().enumerate() {
        let side = choices.get(k).copied().unwrap_or(Side::A);
        match (d, side) {
            (Disagreement::Spans { a: ga, b: gb }, Side::B) => {
                entities.retain(|e| !ga.contains(e));
                entities.extend(gb.iter().cloned());
            }
            (Disagreement::Fields, Side::B) => merged.fields = b.fields.clone(),
            (Disagreement::Status, Side::B) => merged.status = b.status,
            _ => {}
        }
    }
    entities.sort_by_key(|e| (e.start, e.end));
    merged.entities = entities;
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn doc(entities: Vec<(usize, usize, &str)>) -> Document {
        let text = "لاوروف و روبیو در ریاض دیدار کردند";
        let mut d = Document::from_plain_text(
            "d".into(),
            Source {
                path: "x".into(),
                file_name: "x".into(),
                sha256: String::new(),
                encoding: "UTF-8".into(),
                format: SourceFormat::Text,
            },
            Language::Fa,
            text.into(),
        );
        d.entities = entities
            .into_iter()
            .map(|(s, e, l)| Entity {
                start: s,
                end: e,
                label: l.into(),
                text: text.chars().skip(s).take(e - s).collect(),
                canonical: None,
                kb_id: None,
                origin: Origin::Manual,
            })
            .collect();
        d
    }

    #[test]
    fn span_f1_exact_and_overlap() {
        let a = Dataset {
            documents: vec![doc(vec![
                (0, 6, "PERSON"),
                (9, 14, "PERSON"),
                (18, 22, "LOC"),
            ])]
            .into_iter()
            .map(Into::into)
            .collect(),
            ..Dataset::default()
        };
        let b = Dataset {
            documents: vec![doc(vec![(0, 6, "PERSON"), (9, 13, "PERSON")])]
                .into_iter()
                .map(Into::into)
                .collect(),
            ..Dataset::default()
        };
        let r = agreement(&a, &b);
        let p = &r.spans["PERSON"];
        assert_eq!((p.a, p.b, p.exact, p.overlap), (2, 2, 1, 2));
        assert!((p.exact_f1() - 0.5).abs() < 1e-9);
        assert!((p.overlap_f1() - 1.0).abs() < 1e-9);
        let all = &r.spans["*"];
        assert_eq!((all.a, all.b), (3, 2));
        assert!(r.to_string().contains("PERSON"));
    }

    #[test]
    fn kappa_known_values() {
        let pairs = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(cohen_kappa(&pairs(&[("x", "x"), ("y", "y")])), Some(1.0));
        // Textbook 2x2: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> kappa = 0.4
        let mut v = Vec::new();
        v.extend(std::iter::repeat_n(("y", "y"), 20));
        v.extend(std::iter::repeat_n(("y", "n"), 5));
        v.extend(std::iter::repeat_n(("n", "y"), 10));
        v.extend(std::iter::repeat_n(("n", "n"), 15));
        let k = cohen_kappa(&pairs(&v)).expect("defined");
        assert!((k - 0.4).abs() < 1e-9, "{k}");
    }

    #[test]
    fn merge_takes_one_side_per_disagreement() {
        let a = doc(vec![(0, 6, "PERSON"), (9, 14, "PERSON")]);
        let b = doc(vec![(0, 6, "PERSON"), (9, 14, "ORG"), (18, 22, "LOC")]);
        let diffs = disagreements(&a, &b);
        assert_eq!(diffs.len(), 2);
        let m = merge(&a, &b, &[Side::B, Side::A]);
        let got: Vec<(usize, &str)> = m
            .entities
            .iter()
            .map(|e| (e.start, e.label.as_str()))
            .collect();
        assert_eq!(got, vec![(0, "PERSON"), (9, "ORG")]);
        let m = merge(&a, &b, &[Side::A, Side::B]);
        let got: Vec<(usize, &str)> = m
            .entities
            .iter()
            .map(|e| (e.start, e.label.as_str()))
            .collect();
        assert_eq!(got, vec![(0, "PERSON"), (9, "PERSON"), (18, "LOC")]);
    }
}
