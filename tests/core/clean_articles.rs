//! Cleaning whole articles against what an analyst expects: the real scraped seeds in
//! `../shared/seeds` (skipped with a note when absent) and our own fixtures in
//! `tests/fixtures/clean` (Persian and Arabic, written for these tests).
//!
//! For each article: every boilerplate string is gone, every body string is still there, every
//! repeated string appears exactly once, the headline is the first line, and tags, news id and
//! date lines land in the metadata. Expected strings go through the same letter normalization
//! as the text, since Persian documents get ي/ك unified.

use std::path::{Path, PathBuf};

use khabar::clean::normalize::normalize_letters;
use khabar::clean::{Cleaned, SiteRules, clean, render};
use khabar::model::{Language, Normalization};
use serde_json::Value;

fn lang_of(code: &str) -> Language {
    match code {
        "fa" => Language::Fa,
        "ar" => Language::Ar,
        _ => Language::Other,
    }
}

/// Checks one article; returns the problems found.
fn check(dir: &Path, a: &Value, keys: [&str; 3]) -> (Vec<String>, Cleaned) {
    let file = a["file"].as_str().expect("file name");
    let lang = lang_of(a["language"].as_str().expect("language"));
    let raw = std::fs::read_to_string(dir.join(file)).expect("article readable");
    let norm = Normalization::default();
    let c = clean(&raw, lang, &SiteRules::bundled(), &norm);
    let mut problems = Vec::new();
    let norm_s = |s: &str| normalize_letters(s, lang, &norm);
    let strings = |k: &str| -> Vec<String> {
        a[k].as_array()
            .map(|v| v.iter().filter_map(Value::as_str).map(norm_s).collect())
            .unwrap_or_default()
    };
    let [drop_key, keep_key, once_key] = keys;
    for s in strings(drop_key) {
        if c.text.contains(&s) {
            problems.push(format!("{file}: boilerplate kept: {s}"));
        }
    }
    for s in strings(keep_key) {
        if !c.text.contains(&s) {
            problems.push(format!("{file}: body lost: {s}"));
        }
    }
    for s in strings(once_key) {
        let n = c.text.matches(&s).count();
        if n != 1 {
            problems.push(format!("{file}: {n} copies of: {s}"));
        }
    }
    if let Some(h) = a["headline"].as_str() {
        let first = c.text.lines().next().unwrap_or("");
        if first != norm_s(h) {
            problems.push(format!("{file}: first line {first:?} is not the headline"));
        }
    }
    let tags = strings("tags");
    if c.metadata.tags != tags {
        problems.push(format!("{file}: tags {:?} != {tags:?}", c.metadata.tags));
    }
    let id = a["news_id"].as_str().map(str::to_owned);
    if c.metadata.news_id != id {
        problems.push(format!(
            "{file}: news id {:?} != {id:?}",
            c.metadata.news_id
        ));
    }
    if a["published_original"].is_string() && !c.metadata.extra.contains_key("published_line") {
        problems.push(format!("{file}: no published_line in metadata"));
    }
    for k in strings("extra") {
        if !c.metadata.extra.contains_key(&k) {
            problems.push(format!("{file}: no {k} in metadata.extra"));
        }
    }
    // Format of the output.
    if c.text.contains("\n\n") || c.text.contains('\r') || c.text.contains("  ") {
        problems.push(format!(
            "{file}: blank line, CR or double space in the text"
        ));
    }
    if c.text
        .lines()
        .any(|l| l.starts_with(' ') || l.ends_with(' '))
    {
        problems.push(format!("{file}: a line starts or ends with a space"));
    }
    if c.text.contains(['\u{200E}', '\u{200F}', '\u{00A0}', '\t']) {
        problems.push(format!("{file}: bidi mark, NBSP or tab left in the text"));
    }
    if render(&raw, &c.removed, lang, &norm) != (c.text.clone(), c.alignment.clone()) {
        problems.push(format!("{file}: render does not reproduce clean"));
    }
    println!(
        "== {file}: {} clean chars, {} removed pieces, {} alignment segments",
        c.text.chars().count(),
        c.removed.len(),
        c.alignment.0.len()
    );
    (problems, c)
}

fn run(dir: &Path, keys: [&str; 3]) -> Vec<String> {
    let expected = std::fs::read_to_string(dir.join("expected.json")).expect("expected.json");
    let expected: Value = serde_json::from_str(&expected).expect("expected.json parses");
    let articles = expected["articles"].as_array().expect("articles list");
    assert!(articles.len() >= 4);
    articles
        .iter()
        .flat_map(|a| check(dir, a, keys).0)
        .collect()
}

fn seeds_dir() -> Option<PathBuf> {
    // `../shared/seeds` next to the crate (CI); one level further up when the crate is a
    // worktree inside the shared checkout.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../shared/seeds", "../../shared/seeds"]
        .iter()
        .map(|d| root.join(d))
        .find(|d| d.join("expected.json").is_file())
}

#[test]
fn seeds_meet_expectations() {
    let Some(dir) = seeds_dir() else {
        println!("note: ../shared/seeds not found; seed checks skipped");
        return;
    };
    let problems = run(
        &dir,
        ["boilerplate_must_drop", "body_must_keep", "appears_once"],
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fixtures_meet_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let problems = run(&dir, ["must_drop", "must_keep", "appears_once"]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
