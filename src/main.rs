//! The `khabar` binary. TEMPORARY (app branch): the lead's CLI replaces this; it only needs to
//! call `khabar::gui::run(paths)` and `khabar::gui::desktop::install_desktop()`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("install-desktop") {
        return match khabar::gui::desktop::install_desktop() {
            Ok(done) => {
                for f in done.files {
                    println!("wrote {}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("khabar: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let paths: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    match khabar::gui::run(paths) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("khabar: {e}");
            ExitCode::FAILURE
        }
    }
}
