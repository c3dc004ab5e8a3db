//! The bundled sample articles, built into the binary so "open bundled samples" works from an
//! installed copy too. They are written out to the data dir and opened like any folder.

use std::path::{Path, PathBuf};

/// File name and text of each sample (our own articles, Persian and Arabic).
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "01-tamas-telefoni.txt",
        include_str!("../../assets/samples/01-tamas-telefoni.txt"),
    ),
    (
        "02-liqa-amman.txt",
        include_str!("../../assets/samples/02-liqa-amman.txt"),
    ),
    (
        "03-neshast-khabari.txt",
        include_str!("../../assets/samples/03-neshast-khabari.txt"),
    ),
];

/// Write the samples to `<data_dir>/samples` (leaving existing copies alone) and return it.
pub fn write_samples(data_dir: &Path) -> Result<PathBuf, String> {
    let dir = data_dir.join("samples");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in SAMPLES {
        let p = dir.join(name);
        if !p.exists() {
            std::fs::write(&p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        }
    }
    Ok(dir)
}
