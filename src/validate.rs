//! Checks a dataset against the contract beyond what its JSON shape says: every span inside its
//! text and equal to its `text`, known labels, unique ids, a consistent alignment.
//!
//! Used by `khabar validate`, on every load in the app, and by tests on every file Khabar writes.

use std::collections::HashSet;
use std::fmt;

use rayon::prelude::*;

use crate::model::{Dataset, Document, FORMAT, Fields, VERSION};
use crate::text::{CharSpan, SparseCharIndex};

/// One thing wrong with a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The document's id, when the problem is inside one.
    pub doc_id: Option<String>,
    /// Where in the JSON, e.g. `documents[3].entities[2]`.
    pub json_path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.doc_id {
            Some(id) => write!(f, "document {id} ({}): {}", self.json_path, self.message),
            None => write!(f, "{}: {}", self.json_path, self.message),
        }
    }
}

/// Every problem in a dataset, in document order. Empty means valid.
#[must_use]
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    let mut out = Vec::new();
    let top = |path: &str, message: String| Problem {
        doc_id: None,
        json_path: path.into(),
        message,
    };
    if dataset.format != FORMAT {
        out.push(top(
            "format",
            format!("is {:?}, expected {FORMAT:?}", dataset.format),
        ));
    }
    if dataset.version == 0 || dataset.version > VERSION {
        out.push(top(
            "version",
            format!("is {}, this Khabar reads 1 to {VERSION}", dataset.version),
        ));
    }
    let mut label_names = HashSet::new();
    for (i, label) in dataset.labels.iter().enumerate() {
        if label.name.trim().is_empty() {
            out.push(top(&format!("labels[{i}].name"), "is empty".into()));
        } else if !label_names.insert(label.name.as_str()) {
            out.push(top(
                &format!("labels[{i}].name"),
                format!("{:?} is defined twice", label.name),
            ));
        }
        if !is_hex_color(&label.color) {
            out.push(top(
                &format!("labels[{i}].color"),
                format!("{:?} is not #RRGGBB", label.color),
            ));
        }
    }
    // Documents are checked in parallel (10,000 of them must load in well under a second); ids
    // and the order of problems are settled sequentially.
    let per_doc: Vec<Vec<Problem>> = dataset
        .documents
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let mut problems = Vec::new();
            validate_document(i, doc, &label_names, &mut problems);
            problems
        })
        .collect();
    let mut ids = HashSet::new();
    for ((i, doc), problems) in dataset.documents.iter().enumerate().zip(per_doc) {
        if doc.id.is_empty() {
            out.push(top(&format!("documents[{i}].id"), "is empty".into()));
        } else if !ids.insert(doc.id.as_str()) {
            out.push(Problem {
                doc_id: Some(doc.id.clone()),
                json_path: format!("documents[{i}].id"),
                message: "duplicate id".into(),
            });
        }
        out.extend(problems);
    }
    out
}

fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Collects the problems of one document.
struct DocCheck<'a> {
    doc: &'a Document,
    base: String,
    out: &'a mut Vec<Problem>,
    text_len: usize,
}

