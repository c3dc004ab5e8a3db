//! Glyphs of a laid-out buffer → egui meshes (one per atlas page), and span rectangles.

use cosmic_text::{Buffer, Cursor, FontSystem, SwashCache};
use egui::{Color32, Context, Mesh, Painter, Pos2, Rect, Shape, pos2, vec2};

use super::atlas::GlyphAtlas;
use super::layout_cache::CachedLayout;
use crate::text::ByteSpan;

/// Snap a point position to the device pixel grid, so glyph bitmaps map 1:1 onto pixels.
#[must_use]
pub fn snap_to_pixel(p: Pos2, pixels_per_point: f32) -> Pos2 {
    pos2(
        (p.x * pixels_per_point).round() / pixels_per_point,
        (p.y * pixels_per_point).round() / pixels_per_point,
    )
}

/// Everything painting needs from the engine, borrowed apart so the layout can stay borrowed.
pub struct GlyphPainter<'a> {
    /// egui context (textures are created through it).
    pub ctx: &'a Context,
    /// Fonts for rasterising.
    pub font_system: &'a mut FontSystem,
    /// swash scaling context.
    pub swash: &'a mut SwashCache,
    /// Where glyph bitmaps go.
    pub atlas: &'a mut GlyphAtlas,
}

impl GlyphPainter<'_> {
    /// Paint `layout` with its top-left at `origin` (snapped to pixels) in `color`; rows
    /// entirely outside the painter's clip rectangle are skipped.
    pub fn paint(
        &mut self,
        painter: &Painter,
        layout: &CachedLayout,
        origin: Pos2,
        color: Color32,
    ) {
        self.paint_buffer(
            painter,
            &layout.buffer,
            layout.pixels_per_point,
            origin,
            color,
        );
    }

    /// Paint a buffer laid out at `ppp` pixels per point (see [`GlyphPainter::paint`]).
    pub fn paint_buffer(
        &mut self,
        painter: &Painter,
        buffer: &Buffer,
        ppp: f32,
        origin: Pos2,
        color: Color32,
    ) {
        let origin = snap_to_pixel(origin, ppp);
        let (ox, oy) = ((origin.x * ppp).round(), (origin.y * ppp).round());
        let clip = painter.clip_rect();
        let mut meshes: Vec<Mesh> = Vec::new();
        for run in buffer.layout_runs() {
            let top = origin.y + run.line_top / ppp;
            let bottom = top + run.line_height / ppp;
            if bottom < clip.min.y || top > clip.max.y {
                continue;
            }
            let baseline = run.line_y.round();
            for glyph in run.glyphs {
                let physical = glyph.physical((0.0, 0.0), 1.0);
                let Some(slot) =
                    self.atlas
                        .glyph(self.ctx, self.font_system, self.swash, physical.cache_key)
                else {
                    continue;
                };
                let (Some(tex), Some([tw, th])) = (
                    self.atlas.texture_id(slot.page),
                    self.atlas.page_size(slot.page),
                ) else {
                    continue;
                };
                let x = ox + physical.x as f32 + slot.left as f32;
                let y = oy + baseline + physical.y as f32 - slot.top as f32;
                let rect = Rect::from_min_size(
                    pos2(x / ppp, y / ppp),
                    vec2(slot.size[0] as f32 / ppp, slot.size[1] as f32 / ppp),
                );
                let uv = Rect::from_min_size(
                    pos2(
                        slot.texel_pos[0] as f32 / tw as f32,
                        slot.texel_pos[1] as f32 / th as f32,
                    ),
                    vec2(
                        slot.size[0] as f32 / tw as f32,
                        slot.size[1] as f32 / th as f32,
                    ),
                );
                let tint = if slot.is_color {
                    Color32::WHITE
                } else {
                    glyph.color_opt.map_or(color, |c| {
                        Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), c.a())
                    })
                };
                if meshes.len() <= slot.page {
                    meshes.resize_with(slot.page + 1, Mesh::default);
                }
                if let Some(mesh) = meshes.get_mut(slot.page) {
                    mesh.texture_id = tex;
                    mesh.add_rect_with_uv(rect, uv, tint);
                }
            }
        }
        for mesh in meshes {
            if !mesh.is_empty() {
                painter.add(Shape::mesh(mesh));
            }
        }
        self.atlas.upload();
    }
}

/// Screen rectangles (points) covering the bytes `span` of `layout` drawn at `origin`; one per
/// row (more on mixed-direction rows), in row order. A span wrapping onto the next row yields the
/// end of one row and the start of the next, as cosmic-text's bidi layout places them.
#[must_use]
pub fn span_rects(layout: &CachedLayout, span: ByteSpan, origin: Pos2) -> Vec<Rect> {
    if span.start >= span.end {
        return Vec::new();
    }
    cursor_rects(
        &layout.buffer,
        layout.pixels_per_point,
        layout.cursor_at(span.start),
        layout.cursor_at(span.end),
        origin,
    )
}

/// Screen rectangles between two cosmic-text cursors of `buffer` (laid out at `ppp`).
///
/// Same result as cosmic-text's `LayoutRun::highlight`, which splits *every* glyph into
/// graphemes; that made 35 on-screen highlights cost ~10 ms a frame. Here only a glyph that is
/// partly inside the span (a ligature cut in two) is split, the same way cosmic-text's hit-test
/// splits it, so clicks and rectangles agree.
#[must_use]
pub fn cursor_rects(
    buffer: &Buffer,
    ppp: f32,
    start: Cursor,
    end: Cursor,
    origin: Pos2,
) -> Vec<Rect> {
    use unicode_segmentation::UnicodeSegmentation;
    let origin = snap_to_pixel(origin, ppp);
    let mut rects = Vec::new();
    for run in buffer.layout_runs() {
        if run.line_i < start.line || run.line_i > end.line {
            continue;
        }
        let sel_start = if run.line_i == start.line {
            start.index
        } else {
            0
        };
        let sel_end = if run.line_i == end.line {
            end.index
        } else {
            usize::MAX
        };
        let mut range: Option<(f32, f32)> = None;
        let mut flush = |range: &mut Option<(f32, f32)>| {
            if let Some((x0, x1)) = range.take()
                && x1 > x0
            {
                rects.push(Rect::from_min_size(
                    pos2(origin.x + x0 / ppp, origin.y + run.line_top / ppp),
                    vec2((x1 - x0) / ppp, run.line_height / ppp),
                ));
            }
        };
        let extend = |range: &mut Option<(f32, f32)>, x0: f32, x1: f32| {
            *range = Some(range.map_or((x0, x1), |(a, b)| (a.min(x0), b.max(x1))));
        };
        for glyph in run.glyphs {
            if glyph.end <= sel_start || glyph.start >= sel_end {
                flush(&mut range);
            } else if glyph.start >= sel_start && glyph.end <= sel_end {
                extend(&mut range, glyph.x, glyph.x + glyph.w);
            } else {
                let cluster = run.text.get(glyph.start..glyph.end).unwrap_or_default();
                let total = cluster.grapheme_indices(true).count().max(1);
                let c_w = glyph.w / total as f32;
                let mut c_x = glyph.x;
                for (i, g) in cluster.grapheme_indices(true) {
                    let c_start = glyph.start + i;
                    let c_end = c_start + g.len();
                    if c_end > sel_start && c_start < sel_end {
                        extend(&mut range, c_x, c_x + c_w);
                    } else {
                        flush(&mut range);
                    }
                    c_x += c_w;
                }
            }
        }
        flush(&mut range);
    }
    rects
}
