//! Golden snapshot of cleaning: the exact output (text, removed pieces, alignment, metadata) and
//! the detected language for our own fixtures, a generated corpus and the seeds, recorded from
//! the code before the speed work. Any change in what cleaning produces shows up here.
//!
//! Outputs derived from the seeds are stored only as SHA-256 hashes (the seeds' text must not
//! enter the project); outputs of our own inputs are stored in full, so a diff says what moved.
//! Re-record deliberately with `KHABAR_RECORD_GOLDEN=1 cargo test --no-default-features --test core clean_golden`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use khabar::clean::{SiteRules, clean};
use khabar::lang;
use khabar::model::{Language, Normalization};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const GOLDEN: &str = "tests/fixtures/clean/golden/clean_golden.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seeds_dir() -> Option<PathBuf> {
    ["../shared/seeds", "../../shared/seeds"]
        .iter()
        .map(|d| root().join(d))
        .find(|p| p.is_dir())
}

fn norms() -> [(&'static str, Normalization); 3] {
    [
        ("default", Normalization::default()),
        (
            "zwnj",
            Normalization {
                persian_letters: true,
                restore_zwnj: true,
            },
        ),
        (
            "plain",
            Normalization {
                persian_letters: false,
                restore_zwnj: false,
            },
        ),
    ]
}

/// Everything cleaning produces for one input, under each normalization, as JSON.
fn snapshot(raw: &str, rules: &SiteRules) -> Value {
    let detected = lang::detect(raw);
    // Clean as the detected language and, for the language-dependent parts, as the other one.
    let mut runs = serde_json::Map::new();
    runs.insert("detected".into(), json!(format!("{detected:?}")));
    for lang in [Language::Fa, Language::Ar] {
        for (name, norm) in norms() {
            let c = clean(raw, lang, rules, &norm);
            runs.insert(
                format!("{lang:?}/{name}"),
                json!({
                    "text": c.text,
                    "removed": c.removed,
                    "alignment": c.alignment,
                    "metadata": c.metadata,
                }),
            );
        }
    }
    Value::Object(runs)
}

fn sha256_of(v: &Value) -> String {
    let digest = Sha256::digest(v.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Generated pages like the benchmark's, with the variations it applies (numbers, CRLF).
fn generated() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for seed in 0..6 {
        for paragraphs in [0, 1, 3, 8] {
            out.push((
                format!("gen/fa_{seed}_{paragraphs}"),
                crate::bench_common::fa_page(seed, paragraphs),
            ));
            out.push((
                format!("gen/ar_{seed}_{paragraphs}"),
                crate::bench_common::ar_page(seed, paragraphs),
            ));
        }
    }
    // A page whose body is repeated (sentence-level dedup across paragraphs) and one with a
    // paragraph glued to the headline.
    let body = crate::bench_common::fa_page(2, 4);
    out.push(("gen/fa_twice".into(), format!("{body}\n{body}")));
    let ar = crate::bench_common::ar_page(1, 3).replacen("\n\n", " ", 1);
    out.push(("gen/ar_glued".into(), ar));
    out
}

fn actual() -> (BTreeMap<String, Value>, bool) {
    let rules = SiteRules::bundled();
    let mut map = BTreeMap::new();
    for f in crate::bench_common::txt_files(&root().join("tests/fixtures/clean")) {
        let raw = std::fs::read_to_string(&f).expect("fixture readable");
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        map.insert(
            format!("fixture/{}", name.unwrap_or_default()),
            snapshot(&raw, &rules),
        );
    }
    for (name, raw) in generated() {
        map.insert(name, snapshot(&raw, &rules));
    }
    let seeds = seeds_dir();
    if let Some(dir) = &seeds {
        for f in crate::bench_common::txt_files(dir) {
            let raw = std::fs::read_to_string(&f).expect("seed readable");
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
            let v = snapshot(&raw, &rules);
            map.insert(
                format!("seed/{}", name.unwrap_or_default()),
                json!({ "sha256": sha256_of(&v) }),
            );
        }
    } else {
        println!("note: ../shared/seeds absent; seed part of the golden test skipped");
    }
    (map, seeds.is_some())
}

#[test]
fn cleaning_output_matches_the_recorded_snapshot() {
    let (actual, have_seeds) = actual();
    let path = root().join(GOLDEN);
    if std::env::var_os("KHABAR_RECORD_GOLDEN").is_some() {
        let text = serde_json::to_string(&actual).expect("serializable");
        std::fs::write(&path, text + "\n").expect("golden file writable");
        println!("recorded {} entries to {}", actual.len(), path.display());
        return;
    }
    let text = std::fs::read_to_string(&path).expect("golden file present");
    let golden: BTreeMap<String, Value> = serde_json::from_str(&text).expect("golden file parses");
    let mut checked = 0;
    for (name, want) in &golden {
        if name.starts_with("seed/") && !have_seeds {
            continue;
        }
        let got = actual.get(name);
        assert!(got.is_some(), "{name}: in the snapshot but not produced");
        if let Some(got) = got
            && got != want
        {
            // Point at the first differing run to make the failure readable.
            let detail = got
                .as_object()
                .zip(want.as_object())
                .and_then(|(g, w)| w.iter().find(|(k, v)| g.get(*k) != Some(*v)))
                .map(|(k, v)| format!("{k}: want {v}\n got {}", got[k]))
                .unwrap_or_default();
            panic!("{name}: cleaning output changed\n{detail}");
        }
        checked += 1;
    }
    for name in actual.keys() {
        assert!(
            golden.contains_key(name) || (name.starts_with("seed/") && !have_seeds),
            "{name}: produced but not in the snapshot (re-record deliberately)"
        );
    }
    assert!(checked >= 50, "only {checked} entries checked");
}
