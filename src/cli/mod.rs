//! The headless command line: the same core as the app, for batches and CI.
//!
//! Exit codes: 0 success; 1 the input is invalid (validate) or a fatal error; 2 some inputs of a
//! batch could not be read (the rest were processed).

mod dataset_cmds;
mod drill_cmd;
mod extract_cmd;
mod validate_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Khabar: turn Persian and Arabic news articles into a labeled dataset.
///
/// With no command, opens the app on the given files or folders (or on the start screen).
#[derive(Debug, Parser)]
#[command(
    name = "khabar",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A headless command; omit it to open the app.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Article files, folders or a dataset (.json) to open in the app.
    pub paths: Vec<PathBuf>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article files or folders (recursive), clean them, extract fields and entities, and
    /// write a dataset. Unreadable files are reported and skipped (exit code 2).
    Extract {
        /// Article files (.txt, .html) and folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The dataset to write.
        #[arg(long, short = 'o')]
        output: PathBuf,
        /// Worker threads; 0 uses every core.
        #[arg(long, short = 'j', default_value_t = 0)]
        jobs: usize,
        /// Extra site rules (TOML), on top of the bundled ones.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Restore lost zero-width non-joiners (تماسهای → تماس‌های).
        #[arg(long)]
        restore_zwnj: bool,
    },
    /// Per-field accuracy of a dataset against a file in the seeds' expected.json format.
    Eval {
        /// The dataset.
        dataset: PathBuf,
        /// The expected values.
        expected: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check a dataset: format, version, every span inside its text and equal to its `text`,
    /// known labels, unique ids. Exits 1 naming the first problems.
    Validate {
        /// The dataset file.
        file: PathBuf,
        /// How many problems to list at most.
        #[arg(long, default_value_t = 20)]
        max_problems: usize,
    },
    /// Export a dataset for other tools: jsonl (spaCy/Prodigy spans), doccano, conll (BIO), csv
    /// (one row per event).
    Export {
        /// The dataset file.
        dataset: PathBuf,
        /// jsonl, doccano, conll or csv.
        #[arg(long, short = 'f', default_value = "jsonl")]
        format: crate::export::Format,
        /// Output file, or `-` for standard output.
        #[arg(long, short = 'o')]
        output: PathBuf,
    },
    /// Import pre-labeled span JSONL (Khabar, Prodigy, spaCy or doccano shape) into a dataset,
    /// checking every offset. Exits 2 when spans or lines were skipped.
    Import {
        /// JSONL files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The dataset to write.
        #[arg(long, short = 'o')]
        output: PathBuf,
        /// Add to this existing dataset instead of starting an empty one.
        #[arg(long)]
        into: Option<PathBuf>,
    },
    /// Agreement between two analysts: per-label span F1 (exact and overlapping), field
    /// agreement, Cohen's kappa on event type.
    Agree {
        /// The first analyst's dataset.
        a: PathBuf,
        /// The second analyst's dataset.
        b: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the dataset format.
    Schema,
    /// Register Khabar with the desktop: a .desktop entry, MIME types for article and dataset
    /// files, and an icon, under ~/.local/share, so a file manager opens them with Khabar.
    #[cfg(feature = "gui")]
    InstallDesktop,
    /// A scripted run of edits, autosaves and saves, for crash testing (not for analysts).
    #[command(hide = true)]
    Drill {
        /// The dataset to edit in place.
        dataset: PathBuf,
        /// How many edits.
        #[arg(long, default_value_t = 1000)]
        edits: usize,
        /// Autosave after every this many edits.
        #[arg(long, default_value_t = 5)]
        autosave_every: usize,
        /// Save after every this many edits.
        #[arg(long, default_value_t = 40)]
        save_every: usize,
        /// Pause between edits, milliseconds.
        #[arg(long, default_value_t = 1)]
        pause_ms: u64,
    },
}

/// Run a headless command and return the process exit code.
#[must_use]
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Validate { file, max_problems } => validate_cmd::run(&file, max_problems),
        Command::Extract {
            paths,
            output,
            jobs,
            rules,
            restore_zwnj,
        } => extract_cmd::run(&extract_cmd::ExtractOptions {
            paths,
            output,
            jobs,
            rules,
            restore_zwnj,
        }),
        Command::Eval {
            dataset,
            expected,
            json,
        } => dataset_cmds::run_eval(&dataset, &expected, json),
        Command::Export {
            dataset,
            format,
            output,
        } => dataset_cmds::run_export(&dataset, format, &output),
        Command::Import {
            inputs,
            output,
            into,
        } => dataset_cmds::run_import(&inputs, &output, into.as_deref()),
        Command::Agree { a, b, json } => dataset_cmds::run_agree(&a, &b, json),
        Command::Drill {
            dataset,
            edits,
            autosave_every,
            save_every,
            pause_ms,
        } => drill_cmd::run(&dataset, edits, autosave_every, save_every, pause_ms),
        #[cfg(feature = "gui")]
        Command::InstallDesktop => match crate::gui::desktop::install_desktop() {
            Ok(installed) => {
                for f in &installed.files {
                    println!("wrote {}", f.display());
                }
                for tool in &installed.refreshed {
                    println!("ran {tool}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("khabar install-desktop: {e}");
                ExitCode::from(1)
            }
        },
        Command::Schema => {
            print!("{}", crate::schema::dataset_schema_json());
            ExitCode::SUCCESS
        }
    }
}
