//! The headless command line: the same core as the app, for batches and CI.
//!
//! Exit codes: 0 success; 1 the input is invalid (validate) or a fatal error; 2 some inputs of a
//! batch could not be read (the rest were processed).

mod validate_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Khabar: turn Persian and Arabic news articles into a labeled dataset.
///
/// With no command, opens the app on the given files or folders (or on the start screen).
#[derive(Debug, Parser)]
#[command(name = "khabar", version, about, args_conflicts_with_subcommands = true)]
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
    /// Check a dataset: format, version, every span inside its text and equal to its `text`,
    /// known labels, unique ids. Exits 1 naming the first problems.
    Validate {
        /// The dataset file.
        file: PathBuf,
        /// How many problems to list at most.
        #[arg(long, default_value_t = 20)]
        max_problems: usize,
    },
    /// Print the JSON Schema of the dataset format.
    Schema,
}

/// Run a headless command and return the process exit code.
#[must_use]
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Validate { file, max_problems } => validate_cmd::run(&file, max_problems),
        Command::Schema => {
            print!("{}", crate::schema::dataset_schema_json());
            ExitCode::SUCCESS
        }
    }
}
