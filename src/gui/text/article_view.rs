//! [`ArticleView`]: the cleaned article, one cosmic-text layout per paragraph, inside a
//! scroll area that lays out and paints only the paragraphs in view.
//!
//! Everything the caller sees is in code points ([`CharSpan`]); the byte offsets of cosmic-text
//! are converted with [`CharIndex`] per paragraph and never leave this module.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use egui::{
    Align, AsIdSalt, Color32, CornerRadius, CursorIcon, Id, IdSalt, Pos2, Rect, Response,
    ScrollArea, Sense, Stroke, StrokeKind, Ui, pos2, vec2,
};

use super::layout_cache::{LayoutKey, TextStyle};
use super::paint::span_rects;
use super::{SharedTextEngine, TextEngine, char_under, lock, word};
use crate::text::{CharIndex, CharOffset, CharSpan};

/// A coloured entity span.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// Code points covered.
    pub span: CharSpan,
    /// Background colour (drawn translucent).
    pub color: Color32,
    /// Short tag drawn at the start of the span (e.g. `PERSON`).
    pub label: Option<String>,
    /// The caller's id, reported on hover and click.
    pub id: u64,
}

/// A block of removed boilerplate shown greyed in place; clicking it reports its id.
#[derive(Debug, Clone, PartialEq)]
pub struct GreyedBlock {
    /// Shown as its own block just before the paragraph containing this offset (after the last
    /// paragraph when at or past the end).
    pub at: CharOffset,
    /// The removed text.
    pub text: String,
    /// The caller's id, reported on click.
    pub id: u64,
}

/// How the selection changed this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SelectionChange {
    /// Nothing happened to it.
    #[default]
    Unchanged,
    /// The user selected this span (word-snapped unless Alt was held).
    Set(CharSpan),
    /// The user clicked outside any highlight: clear the selection.
    Cleared,
}

/// What the user did in the view this frame.
#[must_use = "the output carries the user's clicks and selection"]
pub struct ArticleViewOutput {
    /// The response of the text area (inside the scroll area).
    pub response: Response,
    /// A highlight that was clicked.
    pub clicked_highlight: Option<u64>,
    /// The highlight under the pointer (for a tooltip with the canonical name).
    pub hovered_highlight: Option<u64>,
    /// Selection change.
    pub selection: SelectionChange,
    /// The word that was double-clicked (also reported as the new selection).
    pub double_clicked_word: Option<CharSpan>,
    /// A greyed block that was clicked (the caller may restore it).
    pub clicked_greyed: Option<u64>,
    placements: Vec<Placement>,
    engine: SharedTextEngine,
}

impl ArticleViewOutput {
    /// Screen rectangles of a span on the paragraphs painted this frame (empty when not in view).
    /// Meant for tests and for placing popups next to a span.
    #[must_use]
    pub fn span_rects(&self, span: CharSpan) -> Vec<Rect> {
        let engine = lock(&self.engine);
        let mut out = Vec::new();
        for p in &self.placements {
            if let Some(layout) = engine.cached(&p.key)
                && let Some(local) = p.local_bytes(span)
            {
                out.extend(span_rects(layout, local, p.origin));
            }
        }
        out
    }
}

/// The article view. Build it each frame and call [`ArticleView::show`].
#[must_use = "call .show(ui)"]
pub struct ArticleView<'a> {
    id_salt: IdSalt,
    text: &'a str,
    highlights: &'a [Highlight],
    evidence: &'a [CharSpan],
    greyed: &'a [GreyedBlock],
    selection: Option<CharSpan>,
    scroll_to: Option<CharSpan>,
    style: TextStyle,
    text_color: Option<Color32>,
    max_height: f32,
}

impl<'a> ArticleView<'a> {
    /// A view of `text`, whose `\n`-separated paragraphs are each aligned by their own direction.
    pub fn new(id_salt: impl AsIdSalt, text: &'a str) -> Self {
        Self {
            id_salt: IdSalt::new(id_salt),
            text,
            highlights: &[],
            evidence: &[],
            greyed: &[],
            selection: None,
            scroll_to: None,
            style: TextStyle::default(),
            text_color: None,
            max_height: f32::INFINITY,
        }
    }

