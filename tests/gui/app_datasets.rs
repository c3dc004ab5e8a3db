//! The dataset-wide views of the real app: export from the File menu, the agreement view with
//! its merge (one undo step), and the overview's figures.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::app_common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use khabar::agree::{Disagreement, Side};
use khabar::export::Format;
use khabar::gui::KhabarApp;
use khabar::gui::commands::Command;
use khabar::gui::panels::agreement::DocState;
use khabar::gui::state::PersistedState;
use khabar::gui::views::CentralView;
use khabar::model::{Dataset, Entity, Origin, Status};

const NO_AUTOSAVE: Duration = Duration::from_secs(3600);

/// Open the fixture folder and label one phrase of the first document as PERSON with key 1.
fn open_and_label(dir: &Path, persisted: Option<PersistedState>) -> Harness<'static, KhabarApp> {
    let folder = fixture_folder(dir, false);
    let mut h = harness(config(dir, vec![folder], NO_AUTOSAVE, persisted));
    loaded(&mut h, 3);
    let sel = span_of(h.state(), "سفیر ژاپن");
    h.state_mut().set_selection(Some(sel));
    h.key_press(Key::Num1);
    settle(&mut h);
    assert_eq!(
        manual_spans(h.state()),
        [("سفیر ژاپن".to_owned(), "PERSON".to_owned())]
    );
    h
}

