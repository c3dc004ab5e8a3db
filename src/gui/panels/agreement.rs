//! The agreement view: the current document as this dataset has it (ours, left) beside the
//! version in another analyst's dataset (theirs, right), the disagreements between them, the
//! agreement scores, and a merge that takes one side per disagreement.
//!
//! Scores, disagreements and the merge itself come from [`crate::agree`]; the merge enters the
//! undo history as one edit built by [`crate::document_diff::edit_between`].

use std::path::PathBuf;

use egui::{Color32, Key, Modifiers, RichText, Ui};

use crate::agree::{self, Agreement, Disagreement, Side, SpanScore};
use crate::document_diff::edit_between;
use crate::gui::commands::{Command, CommandQueue};
use crate::gui::text::{ArticleView, Highlight};
use crate::gui::text_ports::{label_color, rtl_label, rtl_label_styled};
use crate::gui::views::DatasetKey;
use crate::model::{Dataset, Document, Edit, Entity, Label, Status};
use crate::session::Session;
use crate::text::CharSpan;

/// How the current document compares with the other dataset.
#[derive(Debug, Clone)]
pub enum DocState {
    /// The dataset has no documents.
    NoDocument,
    /// The other dataset has no document with this id.
    Missing {
        /// The document id looked for.
        id: String,
    },
    /// Both have the document, but its cleaned texts differ, so offsets cannot be compared.
    TextDiffers {
        /// The document id.
        id: String,
    },
    /// Both have the document with the same text.
    Compared {
        /// Index of the document in the other dataset.
        other: usize,
        /// Where the two versions differ, in text order (then record, then status).
        disagreements: Vec<Disagreement>,
        /// The scores of this document alone.
        report: Agreement,
    },
}

/// A comparison with another analyst's dataset, kept while the app runs.
pub struct Comparison {
    /// The other dataset's file.
    pub path: PathBuf,
    /// The other dataset.
    pub other: Dataset,
    dataset_report: Option<(DatasetKey, Agreement)>,
    doc: Option<(DatasetKey, usize, DocState)>,
    choices: Vec<Side>,
    focused: usize,
    scroll_to: Option<CharSpan>,
}

impl Comparison {
    /// A comparison with `other`, read from `path`.
    #[must_use]
    pub fn new(path: PathBuf, other: Dataset) -> Self {
        Self {
            path,
            other,
            dataset_report: None,
            doc: None,
            choices: Vec::new(),
            focused: 0,
            scroll_to: None,
        }
    }

    /// Forget the computed state (another dataset was opened, or the document changed).
    pub fn forget_state(&mut self) {
        self.doc = None;
        self.dataset_report = None;
        self.choices.clear();
        self.focused = 0;
    }

    /// The scores over both whole datasets, as last computed.
    #[must_use]
    pub fn dataset_report(&self) -> Option<&Agreement> {
        self.dataset_report.as_ref().map(|(_, r)| r)
    }

    /// How the current document compares, as last computed.
    #[must_use]
    pub fn document_state(&self) -> Option<&DocState> {
        self.doc.as_ref().map(|(_, _, s)| s)
    }

    /// The side chosen for each disagreement of the current document.
    #[must_use]
    pub fn choices(&self) -> &[Side] {
        &self.choices
    }

    /// The disagreement the keys act on.
    #[must_use]
    pub fn focused(&self) -> usize {
        self.focused
    }

    /// Keep `side` for disagreement `i` (ignored when there is no such disagreement).
    pub fn choose(&mut self, i: usize, side: Side) {
        if let Some(c) = self.choices.get_mut(i) {
            *c = side;
        }
    }

    /// Bring the computed state up to date with the session.
    pub fn refresh(&mut self, session: &Session, key: DatasetKey) {
        if self.dataset_report.as_ref().is_none_or(|(k, _)| *k != key) {
            self.dataset_report = Some((key, agree::agreement(&session.dataset, &self.other)));
        }
        let current = session.current;
        if self
            .doc
            .as_ref()
            .is_some_and(|(k, c, _)| *k == key && *c == current)
        {
            return;
        }
        let state = compare_document(session.document(), &self.other);
        let before = self.doc.as_ref().and_then(|(_, c, s)| match s {
            DocState::Compared { disagreements, .. } => Some((*c, disagreements)),
            _ => None,
        });
        let now = match &state {
            DocState::Compared { disagreements, .. } => Some((current, disagreements)),
            _ => None,
        };
        // Choices survive a recomputation that finds the same disagreements (an edit elsewhere
        // in the dataset); anything else starts again from "ours" everywhere.
        if before != now {
            let n = now.map_or(0, |(_, d)| d.len());
            self.choices = vec![Side::A; n];
            self.focused = 0;
            self.scroll_to = None;
        }
        self.doc = Some((key, current, state));
    }