    /// Entity highlights.
    pub fn highlights(mut self, highlights: &'a [Highlight]) -> Self {
        self.highlights = highlights;
        self
    }

    /// Evidence spans (drawn outlined and underlined, not filled).
    pub fn evidence(mut self, evidence: &'a [CharSpan]) -> Self {
        self.evidence = evidence;
        self
    }

    /// Removed boilerplate to show greyed in place (pass none to hide it).
    pub fn greyed(mut self, greyed: &'a [GreyedBlock]) -> Self {
        self.greyed = greyed;
        self
    }

    /// The current selection, owned by the caller.
    pub fn selection(mut self, selection: Option<CharSpan>) -> Self {
        self.selection = selection;
        self
    }

    /// Scroll so that this span is in view (pass it for one frame).
    pub fn scroll_to(mut self, span: Option<CharSpan>) -> Self {
        self.scroll_to = span;
        self
    }

    /// Font size in points (default 18).
    pub fn font_size(mut self, size: f32) -> Self {
        self.style.size = size;
        self
    }

    /// Text colour (default: the visuals' text colour).
    pub fn text_color(mut self, color: Color32) -> Self {
        self.text_color = Some(color);
        self
    }

    /// Height limit of the scroll area (default: all available height).
    pub fn max_height(mut self, height: f32) -> Self {
        self.max_height = height;
        self
    }

    /// Show the view in a vertical scroll area filling the available space.
    pub fn show(self, ui: &mut Ui) -> ArticleViewOutput {
        let id = ui.scope_id().with_salt(self.id_salt);
        ScrollArea::vertical()
            .id_salt(id.with("scroll"))
            .auto_shrink([false, false])
            .max_height(self.max_height)
            .show_viewport(ui, |ui, _viewport| self.show_contents(ui, id))
            .inner
    }

