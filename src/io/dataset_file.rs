//! Reading and writing dataset files.
//!
//! Loading parses, checks `format` and `version` (a newer version is refused, never
//! half-read), and validates every span; saving is atomic (see [`super::atomic`]).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::atomic::{WriteError, write_atomic};
use crate::model::{Dataset, FORMAT, VERSION};
use crate::validate::{Problem, validate};

/// Datasets larger than this are refused before reading: 10,000 documents take about 150 MB, so
/// 2 GiB leaves room for large projects while keeping a wrong file (a disk image) out of memory.
pub const MAX_DATASET_BYTES: u64 = 2 << 30;

/// Why a dataset file could not be loaded. Names the file and, where it applies, the JSON path.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// The file is larger than [`MAX_DATASET_BYTES`].
    #[error("{}: {size} bytes is over the {limit}-byte limit for a dataset", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not JSON at all.
    #[error("{}: not valid JSON at line {line}, column {column}: {message}", path.display())]
    NotJson {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// JSON, but not a Khabar dataset.
    #[error("{}: not a Khabar dataset ({why})", path.display())]
    NotADataset {
        /// The file.
        path: PathBuf,
        /// What is missing or wrong.
        why: String,
    },
    /// Written by a newer Khabar.
    #[error(
        "{}: dataset version {found} is newer than this Khabar reads (up to {supported}); update Khabar to open it",
        path.display()
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A value has the wrong shape.
    #[error("{}: at {json_path}: {message}", path.display())]
    Shape {
        /// The file.
        path: PathBuf,
        /// Where in the JSON, e.g. `documents[3].entities[0].start`.
        json_path: String,
        /// What is wrong.
        message: String,
    },
}

/// A dataset read from disk, with the problems validation found (empty when all is well).
#[derive(Debug)]
pub struct Loaded {
    /// The dataset.
    pub dataset: Dataset,
    /// Offsets, labels or ids that do not check out; see [`crate::validate`].
    pub problems: Vec<Problem>,
}

/// Read, parse and validate a dataset file.
pub fn load_dataset(path: &Path) -> Result<Loaded, LoadError> {
    let io_err = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let size = fs::metadata(path).map_err(io_err)?.len();
    if size > MAX_DATASET_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_DATASET_BYTES,
        });
    }
    let bytes = fs::read(path).map_err(io_err)?;
    let dataset = parse_dataset(&bytes, path)?;
    let problems = validate(&dataset);
    Ok(Loaded { dataset, problems })
}

/// The two fields that say what a file is, read before anything else.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Parse dataset bytes; `path` is only used in messages.
pub fn parse_dataset(bytes: &[u8], path: &Path) -> Result<Dataset, LoadError> {
    // The fast path parses without tracking paths; only a file that fails is parsed again to
    // say where (path tracking costs about a third of the parse time).
    if let Ok(dataset) = serde_json::from_slice::<Dataset>(bytes) {
        check_header(
            path,
            Some(&serde_json::Value::from(dataset.format.clone())),
            Some(&dataset.version.into()),
        )?;
        return Ok(dataset);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let err = match serde_path_to_error::deserialize::<_, Dataset>(&mut de) {
        Ok(_) => match de.end() {
            Err(e) => {
                return Err(LoadError::NotJson {
                    path: path.to_owned(),
                    line: e.line(),
                    column: e.column(),
                    message: strip_position(&e.to_string()),
                });
            }
            Ok(()) => {
                return Err(LoadError::NotADataset {
                    path: path.to_owned(),
                    why: "unreadable".into(),
                });
            }
        },
        Err(err) => err,
    };
    // Prefer saying what the file is (another format, a newer version) over the first field
    // that did not fit, which would only confuse.
    if let Ok(h) = serde_json::from_slice::<Header>(bytes) {
        check_header(path, h.format.as_ref(), h.version.as_ref())?;
    }
    let inner = err.inner();
    if inner.is_syntax() || inner.is_eof() || inner.is_io() {
        return Err(LoadError::NotJson {
            path: path.to_owned(),
            line: inner.line(),
            column: inner.column(),
            message: strip_position(&inner.to_string()),
        });
    }
    let json_path = err.path().to_string();
    if json_path == "." && bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(LoadError::NotADataset {
            path: path.to_owned(),
            why: "the top level is not an object".into(),
        });
    }
    Err(LoadError::Shape {
        path: path.to_owned(),
        json_path,
        message: strip_position(&inner.to_string()),
    })
}

fn check_header(
    path: &Path,
    format: Option<&serde_json::Value>,
    version: Option<&serde_json::Value>,
) -> Result<(), LoadError> {
    let not = |why: String| LoadError::NotADataset {
        path: path.to_owned(),
        why,
    };
    match format.and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Err(not(format!("format is {other:?}, expected {FORMAT:?}"))),
        None => return Err(not(format!("no \"format\": {FORMAT:?} field"))),
    }
    match version.and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(VERSION) => Err(LoadError::NewerVersion {
            path: path.to_owned(),
            found: v,
            supported: VERSION,
        }),
        Some(0) | None => Err(not("no valid \"version\" field".into())),
        Some(_) => Ok(()),
    }
}

