//! Every span of the current document: filter by label, jump, relabel, delete, label the
//! other occurrences, send to the gazetteer.

use egui::{RichText, Ui};

use crate::gui::commands::{Command, CommandQueue};
use crate::gui::text_ports::{self, label_color};
use crate::model::Entity;
use crate::session::Session;

/// The entity list's transient state.
#[derive(Default)]
pub struct EntitiesState {
    /// Only spans with this label, when set.
    pub label_filter: Option<String>,
}

/// Draw the list.
pub fn show(
    ui: &mut Ui,
    session: &Session,
    focused: Option<&Entity>,
    state: &mut EntitiesState,
    cmds: &mut CommandQueue,
) {
    let Some(doc) = session.document() else {
        return;
    };
    let labels = &session.dataset.labels;
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("Spans ({})", doc.entities.len()));
        if ui
            .selectable_label(state.label_filter.is_none(), "All")
            .clicked()
        {
            state.label_filter = None;
        }
        for l in labels {
            let n = doc.entities.iter().filter(|e| e.label == l.name).count();
            let text =
                RichText::new(format!("{} {} ({n})", l.key, l.name)).color(label_color(&l.color));
            let on = state.label_filter.as_deref() == Some(l.name.as_str());
            if ui.selectable_label(on, text).clicked() {
                state.label_filter = if on { None } else { Some(l.name.clone()) };
            }
        }
    });
    ui.separator();
    let shown: Vec<&Entity> = doc
        .entities
        .iter()
        .filter(|e| state.label_filter.as_ref().is_none_or(|f| &e.label == f))
        .collect();
    if shown.is_empty() {
        ui.label(RichText::new("No spans. Select text in the article and press 1–9.").weak());
        return;
    }
    // Both directions: a wide row then scrolls inside the panel instead of widening the panel
    // and pushing the article out of the window.
    let wrap_width = ui.available_width();
    egui::ScrollArea::both()
        .id_salt("entities_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Wrapping rows (chips) wrap at the panel's width, not the unbounded scroll width.
            ui.set_max_width(wrap_width);
            egui::Grid::new("entities_grid")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for e in shown {
                        let color = labels
                            .iter()
                            .find(|l| l.name == e.label)
                            .map_or(egui::Color32::GRAY, |l| label_color(&l.color));
                        let is_focused = focused == Some(e);
                        let mut label_button = ui.selectable_label(
                            is_focused,
                            RichText::new(&e.label).color(color).strong(),
                        );
                        label_button = label_button.on_hover_text("Jump to this span");
                        if label_button.clicked() {
                            cmds.push(Command::FocusEntity(e.clone()));
                        }
                        if text_ports::rtl_label(ui, &e.text)
                            .interact(egui::Sense::click())
                            .clicked()
                        {
                            cmds.push(Command::FocusEntity(e.clone()));
                        }
                        ui.label(
                            RichText::new(format!("{}..{}", e.start, e.end))
                                .weak()
                                .small(),
                        );
                        egui::ComboBox::from_id_salt(("relabel", e.start, e.end, &e.label))
                            .selected_text("Relabel")
                            .width(90.0)
                            .show_ui(ui, |ui| {
                                for l in labels {
                                    if ui.selectable_label(l.name == e.label, &l.name).clicked()
                                        && l.name != e.label
                                    {
                                        cmds.push(Command::RelabelEntity(
                                            e.clone(),
                                            l.name.clone(),
                                        ));
                                    }
                                }
                            });
                        ui.horizontal(|ui| {
                            if ui
                                .small_button("Delete")
                                .on_hover_text("Remove this span (Delete)")
                                .clicked()
                            {
                                cmds.push(Command::RemoveEntity(e.clone()));
                            }
                            if ui
                                .small_button("All occurrences")
                                .on_hover_text(
                                    "Label every other whole-word occurrence of this text",
                                )
                                .clicked()
                            {
                                cmds.push(Command::LabelOtherOccurrences(e.clone()));
                            }
                            if ui
                                .small_button("+ Gazetteer")
                                .on_hover_text("Add this name to the gazetteer")
                                .clicked()
                            {
                                cmds.push(Command::AddToGazetteer(e.clone()));
                            }
                        });
                        ui.end_row();
                    }
                });
        });
}
