//! Glyph atlas: swash-rasterised glyphs packed into egui textures.
//!
//! Several fixed-size pages instead of one texture: when a page is full a new one is opened, so
//! inserting never fails or panics; a glyph larger than a page gets a page of its own. Each page
//! keeps a CPU copy and a dirty rectangle; [`GlyphAtlas::upload`] sends one partial update per
//! dirty page, so the many glyphs first seen in a frame cost one upload, not one each.
//! Entries are keyed by cosmic-text's `CacheKey`, which includes the pixel size, so a change of
//! pixels-per-point never reuses glyphs of the wrong scale; [`GlyphAtlas::begin_frame`] resets
//! the atlas on such a change and when it has grown past its page budget.

use std::collections::HashMap;

use cosmic_text::{CacheKey, FontSystem, SwashCache, SwashContent};
use egui::{Color32, ColorImage, Context, TextureHandle, TextureOptions};

/// Side of one atlas page in texels.
const PAGE_SIZE: usize = 1024;
/// Empty texels kept around each glyph so linear filtering never samples a neighbour.
const PADDING: usize = 1;
/// Past this many pages the atlas is cleared at the start of the next frame.
const MAX_PAGES: usize = 12;

/// Where a rasterised glyph lives and how it sits relative to its pen position.
#[derive(Debug, Clone, Copy)]
pub struct AtlasGlyph {
    /// Index of the page (see [`GlyphAtlas::texture_id`]).
    pub page: usize,
    /// Top-left texel in the page.
    pub texel_pos: [usize; 2],
    /// Size in texels (equal to device pixels).
    pub size: [usize; 2],
    /// Offset of the bitmap's left edge from the pen position, in pixels.
    pub left: i32,
    /// Offset of the bitmap's top edge above the baseline, in pixels.
    pub top: i32,
    /// True when the bitmap carries its own colour (emoji) and must not be tinted.
    pub is_color: bool,
}

/// One texture page with a simple shelf packer.
struct Page {
    image: ColorImage,
    handle: TextureHandle,
    /// Next free x on the current shelf.
    cursor_x: usize,
    /// Top of the current shelf.
    shelf_y: usize,
    /// Height of the tallest glyph on the current shelf.
    shelf_h: usize,
    /// Texel rectangle `[x0, y0, x1, y1)` changed since the last upload.
    dirty: Option<[usize; 4]>,
}

impl Page {
    fn new(ctx: &Context, index: usize, side: usize) -> Self {
        let image = ColorImage::filled([side, side], Color32::TRANSPARENT);
        let handle = ctx.load_texture(
            format!("khabar-glyph-atlas-{index}"),
            image.clone(),
            TextureOptions::LINEAR,
        );
        Self {
            image,
            handle,
            cursor_x: 0,
            shelf_y: 0,
            shelf_h: 0,
            dirty: None,
        }
    }

    /// Reserve a `w`×`h` slot (padding included by the caller), or `None` when full.
    fn allocate(&mut self, w: usize, h: usize) -> Option<[usize; 2]> {
        let [side_w, side_h] = self.image.size;
        if w > side_w || h > side_h {
            return None;
        }
        if self.cursor_x + w > side_w {
            self.shelf_y += self.shelf_h;
            self.cursor_x = 0;
            self.shelf_h = 0;
        }
        if self.shelf_y + h > side_h {
            return None;
        }
        let pos = [self.cursor_x, self.shelf_y];
        self.cursor_x += w;
        self.shelf_h = self.shelf_h.max(h);
        Some(pos)
    }

    fn mark_dirty(&mut self, x0: usize, y0: usize, x1: usize, y1: usize) {
        self.dirty = Some(match self.dirty {
            Some([a, b, c, d]) => [a.min(x0), b.min(y0), c.max(x1), d.max(y1)],
            None => [x0, y0, x1, y1],
        });
    }

    fn clear(&mut self) {
        self.image.pixels.fill(Color32::TRANSPARENT);
        self.cursor_x = 0;
        self.shelf_y = 0;
        self.shelf_h = 0;
        let [w, h] = self.image.size;
        self.dirty = Some([0, 0, w, h]);
    }
}

/// The glyph atlas shared by every text widget.
#[derive(Default)]
pub struct GlyphAtlas {
    pages: Vec<Page>,
    /// `None` marks a glyph with no pixels (a space), so it is not rasterised again.
    entries: HashMap<CacheKey, Option<AtlasGlyph>>,
    pixels_per_point: f32,
}

impl GlyphAtlas {
    /// Prepare for a frame at `pixels_per_point`: drop everything on a scale change or when the
    /// page budget is exceeded. Only called between frames, so no mesh of the current frame can
    /// point at a cleared slot.
    pub fn begin_frame(&mut self, pixels_per_point: f32) {
        let scale_changed = (self.pixels_per_point - pixels_per_point).abs() > f32::EPSILON;
        if scale_changed || self.pages.len() > MAX_PAGES {
            self.entries.clear();
            // Keep one page (and its texture) for reuse; free the others.
            self.pages.truncate(1);
            for page in &mut self.pages {
                page.clear();
            }
            self.pixels_per_point = pixels_per_point;
        }
    }

