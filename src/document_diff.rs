//! The [`Edit`] that turns one version of a document into another with the same text, so that
//! a whole-document result (a merge of two analysts' versions) enters the undo history as one
//! step like any other change.

use crate::model::{Document, Edit, Entity};

/// The edit that changes `from` (document `doc` of the dataset) into `to`: spans removed and
/// added, the record, the status and the notes. `None` when nothing differs. Both versions must
/// have the same text; spans of `to` that do not fit it are refused when the edit is applied.
#[must_use]
pub fn edit_between(doc: usize, from: &Document, to: &Document) -> Option<Edit> {
    let mut edits = Vec::new();
    // Multisets: a span that occurs twice in `from` and once in `to` loses one copy.
    let mut unmatched: Vec<Option<&Entity>> = to.entities.iter().map(Some).collect();
    for e in &from.entities {
        match unmatched.iter_mut().find(|x| **x == Some(e)) {
            Some(slot) => *slot = None,
            None => edits.push(Edit::RemoveEntity {
                doc,
                entity: e.clone(),
            }),
        }
    }
    // Removals first: an added span may replace one it overlaps.
    edits.extend(unmatched.into_iter().flatten().map(|e| Edit::AddEntity {
        doc,
        entity: e.clone(),
    }));
    if from.fields != to.fields {
        edits.push(Edit::SetFields {
            doc,
            old: Box::new(from.fields.clone()),
            new: Box::new(to.fields.clone()),
        });
    }
    if from.status != to.status {
        edits.push(Edit::SetStatus {
            doc,
            old: from.status,
            new: to.status,
        });
    }
    if from.notes != to.notes {
        edits.push(Edit::SetNotes {
            doc,
            old: from.notes.clone(),
            new: to.notes.clone(),
        });
    }
    if edits.is_empty() {
        None
    } else {
        Some(Edit::Batch(edits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, History, Language, Origin, Source, Status};

    const TEXT: &str = "اتصل عراقجي بنظيره السعودي";

    fn entity(start: usize, end: usize, label: &str) -> Entity {
        Entity {
            start,
            end,
            label: label.into(),
            text: TEXT.chars().skip(start).take(end - start).collect(),
            canonical: None,
            kb_id: None,
            origin: Origin::Manual,
        }
    }

    fn doc(entities: Vec<Entity>, status: Status) -> Document {
        let mut d = Document::from_plain_text(
            "d".into(),
            Source::synthetic("d.txt"),
            Language::Ar,
            TEXT.into(),
        );
        d.entities = entities;
        d.status = status;
        d
    }

    #[test]
    fn one_undo_step_reaches_the_target_and_back() {
        let from = doc(
            vec![entity(5, 11, "PERSON"), entity(19, 26, "LOC")],
            Status::InProgress,
        );
        let mut to = doc(
            vec![entity(5, 11, "ORG"), entity(19, 26, "LOC")],
            Status::Done,
        );
        to.notes = "دمج".into();
        let mut ds = Dataset {
            documents: vec![from.clone()].into_iter().map(Into::into).collect(),
            ..Dataset::default()
        };
        let edit = edit_between(0, &from, &to).expect("they differ");
        let mut h = History::new();
        h.apply(&mut ds, edit).expect("fits the text");
        assert_eq!(*ds.documents[0], to);
        assert_eq!(h.undo(&mut ds), Some(0));
        assert_eq!(*ds.documents[0], from);
        assert!(!h.can_undo(), "the whole change was one step");
    }

    #[test]
    fn duplicates_count_as_a_multiset() {
        let from = doc(
            vec![entity(5, 11, "PERSON"), entity(5, 11, "PERSON")],
            Status::Done,
        );
        let to = doc(vec![entity(5, 11, "PERSON")], Status::Done);
        let Some(Edit::Batch(edits)) = edit_between(0, &from, &to) else {
            panic!("expected one removal");
        };
        assert_eq!(edits.len(), 1);
        assert!(matches!(edits[0], Edit::RemoveEntity { .. }));
    }

    #[test]
    fn identical_versions_need_no_edit() {
        let d = doc(vec![entity(5, 11, "PERSON")], Status::Done);
        assert_eq!(edit_between(0, &d, &d.clone()), None);
    }
}
