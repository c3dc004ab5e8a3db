//! The dataset overview: contacts per month and per participant by event type, spans per label,
//! and review progress, as egui_plot charts over figures from [`crate::stats`].
//!
//! egui_plot draws its own text with egui's fonts, which cannot lay out Arabic script (see
//! `text_ports`). So the plots carry only Latin text (months, event types, label names, ranks)
//! and participant names, which may be Persian or Arabic, are listed beside the chart through
//! the RTL engine, keyed by rank.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, GridInput, GridMark, Legend, Plot};

use crate::gui::panels::doc_list::status_badge;
use crate::gui::text_ports::{label_color, rtl_label};
use crate::gui::views::DatasetKey;
use crate::model::{Dataset, EventType, Label, Status};
use crate::stats::{self, Overview, TypeCounts};
use crate::text::chars::is_arabic_letter;

/// How many participants the chart ranks.
pub const TOP_PARTICIPANTS: usize = 12;
const PLOT_HEIGHT: f32 = 240.0;

/// The overview's figures, recomputed only when the dataset changes.
#[derive(Default)]
pub struct OverviewCache {
    key: Option<DatasetKey>,
    figures: Overview,
}

impl OverviewCache {
    /// The figures for `dataset` in the state `key` names; computed on the first call per key.
    pub fn get(&mut self, key: DatasetKey, dataset: &Dataset) -> &Overview {
        if self.key != Some(key) {
            self.figures = stats::overview(dataset);
            self.key = Some(key);
        }
        &self.figures
    }

    /// The figures last computed, if any.
    #[must_use]
    pub fn last(&self) -> Option<&Overview> {
        self.key.map(|_| &self.figures)
    }
}

/// A fixed colour per event type, so a type keeps its colour in every chart.
#[must_use]
pub fn event_type_color(t: EventType) -> Color32 {
    match t {
        EventType::PhoneCall => Color32::from_rgb(86, 204, 242),
        EventType::Meeting => Color32::from_rgb(111, 207, 151),
        EventType::PressConference => Color32::from_rgb(242, 201, 76),
        EventType::Speech => Color32::from_rgb(187, 107, 217),
        EventType::Statement => Color32::from_rgb(242, 153, 74),
        EventType::Visit => Color32::from_rgb(235, 87, 87),
        EventType::Other => Color32::from_rgb(155, 155, 155),
    }
}

/// Grid marks at whole numbers only (bars stand on integers), at most about `max` of them.
fn integer_marks(input: GridInput, max: f64) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let span = (hi - lo).max(1.0);
    let step = (span / max).ceil().max(1.0);
    let first = (lo / step).ceil() * step;
    let mut out = Vec::new();
    let mut v = first;
    while v <= hi && out.len() < 200 {
        out.push(GridMark {
            value: v,
            step_size: step,
        });
        v += step;
    }
    out
}

/// The item at a whole-number axis position, if the mark is one.
fn at_mark<T>(items: &[T], value: f64) -> Option<&T> {
    if value < 0.0 || value.fract().abs() > 1e-6 {
        return None;
    }
    items.get(value.round() as usize)
}

/// A plot with the interactions that make sense for a static chart inside a scrolled page:
/// no panning or zooming (the page scrolls instead).
fn chart(id: &str) -> Plot<'static> {
    Plot::new(id)
        .height(PLOT_HEIGHT)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .y_grid_spacer(|i| integer_marks(i, 6.0))
}

/// One bar chart per event type, stacked in [`EventType::ALL`] order; types with no contact
/// are left out so the legend lists only what is drawn.
fn stacked_by_type(
    rows: &[TypeCounts],
    horizontal: bool,
    position: impl Fn(usize) -> f64,
) -> Vec<BarChart> {
    let mut charts: Vec<BarChart> = Vec::new();
    for (t, ty) in EventType::ALL.iter().enumerate() {
        if rows.iter().all(|r| r.get(t).copied().unwrap_or(0) == 0) {
            continue;
        }
        let bars: Vec<Bar> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let bar = Bar::new(position(i), r.get(t).copied().unwrap_or(0) as f64)
                    .width(0.7)
                    .fill(event_type_color(*ty));
                if horizontal { bar.horizontal() } else { bar }
            })
            .collect();
        let mut c = BarChart::new(ty.as_str(), bars).color(event_type_color(*ty));
        if horizontal {
            c = c.horizontal();
        }
        let below: Vec<&BarChart> = charts.iter().collect();
        let c = c.stack_on(&below);
        charts.push(c);
    }
    charts
}

/// Draw the overview.
pub fn show(ui: &mut Ui, o: &Overview, labels: &[Label]) {
    egui::ScrollArea::vertical()
        .id_salt("overview_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Dataset overview");
            let spans: usize = o.labels.iter().map(|l| l.spans).sum();
            ui.label(format!(
                "{} documents · {} contacts ({} without a date) · {} participants · {} spans",
                o.documents,
                o.contacts,
                o.undated,
                o.per_participant.len(),
                spans
            ));
            ui.add_space(6.0);
            progress(ui, o);
            ui.separator();
            ui.columns(2, |cols| {
                if let [left, right] = cols {
                    contacts_per_month(left, o);
                    labels_chart(right, o, labels);
                }
            });
            ui.separator();
            participants(ui, o);
        });
}

