//! Facts about one event read from its sentences: date, place, duration, who asked for it,
//! and whether it was the first contact.

use std::sync::LazyLock;

use chrono::Duration;
use regex::Regex;

use super::dates::{
    DateKind, FoundDate, iso, last_weekday_on_or_before, to_gregorian, weekday_name,
};
use super::fold::fold;
use super::gazetteer::DEMONYM;
use super::phrases::{Kind, first_in};
use super::{Analysis, Resources};
use crate::model::{DateValue, Origin, Value};
use crate::text::chars::digit_value;
use crate::text::{ByteOffset, ByteSpan, CharSpan};

/// The date of an event from a date phrase near its cue: explicit, day-month completed with
/// the publication year, or relative to the publication day. Without a publication date a
/// relative phrase yields only the weekday. The weekday is returned whenever the phrase
/// names one, so the analyst sees what the text said.
#[must_use]
pub fn event_date(a: &Analysis<'_>, found: &FoundDate) -> (Option<DateValue>, Option<String>) {
    let evidence = vec![a.chars(found.span)];
    let value = |date: chrono::NaiveDate, time, calendar| DateValue {
        value: iso(date, time),
        original: Some(found.original.clone()),
        calendar,
        evidence: evidence.clone(),
        origin: Origin::Auto,
    };
    match found.kind {
        DateKind::Full {
            date,
            time,
            calendar,
        } => (Some(value(date, time, Some(calendar))), None),
        DateKind::DayMonth {
            day,
            month,
            calendar,
        } => {
            let Some(p) = a.published else {
                return (None, None);
            };
            // The same day in the publication's year of that calendar, or the year before
            // when that would lie after publication.
            let pub_year = year_in(p, calendar);
            let date = [pub_year, pub_year - 1]
                .into_iter()
                .filter_map(|y| to_gregorian(calendar, y, month, day))
                .find(|d| *d <= p);
            (date.map(|d| value(d, None, Some(calendar))), None)
        }
        DateKind::Relative { offset, weekday } => match (a.published, offset, weekday) {
            (Some(p), Some(o), w) => (
                Some(value(p + Duration::days(o), None, None)),
                w.map(|w| weekday_name(w).to_owned()),
            ),
            (Some(p), None, Some(w)) => (
                Some(value(last_weekday_on_or_before(p, w), None, None)),
                Some(weekday_name(w).to_owned()),
            ),
            (None, _, Some(w)) => (None, Some(weekday_name(w).to_owned())),
            _ => (None, None),
        },
    }
}

/// The year of `calendar` that contains the Gregorian day `d`.
fn year_in(d: chrono::NaiveDate, calendar: crate::model::Calendar) -> i32 {
    use crate::model::Calendar;
    use chrono::Datelike;
    match calendar {
        Calendar::Gregorian => d.year(),
        // Nowruz falls on 20 or 21 March; the Hijri year is 354 or 355 days long.
        Calendar::Jalali => {
            let y = d.year() - 621;
            match to_gregorian(Calendar::Jalali, y, 1, 1) {
                Some(nowruz) if d < nowruz => y - 1,
                _ => y,
            }
        }
        Calendar::Hijri => {
            let approx = ((d.year() - 622) * 33) / 32 + 1;
            (approx - 1..=approx + 1)
                .rev()
                .find(|&y| to_gregorian(Calendar::Hijri, y, 1, 1).is_some_and(|s| s <= d))
                .unwrap_or(approx)
        }
    }
}

/// Words before a country that make it stand for its capital, and words before a city that
/// place something in it; folded once.
static PLACE_WORDS: LazyLock<(Vec<String>, Vec<String>)> = LazyLock::new(|| {
    (
        ["پایتخت", "عاصمة", "العاصمة"].map(fold).to_vec(),
        ["در", "في", "به", "وارد", "إلى", "الى"].map(fold).to_vec(),
    )
});

