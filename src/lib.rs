//! Khabar: turns Persian and Arabic news articles into a labeled dataset.
//!
//! The core (everything but [`gui`]) builds without any GUI crate: ingest, cleaning,
//! extraction, the document and span model, dataset I/O and exports. The app and the headless
//! CLI both drive this same core.

pub mod agree;
pub mod clean;
pub mod cli;
pub mod document_diff;
pub mod eval;
pub mod export;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod io;
pub mod lang;
pub mod model;
pub mod pipeline;
pub mod schema;
pub mod session;
pub mod stats;
pub mod text;
pub mod validate;

#[cfg(feature = "gui")]
pub mod gui;