    fn show_contents(self, ui: &mut Ui, id: Id) -> ArticleViewOutput {
        let ctx = ui.ctx().clone();
        let ppp = ctx.pixels_per_point();
        // The scroll bar floats over the content's right edge, where right-aligned rows start:
        // its width is kept free so that it never lies on a row's first letter.
        let width = (ui.available_width() - ui.spacing().scroll.bar_width).max(50.0);
        let shared = TextEngine::get(&ctx);
        let mut state: ViewState = ctx.data_mut(|d| d.get_temp(id)).unwrap_or_default();
        state.sync(self.text);
        let line_h = self.style.size * self.style.line_height;
        let gap = (line_h * 0.35).round();
        let items = items_in_order(&state.paragraphs, self.greyed);

        // Heights: measured ones where the width matches, estimates elsewhere.
        let est = |chars: usize| -> f32 {
            let per_row = (width / (self.style.size * 0.45)).max(1.0);
            ((chars as f32 / per_row).ceil().max(1.0)) * line_h
        };
        let height_of = |state: &ViewState, item: &Item| -> f32 {
            match *item {
                Item::Para(i) => state.paragraphs.get(i).map_or(line_h, |p| {
                    p.height
                        .filter(|(_, w)| (w - width).abs() < 0.5)
                        .map_or_else(|| est(p.char_len), |(h, _)| h)
                }),
                Item::Greyed(g) => self.greyed.get(g).map_or(line_h, |b| {
                    state
                        .greyed_heights
                        .get(&(b.id, width.to_bits()))
                        .copied()
                        .unwrap_or_else(|| est(b.text.chars().count()))
                }),
            }
        };
        // Room above the first row for the label chips of highlights on it.
        let top_pad = (line_h * 0.3).round();
        let total: f32 = top_pad
            + items
                .iter()
                .map(|it| height_of(&state, it) + gap)
                .sum::<f32>();
        let (rect, response) =
            ui.allocate_exact_size(vec2(width, total.max(line_h)), Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Label, ui.is_enabled(), self.text)
        });
        let clip = ui.clip_rect().expand(line_h * 2.0);
        let painter = ui.painter_at(rect.expand(line_h));
        let text_color = self.text_color.unwrap_or_else(|| ui.visuals().text_color());
        let greyed_color = ui.visuals().weak_text_color();
        let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(0.6);

        let mut placements: Vec<Placement> = Vec::new();
        let mut greyed_rects: Vec<(Rect, u64)> = Vec::new();
        let mut scroll_target: Option<Rect> = None;
        let mut engine = lock(&shared);
        engine.begin_frame(&ctx);
        let mut y = rect.min.y + top_pad;
        for item in &items {
            let h_est = height_of(&state, item);
            let top = y;
            let is_target = match (*item, self.scroll_to) {
                (Item::Para(i), Some(s)) => state.paragraphs.get(i).is_some_and(|p| {
                    p.char_range().contains(&s.start.0)
                        || (s.start.0 == p.char_start + p.char_len && p.char_len == 0)
                }),
                _ => false,
            };
            let visible = top + h_est >= clip.min.y && top <= clip.max.y;
            if !visible && !is_target {
                y += h_est + gap;
                continue;
            }
            let origin = pos2(rect.min.x, top);
            match *item {
                Item::Para(i) => {
                    let Some(p) = state.paragraphs.get_mut(i) else {
                        continue;
                    };
                    let para_text = self.text.get(p.bytes.clone()).unwrap_or_default();
                    let (key, layout) = engine.layout(para_text, &self.style, ppp, Some(width));
                    let h = layout.size().y;
                    p.height = Some((h, width));
                    let placement = Placement {
                        key,
                        origin,
                        size: layout.size(),
                        char_start: p.char_start,
                        char_len: p.char_len,
                        text: para_text.to_owned(),
                        index: CharIndex::new(para_text),
                    };
                    if let Some(target) = self.scroll_to.filter(|_| is_target) {
                        let rects = span_rects(
                            layout,
                            placement.local_bytes(target).unwrap_or_default(),
                            origin,
                        );
                        scroll_target = Some(
                            rects
                                .first()
                                .copied()
                                .unwrap_or(Rect::from_min_size(origin, vec2(width, line_h))),
                        );
                    }
                    if visible {
                        paint_decorations(
                            &painter,
                            layout,
                            &placement,
                            &self,
                            selection_color,
                            line_h,
                        );
                        engine.paint_cached(&ctx, &painter, &key, origin, text_color);
                        paint_tags(&mut engine, &ctx, &painter, &placement, &self, ppp);
                        placements.push(placement);
                    }
                    y += h + gap;
                }
                Item::Greyed(g) => {
                    let Some(block) = self.greyed.get(g) else {
                        continue;
                    };
                    let (key, layout) = engine.layout(&block.text, &self.style, ppp, Some(width));
                    let h = layout.size().y;
                    state.greyed_heights.insert((block.id, width.to_bits()), h);
                    let block_rect = Rect::from_min_size(origin, vec2(width, h));
                    painter.rect_filled(
                        block_rect,
                        CornerRadius::same(3),
                        ui.visuals().faint_bg_color,
                    );
                    engine.paint_cached(&ctx, &painter, &key, origin, greyed_color);
                    greyed_rects.push((block_rect, block.id));
                    y += h + gap;
                }
            }
        }
        drop(engine);

        if let Some(target) = scroll_target {
            ui.scroll_to_rect(target.expand(line_h), Some(Align::Center));
        }

        let mut out = ArticleViewOutput {
            response,
            clicked_highlight: None,
            hovered_highlight: None,
            selection: SelectionChange::Unchanged,
            double_clicked_word: None,
            clicked_greyed: None,
            placements,
            engine: shared,
        };
        self.interact(&mut out, &mut state, &greyed_rects, ui);
        if (y - (rect.min.y + total)).abs() > 0.5 {
            // Estimated heights were refined: lay out again next frame with the right total.
            ctx.request_repaint();
        }
        ctx.data_mut(|d| d.insert_temp(id, state));
        out
    }

    fn interact(
        &self,
        out: &mut ArticleViewOutput,
        state: &mut ViewState,
        greyed_rects: &[(Rect, u64)],
        ui: &Ui,
    ) {
        let hover = out.response.hover_pos();
        if let Some(pos) = hover {
            let over = self.highlight_at(out, pos);
            out.hovered_highlight = over;
            let icon = if over.is_some() || greyed_rects.iter().any(|(r, _)| r.contains(pos)) {
                CursorIcon::PointingHand
            } else {
                CursorIcon::Text
            };
            ui.ctx().set_cursor_icon(icon);
        }

        // Ctrl+C copies the selection (in code points, straight from the text) unless a text
        // field has the keyboard. The view never takes keyboard focus itself: with focus, the
        // app would take the analyst's next key (a label digit) for typing.
        let keyboard_elsewhere = ui.memory(|m| m.focused().is_some_and(|f| f != out.response.id));
        if !keyboard_elsewhere
            && let Some(sel) = self.selection
            && ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
            && let Some(selected) = crate::text::slice_chars(self.text, sel)
        {
            ui.ctx().copy_text(selected.to_owned());
        }

        let exact = ui.input(|i| i.modifiers.alt);
        if out.response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            state.anchor = origin.and_then(|p| char_at(out, p, true));
        }
        if out.response.dragged()
            && let Some(anchor) = state.anchor
            && let Some(pos) = out.response.interact_pointer_pos()
            && let Some(head) = char_at(out, pos, true)
        {
            let span = snap_across(&out.placements, anchor, head, exact);
            if !span.is_empty() && Some(span) != self.selection {
                out.selection = SelectionChange::Set(span);
            }
        }
        if out.response.drag_stopped() {
            state.anchor = None;
        }

        if out.response.double_clicked()
            && let Some(pos) = out.response.interact_pointer_pos()
            && let Some(c) = char_at(out, pos, false)
            && let Some(p) = placement_of(&out.placements, c)
            && let Some(w) = word::word_at(&p.text, CharOffset(c.0 - p.char_start))
        {
            let span = CharSpan::new(w.start.0 + p.char_start, w.end.0 + p.char_start);
            out.double_clicked_word = Some(span);
            out.selection = SelectionChange::Set(span);
        } else if out.response.clicked()
            && let Some(pos) = out.response.interact_pointer_pos()
        {
            if let Some((_, id)) = greyed_rects.iter().find(|(r, _)| r.contains(pos)) {
                out.clicked_greyed = Some(*id);
            } else if let Some(id) = self.highlight_at(out, pos) {
                out.clicked_highlight = Some(id);
            } else if self.selection.is_some() {
                out.selection = SelectionChange::Cleared;
            }
        }
    }

    /// The innermost highlight whose glyphs are under `pos`.
    fn highlight_at(&self, out: &ArticleViewOutput, pos: Pos2) -> Option<u64> {
        let c = char_at(out, pos, false)?;
        let char_rects = out.span_rects(CharSpan::new(c.0, c.0 + 1));
        if !char_rects.iter().any(|r| r.expand(1.0).contains(pos)) {
            return None;
        }
        self.highlights
            .iter()
            .filter(|h| h.span.start.0 <= c.0 && c.0 < h.span.end.0)
            .min_by_key(|h| h.span.len())
            .map(|h| h.id)
    }
}

