//! The eframe app: lays out the panels, gathers commands, then executes them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::{Context, RichText, Ui, ViewportCommand};

use super::commands::{Command, CommandQueue};
use super::file_dialog::{self, DialogKind, DialogOutcome, FileBrowser, NativeDialog};
use super::keymap;
use super::notifications::{Level, Notifications};
use super::panels::{
    self, article::ArticleState, doc_list::DocListState, entities::EntitiesState,
    fields::FieldsState, status_bar::LoadProgress,
};
use super::state::PersistedState;
use super::workers::{WorkerEvent, Workers, WriteJob};
use crate::model::{Dataset, Edit, Entity, Status};
use crate::session::Session;
use crate::session::autosave::{self, AutosaveTimer};
use crate::session::recovery::{self, RecoveryOffer};
use crate::text::{CharSpan, chars::is_word_char};

mod data;

/// How the app is started.
pub struct AppConfig {
    /// Paths from the command line or the desktop: opened at start.
    pub paths: Vec<PathBuf>,
    /// Where autosaves of unsaved datasets and the sample copies go.
    pub data_dir: PathBuf,
    /// Time between autosaves while dirty.
    pub autosave_interval: Duration,
    /// Use this persisted state instead of eframe's storage (tests).
    pub persisted: Option<PersistedState>,
    /// Try native file dialogs before the built-in browser.
    pub native_dialogs: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            paths: Vec::new(),
            data_dir: eframe::storage_dir(super::APP_ID)
                .unwrap_or_else(|| std::env::temp_dir().join(super::APP_ID)),
            autosave_interval: autosave::DEFAULT_INTERVAL,
            persisted: None,
            native_dialogs: true,
        }
    }
}

/// A discard-or-keep question waiting for an answer.
#[derive(Debug, Clone, PartialEq)]
enum Confirm {
    /// Unsaved changes and the window is closing.
    Quit,
    /// Unsaved changes and another dataset is about to replace this one.
    Replace(Command),
}

/// State that lives for one run only.
#[derive(Default)]
struct Transient {
    selection: Option<CharSpan>,
    /// A span whose on-screen rectangles the article reports each frame (for tests).
    article_probe: Option<CharSpan>,
    article_probe_rects: Vec<egui::Rect>,
    focused_entity: Option<Entity>,
    evidence: Vec<CharSpan>,
    scroll_to: Option<CharSpan>,
    doc_list: DocListState,
    entities: EntitiesState,
    fields: FieldsState,
    help_open: bool,
    load: Option<LoadProgress>,
    recovery: Option<RecoveryOffer>,
    untitled_recoveries: Vec<RecoveryOffer>,
    confirm: Option<Confirm>,
    allow_close: bool,
    quit_after_save: bool,
    native_dialog: Option<NativeDialog>,
    browser: Option<FileBrowser>,
    status_message: String,
    sent_title: String,
    views: super::views::DataViews,
}

/// The Khabar window.
pub struct KhabarApp {
    config: AppConfig,
    persisted: PersistedState,
    session: Option<Session>,
    t: Transient,
    notes: Notifications,
    workers: Workers,
    autosave: AutosaveTimer,
    cmds: CommandQueue,
    egui_ctx: Context,
    /// Participant suggestions: the gazetteer's people and organisations (read on a worker).
    names: crate::extract::names::NameDirectory,
}

