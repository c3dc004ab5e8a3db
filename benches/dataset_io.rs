//! Dataset files at scale: 10,000 documents must save in at most 1 s and load in at most 1 s,
//! under 500 MB of memory with them open. Also what a save or autosave costs the UI thread: the
//! snapshot it hands to the saver thread (a clone of the dataset, which shares the documents).

mod common;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use khabar::io::{load_dataset, save_dataset};
use khabar::model::Dataset;

/// Peak resident memory of this process so far, from /proc (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn bench(c: &mut Criterion) {
    let dataset = Dataset {
        documents: (0..10_000)
            .map(|i| common::synthetic_document(i).into())
            .collect(),
        ..Dataset::default()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.json");
    save_dataset(&path, &dataset).expect("save");
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!("10,000 documents: {:.1} MB on disk", bytes as f64 / 1e6);

    let mut g = c.benchmark_group("dataset_10k");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("save", |b| {
        b.iter(|| save_dataset(&path, &dataset).expect("save"))
    });
    g.bench_function("snapshot_for_save", |b| b.iter(|| dataset.clone()));
    g.bench_function("load", |b| {
        b.iter(|| {
            let l = load_dataset(&path).expect("load");
            assert!(l.problems.is_empty(), "{:?}", l.problems.first());
            l
        })
    });
    g.finish();
    if let Some(mib) = peak_rss_mib() {
        eprintln!(
            "peak resident memory with 10,000 documents open (two copies while loading): {mib:.0} MiB"
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