    /// Number of pages (textures) in use.
    #[must_use]
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Number of distinct glyph images cached.
    #[must_use]
    pub fn glyph_count(&self) -> usize {
        self.entries.len()
    }

    /// Texture of page `page`.
    #[must_use]
    pub fn texture_id(&self, page: usize) -> Option<egui::TextureId> {
        self.pages.get(page).map(|p| p.handle.id())
    }

    /// Texel size of page `page` (for UV computation).
    #[must_use]
    pub fn page_size(&self, page: usize) -> Option<[usize; 2]> {
        self.pages.get(page).map(|p| p.image.size)
    }

    /// The atlas slot of a glyph, rasterising and packing it on first use. `None` for glyphs
    /// without pixels or that the font cannot render.
    pub fn glyph(
        &mut self,
        ctx: &Context,
        font_system: &mut FontSystem,
        swash: &mut SwashCache,
        key: CacheKey,
    ) -> Option<AtlasGlyph> {
        if let Some(entry) = self.entries.get(&key) {
            return *entry;
        }
        let entry = self.rasterise(ctx, font_system, swash, key);
        self.entries.insert(key, entry);
        entry
    }

    fn rasterise(
        &mut self,
        ctx: &Context,
        font_system: &mut FontSystem,
        swash: &mut SwashCache,
        key: CacheKey,
    ) -> Option<AtlasGlyph> {
        // Uncached: the atlas is the cache; swash's own map would hold every bitmap twice.
        let image = swash.get_image_uncached(font_system, key)?;
        let w = image.placement.width as usize;
        let h = image.placement.height as usize;
        if w == 0 || h == 0 {
            return None;
        }
        let (page_index, pos) = self.allocate(ctx, w + 2 * PADDING, h + 2 * PADDING);
        let page = self.pages.get_mut(page_index)?;
        let (x0, y0) = (pos[0] + PADDING, pos[1] + PADDING);
        let stride = page.image.size[0];
        let is_color = matches!(image.content, SwashContent::Color);
        for row in 0..h {
            for col in 0..w {
                let texel = match image.content {
                    SwashContent::Mask => {
                        let a = image.data.get(row * w + col).copied().unwrap_or(0);
                        Color32::from_white_alpha(a)
                    }
                    SwashContent::Color => {
                        let i = (row * w + col) * 4;
                        match image.data.get(i..i + 4) {
                            Some(&[r, g, b, a]) => Color32::from_rgba_unmultiplied(r, g, b, a),
                            _ => Color32::TRANSPARENT,
                        }
                    }
                    SwashContent::SubpixelMask => {
                        // Requested format is alpha only; average the channels if one arrives.
                        let i = (row * w + col) * 4;
                        let a = image.data.get(i..i + 3).map_or(0, |px| {
                            ((u16::from(px[0]) + u16::from(px[1]) + u16::from(px[2])) / 3) as u8
                        });
                        Color32::from_white_alpha(a)
                    }
                };
                if let Some(dst) = page.image.pixels.get_mut((y0 + row) * stride + x0 + col) {
                    *dst = texel;
                }
            }
        }
        page.mark_dirty(x0, y0, x0 + w, y0 + h);
        Some(AtlasGlyph {
            page: page_index,
            texel_pos: [x0, y0],
            size: [w, h],
            left: image.placement.left,
            top: image.placement.top,
            is_color,
        })
    }

    /// A free slot: the last page if it fits, else a new page (sized up for giant glyphs).
    fn allocate(&mut self, ctx: &Context, w: usize, h: usize) -> (usize, [usize; 2]) {
        if let Some(last) = self.pages.len().checked_sub(1)
            && let Some(page) = self.pages.get_mut(last)
            && let Some(pos) = page.allocate(w, h)
        {
            return (last, pos);
        }
        let index = self.pages.len();
        let side = PAGE_SIZE.max(w).max(h);
        let mut page = Page::new(ctx, index, side);
        let pos = page.allocate(w, h).unwrap_or([0, 0]);
        self.pages.push(page);
        (index, pos)
    }

    /// Send every page's dirty rectangle to the GPU as one partial update per page.
    pub fn upload(&mut self) {
        for page in &mut self.pages {
            let Some([x0, y0, x1, y1]) = page.dirty.take() else {
                continue;
            };
            let (w, h) = (x1 - x0, y1 - y0);
            let stride = page.image.size[0];
            let mut pixels = Vec::with_capacity(w * h);
            for row in y0..y1 {
                if let Some(src) = page.image.pixels.get(row * stride + x0..row * stride + x1) {
                    pixels.extend_from_slice(src);
                }
            }
            if pixels.len() != w * h {
                continue;
            }
            let patch = ColorImage::new([w, h], pixels);
            page.handle
                .set_partial([x0, y0], patch, TextureOptions::LINEAR);
        }
    }
}