impl KhabarApp {
    /// Build the app; opens `config.paths` at once.
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        let persisted = config
            .persisted
            .clone()
            .unwrap_or_else(|| PersistedState::load(cc.storage));
        let mut app = Self {
            workers: Workers::new(Some(cc.egui_ctx.clone()), Some(config.data_dir.clone())),
            autosave: AutosaveTimer::new(config.autosave_interval),
            persisted,
            session: None,
            t: Transient::default(),
            notes: Notifications::default(),
            cmds: CommandQueue::default(),
            egui_ctx: cc.egui_ctx.clone(),
            config,
            names: crate::extract::names::NameDirectory::default(),
        };
        if let Err(e) = app.workers.load_names() {
            app.notes
                .push(Level::Warning, format!("Cannot read the name list: {e}"));
        }
        app.t.untitled_recoveries = recovery::untitled_offers(&app.config.data_dir);
        if !app.config.paths.is_empty() {
            let paths = std::mem::take(&mut app.config.paths);
            app.cmds.push(Command::OpenPaths(paths));
        }
        app
    }

    // ----- read access, for the binary and for tests -----

    /// The open dataset.
    #[must_use]
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The window title the app wants.
    #[must_use]
    pub fn title(&self) -> String {
        match &self.session {
            None => "Khabar".into(),
            Some(s) => format!(
                "{}{} — Khabar",
                if s.is_dirty() { "• " } else { "" },
                s.display_name()
            ),
        }
    }

    /// What is remembered across runs.
    #[must_use]
    pub fn persisted(&self) -> &PersistedState {
        &self.persisted
    }

    /// The autosave offered for recovery, if any.
    #[must_use]
    pub fn recovery_offer(&self) -> Option<&RecoveryOffer> {
        self.t.recovery.as_ref()
    }

    /// True while a folder is loading.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.t.load.is_some()
    }

    /// Every message logged so far.
    #[must_use]
    pub fn log(&self) -> Vec<String> {
        self.notes.log().iter().map(|e| e.text.clone()).collect()
    }

    /// Ask the article view to report where `span` of the current document is painted (see
    /// [`Self::article_span_rects`]); for tests that drag and click at real characters.
    pub fn probe_article_span(&mut self, span: Option<CharSpan>) {
        self.t.article_probe = span;
    }

    /// Screen rectangles of the probed span in the last frame (empty when not in view).
    #[must_use]
    pub fn article_span_rects(&self) -> &[egui::Rect] {
        &self.t.article_probe_rects
    }

    /// The evidence spans highlighted in the article (the clicked field's, or the picked span).
    #[must_use]
    pub fn evidence(&self) -> &[CharSpan] {
        &self.t.evidence
    }

    /// The article selection.
    #[must_use]
    pub fn selection(&self) -> Option<CharSpan> {
        self.t.selection
    }

    /// Set the article selection, as the article view does on a drag (also a test hook until
    /// the real view lands).
    pub fn set_selection(&mut self, span: Option<CharSpan>) {
        self.t.selection = span;
    }

    /// Queue a command as if the analyst issued it.
    pub fn command(&mut self, cmd: Command) {
        self.cmds.push(cmd);
    }

    // ----- frame -----

    fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.handle_worker_events();
        self.poll_dialogs(&ctx);
        for c in keymap::commands_from_keys(&ctx) {
            self.cmds.push(c);
        }
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);

        self.layout(ui);

        for c in self.cmds.drain() {
            self.execute(c);
        }
        self.tick_autosave();
        self.update_title(&ctx);
    }

    fn layout(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| {
            panels::status_bar::show(
                ui,
                self.session.as_ref(),
                self.t.load.as_ref(),
                &self.t.status_message,
                &mut self.cmds,
            );
        });
        if self.persisted.layout.log {
            egui::Panel::bottom("log")
                .resizable(true)
                .default_size(140.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.strong("Log");
                        if ui.small_button("x").clicked() {
                            self.cmds.push(Command::ToggleLog);
                        }
                    });
                    self.notes.show_log(ui);
                });
        }
        match self.session.as_ref() {
            None => {
                egui::CentralPanel::default().show(ui, |ui| {
                    let acts = panels::start_screen::show(
                        ui,
                        &self.persisted.recent,
                        &self.t.untitled_recoveries,
                        &mut self.cmds,
                    );
                    if let Some(o) = acts.recover {
                        self.t.recovery = Some(o);
                        self.cmds.push(Command::RecoverAutosave);
                    }
                    if let Some(o) = acts.discard {
                        self.t.recovery = Some(o);
                        self.cmds.push(Command::DiscardAutosave);
                    }
                });
            }
            Some(session) => {
                let layout = self.t.views.layout(self.persisted.layout);
                if layout.doc_list {
                    egui::Panel::left("doc_list")
                        .resizable(true)
                        .default_size(250.0)
                        .size_range(160.0..=400.0)
                        .show(ui, |ui| {
                            panels::doc_list::show(
                                ui,
                                session,
                                &mut self.t.doc_list,
                                &mut self.cmds,
                            )
                        });
                }
                if layout.fields {
                    let selection = self.t.selection.and_then(|s| {
                        let text = session
                            .document()
                            .and_then(|d| crate::text::slice_chars(&d.text, s))?;
                        Some((s, text))
                    });
                    let input = panels::fields::FieldsInput {
                        selection,
                        names: &self.names,
                    };
                    // At most ~40% of the window, so the article keeps the room it needs.
                    let fields_max = (ui.available_width() * 0.4).max(320.0);
                    egui::Panel::right("fields")
                        .resizable(true)
                        .default_size(420.0_f32.min(fields_max))
                        .size_range(300.0..=fields_max)
                        .show(ui, |ui| {
                            panels::fields::show(
                                ui,
                                session,
                                &input,
                                &mut self.t.fields,
                                &mut self.cmds,
                            )
                        });
                }
                if layout.entities {
                    egui::Panel::bottom("entities")
                        .resizable(true)
                        .default_size(190.0)
                        .show(ui, |ui| {
                            panels::entities::show(
                                ui,
                                session,
                                self.t.focused_entity.as_ref(),
                                &mut self.t.entities,
                                &mut self.cmds,
                            );
                        });
                }
                if self.t.views.replaces_article() {
                    egui::CentralPanel::default().show(ui, |ui| {
                        self.t.views.show_central(ui, session, &mut self.cmds);
                    });
                    self.overlays(&ctx);
                    return;
                }
                let st = ArticleState {
                    selection: self.t.selection,
                    evidence: &self.t.evidence,
                    scroll_to: self.t.scroll_to.take(),
                    focused_entity: self.t.focused_entity.as_ref(),
                    show_removed: layout.show_removed,
                    probe: self.t.article_probe,
                };
                let changes = egui::CentralPanel::default()
                    .show(ui, |ui| {
                        panels::article::show(ui, session, &st, &mut self.cmds)
                    })
                    .inner;
                self.t.article_probe_rects = changes.probe_rects;
                if let Some(sel) = changes.selection {
                    self.t.selection = sel;
                }
            }
        }
        self.overlays(&ctx);
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        let has = self.session.is_some();
        let can_undo = self.session.as_ref().is_some_and(|s| s.history.can_undo());
        let can_redo = self.session.as_ref().is_some_and(|s| s.history.can_redo());
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open files or dataset…   Ctrl+O").clicked() {
                    self.cmds.push(Command::Open);
                }
                if ui.button("Open folder…   Ctrl+Shift+O").clicked() {
                    self.cmds.push(Command::OpenFolder);
                }
                if ui.button("Open bundled samples").clicked() {
                    self.cmds.push(Command::OpenSamples);
                }
                ui.menu_button("Recent", |ui| {
                    if self.persisted.recent.is_empty() {
                        ui.label("None yet");
                    }
                    for p in self.persisted.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.cmds.push(Command::OpenPaths(vec![p]));
                        }
                    }
                });
                ui.separator();
                if ui
                    .add_enabled(has, egui::Button::new("Save   Ctrl+S"))
                    .clicked()
                {
                    self.cmds.push(Command::Save);
                }
                if ui
                    .add_enabled(has, egui::Button::new("Save as…   Ctrl+Shift+S"))
                    .clicked()
                {
                    self.cmds.push(Command::SaveAs);
                }
                ui.separator();
                let comparing = self.t.views.comparison.is_some();
                super::export_menu::file_menu_entries(ui, has, comparing, &mut self.cmds);
                ui.separator();
                ui.checkbox(
                    &mut self.persisted.builtin_file_browser,
                    "Always use the built-in file browser",
                );
                ui.separator();
                if ui.button("Quit   Ctrl+Q").clicked() {
                    self.cmds.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(can_undo, egui::Button::new("Undo   Ctrl+Z"))
                    .clicked()
                {
                    self.cmds.push(Command::Undo);
                }
                if ui
                    .add_enabled(can_redo, egui::Button::new("Redo   Ctrl+Shift+Z"))
                    .clicked()
                {
                    self.cmds.push(Command::Redo);
                }
                ui.separator();
                if ui
                    .add_enabled(has, egui::Button::new("Find document   Ctrl+F"))
                    .clicked()
                {
                    self.cmds.push(Command::Find);
                }
            });
            ui.menu_button("Go", |ui| {
                if ui
                    .add_enabled(has, egui::Button::new("Next document   PageDown"))
                    .clicked()
                {
                    self.cmds.push(Command::NextDoc);
                }
                if ui
                    .add_enabled(has, egui::Button::new("Previous document   PageUp"))
                    .clicked()
                {
                    self.cmds.push(Command::PrevDoc);
                }
                if ui
                    .add_enabled(has, egui::Button::new("Done and next   Ctrl+Enter"))
                    .clicked()
                {
                    self.cmds.push(Command::DoneAndNext);
                }
            });
            ui.menu_button("View", |ui| {
                let l = &mut self.persisted.layout;
                ui.checkbox(&mut l.doc_list, "Document list");
                ui.checkbox(&mut l.fields, "Fields");
                ui.checkbox(&mut l.entities, "Spans");
                ui.checkbox(&mut l.log, "Log   Ctrl+L");
                ui.checkbox(&mut l.show_removed, "Removed blocks");
                ui.separator();
                if ui
                    .add_enabled(has, egui::Button::new("Dataset overview   F3"))
                    .clicked()
                {
                    self.cmds.push(Command::ToggleOverview);
                }
                ui.separator();
                if ui.button("Keyboard shortcuts   F1").clicked() {
                    self.cmds.push(Command::ToggleHelp);
                }
            });
            ui.separator();
            super::views::view_switch(ui, &self.t.views, has, &mut self.cmds);
            if let Some(s) = &self.session {
                ui.separator();
                let labels = s.dataset.labels.clone();
                for l in labels {
                    let c = super::text_ports::label_color(&l.color);
                    let enabled = self.t.selection.is_some() || self.t.focused_entity.is_some();
                    let b =
                        egui::Button::new(RichText::new(format!("{} {}", l.key, l.name)).color(c))
                            .small();
                    if ui
                        .add_enabled(enabled, b)
                        .on_hover_text("Label the selection")
                        .clicked()
                        && let Ok(n) = l.key.parse::<usize>()
                    {
                        self.cmds.push(Command::SetLabel(n));
                    }
                }
            }
        });
    }

    fn overlays(&mut self, ctx: &Context) {
        if self.t.help_open {
            let mut open = true;
            keymap::shortcuts_overlay(ctx, &mut open);
            self.t.help_open = open;
        }
        if let Some(offer) = self.t.recovery.clone().filter(|o| o.dataset.is_some()) {
            egui::Window::new("Recover unsaved work?")
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
                .show(ctx, |ui| {
                    ui.label(format!(
                        "An autosave from {} is newer than the saved dataset.\n{}",
                        recovery::describe_age(offer.modified),
                        offer.autosave.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Recover").clicked() {
                            self.cmds.push(Command::RecoverAutosave);
                        }
                        if ui.button("Discard autosave").clicked() {
                            self.cmds.push(Command::DiscardAutosave);
                        }
                    });
                });
        }
        if let Some(confirm) = self.t.confirm.clone() {
            let mut answer = None;
            egui::Window::new("Unsaved changes")
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
                .show(ctx, |ui| {
                    ui.label("The dataset has changes that are not saved.");
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            answer = Some(1);
                        }
                        if ui.button("Discard").clicked() {
                            answer = Some(2);
                        }
                        if ui.button("Cancel").clicked() {
                            answer = Some(0);
                        }
                    });
                });
            match (answer, confirm) {
                (Some(1), Confirm::Quit) => {
                    self.t.confirm = None;
                    self.t.quit_after_save = true;
                    self.cmds.push(Command::Save);
                }
                (Some(1), Confirm::Replace(_)) => {
                    self.t.confirm = None;
                    self.cmds.push(Command::Save);
                }
                (Some(2), Confirm::Quit) => {
                    self.t.confirm = None;
                    self.cmds.push(Command::QuitDiscarding);
                }
                (Some(2), Confirm::Replace(cmd)) => {
                    self.t.confirm = None;
                    if let Some(s) = self.session.as_mut() {
                        // Discarding: the replaced session's changes are dropped on purpose.
                        s.history.mark_saved(s.history.revision());
                    }
                    self.cmds.push(cmd);
                }
                (Some(_), _) => self.t.confirm = None,
                (None, _) => {}
            }
        }
        if let Some(b) = self.t.browser.as_mut()
            && let Some(outcome) = b.show(ctx)
        {
            self.persisted.last_folder = Some(b.dir().to_owned());
            self.t.browser = None;
            self.dialog_done(outcome);
        }
        self.notes.show_toasts(ctx);
    }

    // ----- input outside widgets -----

    fn handle_dropped_files(&mut self, ctx: &Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.cmds.push(Command::OpenPaths(dropped));
        }
    }

    fn handle_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.t.allow_close
            && self.session.as_ref().is_some_and(Session::is_dirty)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.t.confirm = Some(Confirm::Quit);
        }
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = self.title();
        if title != self.t.sent_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.t.sent_title = title;
        }
    }

    // ----- commands -----

    fn execute(&mut self, cmd: Command) {
        match cmd {
            Command::Open => self.ask_for(DialogKind::OpenFiles),
            Command::OpenFolder => self.ask_for(DialogKind::OpenFolder),
            Command::SaveAs => {
                if self.session.is_some() {
                    self.ask_for(DialogKind::SaveDataset);
                }
            }
            Command::OpenPaths(paths) => self.open_paths(paths),
            Command::OpenSamples => match super::samples::write_samples(&self.config.data_dir) {
                Ok(dir) => self.open_paths(vec![dir]),
                Err(e) => self.notes.push(Level::Error, e),
            },
            Command::Save => match self.session.as_ref().and_then(|s| s.path.clone()) {
                Some(p) => self.save_to(p),
                None if self.session.is_some() => self.ask_for(DialogKind::SaveDataset),
                None => {}
            },
            Command::SaveTo(p) => self.save_to(p),
            Command::NextDoc => self.step_doc(1),
            Command::PrevDoc => self.step_doc(-1),
            Command::GoToDoc(i) => self.go_to(i),
            Command::DoneAndNext => {
                self.set_status(Status::Done);
                self.step_doc(1);
            }
            Command::SetStatus(s) => self.set_status(s),
            Command::SetLabel(n) => self.label_selection(n),
            Command::DeleteSpan => match self.t.focused_entity.clone() {
                Some(e) => self.remove_entity(e),
                None => {
                    self.t.status_message = "Pick a span first (click it in the span list).".into()
                }
            },
            Command::RemoveEntity(e) => self.remove_entity(e),
            Command::RelabelEntity(e, label) => {
                let new = Entity {
                    label,
                    origin: crate::model::Origin::Manual,
                    ..e.clone()
                };
                if let Some(doc) = self.current_index() {
                    self.apply(Edit::ReplaceEntity {
                        doc,
                        old: e,
                        new: new.clone(),
                    });
                    self.t.focused_entity = Some(new);
                }
            }
            Command::LabelOtherOccurrences(e) => self.label_other_occurrences(&e),
            Command::AddToGazetteer(e) => self.add_to_gazetteer(&e),
            Command::FocusEntity(e) => {
                self.t.scroll_to = Some(e.span());
                self.t.evidence = vec![e.span()];
                self.t.focused_entity = Some(e);
            }
            Command::ShowEvidence(ev) => {
                self.t.scroll_to = ev.first().copied();
                if ev.is_empty() {
                    self.t.status_message = "This field has no evidence in the text.".into();
                }
                self.t.evidence = ev;
            }
            Command::SetFields(fields) => {
                if let Some((doc, d)) = self.current_doc() {
                    let old = Box::new(d.fields.clone());
                    self.apply(Edit::SetFields {
                        doc,
                        old,
                        new: fields,
                    });
                }
            }
            Command::SetNotes(notes) => {
                if let Some((doc, d)) = self.current_doc() {
                    let old = d.notes.clone();
                    self.apply(Edit::SetNotes {
                        doc,
                        old,
                        new: notes,
                    });
                }
            }
            Command::RestoreRemoved(i) => self.restore_removed(i),
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::Find => {
                self.persisted.layout.doc_list = true;
                self.t.doc_list.focus_search = true;
            }
            Command::ToggleHelp => self.t.help_open = !self.t.help_open,
            Command::ToggleLog => self.persisted.layout.log = !self.persisted.layout.log,
            Command::ToggleRemoved => {
                self.persisted.layout.show_removed = !self.persisted.layout.show_removed
            }
            Command::CancelLoad => {
                self.workers.cancel_load();
                self.t.status_message = "Cancelling the load…".into();
            }
            Command::RecoverAutosave => self.recover(),
            Command::DiscardAutosave => {
                if let Some(o) = self.t.recovery.take() {
                    if let Err(e) = std::fs::remove_file(&o.autosave) {
                        self.notes.push(
                            Level::Warning,
                            format!("Cannot delete {}: {e}", o.autosave.display()),
                        );
                    }
                    self.t
                        .untitled_recoveries
                        .retain(|u| u.autosave != o.autosave);
                }
            }
            Command::Quit => self.egui_ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::QuitDiscarding => {
                self.t.allow_close = true;
                self.egui_ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::SetStatusMessage(m) => self.t.status_message = m,
            c @ (Command::Export(_)
            | Command::ExportTo(..)
            | Command::CompareOpen
            | Command::CompareWith(_)
            | Command::CloseComparison
            | Command::ShowView(_)
            | Command::ToggleOverview
            | Command::ToggleAgreement
            | Command::ApplyMerge) => self.data_command(c),
        }
    }

    fn current_index(&self) -> Option<usize> {
        let s = self.session.as_ref()?;
        s.document().map(|_| s.current)
    }

    fn current_doc(&self) -> Option<(usize, &crate::model::Document)> {
        let s = self.session.as_ref()?;
        s.document().map(|d| (s.current, d))
    }

    /// Apply an edit through the history. The first edit of an unreviewed document also marks
    /// it in progress, in the same undo step.
    fn apply(&mut self, edit: Edit) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        let doc = edit.document();
        let edit = match doc.and_then(|i| s.dataset.documents.get(i)) {
            Some(d)
                if d.status == Status::Unreviewed && !matches!(edit, Edit::SetStatus { .. }) =>
            {
                Edit::Batch(vec![
                    edit,
                    Edit::SetStatus {
                        doc: doc.unwrap_or_default(),
                        old: Status::Unreviewed,
                        new: Status::InProgress,
                    },
                ])
            }
            _ => edit,
        };
        if let Err(e) = s.history.apply(&mut s.dataset, edit) {
            self.notes.push(Level::Error, format!("Edit refused: {e}"));
        }
    }

    fn set_status(&mut self, new: Status) {
        if let Some((doc, d)) = self.current_doc()
            && d.status != new
        {
            let old = d.status;
            self.apply(Edit::SetStatus { doc, old, new });
        }
    }

    /// Put removed block `i` back into the cleaned text. Every span and every field's evidence
    /// moves with the text (`clean::with_removed` maps them through the raw text), and the whole
    /// change is one undo step.
    fn restore_removed(&mut self, i: usize) {
        let Some((doc, d)) = self.current_doc() else {
            return;
        };
        let Some(piece) = d.removed.get(i) else {
            return;
        };
        let what = piece.reason.as_str().to_owned();
        let mut remaining = d.removed.clone();
        remaining.remove(i);
        let old = Box::new(crate::model::TextState::of(d));
        let new = Box::new(crate::clean::with_removed(d, remaining));
        let lost = old.entities.len().saturating_sub(new.entities.len());
        self.apply(Edit::SetText { doc, old, new });
        self.t.selection = None;
        self.t.evidence.clear();
        let mut msg = format!("Restored a removed block ({what}); Ctrl+Z puts it back");
        if lost > 0 {
            msg.push_str(&format!("; {lost} span(s) inside it could not be kept"));
        }
        self.t.status_message = msg;
    }

    /// Queue `e`'s text for the analyst's gazetteer (written on the saver thread).
    fn add_to_gazetteer(&mut self, e: &Entity) {
        let language = self
            .current_doc()
            .map_or(crate::model::Language::Other, |(_, d)| d.language);
        let addition = crate::session::user_gazetteer::Addition {
            label: e.label.clone(),
            spelling: e.text.trim().to_owned(),
            canonical: e
                .canonical
                .clone()
                .unwrap_or_else(|| e.text.trim().to_owned()),
            language,
        };
        let job = WriteJob::AddToGazetteer {
            dir: self.config.data_dir.clone(),
            addition,
        };
        if let Err(err) = self.workers.write(job) {
            self.notes
                .push(Level::Error, format!("Cannot add to the gazetteer: {err}"));
        }
    }

    fn gazetteer_updated(
        &mut self,
        addition: &crate::session::user_gazetteer::Addition,
        result: Result<crate::session::user_gazetteer::Outcome, String>,
    ) {
        use crate::session::user_gazetteer::Outcome;
        match result {
            Ok(Outcome::Added(path)) => {
                // Articles opened from now on are extracted with the new name, and it is
                // suggested as a participant.
                self.workers.reload_resources();
                if let Err(e) = self.workers.load_names() {
                    self.notes
                        .push(Level::Warning, format!("Cannot re-read the name list: {e}"));
                }
                self.notes.push(
                    Level::Info,
                    format!(
                        "Added {:?} ({}) to your gazetteer {}; articles opened from now on use it",
                        addition.spelling,
                        addition.label,
                        path.display()
                    ),
                );
            }
            Ok(Outcome::AlreadyThere(path)) => {
                self.t.status_message = format!(
                    "{:?} ({}) is already in {}",
                    addition.spelling,
                    addition.label,
                    path.display()
                );
            }
            Err(e) => self.notes.push(Level::Error, e),
        }
    }

    fn remove_entity(&mut self, e: Entity) {
        if let Some(doc) = self.current_index() {
            if self.t.focused_entity.as_ref() == Some(&e) {
                self.t.focused_entity = None;
            }
            self.apply(Edit::RemoveEntity { doc, entity: e });
        }
    }

    fn label_selection(&mut self, n: usize) {
        let Some((doc, d)) = self.current_doc() else {
            return;
        };
        let labels = &self
            .session
            .as_ref()
            .map(|s| s.dataset.labels.clone())
            .unwrap_or_default();
        let label = labels
            .iter()
            .find(|l| l.key == n.to_string())
            .or_else(|| labels.get(n.wrapping_sub(1)))
            .map(|l| l.name.clone());
        let Some(label) = label else {
            self.t.status_message = format!("No label on key {n}.");
            return;
        };
        if let Some(sel) = self.t.selection {
            let Some(span) = trim_span(&d.text, sel) else {
                self.t.status_message = "The selection is empty or only spaces.".into();
                return;
            };
            let text = crate::text::slice_chars(&d.text, span)
                .unwrap_or("")
                .to_owned();
            let new = Entity {
                start: span.start.0,
                end: span.end.0,
                label,
                text,
                canonical: None,
                kb_id: None,
                origin: crate::model::Origin::Manual,
            };
            let same_span = d.entities.iter().find(|e| e.span() == span).cloned();
            match same_span {
                Some(old) if old.label == new.label => {}
                Some(old) => self.apply(Edit::ReplaceEntity {
                    doc,
                    old,
                    new: new.clone(),
                }),
                None => self.apply(Edit::AddEntity {
                    doc,
                    entity: new.clone(),
                }),
            }
            self.t.selection = None;
            self.t.focused_entity = Some(new);
        } else if let Some(old) = self.t.focused_entity.clone() {
            if old.label != label {
                self.execute(Command::RelabelEntity(old, label));
            }
        } else {
            self.t.status_message = "Select text in the article first, then press 1–9.".into();
        }
    }

    fn label_other_occurrences(&mut self, e: &Entity) {
        let Some((doc, d)) = self.current_doc() else {
            return;
        };
        let spans = whole_word_occurrences(&d.text, &e.text);
        let edits: Vec<Edit> = spans
            .into_iter()
            .filter(|s| !d.entities.iter().any(|x| x.span().overlaps(s)))
            .map(|s| Edit::AddEntity {
                doc,
                entity: Entity {
                    start: s.start.0,
                    end: s.end.0,
                    origin: crate::model::Origin::Manual,
                    ..e.clone()
                },
            })
            .collect();
        let n = edits.len();
        if n == 0 {
            self.t.status_message = format!("No other unlabeled occurrence of {:?}.", e.text);
            return;
        }
        self.apply(Edit::Batch(edits));
        self.t.status_message = format!("Labeled {n} more occurrence(s) as {}.", e.label);
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        let touched = if undo {
            s.history.undo(&mut s.dataset)
        } else {
            s.history.redo(&mut s.dataset)
        };
        match touched {
            Some(doc) => {
                if doc != s.current {
                    self.go_to(doc);
                }
                // The focused span may have been undone away.
                if let (Some(f), Some(s)) = (&self.t.focused_entity, &self.session)
                    && !s.document().is_some_and(|d| d.entities.contains(f))
                {
                    self.t.focused_entity = None;
                }
            }
            None => {
                self.t.status_message = if undo {
                    "Nothing to undo."
                } else {
                    "Nothing to redo."
                }
                .into()
            }
        }
    }

    fn step_doc(&mut self, dir: isize) {
        let Some(s) = self.session.as_ref() else {
            return;
        };
        let current = s.current;
        let list = self.t.doc_list.filtered(s);
        let target = match list.iter().position(|&i| i == current) {
            Some(p) => {
                let next = p as isize + dir;
                usize::try_from(next)
                    .ok()
                    .and_then(|n| list.get(n))
                    .copied()
            }
            // The current document is filtered out: go to the nearest listed one that way.
            None if dir > 0 => list.iter().find(|&&i| i > current).copied(),
            None => list.iter().rev().find(|&&i| i < current).copied(),
        };
        match target {
            Some(t) => {
                self.go_to(t);
                self.t.doc_list.scroll_to_current = true;
            }
            None => {
                self.t.status_message = if dir > 0 {
                    "This is the last document."
                } else {
                    "This is the first document."
                }
                .into();
            }
        }
    }

    fn go_to(&mut self, i: usize) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        if i >= s.dataset.documents.len() || i == s.current {
            return;
        }
        s.current = i;
        self.t.selection = None;
        self.t.focused_entity = None;
        self.t.evidence.clear();
        if let (Some(p), Some(d)) = (&s.path, s.document()) {
            self.persisted.remember_document(p, &d.id);
        }
    }

    // ----- opening -----

    fn ask_for(&mut self, kind: DialogKind) {
        if self.t.native_dialog.is_some() || self.t.browser.is_some() {
            return;
        }
        let dir = self.start_dir();
        if self.config.native_dialogs
            && !self.persisted.builtin_file_browser
            && file_dialog::native_dialogs_possible()
        {
            match NativeDialog::spawn(kind, dir, self.egui_ctx.clone()) {
                Ok(d) => self.t.native_dialog = Some(d),
                Err(e) => {
                    self.notes.push(
                        Level::Warning,
                        format!("No native file dialog ({e}); using the built-in browser"),
                    );
                    self.t.browser = Some(FileBrowser::new(kind, self.start_dir()));
                }
            }
        } else {
            self.t.browser = Some(FileBrowser::new(kind, dir));
        }
    }

    fn start_dir(&self) -> Option<PathBuf> {
        self.session
            .as_ref()
            .and_then(|s| s.path.as_ref())
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| self.persisted.last_folder.clone())
    }

    fn poll_dialogs(&mut self, _ctx: &Context) {
        if let Some(outcome) = self.t.native_dialog.as_ref().and_then(NativeDialog::poll) {
            self.t.native_dialog = None;
            self.dialog_done(outcome);
        }
    }

    fn dialog_done(&mut self, outcome: DialogOutcome) {
        match outcome {
            DialogOutcome::Picked(DialogKind::SaveDataset, paths) => {
                if let Some(p) = paths.into_iter().next() {
                    self.cmds.push(Command::SaveTo(p));
                }
            }
            DialogOutcome::Picked(
                kind @ (DialogKind::Export(_) | DialogKind::CompareDataset),
                paths,
            ) => {
                self.data_dialog_done(kind, paths);
            }
            DialogOutcome::Picked(_, paths) => {
                if let Some(dir) = paths.first().and_then(|p| p.parent()) {
                    self.persisted.last_folder = Some(dir.to_owned());
                }
                self.cmds.push(Command::OpenPaths(paths));
            }
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable(kind) => {
                self.notes.push(
                    Level::Info,
                    "No native file dialog answered; using the built-in browser.",
                );
                self.t.browser = Some(FileBrowser::new(kind, self.start_dir()));
            }
        }
    }

    fn open_paths(&mut self, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.t.confirm = Some(Confirm::Replace(Command::OpenPaths(paths)));
            return;
        }
        let (datasets, articles): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        });
        if let Some(ds) = datasets.first() {
            if datasets.len() > 1 || !articles.is_empty() {
                self.notes.push(Level::Warning, format!("Opening the dataset {} only; a dataset and other files cannot open together.", ds.display()));
            }
            self.t.status_message = format!("Opening {}…", ds.display());
            if let Err(e) = self.workers.load_dataset(ds.clone()) {
                self.notes.push(
                    Level::Error,
                    format!("Cannot start loading {}: {e}", ds.display()),
                );
            }
            return;
        }
        let missing: Vec<&PathBuf> = articles.iter().filter(|p| !p.exists()).collect();
        for m in &missing {
            self.notes.push(
                Level::Error,
                format!("{}: no such file or folder", m.display()),
            );
        }
        if missing.len() == articles.len() {
            return;
        }
        self.replace_session(Session::new(Dataset::default(), None));
        match self.workers.load_articles(articles) {
            Ok(job) => {
                self.t.load = Some(LoadProgress {
                    job,
                    done: 0,
                    total: 0,
                    failed: 0,
                });
            }
            Err(e) => self
                .notes
                .push(Level::Error, format!("Cannot start loading: {e}")),
        }
    }

    fn replace_session(&mut self, s: Session) {
        self.session = Some(s);
        self.t.selection = None;
        self.t.focused_entity = None;
        self.t.evidence.clear();
        self.t.fields = FieldsState::default();
        self.t.doc_list = DocListState::default();
        self.t.views.session_replaced();
        self.autosave.reset();
    }

    fn recover(&mut self) {
        let Some(offer) = self.t.recovery.take() else {
            return;
        };
        match crate::io::load_dataset(&offer.autosave).map(|l| l.dataset) {
            Ok(ds) => {
                let current = self.session.as_ref().map_or(0, |s| s.current);
                let mut s = Session::new(ds, offer.dataset.clone());
                s.current = current.min(s.dataset.documents.len().saturating_sub(1));
                if offer.dataset.is_none()
                    && let Some(id) = offer
                        .autosave
                        .file_name()
                        .and_then(|n| n.to_str())
                        .and_then(|n| n.strip_prefix("untitled-"))
                        .and_then(|n| n.strip_suffix(autosave::AUTOSAVE_SUFFIX))
                {
                    // Keep autosaving into the same file, so one crash leaves one autosave.
                    s.untitled_id = id.to_owned();
                }
                s.history.mark_unsaved();
                self.replace_session(s);
                self.t
                    .untitled_recoveries
                    .retain(|u| u.autosave != offer.autosave);
                self.notes.push(
                    Level::Info,
                    format!("Recovered {}; save to keep it.", offer.autosave.display()),
                );
            }
            Err(e) => self
                .notes
                .push(Level::Error, format!("Cannot recover: {e}")),
        }
    }

    // ----- saving -----

    fn save_to(&mut self, path: PathBuf) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        if let Some(src) = crate::io::writes_over_source(&path, &s.dataset) {
            self.notes.push(
                Level::Error,
                format!(
                    "Not saving over the source article {}; pick another file name.",
                    src.display()
                ),
            );
            return;
        }
        let stale = vec![
            autosave::autosave_path(s.path.as_deref(), &self.config.data_dir, &s.untitled_id),
            autosave::autosave_path(Some(&path), &self.config.data_dir, &s.untitled_id),
        ];
        let job = WriteJob::Save {
            path: path.clone(),
            dataset: Box::new(s.dataset.clone()),
            revision: s.history.revision(),
            stale_autosaves: stale,
        };
        s.saving = true;
        if let Err(e) = self.workers.write(job) {
            s.saving = false;
            self.notes
                .push(Level::Error, format!("Cannot save {}: {e}", path.display()));
        }
    }

    fn tick_autosave(&mut self) {
        let Some(s) = self.session.as_ref() else {
            return;
        };
        let dirty = s.is_dirty();
        if dirty {
            self.egui_ctx
                .request_repaint_after(self.autosave.remaining().max(Duration::from_millis(100)));
        }
        if !self.autosave.due(dirty, s.history.revision()) {
            return;
        }
        let path =
            autosave::autosave_path(s.path.as_deref(), &self.config.data_dir, &s.untitled_id);
        let revision = s.history.revision();
        let job = WriteJob::Autosave {
            path,
            dataset: Box::new(s.dataset.clone()),
            revision,
        };
        self.autosave.queued(revision);
        if let Err(e) = self.workers.write(job) {
            self.notes
                .push(Level::Error, format!("Autosave failed: {e}"));
        }
    }

    // ----- worker reports -----

    fn handle_worker_events(&mut self) {
        for ev in self.workers.drain() {
            match ev {
                WorkerEvent::LoadStarted { job, total } => {
                    if let Some(l) = self.t.load.as_mut().filter(|l| l.job == job) {
                        l.total = total;
                    }
                    if total == 0 {
                        self.notes.push(
                            Level::Warning,
                            "No article files (.txt, .html) found there.",
                        );
                    }
                }
                WorkerEvent::Documents { job, docs } => {
                    if self.t.load.is_some_and(|l| l.job == job)
                        && let Some(s) = self.session.as_mut()
                    {
                        s.dataset.documents.extend(docs.into_iter().map(Into::into));
                    }
                }
                WorkerEvent::Progress { job, done } => {
                    if let Some(l) = self.t.load.as_mut().filter(|l| l.job == job) {
                        l.done = done;
                    }
                }
                WorkerEvent::FileFailed { job, message } => {
                    if let Some(l) = self.t.load.as_mut().filter(|l| l.job == job) {
                        l.failed += 1;
                    }
                    self.notes.push(Level::Error, message);
                }
                WorkerEvent::LoadFinished { job, cancelled } => {
                    if let Some(l) = self.t.load.filter(|l| l.job == job) {
                        let n = self
                            .session
                            .as_ref()
                            .map_or(0, |s| s.dataset.documents.len());
                        self.t.status_message = if cancelled {
                            format!("Load cancelled after {n} articles.")
                        } else {
                            format!("Loaded {n} articles ({} failed).", l.failed)
                        };
                        self.t.load = None;
                    }
                }
                WorkerEvent::DatasetLoaded {
                    path,
                    result,
                    problems,
                } => match result {
                    Ok(ds) => {
                        if !problems.is_empty() {
                            self.notes.push(
                                Level::Warning,
                                format!(
                                    "{}: {} problem(s) found on load (see the log); first: {}",
                                    path.display(),
                                    problems.len(),
                                    problems[0]
                                ),
                            );
                            for p in &problems {
                                self.notes
                                    .log_only(Level::Warning, format!("{}: {p}", path.display()));
                            }
                        }
                        self.dataset_loaded(path, ds);
                    }
                    Err(e) => {
                        self.t.status_message.clear();
                        self.notes.push(Level::Error, e);
                    }
                },
                WorkerEvent::Saved {
                    path,
                    revision,
                    result,
                } => self.saved(path, revision, result),
                ev @ (WorkerEvent::Exported { .. } | WorkerEvent::ComparisonLoaded { .. }) => {
                    self.data_worker_event(ev);
                }
                WorkerEvent::NamesLoaded(result) => match result {
                    Ok(names) => self.names = names,
                    Err(e) => self.notes.push(
                        Level::Warning,
                        format!("Participant suggestions are off: {e}"),
                    ),
                },
                WorkerEvent::GazetteerUpdated { addition, result } => {
                    self.gazetteer_updated(&addition, result);
                }
                WorkerEvent::Autosaved { path, result, .. } => {
                    if let Err(e) = result {
                        self.notes.push(
                            Level::Error,
                            format!("Autosave to {} failed: {e}", path.display()),
                        );
                    }
                }
            }
        }
    }

    fn dataset_loaded(&mut self, path: PathBuf, ds: Dataset) {
        let mut s = Session::new(ds, Some(path.clone()));
        if let Some(id) = self.persisted.last_document_of(&path)
            && let Some(i) = s.dataset.documents.iter().position(|d| d.id == id)
        {
            s.current = i;
        }
        let n = s.dataset.documents.len();
        self.replace_session(s);
        self.t.load = None;
        self.persisted.remember_dataset(&path);
        self.t.status_message = format!("Opened {} ({n} documents).", path.display());
        self.t.recovery = recovery::offer_for_dataset(&path, &self.config.data_dir);
    }

    fn saved(&mut self, path: PathBuf, revision: u64, result: Result<(), String>) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        s.saving = false;
        match result {
            Ok(()) => {
                s.history.mark_saved(revision);
                s.path = Some(path.clone());
                if let Some(d) = s.document() {
                    self.persisted.remember_document(&path, &d.id);
                }
                self.persisted.remember_dataset(&path);
                self.t.status_message = format!("Saved {}.", path.display());
                if self.t.quit_after_save {
                    self.t.quit_after_save = false;
                    self.cmds.push(Command::Quit);
                }
            }
            Err(e) => {
                self.t.quit_after_save = false;
                self.notes.push(Level::Error, e);
            }
        }
    }
}

