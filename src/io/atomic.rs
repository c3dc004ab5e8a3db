//! Crash-safe file writes: a temp file in the same folder, fsync, rename, fsync the folder.
//!
//! A rename within one folder is atomic on the file systems Khabar runs on, so a reader (or
//! the next start after a power cut) sees either the old file whole or the new file whole.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Extensions of article files Khabar reads. A dataset is never written to such a path, so a
/// slip in a save dialog cannot overwrite a source article.
pub const ARTICLE_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

/// Why a file could not be written. The previous file at the path, if any, is untouched.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The path names an article file, which Khabar never overwrites.
    #[error("{}: refusing to write a dataset over an article file", .0.display())]
    WouldOverwriteArticle(PathBuf),
    /// The path has no parent folder or file name.
    #[error("{}: not a file path", .0.display())]
    NotAFilePath(PathBuf),
    /// The file system refused.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
}

/// True when `path` has an article extension (case-insensitive).
#[must_use]
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

/// Write a file atomically, filling it through `fill`.
///
/// The temp file is `.<name>.<pid>.khabar-tmp` beside the target; it is removed on failure.
pub fn write_atomic<F>(path: &Path, fill: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
{
    if is_article_path(path) {
        return Err(WriteError::WouldOverwriteArticle(path.to_owned()));
    }
    let io_err = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let name = path
        .file_name()
        .ok_or_else(|| WriteError::NotAFilePath(path.to_owned()))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        ".{}.{}.khabar-tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        {
            let mut w = BufWriter::with_capacity(1 << 20, &file);
            fill(&mut w)?;
            w.flush()?;
        }
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        // Make the rename itself durable: without syncing the folder a power cut can bring back
        // the old directory entry.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("d.json");
        write_atomic(&p, |w| w.write_all(b"first")).expect("write");
        write_atomic(&p, |w| w.write_all(b"second")).expect("write");
        assert_eq!(fs::read(&p).expect("read"), b"second");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(leftovers.len(), 1, "no temp file left behind");
    }

    #[test]
    fn failed_fill_keeps_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("d.json");
        write_atomic(&p, |w| w.write_all(b"good")).expect("write");
        let err = write_atomic(&p, |_| Err(io::Error::other("boom")));
        assert!(err.is_err());
        assert_eq!(fs::read(&p).expect("read"), b"good");
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn never_over_an_article() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("article.TXT");
        fs::write(&p, "متن").expect("write");
        assert!(matches!(
            write_atomic(&p, |w| w.write_all(b"x")),
            Err(WriteError::WouldOverwriteArticle(_))
        ));
        assert_eq!(fs::read_to_string(&p).expect("read"), "متن");
    }
}
