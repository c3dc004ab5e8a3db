//! The one way a document changes: an [`Edit`], applied through a [`History`] that can undo
//! and redo it.
//!
//! Every edit carries the part of the document it changes both before and after, so its inverse
//! is the same edit with the two swapped; undo never needs to recompute anything. "Unsaved"
//! means the history's current revision differs from the revision last saved, so undoing back
//! to the saved state makes the dataset clean again.

use thiserror::Error;

use super::dataset::{Alignment, Dataset, Document, Entity, Fields, Removed, Status};

/// The text-bearing part of a document: what changes together when boilerplate is restored or
/// removed, because every span must move with the text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextState {
    /// The cleaned text.
    pub text: String,
    /// Removed raw pieces.
    pub removed: Vec<Removed>,
    /// Clean-to-raw map.
    pub alignment: Alignment,
    /// Entity spans, remapped to `text`.
    pub entities: Vec<Entity>,
    /// Fields, with evidence remapped to `text`.
    pub fields: Fields,
}

impl TextState {
    /// The text state of a document as it is now.
    #[must_use]
    pub fn of(doc: &Document) -> Self {
        Self {
            text: doc.text.clone(),
            removed: doc.removed.clone(),
            alignment: doc.alignment.clone(),
            entities: doc.entities.clone(),
            fields: doc.fields.clone(),
        }
    }
}

/// One change to one document (or several, as a [`Edit::Batch`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Add an entity span.
    AddEntity {
        /// Index of the document in the dataset.
        doc: usize,
        /// The span to add.
        entity: Entity,
    },
    /// Remove an entity span (matched by value).
    RemoveEntity {
        /// Index of the document.
        doc: usize,
        /// The span to remove.
        entity: Entity,
    },
    /// Replace one entity span by another (relabel, resize, link).
    ReplaceEntity {
        /// Index of the document.
        doc: usize,
        /// The span as it is.
        old: Entity,
        /// The span as it becomes.
        new: Entity,
    },
    /// Replace the extracted record.
    SetFields {
        /// Index of the document.
        doc: usize,
        /// The record as it is.
        old: Box<Fields>,
        /// The record as it becomes.
        new: Box<Fields>,
    },
    /// Change the review status.
    SetStatus {
        /// Index of the document.
        doc: usize,
        /// Status as it is.
        old: Status,
        /// Status as it becomes.
        new: Status,
    },
    /// Change the analyst's notes.
    SetNotes {
        /// Index of the document.
        doc: usize,
        /// Notes as they are.
        old: String,
        /// Notes as they become.
        new: String,
    },
    /// Change the cleaned text (restore or remove boilerplate), moving every span with it.
    SetText {
        /// Index of the document.
        doc: usize,
        /// Text state as it is.
        old: Box<TextState>,
        /// Text state as it becomes.
        new: Box<TextState>,
    },
    /// Several edits applied and undone as one.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The dataset is left unchanged.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    /// The edit names a document that is not in the dataset.
    #[error("document {0} is not in the dataset")]
    NoSuchDocument(usize),
    /// A span runs outside the text or its `text` does not match what it covers.
    #[error("span {start}..{end} does not fit the document text: {why}")]
    BadSpan {
        /// Start of the span.
        start: usize,
        /// End of the span.
        end: usize,
        /// What is wrong.
        why: String,
    },
    /// The document is not in the state the edit expects (it was built against another revision).
    #[error("the document changed since this edit was made: {0}")]
    Stale(String),
}

impl Edit {
    /// The edit that undoes this one.
    #[must_use]
    pub fn inverse(&self) -> Edit {
        match self.clone() {
            Edit::AddEntity { doc, entity } => Edit::RemoveEntity { doc, entity },
            Edit::RemoveEntity { doc, entity } => Edit::AddEntity { doc, entity },
            Edit::ReplaceEntity { doc, old, new } => Edit::ReplaceEntity {
                doc,
                old: new,
                new: old,
            },
            Edit::SetFields { doc, old, new } => Edit::SetFields {
                doc,
                old: new,
                new: old,
            },
            Edit::SetStatus { doc, old, new } => Edit::SetStatus {
                doc,
                old: new,
                new: old,
            },
            Edit::SetNotes { doc, old, new } => Edit::SetNotes {
                doc,
                old: new,
                new: old,
            },
            Edit::SetText { doc, old, new } => Edit::SetText {
                doc,
                old: new,
                new: old,
            },
            Edit::Batch(edits) => Edit::Batch(edits.iter().rev().map(Edit::inverse).collect()),
        }
    }

