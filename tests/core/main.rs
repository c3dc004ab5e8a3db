//! The core's integration tests: ingest, cleaning, extraction, the CLI, dataset I/O and crash
//! safety. One test binary rather than one per file: each binary links every dependency, and
//! twenty of them cost minutes of linking and gigabytes of disk on a two-core CI machine.
//! None of these tests needs the `gui` feature.

mod common;
// The page generators shared with the benchmarks (our own sentences, both languages).
#[path = "../../benches/common/mod.rs"]
mod bench_common;

mod clean_articles;
mod clean_golden;
mod clean_hostile;
mod clean_props;
mod clean_restore;
mod clean_zwnj;
mod cli_extract;
mod cli_roundtrip;
mod crash_sigkill;
mod extract_eval;
mod extract_golden;
mod ingest_files;
mod ingest_html;
mod ingest_lang;
mod ingest_props;
mod ingest_walk;
mod schema;