/// One paragraph of the text.
#[derive(Debug, Clone)]
struct ParaInfo {
    bytes: Range<usize>,
    char_start: usize,
    char_len: usize,
    /// Measured height and the width it was measured at.
    height: Option<(f32, f32)>,
    hash: u64,
}

impl ParaInfo {
    fn char_range(&self) -> Range<usize> {
        self.char_start..self.char_start + self.char_len
    }
}

/// Per-view state kept in egui memory between frames.
#[derive(Debug, Clone, Default)]
struct ViewState {
    text_hash: u64,
    text_len: usize,
    paragraphs: Vec<ParaInfo>,
    greyed_heights: HashMap<(u64, u32), f32>,
    /// Character the current drag started on.
    anchor: Option<CharOffset>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

impl ViewState {
    /// Re-split the text into paragraphs when it changed, keeping the measured heights of
    /// paragraphs whose text did not change.
    fn sync(&mut self, text: &str) {
        let hash = hash_str(text);
        if hash == self.text_hash && text.len() == self.text_len && !self.paragraphs.is_empty() {
            return;
        }
        let old: HashMap<u64, Option<(f32, f32)>> =
            self.paragraphs.iter().map(|p| (p.hash, p.height)).collect();
        let mut paragraphs = Vec::new();
        let mut byte = 0;
        let mut chars = 0;
        for para in text.split('\n') {
            let n = para.chars().count();
            let h = hash_str(para);
            paragraphs.push(ParaInfo {
                bytes: byte..byte + para.len(),
                char_start: chars,
                char_len: n,
                height: old.get(&h).copied().flatten(),
                hash: h,
            });
            byte += para.len() + 1;
            chars += n + 1;
        }
        self.paragraphs = paragraphs;
        self.text_hash = hash;
        self.text_len = text.len();
        self.anchor = None;
    }
}

/// A paragraph or a greyed block, in display order.
#[derive(Debug, Clone, Copy)]
enum Item {
    Para(usize),
    Greyed(usize),
}

fn items_in_order(paragraphs: &[ParaInfo], greyed: &[GreyedBlock]) -> Vec<Item> {
    let mut order: Vec<usize> = (0..greyed.len()).collect();
    order.sort_by_key(|&g| greyed.get(g).map_or(usize::MAX, |b| b.at.0));
    let mut items = Vec::with_capacity(paragraphs.len() + greyed.len());
    let mut next = order.iter().peekable();
    for (i, p) in paragraphs.iter().enumerate() {
        let end = p.char_start + p.char_len;
        while let Some(&&g) = next.peek() {
            if greyed.get(g).is_some_and(|b| b.at.0 <= end) {
                items.push(Item::Greyed(g));
                next.next();
            } else {
                break;
            }
        }
        items.push(Item::Para(i));
    }
    items.extend(next.map(|&g| Item::Greyed(g)));
    items
}

/// A paragraph painted this frame.
struct Placement {
    key: LayoutKey,
    origin: Pos2,
    char_start: usize,
    char_len: usize,
    size: egui::Vec2,
    text: String,
    index: CharIndex,
}

impl Placement {
    /// The part of a global char span inside this paragraph, as local bytes.
    fn local_bytes(&self, span: CharSpan) -> Option<crate::text::ByteSpan> {
        let start = span.start.0.max(self.char_start);
        let end = span.end.0.min(self.char_start + self.char_len);
        if start >= end {
            return None;
        }
        self.index.to_byte_span(CharSpan::new(
            start - self.char_start,
            end - self.char_start,
        ))
    }
}

fn placement_of(placements: &[Placement], c: CharOffset) -> Option<&Placement> {
    placements
        .iter()
        .find(|p| p.char_start <= c.0 && c.0 <= p.char_start + p.char_len)
}

/// The global character under `pos`. With `nearest`, a position between or beside paragraphs
/// picks the nearest paragraph (for drags that leave the text).
fn char_at(out: &ArticleViewOutput, pos: Pos2, nearest: bool) -> Option<CharOffset> {
    let distance = |p: &Placement| {
        let (top, bottom) = (p.origin.y, p.origin.y + p.size.y);
        if pos.y < top {
            top - pos.y
        } else if pos.y >= bottom {
            pos.y - bottom
        } else {
            0.0
        }
    };
    let p = if nearest {
        out.placements
            .iter()
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))?
    } else {
        out.placements.iter().find(|p| distance(p) == 0.0)?
    };
    let engine = lock(&out.engine);
    let layout = engine.cached(&p.key)?;
    let mut rel = pos - p.origin;
    // Keep a drag that left the paragraph on its first or last row.
    rel.y = rel.y.clamp(0.0, (p.size.y - 1.0).max(0.0));
    let byte = char_under(layout, rel)?;
    Some(CharOffset(p.char_start + p.index.to_char(byte).0))
}

