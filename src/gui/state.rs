//! What the app remembers between runs, kept apart from what only lives for one session.
//!
//! Stored through `eframe::Storage` under [`STORAGE_KEY`]. Panel widths and the window's size
//! and position are persisted by egui and eframe themselves.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The key the persisted state is stored under.
pub const STORAGE_KEY: &str = "khabar.state.v1";
/// How many recent datasets the start screen lists.
pub const MAX_RECENT: usize = 12;

/// State that survives a restart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersistedState {
    /// Recently opened or saved datasets, newest first.
    pub recent: Vec<PathBuf>,
    /// The id of the document last open in each dataset, keyed by the dataset's path.
    pub last_document: BTreeMap<String, String>,
    /// Which panels are shown.
    pub layout: Layout,
    /// Name of the label palette in use.
    pub palette: String,
    /// Always use the built-in file browser (for desktops without a dialog service).
    pub builtin_file_browser: bool,
    /// The folder the file browser last showed.
    pub last_folder: Option<PathBuf>,
}

impl Default for PersistedState {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            last_document: BTreeMap::new(),
            layout: Layout::default(),
            palette: "default".into(),
            builtin_file_browser: false,
            last_folder: None,
        }
    }
}

/// Which panels are visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    /// The document list on the left.
    pub doc_list: bool,
    /// The fields panel on the right.
    pub fields: bool,
    /// The entity list at the bottom.
    pub entities: bool,
    /// The log panel.
    pub log: bool,
    /// Removed blocks shown greyed in the article.
    pub show_removed: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            doc_list: true,
            fields: true,
            entities: true,
            log: false,
            show_removed: false,
        }
    }
}

impl PersistedState {
    /// Put a dataset at the top of the recent list.
    pub fn remember_dataset(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }

    /// Remember the document open in a dataset.
    pub fn remember_document(&mut self, dataset: &Path, doc_id: &str) {
        self.last_document
            .insert(dataset.to_string_lossy().into_owned(), doc_id.to_owned());
    }

    /// The document last open in a dataset.
    #[must_use]
    pub fn last_document_of(&self, dataset: &Path) -> Option<&str> {
        self.last_document
            .get(dataset.to_string_lossy().as_ref())
            .map(String::as_str)
    }

    /// Load from eframe's storage; a missing or unreadable entry gives the defaults.
    #[must_use]
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default()
    }

    /// Write to eframe's storage.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }
}
