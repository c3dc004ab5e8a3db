//! Drives the real app: open a folder, navigate, label with keys, undo/redo, save and read back.

use crate::app_common::*;
use egui::{Key, Modifiers};
use khabar::gui::commands::Command;
use khabar::model::{Dataset, Status};

#[test]
fn folder_navigation_labels_undo_redo_and_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = fixture_folder(dir.path(), true);
    let mut h = harness(config(dir.path(), vec![folder.clone()], NO_AUTOSAVE, None));
    loaded(&mut h, 3);

    // The broken file is named in the log and the rest loaded.
    assert!(
        h.state().log().iter().any(|m| m.contains("04-broken.txt")),
        "log: {:?}",
        h.state().log()
    );
    let names: Vec<String> = h
        .state()
        .session()
        .expect("session")
        .dataset
        .documents
        .iter()
        .map(|d| d.source.file_name.clone())
        .collect();
    assert_eq!(
        names,
        ["01-fa-didar.txt", "02-ar-ittisal.txt", "03-fa-safar.txt"]
    );
    assert!(!h.state().title().contains('•'));

    // Next / previous with both key sets.
    assert_eq!(current(h.state()), 0);
    h.key_press(Key::PageDown);
    settle(&mut h);
    assert_eq!(current(h.state()), 1);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    settle(&mut h);
    assert_eq!(current(h.state()), 2);
    h.key_press(Key::PageDown);
    settle(&mut h);
    assert_eq!(current(h.state()), 2, "stays on the last document");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    settle(&mut h);
    h.key_press(Key::PageUp);
    settle(&mut h);
    assert_eq!(current(h.state()), 0);

    // Label the selection with key 1 (PERSON). The selection includes a trailing space,
    // which labeling trims.
    let sel = span_of(h.state(), "سفیر ژاپن ");
    h.state_mut().set_selection(Some(sel));
    h.key_press(Key::Num1);
    settle(&mut h);
    let doc = h
        .state()
        .session()
        .and_then(|s| s.document())
        .expect("doc")
        .clone();
    // Extraction pre-fills spans (origin auto); these tests follow the analyst's own.
    let manual: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| e.origin == khabar::model::Origin::Manual)
        .collect();
    assert_eq!(manual.len(), 1);
    assert_eq!(manual[0].text, "سفیر ژاپن");
    assert_eq!(manual[0].label, "PERSON");
    assert_eq!(
        doc.status,
        Status::InProgress,
        "first edit starts the review"
    );
    assert!(
        h.state().title().starts_with("• "),
        "title: {}",
        h.state().title()
    );

    // Relabel the focused span with key 3 (LOC), then undo and redo.
    h.key_press(Key::Num3);
    settle(&mut h);
    let ents = |h: &egui_kittest::Harness<'static, khabar::gui::KhabarApp>| {
        manual_entities(h)
            .into_iter()
            .map(|e| e.label)
            .collect::<Vec<_>>()
    };
    assert_eq!(ents(&h), ["LOC"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(ents(&h), ["PERSON"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(ents(&h).is_empty());
    assert!(
        !h.state().title().contains('•'),
        "undone back to the opened state"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert_eq!(ents(&h), ["PERSON"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    settle(&mut h);
    assert_eq!(ents(&h), ["LOC"]);

    // Saving over a source article is refused and leaves it alone.
    let article = folder.join("01-fa-didar.txt");
    let before = std::fs::read(&article).expect("read article");
    h.state_mut().command(Command::SaveTo(article.clone()));
    settle(&mut h);
    assert!(
        h.state()
            .log()
            .iter()
            .any(|m| m.contains("Not saving over"))
    );
    assert_eq!(std::fs::read(&article).expect("read article"), before);

    // Save, read the JSON back.
    let out = dir.path().join("labeled.json");
    h.state_mut().command(Command::SaveTo(out.clone()));
    wait_until(&mut h, "saved", |a| {
        a.session().is_some_and(|s| !s.is_dirty() && !s.saving)
    });
    assert!(!h.state().title().contains('•'));
    assert!(h.state().title().contains("labeled.json"));
    let ds: Dataset =
        serde_json::from_slice(&std::fs::read(&out).expect("saved file")).expect("valid JSON");
    assert_eq!(ds.documents.len(), 3);
    let saved = ds.documents[0]
        .entities
        .iter()
        .find(|e| e.origin == khabar::model::Origin::Manual)
        .expect("the analyst's span is saved");
    assert_eq!(saved.text, "سفیر ژاپن");
    assert_eq!(saved.label, "LOC");
    let sp = khabar::text::CharSpan::new(saved.start, saved.end);
    assert_eq!(
        khabar::text::slice_chars(&ds.documents[0].text, sp),
        Some("سفیر ژاپن"),
        "code-point offsets"
    );
    assert_eq!(h.state().persisted().recent.first(), Some(&out));

    // Ctrl+Enter: done and next; Ctrl+S saves to the same file.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    settle(&mut h);
    assert_eq!(current(h.state()), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_until(&mut h, "saved again", |a| {
        a.session().is_some_and(|s| !s.is_dirty() && !s.saving)
    });
    let ds: Dataset =
        serde_json::from_slice(&std::fs::read(&out).expect("saved file")).expect("valid JSON");
    assert_eq!(ds.documents[0].status, Status::Done);
}

#[test]
fn plain_keys_do_not_fire_while_typing_but_ctrl_keys_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = app_on_fixture_folder(dir.path());
    let sel = span_of(h.state(), "وزیر نیرو");
    h.state_mut().set_selection(Some(sel));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut h);
    assert!(
        h.ctx.egui_wants_keyboard_input(),
        "Ctrl+F focuses the search box"
    );
    h.key_press(Key::Num1);
    h.key_press(Key::PageDown);
    settle(&mut h);
    let doc = h.state().session().and_then(|s| s.document()).expect("doc");
    assert!(
        doc.entities
            .iter()
            .all(|e| e.origin != khabar::model::Origin::Manual),
        "1 typed into the search box labels nothing"
    );
    assert_eq!(current(h.state()), 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    settle(&mut h);
    assert_eq!(current(h.state()), 1, "Ctrl+Enter works while typing");
}

#[test]
fn help_overlay_lists_the_bindings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(config(dir.path(), vec![], NO_AUTOSAVE, None));
    settle(&mut h);
    use egui_kittest::kittest::Queryable;
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    h.key_press(Key::F1);
    settle(&mut h);
    assert!(h.query_by_label("Keyboard shortcuts").is_some());
    assert!(h.query_by_label("Mark done, go to next").is_some());
    h.key_press(Key::F1);
    settle(&mut h);
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
}

#[test]
fn label_other_occurrences_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = app_on_fixture_folder(dir.path());
    h.state_mut().command(Command::GoToDoc(2));
    settle(&mut h);
    // «رئیس» occurs three times and extraction marks none of them: label one with key 3, then
    // label every other occurrence, then take that back with a single undo.
    let word = "رئیس";
    let sel = span_of(h.state(), word);
    h.state_mut().set_selection(Some(sel));
    h.key_press(Key::Num3);
    settle(&mut h);
    let entities = |h: &egui_kittest::Harness<'static, khabar::gui::KhabarApp>| {
        h.state()
            .session()
            .and_then(|s| s.document())
            .map(|d| d.entities.clone())
            .unwrap_or_default()
    };
    let before = entities(&h);
    let e = before
        .iter()
        .find(|e| e.start == sel.start.0 && e.end == sel.end.0)
        .expect("the labeled span")
        .clone();
    assert_eq!(e.label, "LOC");
    h.state_mut().command(Command::LabelOtherOccurrences(e));
    settle(&mut h);
    let after = entities(&h);
    let labeled = after
        .iter()
        .filter(|x| x.text == word && x.label == "LOC")
        .count();
    assert_eq!(labeled, 3, "{word} appears three times, each labeled");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(entities(&h), before, "one undo takes the whole batch back");
}

#[test]
fn reopening_a_dataset_continues_at_the_last_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = app_on_fixture_folder(dir.path());
    let out = dir.path().join("ds.json");
    h.state_mut().command(Command::SaveTo(out.clone()));
    wait_until(&mut h, "saved", |a| {
        a.session().is_some_and(|s| s.path.is_some() && !s.saving)
    });
    h.key_press(Key::PageDown);
    h.key_press(Key::PageDown);
    settle(&mut h);
    assert_eq!(current(h.state()), 2);
    let persisted = h.state().persisted().clone();
    drop(h);
    let mut h = harness(config(dir.path(), vec![out], NO_AUTOSAVE, Some(persisted)));
    wait_until(&mut h, "dataset open", |a| {
        a.session().is_some_and(|s| s.path.is_some())
    });
    assert_eq!(current(h.state()), 2);
}
