//! Files and folders named by the user, expanded into the list of article files to read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{IngestError, InputFile, InputKind};

/// Expands files and folders into the article files to read.
///
/// Folders are walked recursively (following links, with loop detection from `walkdir`), their
/// entries sorted by name; hidden files and folders (names starting with `.`) and files of
/// unknown kinds are skipped there. A file named explicitly is taken whatever its extension,
/// except a known non-article (see [`InputKind::from_path`]): a file with no extension is read as
/// text. The same file reached twice (named twice, or named and inside a named folder) is listed
/// once, at its first place.
///
/// Problems do not stop the walk: each missing path, unreadable folder or folder without article
/// files gives one error, and the rest is still returned.
#[must_use]
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<IngestError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |inputs: &mut Vec<InputFile>, path: PathBuf, kind: InputKind| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            inputs.push(InputFile { path, kind });
        }
    };
    for path in paths {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(source) => {
                errors.push(super::io_error(path, source));
                continue;
            }
        };
        if metadata.is_dir() {
            let before = inputs.len();
            walk_folder(path, &mut errors, |file, kind| {
                push(&mut inputs, file, kind)
            });
            if inputs.len() == before && !errors.iter().any(|e| e.path().starts_with(path)) {
                errors.push(IngestError::EmptyFolder { path: path.clone() });
            }
        } else {
            match InputKind::from_path(path) {
                Some(kind) => push(&mut inputs, path.clone(), kind),
                None if path.extension().is_none() => {
                    push(&mut inputs, path.clone(), InputKind::Text)
                }
                None => errors.push(IngestError::UnsupportedKind { path: path.clone() }),
            }
        }
    }
    (inputs, errors)
}

fn walk_folder(
    root: &Path,
    errors: &mut Vec<IngestError>,
    mut found: impl FnMut(PathBuf, InputKind),
) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if let Some(kind) = InputKind::from_path(entry.path()) {
                    found(entry.into_path(), kind);
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let source = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("the folder links back to itself"));
                errors.push(super::io_error(&path, source));
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}
