//! The eframe app. A thin layer over the core: it reads state and sends edits.

pub mod text;