    /// The edit that merges the current document with the other version using the choices
    /// made, or why there is none.
    pub fn merge_edit(&self, session: &Session) -> Result<Edit, String> {
        let ours = session.document().ok_or("No document is open.")?;
        let (other, disagreements) = match compare_document(Some(ours), &self.other) {
            DocState::Compared {
                other,
                disagreements,
                ..
            } => (other, disagreements),
            DocState::NoDocument => return Err("No document is open.".into()),
            DocState::Missing { id } => {
                return Err(format!("The other dataset has no document {id}."));
            }
            DocState::TextDiffers { id } => {
                return Err(format!(
                    "Document {id} has a different text in the other dataset; not merged."
                ));
            }
        };
        let shown = match self.document_state() {
            Some(DocState::Compared { disagreements, .. }) => Some(disagreements),
            _ => None,
        };
        if shown != Some(&disagreements) {
            return Err(
                "The document changed since the choices were made; check them again.".into(),
            );
        }
        let theirs = self
            .other
            .documents
            .get(other)
            .ok_or("The other document is gone.")?;
        let merged = agree::merge(ours, theirs, &self.choices);
        edit_between(session.current, ours, &merged)
            .ok_or_else(|| "Nothing to merge: the choices keep this document as it is.".into())
    }

    fn focus(&mut self, i: usize) {
        self.focused = i;
        self.scroll_to = match self.document_state() {
            Some(DocState::Compared { disagreements, .. }) => disagreements.get(i).and_then(region),
            _ => None,
        };
    }

    fn handle_keys(&mut self, ui: &Ui) {
        let n = self.choices.len();
        // The document search box is the one text field beside this view.
        if n == 0 || ui.ctx().text_edit_focused() {
            return;
        }
        let (down, up, left, right) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowLeft),
                i.consume_key(Modifiers::NONE, Key::ArrowRight),
            )
        });
        if down && self.focused + 1 < n {
            self.focus(self.focused + 1);
        }
        if up && self.focused > 0 {
            self.focus(self.focused - 1);
        }
        if left {
            self.choose(self.focused, Side::A);
        }
        if right {
            self.choose(self.focused, Side::B);
        }
    }
}

/// Pair the current document with the other dataset's by id and compare.
fn compare_document(doc: Option<&Document>, other: &Dataset) -> DocState {
    let Some(ours) = doc else {
        return DocState::NoDocument;
    };
    let Some((i, theirs)) = other
        .documents
        .iter()
        .enumerate()
        .find(|(_, d)| d.id == ours.id)
    else {
        return DocState::Missing {
            id: ours.id.clone(),
        };
    };
    if theirs.text != ours.text {
        return DocState::TextDiffers {
            id: ours.id.clone(),
        };
    }
    let single = |d: &Document| Dataset {
        documents: vec![d.clone().into()],
        ..Dataset::default()
    };
    DocState::Compared {
        other: i,
        disagreements: agree::disagreements(ours, theirs),
        report: agree::agreement(&single(ours), &single(theirs)),
    }
}

/// The code points a span disagreement covers on either side.
fn region(d: &Disagreement) -> Option<CharSpan> {
    let Disagreement::Spans { a, b } = d else {
        return None;
    };
    let start = a.iter().chain(b).map(|e| e.start).min()?;
    let end = a.iter().chain(b).map(|e| e.end).max()?;
    Some(CharSpan::new(start, end))
}

fn color_of(labels: &[Label], name: &str) -> Color32 {
    labels
        .iter()
        .find(|l| l.name == name)
        .map_or(Color32::GRAY, |l| label_color(&l.color))
}

