//! The headline and the publication date.

use super::dates::{DateKind, iso, published_from_line};
use super::{Analysis, Resources};
use crate::model::{DateValue, Metadata, Origin, Value};
use crate::text::{ByteOffset, ByteSpan};

/// Words that open a body sentence, never a headline.
const BODY_OPENERS: &[&str] = &[
    "به گزارش",
    "بنا بر گزارش",
    "به نقل از",
    "وأفادت",
    "قال ",
    "ذكرت",
];

/// Markers of a crawl or update banner: its date is never the publication date.
const UPDATE_MARKERS: &[&str] = &[
    "به روز شده",
    "به‌روز شده",
    "بروزرسانی",
    "به‌روزرسانی",
    "آخرین بروز",
    "آخر تحديث",
    "تم التحديث",
    "updated",
];

/// The first line, when it reads as a headline: short, not ending as a sentence does, not
/// opening as a body sentence does.
#[must_use]
pub fn headline(a: &Analysis<'_>) -> Option<Value<String>> {
    let end = a.text.find('\n').unwrap_or(a.text.len());
    let line = a.text.get(..end)?;
    let trimmed = line.trim();
    let chars = trimmed.chars().count();
    if !(8..=250).contains(&chars) || trimmed.ends_with(':') {
        return None;
    }
    if BODY_OPENERS.iter().any(|o| trimmed.starts_with(o)) {
        return None;
    }
    // A long line ending in a full stop is a lead paragraph, not a headline.
    if trimmed.ends_with('.') && chars > 120 {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    let span = ByteSpan {
        start: ByteOffset(lead),
        end: ByteOffset(lead + trimmed.len()),
    };
    Some(Value::auto(trimmed.to_owned(), vec![a.chars(span)]))
}

/// The publication date: from the page's `published_line` (kept in metadata by cleaning),
/// else from a short dateline among the first lines of the text. Crawl and update banners
/// are never used; without a stated date the answer is `None`.
#[must_use]
pub fn published(a: &Analysis<'_>, metadata: &Metadata, res: &Resources) -> Option<DateValue> {
    for key in ["published_line", "published"] {
        if let Some(line) = metadata.extra.get(key)
            && !is_update_line(line)
            && let Some(v) = published_from_line(&res.dates, line, a.lang)
        {
            return Some(v);
        }
    }
    // A dateline is a short line of its own near the top, e.g. "۱۸ اردیبهشت ۱۳۹۹ - ۱۵:۴۹".
    let mut line_start = 0;
    for (n, line) in a.text.split('\n').enumerate() {
        if n >= 3 {
            break;
        }
        let start = line_start;
        line_start += line.len() + 1;
        if line.chars().count() > 60 || is_update_line(line) {
            continue;
        }
        let end = start + line.len();
        let Some(found) = a
            .dates
            .iter()
            .find(|d| d.span.start.0 >= start && d.span.end.0 <= end)
        else {
            continue;
        };
        if let DateKind::Full {
            date,
            time,
            calendar,
        } = found.kind
        {
            return Some(DateValue {
                value: iso(date, time),
                original: Some(found.original.clone()),
                calendar: Some(calendar),
                evidence: vec![a.chars(found.span)],
                origin: Origin::Auto,
            });
        }
    }
    None
}

/// True when the line carries an update marker, in any letter case.
///
/// Same answer as searching the lowercased line, without lowercasing it: Persian and Arabic
/// letters have no case and no char lowercases to one, so those markers are searched as they
/// are; the English one, all ASCII, only ASCII capitals lowercase to, so an ASCII
/// case-insensitive search finds exactly its lowercased occurrences.
fn is_update_line(line: &str) -> bool {
    UPDATE_MARKERS.iter().any(|m| {
        if m.is_ascii() {
            line.as_bytes()
                .windows(m.len())
                .any(|w| w.eq_ignore_ascii_case(m.as_bytes()))
        } else {
            line.contains(m)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn crawl_banner_is_never_the_publication_date() -> Result<(), super::super::ResourceError> {
        let res = Resources::bundled()?;
        let text = "به روز شده در: ۱۹ آذر ۱۴۰۴ - ۲۱:۳۵\nتیتر یک خبر کوتاه\nمتن خبر.";
        let a = Analysis::new(text, Language::Fa, &res);
        let mut md = Metadata::default();
        assert_eq!(published(&a, &md, &res), None);
        md.extra.insert(
            "crawl_date_line".into(),
            "به روز شده در: ۱۹ آذر ۱۴۰۴ - ۲۱:۳۵".into(),
        );
        assert_eq!(published(&a, &md, &res), None);
        md.extra.insert(
            "published_line".into(),
            "تاریخ انتشار: ۱۱:۲۱ - ۱۰-۰۳-۱۳۹۷".into(),
        );
        assert_eq!(
            published(&a, &md, &res).map(|d| d.value),
            Some("2018-05-31T11:21".to_owned())
        );
        Ok(())
    }

    #[test]
    fn dateline_in_text_with_evidence() -> Result<(), super::super::ResourceError> {
        let res = Resources::bundled()?;
        let text = "عنوان خبر درباره دیدار\n۵ رمضان ۱۴۴۵\nمتن.";
        let a = Analysis::new(text, Language::Ar, &res);
        let p = published(&a, &Metadata::default(), &res);
        assert_eq!(p.as_ref().map(|d| d.value.as_str()), Some("2024-03-15"));
        assert_eq!(p.map(|d| d.evidence.len()), Some(1));
        let h = headline(&a).map(|h| h.value);
        assert_eq!(h.as_deref(), Some("عنوان خبر درباره دیدار"));
        Ok(())
    }

    #[test]
    fn update_markers_in_any_case() {
        for line in [
            "به روز شده در: ۱۹ آذر ۱۴۰۴",
            "آخر تحديث: 12 مايو",
            "Last UPDATED 3 May",
            "updated",
        ] {
            assert!(is_update_line(line), "{line}");
            assert_eq!(
                is_update_line(line),
                UPDATE_MARKERS
                    .iter()
                    .any(|m| line.to_lowercase().contains(m))
            );
        }
        assert!(!is_update_line("تاریخ انتشار: ۱۸ اردیبهشت ۱۳۹۹ - UPDATE"));
    }
}
