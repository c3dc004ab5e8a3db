//! The right-to-left text engine: cosmic-text (shaping, bidi, wrapping, hit-testing) painted into
//! egui through a glyph atlas.
//!
//! Plain egui cannot lay out Arabic-script paragraphs (no bidi reordering, rows in the wrong
//! order, broken hit-testing; see `notes/rtl-in-egui.md`), so every widget that shows or edits
//! such text goes through this module:
//! - [`RtlLabel`]: a short string (field value, list row, chip) with its own direction;
//! - [`ArticleView`]: the cleaned article with highlights, evidence, greyed boilerplate, word-snapped
//!   selection and scroll-to-span;
//! - [`RtlTextEdit`]: single- or multi-line editing with a visual-order caret.
//!
//! One [`TextEngine`] per egui context holds the font system, the glyph atlas and the layout
//! cache; widgets find it with [`TextEngine::get`]. Offsets that leave this module are always
//! [`crate::text::CharSpan`]s (code points); cosmic-text's byte offsets stay inside.

pub mod article_view;
pub mod atlas;
pub mod fonts;
pub mod label;
pub mod layout_cache;
pub mod paint;
pub mod text_edit;
pub mod word;

use std::sync::{Arc, Mutex, MutexGuard};

use cosmic_text::{Affinity, FontSystem, SwashCache};
use egui::{Context, Id, Pos2, Vec2};

pub use article_view::{ArticleView, ArticleViewOutput, GreyedBlock, Highlight, SelectionChange};
pub use label::RtlLabel;
pub use layout_cache::{CachedLayout, LayoutKey, TextStyle};
pub use text_edit::{RtlTextEdit, RtlTextEditOutput};

use atlas::GlyphAtlas;
use layout_cache::LayoutCache;
use paint::GlyphPainter;
use text_edit::EditorStore;

use crate::text::ByteOffset;

/// Shared handle to the engine of one egui context.
pub type SharedTextEngine = Arc<Mutex<TextEngine>>;

/// Fonts, glyph atlas, layout cache and editor states for one egui context.
pub struct TextEngine {
    font_system: FontSystem,
    swash: SwashCache,
    atlas: GlyphAtlas,
    layouts: LayoutCache,
    editors: EditorStore,
    /// Pass number of the last frame seen, to run per-frame housekeeping once.
    last_pass: Option<u64>,
}