/// serde_json appends " at line L column C"; the error already carries the position.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Write a dataset atomically: UTF-8 JSON with the header fields first and then one document a
/// line, so a diff shows which documents changed and a 10,000-document file stays quick to
/// write (pretty-printing put every alignment number on its own line and doubled the size).
pub fn save_dataset(path: &Path, dataset: &Dataset) -> Result<(), WriteError> {
    write_atomic(path, |w| write_dataset(w, dataset))
}

/// Write a dataset's JSON to any writer, in the layout [`save_dataset`] uses.
pub fn write_dataset(w: &mut dyn Write, dataset: &Dataset) -> io::Result<()> {
    let head = Dataset {
        documents: Vec::new(),
        ..dataset.clone()
    };
    let head = serde_json::to_value(&head).map_err(io::Error::other)?;
    let Some(fields) = head.as_object() else {
        return Err(io::Error::other("a dataset always serializes to an object"));
    };
    w.write_all(b"{")?;
    for (key, value) in fields.iter().filter(|(k, _)| k.as_str() != "documents") {
        serde_json::to_writer(&mut *w, key).map_err(io::Error::other)?;
        w.write_all(b": ")?;
        serde_json::to_writer(&mut *w, value).map_err(io::Error::other)?;
        w.write_all(b",\n")?;
    }
    w.write_all(b"\"documents\": [")?;
    for (i, doc) in dataset.documents.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, doc).map_err(io::Error::other)?;
    }
    w.write_all(b"\n]}\n")
}

/// Serialize a dataset to bytes in the layout of [`save_dataset`] (for autosave, which writes
/// on a worker thread from a snapshot).
#[must_use]
pub fn dataset_to_bytes(dataset: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing plain data into a Vec cannot fail.
    let _ = write_dataset(&mut out, dataset);
    out
}

/// The source article that writing a dataset to `path` would overwrite, if any (compared after
/// resolving links, so another spelling of the same path is caught).
#[must_use]
pub fn writes_over_source(path: &Path, dataset: &Dataset) -> Option<PathBuf> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    dataset.documents.iter().find_map(|d| {
        let src = Path::new(&d.source.path);
        let resolved = fs::canonicalize(src).unwrap_or_else(|_| src.to_owned());
        (resolved == target).then(|| src.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
        let p = dir.join(name);
        fs::write(&p, body).expect("write fixture");
        p
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("d.json");
        let mut ds = Dataset::default();
        for i in 0..3 {
            let source = crate::model::Source {
                path: format!("{i}.txt"),
                file_name: format!("{i}.txt"),
                sha256: String::new(),
                encoding: "UTF-8".into(),
                format: crate::model::SourceFormat::Text,
            };
            ds.documents.push(
                (crate::model::Document::from_plain_text(
                    format!("d{i}"),
                    source,
                    crate::model::Language::Fa,
                    format!("متن «{i}»\nخط دوم"),
                ))
                .into(),
            );
        }
        save_dataset(&p, &ds).expect("save");
        let written = fs::read_to_string(&p).expect("read");
        assert_eq!(
            written.lines().filter(|l| l.starts_with("{\"id\"")).count(),
            3,
            "{written}"
        );
        let loaded = load_dataset(&p).expect("load");
        assert_eq!(loaded.dataset, ds);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn clear_messages_for_bad_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let msg = |p: &Path| load_dataset(p).expect_err("must fail").to_string();

        let m = msg(&write(
            d,
            "a.json",
            "{\"format\": \"khabar.dataset\", \"version\": 1,",
        ));
        assert!(m.contains("a.json") && m.contains("not valid JSON"), "{m}");

        let m = msg(&write(d, "b.json", "[1,2]"));
        assert!(
            m.contains("b.json") && m.contains("not a Khabar dataset"),
            "{m}"
        );

        let m = msg(&write(
            d,
            "c.json",
            "{\"format\": \"khabar.dataset\", \"version\": 7, \"labels\": [], \"documents\": [], \"new\": 1}",
        ));
        assert!(
            m.contains("c.json") && m.contains("version 7 is newer"),
            "{m}"
        );

        let m = msg(&write(
            d,
            "e.json",
            "{\"format\": \"khabar.dataset\", \"version\": 1, \"labels\": [], \"documents\": [{\"id\": 5}]}",
        ));
        assert!(m.contains("e.json") && m.contains("documents[0].id"), "{m}");

        let m = msg(&d.join("missing.json"));
        assert!(m.contains("missing.json"), "{m}");

        let m = msg(&write(d, "f.json", ""));
        assert!(m.contains("f.json") && m.contains("not valid JSON"), "{m}");
    }
}
