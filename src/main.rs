//! The `khabar` binary: the app, or a headless command.

use std::process::ExitCode;

use clap::Parser;
use khabar::cli::{Cli, run};

/// The allocator of the shipped binary; see the `mimalloc` line of Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => open_app(cli.paths),
    }
}

#[cfg(feature = "gui")]
fn open_app(paths: Vec<std::path::PathBuf>) -> ExitCode {
    match khabar::gui::run(paths) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("khabar: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_paths: Vec<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "khabar: this build has no GUI (built without the `gui` feature); see `khabar --help`"
    );
    ExitCode::from(1)
}
