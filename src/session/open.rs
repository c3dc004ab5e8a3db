//! The open dataset: documents, undo history, where it is saved, and which document is shown.

use std::path::PathBuf;

use crate::model::{Dataset, Document, History};

/// One open dataset.
pub struct Session {
    /// The documents and labels.
    pub dataset: Dataset,
    /// Undo, redo and the saved revision.
    pub history: History,
    /// Where the dataset is saved; `None` until the first save.
    pub path: Option<PathBuf>,
    /// Index of the document shown.
    pub current: usize,
    /// Names the autosave of a dataset never saved.
    pub untitled_id: String,
    /// A save is running.
    pub saving: bool,
}

impl Session {
    /// A session over a dataset, clean, showing the first document.
    #[must_use]
    pub fn new(dataset: Dataset, path: Option<PathBuf>) -> Self {
        Self {
            dataset,
            history: History::new(),
            path,
            current: 0,
            untitled_id: chrono::Local::now().format("%Y%m%d-%H%M%S").to_string(),
            saving: false,
        }
    }

    /// The document shown, if any.
    #[must_use]
    pub fn document(&self) -> Option<&Document> {
        self.dataset.documents.get(self.current).map(|d| &**d)
    }

    /// Unsaved changes exist.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The name shown in the title bar.
    #[must_use]
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.to_string_lossy().into_owned()),
            None => "untitled".into(),
        }
    }

    /// Documents done, out of all.
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .dataset
            .documents
            .iter()
            .filter(|d| d.status == crate::model::Status::Done)
            .count();
        (done, self.dataset.documents.len())
    }
}
