//! Ingest: article files in, decoded text out.
//!
//! [`collect_inputs`] turns the files and folders the user named into a list of [`InputFile`]s;
//! [`read_article`] reads one of them into a [`RawArticle`]: its bytes' hash and id, the
//! encoding that was detected, and the decoded text (for HTML, the article's main text).
//! Source files are only ever opened for reading.

mod decode;
mod error;
mod html;
mod walk;

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::SourceFormat;

pub use error::IngestError;
pub use walk::collect_inputs;

/// Limits that protect the app from files that are not articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes. Checked against the file's size on disk before reading.
    pub max_file_bytes: u64,
}

impl Limits {
    /// 32 MiB. A long news article is tens of kilobytes and a saved page with inline styles a few
    /// megabytes; the text is then held several times over (raw, cleaned, offset maps, laid-out
    /// lines in the app), so a file beyond this is almost surely a dump or a binary, and reading
    /// it would stall the app for nothing.
    pub const DEFAULT_MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: Self::DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// What kind of input a file is, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// Plain text (`.txt`, or a file without extension named explicitly).
    Text,
    /// An HTML page (`.html`, `.htm`).
    Html,
    /// A Khabar dataset (`.json`); loading it is the dataset module's job, not ingest's.
    Dataset,
}

impl InputKind {
    /// The kind of a file from its extension (case-insensitive), or `None` for other files.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<InputKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(InputKind::Text),
            "html" | "htm" | "xhtml" => Some(InputKind::Html),
            "json" => Some(InputKind::Dataset),
            _ => None,
        }
    }
}

/// A file to read, as found by [`collect_inputs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file, as named by the user or found under a named folder.
    pub path: PathBuf,
    /// Its kind.
    pub kind: InputKind,
}

/// An article file read and decoded, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    /// The file read.
    pub path: PathBuf,
    /// Its file name, for display and for the dataset's `source`.
    pub file_name: String,
    /// SHA-256 of the raw bytes, lower-case hex.
    pub sha256: String,
    /// The first 16 hex digits of `sha256`: a stable document id (the same bytes, the same id).
    pub id: String,
    /// The WHATWG name of the detected encoding, e.g. "UTF-8", "windows-1256", "UTF-16LE".
    pub encoding: &'static str,
    /// Plain text or HTML.
    pub format: SourceFormat,
    /// The decoded text. Plain text: the whole file minus its BOM, line endings untouched
    /// (cleaning maps CRLF). HTML: the article's headline, then its paragraphs, separated by
    /// blank lines.
    pub text: String,
}

/// Reads and decodes one article file.
///
/// The size is checked on the file's metadata before a byte is read, so an oversized file is
/// refused at once; the read itself is capped too, in case the file grows meanwhile.
///
/// # Errors
/// [`IngestError`] for a missing path, a folder, a dataset or unknown kind, a file over
/// `limits.max_file_bytes`, an empty, binary or undecodable file, or an HTML page without article
/// text.
pub fn read_article(path: &Path, limits: &Limits) -> Result<RawArticle, IngestError> {
    let metadata = std::fs::metadata(path).map_err(|source| io_error(path, source))?;
    if metadata.is_dir() {
        return Err(IngestError::IsADirectory {
            path: path.to_path_buf(),
        });
    }
    if !metadata.is_file() {
        return Err(IngestError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let kind = match InputKind::from_path(path) {
        Some(InputKind::Dataset) => {
            return Err(IngestError::NotAnArticle {
                path: path.to_path_buf(),
            });
        }
        Some(kind) => kind,
        None if path.extension().is_none() => InputKind::Text,
        None => {
            return Err(IngestError::UnsupportedKind {
                path: path.to_path_buf(),
            });
        }
    };
    let too_large = |size: u64| IngestError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: limits.max_file_bytes,
    };
    if metadata.len() > limits.max_file_bytes {
        return Err(too_large(metadata.len()));
    }
    let bytes = read_capped(path, limits.max_file_bytes)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }

    let (text, encoding) = decode_article_bytes(&bytes, path, kind)?;
    let sha256 = hex_lower(&Sha256::digest(&bytes));
    Ok(RawArticle {
        path: path.to_path_buf(),
        file_name: path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
        id: sha256.get(..16).unwrap_or(&sha256).to_owned(),
        sha256,
        encoding,
        format: match kind {
            InputKind::Html => SourceFormat::Html,
            InputKind::Text | InputKind::Dataset => SourceFormat::Text,
        },
        text,
    })
}

/// Decodes the bytes of an article held in memory; `path` only names it in errors.
///
/// Returns the text and the WHATWG name of its encoding. For [`InputKind::Html`] the text is the
/// extracted article text; a `<meta charset>` declaration wins over sniffing when it decodes the
/// bytes without error. [`InputKind::Dataset`] bytes are decoded like plain text.
///
/// # Errors
/// [`IngestError::Empty`], [`IngestError::Binary`], [`IngestError::Undecodable`], or
/// [`IngestError::NoArticleText`] for an HTML page without article text.
pub fn decode_article_bytes(
    bytes: &[u8],
    path: &Path,
    kind: InputKind,
) -> Result<(String, &'static str), IngestError> {
    match kind {
        InputKind::Text | InputKind::Dataset => {
            let (text, encoding) = decode::decode_text(bytes, path, None)?;
            Ok((text, encoding.name()))
        }
        InputKind::Html => {
            let (page, encoding) = decode::decode_text(bytes, path, html::declared_charset(bytes))?;
            let text = html::extract_article_text(&page, path)?;
            Ok((text, encoding.name()))
        }
    }
}

/// Reads at most `cap + 1` bytes, so that a file that grew past the cap is noticed without
/// reading all of it.
fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, IngestError> {
    let file = std::fs::File::open(path).map_err(|source| io_error(path, source))?;
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| io_error(path, source))?;
    Ok(bytes)
}

/// Maps "not found" to [`IngestError::Missing`] so that the message says so plainly.
fn io_error(path: &Path, source: std::io::Error) -> IngestError {
    if source.kind() == std::io::ErrorKind::NotFound {
        IngestError::Missing {
            path: path.to_path_buf(),
        }
    } else {
        IngestError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_extensions() {
        assert_eq!(
            InputKind::from_path(Path::new("a/b.TXT")),
            Some(InputKind::Text)
        );
        assert_eq!(
            InputKind::from_path(Path::new("a/b.htm")),
            Some(InputKind::Html)
        );
        assert_eq!(
            InputKind::from_path(Path::new("b.json")),
            Some(InputKind::Dataset)
        );
        assert_eq!(InputKind::from_path(Path::new("b.png")), None);
        assert_eq!(InputKind::from_path(Path::new("README")), None);
    }

    #[test]
    fn hex_is_lower_case_and_padded() {
        assert_eq!(hex_lower(&[0x00, 0xAB, 0x0F]), "00ab0f");
    }
}