fn manual_spans(app: &KhabarApp) -> Vec<(String, String)> {
    app.session()
        .and_then(|s| s.document())
        .map(|d| {
            d.entities
                .iter()
                .filter(|e| e.origin == Origin::Manual)
                .map(|e| (e.text.clone(), e.label.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn dataset(app: &KhabarApp) -> Dataset {
    app.session().expect("a session").dataset.clone()
}

fn spans_of(e: &[Entity]) -> Vec<(usize, usize, String, String)> {
    e.iter()
        .map(|e| (e.start, e.end, e.label.clone(), e.text.clone()))
        .collect()
}

/// Some widget's accessible label contains `needle`.
fn has_text(h: &Harness<'static, KhabarApp>, needle: &str) -> bool {
    h.query_all_by_label_contains(needle).next().is_some()
}

fn wait_for_log(h: &mut Harness<'static, KhabarApp>, what: &str, needle: &str) {
    let needle = needle.to_owned();
    wait_until(h, what, move |a| {
        a.log().iter().any(|m| m.contains(&needle))
    });
}

#[test]
fn export_from_the_file_menu_reads_back_with_the_same_spans() {
    let dir = tempfile::tempdir().expect("tempdir");
    let persisted = PersistedState {
        last_folder: Some(dir.path().to_path_buf()),
        ..PersistedState::default()
    };
    let mut h = open_and_label(dir.path(), Some(persisted));

    // File → Export as ▸ JSONL, then the built-in browser (no native dialog in tests): Save.
    h.get_by_label("File").click();
    settle(&mut h);
    h.get_by_label("Export as").hover();
    settle(&mut h);
    h.get_by_label("JSONL (spans, spaCy / Prodigy)").click();
    settle(&mut h);
    h.get_by_label("Save").click();
    let out = dir.path().join("dataset.jsonl");
    wait_for_log(&mut h, "export reported", "Exported jsonl");
    assert!(
        h.state()
            .log()
            .iter()
            .any(|m| m.contains(&out.display().to_string())),
        "the message names the file: {:?}",
        h.state().log()
    );

    let ds = dataset(h.state());
    let back = khabar::import::import_span_jsonl(&out).expect("readable");
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.documents.len(), ds.documents.len());
    for (a, b) in ds.documents.iter().zip(&back.documents) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.text, b.text);
        assert_eq!(spans_of(&a.entities), spans_of(&b.entities), "{}", a.id);
    }

    // doccano through the command the dialog sends; its shape imports too.
    let doccano = dir.path().join("out-doccano.jsonl");
    h.state_mut()
        .command(Command::ExportTo(Format::Doccano, doccano.clone()));
    wait_for_log(&mut h, "doccano export", "Exported doccano");
    let back = khabar::import::import_span_jsonl(&doccano).expect("readable");
    let first = back.documents.first().expect("a document");
    assert_eq!(
        spans_of(&first.entities)
            .into_iter()
            .map(|(s, e, l, _)| (s, e, l))
            .collect::<Vec<_>>(),
        spans_of(&ds.documents[0].entities)
            .into_iter()
            .map(|(s, e, l, _)| (s, e, l))
            .collect::<Vec<_>>()
    );

    // CoNLL: the labeled phrase is a B- then an I- token.
    let conll = dir.path().join("out.conll");
    h.state_mut()
        .command(Command::ExportTo(Format::Conll, conll.clone()));
    wait_for_log(&mut h, "conll export", "Exported conll");
    let text = std::fs::read_to_string(&conll).expect("conll written");
    let tokens: Vec<&str> = text.lines().collect();
    let at = tokens
        .iter()
        .position(|l| l.starts_with("سفیر") && l.ends_with("B-PERSON"))
        .expect("B-PERSON on the first word");
    assert!(tokens[at + 1].starts_with("ژاپن") && tokens[at + 1].ends_with("I-PERSON"));

    // A failed export names the file and leaves nothing behind.
    let bad = dir.path().join("no-such-folder").join("x.csv");
    h.state_mut()
        .command(Command::ExportTo(Format::Csv, bad.clone()));
    wait_for_log(&mut h, "failure reported", "Export to");
    assert!(
        h.state()
            .log()
            .iter()
            .any(|m| m.contains("failed") && m.contains(&bad.display().to_string()))
    );
    assert!(!bad.exists());
}

/// Save the session as "ours", and write "theirs": the same dataset where the analyst's span
/// in the first document is ORG instead of PERSON, the second document's text differs, and the
/// third has a span that runs past its text (a validation problem).
fn write_two_analysts(h: &mut Harness<'static, KhabarApp>, dir: &Path) -> (PathBuf, PathBuf) {
    let ours = dir.join("ours.json");
    h.state_mut().command(Command::SaveTo(ours.clone()));
    wait_until(h, "saved", |a| {
        a.session().is_some_and(|s| !s.is_dirty() && !s.saving)
    });
    let mut theirs = khabar::io::load_dataset(&ours).expect("ours loads").dataset;
    theirs.annotator = "مریم".into();
    for e in &mut std::sync::Arc::make_mut(&mut theirs.documents[0]).entities {
        if e.origin == Origin::Manual {
            e.label = "ORG".into();
        }
    }
    std::sync::Arc::make_mut(&mut theirs.documents[1])
        .text
        .push_str(" متن دیگر");
    let d2 = std::sync::Arc::make_mut(&mut theirs.documents[2]);
    let len = d2.text.chars().count();
    d2.entities.push(Entity {
        start: len,
        end: len + 4,
        label: "LOC".into(),
        text: "بیرون".into(),
        canonical: None,
        kb_id: None,
        origin: Origin::Manual,
    });
    let path = dir.join("theirs.json");
    khabar::io::save_dataset(&path, &theirs).expect("theirs written");
    (ours, path)
}

#[test]
fn agreement_view_merges_the_other_side_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open_and_label(dir.path(), None);
    let (_ours, theirs) = write_two_analysts(&mut h, dir.path());

    // A file that is not a dataset is reported, and nothing else changes.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, b"{ not json").expect("write junk");
    h.state_mut().command(Command::CompareWith(junk.clone()));
    wait_for_log(&mut h, "bad file reported", "Cannot compare");
    assert!(h.state().comparison().is_none());
    assert_eq!(h.state().central_view(), CentralView::Article);

    h.state_mut().command(Command::CompareWith(theirs.clone()));
    wait_until(&mut h, "comparison loaded", |a| a.comparison().is_some());
    settle(&mut h);
    assert_eq!(h.state().central_view(), CentralView::Agreement);
    assert!(
        h.state()
            .log()
            .iter()
            .any(|m| m.contains("theirs.json") && m.contains("past the text")),
        "validation problems are reported: {:?}",
        h.state().log()
    );

    let c = h.state().comparison().expect("comparison");
    let report = c.dataset_report().expect("dataset scores");
    assert_eq!(report.paired_documents, 3);
    let person = report.spans.get("PERSON").expect("PERSON scored");
    assert_eq!(person.a, person.b + 1, "one PERSON span became ORG");
    let Some(DocState::Compared { disagreements, .. }) = c.document_state() else {
        panic!("the first document compares: {:?}", c.document_state());
    };
    assert_eq!(disagreements.len(), 1);
    let Disagreement::Spans { a, b } = &disagreements[0] else {
        panic!("a span disagreement: {disagreements:?}");
    };
    assert_eq!(
        (a[0].label.as_str(), b[0].label.as_str()),
        ("PERSON", "ORG")
    );
    assert_eq!(c.choices(), [Side::A], "ours by default");
    // The scores and both columns are on screen.
    assert!(has_text(&h, "Span F1 per label"));
    assert!(has_text(&h, "Ours (") && has_text(&h, "Theirs ("));

    // → takes theirs, then Apply merge.
    h.key_press(Key::ArrowRight);
    settle(&mut h);
    assert_eq!(
        h.state().comparison().map(|c| c.choices().to_vec()),
        Some(vec![Side::B])
    );
    h.get_by_label("Apply merge").click();
    settle(&mut h);
    assert_eq!(
        manual_spans(h.state()),
        [("سفیر ژاپن".to_owned(), "ORG".to_owned())]
    );
    assert!(
        h.state().title().starts_with("• "),
        "the merge is an unsaved edit"
    );
    let Some(DocState::Compared { disagreements, .. }) =
        h.state().comparison().and_then(|c| c.document_state())
    else {
        panic!("still compared");
    };
    assert!(disagreements.is_empty(), "the versions now agree");

    // One Ctrl+Z undoes the whole merge.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(
        manual_spans(h.state()),
        [("سفیر ژاپن".to_owned(), "PERSON".to_owned())]
    );
    assert!(!h.state().title().contains('•'), "back to the saved state");

    // The second document's text differs: said, not compared.
    h.key_press(Key::PageDown);
    settle(&mut h);
    assert!(matches!(
        h.state().comparison().and_then(|c| c.document_state()),
        Some(DocState::TextDiffers { .. })
    ));
    assert!(has_text(&h, "different cleaned text"));

    // Theirs has a span past the text of the third document: taking it is refused, not a crash.
    h.key_press(Key::PageDown);
    settle(&mut h);
    h.key_press(Key::ArrowRight);
    settle(&mut h);
    h.state_mut().command(Command::ApplyMerge);
    settle(&mut h);
    assert!(
        h.state().log().iter().any(|m| m.contains("Edit refused")),
        "{:?}",
        h.state().log()
    );
    assert_eq!(
        h.state()
            .session()
            .and_then(|s| s.document())
            .map(|d| d.status),
        Some(Status::Unreviewed),
        "a refused merge changes nothing"
    );

    // F4 leaves the agreement view; closing forgets the comparison.
    h.key_press(Key::F4);
    settle(&mut h);
    assert_eq!(h.state().central_view(), CentralView::Article);
    h.state_mut().command(Command::CloseComparison);
    settle(&mut h);
    assert!(h.state().comparison().is_none());
}

