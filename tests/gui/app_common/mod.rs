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
        .with_step_dt(1.0 / 60.0)
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

/// Wait until a folder load has finished with `n` documents open.
pub fn loaded(h: &mut Harness<'static, KhabarApp>, n: usize) {
    wait_until(h, "folder loaded", |a| {
        !a.is_loading() && a.session().is_some_and(|s| s.dataset.documents.len() == n)
    });
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

/// Screen rectangle of the first row of `span` in the app's article view, as painted.
pub fn char_rect(h: &mut Harness<'static, KhabarApp>, span: khabar::text::CharSpan) -> egui::Rect {
    h.state_mut().probe_article_span(Some(span));
    settle(h);
    let rects = h.state().article_span_rects().to_vec();
    *rects
        .first()
        .unwrap_or_else(|| panic!("span {span:?} is on screen"))
}

/// A mouse drag from `from` to `to` in small steps, as a hand would do it.
pub fn drag<S>(
    h: &mut Harness<'static, S>,
    from: egui::Pos2,
    to: egui::Pos2,
    modifiers: egui::Modifiers,
) {
    use egui::{Event, PointerButton};
    h.event(Event::ModifiersChanged(modifiers));
    h.hover_at(from);
    h.step();
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.step();
    for i in 1..=8 {
        let t = i as f32 / 8.0;
        h.hover_at(from + (to - from) * t);
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.step();
    h.event(Event::ModifiersChanged(egui::Modifiers::NONE));
    h.step();
    h.step();
}

/// Autosave far off, so that the only saves a test sees are its own.
pub const NO_AUTOSAVE: Duration = Duration::from_secs(3600);

/// The app on a fresh copy of the three fixture articles in `dir`, all loaded, autosave off.
/// `dir` must outlive the harness.
pub fn app_on_fixture_folder(dir: &Path) -> Harness<'static, KhabarApp> {
    let folder = fixture_folder(dir, false);
    let mut h = harness(config(dir, vec![folder], NO_AUTOSAVE, None));
    loaded(&mut h, 3);
    h
}

/// The analyst's own spans in the document on screen.
pub fn manual_entities(h: &Harness<'static, KhabarApp>) -> Vec<khabar::model::Entity> {
    h.state()
        .session()
        .and_then(|s| s.document())
        .map(|d| {
            d.entities
                .iter()
                .filter(|e| e.origin == khabar::model::Origin::Manual)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}
