//! Cached cosmic-text layouts, one [`Buffer`] per paragraph or label.
//!
//! Shaping is the expensive step (0.2-0.45 ms a paragraph), so a buffer is kept per
//! (text, style, pixels-per-point); the wrap width is *not* part of the key: on a width change
//! the buffer only re-wraps (cosmic-text keeps the shaping and redoes line breaking).
//! Layout happens in device pixels (font size × pixels-per-point) so glyph positions and
//! hinting match the screen; [`CachedLayout`] converts back to points.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use cosmic_text::{Align, Attrs, Buffer, Cursor, Family, FontSystem, Metrics, Shaping, Weight};

use super::fonts::FAMILY;
use crate::text::ByteOffset;
use crate::text::chars::is_rtl_paragraph;

/// Entries not used for this many frames are dropped once the cache is large.
const STALE_FRAMES: u64 = 300;
/// Cache size above which stale entries are evicted.
const SOFT_LIMIT: usize = 2048;

/// How a piece of text is drawn: everything that changes shaping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size in points.
    pub size: f32,
    /// Line height as a multiple of the font size (Arabic script needs room for its marks).
    pub line_height: f32,
    /// Bold face.
    pub bold: bool,
}

impl Default for TextStyle {
    fn default() -> Self {
        Self {
            size: 18.0,
            line_height: 1.75,
            bold: false,
        }
    }
}

/// Identifies one cached layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    text_hash: u64,
    text_len: usize,
    size_bits: u32,
    line_height_bits: u32,
    bold: bool,
    ppp_bits: u32,
}

impl LayoutKey {
    /// The key of `text` drawn with `style` at `pixels_per_point`.
    #[must_use]
    pub fn new(text: &str, style: &TextStyle, pixels_per_point: f32) -> Self {
        let mut h = DefaultHasher::new();
        text.hash(&mut h);
        Self {
            text_hash: h.finish(),
            text_len: text.len(),
            size_bits: style.size.to_bits(),
            line_height_bits: style.line_height.to_bits(),
            bold: style.bold,
            ppp_bits: pixels_per_point.to_bits(),
        }
    }
}

/// A laid-out piece of text.
pub struct CachedLayout {
    /// The cosmic-text buffer, in device pixels.
    pub buffer: Buffer,
    /// Pixels per point the buffer was laid out at.
    pub pixels_per_point: f32,
    /// True when the text's first strong character is right-to-left.
    pub rtl: bool,
    /// Byte offset where each cosmic-text line starts (cosmic-text splits at every paragraph
    /// separator, not only `\n`).
    pub line_starts: Vec<usize>,
    width_px: Option<f32>,
    size_px: [f32; 2],
    last_used: u64,
}

impl CachedLayout {
    /// Laid-out size in points: widest row × total height.
    #[must_use]
    pub fn size(&self) -> egui::Vec2 {
        egui::vec2(self.size_px[0], self.size_px[1]) / self.pixels_per_point
    }

    /// The cosmic-text cursor at a byte offset of the laid-out text.
    #[must_use]
    pub fn cursor_at(&self, byte: ByteOffset) -> Cursor {
        let line = self
            .line_starts
            .partition_point(|&s| s <= byte.0)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        Cursor::new(line, byte.0.saturating_sub(start))
    }

    /// The byte offset of a cosmic-text cursor.
    #[must_use]
    pub fn byte_of(&self, cursor: Cursor) -> ByteOffset {
        ByteOffset(self.line_starts.get(cursor.line).copied().unwrap_or(0) + cursor.index)
    }

    fn measure(&mut self) {
        let mut w: f32 = 0.0;
        let mut h: f32 = 0.0;
        for run in self.buffer.layout_runs() {
            w = w.max(run.line_w);
            h = h.max(run.line_top + run.line_height);
        }
        if h <= 0.0 {
            h = self.buffer.metrics().line_height;
        }
        self.size_px = [w, h];
    }
}

/// Attributes for the bundled family in a style.
#[must_use]
pub fn attrs_for(style: &TextStyle) -> Attrs<'static> {
    Attrs::new()
        .family(Family::Name(FAMILY))
        .weight(if style.bold {
            Weight::BOLD
        } else {
            Weight::NORMAL
        })
}

/// Layouts keyed by [`LayoutKey`], evicted when unused for a while.
#[derive(Default)]
pub struct LayoutCache {
    map: HashMap<LayoutKey, CachedLayout>,
    frame: u64,
}

impl LayoutCache {
    /// Start a new frame: drop long-unused layouts when the cache is large.
    pub fn begin_frame(&mut self, frame: u64) {
        self.frame = frame;
        if self.map.len() > SOFT_LIMIT {
            let frame = self.frame;
            self.map
                .retain(|_, l| frame.saturating_sub(l.last_used) < STALE_FRAMES);
        }
    }

    /// Number of cached layouts.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when nothing is cached.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// A layout already made this or an earlier frame, without laying anything out.
    #[must_use]
    pub fn get(&self, key: &LayoutKey) -> Option<&CachedLayout> {
        self.map.get(key)
    }