impl DocCheck<'_> {
    fn push(&mut self, path: &str, message: String) {
        self.out.push(Problem {
            doc_id: Some(self.doc.id.clone()),
            json_path: format!("{}.{path}", self.base),
            message,
        });
    }

    fn span(&mut self, path: &str, s: &CharSpan) {
        if s.start > s.end {
            self.push(path, format!("span {}..{} is reversed", s.start.0, s.end.0));
        } else if s.end.0 > self.text_len {
            self.push(
                path,
                format!(
                    "span {}..{} runs past the text ({} code points)",
                    s.start.0, s.end.0, self.text_len
                ),
            );
        }
    }

    fn spans(&mut self, path: &str, spans: &[CharSpan]) {
        for (i, s) in spans.iter().enumerate() {
            self.span(&format!("{path}[{i}]"), s);
        }
    }

    fn fields(&mut self, f: &Fields) {
        for (name, v) in [
            ("headline", &f.headline),
            ("news_id", &f.news_id),
            ("outlet", &f.outlet),
        ] {
            if let Some(v) = v {
                self.spans(&format!("fields.{name}.evidence"), &v.evidence);
            }
        }
        if let Some(d) = &f.published {
            self.spans("fields.published.evidence", &d.evidence);
            if chrono::NaiveDate::parse_from_str(d.value.get(..10).unwrap_or(""), "%Y-%m-%d")
                .is_err()
            {
                self.push(
                    "fields.published.value",
                    format!("{:?} is not an ISO 8601 date", d.value),
                );
            }
        }
        for (name, list) in [
            ("agencies", &f.agencies),
            ("tags", &f.tags),
            ("topics", &f.topics),
        ] {
            for (i, v) in list.iter().enumerate() {
                self.spans(&format!("fields.{name}[{i}].evidence"), &v.evidence);
            }
        }
        for (e, ev) in f.events.iter().enumerate() {
            let p = format!("fields.events[{e}]");
            self.spans(&format!("{p}.evidence"), &ev.evidence);
            for (k, spans) in &ev.evidence_of {
                self.spans(&format!("{p}.evidence_of.{k}"), spans);
            }
            for (i, part) in ev.participants.iter().enumerate() {
                self.spans(&format!("{p}.participants[{i}].evidence"), &part.evidence);
            }
            if let Some(d) = &ev.date {
                self.spans(&format!("{p}.date.evidence"), &d.evidence);
            }
            if let Some(l) = &ev.location {
                self.spans(&format!("{p}.location.evidence"), &l.evidence);
            }
            for (i, t) in ev.topics.iter().enumerate() {
                self.spans(&format!("{p}.topics[{i}].evidence"), &t.evidence);
            }
        }
    }
}

