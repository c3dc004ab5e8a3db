//! Frame cost of `ArticleView` on a generated 50 KB Persian/Arabic article with 500 highlights,
//! measured headless with `Context::run_ui` + `tessellate` (what a real frame costs the CPU).
//!
//! - `frame_unchanged`: nothing changed since the last frame (target <= 4 ms);
//! - `frame_after_paragraph_edit`: one visible paragraph's text changed (target <= 30 ms);
//! - `frame_after_highlight_edit`: one highlight added/removed (no relayout);
//! - `first_frame_cold`: a fresh context and engine (fonts loaded, visible paragraphs shaped).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Color32, Context, RawInput, Rect, pos2, vec2};
use khabar::gui::text::{ArticleView, Highlight, TextEngine};
use khabar::text::CharSpan;

const SENTENCES: [&str; 6] = [
    "به گزارش خبرنگار ما، وزیر امور خارجه روز دوشنبه ۱۸ اردیبهشت ۱۳۹۹ در گفت‌وگوی تلفنی با همتای خود درباره همکاری‌های منطقه‌ای رایزنی کرد.",
    "دو طرف همچنین بر اجرای تفاهم‌نامه سال 2020 و مقابله با همه‌گیری کرونا (COVID-19) تأکید کردند.",
    "این تماس‌های تلفنی در هفته‌های اخیر بیشتر شده و سفر هیئتی به تهران نیز در دستور کار است.",
    "أجرى وزير الخارجية اتصالاً هاتفياً مع نظيره يوم الثلاثاء ١٢ مايو 2020، وبحث الجانبان سبل تعزيز التعاون الثنائي.",
    "وأكد الوزيران أن الاتفاق الموقع في العاصمة سيُنفَّذ بالكامل خلال العام المقبل.",
    "كما ناقشا الأوضاع الإقليمية وجهود مواجهة جائحة كورونا والتنسيق في المحافل الدولية.",
];

/// About 50 KB of text in paragraphs of three sentences, and 500 highlights spread over it.
fn article() -> (String, Vec<Highlight>) {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 50_000 {
        for _ in 0..3 {
            text.push_str(SENTENCES[i % SENTENCES.len()]);
            text.push(' ');
            i += 1;
        }
        text.pop();
        text.push('\n');
    }
    text.pop();
    let n = text.chars().count();
    let highlights = (0..500)
        .map(|k| {
            let start = k * (n - 20) / 500;
            Highlight {
                span: CharSpan::new(start, start + 12),
                color: [Color32::YELLOW, Color32::LIGHT_BLUE, Color32::LIGHT_RED][k % 3],
                label: Some(["PERSON", "LOC", "DATE"][k % 3].to_owned()),
                id: k as u64,
            }
        })
        .collect();
    (text, highlights)
}

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 800.0))),
        ..RawInput::default()
    }
}

fn frame(ctx: &Context, text: &str, highlights: &[Highlight]) -> usize {
    let out = ctx.run_ui(input(), |ui| {
        let _ = ArticleView::new("bench", text)
            .highlights(highlights)
            .show(ui);
    });
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn warm_context(text: &str, highlights: &[Highlight]) -> Context {
    let ctx = Context::default();
    TextEngine::install(&ctx);
    for _ in 0..5 {
        frame(&ctx, text, highlights);
    }
    ctx
}

fn bench(c: &mut Criterion) {
    let (text, highlights) = article();
    assert!(text.len() >= 50_000);

    if let Ok(n) = std::env::var("PROBE_HIGHLIGHTS") {
        // Diagnostic run: frame time with N highlights, raw timing without criterion.
        let n: usize = n.parse().unwrap_or(0);
        let mut hs = highlights[..n.min(highlights.len())].to_vec();
        if std::env::var("PROBE_NO_LABELS").is_ok() {
            for h in &mut hs {
                h.label = None;
            }
        }
        let hs = &hs[..];
        let ctx = warm_context(&text, hs);
        let t = std::time::Instant::now();
        for _ in 0..20 {
            let out = ctx.run_ui(input(), |ui| {
                let _ = ArticleView::new("bench", &text).highlights(hs).show(ui);
            });
            black_box(out.shapes.len());
        }
        let run = t.elapsed() / 20;
        let t = std::time::Instant::now();
        for _ in 0..20 {
            black_box(frame(&ctx, &text, hs));
        }
        println!(
            "PROBE {n} highlights: run_ui {:?}, run_ui+tessellate {:?}",
            run,
            t.elapsed() / 20
        );
        return;
    }
    let ctx = warm_context(&text, &highlights);
    c.bench_function("frame_unchanged", |b| {
        b.iter(|| black_box(frame(&ctx, &text, &highlights)));
    });

    // Edit the second paragraph (on screen): alternate between two texts so every iteration is
    // a real change that must be re-shaped (the cache still holds the other variant, so also
    // measure a growing suffix that is never seen twice).
    let second = text.find('\n').map_or(0, |b| b + 1);
    let mut counter = 0u64;
    c.bench_function("frame_after_paragraph_edit", |b| {
        b.iter(|| {
            counter += 1;
            let mut edited = text.clone();
            edited.insert_str(second, &format!("ویرایش {counter} "));
            black_box(frame(&ctx, &edited, &highlights))
        });
    });

    let mut toggle = false;
    c.bench_function("frame_after_highlight_edit", |b| {
        b.iter(|| {
            toggle = !toggle;
            let hs = if toggle {
                &highlights[1..]
            } else {
                &highlights[..]
            };
            black_box(frame(&ctx, &text, hs))
        });
    });

    let mut group = c.benchmark_group("cold");
    group.sample_size(10);
    group.bench_function("first_frame_cold", |b| {
        b.iter(|| {
            let ctx = Context::default();
            black_box(frame(&ctx, &text, &highlights))
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
