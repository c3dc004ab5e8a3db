//! Every user action as a value. Panels and the keymap push [`Command`]s while the frame is laid
//! out; the app executes them afterwards (as helix and rerun do), so no widget mutates the
//! dataset in the middle of drawing it.

use std::path::PathBuf;

use crate::export::Format;
use crate::model::{Entity, Fields, Status};
use crate::text::CharSpan;

use super::views::CentralView;

/// A user action.
#[must_use = "a command does nothing until it is pushed to the command queue"]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Ask for files to open (native dialog or the built-in browser).
    Open,
    /// Ask for a folder of articles to open.
    OpenFolder,
    /// Open these paths: a `.json` is a dataset, folders and other files are articles.
    OpenPaths(Vec<PathBuf>),
    /// Open the bundled sample articles.
    OpenSamples,
    /// Save to the current path, or ask for one.
    Save,
    /// Ask for a path and save there.
    SaveAs,
    /// Save to this path.
    SaveTo(PathBuf),
    /// Next document in the filtered list.
    NextDoc,
    /// Previous document in the filtered list.
    PrevDoc,
    /// Go to the document with this index.
    GoToDoc(usize),
    /// Mark the current document done and go to the next.
    DoneAndNext,
    /// Set the current document's status.
    SetStatus(Status),
    /// Label the selection (or relabel the focused span) with palette entry `n` (1-based).
    SetLabel(usize),
    /// Remove the focused span.
    DeleteSpan,
    /// Remove this span of the current document.
    RemoveEntity(Entity),
    /// Give a span a new label.
    RelabelEntity(Entity, String),
    /// Label every other whole-word occurrence of this span's text, as one undo step.
    LabelOtherOccurrences(Entity),
    /// Ask the lead's gazetteer to learn this span (wired outside the shell).
    AddToGazetteer(Entity),
    /// Focus a span in the article and scroll to it.
    FocusEntity(Entity),
    /// Highlight evidence in the article.
    ShowEvidence(Vec<CharSpan>),
    /// Replace the current document's extracted record.
    SetFields(Box<Fields>),
    /// Replace the current document's notes.
    SetNotes(String),
    /// Restore a removed raw block (index into `removed`).
    RestoreRemoved(usize),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Focus the document search box.
    Find,
    /// Show or hide the shortcuts overlay.
    ToggleHelp,
    /// Show or hide the log panel.
    ToggleLog,
    /// Show or hide the removed blocks in the article.
    ToggleRemoved,
    /// Cancel the running folder load.
    CancelLoad,
    /// Recover the offered autosave.
    RecoverAutosave,
    /// Throw the offered autosave away.
    DiscardAutosave,
    /// Close the window (asks first when there are unsaved changes).
    Quit,
    /// Close the window without asking.
    QuitDiscarding,
    /// Show a message in the status bar.
    SetStatusMessage(String),
    /// Ask where to export the dataset in this format.
    Export(Format),
    /// Export the dataset in this format to this path, on the saver thread.
    ExportTo(Format, PathBuf),
    /// Ask for another analyst's dataset to compare with.
    CompareOpen,
    /// Load another analyst's dataset (on a worker) and show the agreement view.
    CompareWith(PathBuf),
    /// Stop comparing and forget the other dataset.
    CloseComparison,
    /// Show this view in the centre of the window.
    ShowView(CentralView),
    /// Switch between the dataset overview and the article.
    ToggleOverview,
    /// Switch between the agreement view and the article.
    ToggleAgreement,
    /// Merge the current document with the other analyst's version using the choices made in
    /// the agreement view, as one undoable edit.
    ApplyMerge,
}

/// The commands gathered during one frame.
#[derive(Debug, Default)]
pub struct CommandQueue {
    queue: Vec<Command>,
}

impl CommandQueue {
    /// Queue a command for the end of the frame.
    pub fn push(&mut self, cmd: Command) {
        self.queue.push(cmd);
    }

    /// Take every queued command, oldest first.
    pub fn drain(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.queue)
    }
}
