//! File → Export as ▸ and File → Compare with…: the menu entries of the dataset-wide actions.

use egui::Ui;

use super::commands::{Command, CommandQueue};
use crate::export::Format;

/// The menu text of an export format.
#[must_use]
pub fn format_title(f: Format) -> &'static str {
    match f {
        Format::Jsonl => "JSONL (spans, spaCy / Prodigy)",
        Format::Conll => "CoNLL (BIO tokens)",
        Format::Csv => "CSV (one row per event)",
        Format::Doccano => "doccano JSONL",
    }
}

/// The export submenu and the comparison entries, for the File menu.
pub fn file_menu_entries(ui: &mut Ui, has_session: bool, comparing: bool, cmds: &mut CommandQueue) {
    ui.add_enabled_ui(has_session, |ui| {
        ui.menu_button("Export as", |ui| {
            // The order the issue lists them in: the span formats first, doccano last.
            for f in [Format::Jsonl, Format::Conll, Format::Csv, Format::Doccano] {
                if ui.button(format_title(f)).clicked() {
                    cmds.push(Command::Export(f));
                }
            }
        });
        if ui
            .button("Compare with another analyst's dataset…")
            .clicked()
        {
            cmds.push(Command::CompareOpen);
        }
        if comparing && ui.button("Close the comparison").clicked() {
            cmds.push(Command::CloseComparison);
        }
    });
}
