//! Tests that drive the real widgets and the real app through egui_kittest (headless, no GPU):
//! the right-to-left text view and editor, and the app's workflows and crash recovery.
//! Built only with the `gui-tests` feature, as one binary (see `tests/core/main.rs` for why).

mod app_common;

mod app_annotate;
mod app_datasets;
mod app_recovery;
mod app_workflow;
mod text_view;
