//! [`RtlTextEdit`]: editing Arabic-script text (field values, notes) with cosmic-text's
//! [`Editor`], fed from egui events.
//!
//! cosmic-text's editor already does what egui's `TextEdit` cannot for this text: `Motion::Left`
//! and `Motion::Right` move in *visual* order across bidi runs, hit-testing maps clicks to the
//! right caret, and the caret and selection come from the bidi layout. This module only
//! translates egui input into editor actions and paints the result.

use std::collections::HashMap;

use cosmic_text::{
    Action, Buffer, Cursor, Edit, Editor, Metrics, Motion, Selection, Shaping, Wrap,
};
use egui::{
    AsIdSalt, CornerRadius, CursorIcon, Event, EventFilter, Id, IdSalt, Key, Pos2, Response, Sense,
    Stroke, StrokeKind, Ui, Vec2, pos2, vec2,
};

use super::layout_cache::{TextStyle, attrs_for};
use super::paint::{GlyphPainter, cursor_rects, snap_to_pixel};
use super::{TextEngine, lock};

/// Inner margin between the frame and the text, in points.
const MARGIN: Vec2 = vec2(6.0, 3.0);

/// Editors kept between frames, one per widget id.
#[derive(Default)]
pub struct EditorStore {
    editors: HashMap<Id, EditorState>,
}

struct EditorState {
    editor: Editor<'static>,
    /// The text as last given to or taken from the caller.
    text: String,
    ppp: f32,
    width_px: f32,
    style: TextStyle,
    multiline: bool,
    last_pass: u64,
}

/// What the edit did this frame.
#[derive(Debug)]
#[must_use = "check `changed` to turn the new text into an edit"]
pub struct RtlTextEditOutput {
    /// The widget's response (focus, hover...).
    pub response: Response,
    /// True when the text was changed by the user this frame (the caller's `String` holds the
    /// new text).
    pub changed: bool,
    /// True when the analyst pressed Enter in a single-line field (an "add" box takes its entry
    /// then; the field keeps the focus so several entries can follow).
    pub submitted: bool,
}

/// A single- or multi-line text field for Arabic-script (and any) text.
///
/// Keys: Left/Right move in visual order, Ctrl+Left/Right by word, Home/End, Up/Down (multi-line),
/// Shift+motion selects, Backspace/Delete, Enter (multi-line), Ctrl+A selects all, and egui's
/// Copy/Cut/Paste events. Click places the caret, drag selects.
#[must_use = "call .show(ui)"]
pub struct RtlTextEdit<'a> {
    id_salt: IdSalt,
    text: &'a mut String,
    multiline: bool,
    rows: usize,
    width: Option<f32>,
    style: TextStyle,
    accessible_name: Option<&'a str>,
    hint: Option<&'a str>,
}

impl<'a> RtlTextEdit<'a> {
    /// A single-line field editing `text`.
    pub fn singleline(id_salt: impl AsIdSalt, text: &'a mut String) -> Self {
        Self {
            id_salt: IdSalt::new(id_salt),
            text,
            multiline: false,
            rows: 1,
            width: None,
            style: TextStyle {
                size: 16.0,
                line_height: 1.6,
                bold: false,
            },
            accessible_name: None,
            hint: None,
        }
    }

