//! Named worker threads for everything that touches the disk, so the UI thread never waits on
//! I/O: loading a folder (first file first, then the rest in batches), opening a dataset, and
//! one saver thread that writes saves and autosaves in order.
//!
//! Workers report through one channel of [`WorkerEvent`]s and wake the UI with
//! `request_repaint`; the app drains the channel at the start of every frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use rayon::prelude::*;

use std::sync::OnceLock;

use crate::export::Format;
use crate::ingest::{InputKind, collect_inputs};
use crate::model::{Dataset, Document};
use crate::pipeline::Pipeline;

/// Files per batch after the first: small enough for steady progress, big enough that the UI
/// is not woken for every file.
const BATCH: usize = 64;

/// What a worker reports.
#[derive(Debug)]
pub enum WorkerEvent {
    /// A folder load found this many files.
    LoadStarted {
        /// The load job.
        job: u64,
        /// Number of article files.
        total: usize,
    },
    /// Documents read, in file order.
    Documents {
        /// The load job.
        job: u64,
        /// The documents.
        docs: Vec<Document>,
    },
    /// Files handled so far (read or failed).
    Progress {
        /// The load job.
        job: u64,
        /// Files handled.
        done: usize,
    },
    /// One file could not be read; the load goes on.
    FileFailed {
        /// The load job.
        job: u64,
        /// Message naming the file and the problem.
        message: String,
    },
    /// The load ended.
    LoadFinished {
        /// The load job.
        job: u64,
        /// True when the analyst cancelled it.
        cancelled: bool,
    },
    /// A dataset file was read (or not).
    DatasetLoaded {
        /// The file.
        path: PathBuf,
        /// The dataset or the message naming the problem.
        result: Result<Dataset, String>,
        /// What validation found wrong in a dataset that did load (named by document and path).
        problems: Vec<String>,
    },
    /// A save finished.
    Saved {
        /// Where it went.
        path: PathBuf,
        /// The history revision that was written.
        revision: u64,
        /// Error message, if it failed.
        result: Result<(), String>,
    },
    /// Another analyst's dataset, for comparison, was read (or not).
    ComparisonLoaded {
        /// The file.
        path: PathBuf,
        /// The dataset or the message naming the problem.
        result: Result<Dataset, String>,
        /// What validation found wrong in a dataset that did load.
        problems: Vec<String>,
    },
    /// An export finished.
    Exported {
        /// Where it went.
        path: PathBuf,
        /// In which format.
        format: Format,
        /// Error message naming the file, if it failed.
        result: Result<(), String>,
    },
    /// The names for participant suggestions were read (bundled plus the analyst's gazetteer).
    NamesLoaded(Result<crate::extract::names::NameDirectory, String>),
    /// A name was added to the analyst's gazetteer (or not).
    GazetteerUpdated {
        /// What was asked.
        addition: crate::session::user_gazetteer::Addition,
        /// What happened, or the message naming the file and the problem.
        result: Result<crate::session::user_gazetteer::Outcome, String>,
    },
    /// An autosave finished.
    Autosaved {
        /// Where it went.
        path: PathBuf,
        /// The history revision that was written.
        revision: u64,
        /// Error message, if it failed.
        result: Result<(), String>,
    },
}

/// A write for the saver thread.
#[derive(Debug)]
pub enum WriteJob {
    /// Save the dataset, then delete the autosaves it makes stale.
    Save {
        /// Target.
        path: PathBuf,
        /// What to write.
        dataset: Box<Dataset>,
        /// Revision of `dataset`.
        revision: u64,
        /// Autosave files to remove once the save is on disk.
        stale_autosaves: Vec<PathBuf>,
    },
    /// Export the dataset (atomically: the old file stays whole if the export fails).
    Export {
        /// Target.
        path: PathBuf,
        /// The format.
        format: Format,
        /// What to write.
        dataset: Box<Dataset>,
    },
    /// Write an autosave.
    Autosave {
        /// Target.
        path: PathBuf,
        /// What to write.
        dataset: Box<Dataset>,
        /// Revision of `dataset`.
        revision: u64,
    },
    /// Add a name to the analyst's gazetteer in `dir`.
    AddToGazetteer {
        /// The user data folder.
        dir: PathBuf,
        /// The name.
        addition: crate::session::user_gazetteer::Addition,
    },
}

/// The handle the app keeps to its workers.
pub struct Workers {
    events_tx: Sender<WorkerEvent>,
    events_rx: Receiver<WorkerEvent>,
    writer_tx: Option<Sender<WriteJob>>,
    repaint: Option<egui::Context>,
    cancel: Arc<AtomicBool>,
    next_job: u64,
    /// Built on the first load, on the loading thread, so start-up never waits for it.
    pipeline: Arc<OnceLock<Result<Pipeline, String>>>,
    /// The analyst's data folder, whose gazetteer, topics and site rules extend the bundled ones.
    user_dir: Option<PathBuf>,
}

