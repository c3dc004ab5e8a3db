//! Runs one stage of the ingest + cleaning chain over the benchmark corpus many times, for
//! `perf stat -e task-clock` / `perf record` (CPU time, unlike wall-clock on a shared machine).
//!
//! `profile_pipeline STAGE ITERS` with STAGE one of `setup`, `decode`, `detect`, `clean`, `chain`;
//! prints the bytes processed. MB/s = bytes / (task-clock of STAGE − task-clock of `setup`).

// The shared generators predate `is_multiple_of`; they are not ours to edit.
#[path = "../benches/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use khabar::clean::{SiteRules, clean};
use khabar::ingest::{InputKind, decode_article_bytes};
use khabar::lang;
use khabar::model::Normalization;

/// The same corpus as `benches/pipeline_ingest_clean.rs` (generated pages and our cleaning
/// fixtures, varied per copy), so that CPU-time figures from here compare with the benchmark's.
fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    names.sort();
    let fixtures: Vec<String> = names
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < 8_000_000 {
        let base = match i % 4 {
            0 => common::fa_page(i, 10 + i % 7),
            1 => common::ar_page(i, 8 + i % 5),
            _ if !fixtures.is_empty() => fixtures[i % fixtures.len()].clone(),
            _ => common::fa_page(i, 12),
        };
        let doc = common::varied_copy(&base, i);
        total += doc.len();
        out.push(doc.into_bytes());
        i += 1;
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stage = args.get(1).map_or("chain", String::as_str);
    let iters: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let files = corpus();
    let total: usize = files.iter().map(Vec::len).sum();
    let path = Path::new("a.txt");
    let rules = SiteRules::bundled();
    let norm = Normalization::default();
    let texts: Vec<String> = files
        .iter()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    let langs: Vec<_> = if stage == "clean" {
        texts.iter().map(|t| lang::detect(t)).collect()
    } else {
        Vec::new()
    };
    let mut n = 0usize;
    for _ in 0..iters {
        match stage {
            "decode" => {
                for f in &files {
                    n += decode_article_bytes(f, path, InputKind::Text).map_or(0, |(t, _)| t.len());
                }
            }
            "detect" => {
                n += texts
                    .iter()
                    .map(|t| lang::detect(t) as usize)
                    .sum::<usize>()
            }
            "clean" => {
                for (t, l) in texts.iter().zip(&langs) {
                    n += clean(t, *l, &rules, &norm).text.len();
                }
            }
            "chain" => {
                for f in &files {
                    if let Ok((t, _)) = decode_article_bytes(f, path, InputKind::Text) {
                        n += clean(&t, lang::detect(&t), &rules, &norm).text.len();
                    }
                }
            }
            _ => {}
        }
    }
    println!("{stage}: {} bytes x {iters} (check {n})", total);
}
