//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The seed articles: `../shared/seeds` beside the crate (where CI has them), one level further
/// up for a git worktree, or `KHABAR_SEEDS`. `None` (with a printed note) when absent.
pub fn seeds_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = std::env::var_os("KHABAR_SEEDS")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            root.join("../shared/seeds"),
            root.join("../../shared/seeds"),
        ]);
    for c in candidates {
        if c.join("expected.json").is_file() {
            return Some(c);
        }
    }
    println!("note: ../shared/seeds not found; seed checks skipped");
    None
}

/// The seed article files, sorted.
pub fn seed_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Run the `khabar` binary with `args`; returns (exit code, stdout, stderr).
pub fn khabar(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .output()
        .expect("run the khabar binary");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