impl Workers {
    /// Workers that wake `ctx` when they report; articles are processed with the bundled
    /// resources extended by the analyst's files in `user_dir`.
    #[must_use]
    pub fn new(ctx: Option<egui::Context>, user_dir: Option<PathBuf>) -> Self {
        let (events_tx, events_rx) = channel();
        Self {
            events_tx,
            events_rx,
            writer_tx: None,
            repaint: ctx,
            cancel: Arc::new(AtomicBool::new(false)),
            next_job: 0,
            pipeline: Arc::new(OnceLock::new()),
            user_dir,
        }
    }

    /// Build the pipeline again on the next load, so files changed in the user folder (a name
    /// just added to the gazetteer) take effect.
    pub fn reload_resources(&mut self) {
        self.pipeline = Arc::new(OnceLock::new());
    }

    /// Everything reported since the last call.
    pub fn drain(&self) -> Vec<WorkerEvent> {
        self.events_rx.try_iter().collect()
    }

    /// Start loading article files and folders; returns the job id. Cancels a running load.
    pub fn load_articles(&mut self, paths: Vec<PathBuf>) -> std::io::Result<u64> {
        self.cancel.store(true, Ordering::SeqCst);
        self.cancel = Arc::new(AtomicBool::new(false));
        self.next_job += 1;
        let job = self.next_job;
        let cancel = Arc::clone(&self.cancel);
        let tx = Reporter::new(self.events_tx.clone(), self.repaint.clone());
        let pipeline = Arc::clone(&self.pipeline);
        let user_dir = self.user_dir.clone();
        std::thread::Builder::new()
            .name("khabar-load-folder".into())
            .spawn(move || {
                let pipeline = pipeline.get_or_init(|| {
                    match &user_dir {
                        Some(dir) => Pipeline::with_user_dir(dir),
                        None => Pipeline::bundled(),
                    }
                    .map_err(|e| e.to_string())
                });
                match pipeline {
                    Ok(p) => load_articles(job, &paths, p, &cancel, &tx),
                    Err(message) => {
                        tx.send(WorkerEvent::FileFailed {
                            job,
                            message: message.clone(),
                        });
                        tx.send(WorkerEvent::LoadFinished {
                            job,
                            cancelled: false,
                        });
                    }
                }
            })?;
        Ok(job)
    }

    /// Read the participant names (bundled and the analyst's gazetteer) on a worker; reported
    /// as [`WorkerEvent::NamesLoaded`].
    pub fn load_names(&self) -> std::io::Result<()> {
        let tx = Reporter::new(self.events_tx.clone(), self.repaint.clone());
        let dir = self.user_dir.clone();
        std::thread::Builder::new()
            .name("khabar-load-names".into())
            .spawn(move || {
                let names = crate::extract::names::NameDirectory::load(dir.as_deref())
                    .map_err(|e| e.to_string());
                tx.send(WorkerEvent::NamesLoaded(names));
            })?;
        Ok(())
    }

    /// Stop the running load after its current batch.
    pub fn cancel_load(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// Read a dataset file on a worker.
    pub fn load_dataset(&self, path: PathBuf) -> std::io::Result<()> {
        let tx = Reporter::new(self.events_tx.clone(), self.repaint.clone());
        std::thread::Builder::new()
            .name("khabar-open-dataset".into())
            .spawn(move || {
                let (result, problems) = read_dataset(&path);
                tx.send(WorkerEvent::DatasetLoaded {
                    path,
                    result,
                    problems,
                });
            })?;
        Ok(())
    }

    /// Read another analyst's dataset on a worker, for the agreement view.
    pub fn load_comparison(&self, path: PathBuf) -> std::io::Result<()> {
        let tx = Reporter::new(self.events_tx.clone(), self.repaint.clone());
        std::thread::Builder::new()
            .name("khabar-open-comparison".into())
            .spawn(move || {
                let (result, problems) = read_dataset(&path);
                tx.send(WorkerEvent::ComparisonLoaded {
                    path,
                    result,
                    problems,
                });
            })?;
        Ok(())
    }

    /// Queue a write on the saver thread (started on first use).
    pub fn write(&mut self, job: WriteJob) -> std::io::Result<()> {
        if self.writer_tx.is_none() {
            let (tx, rx) = channel();
            let reporter = Reporter::new(self.events_tx.clone(), self.repaint.clone());
            std::thread::Builder::new()
                .name("khabar-save".into())
                .spawn(move || saver(&rx, &reporter))?;
            self.writer_tx = Some(tx);
        }
        let send = self.writer_tx.as_ref().map(|tx| tx.send(job));
        match send {
            Some(Ok(())) => Ok(()),
            _ => {
                // The saver died (it never panics on input, but be safe): restart on next write.
                self.writer_tx = None;
                Err(std::io::Error::other("the save thread stopped"))
            }
        }
    }
}

/// Sends events and wakes the UI.
#[derive(Clone)]
struct Reporter {
    tx: Sender<WorkerEvent>,
    ctx: Option<egui::Context>,
}

impl Reporter {
    fn new(tx: Sender<WorkerEvent>, ctx: Option<egui::Context>) -> Self {
        Self { tx, ctx }
    }