/// Draw the view. Choices and focus change here; the document changes only through
/// [`Command::ApplyMerge`].
pub fn show(
    ui: &mut Ui,
    session: &Session,
    c: &mut Comparison,
    key: DatasetKey,
    cmds: &mut CommandQueue,
) {
    c.refresh(session, key);
    c.handle_keys(ui);
    header(ui, c, cmds);
    scores(ui, c);
    ui.separator();
    let Some(ours) = session.document() else {
        ui.label("No document is open.");
        return;
    };
    let (other, disagreements) = match c.document_state() {
        Some(DocState::Compared {
            other,
            disagreements,
            ..
        }) => (*other, disagreements.clone()),
        Some(DocState::Missing { id }) => {
            ui.label(format!(
                "Document {id} is not in the other dataset; nothing to compare."
            ));
            return;
        }
        Some(DocState::TextDiffers { id }) => {
            ui.colored_label(
                Color32::from_rgb(240, 190, 60),
                format!(
                    "Document {id} has a different cleaned text in the other dataset, so its \
                     spans cannot be compared (the offsets point into different texts)."
                ),
            );
            return;
        }
        Some(DocState::NoDocument) | None => {
            ui.label("No document is open.");
            return;
        }
    };
    let Some(theirs_status) = c.other.documents.get(other).map(|d| d.status) else {
        return;
    };
    let labels = &session.dataset.labels;
    let statuses = (ours.status, theirs_status);
    disagreement_list(ui, c, &disagreements, statuses, labels, cmds);
    ui.separator();
    let Some(theirs) = c.other.documents.get(other) else {
        return;
    };
    let regions: Vec<CharSpan> = disagreements.iter().filter_map(region).collect();
    let focused_region = disagreements.get(c.focused).and_then(region);
    let scroll_to = c.scroll_to.take();
    let mut clicked: Option<(bool, usize)> = None;
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            for (ui, doc, side, ours_side) in
                [(left, ours, "Ours", true), (right, theirs, "Theirs", false)]
            {
                ui.horizontal(|ui| {
                    ui.strong(format!("{side} ({} spans)", doc.entities.len()));
                    let who = if ours_side {
                        &session.dataset.annotator
                    } else {
                        &c.other.annotator
                    };
                    if !who.is_empty() {
                        rtl_label(ui, who);
                    }
                });
                let highlights: Vec<Highlight> = doc
                    .entities
                    .iter()
                    .enumerate()
                    .map(|(i, e)| Highlight {
                        span: e.span(),
                        color: color_of(labels, &e.label),
                        label: Some(e.label.clone()),
                        id: i as u64,
                    })
                    .collect();
                let out = ArticleView::new(("agreement", side), &doc.text)
                    .highlights(&highlights)
                    .evidence(&regions)
                    .selection(focused_region)
                    .scroll_to(scroll_to)
                    .show(ui);
                if let Some(id) = out.clicked_highlight {
                    clicked = usize::try_from(id).ok().map(|i| (ours_side, i));
                }
            }
        }
    });
    // A click on a span focuses the disagreement it belongs to.
    if let Some((ours_side, i)) = clicked {
        let doc = if ours_side { ours } else { theirs };
        if let Some(e) = doc.entities.get(i)
            && let Some(k) = disagreements.iter().position(|d| match d {
                Disagreement::Spans { a, b } => {
                    if ours_side {
                        a.contains(e)
                    } else {
                        b.contains(e)
                    }
                }
                _ => false,
            })
        {
            c.focus(k);
        }
    }
}

fn header(ui: &mut Ui, c: &Comparison, cmds: &mut CommandQueue) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Agreement");
        ui.label("with");
        let name = c
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        rtl_label(ui, &name).on_hover_text(c.path.display().to_string());
        if !c.other.annotator.is_empty() {
            ui.label("by");
            rtl_label(ui, &c.other.annotator);
        }
        if ui.button("Close comparison").clicked() {
            cmds.push(Command::CloseComparison);
        }
    });
}

fn f1(s: Option<&SpanScore>) -> (String, String) {
    match s {
        Some(s) => (
            format!("{:.2}", s.exact_f1()),
            format!("{:.2}", s.overlap_f1()),
        ),
        None => ("–".into(), "–".into()),
    }
}