    /// A greyed hint shown while the field is empty (and the accessible name when none is set).
    pub fn hint_text(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    /// A multi-line field editing `text`, at least `rows` rows high.
    pub fn multiline(id_salt: impl AsIdSalt, text: &'a mut String, rows: usize) -> Self {
        Self {
            multiline: true,
            rows: rows.max(1),
            ..Self::singleline(id_salt, text)
        }
    }

    /// Width in points (default: all available width).
    pub fn desired_width(mut self, width: f32) -> Self {
        self.width = Some(width);
        self
    }

    /// Name announced by screen readers (usually the field's label).
    pub fn accessible_name(mut self, name: &'a str) -> Self {
        self.accessible_name = Some(name);
        self
    }

    /// Font size in points (default 16).
    pub fn font_size(mut self, size: f32) -> Self {
        self.style.size = size;
        self
    }

    /// Show the field.
    pub fn show(self, ui: &mut Ui) -> RtlTextEditOutput {
        let ctx = ui.ctx().clone();
        let id = ui.scope_id().with_salt(self.id_salt);
        let ppp = ctx.pixels_per_point();
        let width = self.width.unwrap_or_else(|| ui.available_width()).max(40.0);
        let inner_w = (width - 2.0 * MARGIN.x).max(10.0);
        let shared = TextEngine::get(&ctx);
        let mut engine = lock(&shared);
        engine.begin_frame(&ctx);
        let engine = &mut *engine;
        let pass = ctx.cumulative_pass_nr();
        engine
            .editors
            .editors
            .retain(|_, s| pass.saturating_sub(s.last_pass) < 600);
        let state = engine.editors.editors.entry(id).or_insert_with(|| {
            new_state(
                &mut engine.font_system,
                self.text,
                &self.style,
                ppp,
                inner_w,
                self.multiline,
            )
        });
        state.last_pass = pass;
        if state.text != *self.text
            || (state.ppp - ppp).abs() > f32::EPSILON
            || state.style != self.style
            || state.multiline != self.multiline
            || (state.width_px - inner_w * ppp).abs() > 0.5
        {
            // The caller changed the text (undo, another widget) or the geometry changed.
            let cursor = state.editor.cursor();
            *state = new_state(
                &mut engine.font_system,
                self.text,
                &self.style,
                ppp,
                inner_w,
                self.multiline,
            );
            state.editor.set_cursor(clamp_cursor(&state.editor, cursor));
        }

        let text_h = state.editor.with_buffer(|b| {
            b.layout_runs()
                .map(|r| r.line_top + r.line_height)
                .fold(0.0, f32::max)
        }) / ppp;
        let row_h = self.style.size * self.style.line_height;
        let height = text_h.max(row_h * self.rows as f32) + 2.0 * MARGIN.y;
        let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
        let response = ui
            .interact(rect, id, Sense::click_and_drag())
            .union(response);
        let origin = snap_to_pixel(rect.min + MARGIN, ppp);
        let to_px = |p: Pos2| -> (i32, i32) {
            let rel = (p - origin) * ppp;
            (rel.x.round() as i32, rel.y.round() as i32)
        };

        if response.clicked() || response.drag_started() {
            response.request_focus();
        }
        let fs = &mut engine.font_system;
        if response.drag_started()
            && let Some(p) = ui.input(|i| i.pointer.press_origin())
        {
            let (x, y) = to_px(p);
            state.editor.action(fs, Action::Click { x, y });
        } else if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let (x, y) = to_px(p);
            state.editor.action(fs, Action::Click { x, y });
        }
        if response.dragged()
            && let Some(p) = response.interact_pointer_pos()
        {
            let (x, y) = to_px(p);
            state.editor.action(fs, Action::Drag { x, y });
        }

        if response.has_focus()
            && (response.clicked_elsewhere() || ui.input(|i| i.key_pressed(egui::Key::Escape)))
        {
            // As egui's own TextEdit: a click elsewhere or Escape ends editing, so the caller
            // sees `lost_focus` and commits the value.
            ui.memory_mut(|m| m.surrender_focus(id));
        }
        let focused = response.has_focus();
        let submitted = focused && !self.multiline && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if focused {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: self.multiline,
                        escape: false,
                    },
                );
            });
            let events = ui.input(|i| i.events.clone());
            for event in events {
                handle_event(state, fs, &ctx, &event, self.multiline);
            }
        }
        state.editor.shape_as_needed(fs, false);
        let new_text = editor_text(&state.editor);
        let changed = new_text != *self.text;
        if changed {
            self.text.clone_from(&new_text);
        }
        state.text = new_text;

        // Paint: frame, selection, glyphs, caret.
        let visuals = ui.visuals();
        let stroke = if focused {
            visuals.selection.stroke
        } else {
            visuals.widgets.inactive.bg_stroke
        };
        let painter = ui.painter_at(rect);
        painter.rect(
            rect,
            CornerRadius::same(3),
            visuals.extreme_bg_color,
            stroke,
            StrokeKind::Inside,
        );
        let text_color = visuals.text_color();
        if let Some(hint) = self.hint.filter(|_| self.text.is_empty()) {
            // Hints are short English prompts ("add participant…"), which egui lays out fine.
            painter.text(
                pos2(rect.min.x + MARGIN.x, rect.center().y),
                egui::Align2::LEFT_CENTER,
                hint,
                egui::FontId::proportional(self.style.size * 0.8),
                visuals.weak_text_color(),
            );
        }
        let sel_fill = visuals.selection.bg_fill.gamma_multiply(0.7);
        if let Some((a, b)) = state.editor.selection_bounds() {
            let rects = state
                .editor
                .with_buffer(|buf| cursor_rects(buf, ppp, a, b, origin));
            for r in rects {
                painter.rect_filled(r, CornerRadius::ZERO, sel_fill);
            }
        }
        let mut glyphs = GlyphPainter {
            ctx: &ctx,
            font_system: &mut engine.font_system,
            swash: &mut engine.swash,
            atlas: &mut engine.atlas,
        };
        state
            .editor
            .with_buffer(|buf| glyphs.paint_buffer(&painter, buf, ppp, origin, text_color));
        if focused {
            let cursor = state.editor.cursor();
            if let Some((x, top, h)) = state.editor.with_buffer(|buf| caret_geometry(buf, cursor)) {
                let x = origin.x + x / ppp;
                let top = origin.y + top / ppp;
                painter.line_segment(
                    [pos2(x, top), pos2(x, top + h / ppp)],
                    Stroke::new(1.5, text_color),
                );
            }
        }
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::text_edit(ui.is_enabled(), "", self.text.as_str(), "");
            info.label = self.accessible_name.or(self.hint).map(str::to_owned);
            info
        });
        let response = response.on_hover_cursor(CursorIcon::Text);
        RtlTextEditOutput {
            response,
            changed,
            submitted,
        }
    }
}

