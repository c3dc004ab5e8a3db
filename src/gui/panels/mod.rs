//! The panels of the main window. Each draws from the session and pushes commands; none
//! changes a document.

pub mod agreement;
pub mod article;
pub mod doc_list;
pub mod entities;
pub mod fields;
pub mod overview;
pub mod start_screen;
pub mod status_bar;
