//! The centre: the document's header (file, language, status) and the article view.

use egui::{RichText, Ui};

use crate::gui::commands::{Command, CommandQueue};
use crate::gui::panels::doc_list::status_badge;
use crate::gui::text_ports::{self, ArticleModel};
use crate::model::{Entity, Status};
use crate::session::Session;
use crate::text::CharSpan;

/// What the article panel reads besides the session.
pub struct ArticleState<'a> {
    /// Current selection.
    pub selection: Option<CharSpan>,
    /// Evidence to highlight.
    pub evidence: &'a [CharSpan],
    /// Span to scroll to this frame.
    pub scroll_to: Option<CharSpan>,
    /// Span picked in the entity list.
    pub focused_entity: Option<&'a Entity>,
    /// Show removed blocks.
    pub show_removed: bool,
    /// Span to report the screen rectangles of (see `ArticleModel::probe`).
    pub probe: Option<CharSpan>,
}

/// What changed in the view.
#[derive(Default)]
pub struct ArticleChanges {
    /// New selection, when it changed.
    pub selection: Option<Option<CharSpan>>,
    /// Screen rectangles of the probed span.
    pub probe_rects: Vec<egui::Rect>,
}

/// Draw the header and the article.
pub fn show(
    ui: &mut Ui,
    session: &Session,
    st: &ArticleState<'_>,
    cmds: &mut CommandQueue,
) -> ArticleChanges {
    let mut changes = ArticleChanges::default();
    let Some(doc) = session.document() else {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new("Loading the first article…").weak());
        });
        return changes;
    };
    // Wrapped rows: a long file name or a narrow window must never widen the panel past the
    // screen, or the article's right-aligned rows would be cut off.
    ui.horizontal_wrapped(|ui| {
        ui.heading(&doc.source.file_name);
        ui.label(
            RichText::new(format!(
                "{} / {} · {} · {} · {}",
                session.current + 1,
                session.dataset.documents.len(),
                doc.language.code(),
                doc.source.encoding,
                doc.id
            ))
            .weak(),
        );
    });
    ui.horizontal_wrapped(|ui| {
        for s in Status::ALL {
            let (name, color) = status_badge(s);
            let text = RichText::new(name).color(color);
            if ui.selectable_label(doc.status == s, text).clicked() && doc.status != s {
                cmds.push(Command::SetStatus(s));
            }
        }
        ui.separator();
        if ui
            .button("< Prev")
            .on_hover_text("PageUp or Alt+Left")
            .clicked()
        {
            cmds.push(Command::PrevDoc);
        }
        if ui
            .button("Next >")
            .on_hover_text("PageDown or Alt+Right")
            .clicked()
        {
            cmds.push(Command::NextDoc);
        }
        if ui
            .button("Done and next")
            .on_hover_text("Ctrl+Enter")
            .clicked()
        {
            cmds.push(Command::DoneAndNext);
        }
        if !doc.removed.is_empty() {
            let label = if st.show_removed {
                "Hide removed"
            } else {
                "Show removed"
            };
            if ui
                .button(format!("{label} ({})", doc.removed.len()))
                .clicked()
            {
                cmds.push(Command::ToggleRemoved);
            }
        }
    });
    // The selection row is always there (empty when nothing is selected): if it appeared on
    // the first frame of a drag it would push the article down under the pointer, and the drag
    // would go on from a different place in the text.
    ui.horizontal_wrapped(|ui| {
        ui.set_min_height(24.0);
        match st.selection {
            Some(sel) => {
                let piece = crate::text::slice_chars(&doc.text, sel).unwrap_or("");
                ui.label(
                    RichText::new(format!("Selection {}..{}:", sel.start.0, sel.end.0)).weak(),
                );
                text_ports::rtl_label(ui, piece);
                ui.label(RichText::new("press 1–9 to label").weak());
            }
            None => {
                ui.label(RichText::new("Drag to select words (Alt: exact)").weak());
            }
        }
    });
    ui.separator();
    // ArticleView scrolls itself and lays out only the paragraphs in view.
    {
        {
            let model = ArticleModel {
                text: &doc.text,
                raw_text: &doc.raw_text,
                alignment: &doc.alignment,
                removed: &doc.removed,
                show_removed: st.show_removed,
                entities: &doc.entities,
                labels: &session.dataset.labels,
                evidence: st.evidence,
                selection: st.selection,
                scroll_to: st.scroll_to,
                focused_entity: st.focused_entity,
                probe: st.probe,
            };
            let out = text_ports::article(ui, &model);
            changes.selection = out.selection_changed;
            changes.probe_rects = out.probe_rects;
            if let Some(e) = out.clicked_entity.and_then(|i| doc.entities.get(i)) {
                cmds.push(Command::FocusEntity(e.clone()));
            }
            if let Some(i) = out.restore_removed {
                cmds.push(Command::RestoreRemoved(i));
            }
        }
    }
    changes
}
