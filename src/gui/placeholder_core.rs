//! PLACEHOLDER for the lead's `io` and `pipeline` modules: minimal dataset loading, atomic
//! saving and article processing so the app runs end to end before the real core lands.
//!
//! The lead deletes this file and points the `use` lines in `workers.rs`, `autosave.rs`,
//! `recovery.rs` and `app.rs` at `crate::io` / `crate::pipeline` instead. The signatures mirror
//! the ones agreed in the brief: `save_dataset_atomic(path, &Dataset)`,
//! `load_dataset(path) -> Result<Dataset, LoadError>`, `process_file(path, &Resources)`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::model::{
    Alignment, Dataset, Document, FORMAT, Language, Metadata, Normalization, Source, SourceFormat,
    Status, VERSION,
};

/// Why a dataset file could not be read.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not valid dataset JSON.
    #[error("{path} is not a Khabar dataset: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// Where the JSON is wrong.
        source: serde_json::Error,
    },
    /// `format` or `version` do not match.
    #[error("{path}: {why}")]
    Contract {
        /// The file.
        path: PathBuf,
        /// What does not match.
        why: String,
    },
}

/// Why a dataset could not be saved. The previous file on disk is left as it was.
#[derive(Debug, Error)]
pub enum SaveError {
    /// Writing, syncing or renaming failed.
    #[error("cannot save {path}: {source}")]
    Io {
        /// The target file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Serializing failed (should not happen for a valid dataset).
    #[error("cannot serialize dataset for {path}: {source}")]
    Json {
        /// The target file.
        path: PathBuf,
        /// The serializer's error.
        source: serde_json::Error,
    },
    /// The target is one of the dataset's own source articles.
    #[error("refusing to write the dataset over the source article {0}")]
    WouldOverwriteSource(PathBuf),
}

/// Why an article could not be turned into a document.
#[derive(Debug, Error)]
pub enum ProcessError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8 (the real ingest detects legacy encodings).
    #[error("{0}: not UTF-8 text (the placeholder reader only reads UTF-8)")]
    NotUtf8(PathBuf),
    /// Nothing but whitespace.
    #[error("{0}: the file has no text")]
    Empty(PathBuf),
}

/// Stand-in for the pipeline's shared resources (gazetteer, cleaning rules).
#[derive(Debug, Clone, Default)]
pub struct Resources;

/// Read a dataset file.
pub fn load_dataset(path: &Path) -> Result<Dataset, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let ds: Dataset = serde_json::from_slice(&bytes).map_err(|source| LoadError::Json {
        path: path.to_owned(),
        source,
    })?;
    if ds.format != FORMAT {
        return Err(LoadError::Contract {
            path: path.to_owned(),
            why: format!("format is {:?}, expected {FORMAT:?}", ds.format),
        });
    }
    if ds.version > VERSION {
        return Err(LoadError::Contract {
            path: path.to_owned(),
            why: format!(
                "version {} is newer than this build reads ({VERSION})",
                ds.version
            ),
        });
    }
    Ok(ds)
}

/// Write a dataset so that a crash at any moment leaves either the old or the new file:
/// temp file in the same folder, fsync, rename over the target, fsync the folder.
pub fn save_dataset_atomic(path: &Path, dataset: &Dataset) -> Result<(), SaveError> {
    let io_err = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(src) = writes_over_source(path, dataset) {
        return Err(SaveError::WouldOverwriteSource(src));
    }
    let bytes = serde_json::to_vec_pretty(dataset).map_err(|source| SaveError::Json {
        path: path.to_owned(),
        source,
    })?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dataset.json".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // The rename is only durable once the directory entry is on disk.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

/// The source article `path` would overwrite, if any.
#[must_use]
pub fn writes_over_source(path: &Path, dataset: &Dataset) -> Option<PathBuf> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    dataset.documents.iter().find_map(|d| {
        let src = Path::new(&d.source.path);
        let src_c = fs::canonicalize(src).unwrap_or_else(|_| src.to_owned());
        (src_c == target).then(|| src.to_owned())
    })
}

/// Turn one article file into a document (placeholder: UTF-8 only, no cleaning, no extraction).
pub fn process_file(path: &Path, _resources: &Resources) -> Result<Document, ProcessError> {
    let bytes = fs::read(path).map_err(|source| ProcessError::Io {
        path: path.to_owned(),
        source,
    })?;
    let raw = String::from_utf8(bytes.clone()).map_err(|_| ProcessError::NotUtf8(path.into()))?;
    let raw = raw.replace("\r\n", "\n");
    if raw.trim().is_empty() {
        return Err(ProcessError::Empty(path.to_owned()));
    }
    let digest = Sha256::digest(&bytes);
    let sha: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let n = raw.chars().count();
    let is_html = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    Ok(Document {
        id: sha.chars().take(16).collect(),
        source: Source {
            path: path.to_string_lossy().into_owned(),
            file_name: path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: sha,
            encoding: "UTF-8".into(),
            format: if is_html {
                SourceFormat::Html
            } else {
                SourceFormat::Text
            },
        },
        language: guess_language(&raw),
        text: raw.clone(),
        raw_text: raw,
        removed: Vec::new(),
        alignment: Alignment(vec![[0, 0, n, n]]),
        normalization: Normalization::default(),
        metadata: Metadata::default(),
        fields: crate::model::Fields::default(),
        entities: Vec::new(),
        status: Status::Unreviewed,
        notes: String::new(),
    })
}

/// Persian-only letters against Arabic-only letters; the real `lang.rs` does this properly.
fn guess_language(text: &str) -> Language {
    let fa = text
        .chars()
        .filter(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک'))
        .count();
    let ar = text
        .chars()
        .filter(|c| matches!(c, 'ي' | 'ك' | 'ة' | 'ى'))
        .count();
    match (fa, ar) {
        (0, 0) => Language::Other,
        (f, a) if f >= a => Language::Fa,
        _ => Language::Ar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_refuses_source_and_round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let art = dir.path().join("a.txt");
        fs::write(&art, "وزیر امور خارجه گفت").expect("write");
        let doc = process_file(&art, &Resources).expect("processes");
        assert_eq!(doc.language, Language::Fa);
        let ds = Dataset {
            documents: vec![doc],
            ..Dataset::default()
        };
        assert!(matches!(
            save_dataset_atomic(&art, &ds),
            Err(SaveError::WouldOverwriteSource(_))
        ));
        assert_eq!(
            fs::read_to_string(&art).expect("read"),
            "وزیر امور خارجه گفت"
        );
        let out = dir.path().join("ds.json");
        save_dataset_atomic(&out, &ds).expect("saves");
        assert_eq!(load_dataset(&out).expect("loads"), ds);
    }

    #[test]
    fn bad_files_name_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bad = dir.path().join("bad.json");
        fs::write(&bad, "{not json").expect("write");
        let err = load_dataset(&bad).expect_err("bad json");
        assert!(err.to_string().contains("bad.json"));
        let bin = dir.path().join("bin.txt");
        fs::write(&bin, [0xff, 0xfe, 0x00]).expect("write");
        let err = process_file(&bin, &Resources).expect_err("not utf-8");
        assert!(err.to_string().contains("bin.txt"));
    }
}
