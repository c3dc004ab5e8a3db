//! Khabar: turns Persian and Arabic news articles into a labeled dataset.
//!
//! The core (everything but [`gui`]) builds without any GUI crate: ingest, cleaning,
//! extraction, the document and span model, dataset I/O and exports. The app and the headless
//! CLI both drive this same core.

pub mod eval;
pub mod extract;
pub mod model;
pub mod text;

#[cfg(feature = "gui")]
pub mod gui;
