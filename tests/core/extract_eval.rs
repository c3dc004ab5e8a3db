//! Runs extraction on hand-cleaned articles and scores it with `eval::evaluate`: the seeds in
//! `../shared/seeds` (when present) and Khabar's own fixtures in `tests/fixtures/articles`.
//!
//! The seeds are raw pages; cleaning is another module, so this test cleans them by a few
//! plain rules at runtime (no seed sentence is copied into the repository).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use khabar::eval::{EvalReport, Expected, evaluate};
use khabar::extract::{Resources, extract};
use khabar::model::{
    Alignment, Dataset, Document, Language, Metadata, Normalization, Source, SourceFormat, Status,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            khabar::text::chars::digit_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c)
        })
        .collect()
}

/// Persian when Persian-only letters outnumber Arabic-only ones.
fn language(text: &str) -> Language {
    let fa = text.chars().filter(|c| "پچژگیک".contains(*c)).count();
    let ar = text.chars().filter(|c| "يكة".contains(*c)).count();
    if fa > ar { Language::Fa } else { Language::Ar }
}

fn unify(text: &str, lang: Language) -> String {
    if lang == Language::Fa {
        text.replace('ي', "ی").replace('ك', "ک")
    } else {
        text.to_owned()
    }
}

fn document(
    file: &str,
    text: String,
    lang: Language,
    metadata: Metadata,
    res: &Resources,
) -> Document {
    let x = extract(&text, lang, &metadata, res);
    Document {
        id: file.to_owned(),
        source: Source {
            path: file.to_owned(),
            file_name: file.to_owned(),
            sha256: String::new(),
            encoding: "UTF-8".into(),
            format: SourceFormat::Text,
        },
        language: lang,
        raw_text: text.clone(),
        text,
        removed: Vec::new(),
        alignment: Alignment::default(),
        normalization: Normalization::default(),
        metadata,
        fields: x.fields,
        entities: x.entities,
        status: Status::Unreviewed,
        notes: String::new(),
    }
}

const HEADER: &[&str] = &["به روز شده", "فیلم بیشتر", "تاریخ انتشار", "انتشار:", "کد "];
const FOOTER: &[&str] = &[
    "برچسب ها:",
    "ارسال به دوستان",
    "ارسال دیدگاه",
    "جميع الحقوق محفوظة",
    "اشترك فى النشرة",
    "تابعنا على",
];

/// Cleans a seed page by plain rules: page facts into metadata, header and footer lines out,
/// a breadcrumb glued to the headline out, repeated paragraphs once.
fn clean_seed(raw: &str) -> (String, Metadata) {
    let mut md = Metadata::default();
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut body: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if FOOTER.iter().any(|f| line.starts_with(f)) {
            if let Some(tags) = line.strip_prefix("برچسب ها:") {
                md.tags = tags
                    .split('،')
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            if line.starts_with("برچسب ها:") {
                continue;
            }
            break;
        }
        if let Some(id) = line.strip_prefix("کد خبر") {
            md.news_id = Some(ascii_digits(id.trim()));
        }
        if line.starts_with("تاریخ انتشار") {
            md.extra.insert("published_line".into(), (*line).to_owned());
        }
        if line.starts_with("به روز شده") {
            md.extra
                .insert("crawl_date_line".into(), (*line).to_owned());
        }
        let only_date = line.chars().all(|c| {
            c.is_whitespace()
                || khabar::text::chars::is_any_digit(c)
                || "آذرارديبهشتفروردین-:".contains(c)
        }) && body.is_empty();
        if HEADER.iter().any(|h| line.starts_with(h)) || only_date {
            continue;
        }
        if body.is_empty()
            && lines
                .get(i + 1)
                .is_some_and(|next| line.ends_with(next) && line != next)
        {
            continue; // breadcrumb + headline
        }
        if body.contains(line) {
            continue;
        }
        body.push(line);
    }
    (body.join("\n"), md)
}

fn report(name: &str, r: &EvalReport) {
    println!("== {name}\n{r}");
    for m in &r.misses {
        println!("  miss: {m}");
    }
}

fn assert_perfect(r: &EvalReport, fields: &[&str]) {
    for f in fields {
        let s = r.score(f);
        assert_eq!(
            s.correct,
            s.total,
            "{f}: {}/{}\n{}",
            s.correct,
            s.total,
            r.misses.join("\n")
        );
    }
}

