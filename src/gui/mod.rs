//! The eframe app. A thin layer over the core: it reads state and sends edits.
//!
//! Layout and input produce [`commands::Command`]s; the app executes them after the frame is
//! laid out. Disk work runs on named worker threads ([`workers`]); the text of documents is only
//! ever drawn through [`text_ports`], the seam to the RTL text engine.

pub mod app;
pub mod commands;
pub mod desktop;
pub mod export_menu;
pub mod file_dialog;
pub mod keymap;
pub mod notifications;
pub mod panels;
pub mod samples;
pub mod state;
pub mod text;
pub mod text_ports;
pub mod views;
pub mod workers;

use std::path::PathBuf;

pub use app::{AppConfig, KhabarApp};

/// The application id: names the data dir, the desktop file and the X11 class.
pub const APP_ID: &str = "khabar";

/// Open the main window and run until it closes.
pub fn run(paths: Vec<PathBuf>) -> Result<(), eframe::Error> {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/khabar.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Khabar")
        .with_app_id(APP_ID)
        .with_inner_size([1400.0, 860.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    // Relative paths from the command line are resolved now, before anything changes directory.
    let paths = paths
        .into_iter()
        .map(|p| std::path::absolute(&p).unwrap_or(p))
        .collect();
    eframe::run_native(
        "Khabar",
        options,
        Box::new(move |cc| {
            let config = AppConfig {
                paths,
                ..AppConfig::default()
            };
            Ok(Box::new(KhabarApp::new(cc, config)))
        }),
    )
}
