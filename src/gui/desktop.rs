//! `khabar install-desktop`: a desktop entry, MIME types for datasets and articles, and the icon,
//! under the user's XDG data dir (`~/.local/share` unless `XDG_DATA_HOME` says otherwise).

use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

const DESKTOP: &str = include_str!("../../assets/khabar.desktop");
const MIME: &str = include_str!("../../assets/mime/khabar.xml");
const SVG: &str = include_str!("../../assets/khabar.svg");
const PNG: &[u8] = include_bytes!("../../assets/khabar.png");

/// Why installing failed.
#[derive(Debug, Error)]
pub enum DesktopError {
    /// Neither `XDG_DATA_HOME` nor a home folder is known.
    #[error("cannot find the data dir: neither XDG_DATA_HOME nor HOME is set")]
    NoDataDir,
    /// The running binary's path is unknown, so `Exec=` cannot point at it.
    #[error("cannot find the path of the running khabar binary: {0}")]
    NoExe(std::io::Error),
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// What was installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// Every file written.
    pub files: Vec<PathBuf>,
    /// Cache tools that ran (`update-mime-database`, `update-desktop-database`, ...).
    pub refreshed: Vec<String>,
}

/// Install for the current user, pointing `Exec=` at the running binary.
pub fn install_desktop() -> Result<Installed, DesktopError> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::home_dir().map(|h| h.join(".local").join("share")))
        .ok_or(DesktopError::NoDataDir)?;
    let exe = std::env::current_exe().map_err(DesktopError::NoExe)?;
    install_into(&data, &exe)
}

/// Install under `data` (an XDG data dir) with `Exec=` running `exe`.
pub fn install_into(data: &Path, exe: &Path) -> Result<Installed, DesktopError> {
    let exec = desktop_quote(&exe.to_string_lossy());
    let desktop = DESKTOP
        .replace("Exec=khabar %F", &format!("Exec={exec} %F"))
        .replace("TryExec=khabar", &format!("TryExec={exec}"));
    let files = [
        (
            data.join("applications/khabar.desktop"),
            desktop.into_bytes(),
        ),
        (
            data.join("mime/packages/khabar.xml"),
            MIME.as_bytes().to_vec(),
        ),
        (
            data.join("icons/hicolor/scalable/apps/khabar.svg"),
            SVG.as_bytes().to_vec(),
        ),
        (
            data.join("icons/hicolor/256x256/apps/khabar.png"),
            PNG.to_vec(),
        ),
    ];
    let mut written = Vec::new();
    for (path, bytes) in files {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| DesktopError::Write {
                path: dir.to_owned(),
                source,
            })?;
        }
        std::fs::write(&path, bytes).map_err(|source| DesktopError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    // The caches are a convenience: desktops rebuild them on their own, so a missing tool is fine.
    let mut refreshed = Vec::new();
    let tools: [(&str, Vec<PathBuf>); 3] = [
        ("update-mime-database", vec![data.join("mime")]),
        ("update-desktop-database", vec![data.join("applications")]),
        (
            "gtk-update-icon-cache",
            vec![
                PathBuf::from("-f"),
                PathBuf::from("-t"),
                data.join("icons/hicolor"),
            ],
        ),
    ];
    for (tool, args) in tools {
        if Command::new(tool)
            .args(&args)
            .output()
            .is_ok_and(|o| o.status.success())
        {
            refreshed.push(tool.to_owned());
        }
    }
    Ok(Installed {
        files: written,
        refreshed,
    })
}

/// Quote a path for `Exec=` as the Desktop Entry spec asks, when it needs it.
fn desktop_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_alphanumeric() || "/._-+".contains(c))
    {
        return s.to_owned();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installs_every_file_with_our_exe() {
        let dir = tempfile::tempdir().expect("tempdir");
        let got = install_into(dir.path(), Path::new("/opt/my apps/khabar")).expect("installs");
        assert_eq!(got.files.len(), 4);
        let desktop = std::fs::read_to_string(dir.path().join("applications/khabar.desktop"))
            .expect("desktop file");
        assert!(
            desktop.contains("Exec=\"/opt/my apps/khabar\" %F"),
            "{desktop}"
        );
        assert!(desktop.contains("MimeType=application/x-khabar-dataset;"));
        let mime =
            std::fs::read_to_string(dir.path().join("mime/packages/khabar.xml")).expect("mime");
        assert!(mime.contains("application/x-khabar-dataset"));
        assert!(
            dir.path()
                .join("icons/hicolor/256x256/apps/khabar.png")
                .is_file()
        );
    }
}