fn progress(ui: &mut Ui, o: &Overview) {
    ui.strong("Progress");
    let done = o.status_count(Status::Done);
    let fraction = if o.documents == 0 {
        0.0
    } else {
        done as f32 / o.documents as f32
    };
    ui.add(
        egui::ProgressBar::new(fraction)
            .text(format!(
                "{done} of {} done ({:.0}%)",
                o.documents,
                fraction * 100.0
            ))
            .desired_width(ui.available_width().min(700.0)),
    );
    ui.horizontal_wrapped(|ui| {
        for s in Status::ALL {
            let (name, color) = status_badge(s);
            ui.label(RichText::new(format!("{name}: {}", o.status_count(s))).color(color));
            ui.add_space(8.0);
        }
    });
    let bars: Vec<Bar> = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (name, color) = status_badge(*s);
            Bar::new(i as f64, o.status_count(*s) as f64)
                .name(name)
                .fill(color)
                .width(0.6)
                .horizontal()
        })
        .collect();
    let names: Vec<&str> = Status::ALL.iter().map(|s| status_badge(*s).0).collect();
    chart("overview_status")
        .height(110.0)
        .width(ui.available_width().min(700.0))
        .include_y(-0.5)
        .include_y(3.5)
        .include_x(0.0)
        .y_grid_spacer(|i| integer_marks(i, 8.0))
        .x_grid_spacer(|i| integer_marks(i, 6.0))
        .y_axis_formatter(move |m, _| {
            at_mark(&names, m.value)
                .map(|s| (*s).to_owned())
                .unwrap_or_default()
        })
        .y_axis_min_width(70.0)
        .show(ui, |p| {
            p.bar_chart(BarChart::new("status", bars).horizontal())
        });
}

fn contacts_per_month(ui: &mut Ui, o: &Overview) {
    ui.strong("Contacts per month, by type");
    if o.per_month.is_empty() {
        ui.label(RichText::new("No dated contacts yet.").weak());
        return;
    }
    let rows: Vec<TypeCounts> = o.per_month.iter().map(|m| m.by_type).collect();
    let months: Vec<String> = o.per_month.iter().map(|m| m.month.clone()).collect();
    let charts = stacked_by_type(&rows, false, |i| i as f64);
    chart("overview_months")
        .legend(Legend::default())
        .include_x(-0.5)
        .include_x(months.len() as f64 - 0.5)
        .x_grid_spacer(|i| integer_marks(i, 8.0))
        .x_axis_formatter(move |m, _| at_mark(&months, m.value).cloned().unwrap_or_default())
        .show(ui, |p| {
            for c in charts {
                p.bar_chart(c);
            }
        });
}

fn labels_chart(ui: &mut Ui, o: &Overview, labels: &[Label]) {
    ui.strong("Spans per label");
    let bars: Vec<Bar> = o
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let color = labels
                .iter()
                .find(|x| x.name == l.label)
                .map_or(Color32::GRAY, |x| label_color(&x.color));
            Bar::new(i as f64, l.spans as f64)
                .name(format!("{} ({} documents)", l.label, l.documents))
                .fill(color)
                .width(0.7)
        })
        .collect();
    // Label names are Latin by convention; one written in Arabic script would come out
    // scrambled in egui's text, so the axis shows its position instead.
    let names: Vec<String> = o
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if l.label.chars().any(is_arabic_letter) {
                format!("#{}", i + 1)
            } else {
                l.label.clone()
            }
        })
        .collect();
    let n = names.len();
    chart("overview_labels")
        .include_x(-0.5)
        .include_x(n as f64 - 0.5)
        .x_grid_spacer(|i| integer_marks(i, 10.0))
        .x_axis_formatter(move |m, _| at_mark(&names, m.value).cloned().unwrap_or_default())
        .show(ui, |p| p.bar_chart(BarChart::new("spans", bars)));
}

fn participants(ui: &mut Ui, o: &Overview) {
    ui.strong(format!(
        "Contacts per participant, by type (top {} of {})",
        o.top_participants(TOP_PARTICIPANTS).len(),
        o.per_participant.len()
    ));
    let top = o.top_participants(TOP_PARTICIPANTS);
    if top.is_empty() {
        ui.label(RichText::new("No participants yet.").weak());
        return;
    }
    let n = top.len();
    // Rank 1 at the top: bar i stands at n - 1 - i.
    let rows: Vec<TypeCounts> = top.iter().map(|p| p.by_type).collect();
    let charts = stacked_by_type(&rows, true, |i| (n - 1 - i) as f64);
    let height = (n as f32 * 24.0 + 60.0).max(PLOT_HEIGHT);
    ui.horizontal_top(|ui| {
        let width = (ui.available_width() * 0.55).max(200.0);
        ui.vertical(|ui| {
            ui.set_width(width);
            chart("overview_participants")
                .height(height)
                .legend(Legend::default())
                .include_y(-0.5)
                .include_y(n as f64 - 0.5)
                .include_x(0.0)
                .y_grid_spacer(|i| integer_marks(i, 20.0))
                .x_grid_spacer(|i| integer_marks(i, 6.0))
                .y_axis_formatter(move |m, _| {
                    let v = m.value;
                    if v < 0.0 || v.fract().abs() > 1e-6 || v.round() as usize >= n {
                        return String::new();
                    }
                    format!("{}", n - v.round() as usize)
                })
                .show(ui, |p| {
                    for c in charts {
                        p.bar_chart(c);
                    }
                });
        });
        ui.vertical(|ui| {
            // Names through the RTL engine: many are Persian or Arabic as written.
            egui::Grid::new("overview_participant_names")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    ui.label(RichText::new("#").weak());
                    ui.label(RichText::new("Participant").weak());
                    ui.label(RichText::new("Contacts").weak());
                    ui.end_row();
                    for (i, p) in top.iter().enumerate() {
                        ui.label(format!("{}", i + 1));
                        rtl_label(ui, &p.name);
                        ui.label(p.total().to_string());
                        ui.end_row();
                    }
                });
        });
    });
}
