//! Why an input could not be turned into an article.

use std::path::PathBuf;

/// Everything that can go wrong while finding or reading an article file.
///
/// Every variant carries the path and says what is wrong with it, so that a message shown to the
/// analyst (or printed by the CLI) is enough to find and fix the file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{}: no such file or folder", path.display())]
    Missing {
        /// The path that was asked for.
        path: PathBuf,
    },
    /// The operating system refused to read the path (permissions, broken link, I/O failure).
    #[error("{}: cannot read ({source})", path.display())]
    Io {
        /// The path being read.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A folder was given where an article file was expected.
    #[error("{}: is a folder, not an article file", path.display())]
    IsADirectory {
        /// The folder.
        path: PathBuf,
    },
    /// Something that is neither a folder nor a regular file (a device, a pipe, a socket): reading
    /// it could block forever or never end.
    #[error("{}: not a regular file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A folder that holds no file Khabar can read.
    #[error("{}: no article files in this folder (looked for .txt, .html, .htm, .json)", path.display())]
    EmptyFolder {
        /// The folder.
        path: PathBuf,
    },
    /// A file whose extension Khabar does not read, named explicitly by the user.
    #[error("{}: not an article file (expected .txt, .html, .htm or .json)", path.display())]
    UnsupportedKind {
        /// The file.
        path: PathBuf,
    },
    /// A Khabar dataset was passed where an article was expected.
    #[error("{}: is a dataset file, not an article (open it as a dataset)", path.display())]
    NotAnArticle {
        /// The file.
        path: PathBuf,
    },
    /// The file is larger than [`super::Limits::max_file_bytes`]; it was not read.
    #[error("{}: too large ({size} bytes; the limit is {limit} bytes)", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size on disk.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The file holds no text at all, or only whitespace.
    #[error("{}: empty file (no text to annotate)", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file holds binary data (NUL bytes or many control characters), not text.
    #[error("{}: not a text file ({reason})", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// What gave it away, e.g. "binary data at byte 12".
        reason: String,
    },
    /// The bytes could not be decoded as text in any supported encoding.
    #[error("{}: cannot decode the text ({reason})", path.display())]
    Undecodable {
        /// The file.
        path: PathBuf,
        /// Why decoding failed.
        reason: String,
    },
    /// An HTML page in which no article text could be found.
    #[error("{}: no article text found in the HTML page ({reason})", path.display())]
    NoArticleText {
        /// The file.
        path: PathBuf,
        /// What the extractor said.
        reason: String,
    },
}

impl IngestError {
    /// The path the error is about.
    #[must_use]
    pub fn path(&self) -> &std::path::Path {
        match self {
            IngestError::Missing { path }
            | IngestError::Io { path, .. }
            | IngestError::IsADirectory { path }
            | IngestError::NotAFile { path }
            | IngestError::EmptyFolder { path }
            | IngestError::UnsupportedKind { path }
            | IngestError::NotAnArticle { path }
            | IngestError::TooLarge { path, .. }
            | IngestError::Empty { path }
            | IngestError::Binary { path, .. }
            | IngestError::Undecodable { path, .. }
            | IngestError::NoArticleText { path, .. } => path,
        }
    }
}