fn validate_document(i: usize, doc: &Document, labels: &HashSet<&str>, out: &mut Vec<Problem>) {
    let index = SparseCharIndex::new(
        &doc.text,
        doc.entities.iter().flat_map(|e| [e.start, e.end]),
    );
    let raw_len = doc.raw_text.chars().count();
    let mut c = DocCheck {
        doc,
        base: format!("documents[{i}]"),
        out,
        text_len: index.char_len(),
    };

    let mut prev = (0, 0);
    for (k, e) in doc.entities.iter().enumerate() {
        let path = format!("entities[{k}]");
        if e.start >= e.end {
            c.push(
                &path,
                format!("span {}..{} is empty or reversed", e.start, e.end),
            );
            continue;
        }
        match index.to_byte_span(CharSpan::new(e.start, e.end)) {
            None => c.push(
                &path,
                format!(
                    "span {}..{} runs past the text ({} code points)",
                    e.start, e.end, c.text_len
                ),
            ),
            Some(b) => {
                let covered = &doc.text[b.range()];
                if covered != e.text {
                    c.push(
                        &format!("{path}.text"),
                        format!("is {:?} but the span covers {covered:?}", e.text),
                    );
                }
            }
        }
        if !labels.contains(e.label.as_str()) {
            c.push(
                &format!("{path}.label"),
                format!("{:?} is not one of the dataset's labels", e.label),
            );
        }
        if prev > (e.start, e.end) {
            c.push(&path, "entities are not sorted by start".into());
        }
        prev = (e.start, e.end);
    }

    let mut last = 0;
    for (k, r) in doc.removed.iter().enumerate() {
        let path = format!("removed[{k}]");
        if r.start >= r.end || r.end > raw_len {
            c.push(
                &path,
                format!(
                    "{}..{} is not a range inside raw_text ({raw_len} code points)",
                    r.start, r.end
                ),
            );
        } else if r.start < last {
            c.push(&path, "overlaps or precedes the piece before it".into());
        }
        last = last.max(r.end);
    }

    let mut clean_pos = 0;
    let mut raw_pos = 0;
    for (k, seg) in doc.alignment.0.iter().enumerate() {
        let [cs, rs, cl, rl] = *seg;
        let path = format!("alignment[{k}]");
        if cs != clean_pos {
            c.push(
                &path,
                format!("starts at clean offset {cs}, expected {clean_pos}"),
            );
            break;
        }
        // The numbers come from the file: a sum past usize::MAX must be reported, not overflow
        // (found by the `dataset` fuzz target). Saturated, it is past any text's end.
        let raw_end = rs.saturating_add(rl);
        if rs < raw_pos || raw_end > raw_len {
            c.push(
                &path,
                format!("raw range {rs}..{raw_end} is out of order or past raw_text"),
            );
            break;
        }
        clean_pos = cs.saturating_add(cl);
        raw_pos = raw_end;
    }
    if clean_pos != c.text_len && !(doc.alignment.0.is_empty() && c.text_len == 0) {
        c.push(
            "alignment",
            format!("covers {clean_pos} code points of a text of {}", c.text_len),
        );
    }
    c.fields(&doc.fields);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn doc(id: &str, text: &str) -> Document {
        let mut d = Document::from_plain_text(
            id.into(),
            Source::synthetic("a.txt"),
            Language::Fa,
            text.into(),
        );
        d.normalization = Normalization::default();
        d
    }

    fn ent(start: usize, end: usize, label: &str, text: &str) -> Entity {
        Entity {
            start,
            end,
            label: label.into(),
            text: text.into(),
            canonical: None,
            kb_id: None,
            origin: Origin::Auto,
        }
    }

    #[test]
    fn valid_dataset_has_no_problems() {
        let mut d = doc("a", "با لاوروف");
        d.entities.push(ent(3, 9, "PERSON", "لاوروف"));
        let ds = Dataset {
            documents: vec![d].into_iter().map(Into::into).collect(),
            ..Dataset::default()
        };
        assert_eq!(validate(&ds), vec![]);
    }

    #[test]
    fn names_each_problem_by_document_and_path() {
        let mut a = doc("a", "با لاوروف");
        a.entities.push(ent(3, 9, "PERSON", "لافروف"));
        a.entities.push(ent(3, 99, "PERSON", "x"));
        a.entities.push(ent(0, 2, "NOPE", "با"));
        a.fields.headline = Some(Value::auto("x".into(), vec![CharSpan::new(5, 50)]));
        let b = doc("a", "متن");
        let ds = Dataset {
            documents: vec![a, b].into_iter().map(Into::into).collect(),
            ..Dataset::default()
        };
        let problems: Vec<String> = validate(&ds).iter().map(ToString::to_string).collect();
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("document a (documents[0].entities[0].text)")),
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("documents[0].entities[1]") && p.contains("past the text"))
        );
        assert!(problems.iter().any(|p| p.contains("entities[2].label")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("fields.headline.evidence[0]"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("documents[1].id") && p.contains("duplicate"))
        );
    }

    #[test]
    fn broken_alignment_is_reported() {
        let mut a = doc("a", "متن");
        a.alignment = Alignment(vec![[0, 0, 1, 1]]);
        let ds = Dataset {
            documents: vec![a].into_iter().map(Into::into).collect(),
            ..Dataset::default()
        };
        assert!(
            validate(&ds)
                .iter()
                .any(|p| p.json_path == "documents[0].alignment")
        );
    }

    /// Found by the `dataset` fuzz target: segment lengths near `usize::MAX` made the bounds
    /// check overflow (a panic in debug builds) instead of being reported.
    #[test]
    fn huge_alignment_numbers_are_reported_not_overflowed() {
        let mut a = doc("a", "متن");
        a.alignment = Alignment(vec![[0, 1, 3, usize::MAX]]);
        let mut b = doc("b", "متن");
        b.alignment = Alignment(vec![[0, 0, usize::MAX, 3], [usize::MAX, 3, 1, 0]]);
        let ds = Dataset {
            documents: vec![a, b].into_iter().map(Into::into).collect(),
            ..Dataset::default()
        };
        let paths: Vec<String> = validate(&ds).into_iter().map(|p| p.json_path).collect();
        assert_eq!(
            paths,
            [
                "documents[0].alignment[0]",
                "documents[0].alignment",
                "documents[1].alignment",
            ],
        );
    }
}