/// Snap a drag from `anchor` to `head` (global chars) to words, across paragraphs.
fn snap_across(
    placements: &[Placement],
    anchor: CharOffset,
    head: CharOffset,
    exact: bool,
) -> CharSpan {
    let (lo, hi) = (anchor.min(head), anchor.max(head));
    let (Some(pl), Some(ph)) = (placement_of(placements, lo), placement_of(placements, hi)) else {
        return CharSpan::new(lo.0, hi.0 + 1);
    };
    if exact {
        let end = (hi.0 + 1).min(ph.char_start + ph.char_len);
        return CharSpan::new(lo.0, end.max(lo.0));
    }
    if pl.char_start == ph.char_start {
        let base = pl.char_start;
        let s = word::snap_selection(
            &pl.text,
            CharOffset(anchor.0 - base),
            CharOffset(head.0 - base),
            false,
        );
        return CharSpan::new(s.start.0 + base, s.end.0 + base);
    }
    let anchor_in_lo = (anchor == lo).then_some(CharOffset(anchor.0 - pl.char_start));
    let start = word::snap_start(&pl.text, CharOffset(lo.0 - pl.char_start), anchor_in_lo);
    let end = word::snap_end(&ph.text, CharOffset(hi.0 - ph.char_start));
    CharSpan::new(start.0 + pl.char_start, end.0 + ph.char_start)
}

