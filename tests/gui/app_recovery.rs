//! Never lose work: autosave after an edit, then a "crash" (the app dropped unsaved) and a new
//! instance that offers the autosave and restores the edit.

use std::time::Duration;

use crate::app_common::*;
use egui::Key;
use egui_kittest::kittest::Queryable;
use khabar::io::save_dataset;
use khabar::model::Dataset;
use khabar::pipeline::Pipeline;

#[test]
fn autosave_then_crash_then_recover_saved_dataset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = fixture_folder(dir.path(), false);
    let pipeline = Pipeline::bundled().expect("bundled pipeline");
    let docs = ["01-fa-didar.txt", "02-ar-ittisal.txt"]
        .iter()
        .map(|n| {
            pipeline
                .process_file(&folder.join(n))
                .expect("fixture reads")
                .into()
        })
        .collect();
    let ds_path = dir.path().join("news.json");
    save_dataset(
        &ds_path,
        &Dataset {
            documents: docs,
            ..Dataset::default()
        },
    )
    .expect("save");
    let autosave = dir.path().join("news.autosave.json");

    let mut h = harness(config(
        dir.path(),
        vec![ds_path.clone()],
        Duration::ZERO,
        None,
    ));
    wait_until(&mut h, "dataset open", |a| a.session().is_some());
    assert!(h.state().recovery_offer().is_none());
    let sel = span_of(h.state(), "بوشهر");
    h.state_mut().set_selection(Some(sel));
    h.key_press(Key::Num3);
    settle(&mut h);
    assert!(h.state().title().starts_with("• "));
    wait_until(&mut h, "autosave written", |_| {
        std::fs::read_to_string(&autosave).is_ok_and(|s| s.contains("بوشهر"))
    });
    let on_disk: Dataset =
        serde_json::from_slice(&std::fs::read(&ds_path).expect("dataset")).expect("json");
    assert!(
        !on_disk.documents[0]
            .entities
            .iter()
            .any(|e| e.text == "بوشهر" && e.label == "LOC"),
        "autosave never touches the dataset"
    );
    drop(h); // the crash: no save, no prompt

    let mut h = harness(config(
        dir.path(),
        vec![ds_path.clone()],
        Duration::from_secs(3600),
        None,
    ));
    wait_until(&mut h, "dataset open", |a| a.session().is_some());
    let offer = h
        .state()
        .recovery_offer()
        .expect("recovery offered")
        .clone();
    assert_eq!(offer.autosave, autosave);
    let has_edit = |d: &khabar::model::Document| {
        d.entities
            .iter()
            .any(|e| e.text == "بوشهر" && e.label == "LOC")
    };
    assert!(
        h.state()
            .session()
            .and_then(|s| s.document())
            .is_some_and(|d| !has_edit(d)),
        "before recovery the dataset is as saved"
    );
    settle(&mut h);
    h.get_by_label("Recover").click();
    settle(&mut h);
    let doc = h.state().session().and_then(|s| s.document()).expect("doc");
    assert!(has_edit(doc), "the recovered dataset has the edit");
    assert!(
        h.state().title().starts_with("• "),
        "recovered work is not saved yet"
    );
    assert_eq!(
        h.state().session().and_then(|s| s.path.clone()),
        Some(ds_path)
    );
}

#[test]
fn untitled_work_is_offered_on_the_start_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = fixture_folder(dir.path(), false);
    let mut h = harness(config(dir.path(), vec![folder], Duration::ZERO, None));
    wait_until(&mut h, "folder loaded", |a| {
        !a.is_loading() && a.session().is_some_and(|s| s.dataset.documents.len() == 3)
    });
    let sel = span_of(h.state(), "وزیر نیرو");
    h.state_mut().set_selection(Some(sel));
    h.key_press(Key::Num1);
    settle(&mut h);
    let autosave_dir = dir.path().join("data/autosave");
    wait_until(&mut h, "untitled autosave", |_| {
        std::fs::read_dir(&autosave_dir).is_ok_and(|mut d| {
            // The finished autosave, not the atomic writer's temp file before its rename.
            d.any(|e| {
                e.is_ok_and(|e| {
                    e.file_name().to_string_lossy().ends_with(".autosave.json")
                        && std::fs::read_to_string(e.path()).is_ok_and(|s| s.contains("وزیر نیرو"))
                })
            })
        })
    });
    drop(h);

    let mut h = harness(config(dir.path(), vec![], Duration::from_secs(3600), None));
    settle(&mut h);
    assert!(h.state().session().is_none(), "start screen");
    assert!(
        h.query_by_label("Unsaved work to recover").is_some(),
        "offer missing; autosaves: {:?}; log: {:?}",
        std::fs::read_dir(&autosave_dir).map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>()),
        h.state().log()
    );
    h.get_by_label("Recover").click();
    settle(&mut h);
    let s = h.state().session().expect("recovered session");
    assert_eq!(s.dataset.documents.len(), 3);
    assert!(
        s.dataset.documents[0]
            .entities
            .iter()
            .any(|e| e.text == "وزیر نیرو" && e.label == "PERSON")
    );
    assert!(s.is_dirty());
}
