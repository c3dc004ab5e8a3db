//! Span JSONL (spaCy / Prodigy style) and doccano JSONL.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Document};

/// One line of span JSONL: the text, its spans, and document facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanRecord {
    /// The cleaned text.
    pub text: String,
    /// Entity spans, code points, end-exclusive.
    #[serde(default)]
    pub spans: Vec<SpanRecordSpan>,
    /// Document facts: id, file, language, status, headline, published.
    #[serde(default)]
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// One span of a [`SpanRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecordSpan {
    /// Start, code points.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// Label name.
    pub label: String,
    /// The covered text (checked on import when present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

fn meta(doc: &Document) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut m = serde_json::Map::new();
    m.insert("id".into(), Value::from(doc.id.clone()));
    m.insert(
        "file_name".into(),
        Value::from(doc.source.file_name.clone()),
    );
    m.insert("language".into(), Value::from(doc.language.code()));
    m.insert("status".into(), Value::from(doc.status.as_str()));
    if let Some(h) = &doc.fields.headline {
        m.insert("headline".into(), Value::from(h.value.clone()));
    }
    if let Some(p) = &doc.fields.published {
        m.insert("published".into(), Value::from(p.value.clone()));
    }
    m
}

/// Build the span record of one document.
#[must_use]
pub fn span_record(doc: &Document) -> SpanRecord {
    SpanRecord {
        text: doc.text.clone(),
        spans: doc
            .entities
            .iter()
            .map(|e| SpanRecordSpan {
                start: e.start,
                end: e.end,
                label: e.label.clone(),
                text: Some(e.text.clone()),
            })
            .collect(),
        meta: meta(doc),
    }
}

/// Write one span record per document.
pub fn write_span_jsonl(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    for doc in &dataset.documents {
        serde_json::to_writer(&mut *out, &span_record(doc))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Write doccano's JSONL: `{"id", "text", "label": [[start, end, label]]}`.
pub fn write_doccano_jsonl(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    for doc in &dataset.documents {
        let labels: Vec<(usize, usize, &str)> = doc
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.label.as_str()))
            .collect();
        let line = serde_json::json!({ "id": doc.id, "text": doc.text, "label": labels });
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