    /// The document the edit changes (the first one, for a batch).
    #[must_use]
    pub fn document(&self) -> Option<usize> {
        match self {
            Edit::AddEntity { doc, .. }
            | Edit::RemoveEntity { doc, .. }
            | Edit::ReplaceEntity { doc, .. }
            | Edit::SetFields { doc, .. }
            | Edit::SetStatus { doc, .. }
            | Edit::SetNotes { doc, .. }
            | Edit::SetText { doc, .. } => Some(*doc),
            Edit::Batch(edits) => edits.iter().find_map(Edit::document),
        }
    }

    /// Apply to the dataset. On error nothing is changed (a batch is rolled back).
    pub fn apply(&self, dataset: &mut Dataset) -> Result<(), EditError> {
        match self {
            Edit::Batch(edits) => {
                for (i, e) in edits.iter().enumerate() {
                    if let Err(err) = e.apply(dataset) {
                        for done in edits[..i].iter().rev() {
                            // Undoing what this batch just did cannot fail: each inverse restores
                            // exactly the state the forward edit saw.
                            let _ = done.inverse().apply(dataset);
                        }
                        return Err(err);
                    }
                }
                Ok(())
            }
            _ => {
                let doc_index = self.document().unwrap_or(usize::MAX);
                let doc = dataset
                    .documents
                    .get_mut(doc_index)
                    .ok_or(EditError::NoSuchDocument(doc_index))?;
                // Copied first only while a save still holds the previous version.
                apply_to_document(self, std::sync::Arc::make_mut(doc))
            }
        }
    }
}

fn check_entity(doc: &Document, e: &Entity) -> Result<(), EditError> {
    let bad = |why: &str| EditError::BadSpan {
        start: e.start,
        end: e.end,
        why: why.to_owned(),
    };
    if e.start >= e.end {
        return Err(bad("empty or reversed"));
    }
    let covered = crate::text::slice_chars(&doc.text, crate::text::CharSpan::new(e.start, e.end))
        .ok_or_else(|| bad("past the end of the text"))?;
    if covered != e.text {
        return Err(bad(&format!("covers {covered:?}, not {:?}", e.text)));
    }
    Ok(())
}

fn apply_to_document(edit: &Edit, doc: &mut Document) -> Result<(), EditError> {
    match edit {
        Edit::AddEntity { entity, .. } => {
            check_entity(doc, entity)?;
            let at = doc
                .entities
                .partition_point(|e| (e.start, e.end) <= (entity.start, entity.end));
            doc.entities.insert(at, entity.clone());
        }
        Edit::RemoveEntity { entity, .. } => {
            let at = doc
                .entities
                .iter()
                .position(|e| e == entity)
                .ok_or_else(|| {
                    EditError::Stale(format!("no span {}..{}", entity.start, entity.end))
                })?;
            doc.entities.remove(at);
        }
        Edit::ReplaceEntity { old, new, .. } => {
            check_entity(doc, new)?;
            let at =
                doc.entities.iter().position(|e| e == old).ok_or_else(|| {
                    EditError::Stale(format!("no span {}..{}", old.start, old.end))
                })?;
            doc.entities.remove(at);
            let at = doc
                .entities
                .partition_point(|e| (e.start, e.end) <= (new.start, new.end));
            doc.entities.insert(at, new.clone());
        }
        Edit::SetFields { new, .. } => doc.fields = (**new).clone(),
        Edit::SetStatus { new, .. } => doc.status = *new,
        Edit::SetNotes { new, .. } => doc.notes.clone_from(new),
        Edit::SetText { old, new, .. } => {
            if doc.text != old.text {
                return Err(EditError::Stale("the cleaned text changed".into()));
            }
            let TextState {
                text,
                removed,
                alignment,
                entities,
                fields,
            } = (**new).clone();
            doc.text = text;
            doc.removed = removed;
            doc.alignment = alignment;
            doc.entities = entities;
            doc.fields = fields;
        }
        Edit::Batch(_) => unreachable!("batches are split in Edit::apply"),
    }
    Ok(())
}

/// One applied edit and the revisions on either side of it.
#[derive(Debug, Clone)]
struct Step {
    edit: Edit,
    before: u64,
    after: u64,
}

/// Undo and redo stacks for a dataset, and the revision that tells saved from unsaved.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    next_revision: u64,
    saved_revision: u64,
}

impl History {
    /// An empty history whose current state counts as saved.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply an edit, record it for undo, and drop the redo stack.
    pub fn apply(&mut self, dataset: &mut Dataset, edit: Edit) -> Result<(), EditError> {
        edit.apply(dataset)?;
        self.next_revision += 1;
        let step = Step {
            edit,
            before: self.revision,
            after: self.next_revision,
        };
        self.revision = step.after;
        self.undo.push(step);
        self.redo.clear();
        Ok(())
    }

