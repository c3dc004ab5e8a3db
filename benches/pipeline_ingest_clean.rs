//! The closing benchmark of the issue: bytes of seed-like pages → `decode_article_bytes` →
//! `detect_and_clean` (the language detected, then the article cleaned in it, as `Pipeline`
//! runs them), over ~8 MB of generated Persian and Arabic pages
//! (header lines, tags, footers, headline runs, repeated paragraphs, CRLF). Reports MB/s of input
//! bytes for the whole chain and for each stage alone (`lang::detect`, and `clean` in a language
//! already known). Single-threaded: the figure is per core.
//!
//! The pages come from `common::fa_page`/`ar_page` (our own sentences) and from the own cleaning
//! fixtures in `tests/fixtures/clean`, varied per copy so repetition detection cannot short-cut
//! across articles.
//!
//! Every stage is measured twice: in wall-clock time (`pipeline_ingest_clean/…`) and in the CPU
//! time of the benchmarking thread (`pipeline_ingest_clean_cpu/…`). On a shared machine the
//! wall-clock figure also counts the time other processes held the core; the CPU-time figure is
//! the per-core throughput the issue asks about. The work measured is the same in both.

mod common;

/// The allocator of the shipped binary, so that this measures what `khabar` runs;
/// see the `mimalloc` line of Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::clean::{SiteRules, clean, detect_and_clean};
use khabar::ingest::{InputKind, decode_article_bytes};
use khabar::lang;
use khabar::model::Normalization;

const CORPUS_BYTES: usize = 8_000_000;

fn corpus() -> Vec<Vec<u8>> {
    common::ingest_clean_corpus(CORPUS_BYTES)
}

fn bench(c: &mut Criterion) {
    stages(c, "pipeline_ingest_clean");
}

fn bench_cpu(c: &mut Criterion<common::ThreadCpuTime>) {
    if common::thread_cpu_ns().is_none() {
        eprintln!("pipeline_ingest_clean_cpu: no /proc/thread-self/schedstat here, skipped");
        return;
    }
    stages(c, "pipeline_ingest_clean_cpu");
}

/// The chain and each stage alone over the corpus, measured with `M`.
fn stages<M: Measurement>(c: &mut Criterion<M>, group_name: &str) {
    let files = corpus();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let rules = SiteRules::bundled();
    let norm = Normalization::default();
    let path = Path::new("article.txt");
    let texts: Vec<String> = files
        .iter()
        .filter_map(|b| decode_article_bytes(b, path, InputKind::Text).ok())
        .map(|(t, _)| t)
        .collect();
    let langs: Vec<_> = texts.iter().map(|t| lang::detect(t)).collect();

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("chain", |b| {
        b.iter(|| {
            let mut n = 0;
            for file in &files {
                if let Ok((text, _)) = decode_article_bytes(black_box(file), path, InputKind::Text)
                {
                    n += detect_and_clean(&text, &rules, &norm).1.text.len();
                }
            }
            n
        });
    });
    group.bench_function("decode", |b| {
        b.iter(|| {
            files
                .iter()
                .filter_map(|f| decode_article_bytes(black_box(f), path, InputKind::Text).ok())
                .map(|(t, _)| t.len())
                .sum::<usize>()
        });
    });
    group.bench_function("detect", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| lang::detect(black_box(t)) as usize)
                .sum::<usize>()
        });
    });
    group.bench_function("clean", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&langs)
                .map(|(t, l)| clean(black_box(t), *l, &rules, &norm).text.len())
                .sum::<usize>()
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(common::ThreadCpuTime::default());
    targets = bench_cpu
}
criterion_main!(benches, cpu);
