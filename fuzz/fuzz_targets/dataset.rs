//! Fuzz target `dataset`: arbitrary bytes through the app's dataset loading path
//! (`khabar::io::parse_dataset`, then `khabar::validate`, as `load_dataset` does) and through
//! saving: a dataset that parses is saved with `dataset_to_bytes` and must parse back equal,
//! validate the same, and save to the same bytes.
//!
//! The app opens a dataset even when validation finds problems, so the document-level reads it
//! does on any loaded document run here too, on whatever offsets the file holds: alignment
//! lookups ("segments read from a file may be anything: lookups never panic") and rendering with
//! the file's removed pieces ("overlapping or out-of-range pieces are tolerated").

#![no_main]

use std::path::Path;

use khabar::clean::{Aligner, render};
use khabar::io::{dataset_to_bytes, parse_dataset};
use khabar::model::Document;
use khabar::text::{CharOffset, CharSpan, slice_chars};
use khabar::validate::validate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.json");
    let Ok(dataset) = parse_dataset(data, path) else {
        return;
    };
    let problems = validate(&dataset);
    for problem in &problems {
        // Messages are shown to the analyst; formatting them must not panic either.
        let _ = problem.to_string();
    }

    let saved = dataset_to_bytes(&dataset);
    let reloaded = match parse_dataset(&saved, path) {
        Ok(reloaded) => reloaded,
        Err(e) => panic!(
            "a saved dataset does not load: {e}\n{}",
            String::from_utf8_lossy(&saved)
        ),
    };
    assert_eq!(reloaded, dataset, "save and load changed the dataset");
    assert_eq!(
        validate(&reloaded),
        problems,
        "save and load changed the problems"
    );
    assert_eq!(
        dataset_to_bytes(&reloaded),
        saved,
        "saving is not deterministic"
    );

    for doc in &dataset.documents {
        read_like_the_app(doc);
    }
});

/// Offset lookups and rendering on a document as loaded, valid or not: none may panic.
fn read_like_the_app(doc: &Document) {
    let aligner = Aligner::new(&doc.alignment);
    let _ = aligner.clean_len();
    for e in &doc.entities {
        let span = CharSpan::new(e.start, e.end);
        let _ = slice_chars(&doc.text, span);
        let raw = aligner.clean_span_to_raw(span);
        let _ = slice_chars(&doc.raw_text, raw);
        let _ = aligner.raw_span_to_clean(raw);
        let _ = aligner.clean_to_raw(CharOffset(e.start));
        let _ = aligner.raw_to_clean(CharOffset(e.end));
    }
    for r in &doc.removed {
        let span = CharSpan::new(r.start, r.end);
        let _ = slice_chars(&doc.raw_text, span);
        let _ = aligner.raw_span_to_clean(span);
    }
    let (text, alignment) = render(
        &doc.raw_text,
        &doc.removed,
        doc.language,
        &doc.normalization,
    );
    // Whatever the pieces, the rendered alignment covers exactly the rendered text.
    let covered: usize = alignment.0.iter().map(|s| s[2]).sum();
    assert_eq!(
        covered,
        text.chars().count(),
        "rendered alignment does not cover the text"
    );
}
