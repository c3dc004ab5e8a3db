//! The document list: status badges, progress, search and a status filter. Draws only the
//! visible rows, so ten thousand documents cost no more than twenty.

use egui::{Color32, RichText, Ui};

use crate::gui::commands::{Command, CommandQueue};
use crate::model::{Document, Status};
use crate::session::Session;

/// The list's transient state: the query, the filter and the cached result.
#[derive(Default)]
pub struct DocListState {
    /// Search text (file name, id or article text).
    pub query: String,
    /// Only this status, when set.
    pub status_filter: Option<Status>,
    /// Focus the search box next frame (Ctrl+F).
    pub focus_search: bool,
    /// Scroll the current document into view (after keyboard navigation).
    pub scroll_to_current: bool,
    cache: Option<(CacheKey, Vec<usize>)>,
}

#[derive(PartialEq, Eq, Clone)]
struct CacheKey {
    query: String,
    status: Option<Status>,
    docs: usize,
    revision: u64,
}

impl DocListState {
    /// Indices of the documents that pass the search and the filter, recomputed only when one
    /// of them, the document count or the history revision changed.
    pub fn filtered(&mut self, session: &Session) -> &[usize] {
        let key = CacheKey {
            query: self.query.clone(),
            status: self.status_filter,
            docs: session.dataset.documents.len(),
            revision: session.history.revision(),
        };
        let stale = self.cache.as_ref().is_none_or(|(k, _)| *k != key);
        if stale {
            let q = self.query.trim().to_lowercase();
            let list = session
                .dataset
                .documents
                .iter()
                .enumerate()
                .filter(|(_, d)| self.status_filter.is_none_or(|s| d.status == s))
                .filter(|(_, d)| q.is_empty() || matches_query(d, &q))
                .map(|(i, _)| i)
                .collect();
            self.cache = Some((key, list));
        }
        self.cache.as_ref().map_or(&[], |(_, l)| l.as_slice())
    }
}

fn matches_query(d: &Document, q: &str) -> bool {
    d.source.file_name.to_lowercase().contains(q)
        || d.id.starts_with(q)
        || d.text.contains(q)
        || d.fields
            .headline
            .as_ref()
            .is_some_and(|h| h.value.contains(q))
}

/// Label and colour for a status.
#[must_use]
pub fn status_badge(s: Status) -> (&'static str, Color32) {
    match s {
        Status::Unreviewed => ("unreviewed", Color32::GRAY),
        Status::InProgress => ("in progress", Color32::from_rgb(240, 190, 60)),
        Status::Done => ("done", Color32::from_rgb(90, 200, 120)),
        Status::Skipped => ("skipped", Color32::from_rgb(150, 150, 200)),
    }
}

/// A painted status dot: hollow unreviewed, half in progress, full done, crossed skipped.
/// Painted rather than typed because egui's bundled fonts lack the circle glyphs.
pub fn paint_badge(ui: &mut Ui, s: Status) -> egui::Response {
    let (rect, r) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    let (name, color) = status_badge(s);
    let p = ui.painter();
    let c = rect.center();
    let stroke = egui::Stroke::new(1.5, color);
    match s {
        Status::Unreviewed => {
            p.circle_stroke(c, 4.5, stroke);
        }
        Status::InProgress => {
            p.circle_stroke(c, 4.5, stroke);
            p.circle_filled(c, 2.5, color);
        }
        Status::Done => {
            p.circle_filled(c, 5.0, color);
        }
        Status::Skipped => {
            p.circle_stroke(c, 4.5, stroke);
            p.line_segment(
                [c + egui::vec2(-3.0, 3.0), c + egui::vec2(3.0, -3.0)],
                stroke,
            );
        }
    }
    r.on_hover_text(name)
}

/// Draw the list.
pub fn show(ui: &mut Ui, session: &Session, state: &mut DocListState, cmds: &mut CommandQueue) {
    let (done, total) = session.progress();
    ui.horizontal(|ui| {
        ui.heading("Documents");
        ui.label(RichText::new(format!("{done}/{total} done")).weak());
    });
    let frac = if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    };
    ui.add(egui::ProgressBar::new(frac).desired_height(4.0));
    let search = ui.add(
        egui::TextEdit::singleline(&mut state.query)
            .id_salt("doc_search")
            .hint_text("Search (Ctrl+F)")
            .desired_width(f32::INFINITY),
    );
    if state.focus_search {
        search.request_focus();
        state.focus_search = false;
    }
    if search.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.query.clear();
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(state.status_filter.is_none(), "All")
            .clicked()
        {
            state.status_filter = None;
        }
        for s in Status::ALL {
            let (name, color) = status_badge(s);
            let label = RichText::new(name).color(color);
            if ui
                .selectable_label(state.status_filter == Some(s), label)
                .clicked()
            {
                state.status_filter = if state.status_filter == Some(s) {
                    None
                } else {
                    Some(s)
                };
            }
        }
    });
    ui.separator();
    let current = session.current;
    let filtered = state.filtered(session).to_vec();
    if filtered.is_empty() {
        ui.label(RichText::new("No document matches.").weak());
        return;
    }
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if state.scroll_to_current {
        state.scroll_to_current = false;
        if let Some(pos) = filtered.iter().position(|&i| i == current) {
            // Rows outside the view are never laid out, so scroll by arithmetic, not scroll_to_me.
            let stride = row_h + ui.spacing().item_spacing.y;
            area = area.vertical_scroll_offset((pos as f32 - 3.0).max(0.0) * stride);
        }
    }
    area.show_rows(ui, row_h, filtered.len(), |ui, range| {
        for &i in filtered.get(range).unwrap_or(&[]) {
            let Some(d) = session.dataset.documents.get(i) else {
                continue;
            };
            let r = ui
                .horizontal(|ui| {
                    paint_badge(ui, d.status);
                    ui.selectable_label(
                        i == current,
                        format!("{:>4}  {}", i + 1, d.source.file_name),
                    )
                })
                .inner;
            let r = r.on_hover_text(format!(
                "{}\n{} · {} · {} spans",
                d.source.path,
                d.language.code(),
                d.status.as_str(),
                d.entities.len()
            ));
            if r.clicked() {
                cmds.push(Command::GoToDoc(i));
            }
        }
    });
}
