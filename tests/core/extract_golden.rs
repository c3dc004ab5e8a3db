//! Extraction output frozen before the speed work: any change to what `extract` finds shows up
//! here as a diff against the recorded snapshot.
//!
//! - Every fixture in `tests/fixtures/articles/` is extracted as Persian and as Arabic (the
//!   second reading exercises the other language's rules on the same text) and compared with
//!   the full JSON in `tests/fixtures/articles/golden/<name>.json`.
//! - Every fixture wrapped in scraped-page boilerplate goes through the whole pipeline
//!   (`Pipeline::process_bytes`) and the seeds in `../shared/seeds` (when present) through
//!   `Pipeline::process_file`; only the SHA-256 of their extraction is kept
//!   (`golden/pipeline.sha256`), so no seed text is committed.
//!
//! To record a new snapshot after an intended change: `KHABAR_BLESS=1 cargo test
//! --no-default-features --test core extract_golden`, then review the diff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use khabar::extract::{Extraction, Resources, extract};
use khabar::ingest::InputKind;
use khabar::model::{Language, Metadata};
use khabar::pipeline::Pipeline;
use sha2::{Digest, Sha256};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

fn golden_dir() -> PathBuf {
    fixtures().join("golden")
}

fn blessing() -> bool {
    std::env::var_os("KHABAR_BLESS").is_some()
}

fn fixture_files() -> Result<Vec<PathBuf>, std::io::Error> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn as_json(x: &Extraction) -> serde_json::Value {
    serde_json::json!({ "fields": x.fields, "entities": x.entities })
}

fn sha256_of(v: &serde_json::Value) -> Result<String, serde_json::Error> {
    Ok(format!("{:x}", Sha256::digest(serde_json::to_vec(v)?)))
}

/// The fixture wrapped as a scraped page: a dated header, the article, a tag and footer block.
fn wrapped_page(text: &str) -> String {
    format!(
        "۱۲ مهر ۱۴۰۳\nبه روز شده در: ۱۲ مهر ۱۴۰۳ - ۱۸:۲۰\nکد خبر ۹۸۴۴۱\n\n{text}\n\nبرچسب ها: روسیه ، آمریکا\nارسال به دوستان\nجميع الحقوق محفوظة للموقع\n"
    )
}

#[test]
fn fixtures_extract_as_recorded() -> TestResult {
    let res = Resources::bundled()?;
    let meta: BTreeMap<String, Metadata> =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("metadata.json"))?)?;
    let files = fixture_files()?;
    assert!(files.len() >= 10, "fixtures missing");
    if blessing() {
        std::fs::create_dir_all(golden_dir())?;
    }
    let mut mismatches = Vec::new();
    for path in &files {
        let name = file_name(path);
        let text = std::fs::read_to_string(path)?;
        let md = meta.get(&name).cloned().unwrap_or_default();
        let got = serde_json::json!({
            "fa": as_json(&extract(&text, Language::Fa, &md, &res)),
            "ar": as_json(&extract(&text, Language::Ar, &md, &res)),
        });
        let golden = golden_dir().join(format!("{name}.json"));
        if blessing() {
            std::fs::write(&golden, serde_json::to_string_pretty(&got)? + "\n")?;
            continue;
        }
        let want: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&golden)?)?;
        if got != want {
            mismatches.push(format!(
                "{name}: got\n{}",
                serde_json::to_string_pretty(&got)?
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
    Ok(())
}

#[test]
fn pipeline_extracts_pages_and_seeds_as_recorded() -> TestResult {
    let pipeline = Pipeline::bundled()?;
    let mut got: BTreeMap<String, String> = BTreeMap::new();
    for path in fixture_files()? {
        let page = wrapped_page(&std::fs::read_to_string(&path)?);
        let doc = pipeline.process_bytes(page.as_bytes(), &path, InputKind::Text)?;
        let x = Extraction {
            fields: doc.fields,
            entities: doc.entities,
        };
        got.insert(
            format!("page/{}", file_name(&path)),
            sha256_of(&as_json(&x))?,
        );
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = [
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ]
    .into_iter()
    .find(|d| d.is_dir());
    match &seeds {
        Some(dir) => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            for path in files {
                let doc = pipeline.process_file(&path)?;
                let x = Extraction {
                    fields: doc.fields,
                    entities: doc.entities,
                };
                got.insert(
                    format!("seed/{}", file_name(&path)),
                    sha256_of(&as_json(&x))?,
                );
            }
        }
        None => println!("note: ../shared/seeds not found; seed snapshot skipped"),
    }
    let golden = golden_dir().join("pipeline.sha256");
    if blessing() {
        let lines: String = got.iter().map(|(k, v)| format!("{v}  {k}\n")).collect();
        std::fs::write(&golden, lines)?;
        return Ok(());
    }
    let want: BTreeMap<String, String> = std::fs::read_to_string(&golden)?
        .lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(h, k)| (k.to_owned(), h.to_owned()))
        .collect();
    assert!(got.keys().any(|k| k.starts_with("page/")));
    for (k, v) in &got {
        assert_eq!(
            want.get(k),
            Some(v),
            "{k} differs from the recorded snapshot"
        );
    }
    if seeds.is_some() {
        assert_eq!(
            got.len(),
            want.len(),
            "recorded entries not produced this time"
        );
    }
    Ok(())
}
