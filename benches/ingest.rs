//! Ingest speed: decoding a long single-line file, sniffing legacy encodings, extracting an HTML
//! page, and detecting the language of a long text.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::ingest::{InputKind, decode_article_bytes};

const PERSIAN: &str = "وزیر امور خارجه ایران در گفت‌وگوی تلفنی با همتای ترکیه‌ای خود درباره آخرین \
تحولات منطقه و همکاری‌های دوجانبه رایزنی کرد و دو طرف بر ادامه گفت‌وگوها تأکید کردند. ";

const ARABIC: &str = "أجرى وزير الخارجية اتصالا هاتفيا بنظيره، بحث خلاله العلاقات الثنائية بين \
البلدين وسبل تعزيزها في مختلف المجالات والتطورات الإقليمية التي تهم البلدين. ";

fn repeat_to(text: &str, bytes: usize) -> String {
    text.repeat(bytes / text.len() + 1)
}

fn html_page(paragraphs: usize) -> String {
    let mut body = String::new();
    for _ in 0..paragraphs {
        body.push_str("<p>");
        body.push_str(PERSIAN);
        body.push_str("</p>\n");
    }
    format!(
        "<html><head><meta charset=\"utf-8\"><title>عنوان خبر</title><script>var x = 1;</script>\
         </head><body><nav><a href=\"/\">خانه</a><a href=\"/p\">سیاست</a></nav><article>\
         <h1>عنوان خبر</h1>{body}</article><aside><ul><li><a href=\"/1\">خبر دیگر</a></li></ul>\
         </aside><footer>حقوق محفوظ است</footer></body></html>"
    )
}

fn decoding(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    let utf8_line = repeat_to(PERSIAN, 6 * 1024 * 1024);
    group.throughput(Throughput::Bytes(utf8_line.len() as u64));
    group.sample_size(10);
    group.bench_function("utf8_6mb_single_line", |b| {
        b.iter(|| {
            decode_article_bytes(
                black_box(utf8_line.as_bytes()),
                Path::new("b.txt"),
                InputKind::Text,
            )
        })
    });

    let arabic = repeat_to(ARABIC, 1024 * 1024);
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&arabic);
    group.throughput(Throughput::Bytes(cp1256.len() as u64));
    group.bench_function("windows_1256_1mb", |b| {
        b.iter(|| decode_article_bytes(black_box(&cp1256), Path::new("b.txt"), InputKind::Text))
    });

    let utf16: Vec<u8> = repeat_to(PERSIAN, 1024 * 1024)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    group.throughput(Throughput::Bytes(utf16.len() as u64));
    group.bench_function("utf16le_without_bom_2mb", |b| {
        b.iter(|| decode_article_bytes(black_box(&utf16), Path::new("b.txt"), InputKind::Text))
    });
    group.finish();
}

fn html(c: &mut Criterion) {
    let mut group = c.benchmark_group("html");
    for paragraphs in [10, 200] {
        let page = html_page(paragraphs);
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_function(format!("extract_{paragraphs}_paragraphs"), |b| {
            b.iter(|| {
                decode_article_bytes(
                    black_box(page.as_bytes()),
                    Path::new("b.html"),
                    InputKind::Html,
                )
            })
        });
    }
    group.finish();
}

fn language(c: &mut Criterion) {
    let mut group = c.benchmark_group("lang");
    let text = repeat_to(PERSIAN, 1024 * 1024);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("detect_1mb", |b| {
        b.iter(|| khabar::lang::detect(black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, decoding, html, language);
criterion_main!(benches);