/// A city the sentence places the event in ("در ریاض", "في موسكو", "پایتخت مالزی"), as a
/// canonical name with its evidence, nearest to `near` first.
#[must_use]
pub fn location(
    a: &Analysis<'_>,
    res: &Resources,
    sentence: ByteSpan,
    near: usize,
) -> Option<Value<String>> {
    let g = &res.gazetteer;
    let mut best: Option<(usize, Value<String>)> = None;
    let (capital_words, place_words) = &*PLACE_WORDS;
    for m in gaz_starting_in(a, sentence)
        .iter()
        .filter(|m| sentence.start <= m.span.start && m.span.end <= sentence.end)
    {
        let Some(e) = g.entry(m.entry) else { continue };
        if e.label != "LOC" {
            continue;
        }
        let before = a.folded.get(sentence.start.0..m.span.start.0).unwrap_or("");
        let prev_word = before.split_whitespace().last().unwrap_or("");
        let attached_b = a
            .folded
            .get(..m.span.start.0)
            .is_some_and(|b| b.ends_with('ب') || b.ends_with("فی"));
        let city = match e.role.as_deref() {
            Some("city" | "capital")
                if place_words.iter().any(|w| w == prev_word) || attached_b =>
            {
                Some((m.entry, m.span))
            }
            Some("country") if capital_words.iter().any(|w| w == prev_word) => e
                .country
                .as_deref()
                .and_then(|c| g.capital_of(c))
                .map(|i| (i, m.span)),
            _ => None,
        };
        let Some((idx, span)) = city else { continue };
        let Some(canonical) = g.entry(idx).map(|e| e.canonical.clone()) else {
            continue;
        };
        let dist = span.start.0.abs_diff(near);
        if best.as_ref().is_none_or(|(d, _)| dist < *d) {
            // A capital named by its country keeps the words "پایتخت X" as evidence.
            let start = if e.role.as_deref() == Some("country") {
                a.folded.get(..span.start.0).map_or(span.start.0, |b| {
                    b.trim_end().len().saturating_sub(prev_word.len())
                })
            } else {
                span.start.0
            };
            let ev = ByteSpan {
                start: ByteOffset(start),
                end: span.end,
            };
            best = Some((dist, Value::auto(canonical, vec![a.chars(ev)])));
        }
    }
    best.map(|(_, v)| v)
}

/// The gazetteer matches that start within `span` (its end included), found by bisection:
/// `a.gaz` is sorted by start (the gazetteer reports its matches in text order, without
/// overlaps), and each mention's sentence was looked for in the whole list.
fn gaz_starting_in<'g>(a: &'g Analysis<'_>, span: ByteSpan) -> &'g [super::GazMatch] {
    let lo = a.gaz.partition_point(|m| m.span.start < span.start);
    let hi = a.gaz.partition_point(|m| m.span.start <= span.end);
    a.gaz.get(lo..hi.max(lo)).unwrap_or(&[])
}

static DURATION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let num = r"[0-9۰-۹]+|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|دوازده|پانزده|بیست|سی|چهل|پنجاه|شصت|نود|نیم|واحده|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|ثمانی|تسع|عشر|عشره|عشرین|ثلاثین|اربعین|خمسین|ستین|نصف|ربع";
    let unit = r"دقیقه|دقایق|دقائق|ساعتین|ساعات|ساعت|ساعه";
    Regex::new(&format!(
        r"(?:({num})\s+)?({unit})(?:\s*(?:و\s*)?(نیم|نصف|ربع))?"
    ))
    .ok()
});