/// The selection without leading and trailing spaces and punctuation that is not part of a word
/// (a stray comma in a span is a common annotation error).
fn trim_span(text: &str, span: CharSpan) -> Option<CharSpan> {
    let piece: Vec<char> = crate::text::slice_chars(text, span)?.chars().collect();
    let keep = |c: &char| is_word_char(*c) || c.is_alphanumeric();
    let start = piece.iter().position(keep)?;
    let end = piece.iter().rposition(keep)? + 1;
    Some(CharSpan::new(span.start.0 + start, span.start.0 + end))
}

/// Every whole-word occurrence of `needle` in `text`, as code-point spans.
fn whole_word_occurrences(text: &str, needle: &str) -> Vec<CharSpan> {
    if needle.is_empty() {
        return Vec::new();
    }
    let index = crate::text::CharIndex::new(text);
    let mut out = Vec::new();
    for (b, _) in text.match_indices(needle) {
        let start = index.to_char(crate::text::ByteOffset(b));
        let end = index.to_char(crate::text::ByteOffset(b + needle.len()));
        let before = text.get(..b).and_then(|s| s.chars().next_back());
        let after = text.get(b + needle.len()..).and_then(|s| s.chars().next());
        let joined = |c: Option<char>| c.is_some_and(is_word_char);
        if !joined(before) && !joined(after) {
            out.push(CharSpan { start, end });
        }
    }
    out
}

impl eframe::App for KhabarApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(s) = &self.session
            && let (Some(p), Some(d)) = (&s.path, s.document())
        {
            self.persisted.remember_document(p, &d.id);
        }
        self.persisted.store(storage);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_spaces_and_commas() {
        let t = "گفت، لاوروف ،";
        let s = trim_span(t, CharSpan::new(3, 13)).expect("has a word");
        assert_eq!(crate::text::slice_chars(t, s), Some("لاوروف"));
        assert_eq!(trim_span(t, CharSpan::new(3, 5)), None);
    }

    #[test]
    fn occurrences_are_whole_words() {
        let t = "ایران و ایرانی و ایران";
        let spans = whole_word_occurrences(t, "ایران");
        assert_eq!(spans, vec![CharSpan::new(0, 5), CharSpan::new(17, 22)]);
    }
}
