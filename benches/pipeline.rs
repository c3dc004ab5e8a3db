//! The whole chain on scraped-page bytes: decode, language, cleaning, extraction.
//!
//! `cargo bench --no-default-features --bench pipeline`; criterion reports bytes per second of
//! page bytes in. The pages are Khabar's own fixture articles (Persian and Arabic) wrapped with
//! the header, tag and footer blocks scraped pages carry, each with its own id line.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::ingest::InputKind;
use khabar::pipeline::Pipeline;

mod common;

fn corpus() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    common::fixture_pages(&dir)
        .into_iter()
        .map(|(p, page)| (p, page.into_bytes()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let Ok(pipeline) = Pipeline::bundled() else {
        eprintln!("bundled pipeline failed to load");
        return;
    };
    let pages = corpus();
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("pages", |b| {
        b.iter(|| {
            for (path, page) in &pages {
                let _ = black_box(pipeline.process_bytes(black_box(page), path, InputKind::Text));
            }
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
