//! Non-modal messages: toasts that fade after a while and a log that keeps every message, so an
//! error about one bad file never stops the analyst.

use std::time::{Duration, Instant};

use egui::{Color32, Context, RichText};

/// How serious a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something finished.
    Info,
    /// Something was skipped or refused.
    Warning,
    /// Something failed.
    Error,
}

impl Level {
    fn color(self) -> Color32 {
        match self {
            Level::Info => Color32::from_rgb(120, 190, 255),
            Level::Warning => Color32::from_rgb(240, 190, 60),
            Level::Error => Color32::from_rgb(240, 90, 80),
        }
    }
}

/// One logged message.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Severity.
    pub level: Level,
    /// The message, naming the file and the problem.
    pub text: String,
    /// Wall-clock time, for the log panel.
    pub at: chrono::DateTime<chrono::Local>,
}

const TOAST_LIFE: Duration = Duration::from_secs(8);
const MAX_TOASTS: usize = 5;
const MAX_LOG: usize = 2000;

/// Toasts on screen and the full log.
#[derive(Debug, Default)]
pub struct Notifications {
    toasts: Vec<(Entry, Instant)>,
    log: Vec<Entry>,
}

impl Notifications {
    /// Log a message and show it as a toast.
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        let entry = Entry {
            level,
            text: text.into(),
            at: chrono::Local::now(),
        };
        self.toasts.push((entry.clone(), Instant::now()));
        if self.toasts.len() > MAX_TOASTS {
            self.toasts.remove(0);
        }
        self.log.push(entry);
        if self.log.len() > MAX_LOG {
            self.log.drain(..MAX_LOG / 4);
        }
    }

    /// Log a message without a toast (details behind a toast already shown).
    pub fn log_only(&mut self, level: Level, text: impl Into<String>) {
        self.log.push(Entry {
            level,
            text: text.into(),
            at: chrono::Local::now(),
        });
        if self.log.len() > MAX_LOG {
            self.log.drain(..MAX_LOG / 4);
        }
    }

    /// Every message so far, oldest first.
    #[must_use]
    pub fn log(&self) -> &[Entry] {
        &self.log
    }

    /// Messages still on screen.
    pub fn toasts(&self) -> impl Iterator<Item = &Entry> {
        self.toasts.iter().map(|(e, _)| e)
    }

    /// Draw the toasts in the bottom-right corner; each has a close button.
    pub fn show_toasts(&mut self, ctx: &Context) {
        self.toasts.retain(|(_, t)| t.elapsed() < TOAST_LIFE);
        if self.toasts.is_empty() {
            return;
        }
        ctx.request_repaint_after(Duration::from_millis(500));
        let mut close = None;
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (i, (e, _)) in self.toasts.iter().enumerate() {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_max_width(420.0);
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(format!("{:?}", e.level))
                                    .strong()
                                    .color(e.level.color()),
                            );
                            ui.label(&e.text);
                            if ui.small_button("x").clicked() {
                                close = Some(i);
                            }
                        });
                    });
                }
            });
        if let Some(i) = close {
            self.toasts.remove(i);
        }
    }

    /// The log panel's contents.
    pub fn show_log(&self, ui: &mut egui::Ui) {
        egui::ScrollArea::vertical()
            .stick_to_bottom(true)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for e in &self.log {
                    ui.horizontal_wrapped(|ui| {
                        ui.monospace(e.at.format("%H:%M:%S").to_string());
                        ui.label(RichText::new(format!("{:?}", e.level)).color(e.level.color()));
                        ui.label(&e.text);
                    });
                }
            });
    }
}