    /// Undo the last edit; returns the document it touched.
    pub fn undo(&mut self, dataset: &mut Dataset) -> Option<usize> {
        let step = self.undo.pop()?;
        if step.edit.inverse().apply(dataset).is_err() {
            // The dataset no longer matches this step (it was replaced under us); drop the
            // history rather than apply a wrong inverse.
            self.undo.clear();
            self.redo.clear();
            return None;
        }
        self.revision = step.before;
        let doc = step.edit.document();
        self.redo.push(step);
        doc
    }

    /// Redo the last undone edit; returns the document it touched.
    pub fn redo(&mut self, dataset: &mut Dataset) -> Option<usize> {
        let step = self.redo.pop()?;
        if step.edit.apply(dataset).is_err() {
            self.undo.clear();
            self.redo.clear();
            return None;
        }
        self.revision = step.after;
        let doc = step.edit.document();
        self.undo.push(step);
        doc
    }

    /// True when there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The current revision; changes with every apply, undo and redo.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when the current state differs from the last saved one.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Record that the state at `revision` is what is on disk now.
    pub fn mark_saved(&mut self, revision: u64) {
        self.saved_revision = revision;
    }

    /// Forget the saved revision, e.g. after a recovery that is not yet on disk.
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dataset::*;

    fn doc(text: &str) -> Document {
        let mut d = Document::from_plain_text(
            "d1".into(),
            Source::synthetic("a.txt"),
            Language::Fa,
            text.into(),
        );
        d.normalization = Normalization::default();
        d
    }

    fn entity(start: usize, end: usize, text: &str) -> Entity {
        Entity {
            start,
            end,
            label: "PERSON".into(),
            text: text.into(),
            canonical: None,
            kb_id: None,
            origin: Origin::Manual,
        }
    }

    fn dataset_of(texts: &[&str]) -> Dataset {
        Dataset {
            documents: texts.iter().map(|t| doc(t).into()).collect(),
            ..Dataset::default()
        }
    }

    /// Labels «لاوروف» in the first document (as in [`dataset_of`]`(&["با لاوروف گفت"])`).
    fn add_lavrov(h: &mut History, ds: &mut Dataset) {
        h.apply(
            ds,
            Edit::AddEntity {
                doc: 0,
                entity: entity(3, 9, "لاوروف"),
            },
        )
        .expect("fits");
    }

    #[test]
    fn a_save_snapshot_keeps_the_version_it_took() {
        let mut ds = dataset_of(&["با لاوروف گفت", "متن دوم"]);
        let snapshot = ds.clone();
        let mut h = History::new();
        add_lavrov(&mut h, &mut ds);
        // The edited document was copied; the snapshot still holds the one before the edit.
        assert_eq!(ds.documents[0].entities.len(), 1);
        assert!(snapshot.documents[0].entities.is_empty());
        assert!(!std::sync::Arc::ptr_eq(
            &ds.documents[0],
            &snapshot.documents[0]
        ));
        // The untouched document is still shared, not copied.
        assert!(std::sync::Arc::ptr_eq(
            &ds.documents[1],
            &snapshot.documents[1]
        ));
    }

    #[test]
    fn undo_redo_and_dirty() {
        let mut ds = dataset_of(&["با لاوروف گفت"]);
        let mut h = History::new();
        assert!(!h.is_dirty());
        add_lavrov(&mut h, &mut ds);
        assert!(h.is_dirty());
        assert_eq!(ds.documents[0].entities.len(), 1);
        h.mark_saved(h.revision());
        assert!(!h.is_dirty());
        assert_eq!(h.undo(&mut ds), Some(0));
        assert!(ds.documents[0].entities.is_empty());
        assert!(h.is_dirty());
        h.redo(&mut ds);
        assert!(!h.is_dirty(), "redo back to the saved revision is clean");
    }

    #[test]
    fn bad_span_is_refused_and_changes_nothing() {
        let mut ds = dataset_of(&["با لاوروف"]);
        let mut h = History::new();
        let err = h.apply(
            &mut ds,
            Edit::AddEntity {
                doc: 0,
                entity: entity(3, 20, "x"),
            },
        );
        assert!(matches!(err, Err(EditError::BadSpan { .. })));
        let err = h.apply(
            &mut ds,
            Edit::AddEntity {
                doc: 0,
                entity: entity(0, 2, "xx"),
            },
        );
        assert!(matches!(err, Err(EditError::BadSpan { .. })));
        assert!(!h.is_dirty());
        assert!(!h.can_undo());
    }

    #[test]
    fn batch_rolls_back_on_error() {
        let mut ds = dataset_of(&["با لاوروف"]);
        let good = Edit::AddEntity {
            doc: 0,
            entity: entity(3, 9, "لاوروف"),
        };
        let bad = Edit::AddEntity {
            doc: 0,
            entity: entity(0, 1, "x"),
        };
        assert!(Edit::Batch(vec![good, bad]).apply(&mut ds).is_err());
        assert!(ds.documents[0].entities.is_empty());
    }
}
