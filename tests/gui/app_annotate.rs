//! The analyst's core gestures in the real app: drag across a name in Persian and in Arabic
//! text and press a label key (the saved JSON holds the right code-point span), click a field
//! to see its evidence, restore removed boilerplate, add a name to the gazetteer, and type a
//! Jalali date that becomes its Gregorian value.

use crate::app_common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use khabar::gui::commands::Command;
use khabar::model::{Calendar, Dataset, Origin};
use khabar::text::{CharSpan, slice_chars};

type AppHarness = egui_kittest::Harness<'static, khabar::gui::KhabarApp>;

/// Code-point span of `needle` in `text`, counted independently of the app.
fn code_points(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The document on screen.
fn current_document(h: &AppHarness) -> khabar::model::Document {
    h.state()
        .session()
        .and_then(|s| s.document())
        .expect("a document is open")
        .clone()
}

/// Drag with the mouse from the middle of the first character of `needle` (in the current
/// document) to the middle of its last one, through the article view's own layout.
fn drag_across(h: &mut AppHarness, needle: &str) {
    let span = span_of(h.state(), needle);
    let first = char_rect(h, CharSpan::new(span.start.0, span.start.0 + 1));
    let last = char_rect(h, CharSpan::new(span.end.0 - 1, span.end.0));
    h.state_mut().probe_article_span(None);
    drag(h, first.center(), last.center(), Modifiers::NONE);
}

#[test]
fn drag_across_names_in_persian_and_arabic_and_label_them_with_a_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = app_on_fixture_folder(dir.path());

    // Persian «سفیر ژاپن» in the first document, Arabic «نظيره الكويتي» in the second: each
    // dragged from inside its first letter to inside its last, then labeled with key 1.
    let mut texts = Vec::new();
    for (doc, name) in [(0, "سفیر ژاپن"), (1, "نظيره الكويتي")] {
        if doc > 0 {
            h.key_press(Key::PageDown);
            settle(&mut h);
        }
        drag_across(&mut h, name);
        let text = current_document(&h).text;
        let sel = h.state().selection().expect("the drag selected");
        assert_eq!(slice_chars(&text, sel), Some(name));
        h.key_press(Key::Num1);
        settle(&mut h);
        assert_eq!(manual_entities(&h).len(), 1, "{name} labeled");
        texts.push(text);
    }

    let out = dir.path().join("labeled.json");
    h.state_mut().command(Command::SaveTo(out.clone()));
    wait_until(&mut h, "saved", |a| {
        a.session().is_some_and(|s| !s.is_dirty() && !s.saving)
    });
    let ds: Dataset =
        serde_json::from_slice(&std::fs::read(&out).expect("saved file")).expect("valid JSON");
    for (doc, name) in [(0, "سفیر ژاپن"), (1, "نظيره الكويتي")] {
        let text = &texts[doc];
        let e = ds.documents[doc]
            .entities
            .iter()
            .find(|e| e.origin == Origin::Manual)
            .expect("the dragged span is saved");
        assert_eq!((e.start, e.end), code_points(text, name), "{name}");
        assert_eq!(e.text, name);
        assert_eq!(e.label, "PERSON");
        assert_eq!(ds.documents[doc].text, *text);
    }
}

#[test]
fn clicking_a_field_highlights_its_evidence_in_the_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = app_on_fixture_folder(dir.path());
    let doc = current_document(&h);
    let headline = doc
        .fields
        .headline
        .clone()
        .expect("the headline is extracted");
    assert!(!headline.evidence.is_empty());
    assert!(h.state().evidence().is_empty());

    // A field with evidence is drawn "Name *"; clicking it highlights that evidence.
    h.get_by_label("Headline *").click();
    settle(&mut h);
    assert_eq!(h.state().evidence(), headline.evidence.as_slice());
    // The highlighted evidence is on screen, where the article view painted it.
    h.state_mut()
        .probe_article_span(headline.evidence.first().copied());
    settle(&mut h);
    assert!(!h.state().article_span_rects().is_empty());
}

