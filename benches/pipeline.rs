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

/// One scraped-looking page around `article`.
fn page(article: &str, n: usize) -> String {
    let mut s = String::new();
    s.push_str("۱۲ مهر ۱۴۰۳\nبه روز شده در: ۱۲ مهر ۱۴۰۳ - ۱۸:۲۰\n");
    s.push_str(&format!(
        "کد خبر ۹۸{n:05}\nتاریخ انتشار: ۱۰:۱۵ - ۱۱-۰۷-۱۴۰۳\n\n"
    ));
    s.push_str(article);
    s.push_str("\n\nبرچسب ها: روسیه ، آمریکا\nارسال به دوستان\nارسال دیدگاه\n");
    s.push_str("افزایش قیمت خودرو در بازار تهران اعلام شد برگزاری جشنواره فیلم در اصفهان آغاز شد\n");
    s.push_str("جميع الحقوق محفوظة للموقع\nاشترك في النشرة البريدية\n");
    s
}

fn corpus() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let t = std::fs::read_to_string(&p).ok()?;
            Some((p, page(&t, i).into_bytes()))
        })
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
