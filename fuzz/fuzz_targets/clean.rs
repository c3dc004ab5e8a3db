//! Fuzz target `clean`: arbitrary text through `khabar::clean::clean` with the bundled site
//! rules, checking the properties `tests/core/clean_props.rs` checks on generated articles:
//! idempotence, the render invariant, well-formed removed pieces and alignment (every segment
//! meaning what it says), clean spans mapping to raw slices that render back, and restoring every
//! removal then removing it again round-tripping.
//!
//! Input layout: the first byte picks the language and normalization, the rest is the raw text:
//! taken as is when it is UTF-8, otherwise decoded as an article file would be (falling back to
//! a lossy conversion when ingest refuses the bytes).

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use khabar::clean::normalize::{is_line_break, is_space, output_char};
use khabar::clean::{Aligner, Cleaned, SiteRules, clean, render, with_removed};
use khabar::ingest::{InputKind, decode_article_bytes};
use khabar::model::{
    Document, Entity, Fields, Language, Metadata, Normalization, Origin, Source, Status,
};
use khabar::text::CharSpan;
use khabar::text::chars::ZWNJ;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<SiteRules> = LazyLock::new(SiteRules::bundled);

fuzz_target!(|data: &[u8]| {
    let Some((&settings, rest)) = data.split_first() else {
        return;
    };
    let lang = match settings % 3 {
        0 => Language::Fa,
        1 => Language::Ar,
        _ => Language::Other,
    };
    let norm = Normalization {
        persian_letters: settings & 0x04 == 0,
        restore_zwnj: settings & 0x08 != 0,
    };
    let raw: String = match std::str::from_utf8(rest) {
        Ok(text) => text.to_owned(),
        Err(_) => match decode_article_bytes(rest, Path::new("fuzz.txt"), InputKind::Text) {
            Ok((text, _)) => text,
            Err(_) => String::from_utf8_lossy(rest).into_owned(),
        },
    };

    let cleaned = clean(&raw, lang, &RULES, &norm);
    check_idempotent(&cleaned, lang, &norm);
    check_render(&raw, &cleaned, lang, &norm);
    check_shape(&raw, &cleaned, lang, &norm);
    check_spans_render_back(&raw, &cleaned, lang, &norm);
    // As in `clean_props.rs`, only without ZWNJ restoration: restored boilerplate next to a word
    // may rightly change where a ZWNJ goes, and with it an entity's text.
    if !norm.restore_zwnj {
        check_restore_round_trip(&raw, &cleaned, lang, &norm);
    }
});

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Cleaning the cleaned text again changes nothing and removes nothing.
fn check_idempotent(once: &Cleaned, lang: Language, norm: &Normalization) {
    let twice = clean(&once.text, lang, &RULES, norm);
    assert_eq!(twice.text, once.text, "cleaning is not idempotent");
    assert!(
        twice.removed.is_empty(),
        "second clean removed {:?}",
        twice.removed
    );
}

/// `render(raw, removed)` reproduces the text and alignment.
fn check_render(raw: &str, c: &Cleaned, lang: Language, norm: &Normalization) {
    let (text, alignment) = render(raw, &c.removed, lang, norm);
    assert_eq!(text, c.text, "render does not reproduce the clean text");
    assert_eq!(
        alignment, c.alignment,
        "render does not reproduce the alignment"
    );
}

/// Removed pieces are sorted, disjoint, non-empty and inside the raw text (code points); the
/// alignment covers the clean text in order, stays inside the raw text, maps no removed char,
/// and each segment is a char-for-char run, an inserted ZWNJ or a CRLF-born newline.
fn check_shape(raw: &str, c: &Cleaned, lang: Language, norm: &Normalization) {
    let rc = chars(raw);
    let cc = chars(&c.text);
    let raw_len = rc.len();
    for w in c.removed.windows(2) {
        assert!(w[0].end <= w[1].start, "overlap or disorder: {w:?}");
    }
    for r in &c.removed {
        assert!(
            r.start < r.end && r.end <= raw_len,
            "bad piece {r:?} of {raw_len}"
        );
    }
    let (mut clean_at, mut raw_at) = (0, 0);
    for s in &c.alignment.0 {
        assert_eq!(
            s[0], clean_at,
            "segments do not cover the text in order: {s:?}"
        );
        assert!(s[1] >= raw_at, "raw side out of order: {s:?}");
        assert!(s[2] >= 1, "empty segment {s:?}");
        assert!(
            s[1] + s[3] <= raw_len,
            "segment {s:?} past the raw text ({raw_len})"
        );
        for r in &c.removed {
            assert!(
                s[1] + s[3] <= r.start || s[1] >= r.end,
                "segment {s:?} maps removed {r:?}"
            );
        }
        clean_at += s[2];
        raw_at = s[1] + s[3];
    }
    assert_eq!(
        clean_at,
        cc.len(),
        "alignment does not cover the clean text"
    );
    for s in &c.alignment.0 {
        if s[2] == s[3] {
            for k in 0..s[2] {
                let r = rc[s[1] + k];
                let expected = if is_space(r) {
                    ' '
                } else if is_line_break(r) {
                    '\n'
                } else {
                    output_char(r, lang, norm)
                };
                assert_eq!(cc[s[0] + k], expected, "segment {s:?} at {k}");
            }
        } else if s[3] == 0 {
            assert_eq!(cc[s[0]], ZWNJ, "inserted char {s:?} is not a ZWNJ");
        } else {
            assert_eq!(s[2], 1, "replacement {s:?} is not one char");
            assert_eq!(cc[s[0]], '\n', "replacement {s:?} is not a newline");
            assert_eq!(
                &rc[s[1]..s[1] + s[3]],
                &['\r', '\n'][..],
                "replacement {s:?} is not CRLF"
            );
        }
    }
}

