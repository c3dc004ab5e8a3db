//! `khabar extract PATHS... -o dataset.json`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use crate::ingest::{InputKind, collect_inputs};
use crate::io::save_dataset;
use crate::model::Dataset;
use crate::pipeline::Pipeline;

/// Options of `khabar extract`.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Files and folders.
    pub paths: Vec<PathBuf>,
    /// The dataset to write.
    pub output: PathBuf,
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// Extra site rules (TOML) on top of the bundled ones.
    pub rules: Option<PathBuf>,
    /// Restore lost zero-width non-joiners.
    pub restore_zwnj: bool,
}

/// Run the batch; exit 2 when some inputs could not be read, 1 when nothing could be written.
pub fn run(opts: &ExtractOptions) -> ExitCode {
    let mut pipeline = match Pipeline::bundled() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("khabar extract: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(rules) = &opts.rules {
        match crate::clean::SiteRules::load(rules) {
            Ok(user) => pipeline.rules = pipeline.rules.merge(&user),
            Err(e) => {
                eprintln!("khabar extract: {e}");
                return ExitCode::from(1);
            }
        }
    }
    pipeline.normalization.restore_zwnj = opts.restore_zwnj;

    let (inputs, errors) = collect_inputs(&opts.paths);
    let mut failed = errors.len();
    for e in &errors {
        eprintln!("khabar extract: {e}");
    }
    let mut articles: Vec<&Path> = Vec::new();
    for f in &inputs {
        if f.kind == InputKind::Dataset {
            // A JSON file named on the command line is a mistake worth reporting; one found
            // while walking a folder (an expected.json beside the articles) is simply not an
            // article.
            if opts.paths.iter().any(|p| p == &f.path) {
                eprintln!(
                    "khabar extract: {}: is a dataset, not an article; skipped",
                    f.path.display()
                );
                failed += 1;
            }
        } else {
            articles.push(&f.path);
        }
    }
    if articles.is_empty() {
        eprintln!("khabar extract: no article files to process; nothing written");
        return ExitCode::from(2);
    }

    let bar = ProgressBar::new(articles.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} articles, {per_sec}, eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .thread_name(|i| format!("khabar-extract-{i}"))
        .build();
    let results = match pool {
        Ok(pool) => pool.install(|| pipeline.process_files(&articles, &|| bar.inc(1))),
        Err(e) => {
            eprintln!("khabar extract: cannot start worker threads: {e}");
            return ExitCode::from(1);
        }
    };
    bar.finish_and_clear();

    let mut dataset = Dataset::default();
    let mut seen = HashSet::new();
    for r in results {
        match r {
            Ok(doc) => {
                if seen.insert(doc.id.clone()) {
                    dataset.documents.push(doc.into());
                } else {
                    eprintln!(
                        "khabar extract: {}: same content as an earlier file; skipped",
                        doc.source.path
                    );
                }
            }
            Err(e) => {
                eprintln!("khabar extract: {e}");
                failed += 1;
            }
        }
    }
    if let Err(e) = save_dataset(&opts.output, &dataset) {
        eprintln!("khabar extract: {e}");
        return ExitCode::from(1);
    }
    eprintln!(
        "wrote {} documents to {}{}",
        dataset.documents.len(),
        opts.output.display(),
        if failed > 0 {
            format!("; {failed} input(s) failed")
        } else {
            String::new()
        }
    );
    if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
