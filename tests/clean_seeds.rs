//! Cleaning the real scraped seed articles in `../shared/seeds` against `expected.json`.
//! Skips, with a printed note, when the seeds are not there.

use std::path::Path;

use khabar::clean::normalize::normalize_letters;
use khabar::clean::{SiteRules, clean};
use khabar::model::{Language, Normalization};

fn lang_of(code: &str) -> Language {
    match code {
        "fa" => Language::Fa,
        "ar" => Language::Ar,
        _ => Language::Other,
    }
}

#[test]
fn seeds_meet_expectations() {
    // `../shared/seeds` next to the crate (CI); one level further up when the crate is a
    // worktree inside the shared checkout.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(dir) = ["../shared/seeds", "../../shared/seeds"]
        .iter()
        .map(|d| root.join(d))
        .find(|d| d.join("expected.json").is_file())
    else {
        println!("note: ../shared/seeds not found; seed checks skipped");
        return;
    };
    let expected = std::fs::read_to_string(dir.join("expected.json")).expect("expected.json readable");
    let expected: serde_json::Value = serde_json::from_str(&expected).expect("expected.json parses");
    let articles = expected["articles"].as_array().expect("articles list");
    assert_eq!(articles.len(), 5);
    let rules = SiteRules::bundled();
    let norm = Normalization::default();
    let mut failures = Vec::new();
    for a in articles {
        let file = a["file"].as_str().expect("file name");
        let lang = lang_of(a["language"].as_str().expect("language"));
        let raw = std::fs::read_to_string(dir.join(file)).expect("seed readable");
        let c = clean(&raw, lang, &rules, &norm);
        let norm_s = |s: &str| normalize_letters(s, lang, &norm);
        let strings = |k: &str| -> Vec<String> {
            a[k].as_array()
                .map(|v| v.iter().filter_map(|s| s.as_str()).map(norm_s).collect())
                .unwrap_or_default()
        };
        for s in strings("boilerplate_must_drop") {
            if c.text.contains(&s) {
                failures.push(format!("{file}: boilerplate kept: {s}"));
            }
        }
        for s in strings("body_must_keep") {
            if !c.text.contains(&s) {
                failures.push(format!("{file}: body lost: {s}"));
            }
        }
        for s in strings("appears_once") {
            let n = c.text.matches(&s).count();
            if n != 1 {
                failures.push(format!("{file}: {n} copies of: {s}"));
            }
        }
        if let Some(h) = a["headline"].as_str() {
            let first = c.text.lines().next().unwrap_or("");
            if first != norm_s(h) {
                failures.push(format!("{file}: first line {first:?} is not the headline"));
            }
        }
        let tags = strings("tags");
        if c.metadata.tags != tags {
            failures.push(format!("{file}: tags {:?} != {tags:?}", c.metadata.tags));
        }
        let id = a["news_id"].as_str().map(str::to_owned);
        if c.metadata.news_id != id {
            failures.push(format!("{file}: news id {:?} != {id:?}", c.metadata.news_id));
        }
        if a["published_original"].is_string() && !c.metadata.extra.contains_key("published_line") {
            failures.push(format!("{file}: no published_line in metadata"));
        }
        assert!(!c.text.contains("\n\n") && !c.text.contains('\r'));
        println!("== {file}: {} chars, {} removed pieces", c.text.chars().count(), c.removed.len());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
