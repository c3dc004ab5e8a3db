//! CoNLL-2003 style BIO export.
//!
//! Tokenization (see [`crate::text::tokens`]): maximal runs of letters, marks and digits, a ZWNJ
//! between two letters staying inside its word (تماس‌های is one token), every punctuation mark a
//! token of its own, and a cut at every entity boundary so that an attached clitic (و in
//! "ولافروف") becomes its own `O` token instead of dragging the span out of shape. A sentence
//! ends at . ! ? ؟ or at the end of a paragraph. Each document starts with
//! `-DOCSTART- -X- -X- O` and a comment line `# id = ...`.

use std::io::{self, Write};

use crate::model::Dataset;
use crate::text::tokens::tokenize;

/// Write every document as `token<TAB>tag` lines.
pub fn write_conll(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    for doc in &dataset.documents {
        writeln!(out, "-DOCSTART- -X- -X- O")?;
        writeln!(out, "# id = {}", doc.id)?;
        writeln!(out)?;
        let cuts: Vec<usize> = doc.entities.iter().flat_map(|e| [e.start, e.end]).collect();
        let tokens = tokenize(&doc.text, &cuts);
        let mut ent = doc.entities.iter().peekable();
        let mut open: Option<(usize, &str)> = None; // (end, label) of the entity being tagged
        let mut line_open = false;
        for tok in &tokens {
            let s = tok.span.start.0;
            if open.is_some_and(|(end, _)| s >= end) {
                open = None;
            }
            while ent.peek().is_some_and(|e| e.end <= s) {
                ent.next();
            }
            let tag = match (open, ent.peek()) {
                (Some((_, label)), _) => format!("I-{label}"),
                (None, Some(e)) if e.start <= s && s < e.end => {
                    open = Some((e.end, e.label.as_str()));
                    format!("B-{}", e.label)
                }
                _ => "O".to_owned(),
            };
            writeln!(out, "{}\t{tag}", tok.text)?;
            line_open = true;
            if tok.ends_sentence {
                writeln!(out)?;
                line_open = false;
            }
        }
        if line_open {
            writeln!(out)?;
        }
    }
    Ok(())
}
