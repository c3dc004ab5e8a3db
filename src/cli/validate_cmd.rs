//! `khabar validate FILE`.

use std::path::Path;
use std::process::ExitCode;

use crate::io::load_dataset;

/// Load and validate; print a summary or the first problems.
pub fn run(file: &Path, max_problems: usize) -> ExitCode {
    let loaded = match load_dataset(file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("khabar validate: {e}");
            return ExitCode::from(1);
        }
    };
    if loaded.problems.is_empty() {
        let spans: usize = loaded
            .dataset
            .documents
            .iter()
            .map(|d| d.entities.len())
            .sum();
        println!(
            "{}: valid khabar.dataset v{}, {} documents, {spans} entity spans",
            file.display(),
            loaded.dataset.version,
            loaded.dataset.documents.len()
        );
        return ExitCode::SUCCESS;
    }
    eprintln!("{}: {} problem(s)", file.display(), loaded.problems.len());
    for p in loaded.problems.iter().take(max_problems) {
        eprintln!("  {p}");
    }
    if loaded.problems.len() > max_problems {
        eprintln!("  ... and {} more", loaded.problems.len() - max_problems);
    }
    ExitCode::from(1)
}