impl std::fmt::Debug for TextEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextEngine")
            .field("layouts", &self.layouts.len())
            .field("atlas_pages", &self.atlas.page_count())
            .finish_non_exhaustive()
    }
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// An engine with the bundled fonts and empty caches.
    #[must_use]
    pub fn new() -> Self {
        Self {
            font_system: fonts::bundled_font_system(),
            swash: SwashCache::new(),
            atlas: GlyphAtlas::default(),
            layouts: LayoutCache::default(),
            editors: EditorStore::default(),
            last_pass: None,
        }
    }

    fn memory_id() -> Id {
        Id::unique("khabar::gui::text::TextEngine")
    }

    /// Create the engine for `ctx` if it has none yet, and return it. Calling this at start-up
    /// keeps the font loading off the first frame that shows text.
    pub fn install(ctx: &Context) -> SharedTextEngine {
        ctx.data_mut(|d| {
            d.get_temp_mut_or_insert_with(Self::memory_id(), || {
                Arc::new(Mutex::new(TextEngine::new()))
            })
            .clone()
        })
    }

    /// The engine of `ctx` (installed on first use).
    pub fn get(ctx: &Context) -> SharedTextEngine {
        Self::install(ctx)
    }

    /// Run `f` with the engine locked, after the once-per-frame housekeeping (atlas reset on a
    /// pixels-per-point change, eviction of stale layouts). Do not call recursively.
    pub fn with<R>(ctx: &Context, f: impl FnOnce(&mut TextEngine) -> R) -> R {
        let shared = Self::get(ctx);
        let mut engine = lock(&shared);
        engine.begin_frame(ctx);
        f(&mut engine)
    }

    fn begin_frame(&mut self, ctx: &Context) {
        let pass = ctx.cumulative_pass_nr();
        if self.last_pass != Some(pass) {
            self.last_pass = Some(pass);
            self.atlas.begin_frame(ctx.pixels_per_point());
            self.layouts.begin_frame(pass);
        }
    }

    /// Lay out `text` (cached) and return its key and layout.
    pub fn layout(
        &mut self,
        text: &str,
        style: &TextStyle,
        pixels_per_point: f32,
        wrap_width: Option<f32>,
    ) -> (LayoutKey, &CachedLayout) {
        self.layouts.layout(
            &mut self.font_system,
            text,
            style,
            pixels_per_point,
            wrap_width,
        )
    }

    /// A layout made earlier (this frame or before), if still cached.
    #[must_use]
    pub fn cached(&self, key: &LayoutKey) -> Option<&CachedLayout> {
        self.layouts.get(key)
    }

    /// Lay out and paint `text` with its top-left at `origin`; returns the laid-out size.
    // The arguments are the painting context and one text's style; a struct would only rename them.
    #[allow(clippy::too_many_arguments)]
    pub fn paint_text(
        &mut self,
        ctx: &Context,
        painter: &egui::Painter,
        text: &str,
        style: &TextStyle,
        wrap_width: Option<f32>,
        origin: Pos2,
        color: egui::Color32,
    ) -> Vec2 {
        let ppp = ctx.pixels_per_point();
        let key = self
            .layouts
            .layout(&mut self.font_system, text, style, ppp, wrap_width)
            .0;
        self.paint_cached(ctx, painter, &key, origin, color)
    }

    /// Paint a layout made earlier this frame; returns its size (zero when not cached).
    pub fn paint_cached(
        &mut self,
        ctx: &Context,
        painter: &egui::Painter,
        key: &LayoutKey,
        origin: Pos2,
        color: egui::Color32,
    ) -> Vec2 {
        let Some(layout) = self.layouts.get(key) else {
            return Vec2::ZERO;
        };
        let mut glyphs = GlyphPainter {
            ctx,
            font_system: &mut self.font_system,
            swash: &mut self.swash,
            atlas: &mut self.atlas,
        };
        glyphs.paint(painter, layout, origin, color);
        layout.size()
    }

    /// Glyph atlas statistics: (pages, cached glyph images).
    #[must_use]
    pub fn atlas_stats(&self) -> (usize, usize) {
        (self.atlas.page_count(), self.atlas.glyph_count())
    }

    /// Number of cached layouts.
    #[must_use]
    pub fn layout_count(&self) -> usize {
        self.layouts.len()
    }
}

/// Lock the shared engine; a panic in another frame must not poison the UI forever.
pub fn lock(shared: &SharedTextEngine) -> MutexGuard<'_, TextEngine> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The byte offset of the character under `pos` (points, relative to the layout's top-left), or
/// `None` when the layout is empty. Clicking inside a ligature (لا) yields one of its characters,
/// never a byte inside a character.
#[must_use]
pub fn char_under(layout: &CachedLayout, pos: Vec2) -> Option<ByteOffset> {
    let ppp = layout.pixels_per_point;
    let cursor = layout.buffer.hit(pos.x * ppp, pos.y * ppp)?;
    let line_text = layout.buffer.lines.get(cursor.line)?.text();
    let index = floor_char_boundary(line_text, cursor.index);
    // A hit on the trailing half of a glyph puts the caret after the character; the character
    // under the pointer is then the one before the caret.
    let local = if cursor.affinity == Affinity::Before || index >= line_text.len() {
        line_text
            .get(..index)
            .and_then(|s| s.char_indices().next_back())
            .map_or(0, |(i, _)| i)
    } else {
        index
    };
    let line_start = layout.line_starts.get(cursor.line).copied().unwrap_or(0);
    Some(ByteOffset(line_start + local))
}

/// The caret byte offset nearest to `pos` (points, relative to the layout's top-left).
#[must_use]
pub fn caret_at(layout: &CachedLayout, pos: Vec2) -> Option<ByteOffset> {
    let ppp = layout.pixels_per_point;
    let cursor = layout.buffer.hit(pos.x * ppp, pos.y * ppp)?;
    let line_text = layout.buffer.lines.get(cursor.line)?.text();
    let index = floor_char_boundary(line_text, cursor.index);
    let line_start = layout.line_starts.get(cursor.line).copied().unwrap_or(0);
    Some(ByteOffset(line_start + index))
}

/// The largest char boundary of `s` at or below `i` (cosmic-text offsets can land inside a
/// grapheme cluster but are char boundaries; this guards against any that are not).
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
