//! Import of pre-labeled span JSONL from other tools, with every offset checked.
//!
//! Reads one JSON object a line in any of these shapes:
//! - Khabar / spaCy / Prodigy: `{"text", "spans": [{"start", "end", "label", "text"?}], "meta"?}`
//! - doccano: `{"text", "label": [[start, end, "LABEL"], ...]}` or
//!   `{"text", "entities": [{"start_offset", "end_offset", "label"}]}`
//!
//! Offsets must be code points into `text`. A span that runs past the text, is empty, or whose
//! `text` differs from what it covers is skipped and reported with its line; a line that is not
//! such an object is skipped and reported; everything else comes in.

use std::fmt;
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::{Dataset, Document, Entity, Language, Origin, Source, SourceFormat};
use crate::text::{CharIndex, CharSpan};

/// Something in the import file that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based line in the file.
    pub line: usize,
    /// What was wrong and what was skipped.
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The result of an import: documents to add and what was skipped.
#[derive(Debug, Default)]
pub struct Imported {
    /// The documents read, with their checked spans.
    pub documents: Vec<Document>,
    /// Labels the file uses, in first-seen order.
    pub labels: Vec<String>,
    /// What was skipped, by line.
    pub problems: Vec<ImportProblem>,
}

impl Imported {
    /// Add the documents to a dataset, defining unknown labels and skipping documents whose id
    /// is already there. Returns how many were added.
    pub fn merge_into(self, dataset: &mut Dataset) -> usize {
        for l in &self.labels {
            dataset.ensure_label(l);
        }
        let mut added = 0;
        for doc in self.documents {
            if dataset.documents.iter().all(|d| d.id != doc.id) {
                dataset.documents.push(doc.into());
                added += 1;
            }
        }
        added
    }
}

/// Parse span JSONL text. `source_path` names the file in each document's source.
#[must_use]
pub fn parse_span_jsonl(input: &str, source_path: &Path) -> Imported {
    let mut out = Imported::default();
    for (i, line) in input.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.problems.push(ImportProblem {
                    line: line_no,
                    message: format!("not JSON ({e}); line skipped"),
                });
                continue;
            }
        };
        match document_from_line(&value, line_no, source_path, &mut out) {
            Ok(doc) => out.documents.push(doc),
            Err(message) => out.problems.push(ImportProblem {
                line: line_no,
                message,
            }),
        }
    }
    out
}

/// Read and parse a span JSONL file.
pub fn import_span_jsonl(path: &Path) -> Result<Imported, std::io::Error> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not UTF-8: {e}"))
    })?;
    Ok(parse_span_jsonl(&text, path))
}

/// One raw span as found in a line, before checking.
struct RawSpan {
    start: Option<u64>,
    end: Option<u64>,
    label: Option<String>,
    text: Option<String>,
}

fn raw_spans(v: &Value) -> Vec<RawSpan> {
    let num = |x: Option<&Value>| x.and_then(Value::as_u64);
    let s = |x: Option<&Value>| x.and_then(Value::as_str).map(str::to_owned);
    if let Some(list) = v.get("spans").and_then(Value::as_array) {
        return list
            .iter()
            .map(|sp| RawSpan {
                start: num(sp.get("start")),
                end: num(sp.get("end")),
                label: s(sp.get("label")),
                text: s(sp.get("text")),
            })
            .collect();
    }
    if let Some(list) = v.get("label").and_then(Value::as_array) {
        return list
            .iter()
            .map(|sp| RawSpan {
                start: num(sp.get(0)),
                end: num(sp.get(1)),
                label: s(sp.get(2)),
                text: None,
            })
            .collect();
    }
    if let Some(list) = v.get("entities").and_then(Value::as_array) {
        return list
            .iter()
            .map(|sp| RawSpan {
                start: num(sp.get("start_offset").or_else(|| sp.get("start"))),
                end: num(sp.get("end_offset").or_else(|| sp.get("end"))),
                label: s(sp.get("label")),
                text: None,
            })
            .collect();
    }
    Vec::new()
}