#[test]
fn seeds_are_read_as_the_analyst_reads_them() -> TestResult {
    // `../shared/seeds` next to the crate (CI); a worktree one level deeper also finds them.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ];
    let Some(dir) = candidates.iter().find(|d| d.join("expected.json").exists()) else {
        println!("note: ../shared/seeds not found; seed evaluation skipped");
        return Ok(());
    };
    let expected = Expected::load(&dir.join("expected.json"))?;
    let res = Resources::bundled()?;
    let mut ds = Dataset::default();
    for art in &expected.articles {
        let raw = std::fs::read_to_string(dir.join(&art.file))?;
        let lang = language(&raw);
        let (text, md) = clean_seed(&unify(&raw, lang));
        ds.documents
            .push(document(&art.file, text, lang, md, &res).into());
    }
    let r = evaluate(&ds, &expected);
    report("seeds", &r);
    assert!(r.missing.is_empty());
    assert_perfect(
        &r,
        &[
            "language",
            "headline",
            "published",
            "news_id",
            "agencies",
            "main_event_type",
            "main_event_participants",
        ],
    );
    assert!(r.score("entity_recall").ratio() >= 0.9, "{r}");
    Ok(())
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

/// The fixtures as a dataset, extracted.
fn fixture_dataset(res: &Resources) -> Result<(Dataset, Expected), Box<dyn std::error::Error>> {
    let dir = fixtures();
    let expected = Expected::load(&dir.join("expected.json"))?;
    let meta: BTreeMap<String, Metadata> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("metadata.json"))?)?;
    let mut ds = Dataset::default();
    for art in &expected.articles {
        let text = std::fs::read_to_string(dir.join(&art.file))?;
        let lang = language(&text);
        let md = meta.get(&art.file).cloned().unwrap_or_default();
        ds.documents
            .push(document(&art.file, unify(text.trim_end(), lang), lang, md, res).into());
    }
    Ok((ds, expected))
}

#[test]
fn own_fixtures_meet_measured_thresholds() -> TestResult {
    let res = Resources::bundled()?;
    let (ds, expected) = fixture_dataset(&res)?;
    assert!(expected.articles.len() >= 10);
    let r = evaluate(&ds, &expected);
    report("fixtures", &r);
    // The held-out articles (ho_*) were written after the rules were final; their score is
    // printed apart so a reader sees how the rules do on text they were not fitted to.
    let held_out = Expected {
        about: String::new(),
        articles: expected
            .articles
            .iter()
            .filter(|a| a.file.starts_with("ho_"))
            .cloned()
            .collect(),
    };
    assert!(held_out.articles.len() >= 3);
    report("held-out fixtures", &evaluate(&ds, &held_out));
    assert!(r.missing.is_empty());
    assert_perfect(
        &r,
        &[
            "language",
            "headline",
            "published",
            "news_id",
            "agencies",
            "tags",
        ],
    );
    // Thresholds a little under what was measured (see the report), so a regression fails.
    let at_least = |f: &str, min: f64| {
        let s = r.score(f);
        assert!(
            s.ratio() >= min,
            "{f}: {}/{} below {min}\n{r}",
            s.correct,
            s.total
        );
    };
    at_least("main_event_type", 0.9);
    at_least("main_event_participants", 0.9);
    at_least("all_events", 0.85);
    at_least("event_details", 0.9);
    at_least("event_topics", 0.9);
    at_least("entity_recall", 0.95);
    at_least("entity_precision", 0.85);
    Ok(())
}

#[test]
fn entity_spans_are_exact_sorted_and_disjoint() -> TestResult {
    let res = Resources::bundled()?;
    let (ds, _) = fixture_dataset(&res)?;
    for d in &ds.documents {
        let chars: Vec<char> = d.text.chars().collect();
        let mut last_end = 0;
        for e in &d.entities {
            assert!(e.start >= last_end && e.start < e.end, "{}: {e:?}", d.id);
            let covered: String = chars
                .get(e.start..e.end)
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            assert_eq!(covered, e.text, "{}", d.id);
            last_end = e.end;
        }
        for ev in &d.fields.events {
            for s in ev
                .evidence
                .iter()
                .chain(ev.participants.iter().flat_map(|p| &p.evidence))
            {
                assert!(
                    s.end.0 <= chars.len() && s.start < s.end,
                    "{}: bad evidence {s:?}",
                    d.id
                );
            }
        }
    }
    Ok(())
}
