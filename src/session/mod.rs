//! The open dataset as the app and the crash drill hold it (documents, undo history, where it is
//! saved), and when and where it is autosaved and recovered. GUI-free, so the CLI drill and the
//! tests exercise exactly what the app runs.

pub mod autosave;
pub mod open;
pub mod recovery;
pub mod user_gazetteer;

pub use open::Session;
