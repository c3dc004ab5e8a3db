//! One CSV row per event, for spreadsheets.

use std::io::{self, Write};

use crate::model::{Dataset, Document, Event};

const HEADER: [&str; 16] = [
    "file",
    "document_id",
    "status",
    "language",
    "headline",
    "published",
    "event_index",
    "type",
    "cameo",
    "participants",
    "date",
    "weekday",
    "location",
    "duration_minutes",
    "initiator",
    "topics",
];

fn row(doc: &Document, index: Option<usize>, ev: Option<&Event>) -> Vec<String> {
    let f = &doc.fields;
    let join = |v: Vec<String>| v.join("; ");
    let mut r = vec![
        doc.source.file_name.clone(),
        doc.id.clone(),
        doc.status.as_str().to_owned(),
        doc.language.code().to_owned(),
        f.headline
            .as_ref()
            .map(|h| h.value.clone())
            .unwrap_or_default(),
        f.published
            .as_ref()
            .map(|p| p.value.clone())
            .unwrap_or_default(),
    ];
    match ev {
        None => r.extend(std::iter::repeat_n(String::new(), HEADER.len() - r.len())),
        Some(ev) => r.extend([
            index.map(|i| i.to_string()).unwrap_or_default(),
            ev.event_type.as_str().to_owned(),
            ev.cameo.clone(),
            join(ev.participants.iter().map(|p| p.name.clone()).collect()),
            ev.date
                .as_ref()
                .map(|d| d.value.clone())
                .unwrap_or_default(),
            ev.weekday.clone().unwrap_or_default(),
            ev.location
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_default(),
            ev.duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            ev.initiator.clone().unwrap_or_default(),
            join(ev.topics.iter().map(|t| t.value.clone()).collect()),
        ]),
    }
    r
}

/// Write the CSV; a document without events still gets one row, so none goes missing.
pub fn write_events_csv(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER).map_err(io::Error::other)?;
    for doc in &dataset.documents {
        if doc.fields.events.is_empty() {
            w.write_record(row(doc, None, None))
                .map_err(io::Error::other)?;
        }
        for (i, ev) in doc.fields.events.iter().enumerate() {
            w.write_record(row(doc, Some(i), Some(ev)))
                .map_err(io::Error::other)?;
        }
    }
    w.flush()
}