#[test]
fn restoring_a_removed_block_moves_the_spans_and_undoes_in_one_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("articles");
    std::fs::create_dir_all(&folder).expect("dir");
    // Our own article: a news-id line and a share line that cleaning removes, then the body.
    std::fs::write(
        folder.join("01-removed.txt"),
        "دیدار وزیر نیرو با سفیر ژاپن\n\nکد خبر: ۴۵۶۷۸۹\n\nاشتراک گذاری\n\n\
         وزیر نیرو روز شنبه با سفیر ژاپن در تهران دیدار کرد و دو طرف درباره طرح‌های آب در بوشهر گفت‌وگو کردند.\n",
    )
    .expect("write");
    let mut h = harness(config(dir.path(), vec![folder], NO_AUTOSAVE, None));
    loaded(&mut h, 1);
    let doc = current_document(&h);
    assert!(!doc.removed.is_empty(), "cleaning removed something");
    let before_text = doc.text.clone();

    // A span after the removed pieces, labeled by the analyst.
    let sel = span_of(h.state(), "بوشهر");
    h.state_mut().set_selection(Some(sel));
    h.key_press(Key::Num3);
    settle(&mut h);
    let labeled = manual_entities(&h);
    assert_eq!(labeled.len(), 1);

    let piece = doc.removed[0].clone();
    let raw_piece: String = doc
        .raw_text
        .chars()
        .skip(piece.start)
        .take(piece.end - piece.start)
        .collect();
    h.state_mut().command(Command::RestoreRemoved(0));
    settle(&mut h);
    let after = current_document(&h);
    assert_eq!(after.removed.len(), doc.removed.len() - 1);
    assert!(after.text.chars().count() > before_text.chars().count());
    assert!(
        after.text.contains(raw_piece.trim()),
        "{raw_piece:?} is back"
    );
    // The analyst's span still covers «بوشهر» at its new offsets.
    let moved = manual_entities(&h);
    assert_eq!(moved.len(), 1);
    assert_eq!(
        slice_chars(&after.text, moved[0].span()),
        Some("بوشهر"),
        "span moved with the text"
    );
    assert_ne!(moved[0].start, labeled[0].start);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    let undone = current_document(&h);
    assert_eq!(undone.text, before_text);
    assert_eq!(undone.removed, doc.removed);
    assert_eq!(manual_entities(&h), labeled);
}

#[test]
fn a_name_added_to_the_gazetteer_is_found_in_the_next_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = app_on_fixture_folder(dir.path());
    let sel = span_of(h.state(), "سفیر ژاپن");
    h.state_mut().set_selection(Some(sel));
    h.key_press(Key::Num1);
    settle(&mut h);
    let e = manual_entities(&h).pop().expect("labeled");
    h.state_mut().command(Command::AddToGazetteer(e));
    let user_file = dir.path().join("data").join("gazetteer.tsv");
    wait_until(&mut h, "gazetteer written", |_| {
        std::fs::read_to_string(&user_file).is_ok_and(|s| s.contains("سفیر ژاپن"))
    });

    // Save (so opening more articles does not ask about unsaved work), then a new article
    // naming him is pre-annotated from the analyst's gazetteer.
    let out = dir.path().join("ds.json");
    h.state_mut().command(Command::SaveTo(out));
    wait_until(&mut h, "saved", |a| {
        a.session().is_some_and(|s| !s.is_dirty() && !s.saving)
    });
    let more = dir.path().join("more");
    std::fs::create_dir_all(&more).expect("dir");
    std::fs::write(
        more.join("04-fa.txt"),
        "گفت‌وگوی تلفنی\n\nسفیر ژاپن امروز با معاون وزیر نیرو تلفنی گفت‌وگو کرد.\n",
    )
    .expect("write");
    h.state_mut().command(Command::OpenPaths(vec![more]));
    loaded(&mut h, 1);
    let doc = current_document(&h);
    assert!(
        doc.entities
            .iter()
            .any(|e| e.text == "سفیر ژاپن" && e.label == "PERSON" && e.origin == Origin::Auto),
        "entities: {:?}",
        doc.entities
    );
}

#[test]
fn a_jalali_date_typed_as_written_gets_its_gregorian_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = app_on_fixture_folder(dir.path());
    let field = h.get_by_label("published_original");
    field.click();
    settle(&mut h);
    // Select whatever is there and type over it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("published_original")
        .type_text("۱۸ اردیبهشت ۱۳۹۹");
    settle(&mut h);
    // Escape ends editing, which commits the field as one edit.
    h.key_press(Key::Escape);
    settle(&mut h);
    let published = h
        .state()
        .session()
        .and_then(|s| s.document())
        .and_then(|d| d.fields.published.clone())
        .expect("published set");
    assert_eq!(published.value, "2020-05-07");
    assert_eq!(published.calendar, Some(Calendar::Jalali));
    assert_eq!(published.original.as_deref(), Some("۱۸ اردیبهشت ۱۳۹۹"));
    assert_eq!(published.origin, Origin::Manual);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    let undone = h
        .state()
        .session()
        .and_then(|s| s.document())
        .and_then(|d| d.fields.published.clone());
    assert_ne!(undone.map(|p| p.value), Some("2020-05-07".to_owned()));
}