/// Highlight fills, evidence outlines and the selection under the glyphs of one paragraph.
fn paint_decorations(
    painter: &egui::Painter,
    layout: &super::CachedLayout,
    p: &Placement,
    view: &ArticleView<'_>,
    selection_color: Color32,
    line_h: f32,
) {
    // Fill only the middle of the line box so rows stay visually apart.
    let inset = line_h * 0.12;
    let range = p.char_start..p.char_start + p.char_len;
    for h in view.highlights {
        if h.span.end.0 <= range.start || h.span.start.0 >= range.end {
            continue;
        }
        let Some(bytes) = p.local_bytes(h.span) else {
            continue;
        };
        let fill = h.color.gamma_multiply(0.45);
        for r in span_rects(layout, bytes, p.origin) {
            painter.rect_filled(shrink_y(r, inset), CornerRadius::same(3), fill);
        }
    }
    if let Some(sel) = view.selection
        && let Some(bytes) = p.local_bytes(sel)
    {
        for r in span_rects(layout, bytes, p.origin) {
            painter.rect_filled(
                shrink_y(r, inset * 0.5),
                CornerRadius::ZERO,
                selection_color,
            );
        }
    }
    for ev in view.evidence {
        let Some(bytes) = p.local_bytes(*ev) else {
            continue;
        };
        let stroke = Stroke::new(1.5, Color32::from_rgb(0xd0, 0x7a, 0x00));
        for r in span_rects(layout, bytes, p.origin) {
            let r = shrink_y(r, inset);
            painter.rect_stroke(
                r,
                CornerRadius::same(3),
                Stroke::new(1.0, stroke.color.gamma_multiply(0.6)),
                StrokeKind::Inside,
            );
            painter.line_segment([r.left_bottom(), r.right_bottom()], stroke);
        }
    }
}

fn shrink_y(r: Rect, by: f32) -> Rect {
    Rect::from_min_max(
        pos2(r.min.x, r.min.y + by),
        pos2(r.max.x, (r.max.y - by).max(r.min.y + by)),
    )
}

/// Small label chips at the logical start of each labelled highlight.
fn paint_tags(
    engine: &mut TextEngine,
    ctx: &egui::Context,
    painter: &egui::Painter,
    p: &Placement,
    view: &ArticleView<'_>,
    ppp: f32,
) {
    let tag_style = TextStyle {
        size: (view.style.size * 0.45).max(7.0),
        line_height: 1.3,
        bold: true,
    };
    for h in view.highlights {
        let Some(label) = h.label.as_deref() else {
            continue;
        };
        if h.span.start.0 < p.char_start || h.span.start.0 >= p.char_start + p.char_len {
            continue;
        }
        let first = CharSpan::new(h.span.start.0, h.span.start.0 + 1);
        let Some(bytes) = p.local_bytes(first) else {
            continue;
        };
        let Some(layout) = engine.cached(&p.key) else {
            continue;
        };
        let Some(r) = span_rects(layout, bytes, p.origin).into_iter().next() else {
            continue;
        };
        let rtl_glyph = layout.rtl;
        let (key, tag) = engine.layout(label, &tag_style, ppp, None);
        let size = tag.size();
        let x = if rtl_glyph { r.max.x - size.x } else { r.min.x };
        let tag_rect = Rect::from_min_size(pos2(x, r.min.y - size.y * 0.35), size);
        painter.rect_filled(tag_rect.expand(1.0), CornerRadius::same(2), h.color);
        engine.paint_cached(ctx, painter, &key, tag_rect.min, Color32::BLACK);
    }
}
