//! Runs one stage of the ingest + cleaning chain over the benchmark corpus many times, for
//! `perf stat -e task-clock` / `perf record` (CPU time, unlike wall-clock on a shared machine).
//!
//! `profile_pipeline STAGE ITERS [CORPUS]` with STAGE one of `setup`, `decode`, `detect`, `clean`,
//! `chain` (decode, then `detect_and_clean`, as the pipeline does), `chain_known` (decode, then
//! `clean` in the language told beforehand: `chain` less detection), or `pipeline` (the whole
//! chain of `benches/pipeline.rs`, extraction included), and CORPUS `generated` (the default),
//! `seed_sized_pages` (those of `benches/pipeline.rs`) or `seeds` (the real pages of
//! `../shared/seeds`); prints the bytes processed and the time of the fastest pass (MB/s = bytes
//! / that time), or take
//! MB/s = bytes / (task-clock of STAGE − task-clock of `setup`) over all passes.

#[path = "../benches/common/mod.rs"]
mod common;

/// The allocator of the shipped binary, as in the benchmarks;
/// see the `mimalloc` line of Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;

use khabar::clean::{SiteRules, clean, detect_and_clean};
use khabar::ingest::{InputKind, decode_article_bytes};
use khabar::lang;
use khabar::model::Normalization;

/// The same corpus as `benches/pipeline_ingest_clean.rs`, so that CPU-time figures from here
/// compare with the benchmark's.
fn corpus(name: &str) -> Vec<Vec<u8>> {
    if name == "seed_sized_pages" {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
        return common::seed_sized_pages(&dir)
            .into_iter()
            .map(|(_, page)| page.into_bytes())
            .collect();
    }
    if name == "seeds" {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        return common::txt_files(&dir)
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .collect();
    }
    common::ingest_clean_corpus(8_000_000)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stage = args.get(1).map_or("chain", String::as_str);
    let iters: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let files = corpus(args.get(3).map_or("generated", String::as_str));
    let pipeline = khabar::pipeline::Pipeline::bundled().ok();
    let total: usize = files.iter().map(Vec::len).sum();
    let path = Path::new("a.txt");
    let rules = SiteRules::bundled();
    let norm = Normalization::default();
    let texts: Vec<String> = files
        .iter()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    let langs: Vec<_> = if stage == "clean" || stage == "chain_known" {
        texts.iter().map(|t| lang::detect(t)).collect()
    } else {
        Vec::new()
    };
    let mut n = 0usize;
    // The fastest pass by the clock: free of the setup's time and of passes slowed by other
    // work on a shared machine (the thread's CPU time is counted in scheduler ticks here, too
    // coarse for one pass).
    let mut fastest = std::time::Duration::MAX;
    for _ in 0..iters {
        let started = std::time::Instant::now();
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
                        n += detect_and_clean(&t, &rules, &norm).1.text.len();
                    }
                }
            }
            "chain_known" => {
                for (f, l) in files.iter().zip(&langs) {
                    if let Ok((t, _)) = decode_article_bytes(f, path, InputKind::Text) {
                        n += clean(&t, *l, &rules, &norm).text.len();
                    }
                }
            }
            "pipeline" => {
                if let Some(p) = &pipeline {
                    for f in &files {
                        n += p
                            .process_bytes(f, path, InputKind::Text)
                            .map_or(0, |d| d.text.len());
                    }
                }
            }
            _ => {}
        }
        fastest = fastest.min(started.elapsed());
    }
    println!(
        "{stage}: {total} bytes x {iters} (check {n}); fastest pass {:.2} ms",
        fastest.as_secs_f64() * 1e3
    );
}
