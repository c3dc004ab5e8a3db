//! The JSON Schema of the dataset contract, generated from the Rust types.
//!
//! `assets/dataset.schema.json` is this output; `tests/core/schema.rs` fails when the two differ
//! (run it with `KHABAR_BLESS=1` to rewrite the file after changing the contract).

use crate::model::Dataset;

/// The schema as pretty-printed JSON, ending in a newline.
#[must_use]
pub fn dataset_schema_json() -> String {
    let schema = schemars::schema_for!(Dataset);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}
