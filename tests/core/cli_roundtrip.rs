//! Extract → save → export → import gives the same spans, and every file Khabar writes validates.

use std::ffi::OsStr;
use std::fs;

use crate::common::khabar;
use khabar::io::load_dataset;

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

#[test]
fn extract_export_import_keeps_every_span() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let d = tmp.path();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let ds_path = d.join("ds.json");
    let (code, _, err) = khabar(&[
        os("extract"),
        fixtures.as_os_str(),
        os("-o"),
        ds_path.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    let original = load_dataset(&ds_path).expect("load").dataset;
    assert!(original.documents.len() >= 10);
    assert!(
        original
            .documents
            .iter()
            .map(|d| d.entities.len())
            .sum::<usize>()
            > 50,
        "fixtures have spans"
    );

    let jsonl = d.join("ds.jsonl");
    let (code, _, err) = khabar(&[
        os("export"),
        ds_path.as_os_str(),
        os("-f"),
        os("jsonl"),
        os("-o"),
        jsonl.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    let back = d.join("back.json");
    let (code, _, err) = khabar(&[os("import"), jsonl.as_os_str(), os("-o"), back.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let imported = load_dataset(&back).expect("load").dataset;
    assert_eq!(imported.documents.len(), original.documents.len());
    for (a, b) in original.documents.iter().zip(&imported.documents) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.text, b.text);
        let spans = |d: &khabar::model::Document| {
            d.entities
                .iter()
                .map(|e| (e.start, e.end, e.label.clone(), e.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(a), spans(b), "{}", a.source.file_name);
    }

    for (fmt, needle) in [
        ("conll", "B-PERSON"),
        ("csv", "phone_call"),
        ("doccano", "\"label\""),
    ] {
        let out = d.join(format!("out.{fmt}"));
        let (code, _, err) = khabar(&[
            os("export"),
            ds_path.as_os_str(),
            os("-f"),
            os(fmt),
            os("-o"),
            out.as_os_str(),
        ]);
        assert_eq!(code, 0, "{fmt}: {err}");
        let body = fs::read_to_string(&out).expect("read export");
        assert!(body.contains(needle), "{fmt} export has {needle}");
    }

    for written in [&ds_path, &back] {
        let (code, stdout, err) = khabar(&[os("validate"), written.as_os_str()]);
        assert_eq!(code, 0, "{stdout}{err}");
    }

    let (code, stdout, _) = khabar(&[
        os("agree"),
        ds_path.as_os_str(),
        back.as_os_str(),
        os("--json"),
    ]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("agree --json is JSON");
    assert_eq!(
        report["spans"]["*"]["exact"], report["spans"]["*"]["a"],
        "identical spans agree fully"
    );
}
