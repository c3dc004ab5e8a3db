//! `khabar export`, `khabar import` and `khabar agree`: commands over whole datasets.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::export::{Format, export};
use crate::io::{load_dataset, save_dataset, write_atomic};
use crate::model::Dataset;

/// Load a dataset for a command, printing the error once.
fn load(cmd: &str, path: &Path) -> Option<Dataset> {
    match load_dataset(path) {
        Ok(l) => {
            if !l.problems.is_empty() {
                eprintln!(
                    "khabar {cmd}: warning: {}: {} validation problem(s), first: {}",
                    path.display(),
                    l.problems.len(),
                    l.problems[0]
                );
            }
            Some(l.dataset)
        }
        Err(e) => {
            eprintln!("khabar {cmd}: {e}");
            None
        }
    }
}

/// `khabar export DATASET --format F -o OUT` (`-o -` writes to standard output).
pub fn run_export(dataset: &Path, format: Format, out: &Path) -> ExitCode {
    let Some(ds) = load("export", dataset) else {
        return ExitCode::from(1);
    };
    let result = if out == Path::new("-") {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        export(&ds, format, &mut lock)
            .and_then(|()| lock.flush())
            .map_err(|e| format!("stdout: {e}"))
    } else {
        write_atomic(out, |w| export(&ds, format, w)).map_err(|e| e.to_string())
    };
    match result {
        Ok(()) => {
            if out != Path::new("-") {
                eprintln!(
                    "wrote {} documents as {} to {}",
                    ds.documents.len(),
                    format.name(),
                    out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("khabar export: {e}");
            ExitCode::from(1)
        }
    }
}

/// `khabar import JSONL... -o DATASET [--into EXISTING]`.
pub fn run_import(inputs: &[PathBuf], out: &Path, into: Option<&Path>) -> ExitCode {
    let mut ds = match into {
        Some(p) => match load("import", p) {
            Some(d) => d,
            None => return ExitCode::from(1),
        },
        None => Dataset::default(),
    };
    let mut had_problems = false;
    for input in inputs {
        match crate::import::import_span_jsonl(input) {
            Ok(imp) => {
                for p in &imp.problems {
                    eprintln!("{}: {p}", input.display());
                }
                had_problems |= !imp.problems.is_empty();
                let n = imp.merge_into(&mut ds);
                eprintln!("{}: {n} documents imported", input.display());
            }
            Err(e) => {
                eprintln!("khabar import: {}: {e}", input.display());
                had_problems = true;
            }
        }
    }
    if let Err(e) = save_dataset(out, &ds) {
        eprintln!("khabar import: {e}");
        return ExitCode::from(1);
    }
    eprintln!("wrote {} ({} documents)", out.display(), ds.documents.len());
    if had_problems {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// `khabar agree A B [--json]`.
pub fn run_agree(a: &Path, b: &Path, json: bool) -> ExitCode {
    let (Some(da), Some(db)) = (load("agree", a), load("agree", b)) else {
        return ExitCode::from(1);
    };
    let report = crate::agree::agreement(&da, &db);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("khabar agree: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        print!("{report}");
    }
    ExitCode::SUCCESS
}

/// `khabar eval DATASET EXPECTED [--json]`.
pub fn run_eval(dataset: &Path, expected: &Path, json: bool) -> ExitCode {
    let Some(ds) = load("eval", dataset) else {
        return ExitCode::from(1);
    };
    let expected = match crate::eval::Expected::load(expected) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("khabar eval: {e}");
            return ExitCode::from(1);
        }
    };
    let report = crate::eval::evaluate(&ds, &expected);
    if json {
        println!("{}", report.to_json());
    } else {
        print!("{report}");
    }
    ExitCode::SUCCESS
}