/// Clean spans that start and end on word boundaries (as in `clean_props.rs`).
fn word_spans(text: &str) -> Vec<CharSpan> {
    let c = chars(text);
    let starts: Vec<usize> = (0..c.len())
        .filter(|&i| c[i] != ' ' && c[i] != '\n' && (i == 0 || c[i - 1] == ' ' || c[i - 1] == '\n'))
        .collect();
    let ends: Vec<usize> = (1..=c.len())
        .filter(|&i| {
            c[i - 1] != ' ' && c[i - 1] != '\n' && (i == c.len() || c[i] == ' ' || c[i] == '\n')
        })
        .collect();
    let mut spans = Vec::new();
    for (k, &s) in starts.iter().enumerate().step_by(3) {
        if let Some(&e) = ends.iter().filter(|&&e| e > s).nth(k % 4) {
            spans.push(CharSpan::new(s, e));
        }
    }
    spans
}

/// A clean span maps to a raw slice that, rendered with the removed pieces inside it, gives the
/// span's text back; and the raw slice maps back to the same clean span.
fn check_spans_render_back(raw: &str, c: &Cleaned, lang: Language, norm: &Normalization) {
    let aligner = Aligner::new(&c.alignment);
    let rc = chars(raw);
    let cc = chars(&c.text);
    for span in word_spans(&c.text) {
        let r = aligner.clean_span_to_raw(span);
        let slice: String = rc[r.start.0..r.end.0].iter().collect();
        let removed: Vec<_> = c
            .removed
            .iter()
            .filter(|p| p.start >= r.start.0 && p.end <= r.end.0)
            .map(|p| {
                let mut p = p.clone();
                p.start -= r.start.0;
                p.end -= r.start.0;
                p
            })
            .collect();
        let (got, _) = render(&slice, &removed, lang, norm);
        let want: String = cc[span.start.0..span.end.0].iter().collect();
        assert_eq!(got, want, "span {span:?} (raw {r:?}) does not render back");
        assert_eq!(
            aligner.raw_span_to_clean(r),
            Some(span),
            "raw {r:?} does not map back"
        );
    }
}

/// Restoring every removed piece keeps every single-word entity, and removing the pieces again
/// gives back the text, alignment, pieces and entities.
fn check_restore_round_trip(raw: &str, c: &Cleaned, lang: Language, norm: &Normalization) {
    let cc = chars(&c.text);
    let entities: Vec<Entity> = word_spans(&c.text)
        .into_iter()
        .filter(|s| !cc[s.start.0..s.end.0].iter().any(|c| c.is_whitespace()))
        .map(|s| Entity {
            start: s.start.0,
            end: s.end.0,
            label: "LOC".into(),
            text: cc[s.start.0..s.end.0].iter().collect(),
            canonical: None,
            kb_id: None,
            origin: Origin::Manual,
        })
        .collect();
    let doc = Document {
        id: "fuzz".into(),
        source: Source::synthetic("fuzz.txt"),
        language: lang,
        raw_text: raw.to_owned(),
        text: c.text.clone(),
        removed: c.removed.clone(),
        alignment: c.alignment.clone(),
        normalization: norm.clone(),
        metadata: Metadata::default(),
        fields: Fields::default(),
        entities: entities.clone(),
        status: Status::Unreviewed,
        notes: String::new(),
    };
    let restored = with_removed(&doc, Vec::new());
    assert!(
        restored.removed.is_empty(),
        "restoring all left {:?}",
        restored.removed
    );
    assert_eq!(
        restored.entities.len(),
        entities.len(),
        "restoring dropped an entity"
    );
    let mut doc2 = doc.clone();
    doc2.text = restored.text;
    doc2.removed = restored.removed;
    doc2.alignment = restored.alignment;
    doc2.entities = restored.entities;
    let back = with_removed(&doc2, c.removed.clone());
    assert_eq!(back.text, c.text, "removing again changed the text");
    assert_eq!(
        back.alignment, c.alignment,
        "removing again changed the alignment"
    );
    assert_eq!(back.removed, c.removed, "removing again changed the pieces");
    assert_eq!(back.entities, entities, "removing again moved the entities");
}
