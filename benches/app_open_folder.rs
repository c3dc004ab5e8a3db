//! Opening a folder of 10,000 generated articles in the real app (headless, egui_kittest):
//! the time from the "open folder" command to the frame that shows the first article
//! (target <= 0.5 s), and, measured once and printed, the time until all 10,000 are read.
//!
//! Each iteration starts a fresh app, so the pipeline's resources (gazetteer automaton, date
//! patterns) are built cold, as on a real start. The rest of the folder is cancelled between
//! iterations so that background work does not leak into the next measurement.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use khabar::gui::commands::Command;
use khabar::gui::state::PersistedState;
use khabar::gui::{AppConfig, KhabarApp};

const FILES: usize = 10_000;

fn write_folder(dir: &Path) -> PathBuf {
    let folder = dir.join("articles");
    std::fs::create_dir_all(&folder).expect("create folder");
    for i in 0..FILES {
        let (name, text) = if i % 3 == 2 {
            (format!("{i:05}-ar.txt"), common::ar_page(i, 6))
        } else {
            (format!("{i:05}-fa.txt"), common::fa_page(i, 6))
        };
        std::fs::write(folder.join(name), text).expect("write article");
    }
    folder
}

fn app(dir: &Path) -> Harness<'static, KhabarApp> {
    let config = AppConfig {
        paths: Vec::new(),
        data_dir: dir.join("data"),
        autosave_interval: Duration::from_secs(3600),
        persisted: Some(PersistedState::default()),
        native_dialogs: false,
    };
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(4)
        .allow_missing_glyphs()
        .with_accessibility_check(false)
        .build_eframe(move |cc| KhabarApp::new(cc, config))
}

/// Step until `cond` holds; returns the elapsed time since `start`.
fn step_until(
    h: &mut Harness<'static, KhabarApp>,
    start: Instant,
    cond: impl Fn(&KhabarApp) -> bool,
) -> Duration {
    while !cond(h.state()) {
        h.step();
        if start.elapsed() > Duration::from_secs(120) {
            panic!("gave up waiting after 120 s");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // The frame that draws it.
    h.step();
    start.elapsed()
}

fn first_article(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = write_folder(dir.path());

    // Once: the whole folder, to print how long all of it takes in the background.
    {
        let mut h = app(dir.path());
        let start = Instant::now();
        h.state_mut()
            .command(Command::OpenPaths(vec![folder.clone()]));
        let first = step_until(&mut h, start, |a| {
            a.session().and_then(|s| s.document()).is_some()
        });
        let all = step_until(&mut h, start, |a| {
            !a.is_loading()
                && a.session()
                    .is_some_and(|s| s.dataset.documents.len() == FILES)
        });
        eprintln!(
            "open 10,000 articles: first shown after {:.0} ms, all {FILES} read after {:.2} s",
            first.as_secs_f64() * 1e3,
            all.as_secs_f64()
        );
    }

    let mut g = c.benchmark_group("open_folder_10k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("first_article_shown", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut h = app(dir.path());
                h.step();
                let start = Instant::now();
                h.state_mut()
                    .command(Command::OpenPaths(vec![folder.clone()]));
                total += step_until(&mut h, start, |a| {
                    a.session().and_then(|s| s.document()).is_some()
                });
                h.state_mut().command(Command::CancelLoad);
                step_until(&mut h, Instant::now(), |a| !a.is_loading());
            }
            total
        });
    });
    g.finish();
}

criterion_group!(benches, first_article);
criterion_main!(benches);
