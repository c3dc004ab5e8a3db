//! The bottom line: position, unsaved state, load progress with cancel, last message.

use egui::{RichText, Ui};

use crate::gui::commands::{Command, CommandQueue};
use crate::session::Session;

/// A folder load in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadProgress {
    /// The worker's job id.
    pub job: u64,
    /// Files handled.
    pub done: usize,
    /// Files found (0 until the folder is listed).
    pub total: usize,
    /// Files that failed.
    pub failed: usize,
}

/// Draw the status bar.
pub fn show(
    ui: &mut Ui,
    session: Option<&Session>,
    load: Option<&LoadProgress>,
    message: &str,
    cmds: &mut CommandQueue,
) {
    ui.horizontal(|ui| {
        if let Some(s) = session {
            let n = s.dataset.documents.len();
            ui.label(format!("Doc {}/{}", (s.current + 1).min(n), n));
            ui.separator();
            if s.saving {
                ui.spinner();
                ui.label("Saving…");
            } else if s.is_dirty() {
                ui.label(
                    RichText::new("unsaved changes").color(egui::Color32::from_rgb(240, 190, 60)),
                );
            } else {
                ui.label(RichText::new("saved").weak());
            }
            ui.separator();
            if let Some(d) = s.document() {
                ui.label(format!("{} spans", d.entities.len()));
                ui.separator();
            }
        }
        if let Some(p) = load {
            let frac = if p.total == 0 {
                0.0
            } else {
                p.done as f32 / p.total as f32
            };
            ui.add(
                egui::ProgressBar::new(frac)
                    .desired_width(180.0)
                    .text(format!("loading {}/{}", p.done, p.total)),
            );
            if p.failed > 0 {
                ui.label(
                    RichText::new(format!("{} failed", p.failed))
                        .color(egui::Color32::from_rgb(240, 90, 80)),
                );
            }
            if ui.small_button("Cancel").clicked() {
                cmds.push(Command::CancelLoad);
            }
            ui.separator();
        }
        ui.label(RichText::new(message).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button("Log").clicked() {
                cmds.push(Command::ToggleLog);
            }
            if ui.small_button("F1 help").clicked() {
                cmds.push(Command::ToggleHelp);
            }
        });
    });
}
