//! References to people in a text: names from the gazetteer, and titles that stand for a
//! person ("وزیر امور خارجه روسیه", "همتای آمریکایی", "نظيره الأمريكي", "وزیران خارجه روسیه
//! و آمریکا") resolved to the office holder the document names, or the one in office on the
//! publication date.

use std::sync::LazyLock;

use super::Analysis;
use super::Resources;
use super::fold::fold;
use super::gazetteer::DEMONYM;
use crate::text::{ByteOffset, ByteSpan};

/// A mention of a person.
///
/// The name is borrowed from the gazetteer: references are copied between many lists while
/// events are assembled, and an owned name made each copy an allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonRef<'r> {
    /// Bytes of the mention.
    pub span: ByteSpan,
    /// Canonical name.
    pub person: &'r str,
}

/// Title words before a country name or demonym, with the office they denote and whether
/// the title is plural (two countries follow, joined by "و").
const TITLES: &[(&str, &str, bool)] = &[
    ("وزیر امور خارجه", "foreign_minister", false),
    ("وزیر خارجه", "foreign_minister", false),
    ("وزیران امور خارجه", "foreign_minister", true),
    ("وزیران خارجه", "foreign_minister", true),
    ("وزير الخارجية", "foreign_minister", false),
    ("وزير خارجية", "foreign_minister", false),
    ("وزيرا خارجية", "foreign_minister", true),
    ("وزيري خارجية", "foreign_minister", true),
    ("وزيرا الخارجية", "foreign_minister", true),
    ("همتای", "foreign_minister", false),
    ("همتا", "foreign_minister", false),
    ("نظيره", "foreign_minister", false),
    ("نظيرها", "foreign_minister", false),
    ("رئیس جمهور", "president", false),
    ("رئیس جمهوری", "president", false),
    ("رئیس‌جمهور", "president", false),
    ("رئیسجمهور", "president", false),
    ("الرئيس", "president", false),
    ("رئيس", "president", false),
];

static FOLDED_TITLES: LazyLock<Vec<(String, &'static str, bool)>> = LazyLock::new(|| {
    let mut v: Vec<(String, &'static str, bool)> =
        TITLES.iter().map(|(t, o, p)| (fold(t), *o, *p)).collect();
    v.sort_by_key(|(t, _, _)| std::cmp::Reverse(t.len()));
    v
});

/// The title that ends right before byte `at` (a country name or demonym), across spaces
/// and joiners: its start, its office and whether it is plural.
#[must_use]
pub fn title_before(folded: &str, at: usize) -> Option<(usize, &'static str, bool)> {
    let before = folded.get(..at)?.trim_end_matches([' ', '\u{200C}']);
    // This runs at every country name and demonym: a title whose last byte differs cannot
    // end there, and is ruled out before its bytes are compared.
    let last = before.as_bytes().last();
    let (title, office, plural) = FOLDED_TITLES
        .iter()
        .find(|(t, _, _)| t.as_bytes().last() == last && before.ends_with(t.as_str()))?;
    let start = before.len() - title.len();
    // The title word must start a word (a clitic "و" may precede it).
    super::gazetteer::starts_word(folded, start).then_some((start, *office, *plural))
}

/// Every person reference in the document, sorted by start. Titles are resolved against the
/// people the document names and its publication date; unresolvable titles are left out.
#[must_use]
pub fn person_refs<'r>(a: &Analysis<'_>, res: &'r Resources) -> Vec<PersonRef<'r>> {
    let g = &res.gazetteer;
    let mut out: Vec<PersonRef> = Vec::new();
    let named: Vec<&str> = a
        .gaz
        .iter()
        .filter_map(|m| g.entry(m.entry))
        .filter(|e| e.label == "PERSON")
        .map(|e| e.canonical.as_str())
        .collect();
    for (i, m) in a.gaz.iter().enumerate() {
        let Some(e) = g.entry(m.entry) else { continue };
        if e.label == "PERSON" {
            out.push(PersonRef {
                span: m.span,
                person: &e.canonical,
            });
            continue;
        }
        let is_country =
            e.label == DEMONYM || (e.label == "LOC" && e.role.as_deref() == Some("country"));
        let Some(country) = e.country.as_deref().filter(|_| is_country) else {
            continue;
        };
        let Some((title_start, office, plural)) = title_before(&a.folded, m.span.start.0) else {
            continue;
        };
        let mut second = None;
        if plural && let Some(next) = a.gaz.get(i + 1) {
            let gap = a.folded.get(m.span.end.0..next.span.start.0).unwrap_or("x");
            if (gap.trim() == "و" || gap.trim().is_empty())
                && let Some(c) = g.entry(next.entry).and_then(|e| e.country.as_deref())
            {
                second = Some((c, next.span.end));
            }
        }
        for (c, end) in std::iter::once((country, m.span.end)).chain(second) {
            if let Some(p) = g.office_holder(office, c, a.published, &named) {
                out.push(PersonRef {
                    span: ByteSpan {
                        start: ByteOffset(title_start),
                        end,
                    },
                    person: p,
                });
            }
        }
    }
    out.sort_by_key(|r| (r.span.start, r.span.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use chrono::NaiveDate;

    fn people(
        t: &str,
        published: Option<NaiveDate>,
    ) -> Result<Vec<String>, super::super::ResourceError> {
        let res = Resources::bundled()?;
        let lang = if t.chars().any(|c| "یکپچژگ".contains(c)) {
            Language::Fa
        } else {
            Language::Ar
        };
        let mut a = Analysis::new(t, lang, &res);
        a.published = published;
        Ok(person_refs(&a, &res)
            .into_iter()
            .map(|r| r.person.to_owned())
            .collect())
    }

    #[test]
    fn titles_resolve_by_date_or_by_the_names_in_the_document()
    -> Result<(), super::super::ResourceError> {
        let d = NaiveDate::from_ymd_opt(2018, 6, 1);
        assert_eq!(
            people("وزیر امور خارجه روسیه با همتای آمریکایی‌اش", d)?,
            ["Sergey Lavrov", "Mike Pompeo"]
        );
        assert_eq!(
            people("وزیر امور خارجه روسیه با همتای آمریکایی‌اش", None)?,
            Vec::<String>::new()
        );
        assert_eq!(
            people("جان کری آمد و با همتای آمریکایی", None)?,
            ["John Kerry", "John Kerry"]
        );
        let d = NaiveDate::from_ymd_opt(2025, 2, 18);
        assert_eq!(
            people("وزیران امور خارجه روسیه و آمریکا", d)?,
            ["Sergey Lavrov", "Marco Rubio"]
        );
        assert_eq!(
            people(
                "أكد وزير الخارجية الروسي ونظيره الأمريكي",
                NaiveDate::from_ymd_opt(2021, 1, 28)
            )?,
            ["Sergey Lavrov", "Antony Blinken"]
        );
        Ok(())
    }
}
