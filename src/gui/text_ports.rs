//! The one seam between the app shell and the RTL text engine (`gui::text`).
//!
//! Every place that shows or edits document text (the article, field values, entity texts,
//! chips, headlines) calls these functions and nothing else. The bodies below are
//! PLACEHOLDERS in plain egui, which cannot lay out Persian or Arabic correctly (see
//! `shared/notes/rtl-in-egui.md`): the lead swaps in `RtlLabel`, `ArticleView` and
//! `RtlTextEdit` here, in this one file, without touching the panels.

use egui::{Color32, RichText, Ui};

use crate::model::{Entity, Label, Removed};
use crate::text::CharSpan;

/// Everything the article view needs to draw one document.
pub struct ArticleModel<'a> {
    /// The cleaned text.
    pub text: &'a str,
    /// The raw text, which `removed` points into.
    pub raw_text: &'a str,
    /// Removed raw pieces, drawn greyed when `show_removed` is on.
    pub removed: &'a [Removed],
    /// Whether to show the removed pieces.
    pub show_removed: bool,
    /// Entity spans to highlight.
    pub entities: &'a [Entity],
    /// The label palette (colours by name).
    pub labels: &'a [Label],
    /// Evidence of the field the analyst clicked, highlighted differently.
    pub evidence: &'a [CharSpan],
    /// The current selection, drawn as a selection.
    pub selection: Option<CharSpan>,
    /// Scroll so this span is visible (set for one frame when jumping to a span).
    pub scroll_to: Option<CharSpan>,
    /// The entity the analyst picked in the entity list, drawn with an outline.
    pub focused_entity: Option<&'a Entity>,
}

/// What the analyst did in the article view this frame.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ArticleOutput {
    /// `Some(new)` when the selection changed (`Some(None)` when it was cleared).
    pub selection_changed: Option<Option<CharSpan>>,
    /// Index (into `ArticleModel::entities`) of an entity the analyst clicked.
    pub clicked_entity: Option<usize>,
    /// Index (into `ArticleModel::removed`) of a removed block the analyst asked to restore.
    pub restore_removed: Option<usize>,
}

/// What an edit field did this frame.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EditOutput {
    /// The text changed this frame.
    pub changed: bool,
    /// The analyst finished editing (focus left or Enter), so the value should be committed.
    pub committed: bool,
    /// The field has keyboard focus.
    pub focused: bool,
}

/// Parse `#RRGGBB` into a colour; grey when malformed (labels come from the dataset file).
#[must_use]
pub fn label_color(hex: &str) -> Color32 {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
    match (byte(0), byte(2), byte(4)) {
        (Some(r), Some(g), Some(b)) if h.len() == 6 => Color32::from_rgb(r, g, b),
        _ => Color32::GRAY,
    }
}

/// PLACEHOLDER: a short Arabic-script string (a field value, an entity text, a chip).
pub fn rtl_label(ui: &mut Ui, text: &str) -> egui::Response {
    ui.label(text)
}

/// PLACEHOLDER: a short string in a given colour and size (chips, headline).
pub fn rtl_label_styled(
    ui: &mut Ui,
    text: &str,
    color: Option<Color32>,
    strong: bool,
) -> egui::Response {
    let mut rt = RichText::new(text);
    if let Some(c) = color {
        rt = rt.color(c);
    }
    if strong {
        rt = rt.strong();
    }
    ui.label(rt)
}

/// PLACEHOLDER: a one-line editor for an Arabic-script value.
pub fn rtl_edit(ui: &mut Ui, id_salt: &str, value: &mut String) -> EditOutput {
    let r = ui.add(
        egui::TextEdit::singleline(value)
            .id_salt(id_salt)
            .desired_width(f32::INFINITY),
    );
    EditOutput {
        changed: r.changed(),
        committed: r.lost_focus(),
        focused: r.has_focus(),
    }
}

/// PLACEHOLDER: a multi-line editor for Arabic-script text (notes).
pub fn rtl_edit_multiline(ui: &mut Ui, id_salt: &str, value: &mut String) -> EditOutput {
    let r = ui.add(
        egui::TextEdit::multiline(value)
            .id_salt(id_salt)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    EditOutput {
        changed: r.changed(),
        committed: r.lost_focus(),
        focused: r.has_focus(),
    }
}

/// PLACEHOLDER: the article with entity and evidence highlights and drag selection.
///
/// Plain egui: a read-only multi-line text box whose selection (in chars, which is what egui's
/// `CCursor` counts) becomes the article selection. Highlights are listed under the text instead
/// of drawn on it, because egui `LayoutJob` sections scramble RTL text.
pub fn article(ui: &mut Ui, model: &ArticleModel<'_>) -> ArticleOutput {
    let mut out = ArticleOutput::default();
    ui.label(
        RichText::new("placeholder article view: plain egui cannot lay out RTL text")
            .small()
            .color(Color32::from_rgb(200, 140, 40)),
    );
    if model.show_removed && !model.removed.is_empty() {
        ui.collapsing(format!("Removed blocks ({})", model.removed.len()), |ui| {
            for (i, r) in model.removed.iter().enumerate() {
                let piece = crate::text::slice_chars(model.raw_text, CharSpan::new(r.start, r.end))
                    .unwrap_or("");
                ui.horizontal(|ui| {
                    if ui.small_button("Restore").clicked() {
                        out.restore_removed = Some(i);
                    }
                    ui.label(RichText::new(r.reason.as_str()).small().weak());
                    ui.label(RichText::new(piece.trim()).weak().italics());
                });
            }
        });
    }
    let id = ui.scope_id().with("article_text");
    let mut text: &str = model.text;
    let output = egui::TextEdit::multiline(&mut text)
        .id(id)
        .desired_width(f32::INFINITY)
        .font(egui::TextStyle::Body)
        .show(ui);
    if let Some(range) = output.cursor_range {
        let r = range.as_sorted_char_range();
        let span = (r.start.0 < r.end.0).then(|| CharSpan::new(r.start.0, r.end.0));
        if span != model.selection && output.response.response.has_focus() {
            out.selection_changed = Some(span);
        }
    }
    if !model.evidence.is_empty() {
        ui.separator();
        ui.label(RichText::new("Evidence").strong());
        for span in model.evidence {
            let piece = crate::text::slice_chars(model.text, *span).unwrap_or("<out of range>");
            ui.label(
                RichText::new(format!("{}..{}  {piece}", span.start.0, span.end.0))
                    .background_color(Color32::from_rgba_unmultiplied(255, 220, 0, 60)),
            );
        }
    }
    if let Some(e) = model.focused_entity {
        ui.label(format!("Focused span {}..{} {}", e.start, e.end, e.label));
    }
    out
}
