//! Finding autosaves left by a run that did not end with a save (a crash, a power cut).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::session::autosave::{AUTOSAVE_SUFFIX, autosave_path, untitled_dir};

/// An autosave the analyst can recover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryOffer {
    /// The autosave file.
    pub autosave: PathBuf,
    /// The dataset it belongs to, or `None` for a dataset never saved.
    pub dataset: Option<PathBuf>,
    /// When the autosave was written.
    pub modified: SystemTime,
}

fn modified(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// The autosave of a saved dataset, if it is newer than the dataset.
#[must_use]
pub fn offer_for_dataset(dataset: &Path, data_dir: &Path) -> Option<RecoveryOffer> {
    let autosave = autosave_path(Some(dataset), data_dir, "");
    let auto_time = modified(&autosave)?;
    let newer = modified(dataset).is_none_or(|d| auto_time > d);
    newer.then(|| RecoveryOffer {
        autosave,
        dataset: Some(dataset.to_owned()),
        modified: auto_time,
    })
}

/// Autosaves of datasets never saved, newest first.
#[must_use]
pub fn untitled_offers(data_dir: &Path) -> Vec<RecoveryOffer> {
    let Ok(entries) = std::fs::read_dir(untitled_dir(data_dir)) else {
        return Vec::new();
    };
    let mut offers: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(AUTOSAVE_SUFFIX))
        .filter_map(|autosave| {
            Some(RecoveryOffer {
                modified: modified(&autosave)?,
                autosave,
                dataset: None,
            })
        })
        .collect();
    offers.sort_by_key(|o| std::cmp::Reverse(o.modified));
    offers
}

/// Human form of an autosave's age.
#[must_use]
pub fn describe_age(t: SystemTime) -> String {
    let dt: chrono::DateTime<chrono::Local> = t.into();
    dt.format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_only_newer_autosaves() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ds = dir.path().join("ds.json");
        std::fs::write(&ds, "{}").expect("write");
        assert_eq!(offer_for_dataset(&ds, dir.path()), None);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let auto = dir.path().join("ds.autosave.json");
        std::fs::write(&auto, "{}").expect("write");
        let offer = offer_for_dataset(&ds, dir.path()).expect("newer autosave offered");
        assert_eq!(offer.autosave, auto);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&ds, "{}").expect("write");
        assert_eq!(offer_for_dataset(&ds, dir.path()), None);
    }
}
