//! Exports of a dataset to the formats other tools read.
//!
//! All offsets stay Unicode code points into the cleaned text, which is what Python `str`
//! slicing, spaCy's `Doc.char_span` and Prodigy use.

mod conll;
mod csv_events;
mod jsonl;

use std::io::{self, Write};
use std::str::FromStr;

use crate::model::Dataset;

pub use conll::write_conll;
pub use csv_events::write_events_csv;
pub use jsonl::{SpanRecord, SpanRecordSpan, write_doccano_jsonl, write_span_jsonl};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One document a line: `{"text", "spans": [{"start","end","label","text"}], "meta"}`.
    Jsonl,
    /// doccano's sequence-labeling JSONL: `{"text", "label": [[start, end, "LABEL"]]}`.
    Doccano,
    /// CoNLL-2003 style BIO, one token a line, a blank line between sentences.
    Conll,
    /// One row per event, for spreadsheets.
    Csv,
}

impl Format {
    /// Every format, for menus.
    pub const ALL: [Format; 4] = [Format::Jsonl, Format::Doccano, Format::Conll, Format::Csv];

    /// The name used on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Doccano => "doccano",
            Format::Conll => "conll",
            Format::Csv => "csv",
        }
    }

    /// The usual file extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Doccano => "jsonl",
            Format::Conll => "conll",
            Format::Csv => "csv",
        }
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown format {s:?}; expected one of jsonl, doccano, conll, csv")
            })
    }
}

/// Write `dataset` in `format`.
pub fn export(dataset: &Dataset, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Jsonl => write_span_jsonl(dataset, out),
        Format::Doccano => write_doccano_jsonl(dataset, out),
        Format::Conll => write_conll(dataset, out),
        Format::Csv => write_events_csv(dataset, out),
    }
}
