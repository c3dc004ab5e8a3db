//! Dataset files on disk: atomic writes and validated loads.

pub mod atomic;
pub mod dataset_file;

pub use atomic::{WriteError, is_article_path, write_atomic};
pub use dataset_file::{
    LoadError, Loaded, dataset_to_bytes, load_dataset, parse_dataset, save_dataset, write_dataset,
    writes_over_source,
};
