//! Shown when nothing is open: open buttons, recent datasets, autosaves to recover, samples.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::gui::commands::{Command, CommandQueue};
use crate::session::recovery::{RecoveryOffer, describe_age};

/// What the start screen asks for besides commands.
#[derive(Debug, Default)]
pub struct StartActions {
    /// Recover this untitled autosave.
    pub recover: Option<RecoveryOffer>,
    /// Delete this untitled autosave.
    pub discard: Option<RecoveryOffer>,
}

/// Draw the start screen.
pub fn show(
    ui: &mut Ui,
    recent: &[PathBuf],
    untitled: &[RecoveryOffer],
    cmds: &mut CommandQueue,
) -> StartActions {
    let mut actions = StartActions::default();
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading(RichText::new("Khabar · خبر").size(30.0));
        ui.label("Turn Persian and Arabic news articles into a labeled dataset.");
        ui.add_space(20.0);
        ui.horizontal(|ui| {
            let w = 3.0 * 170.0;
            ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
            if ui
                .add_sized([160.0, 36.0], egui::Button::new("Open files... (Ctrl+O)"))
                .clicked()
            {
                cmds.push(Command::Open);
            }
            if ui
                .add_sized([160.0, 36.0], egui::Button::new("Open folder..."))
                .clicked()
            {
                cmds.push(Command::OpenFolder);
            }
            if ui
                .add_sized([160.0, 36.0], egui::Button::new("Open bundled samples"))
                .clicked()
            {
                cmds.push(Command::OpenSamples);
            }
        });
        ui.label(RichText::new("…or drop files or a folder onto this window.").weak());
        ui.add_space(24.0);
    });
    let width = 560.0_f32.min(ui.available_width());
    ui.horizontal(|ui| {
        ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
        ui.vertical(|ui| {
            ui.set_width(width);
            if !untitled.is_empty() {
                ui.heading("Unsaved work to recover");
                for o in untitled {
                    ui.horizontal(|ui| {
                        ui.label(format!(
                            "{} · {}",
                            o.autosave
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                            describe_age(o.modified)
                        ));
                        if ui.button("Recover").clicked() {
                            actions.recover = Some(o.clone());
                        }
                        if ui.button("Discard").clicked() {
                            actions.discard = Some(o.clone());
                        }
                    });
                }
                ui.add_space(12.0);
            }
            ui.heading("Recent datasets");
            if recent.is_empty() {
                ui.label(RichText::new("None yet.").weak());
            }
            for p in recent {
                let exists = p.exists();
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let r = ui
                    .add_enabled(exists, egui::Button::new(name.to_string()).frame(false))
                    .on_hover_text(p.display().to_string());
                ui.label(RichText::new(p.display().to_string()).small().weak());
                if r.clicked() {
                    cmds.push(Command::OpenPaths(vec![p.clone()]));
                }
            }
            ui.add_space(12.0);
            ui.label(RichText::new("F1 shows every keyboard shortcut.").weak());
        });
    });
    actions
}
