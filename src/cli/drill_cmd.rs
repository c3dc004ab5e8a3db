//! `khabar drill`: a scripted run of edits, autosaves and saves through the same core the app
//! uses, for the crash test (tests/core/crash_sigkill.rs kills it at random points).
//!
//! Edit `n` sets document `n % docs`'s notes to `edit n` and toggles a span, so the newest edit
//! in any file on disk can be read back from the notes. After each autosave and save has
//! reached the disk, it prints `autosaved N` / `saved N` (N = edits applied), flushing stdout.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crate::io::{dataset_to_bytes, load_dataset, save_dataset, write_atomic};
use crate::model::{Edit, Entity, History, Origin};
use crate::session::autosave::autosave_path;

/// Run `edits` edits on the dataset at `path`, autosaving every `autosave_every` edits and
/// saving every `save_every` edits, sleeping `pause_ms` between edits.
pub fn run(
    path: &Path,
    edits: usize,
    autosave_every: usize,
    save_every: usize,
    pause_ms: u64,
) -> ExitCode {
    let mut dataset = match load_dataset(path) {
        Ok(l) => l.dataset,
        Err(e) => {
            eprintln!("khabar drill: {e}");
            return ExitCode::from(1);
        }
    };
    if dataset.documents.is_empty() {
        eprintln!("khabar drill: {}: no documents", path.display());
        return ExitCode::from(1);
    }
    let autosave = autosave_path(Some(path), Path::new("."), "drill");
    let mut history = History::new();
    let stdout = std::io::stdout();
    for n in 1..=edits {
        let doc = n % dataset.documents.len();
        let d = &dataset.documents[doc];
        let mut batch = vec![Edit::SetNotes {
            doc,
            old: d.notes.clone(),
            new: format!("edit {n}"),
        }];
        // Toggle a one-word span at the start of the text, so spans change too.
        if let Some(end) = d
            .text
            .char_indices()
            .position(|(_, c)| c.is_whitespace())
            .filter(|&e| e > 0)
        {
            let entity = Entity {
                start: 0,
                end,
                label: "PERSON".into(),
                text: d.text.chars().take(end).collect(),
                canonical: None,
                kb_id: None,
                origin: Origin::Manual,
            };
            if d.entities.contains(&entity) {
                batch.push(Edit::RemoveEntity { doc, entity });
            } else if d.entities.iter().all(|e| e.start >= end) {
                batch.push(Edit::AddEntity { doc, entity });
            }
        }
        if let Err(e) = history.apply(&mut dataset, Edit::Batch(batch)) {
            eprintln!("khabar drill: edit {n}: {e}");
            return ExitCode::from(1);
        }
        if n.is_multiple_of(autosave_every.max(1)) {
            let bytes = dataset_to_bytes(&dataset);
            if let Err(e) = write_atomic(&autosave, |w| w.write_all(&bytes)) {
                eprintln!("khabar drill: {e}");
                return ExitCode::from(1);
            }
            let _ = writeln!(stdout.lock(), "autosaved {n}");
        }
        if n.is_multiple_of(save_every.max(1)) {
            if let Err(e) = save_dataset(path, &dataset) {
                eprintln!("khabar drill: {e}");
                return ExitCode::from(1);
            }
            history.mark_saved(history.revision());
            let _ = writeln!(stdout.lock(), "saved {n}");
        }
        let _ = stdout.lock().flush();
        if pause_ms > 0 {
            std::thread::sleep(Duration::from_millis(pause_ms));
        }
    }
    ExitCode::SUCCESS
}
