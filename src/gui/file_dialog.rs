//! Picking files: the native dialog (rfd, on a worker thread so the UI keeps drawing) and a
//! built-in browser for desktops where no dialog service runs (bare X11 without an XDG portal,
//! which is where rfd's portal backend returns nothing at once).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use egui::{Context, RichText};

use crate::export::Format;

/// What the analyst is picking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// Article files or a dataset.
    OpenFiles,
    /// A folder of articles.
    OpenFolder,
    /// Where to save the dataset.
    SaveDataset,
    /// Where to write an export in this format.
    Export(Format),
    /// Another analyst's dataset, to compare with.
    CompareDataset,
}

impl DialogKind {
    /// The extension a file picked for saving gets when the analyst types none.
    #[must_use]
    pub fn save_extension(self) -> Option<&'static str> {
        match self {
            DialogKind::SaveDataset => Some("json"),
            DialogKind::Export(f) => Some(f.extension()),
            DialogKind::OpenFiles | DialogKind::OpenFolder | DialogKind::CompareDataset => None,
        }
    }

    /// The file name a save dialog proposes.
    #[must_use]
    pub fn default_file_name(self) -> String {
        match self {
            // doccano and the span JSONL share an extension; the name tells them apart.
            DialogKind::Export(Format::Doccano) => "dataset-doccano.jsonl".into(),
            DialogKind::Export(f) => format!("dataset.{}", f.extension()),
            _ => "dataset.json".into(),
        }
    }
}

/// How a dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// Paths picked.
    Picked(DialogKind, Vec<PathBuf>),
    /// The analyst closed it.
    Cancelled,
    /// No native dialog could be shown; use the built-in browser.
    Unavailable(DialogKind),
}

/// A native dialog that returns nothing this fast did not really open: a person cannot pick
/// a file in a quarter of a second.
const TOO_FAST: Duration = Duration::from_millis(250);

/// True when a native dialog has a chance to appear: the portal backend needs a session bus.
#[must_use]
pub fn native_dialogs_possible() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// A native dialog running on its own thread.
pub struct NativeDialog {
    rx: Receiver<DialogOutcome>,
}

impl NativeDialog {
    /// Start a native dialog in `dir`.
    pub fn spawn(kind: DialogKind, dir: Option<PathBuf>, ctx: Context) -> std::io::Result<Self> {
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("khabar-file-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let mut d = rfd::FileDialog::new();
                if let Some(dir) = dir {
                    d = d.set_directory(dir);
                }
                let picked: Option<Vec<PathBuf>> = match kind {
                    DialogKind::OpenFiles => d
                        .add_filter("Articles and datasets", &["txt", "html", "htm", "json"])
                        .add_filter("All files", &["*"])
                        .pick_files(),
                    DialogKind::OpenFolder => d.pick_folder().map(|p| vec![p]),
                    DialogKind::SaveDataset => d
                        .add_filter("Khabar dataset", &["json"])
                        .set_file_name("dataset.json")
                        .save_file()
                        .map(|p| vec![p]),
                    DialogKind::Export(f) => d
                        .add_filter(f.name(), &[f.extension()])
                        .set_file_name(kind.default_file_name())
                        .save_file()
                        .map(|p| vec![p]),
                    DialogKind::CompareDataset => d
                        .add_filter("Khabar dataset", &["json"])
                        .pick_file()
                        .map(|p| vec![p]),
                };
                let outcome = match picked {
                    Some(paths) if !paths.is_empty() => DialogOutcome::Picked(kind, paths),
                    _ if started.elapsed() < TOO_FAST => DialogOutcome::Unavailable(kind),
                    _ => DialogOutcome::Cancelled,
                };
                let _ = tx.send(outcome);
                ctx.request_repaint();
            })?;
        Ok(Self { rx })
    }

    /// The outcome, once the dialog closed.
    pub fn poll(&self) -> Option<DialogOutcome> {
        self.rx.try_recv().ok()
    }
}

/// One row of the built-in browser.
#[derive(Debug, Clone)]
struct Row {
    name: String,
    path: PathBuf,
    is_dir: bool,
}

/// The built-in file browser, drawn as an egui window.
pub struct FileBrowser {
    kind: DialogKind,
    dir: PathBuf,
    rows: Vec<Row>,
    selected: BTreeSet<PathBuf>,
    location: String,
    file_name: String,
    error: Option<String>,
    show_hidden: bool,
}

impl FileBrowser {
    /// A browser showing `dir` (or the home folder).
    #[must_use]
    pub fn new(kind: DialogKind, dir: Option<PathBuf>) -> Self {
        let dir = dir
            .filter(|d| d.is_dir())
            .or_else(std::env::home_dir)
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut b = Self {
            kind,
            dir: dir.clone(),
            rows: Vec::new(),
            selected: BTreeSet::new(),
            location: String::new(),
            file_name: kind.default_file_name(),
            error: None,
            show_hidden: false,
        };
        b.go(dir);
        b
    }

