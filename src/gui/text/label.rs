//! [`RtlLabel`]: a short piece of Arabic-script (or any) text drawn by the RTL engine.

use egui::{Color32, Response, Sense, Ui, Widget, vec2};

use super::TextEngine;
use super::layout_cache::TextStyle;

/// A label whose direction comes from its first strong character: field values, list rows, tag
/// chips, Persian document names. Layouts are cached, so inside `ScrollArea::show_rows` only the
/// visible rows of a long list are ever laid out.
///
/// ```no_run
/// # fn f(ui: &mut egui::Ui) {
/// use khabar::gui::text::RtlLabel;
/// let response = ui.add(RtlLabel::new("سرگئی لاوروف").size(16.0));
/// # }
/// ```
#[derive(Debug, Clone)]
#[must_use = "add it with ui.add(label)"]
pub struct RtlLabel<'a> {
    text: &'a str,
    style: TextStyle,
    color: Option<Color32>,
    wrap_width: Option<f32>,
    fill_width: bool,
    sense: Sense,
}

impl<'a> RtlLabel<'a> {
    /// A label for `text`, 14 pt, in the UI's text colour, not wrapped.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            style: TextStyle {
                size: 14.0,
                line_height: 1.6,
                bold: false,
            },
            color: None,
            wrap_width: None,
            fill_width: false,
            sense: Sense::hover(),
        }
    }

    /// Font size in points.
    pub fn size(mut self, size: f32) -> Self {
        self.style.size = size;
        self
    }

    /// Bold face.
    pub fn strong(mut self) -> Self {
        self.style.bold = true;
        self
    }

    /// Text colour (default: the visuals' text colour).
    pub fn color(mut self, color: Color32) -> Self {
        self.color = Some(color);
        self
    }

    /// Wrap at `width` points; right-to-left text is then right-aligned within that width.
    pub fn wrap_width(mut self, width: f32) -> Self {
        self.wrap_width = Some(width);
        self
    }

    /// Wrap at the available width and take all of it, so RTL text sits at the right edge.
    pub fn fill_width(mut self) -> Self {
        self.fill_width = true;
        self
    }

    /// What the label responds to (default: hover only). Use `Sense::click()` for list rows.
    pub fn sense(mut self, sense: Sense) -> Self {
        self.sense = sense;
        self
    }
}

impl RtlLabel<'_> {
    /// The size the label takes when added without a wrap width: lets a caller decide where to
    /// place it first (a chip that does not fit starts the next row). The layout is cached, so
    /// adding the label afterwards lays it out only once.
    pub fn measure(&self, ui: &Ui) -> egui::Vec2 {
        let ppp = ui.ctx().pixels_per_point();
        let ctx = ui.ctx().clone();
        TextEngine::with(&ctx, |engine| {
            engine
                .layout(self.text, &self.style, ppp, self.wrap_width)
                .1
                .size()
        })
    }
}

impl Widget for RtlLabel<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let ppp = ui.ctx().pixels_per_point();
        let color = self.color.unwrap_or_else(|| ui.visuals().text_color());
        let wrap = if self.fill_width {
            Some(ui.available_width().max(1.0))
        } else {
            self.wrap_width
        };
        let ctx = ui.ctx().clone();
        TextEngine::with(&ctx, |engine| {
            let (key, layout) = engine.layout(self.text, &self.style, ppp, wrap);
            let size = layout.size();
            let desired = match wrap {
                Some(w) if self.fill_width => vec2(w, size.y),
                Some(w) => vec2(w.min(size.x.max(1.0)), size.y),
                None => size,
            };
            let (rect, response) = ui.allocate_exact_size(desired, self.sense);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Label, ui.is_enabled(), self.text)
            });
            if ui.is_rect_visible(rect) {
                // With a wrap width cosmic-text aligns rows inside that width; without one the
                // layout is exactly the text's size.
                let origin = match wrap {
                    Some(w) if !self.fill_width && size.x < w && layout.rtl => {
                        rect.min - vec2(w - rect.width(), 0.0)
                    }
                    _ => rect.min,
                };
                engine.paint_cached(&ctx, ui.painter(), &key, origin, color);
            }
            response
        })
    }
}
