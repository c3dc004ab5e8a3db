//! `khabar extract` and `khabar validate` through the real binary: the seeds' cleaning
//! expectations, exit codes for bad inputs, and that no source file is ever changed.

use std::ffi::OsStr;
use std::fs;

use crate::common::{khabar, seed_files, seeds_dir};
use khabar::clean::normalize::normalize_letters;
use khabar::io::load_dataset;
use khabar::model::{Language, Normalization};

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

#[test]
fn seeds_extract_validate_and_meet_cleaning_expectations() {
    let Some(dir) = seeds_dir() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("s.json");
    let files = seed_files(&dir);
    assert_eq!(files.len(), 5);
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(f).expect("read seed"))
        .collect();

    let mut args: Vec<&OsStr> = vec![os("extract")];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend([os("-o"), out.as_os_str()]);
    let (code, _, err) = khabar(&args);
    assert_eq!(code, 0, "extract failed: {err}");
    let (code, stdout, err) = khabar(&[os("validate"), out.as_os_str()]);
    assert_eq!(code, 0, "validate failed: {stdout}{err}");

    let after: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(f).expect("read seed"))
        .collect();
    assert_eq!(before, after, "source articles are never changed");

    let ds = load_dataset(&out).expect("load").dataset;
    let expected: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("json");
    let articles = expected["articles"].as_array().expect("articles");
    for a in articles {
        let file = a["file"].as_str().expect("file");
        let doc = ds
            .documents
            .iter()
            .find(|d| d.source.file_name == file)
            .expect("document for each seed");
        // Expected strings are raw substrings; the clean text unifies Persian letters, so
        // compare in the same normalization.
        let norm = |s: &str| normalize_letters(s, doc.language, &Normalization::default());
        for s in a["boilerplate_must_drop"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
        {
            assert!(
                !doc.text.contains(&norm(s)),
                "{file}: boilerplate {s:?} still in the text"
            );
        }
        for s in a["body_must_keep"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
        {
            assert!(doc.text.contains(&norm(s)), "{file}: body {s:?} lost");
        }
        for s in a["appears_once"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
        {
            assert_eq!(
                doc.text.matches(&norm(s)).count(),
                1,
                "{file}: {s:?} must appear exactly once"
            );
        }
        let lang = match a["language"].as_str() {
            Some("fa") => Language::Fa,
            Some("ar") => Language::Ar,
            _ => Language::Other,
        };
        assert_eq!(doc.language, lang, "{file}: language");
    }
}

#[test]
fn a_bad_file_in_a_batch_is_reported_and_the_rest_processed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let d = tmp.path();
    fs::write(d.join("good.txt"), "گفت‌وگوی تلفنی لاوروف و بلینکن\nسرگئی لاوروف وزیر امور خارجه روسیه با آنتونی بلینکن گفت‌وگو کرد.\n").expect("write");
    fs::write(d.join("bad.txt"), [0x89, b'P', b'N', b'G', 0, 0, 1, 2]).expect("write");
    fs::write(d.join("empty.txt"), "").expect("write");
    let out = d.join("out.json");
    let (code, _, err) = khabar(&[os("extract"), d.as_os_str(), os("-o"), out.as_os_str()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("bad.txt") && err.contains("empty.txt"),
        "each failure named: {err}"
    );
    let ds = load_dataset(&out)
        .expect("the good file still makes a dataset")
        .dataset;
    assert_eq!(ds.documents.len(), 1);
    assert_eq!(ds.documents[0].source.file_name, "good.txt");
}

#[test]
fn empty_folder_and_missing_path_are_clear_errors() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    let out = tmp.path().join("out.json");
    let (code, _, err) = khabar(&[os("extract"), empty.as_os_str(), os("-o"), out.as_os_str()]);
    assert_eq!(code, 2);
    assert!(err.contains("empty"), "{err}");
    assert!(
        !out.exists(),
        "nothing written when there is nothing to write"
    );
    let (code, _, err) = khabar(&[os("extract"), os("/no/such/dir"), os("-o"), out.as_os_str()]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/dir"), "{err}");
}

#[test]
fn extract_never_writes_over_an_article() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let a = tmp.path().join("a.txt");
    let text = "لاوروف و روبیو در ریاض دیدار کردند.\n";
    fs::write(&a, text).expect("write");
    let (code, _, err) = khabar(&[os("extract"), a.as_os_str(), os("-o"), a.as_os_str()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("refusing"), "{err}");
    assert_eq!(fs::read_to_string(&a).expect("read"), text);
}

#[test]
fn validate_names_problems_by_document_and_path() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let p = tmp.path().join("broken.json");
    let doc = serde_json::json!({
        "id": "doc-1", "source": {"path": "a.txt", "file_name": "a.txt", "sha256": "", "encoding": "UTF-8", "format": "text"},
        "language": "fa", "raw_text": "با لاوروف", "text": "با لاوروف", "alignment": [[0, 0, 9, 9]],
        "entities": [{"start": 3, "end": 40, "label": "PERSON", "text": "لاوروف"}]
    });
    let ds = serde_json::json!({"format": "khabar.dataset", "version": 1, "labels": [], "documents": [doc]});
    fs::write(&p, ds.to_string()).expect("write");
    let (code, _, err) = khabar(&[os("validate"), p.as_os_str()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("document doc-1 (documents[0].entities[0])"),
        "{err}"
    );
    assert!(err.contains("entities[0].label"), "{err}");
    let newer = tmp.path().join("newer.json");
    fs::write(
        &newer,
        r#"{"format": "khabar.dataset", "version": 9, "labels": [], "documents": []}"#,
    )
    .expect("write");
    let (code, _, err) = khabar(&[os("validate"), newer.as_os_str()]);
    assert_eq!(code, 1);
    assert!(err.contains("newer"), "{err}");
}