#[test]
fn overview_shows_the_datasets_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open_and_label(dir.path(), None);
    assert!(h.state().overview().is_none(), "computed only when shown");
    h.key_press(Key::F3);
    settle(&mut h);
    assert_eq!(h.state().central_view(), CentralView::Overview);
    assert!(has_text(&h, "Dataset overview"));
    assert!(has_text(&h, "Contacts per month"));

    let ds = dataset(h.state());
    let o = h.state().overview().expect("figures computed").clone();
    assert_eq!(o.documents, 3);
    assert_eq!(
        o.status_count(Status::InProgress),
        1,
        "the labeled document"
    );
    assert_eq!(o.status_count(Status::Unreviewed), 2);
    let events: usize = ds.documents.iter().map(|d| d.fields.events.len()).sum();
    assert_eq!(o.contacts, events);
    let persons = ds
        .documents
        .iter()
        .flat_map(|d| &d.entities)
        .filter(|e| e.label == "PERSON")
        .count();
    let shown = o
        .labels
        .iter()
        .find(|l| l.label == "PERSON")
        .map(|l| l.spans);
    assert_eq!(shown, Some(persons));

    // Figures follow edits: mark the document done from the overview's dataset.
    h.state_mut().command(Command::SetStatus(Status::Done));
    settle(&mut h);
    let o = h.state().overview().expect("figures");
    assert_eq!(o.status_count(Status::Done), 1);
    assert_eq!(o.status_count(Status::InProgress), 0);

    // Back to the article with the same key.
    h.key_press(Key::F3);
    settle(&mut h);
    assert_eq!(h.state().central_view(), CentralView::Article);
}
