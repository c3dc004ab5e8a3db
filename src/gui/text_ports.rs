//! The one seam between the app shell and the RTL text engine (`gui::text`).
//!
//! Every place that shows or edits document text (the article, field values, entity texts,
//! chips, headlines) calls these functions and nothing else, so all Arabic-script text goes
//! through Khabar's own text engine (`gui::text`: cosmic-text painted into egui). Plain egui
//! cannot lay out Persian or Arabic (see `shared/notes/rtl-in-egui.md`).

use std::sync::Arc;

use egui::{Color32, Ui};

use crate::model::{Entity, Label, Removed};
use crate::text::{CharOffset, CharSpan};

use super::text::{ArticleView, GreyedBlock, Highlight, RtlLabel, RtlTextEdit, SelectionChange};

/// Everything the article view needs to draw one document.
pub struct ArticleModel<'a> {
    /// The cleaned text.
    pub text: &'a str,
    /// The raw text, which `removed` points into.
    pub raw_text: &'a str,
    /// Clean-to-raw map, to place removed pieces in the text.
    pub alignment: &'a crate::model::Alignment,
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
    /// A span whose screen rectangles to report in [`ArticleOutput::probe_rects`] (tests drive
    /// drags and clicks at real character positions with it).
    pub probe: Option<CharSpan>,
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
    /// Screen rectangles of `ArticleModel::probe` as painted this frame (empty when off screen).
    pub probe_rects: Vec<egui::Rect>,
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

/// A short Arabic-script string (a field value, an entity text, a chip).
pub fn rtl_label(ui: &mut Ui, text: &str) -> egui::Response {
    ui.add(RtlLabel::new(text).sense(egui::Sense::click()))
}

/// A short string in a given colour and weight (chips, headline).
pub fn rtl_label_styled(
    ui: &mut Ui,
    text: &str,
    color: Option<Color32>,
    strong: bool,
) -> egui::Response {
    let mut label = RtlLabel::new(text).sense(egui::Sense::click());
    if let Some(c) = color {
        label = label.color(c);
    }
    if strong {
        label = label.strong();
    }
    ui.add(label)
}

fn edit_output(out: &super::text::RtlTextEditOutput) -> EditOutput {
    EditOutput {
        changed: out.changed,
        // Enter in a one-line field commits too (the field keeps the focus).
        committed: out.response.lost_focus() || out.submitted,
        focused: out.response.has_focus(),
    }
}

/// The width an editor or a wrapping row takes: the rest of the row, but never past the visible
/// right edge. In a grid inside a scroll area the row is unbounded, and a field as wide as it
/// hid the start of a right-to-left value under the edge.
pub fn field_width(ui: &Ui) -> f32 {
    let visible = ui.clip_rect().right() - ui.cursor().min.x - ui.spacing().item_spacing.x;
    ui.available_width().min(visible).max(40.0)
}

/// A one-line editor for an Arabic-script value (caret in visual order, copy and paste).
pub fn rtl_edit(ui: &mut Ui, id_salt: &str, value: &mut String) -> EditOutput {
    let width = field_width(ui);
    let out = RtlTextEdit::singleline(id_salt, value)
        .desired_width(width)
        .accessible_name(id_salt)
        .show(ui);
    edit_output(&out)
}

/// A multi-line editor for Arabic-script text (notes).
pub fn rtl_edit_multiline(ui: &mut Ui, id_salt: &str, value: &mut String) -> EditOutput {
    let width = field_width(ui);
    let out = RtlTextEdit::multiline(id_salt, value, 3)
        .desired_width(width)
        .accessible_name(id_salt)
        .show(ui);
    edit_output(&out)
}

