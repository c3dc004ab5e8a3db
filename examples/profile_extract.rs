//! Runs extraction over the cleaned pages of the `pipeline` benchmark many times, for
//! `perf stat -e task-clock` / `perf record` (CPU time, unlike wall-clock on a shared machine).
//!
//! `profile_extract STAGE ITERS [CORPUS]` with STAGE one of `setup`, `analysis` (the matchers
//! alone), `extract`, or `chain` (the whole `pipeline` benchmark, page bytes to document), and
//! CORPUS one of the `pipeline` benchmark's: `fixture_pages` (the default), `seed_sized_pages`
//! or `seeds` (`../shared/seeds`); prints the bytes processed (cleaned text and page bytes). MB/s = bytes / (task-clock of STAGE −
//! task-clock of `setup`).

#[path = "../benches/common/mod.rs"]
mod common;

/// The allocator of the shipped binary, as in the benchmarks;
/// see the `mimalloc` line of Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;

use khabar::clean::{SiteRules, clean};
use khabar::extract::{Analysis, Resources, extract};
use khabar::lang;
use khabar::model::Normalization;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stage = args.get(1).map_or("extract", String::as_str);
    let iters: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100);
    let corpus = args.get(3).map_or("fixture_pages", String::as_str);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/fixtures/articles");
    let pages_with_paths = match corpus {
        "seed_sized_pages" => common::seed_sized_pages(&dir),
        "seeds" => common::txt_files(&root.join("../shared/seeds"))
            .into_iter()
            .filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?)))
            .collect(),
        _ => common::fixture_pages(&dir),
    };
    let pages: Vec<String> = pages_with_paths.iter().map(|p| p.1.clone()).collect();
    let rules = SiteRules::bundled();
    let norm = Normalization::default();
    let cleaned: Vec<_> = pages
        .iter()
        .map(|p| {
            let l = lang::detect(p);
            (clean(p, l, &rules, &norm), l)
        })
        .collect();
    let Ok(res) = Resources::bundled() else {
        eprintln!("bundled resources failed to load");
        return;
    };
    let page_bytes: usize = pages.iter().map(String::len).sum();
    let text_bytes: usize = cleaned.iter().map(|c| c.0.text.len()).sum();
    // One extraction in every stage, `setup` too, so that what is built on first use (the
    // lazily built matchers) is not counted as per-document work.
    let mut n = cleaned.first().map_or(0, |(c, l)| {
        extract(&c.text, *l, &c.metadata, &res).entities.len()
    });
    let pipeline = khabar::pipeline::Pipeline::bundled().ok();
    for _ in 0..iters {
        if stage == "chain"
            && let Some(p) = &pipeline
        {
            for (path, page) in &pages_with_paths {
                n += p
                    .process_bytes(page.as_bytes(), path, khabar::ingest::InputKind::Text)
                    .map_or(0, |d| d.entities.len());
            }
        }
        for (c, l) in &cleaned {
            match stage {
                "analysis" => n += Analysis::new(&c.text, *l, &res).gaz.len(),
                "extract" => n += extract(&c.text, *l, &c.metadata, &res).entities.len(),
                _ => {}
            }
        }
    }
    println!(
        "{stage} on {corpus}: {text_bytes} cleaned bytes ({page_bytes} page bytes) x {iters} (check {n})"
    );
}
