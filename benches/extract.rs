//! Extraction throughput over a corpus built from the fixture articles.
//!
//! `cargo bench --no-default-features --bench extract`; criterion reports bytes per second.
//! `extract_cleaned/pages` is extraction alone on exactly what the `pipeline` benchmark feeds
//! it: the same scraped pages, already cleaned, in bytes of cleaned text.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::clean::{SiteRules, clean};
use khabar::extract::{Resources, extract};
use khabar::lang;
use khabar::model::{Language, Metadata, Normalization};

mod common;

fn corpus() -> Vec<(String, Language)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut docs = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                let lang = if p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("fa"))
                {
                    Language::Fa
                } else {
                    Language::Ar
                };
                docs.push((t, lang));
            }
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let Ok(res) = Resources::bundled() else {
        eprintln!("bundled resources failed to load");
        return;
    };
    let docs = corpus();
    let md = Metadata::default();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fixtures", |b| {
        b.iter(|| {
            for (t, lang) in &docs {
                black_box(extract(black_box(t), *lang, &md, &res));
            }
        });
    });
    // The matchers alone (automata and regexes over each text), without event reasoning.
    g.bench_function("matchers_only", |b| {
        b.iter(|| {
            for (t, lang) in &docs {
                black_box(khabar::extract::Analysis::new(black_box(t), *lang, &res));
            }
        });
    });
    g.bench_function("dates_only", |b| {
        b.iter(|| {
            for (t, lang) in &docs {
                let f = khabar::extract::fold::fold(t);
                black_box(res.dates.find_absolute(t, &f, *lang));
                black_box(res.dates.find_relative(t, &f));
            }
        });
    });
    // One long article (the fixtures joined), as analysts also open long texts.
    let long: String = docs
        .iter()
        .map(|d| d.0.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let long = long.repeat(20);
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("long_article", |b| {
        b.iter(|| black_box(extract(black_box(&long), Language::Fa, &md, &res)));
    });
    g.finish();
    // The pipeline benchmark's pages, cleaned once outside the timing.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let pages = common::fixture_pages(&dir);
    let rules = SiteRules::bundled();
    let norm = Normalization::default();
    let cleaned: Vec<_> = pages
        .iter()
        .map(|(_, p)| {
            let l = lang::detect(p);
            (clean(p, l, &rules, &norm), l)
        })
        .collect();
    let text_bytes: usize = cleaned.iter().map(|c| c.0.text.len()).sum();
    let page_bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    // Page bytes per cleaned byte: multiply the figure by it to compare with `pipeline/pages`.
    eprintln!(
        "extract_cleaned: {text_bytes} cleaned bytes from {page_bytes} page bytes (x{:.3})",
        page_bytes as f64 / text_bytes.max(1) as f64
    );
    let mut g = c.benchmark_group("extract_cleaned");
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("pages", |b| {
        b.iter(|| {
            for (c, l) in &cleaned {
                black_box(extract(black_box(&c.text), *l, &c.metadata, &res));
            }
        });
    });
    g.finish();
    // Building the automata and regexes: paid once per run, not per document.
    c.bench_function("resources_bundled", |b| {
        b.iter(|| black_box(Resources::bundled().map(|x| x.gazetteer.entries().len())));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