/// Where a removed raw piece would sit in the clean text: the clean offset of the first kept
/// raw character after it (the alignment is in raw order).
fn insertion_point(
    alignment: &crate::model::Alignment,
    raw_end: usize,
    text_len: usize,
) -> CharOffset {
    alignment
        .0
        .iter()
        .find(|[_, rs, _, rl]| rs + rl > raw_end || *rs >= raw_end)
        .map_or(CharOffset(text_len), |[cs, rs, cl, rl]| {
            // Inside a one-to-one segment the piece sits at the matching character.
            if cl == rl && *rs < raw_end {
                CharOffset(cs + (raw_end - rs))
            } else {
                CharOffset(*cs)
            }
        })
}

/// The removed pieces as greyed blocks, built in one pass over the raw text and kept in egui's
/// memory until the text or its removed pieces change: they are needed every frame but change
/// only on a restore or another document.
fn greyed_blocks(ctx: &egui::Context, model: &ArticleModel<'_>) -> Arc<Vec<GreyedBlock>> {
    let key = egui::Id::unique("khabar_greyed").with((
        model.raw_text.len(),
        model.text.len(),
        model
            .removed
            .iter()
            .map(|r| (r.start, r.end))
            .collect::<Vec<_>>(),
    ));
    if let Some(cached) = ctx.data(|d| d.get_temp::<Arc<Vec<GreyedBlock>>>(key)) {
        return cached;
    }
    let raw = crate::text::CharIndex::new(model.raw_text);
    let text_len = model.text.chars().count();
    let blocks: Vec<GreyedBlock> = model
        .removed
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let bytes = raw.to_byte_span(CharSpan::new(r.start, r.end))?;
            Some(GreyedBlock {
                at: insertion_point(model.alignment, r.end, text_len),
                text: format!(
                    "{} · {}",
                    r.reason.as_str(),
                    model.raw_text[bytes.range()].trim()
                ),
                id: i as u64,
            })
        })
        .collect();
    let blocks = Arc::new(blocks);
    ctx.data_mut(|d| d.insert_temp(key, Arc::clone(&blocks)));
    blocks
}

/// The article with entity and evidence highlights, word-snapped drag selection, and removed
/// boilerplate greyed in place (click to restore).
pub fn article(ui: &mut Ui, model: &ArticleModel<'_>) -> ArticleOutput {
    let mut out = ArticleOutput::default();
    let highlights: Vec<Highlight> = model
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let base = model
                .labels
                .iter()
                .find(|l| l.name == e.label)
                .map_or(Color32::GRAY, |l| label_color(&l.color));
            let focused = model.focused_entity.is_some_and(|f| f == e);
            Highlight {
                span: e.span(),
                color: if focused {
                    base.gamma_multiply(1.6)
                } else {
                    base
                },
                label: Some(e.label.clone()),
                id: i as u64,
            }
        })
        .collect();
    let greyed = if model.show_removed {
        greyed_blocks(ui.ctx(), model)
    } else {
        Arc::new(Vec::new())
    };
    let view = ArticleView::new("article", model.text)
        .highlights(&highlights)
        .evidence(model.evidence)
        .greyed(greyed.as_slice())
        .selection(model.selection)
        .scroll_to(model.scroll_to)
        .show(ui);
    out.selection_changed = match view.selection {
        SelectionChange::Unchanged => None,
        SelectionChange::Set(span) => Some(Some(span)),
        SelectionChange::Cleared => Some(None),
    };
    out.clicked_entity = view
        .clicked_highlight
        .and_then(|id| usize::try_from(id).ok());
    out.restore_removed = view.clicked_greyed.and_then(|id| usize::try_from(id).ok());
    if let Some(span) = model.probe {
        out.probe_rects = view.span_rects(span);
    }
    if let Some(e) = view
        .hovered_highlight
        .and_then(|id| usize::try_from(id).ok())
        .and_then(|i| model.entities.get(i))
    {
        let what = match (&e.canonical, &e.kb_id) {
            (Some(c), Some(q)) => format!("{} · {c} ({q})", e.label),
            (Some(c), None) => format!("{} · {c}", e.label),
            _ => format!("{} · {:?}", e.label, e.origin),
        };
        view.response.on_hover_text_at_pointer(what);
    }
    out
}
