//! What fills the centre of the window: the article (the default), the agreement view of two
//! analysts' versions, or the dataset overview; and the state those two dataset views keep
//! across frames (cached figures, the loaded comparison).

use egui::Ui;

use super::commands::{Command, CommandQueue};
use super::panels::agreement::{self, Comparison};
use super::panels::overview::{self, OverviewCache};
use super::state::Layout;
use crate::session::Session;

/// The view in the centre of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CentralView {
    /// The current document's article, for labeling.
    #[default]
    Article,
    /// The current document beside the other analyst's version, with the merge.
    Agreement,
    /// Plots over the whole dataset.
    Overview,
}

/// Identifies one state of the open dataset: figures computed for one key stay valid until the
/// key changes. Edits change the revision; a folder still loading changes the document count;
/// opening another dataset changes the generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatasetKey {
    /// Counts sessions replaced, so a new dataset at revision 0 differs from the old one.
    pub generation: u64,
    /// The history revision.
    pub revision: u64,
    /// Documents in the dataset.
    pub documents: usize,
}

/// State of the dataset views.
#[derive(Default)]
pub struct DataViews {
    /// The view shown.
    pub view: CentralView,
    /// The overview's figures, computed once per dataset state.
    pub overview: OverviewCache,
    /// The other analyst's dataset, once loaded.
    pub comparison: Option<Comparison>,
    generation: u64,
}

impl DataViews {
    /// Forget figures of the previous dataset; the comparison stays loaded.
    pub fn session_replaced(&mut self) {
        self.generation += 1;
        if let Some(c) = self.comparison.as_mut() {
            c.forget_state();
        }
    }

    /// The key of the session's current state.
    #[must_use]
    pub fn key(&self, session: &Session) -> DatasetKey {
        DatasetKey {
            generation: self.generation,
            revision: session.history.revision(),
            documents: session.dataset.documents.len(),
        }
    }

    /// The panel layout for the view shown: the dataset views need the width, and the fields
    /// and span panels describe the article only.
    #[must_use]
    pub fn layout(&self, base: Layout) -> Layout {
        match self.view {
            CentralView::Article => base,
            CentralView::Agreement | CentralView::Overview => Layout {
                fields: false,
                entities: false,
                ..base
            },
        }
    }

    /// True when the centre shows something other than the article.
    #[must_use]
    pub fn replaces_article(&self) -> bool {
        self.view != CentralView::Article
    }

    /// Switch to `view`; the agreement view needs a loaded comparison.
    pub fn show_view(&mut self, view: CentralView) -> Result<(), &'static str> {
        if view == CentralView::Agreement && self.comparison.is_none() {
            return Err(
                "Load another analyst's dataset first (File, Compare with another analyst's dataset).",
            );
        }
        self.view = view;
        Ok(())
    }

    /// Toggle between `view` and the article.
    pub fn toggle(&mut self, view: CentralView) -> Result<(), &'static str> {
        if self.view == view {
            self.view = CentralView::Article;
            Ok(())
        } else {
            self.show_view(view)
        }
    }

    /// Draw the centre for the dataset views (call only when [`Self::replaces_article`]).
    pub fn show_central(&mut self, ui: &mut Ui, session: &Session, cmds: &mut CommandQueue) {
        let key = self.key(session);
        match self.view {
            CentralView::Article => {}
            CentralView::Overview => {
                let figures = self.overview.get(key, &session.dataset);
                overview::show(ui, figures, &session.dataset.labels);
            }
            CentralView::Agreement => match self.comparison.as_mut() {
                Some(c) => agreement::show(ui, session, c, key, cmds),
                None => {
                    ui.label("No comparison loaded.");
                }
            },
        }
    }
}

/// The view switch in the menu bar: article, overview, agreement.
pub fn view_switch(ui: &mut Ui, views: &DataViews, has_session: bool, cmds: &mut CommandQueue) {
    ui.add_enabled_ui(has_session, |ui| {
        let items = [
            (
                CentralView::Article,
                "Article",
                "The document, for labeling",
            ),
            (
                CentralView::Overview,
                "Overview",
                "Plots over the whole dataset (F3)",
            ),
            (
                CentralView::Agreement,
                "Agreement",
                "Compare with another analyst's dataset (F4)",
            ),
        ];
        for (view, name, hover) in items {
            if view == CentralView::Agreement && views.comparison.is_none() {
                continue;
            }
            if ui
                .selectable_label(views.view == view, name)
                .on_hover_text(hover)
                .clicked()
                && views.view != view
            {
                cmds.push(Command::ShowView(view));
            }
        }
    });
}
