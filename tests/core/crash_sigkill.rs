//! Kill a scripted run of edits, autosaves and saves with SIGKILL at random points, 200 times:
//! every dataset file on disk must parse and validate, and at most the edits since the last
//! autosave may be lost (the newest file on disk holds at least the last edit reported as
//! autosaved or saved).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use khabar::io::{load_dataset, save_dataset};
use khabar::model::{Dataset, Document, Language, Source, SourceFormat};

const RUNS: usize = 200;

fn starting_dataset() -> Dataset {
    let texts = [
        "لاوروف و بلینکن در تماسی تلفنی درباره اوکراین گفت‌وگو کردند.",
        "أجرى لافروف اتصالا هاتفيا مع نظيره الأمريكي.",
        "روبیو و لاوروف در ریاض دیدار کردند.",
    ];
    let documents = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let source = Source {
                path: format!("{i}.txt"),
                file_name: format!("{i}.txt"),
                sha256: String::new(),
                encoding: "UTF-8".into(),
                format: SourceFormat::Text,
            };
            Document::from_plain_text(format!("doc-{i}"), source, Language::Fa, (*t).to_owned())
                .into()
        })
        .collect();
    Dataset {
        documents,
        ..Dataset::default()
    }
}

/// The newest edit recorded in a dataset file: the largest N in notes "edit N".
fn newest_edit(path: &Path) -> usize {
    if !path.exists() {
        return 0;
    }
    let loaded = load_dataset(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        loaded.problems.is_empty(),
        "{}: {:?}",
        path.display(),
        loaded.problems
    );
    loaded
        .dataset
        .documents
        .iter()
        .filter_map(|d| d.notes.strip_prefix("edit ").and_then(|n| n.parse().ok()))
        .max()
        .unwrap_or(0)
}

#[test]
fn sigkill_at_random_points_loses_at_most_the_edits_since_the_last_autosave() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut lost_max = 0;
    let mut reached = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        let dir = tmp.path().join(format!("run{run}"));
        std::fs::create_dir(&dir).expect("mkdir");
        let ds = dir.join("ds.json");
        save_dataset(&ds, &starting_dataset()).expect("save");

        let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
            .args([
                "drill",
                "--edits",
                "100000",
                "--autosave-every",
                "3",
                "--save-every",
                "25",
                "--pause-ms",
                "0",
            ])
            .arg(&ds)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the drill");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .split_whitespace()
                    .nth(1)
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    let _ = tx.send(n);
                }
            }
        });
        // xorshift: a different kill point every run, the same ones every time the test runs.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(5 + seed % 120));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        assert!(
            !status.success() || status.code().is_some(),
            "the drill was killed"
        );
        let _ = reader.join();
        let reported = rx.try_iter().max().unwrap_or(0);

        let saved = newest_edit(&ds);
        let autosaved = newest_edit(&dir.join("ds.autosave.json"));
        let recovered = saved.max(autosaved);
        assert!(
            recovered >= reported,
            "run {run}: the last edit reported on disk was {reported}, but only {recovered} survived"
        );
        lost_max = lost_max.max(reported.saturating_sub(recovered));
        reached.push(reported);
    }
    reached.sort_unstable();
    println!(
        "{RUNS} SIGKILL runs: every file parsed and validated; edits reported before the kill: min {}, median {}, max {}; reported edits lost: {lost_max}",
        reached[0],
        reached[RUNS / 2],
        reached[RUNS - 1]
    );
    assert!(
        reached[RUNS - 1] > 10,
        "some runs got past a full save before the kill"
    );
}