fn scores(ui: &mut Ui, c: &Comparison) {
    let Some(all) = c.dataset_report() else {
        return;
    };
    let kappa = all
        .event_type_kappa
        .map_or("undefined".into(), |k| format!("{k:.2}"));
    ui.label(format!(
        "Dataset: {} documents paired, {} only here, {} only there · Cohen's kappa on the main \
         event type: {kappa}",
        all.paired_documents,
        all.only_in_a.len(),
        all.only_in_b.len()
    ));
    let doc = match c.document_state() {
        Some(DocState::Compared { report, .. }) => Some(report),
        _ => None,
    };
    let mut labels: Vec<&String> = all.spans.keys().collect();
    if let Some(d) = doc {
        labels.extend(d.spans.keys());
    }
    labels.sort();
    labels.dedup();
    // The total row last.
    labels.sort_by_key(|l| *l == "*");
    egui::CollapsingHeader::new("Span F1 per label (this document and the dataset)")
        .id_salt("agreement_scores")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("agreement_scores_grid")
                .striped(true)
                .num_columns(7)
                .show(ui, |ui| {
                    for h in [
                        "label",
                        "doc: ours/theirs",
                        "doc exact F1",
                        "doc overlap F1",
                        "dataset: ours/theirs",
                        "dataset exact F1",
                        "dataset overlap F1",
                    ] {
                        ui.label(RichText::new(h).weak());
                    }
                    ui.end_row();
                    for l in labels {
                        let name = if l == "*" { "all labels" } else { l.as_str() };
                        ui.label(name);
                        let d = doc.and_then(|d| d.spans.get(l));
                        let a = all.spans.get(l);
                        let counts = |s: Option<&SpanScore>| {
                            s.map_or("0/0".into(), |s| format!("{}/{}", s.a, s.b))
                        };
                        let (de, dov) = f1(d);
                        let (ae, aov) = f1(a);
                        ui.label(counts(d));
                        ui.label(de);
                        ui.label(dov);
                        ui.label(counts(a));
                        ui.label(ae);
                        ui.label(aov);
                        ui.end_row();
                    }
                });
        });
}

/// A side's spans in one disagreement: label chips with the text through the RTL engine.
fn spans_cell(ui: &mut Ui, spans: &[Entity], labels: &[Label]) {
    if spans.is_empty() {
        ui.label(RichText::new("(no span)").weak());
        return;
    }
    for e in spans {
        ui.label(
            RichText::new(&e.label)
                .color(color_of(labels, &e.label))
                .strong(),
        );
        rtl_label_styled(ui, &e.text, None, false);
        ui.label(
            RichText::new(format!("{}..{}", e.start, e.end))
                .weak()
                .small(),
        );
    }
}

fn disagreement_list(
    ui: &mut Ui,
    c: &mut Comparison,
    disagreements: &[Disagreement],
    (ours_status, theirs_status): (Status, Status),
    labels: &[Label],
    cmds: &mut CommandQueue,
) {
    ui.horizontal(|ui| {
        ui.strong(format!("{} disagreement(s)", disagreements.len()));
        if !disagreements.is_empty() {
            let taken = c.choices.iter().filter(|s| **s == Side::B).count();
            if ui
                .button("Apply merge")
                .on_hover_text("Keep the chosen side of each disagreement (one undo step)")
                .clicked()
            {
                cmds.push(Command::ApplyMerge);
            }
            ui.label(
                RichText::new(format!(
                    "{taken} from theirs, {} from ours · keys: Up/Down pick, Left ours, Right theirs",
                    disagreements.len() - taken
                ))
                .weak(),
            );
        }
    });
    if disagreements.is_empty() {
        ui.label(RichText::new("The two versions agree on this document.").weak());
        return;
    }
    let mut focus = None;
    egui::ScrollArea::vertical()
        .id_salt("agreement_list")
        .max_height(160.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("agreement_list_grid")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for (k, d) in disagreements.iter().enumerate() {
                        if ui
                            .selectable_label(c.focused == k, format!("#{}", k + 1))
                            .clicked()
                        {
                            focus = Some(k);
                        }
                        match d {
                            Disagreement::Spans { a, b } => {
                                ui.horizontal(|ui| spans_cell(ui, a, labels));
                                ui.horizontal(|ui| spans_cell(ui, b, labels));
                            }
                            Disagreement::Fields => {
                                ui.label("extracted record (ours)");
                                ui.label("extracted record (theirs)");
                            }
                            Disagreement::Status => {
                                ui.label(format!("status: {}", ours_status.as_str()));
                                ui.label(format!("status: {}", theirs_status.as_str()));
                            }
                        }
                        ui.horizontal(|ui| {
                            let side = c.choices.get(k).copied().unwrap_or(Side::A);
                            if ui
                                .selectable_label(side == Side::A, "Ours")
                                .on_hover_text("Keep the left version (Left arrow)")
                                .clicked()
                            {
                                c.choose(k, Side::A);
                                focus = Some(k);
                            }
                            if ui
                                .selectable_label(side == Side::B, "Theirs")
                                .on_hover_text("Take the right version (Right arrow)")
                                .clicked()
                            {
                                c.choose(k, Side::B);
                                focus = Some(k);
                            }
                        });
                        ui.end_row();
                    }
                });
        });
    if let Some(k) = focus {
        c.focus(k);
    }
}
