//! Cleaning throughput on a corpus built from the test fixtures (and the seeds when present):
//! ~20 MB of articles, each a fixture with small variations (numbers, spacing, line endings)
//! so repetition detection cannot short-cut across articles. Reports MB/s of raw input.

mod common;

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::clean::{SiteRules, clean};
use khabar::model::{Language, Normalization};

fn corpus() -> Vec<(String, Language)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bases: Vec<(String, Language)> = Vec::new();
    for dir in [
        "tests/fixtures/clean",
        "../shared/seeds",
        "../../shared/seeds",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            let arabic = text.chars().filter(|&c| c == 'ي' || c == 'ة').count();
            let persian = text
                .chars()
                .filter(|&c| c == 'ی' || c == 'پ' || c == 'گ')
                .count();
            let lang = if arabic > persian {
                Language::Ar
            } else {
                Language::Fa
            };
            bases.push((text, lang));
        }
    }
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < 20_000_000 && !bases.is_empty() {
        let (base, lang) = &bases[i % bases.len()];
        // Variation: a distinct number in every paragraph, CRLF in every third article.
        let doc = common::varied_copy(base, i);
        total += doc.len();
        out.push((doc, *lang));
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|(d, _)| d.len()).sum();
    let rules = SiteRules::bundled();
    let mut group = c.benchmark_group("clean");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (name, norm) in [
        ("corpus_default", Normalization::default()),
        (
            "corpus_restore_zwnj",
            Normalization {
                persian_letters: true,
                restore_zwnj: true,
            },
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (doc, lang) in &docs {
                    n += clean(doc, *lang, &rules, &norm).text.len();
                }
                n
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
