//! The document and span model: the dataset contract and the edits that change it.

pub mod dataset;
pub mod edit;

pub use dataset::*;
pub use edit::{Edit, EditError, History, TextState};
