//! Fuzz target `ingest`: arbitrary bytes through article decoding, as every kind of input file,
//! and language detection of whatever text comes out.
//!
//! Never panics, and when decoding succeeds the text keeps the promises of
//! `khabar::ingest::decode_article_bytes` (see the checks below for each one).

#![no_main]

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use khabar::ingest::{InputKind, decode_article_bytes};
use khabar::lang;
use khabar::model::Language;
use khabar::text::chars::is_arabic_letter;
use libfuzzer_sys::fuzz_target;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fuzz_target!(
    init: tolerate_caught_extractor_panics(),
    |data: &[u8]| {
        for kind in [InputKind::Text, InputKind::Html, InputKind::Dataset] {
            if let Ok((text, encoding)) = decode_article_bytes(data, Path::new("fuzz.txt"), kind) {
                check_decoded(data, kind, &text, encoding);
                check_language(&text);
            }
        }
        // Detection runs on whatever text the app holds, decoded or not.
        check_language(&String::from_utf8_lossy(data));
    }
);

/// What a successful decode promises.
fn check_decoded(data: &[u8], kind: InputKind, text: &str, encoding: &str) {
    assert!(!encoding.is_empty(), "no encoding name");
    // Refused: NUL, whitespace-only text, and text with many control characters.
    assert!(!text.contains('\0'), "NUL in decoded text {text:?}");
    assert!(
        text.chars()
            .any(|c| !c.is_whitespace() && !c.is_control() && c != '\u{FEFF}'),
        "text without content accepted: {text:?}"
    );
    match kind {
        InputKind::Text | InputKind::Dataset => {
            let binary_controls = text
                .chars()
                .filter(|&c| {
                    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{85}')
                })
                .count();
            assert!(
                binary_controls * 1000 <= text.chars().count() * 20,
                "{binary_controls} control characters accepted in {text:?}"
            );
            // "The whole file minus its BOM, line endings untouched": for the Unicode encodings
            // the text encodes back to exactly the bytes read.
            match encoding {
                "UTF-8" => {
                    let body = data.strip_prefix(UTF8_BOM).unwrap_or(data);
                    assert_eq!(text.as_bytes(), body, "UTF-8 text is not the file's bytes");
                }
                "UTF-16LE" | "UTF-16BE" => {
                    let (bom, big_endian): (&[u8], bool) = if encoding == "UTF-16LE" {
                        (b"\xFF\xFE", false)
                    } else {
                        (b"\xFE\xFF", true)
                    };
                    let body = data.strip_prefix(bom).unwrap_or(data);
                    let encoded: Vec<u8> = text
                        .encode_utf16()
                        .flat_map(|u| {
                            if big_endian {
                                u.to_be_bytes()
                            } else {
                                u.to_le_bytes()
                            }
                        })
                        .collect();
                    assert_eq!(
                        encoded, body,
                        "{encoding} text does not encode back to the file"
                    );
                }
                _ => {}
            }
        }
        InputKind::Html => {
            // The headline and paragraphs, trimmed, with some article text in them.
            assert_eq!(text, text.trim(), "extracted text not trimmed");
            assert!(
                text.chars().any(char::is_alphanumeric),
                "no article text in {text:?}"
            );
        }
    }
}

/// Detection never panics, and with fewer than 20 Arabic-script letters it says `Other`.
fn check_language(text: &str) {
    let language = lang::detect(text);
    let arabic_letters = text.chars().filter(|&c| is_arabic_letter(c)).count();
    if arabic_letters < 20 {
        assert_eq!(
            language,
            Language::Other,
            "{arabic_letters} Arabic letters in {text:?}"
        );
    }
}

/// The HTML extractor (`rs-trafilatura`) panics on some markup; the core runs it under
/// `catch_unwind` and turns such a panic into a per-file error, so those panics are handled and
/// must not count as crashes here. libfuzzer-sys's hook aborts on every panic before unwinding,
/// which would defeat that `catch_unwind`; this hook lets panics raised in third-party code
/// (the registry) unwind, noting each place once. A panic that the core does not catch still
/// reaches libfuzzer-sys's own `catch_unwind`, which aborts, so nothing is hidden; a panic in
/// Khabar's own code aborts at once, with its backtrace.
fn tolerate_caught_extractor_panics() {
    static SEEN: AtomicUsize = AtomicUsize::new(0);
    let aborting_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let third_party = info.location().is_some_and(|l| {
            let file = l.file();
            file.contains("/registry/src/")
                || file.contains("/git/checkouts/")
                || file.contains("/rustc/")
        });
        if third_party {
            let n = SEEN.fetch_add(1, Ordering::Relaxed);
            if n < 20 {
                eprintln!(
                    "[ingest fuzz] panic #{n} outside Khabar, unwinding (the core catches the \
                     extractor's; any other aborts below): {info}"
                );
            }
        } else {
            aborting_hook(info);
        }
    }));
}
