//! When and where to autosave. The write itself happens on the saver thread.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Suffix of every autosave file.
pub const AUTOSAVE_SUFFIX: &str = ".autosave.json";
/// Default time between autosaves while there are unsaved changes.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);

/// Where a dataset's autosave goes: beside a saved dataset (`ds.json` → `ds.autosave.json`),
/// or for a dataset never saved, `autosave/untitled-<id>.autosave.json` in the app's data dir.
#[must_use]
pub fn autosave_path(dataset: Option<&Path>, data_dir: &Path, untitled_id: &str) -> PathBuf {
    match dataset {
        Some(p) => {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "dataset".into());
            p.with_file_name(format!("{stem}{AUTOSAVE_SUFFIX}"))
        }
        None => untitled_dir(data_dir).join(format!("untitled-{untitled_id}{AUTOSAVE_SUFFIX}")),
    }
}

/// The folder that holds autosaves of datasets never saved.
#[must_use]
pub fn untitled_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("autosave")
}

/// Tracks whether an autosave is due.
#[derive(Debug)]
pub struct AutosaveTimer {
    interval: Duration,
    last: Instant,
    written_revision: Option<u64>,
}

impl AutosaveTimer {
    /// A timer that fires `interval` after the last autosave.
    #[must_use]
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            last: Instant::now(),
            written_revision: None,
        }
    }

    /// True when the state at `revision` is dirty, not yet autosaved, and the interval passed.
    #[must_use]
    pub fn due(&self, dirty: bool, revision: u64) -> bool {
        dirty && self.written_revision != Some(revision) && self.last.elapsed() >= self.interval
    }

    /// Record that an autosave of `revision` was queued.
    pub fn queued(&mut self, revision: u64) {
        self.last = Instant::now();
        self.written_revision = Some(revision);
    }

    /// Forget what was written (a new dataset was opened).
    pub fn reset(&mut self) {
        self.last = Instant::now();
        self.written_revision = None;
    }

    /// How long until the next check is worth doing.
    #[must_use]
    pub fn remaining(&self) -> Duration {
        self.interval.saturating_sub(self.last.elapsed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_beside_dataset_or_in_data_dir() {
        let p = autosave_path(Some(Path::new("/w/news.json")), Path::new("/d"), "x");
        assert_eq!(p, PathBuf::from("/w/news.autosave.json"));
        let p = autosave_path(None, Path::new("/d"), "42");
        assert_eq!(p, PathBuf::from("/d/autosave/untitled-42.autosave.json"));
    }

    #[test]
    fn due_only_when_dirty_and_new() {
        let mut t = AutosaveTimer::new(Duration::ZERO);
        assert!(!t.due(false, 1));
        assert!(t.due(true, 1));
        t.queued(1);
        assert!(!t.due(true, 1));
        assert!(t.due(true, 2));
    }
}