    /// The folder shown.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn go(&mut self, dir: PathBuf) {
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                let mut rows: Vec<Row> = entries
                    .flatten()
                    .map(|e| {
                        let path = e.path();
                        Row {
                            name: e.file_name().to_string_lossy().into_owned(),
                            is_dir: path.is_dir(),
                            path,
                        }
                    })
                    .filter(|r| self.show_hidden || !r.name.starts_with('.'))
                    .collect();
                rows.sort_by(|a, b| {
                    b.is_dir
                        .cmp(&a.is_dir)
                        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                });
                self.rows = rows;
                self.location = dir.to_string_lossy().into_owned();
                self.dir = dir;
                self.selected.clear();
                self.error = None;
            }
            Err(e) => self.error = Some(format!("cannot open {}: {e}", dir.display())),
        }
    }

    fn title(&self) -> &'static str {
        match self.kind {
            DialogKind::OpenFiles => "Open articles or a dataset",
            DialogKind::OpenFolder => "Open a folder of articles",
            DialogKind::SaveDataset => "Save dataset as",
            DialogKind::Export(Format::Jsonl) => "Export as JSONL",
            DialogKind::Export(Format::Doccano) => "Export for doccano",
            DialogKind::Export(Format::Conll) => "Export as CoNLL",
            DialogKind::Export(Format::Csv) => "Export events as CSV",
            DialogKind::CompareDataset => "Compare with another analyst's dataset",
        }
    }

    /// Draw the browser; returns the outcome when the analyst is done.
    pub fn show(&mut self, ctx: &Context) -> Option<DialogOutcome> {
        let mut outcome = None;
        let mut go_to = None;
        let mut open = true;
        egui::Window::new(self.title())
            .id(egui::Id::unique("builtin_file_browser"))
            .open(&mut open)
            .collapsible(false)
            .default_size([620.0, 460.0])
            .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Up").clicked() {
                        go_to = self.dir.parent().map(Path::to_path_buf);
                    }
                    if ui.button("Home").clicked() {
                        go_to = std::env::home_dir();
                    }
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut self.location)
                            .desired_width(ui.available_width() - 120.0),
                    );
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        go_to = Some(PathBuf::from(&self.location));
                    }
                    if ui.checkbox(&mut self.show_hidden, "Hidden").changed() {
                        go_to = Some(self.dir.clone());
                    }
                });
                if let Some(e) = &self.error {
                    ui.colored_label(egui::Color32::from_rgb(240, 90, 80), e);
                }
                ui.separator();
                let footer = 64.0;
                egui::ScrollArea::vertical()
                    .max_height(ui.available_height() - footer)
                    .auto_shrink([false, false])
                    .show_rows(ui, 20.0, self.rows.len(), |ui, range| {
                        for row in self.rows.get(range).unwrap_or(&[]) {
                            let icon = if row.is_dir { "[dir]" } else { "     " };
                            let selected = self.selected.contains(&row.path);
                            let r = ui.selectable_label(selected, format!("{icon} {}", row.name));
                            if r.double_clicked() {
                                if row.is_dir {
                                    go_to = Some(row.path.clone());
                                } else if self.kind != DialogKind::OpenFolder {
                                    outcome = Some(self.picked(vec![row.path.clone()]));
                                }
                            } else if r.clicked() {
                                let multi = ui.input(|i| i.modifiers.command || i.modifiers.shift);
                                if !multi || self.kind != DialogKind::OpenFiles {
                                    self.selected.clear();
                                }
                                if selected && multi {
                                    self.selected.remove(&row.path);
                                } else {
                                    self.selected.insert(row.path.clone());
                                }
                                if !row.is_dir {
                                    self.file_name = row.name.clone();
                                }
                            }
                        }
                    });
                ui.separator();
                ui.horizontal(|ui| match self.kind {
                    DialogKind::SaveDataset | DialogKind::Export(_) => {
                        ui.label("File name:");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.file_name).desired_width(260.0),
                        );
                        if ui.button("Save").clicked() && !self.file_name.trim().is_empty() {
                            let mut name = self.file_name.trim().to_owned();
                            if let Some(ext) = self.kind.save_extension()
                                && !name.to_lowercase().ends_with(&format!(".{ext}"))
                            {
                                name.push('.');
                                name.push_str(ext);
                            }
                            outcome = Some(self.picked(vec![self.dir.join(name)]));
                        }
                    }
                    DialogKind::OpenFolder => {
                        let target = self.selected.iter().next().filter(|p| p.is_dir()).cloned();
                        let label = match &target {
                            Some(p) => format!(
                                "Open {}",
                                p.file_name()
                                    .map(|n| n.to_string_lossy())
                                    .unwrap_or_default()
                            ),
                            None => "Open this folder".into(),
                        };
                        if ui.button(label).clicked() {
                            let dir = target.unwrap_or_else(|| self.dir.clone());
                            outcome = Some(self.picked(vec![dir]));
                        }
                    }
                    DialogKind::OpenFiles | DialogKind::CompareDataset => {
                        let n = self.selected.len();
                        let enabled = n > 0;
                        if ui
                            .add_enabled(enabled, egui::Button::new(format!("Open {n} selected")))
                            .clicked()
                        {
                            outcome = Some(self.picked(self.selected.iter().cloned().collect()));
                        }
                        if self.kind == DialogKind::OpenFiles {
                            ui.label(RichText::new("Ctrl+click picks several").weak());
                        }
                    }
                });
                if ui.button("Cancel").clicked() {
                    outcome = Some(DialogOutcome::Cancelled);
                }
            });
        if let Some(dir) = go_to {
            self.go(dir);
        }
        if !open {
            outcome = Some(DialogOutcome::Cancelled);
        }
        outcome
    }

    fn picked(&self, paths: Vec<PathBuf>) -> DialogOutcome {
        DialogOutcome::Picked(self.kind, paths)
    }
}