fn new_state(
    font_system: &mut cosmic_text::FontSystem,
    text: &str,
    style: &TextStyle,
    ppp: f32,
    inner_w: f32,
    multiline: bool,
) -> EditorState {
    let size_px = (style.size * ppp).max(1.0);
    let mut buffer = Buffer::new(
        font_system,
        Metrics::new(size_px, (size_px * style.line_height).round().max(1.0)),
    );
    let width_px = inner_w * ppp;
    buffer.set_size(Some(width_px), None);
    buffer.set_wrap(if multiline {
        Wrap::WordOrGlyph
    } else {
        Wrap::None
    });
    let shown = if multiline {
        text.to_owned()
    } else {
        text.replace(['\n', '\r'], " ")
    };
    // No explicit alignment: each line is aligned by its own direction (RTL lines right).
    buffer.set_text(&shown, &attrs_for(style), Shaping::Advanced, None);
    let mut editor = Editor::new(buffer);
    editor.shape_as_needed(font_system, false);
    let end = end_cursor(&editor);
    editor.set_cursor(end);
    EditorState {
        editor,
        text: text.to_owned(),
        ppp,
        width_px,
        style: *style,
        multiline,
        last_pass: 0,
    }
}

fn end_cursor(editor: &Editor<'static>) -> Cursor {
    editor.with_buffer(|b| {
        let line = b.lines.len().saturating_sub(1);
        let index = b.lines.get(line).map_or(0, |l| l.text().len());
        Cursor::new(line, index)
    })
}

fn clamp_cursor(editor: &Editor<'static>, cursor: Cursor) -> Cursor {
    editor.with_buffer(|b| match b.lines.get(cursor.line) {
        Some(line) => {
            let t = line.text();
            let mut i = cursor.index.min(t.len());
            while i > 0 && !t.is_char_boundary(i) {
                i -= 1;
            }
            Cursor::new(cursor.line, i)
        }
        None => {
            let line = b.lines.len().saturating_sub(1);
            Cursor::new(line, b.lines.get(line).map_or(0, |l| l.text().len()))
        }
    })
}