fn number_word(w: &str) -> Option<u32> {
    if w.chars().all(|c| digit_value(c).is_some()) {
        return w
            .chars()
            .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(digit_value(c)?));
    }
    let table: &[(&str, u32)] = &[
        ("یک", 1),
        ("دو", 2),
        ("سه", 3),
        ("چهار", 4),
        ("پنج", 5),
        ("شش", 6),
        ("هفت", 7),
        ("هشت", 8),
        ("نه", 9),
        ("ده", 10),
        ("دوازده", 12),
        ("پانزده", 15),
        ("بیست", 20),
        ("سی", 30),
        ("چهل", 40),
        ("پنجاه", 50),
        ("شصت", 60),
        ("نود", 90),
        ("واحده", 1),
        ("ثلاث", 3),
        ("ثلاثه", 3),
        ("اربع", 4),
        ("اربعه", 4),
        ("خمس", 5),
        ("خمسه", 5),
        ("ست", 6),
        ("سته", 6),
        ("سبع", 7),
        ("ثمانی", 8),
        ("تسع", 9),
        ("عشر", 10),
        ("عشره", 10),
        ("عشرین", 20),
        ("ثلاثین", 30),
        ("اربعین", 40),
        ("خمسین", 50),
        ("ستین", 60),
    ];
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// How long the event lasted, in minutes, with the phrase's span.
#[must_use]
pub fn duration(a: &Analysis<'_>, sentence: ByteSpan) -> Option<(u32, CharSpan)> {
    let re = DURATION.as_ref()?;
    let s = a.folded_slice(sentence);
    // Only a sentence that says how long something lasted states a duration.
    first_in(&a.phrases, Kind::DurationCue, sentence)?;
    // Every unit the pattern knows starts with one of these two; without them the pattern
    // cannot match and is not run.
    if !s.contains("دق") && !s.contains("ساع") {
        return None;
    }
    // The first length stated is the contact's.
    // Boundaries are checked by hand: see `dates::clear_before` for why there is no `\b`.
    let edge = |b: usize, before: bool| {
        let c = if before {
            s.get(..b).and_then(|t| t.chars().next_back())
        } else {
            s.get(b..).and_then(|t| t.chars().next())
        };
        c.is_none_or(|c| !crate::text::chars::is_word_char(c))
    };
    let found = re.captures_iter(s).find(|cap| {
        cap.get(0)
            .is_some_and(|m| edge(m.start(), true) && edge(m.end(), false))
            && cap
                .get(1)
                .is_none_or(|n| edge(n.start(), true) && edge(n.end(), false))
    });
    if let Some(cap) = found {
        let all = cap.get(0)?;
        let unit = cap.get(2)?.as_str();
        let per = if unit.starts_with("ساع") { 60 } else { 1 };
        let n = cap.get(1).map(|n| n.as_str());
        let minutes = match (n, unit) {
            (_, "ساعتین") => 120,
            (Some("نیم" | "نصف"), _) => per / 2,
            (Some("ربع"), _) => per / 4,
            (Some(n), _) => number_word(n)? * per,
            (None, _) => per,
        };
        let extra = match cap.get(3).map(|x| x.as_str()) {
            Some("نیم" | "نصف") => per / 2,
            Some("ربع") => per / 4,
            _ => 0,
        };
        let span = ByteSpan {
            start: ByteOffset(sentence.start.0 + all.start()),
            end: ByteOffset(sentence.start.0 + all.end()),
        };
        return Some((minutes + extra, a.chars(span)));
    }
    None
}

/// The side that asked for the contact ("به ابتکار طرف آمریکایی", "بناء على طلب الجانب
/// الروسي"), as a canonical country name.
#[must_use]
pub fn initiator(
    a: &Analysis<'_>,
    res: &Resources,
    sentence: ByteSpan,
) -> Option<(String, CharSpan)> {
    let g = &res.gazetteer;
    if let Some(cue) = first_in(&a.phrases, Kind::Initiator, sentence) {
        let cue_start = cue.span.start.0;
        let cue_end = cue.span.end.0;
        // The side is named within a few words after the cue.
        let m = a
            .gaz
            .iter()
            .find(|m| m.span.start.0 >= cue_end && m.span.start.0 <= cue_end + 30)?;
        let e = g.entry(m.entry)?;
        let code = e.country.as_deref()?;
        let country = if e.label == DEMONYM || e.label == "PERSON" {
            g.entries()
                .iter()
                .find(|x| {
                    x.label == "LOC"
                        && x.role.as_deref() == Some("country")
                        && x.country.as_deref() == Some(code)
                })?
                .canonical
                .clone()
        } else {
            e.canonical.clone()
        };
        let span = ByteSpan {
            start: ByteOffset(cue_start),
            end: m.span.end,
        };
        return Some((country, a.chars(span)));
    }
    None
}

/// The first-contact phrase in the sentence, if any.
#[must_use]
pub fn first_contact(a: &Analysis<'_>, sentence: ByteSpan) -> Option<CharSpan> {
    first_in(&a.phrases, Kind::First, sentence).map(|p| a.chars(p.span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn bisected_gazetteer_matches_are_those_a_scan_keeps() -> Result<(), Box<dyn std::error::Error>>
    {
        let res = Resources::bundled()?;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(path)?;
            let a = Analysis::new(&text, Language::Other, &res);
            let mut spans: Vec<ByteSpan> = a.sentences.iter().map(|s| s.span).collect();
            // Spans that begin or end inside a match, and the whole text.
            spans.extend(a.gaz.iter().map(|m| ByteSpan {
                start: ByteOffset(m.span.start.0 + 1),
                end: ByteOffset(m.span.end.0 + 40),
            }));
            spans.push(ByteSpan {
                start: ByteOffset(0),
                end: ByteOffset(text.len()),
            });
            for span in spans {
                let inside = |m: &&crate::extract::GazMatch| {
                    span.start <= m.span.start && m.span.end <= span.end
                };
                let scanned: Vec<_> = a.gaz.iter().filter(inside).collect();
                let bisected: Vec<_> = gaz_starting_in(&a, span).iter().filter(inside).collect();
                assert_eq!(bisected, scanned);
                checked += scanned.len();
            }
        }
        assert!(checked > 0);
        Ok(())
    }
}