fn document_from_line(
    v: &Value,
    line: usize,
    path: &Path,
    out: &mut Imported,
) -> Result<Document, String> {
    let text = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no \"text\" string; line skipped")?
        .to_owned();
    let meta = v.get("meta");
    let meta_str = |k: &str| {
        meta.and_then(|m| m.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let sha = format!("{:x}", Sha256::digest(text.as_bytes()));
    let id = meta_str("id")
        .or_else(|| {
            v.get("id").and_then(|i| {
                i.as_str()
                    .map(str::to_owned)
                    .or_else(|| i.as_u64().map(|n| n.to_string()))
            })
        })
        .unwrap_or_else(|| sha[..16].to_owned());
    let file_name = meta_str("file_name").unwrap_or_else(|| {
        format!(
            "{}:{line}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        )
    });
    let language = match meta_str("language").as_deref() {
        Some("fa") => Language::Fa,
        Some("ar") => Language::Ar,
        _ => Language::Other,
    };
    let source = Source {
        path: path.display().to_string(),
        file_name,
        sha256: sha,
        encoding: "UTF-8".into(),
        format: SourceFormat::Text,
    };
    let mut doc = Document::from_plain_text(id, source, language, text);
    let index = CharIndex::new(&doc.text);
    for (k, raw) in raw_spans(v).into_iter().enumerate() {
        let bad = |why: String| ImportProblem {
            line,
            message: format!("span {k}: {why}; span skipped"),
        };
        let (Some(start), Some(end), Some(label)) = (raw.start, raw.end, raw.label) else {
            out.problems.push(bad("needs start, end and label".into()));
            continue;
        };
        let (start, end) = (
            usize::try_from(start).unwrap_or(usize::MAX),
            usize::try_from(end).unwrap_or(usize::MAX),
        );
        if start >= end {
            out.problems
                .push(bad(format!("{start}..{end} is empty or reversed")));
            continue;
        }
        let Some(bytes) = index.to_byte_span(CharSpan::new(start, end)) else {
            out.problems.push(bad(format!(
                "{start}..{end} runs past the text ({} code points)",
                index.char_len()
            )));
            continue;
        };
        let covered = &doc.text[bytes.range()];
        if let Some(t) = raw.text.as_ref().filter(|t| *t != covered) {
            out.problems.push(bad(format!(
                "says {t:?} but {start}..{end} covers {covered:?}"
            )));
            continue;
        }
        if !out.labels.contains(&label) {
            out.labels.push(label.clone());
        }
        doc.entities.push(Entity {
            start,
            end,
            label,
            text: covered.to_owned(),
            canonical: None,
            kb_id: None,
            origin: Origin::Auto,
        });
    }
    doc.entities.sort_by_key(|e| (e.start, e.end));
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_all_three_shapes_and_reports_bad_spans() {
        let input = concat!(
            r#"{"text": "لافروف وبلينكن", "spans": [{"start": 0, "end": 6, "label": "PERSON", "text": "لافروف"}], "meta": {"id": "a"}}"#,
            "\n",
            r#"{"text": "با روبیو", "label": [[3, 8, "PERSON"], [3, 80, "PERSON"]]}"#,
            "\n",
            r#"{"text": "مسکو", "entities": [{"start_offset": 0, "end_offset": 4, "label": "LOC"}]}"#,
            "\n",
            "not json\n",
            r#"{"text": "x", "spans": [{"start": 0, "end": 1, "label": "PERSON", "text": "y"}]}"#,
            "\n"
        );
        let imp = parse_span_jsonl(input, Path::new("in.jsonl"));
        assert_eq!(imp.documents.len(), 4);
        assert_eq!(imp.documents[0].id, "a");
        assert_eq!(imp.documents[0].entities[0].text, "لافروف");
        assert_eq!(
            imp.documents[1].entities.len(),
            1,
            "the span past the end is skipped"
        );
        assert_eq!(imp.documents[1].entities[0].text, "روبیو");
        assert_eq!(imp.documents[2].entities[0].label, "LOC");
        let msgs: Vec<String> = imp.problems.iter().map(ToString::to_string).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("line 2: span 1") && m.contains("past the text")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("line 4:") && m.contains("not JSON")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("line 5:") && m.contains("covers")),
            "{msgs:?}"
        );
        assert_eq!(imp.labels, vec!["PERSON".to_owned(), "LOC".to_owned()]);
    }
}
