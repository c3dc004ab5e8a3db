//! The whole chain on scraped-page bytes: decode, language, cleaning, extraction — what
//! `khabar extract` and the app do per file.
//!
//! `cargo bench --no-default-features --bench pipeline`; criterion reports bytes per second of
//! page bytes in, in wall-clock time (`pipeline/…`) and in the CPU time of the benchmarking
//! thread (`pipeline_cpu/…`, the per-core figure; on a shared machine wall-clock also counts
//! time other processes held the core). Three corpora:
//! - `fixture_pages`: Khabar's own fixture articles (Persian and Arabic, about 1 KB each) wrapped
//!   with the header, tag and footer blocks scraped pages carry;
//! - `seed_sized_pages`: the same articles grown towards the seeds' size (3.3 KB on average
//!   against the seeds' 6 KB: more body paragraphs, a block of unrelated headlines, a comment
//!   form), where per-document costs weigh about twice what they do on real pages;
//! - `seeds`: the five real scraped articles of `../shared/seeds`, when that folder is there.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::ingest::InputKind;
use khabar::pipeline::Pipeline;

mod common;

/// The allocator of the shipped binary, so that this measures what `khabar` runs;
/// see the `mimalloc` line of Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Corpus = Vec<(PathBuf, Vec<u8>)>;

fn corpora() -> Vec<(&'static str, Corpus)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let bytes = |pages: Vec<(PathBuf, String)>| -> Corpus {
        pages
            .into_iter()
            .map(|(p, page)| (p, page.into_bytes()))
            .collect()
    };
    let mut out = vec![
        ("fixture_pages", bytes(common::fixture_pages(&dir))),
        ("seed_sized_pages", bytes(common::seed_sized_pages(&dir))),
    ];
    let seeds_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let seeds: Corpus = common::txt_files(&seeds_dir)
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read(&p).ok()?)))
        .collect();
    if seeds.is_empty() {
        eprintln!("pipeline: no ../shared/seeds here, the seeds corpus is skipped");
    } else {
        out.push(("seeds", seeds));
    }
    out
}

fn bench(c: &mut Criterion) {
    run(c, "pipeline");
}

fn bench_cpu(c: &mut Criterion<common::ThreadCpuTime>) {
    if common::thread_cpu_ns().is_none() {
        eprintln!("pipeline_cpu: no /proc/thread-self/schedstat here, skipped");
        return;
    }
    run(c, "pipeline_cpu");
}

/// Every corpus through the whole chain, measured with `M`.
fn run<M: Measurement>(c: &mut Criterion<M>, group_name: &str) {
    let Ok(pipeline) = Pipeline::bundled() else {
        eprintln!("bundled pipeline failed to load");
        return;
    };
    let mut g = c.benchmark_group(group_name);
    g.sample_size(20);
    for (name, pages) in corpora() {
        let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                for (path, page) in &pages {
                    let _ =
                        black_box(pipeline.process_bytes(black_box(page), path, InputKind::Text));
                }
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(common::ThreadCpuTime::default());
    targets = bench_cpu
}
criterion_main!(benches, cpu);