/// The whole text of the editor, lines joined by their own endings.
fn editor_text(editor: &Editor<'static>) -> String {
    editor.with_buffer(|b| {
        let mut s = String::new();
        for line in &b.lines {
            s.push_str(line.text());
            s.push_str(line.ending().as_str());
        }
        s
    })
}

/// Caret x, row top and row height (pixels) for `cursor`.
fn caret_geometry(buffer: &Buffer, cursor: Cursor) -> Option<(f32, f32, f32)> {
    let mut fallback = None;
    for run in buffer.layout_runs() {
        if run.line_i != cursor.line {
            continue;
        }
        if let Some(x) = run.cursor_position(&cursor) {
            // A caret at a row boundary belongs to the row its affinity names; cosmic-text
            // reports it on both, so keep the first match unless the later one is exact.
            let hit = (x, run.line_top, run.line_height);
            let in_run = run
                .glyphs
                .iter()
                .any(|g| g.start <= cursor.index && cursor.index < g.end);
            if in_run {
                return Some(hit);
            }
            fallback.get_or_insert(hit);
        } else if run.glyphs.is_empty() {
            let x = if run.rtl {
                buffer.size().0.unwrap_or(0.0)
            } else {
                0.0
            };
            fallback.get_or_insert((x, run.line_top, run.line_height));
        }
    }
    fallback
}

fn handle_event(
    state: &mut EditorState,
    fs: &mut cosmic_text::FontSystem,
    ctx: &egui::Context,
    event: &Event,
    multiline: bool,
) {
    let editor = &mut state.editor;
    match event {
        Event::Text(t) => {
            let t = if multiline {
                t.clone()
            } else {
                t.replace(['\n', '\r'], " ")
            };
            editor.insert_string(&t, None);
        }
        Event::Paste(t) => {
            let t = if multiline {
                t.replace("\r\n", "\n")
            } else {
                t.replace(['\n', '\r'], " ")
            };
            editor.insert_string(&t, None);
        }
        Event::Copy => {
            if let Some(s) = editor.copy_selection() {
                ctx.copy_text(s);
            }
        }
        Event::Cut => {
            if let Some(s) = editor.copy_selection() {
                ctx.copy_text(s);
                editor.delete_selection();
            }
        }
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            let motion = match key {
                Key::ArrowLeft if modifiers.command => Some(Motion::LeftWord),
                Key::ArrowRight if modifiers.command => Some(Motion::RightWord),
                Key::ArrowLeft => Some(Motion::Left),
                Key::ArrowRight => Some(Motion::Right),
                Key::ArrowUp if multiline => Some(Motion::Up),
                Key::ArrowDown if multiline => Some(Motion::Down),
                Key::Home if modifiers.command => Some(Motion::BufferStart),
                Key::End if modifiers.command => Some(Motion::BufferEnd),
                Key::Home => Some(Motion::Home),
                Key::End => Some(Motion::End),
                _ => None,
            };
            if let Some(motion) = motion {
                if modifiers.shift {
                    if editor.selection() == Selection::None {
                        editor.set_selection(Selection::Normal(editor.cursor()));
                    }
                } else {
                    editor.set_selection(Selection::None);
                }
                editor.action(fs, Action::Motion(motion));
                return;
            }
            match key {
                Key::Backspace => editor.action(fs, Action::Backspace),
                Key::Delete => editor.action(fs, Action::Delete),
                Key::Enter if multiline => editor.action(fs, Action::Enter),
                Key::A if modifiers.command => {
                    editor.set_selection(Selection::Normal(Cursor::new(0, 0)));
                    let end = end_cursor(editor);
                    editor.set_cursor(end);
                }
                Key::Escape => editor.action(fs, Action::Escape),
                _ => {}
            }
        }
        _ => {}
    }
}