    fn send(&self, e: WorkerEvent) {
        // The app may be gone (window closed mid-load); nothing left to tell.
        let _ = self.tx.send(e);
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
    }
}

/// A dataset file and what validation found wrong in it, as messages.
fn read_dataset(path: &Path) -> (Result<Dataset, String>, Vec<String>) {
    match crate::io::load_dataset(path) {
        Ok(l) => (
            Ok(l.dataset),
            l.problems.iter().map(ToString::to_string).collect(),
        ),
        Err(e) => (Err(e.to_string()), Vec::new()),
    }
}

fn load_articles(
    job: u64,
    paths: &[PathBuf],
    pipeline: &Pipeline,
    cancel: &AtomicBool,
    tx: &Reporter,
) {
    let (inputs, errors) = collect_inputs(paths);
    for e in errors {
        tx.send(WorkerEvent::FileFailed {
            job,
            message: e.to_string(),
        });
    }
    // Datasets are opened by the app itself, not loaded as articles.
    let files: Vec<PathBuf> = inputs
        .into_iter()
        .filter(|f| f.kind != InputKind::Dataset)
        .map(|f| f.path)
        .collect();
    tx.send(WorkerEvent::LoadStarted {
        job,
        total: files.len(),
    });
    // The first file alone, so the analyst can start reading while the rest load.
    let (first, rest) = files.split_at(files.len().min(1));
    let mut done = 0;
    for chunk in std::iter::once(first).chain(rest.chunks(BATCH)) {
        if chunk.is_empty() {
            continue;
        }
        if cancel.load(Ordering::SeqCst) {
            tx.send(WorkerEvent::LoadFinished {
                job,
                cancelled: true,
            });
            return;
        }
        let results: Vec<_> = chunk
            .par_iter()
            .map(|p| pipeline.process_file(p).map_err(|e| e.to_string()))
            .collect();
        let mut docs = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(d) => docs.push(d),
                Err(message) => tx.send(WorkerEvent::FileFailed { job, message }),
            }
        }
        done += chunk.len();
        if !docs.is_empty() {
            tx.send(WorkerEvent::Documents { job, docs });
        }
        tx.send(WorkerEvent::Progress { job, done });
    }
    tx.send(WorkerEvent::LoadFinished {
        job,
        cancelled: false,
    });
}

fn saver(rx: &Receiver<WriteJob>, tx: &Reporter) {
    while let Ok(first) = rx.recv() {
        // Several autosaves queued behind a slow disk: only the newest one matters.
        let mut jobs = vec![first];
        jobs.extend(rx.try_iter());
        let newest_autosave = jobs
            .iter()
            .rposition(|j| matches!(j, WriteJob::Autosave { .. }));
        for (i, job) in jobs.into_iter().enumerate() {
            match job {
                WriteJob::Save {
                    path,
                    dataset,
                    revision,
                    stale_autosaves,
                } => {
                    let result =
                        crate::io::save_dataset(&path, &dataset).map_err(|e| e.to_string());
                    if result.is_ok() {
                        for a in stale_autosaves {
                            let _ = std::fs::remove_file(a);
                        }
                    }
                    tx.send(WorkerEvent::Saved {
                        path,
                        revision,
                        result,
                    });
                }
                WriteJob::Export {
                    path,
                    format,
                    dataset,
                } => {
                    let result = crate::io::write_atomic(&path, |w| {
                        crate::export::export(&dataset, format, w)
                    })
                    .map_err(|e| e.to_string());
                    tx.send(WorkerEvent::Exported {
                        path,
                        format,
                        result,
                    });
                }
                WriteJob::Autosave {
                    path,
                    dataset,
                    revision,
                } => {
                    if Some(i) != newest_autosave {
                        continue;
                    }
                    let result = write_autosave(&path, &dataset);
                    tx.send(WorkerEvent::Autosaved {
                        path,
                        revision,
                        result,
                    });
                }
                WriteJob::AddToGazetteer { dir, addition } => {
                    let result = crate::session::user_gazetteer::add(&dir, &addition)
                        .map_err(|e| e.to_string());
                    tx.send(WorkerEvent::GazetteerUpdated { addition, result });
                }
            }
        }
    }
}

fn write_autosave(path: &Path, dataset: &Dataset) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    crate::io::save_dataset(path, dataset).map_err(|e| e.to_string())
}
