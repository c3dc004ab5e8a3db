//! Shared helpers for the kittest tests that drive the real app.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use khabar::gui::state::PersistedState;
use khabar::gui::{AppConfig, KhabarApp};

/// The fixture articles copied into `dir/articles`, plus one file that is not UTF-8.
pub fn fixture_folder(dir: &Path, with_broken: bool) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/app");
    let dst = dir.join("articles");
    std::fs::create_dir_all(&dst).expect("create fixture dir");
    for e in std::fs::read_dir(&src).expect("fixtures exist").flatten() {
        std::fs::copy(e.path(), dst.join(e.file_name())).expect("copy fixture");
    }
    if with_broken {
        std::fs::write(dst.join("04-broken.txt"), [0xC7u8, 0xE1, 0xFF, 0xFE, 0x00])
            .expect("write broken");
    }
    dst
}

/// Config for a test: its own data dir, no native dialogs.
pub fn config(
    dir: &Path,
    paths: Vec<PathBuf>,
    autosave: Duration,
    persisted: Option<PersistedState>,
) -> AppConfig {
    AppConfig {
        paths,
        data_dir: dir.join("data"),
        known_names: vec!["Sergey Lavrov".into(), "Abbas Araghchi".into()],
        autosave_interval: autosave,
        persisted: Some(persisted.unwrap_or_default()),
        native_dialogs: false,
    }
}

/// The real app in a kittest harness.
pub fn harness(config: AppConfig) -> Harness<'static, KhabarApp> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(40)
        // The placeholder text ports draw Arabic script with egui's fonts, which lack it.
        .allow_missing_glyphs()
        // The placeholder text fields have no accessible names yet; the real RTL widgets will.
        .with_accessibility_check(false)
        .build_eframe(move |cc| KhabarApp::new(cc, config))
}

/// Step frames until `cond` holds; workers run on threads, so this waits in small sleeps.
pub fn wait_until(
    h: &mut Harness<'static, KhabarApp>,
    what: &str,
    cond: impl Fn(&KhabarApp) -> bool,
) {
    for _ in 0..1500 {
        h.step();
        if cond(h.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for: {what}; log: {:?}", h.state().log());
}

/// Run a few frames so queued keys and commands take effect.
pub fn settle(h: &mut Harness<'static, KhabarApp>) {
    for _ in 0..3 {
        h.step();
    }
}

/// Code-point span of the first occurrence of `needle` in the current document.
pub fn span_of(app: &KhabarApp, needle: &str) -> khabar::text::CharSpan {
    let text = &app
        .session()
        .and_then(|s| s.document())
        .expect("a document")
        .text;
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    khabar::text::CharSpan::new(start, start + needle.chars().count())
}

/// The current document index.
pub fn current(app: &KhabarApp) -> usize {
    app.session().map_or(usize::MAX, |s| s.current)
}