    /// The layout of `text` wrapped at `wrap_width` points (`None`: no wrapping), shaping it on
    /// first use and only re-wrapping when the width changed.
    pub fn layout(
        &mut self,
        font_system: &mut FontSystem,
        text: &str,
        style: &TextStyle,
        pixels_per_point: f32,
        wrap_width: Option<f32>,
    ) -> (LayoutKey, &CachedLayout) {
        let key = LayoutKey::new(text, style, pixels_per_point);
        let width_px = wrap_width.map(|w| (w * pixels_per_point).max(1.0).floor());
        let frame = self.frame;
        let entry = self
            .map
            .entry(key)
            .or_insert_with(|| new_layout(font_system, text, style, pixels_per_point, width_px));
        if entry.width_px != width_px {
            entry.buffer.set_size(width_px, None);
            entry.buffer.shape_until_scroll(font_system, false);
            entry.width_px = width_px;
            entry.measure();
        }
        entry.last_used = frame;
        (key, entry)
    }
}

fn new_layout(
    font_system: &mut FontSystem,
    text: &str,
    style: &TextStyle,
    pixels_per_point: f32,
    width_px: Option<f32>,
) -> CachedLayout {
    let size_px = (style.size * pixels_per_point).max(1.0);
    let metrics = Metrics::new(size_px, (size_px * style.line_height).max(1.0).round());
    let mut buffer = Buffer::new_empty(metrics);
    let rtl = is_rtl_paragraph(text);
    let align = if rtl { Align::Right } else { Align::Left };
    buffer.set_size(width_px, None);
    buffer.set_text(text, &attrs_for(style), Shaping::Advanced, Some(align));
    buffer.shape_until_scroll(font_system, false);
    let mut line_starts = Vec::with_capacity(buffer.lines.len());
    let mut start = 0;
    for line in &buffer.lines {
        line_starts.push(start);
        start += line.text().len() + line.ending().as_str().len();
    }
    let mut layout = CachedLayout {
        buffer,
        pixels_per_point,
        rtl,
        line_starts,
        width_px,
        size_px: [0.0, 0.0],
        last_used: 0,
    };
    layout.measure();
    layout
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::text::fonts::bundled_font_system;

    const PARA: &str = "با همتای خود درباره همه‌گیری کرونا (COVID-19) و سفر سال 2021 رایزنی کرد.";

    #[test]
    fn rtl_paragraph_is_right_aligned_with_ltr_runs_inside() {
        let mut fs = bundled_font_system();
        let mut cache = LayoutCache::default();
        let (_, l) = cache.layout(&mut fs, PARA, &TextStyle::default(), 1.0, Some(2000.0));
        assert!(l.rtl);
        let run = l.buffer.layout_runs().next().expect("one row");
        let first = run.glyphs.iter().min_by_key(|g| g.start).expect("glyphs");
        let last = run.glyphs.iter().max_by_key(|g| g.end).expect("glyphs");
        // Logical start on the right edge, logical end to the left.
        assert!(first.x > last.x);
        assert!((first.x + first.w - 2000.0).abs() < 1.0, "right-aligned");
        // Inside the LTR run "2021" the digits run left to right.
        let b = PARA.find("2021").expect("digits");
        let x_of = |i: usize| run.glyphs.iter().find(|g| g.start == i).map(|g| g.x);
        assert!(x_of(b) < x_of(b + 3));
    }

    #[test]
    fn width_change_rewraps_the_same_entry() {
        let mut fs = bundled_font_system();
        let mut cache = LayoutCache::default();
        let style = TextStyle::default();
        let (k1, l) = cache.layout(&mut fs, PARA, &style, 2.0, Some(800.0));
        let one_row = l.buffer.layout_runs().count();
        let (k2, _) = cache.layout(&mut fs, PARA, &style, 2.0, Some(150.0));
        assert_eq!(k1, k2, "width is not part of the key");
        assert_eq!(cache.len(), 1);
        let narrow_rows = cache.get(&k2).map_or(0, |l| l.buffer.layout_runs().count());
        assert!(
            narrow_rows > one_row,
            "{narrow_rows} rows at 150pt vs {one_row}"
        );
        // A different scale is a different layout.
        let (k3, _) = cache.layout(&mut fs, PARA, &style, 1.0, Some(150.0));
        assert_ne!(k1, k3);
    }

    #[test]
    fn cursor_byte_round_trip_across_cosmic_lines() {
        let mut fs = bundled_font_system();
        let mut cache = LayoutCache::default();
        // A lone CR makes cosmic-text start a new line inside what we call one paragraph.
        let text = "سطر اول\rسطر دوم";
        let (_, l) = cache.layout(&mut fs, text, &TextStyle::default(), 1.0, None);
        assert_eq!(l.line_starts.len(), 2);
        let b = ByteOffset(text.find("دوم").expect("word"));
        let c = l.cursor_at(b);
        assert_eq!(c.line, 1);
        assert_eq!(l.byte_of(c), b);
    }
}
