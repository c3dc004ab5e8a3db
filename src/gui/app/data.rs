//! The app's dataset-wide actions: exports, the comparison with another analyst's dataset and
//! its merge, and the switch between the article and the dataset views. Kept apart from
//! `app.rs`, which only dispatches to these.

use std::path::PathBuf;

use super::KhabarApp;
use crate::export::Format;
use crate::gui::commands::Command;
use crate::gui::file_dialog::DialogKind;
use crate::gui::notifications::Level;
use crate::gui::panels::agreement::Comparison;
use crate::gui::views::CentralView;
use crate::gui::workers::{WorkerEvent, WriteJob};
use crate::stats::Overview;

impl KhabarApp {
    /// The view shown in the centre.
    #[must_use]
    pub fn central_view(&self) -> CentralView {
        self.t.views.view
    }

    /// The overview's figures as last computed for the screen (`None` before the overview was
    /// first shown).
    #[must_use]
    pub fn overview(&self) -> Option<&Overview> {
        self.t.views.overview.last()
    }

    /// The loaded comparison with another analyst's dataset.
    #[must_use]
    pub fn comparison(&self) -> Option<&Comparison> {
        self.t.views.comparison.as_ref()
    }

    /// Execute one of the dataset-wide commands; other commands are ignored here.
    pub(super) fn data_command(&mut self, cmd: Command) {
        match cmd {
            Command::Export(format) if self.session.is_some() => {
                self.ask_for(DialogKind::Export(format));
            }
            Command::ExportTo(format, path) => self.export_to(format, path),
            Command::CompareOpen if self.session.is_some() => {
                self.ask_for(DialogKind::CompareDataset);
            }
            Command::CompareWith(path) => {
                self.t.status_message = format!("Reading {} to compare…", path.display());
                if let Err(e) = self.workers.load_comparison(path.clone()) {
                    self.notes.push(
                        Level::Error,
                        format!("Cannot start reading {}: {e}", path.display()),
                    );
                }
            }
            Command::CloseComparison => {
                self.t.views.comparison = None;
                if self.t.views.view == CentralView::Agreement {
                    self.t.views.view = CentralView::Article;
                }
            }
            Command::ShowView(view) => self.switch_view(|v| v.show_view(view)),
            Command::ToggleOverview => self.switch_view(|v| v.toggle(CentralView::Overview)),
            Command::ToggleAgreement => self.switch_view(|v| v.toggle(CentralView::Agreement)),
            Command::ApplyMerge => self.apply_merge(),
            _ => {}
        }
    }

    fn switch_view(
        &mut self,
        f: impl FnOnce(&mut crate::gui::views::DataViews) -> Result<(), &'static str>,
    ) {
        if self.session.is_none() {
            return;
        }
        match f(&mut self.t.views) {
            // A selection made in the article must not be labeled by a digit pressed elsewhere.
            Ok(()) => self.t.selection = None,
            Err(why) => self.t.status_message = why.into(),
        }
    }

    fn export_to(&mut self, format: Format, path: PathBuf) {
        let Some(s) = self.session.as_ref() else {
            return;
        };
        // An export over the dataset file itself would replace the labels with a lossy copy.
        if s.path.as_deref() == Some(path.as_path()) {
            self.notes.push(
                Level::Error,
                format!(
                    "Not exporting over the dataset {} itself; pick another file name.",
                    path.display()
                ),
            );
            return;
        }
        if let Some(src) = crate::io::writes_over_source(&path, &s.dataset) {
            self.notes.push(
                Level::Error,
                format!(
                    "Not exporting over the source article {}; pick another file name.",
                    src.display()
                ),
            );
            return;
        }
        let job = WriteJob::Export {
            path: path.clone(),
            format,
            dataset: Box::new(s.dataset.clone()),
        };
        self.t.status_message = format!("Exporting {} to {}…", format.name(), path.display());
        if let Err(e) = self.workers.write(job) {
            self.notes.push(
                Level::Error,
                format!("Cannot export to {}: {e}", path.display()),
            );
        }
    }

    /// A file picked in a dialog opened by one of these commands.
    pub(super) fn data_dialog_done(&mut self, kind: DialogKind, paths: Vec<PathBuf>) {
        let Some(path) = paths.into_iter().next() else {
            return;
        };
        match kind {
            DialogKind::Export(format) => self.cmds.push(Command::ExportTo(format, path)),
            DialogKind::CompareDataset => self.cmds.push(Command::CompareWith(path)),
            DialogKind::OpenFiles | DialogKind::OpenFolder | DialogKind::SaveDataset => {}
        }
    }

    /// A worker's report on one of these commands.
    pub(super) fn data_worker_event(&mut self, ev: WorkerEvent) {
        match ev {
            WorkerEvent::Exported {
                path,
                format,
                result,
            } => match result {
                Ok(()) => {
                    let msg = format!("Exported {} to {}.", format.name(), path.display());
                    self.t.status_message.clone_from(&msg);
                    self.notes.push(Level::Info, msg);
                }
                Err(e) => {
                    self.t.status_message.clear();
                    self.notes.push(
                        Level::Error,
                        format!("Export to {} failed: {e}", path.display()),
                    );
                }
            },
            WorkerEvent::ComparisonLoaded {
                path,
                result,
                problems,
            } => match result {
                Ok(other) => {
                    if let Some(first) = problems.first() {
                        self.notes.push(
                            Level::Warning,
                            format!(
                                "{}: {} problem(s) found on load (see the log); first: {first}",
                                path.display(),
                                problems.len()
                            ),
                        );
                        for p in &problems {
                            self.notes
                                .log_only(Level::Warning, format!("{}: {p}", path.display()));
                        }
                    }
                    let n = other.documents.len();
                    self.t.status_message =
                        format!("Comparing with {} ({n} documents).", path.display());
                    self.t.views.comparison = Some(Comparison::new(path, other));
                    self.t.views.view = CentralView::Agreement;
                }
                Err(e) => {
                    self.t.status_message.clear();
                    self.notes
                        .push(Level::Error, format!("Cannot compare: {e}"));
                }
            },
            _ => {}
        }
    }

    fn apply_merge(&mut self) {
        let (Some(s), Some(c)) = (self.session.as_ref(), self.t.views.comparison.as_ref()) else {
            return;
        };
        match c.merge_edit(s) {
            Ok(edit) => {
                let from_theirs = c
                    .choices()
                    .iter()
                    .filter(|x| **x == crate::agree::Side::B)
                    .count();
                self.apply(edit);
                // The focused span may have been merged away.
                self.t.focused_entity = None;
                self.t.status_message = format!(
                    "Merged: {from_theirs} disagreement(s) taken from theirs. Ctrl+Z undoes it."
                );
            }
            Err(why) => self.t.status_message = why,
        }
    }
}
