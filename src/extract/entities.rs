//! Entity pre-annotations: gazetteer mentions (PERSON, ORG, LOC, TREATY, EVENT) and dates.

use super::dates::DateKind;
use super::gazetteer::DEMONYM;
use super::refs::title_before;
use super::{Analysis, Resources};
use crate::model::{Entity, Origin};
use crate::text::{ByteOffset, ByteSpan};

/// Every entity, sorted by start, never overlapping; a gazetteer mention wins over a date
/// that overlaps it.
#[must_use]
pub fn entities(a: &Analysis<'_>, res: &Resources) -> Vec<Entity> {
    let mut spans: Vec<(ByteSpan, Entity)> = Vec::new();
    for m in &a.gaz {
        let Some(e) = res.gazetteer.entry(m.entry) else {
            continue;
        };
        if e.label == DEMONYM {
            continue;
        }
        spans.push((
            m.span,
            make(
                a,
                m.span,
                &e.label,
                Some(e.canonical.clone()),
                e.kb_id.clone(),
            ),
        ));
    }
    for span in appositive_names(a, res) {
        if !spans
            .iter()
            .any(|(s, _)| s.start < span.end && span.start < s.end)
        {
            spans.push((span, make(a, span, "PERSON", None, None)));
        }
    }
    for d in a
        .dates
        .iter()
        .filter(|d| matches!(d.kind, DateKind::Full { .. } | DateKind::DayMonth { .. }))
    {
        if spans
            .iter()
            .any(|(s, _)| s.start < d.span.end && d.span.start < s.end)
        {
            continue;
        }
        let value = match d.kind {
            DateKind::Full { date, .. } => Some(super::dates::iso_day(date)),
            _ => None,
        };
        spans.push((d.span, make(a, d.span, "DATE", value, None)));
    }
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    spans.into_iter().map(|(_, e)| e).collect()
}

/// Names set off by commas right after a title: "وزير الخارجية الإيراني، حسين أمير
/// عبد اللهيان، قال". They find people the gazetteer does not know yet.
fn appositive_names(a: &Analysis<'_>, res: &Resources) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    for m in &a.gaz {
        let Some(e) = res.gazetteer.entry(m.entry) else {
            continue;
        };
        let is_country = e.label == DEMONYM || e.role.as_deref() == Some("country");
        if !is_country || !matches!(title_before(&a.folded, m.span.start.0), Some((_, _, false))) {
            continue;
        }
        let Some(after) = a.folded.get(m.span.end.0..) else {
            continue;
        };
        let Some(rest) = after.trim_start().strip_prefix(['،', ',']) else {
            continue;
        };
        let Some(close) = rest.find(['،', ',']) else {
            continue;
        };
        let name = rest.get(..close).unwrap_or("");
        let words = name.split_whitespace().count();
        let letters = name.chars().all(|c| {
            c.is_whitespace() || crate::text::chars::is_arabic_letter(c) || c == '\u{200C}'
        });
        if words == 0 || words > 4 || !letters {
            continue;
        }
        let start =
            m.span.end.0 + (after.len() - rest.len()) + (name.len() - name.trim_start().len());
        out.push(ByteSpan {
            start: ByteOffset(start),
            end: ByteOffset(start + name.trim().len()),
        });
    }
    out
}

fn make(
    a: &Analysis<'_>,
    span: ByteSpan,
    label: &str,
    canonical: Option<String>,
    kb_id: Option<String>,
) -> Entity {
    let c = a.chars(span);
    Entity {
        start: c.start.0,
        end: c.end.0,
        label: label.to_owned(),
        text: a.slice(span).to_owned(),
        canonical,
        kb_id,
        origin: Origin::Auto,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::text::{CharSpan, slice_chars};

    #[test]
    fn names_after_a_title_are_found_even_when_unknown() -> Result<(), super::super::ResourceError>
    {
        let res = Resources::bundled()?;
        let t = "وقال وزير الخارجية الإيراني، حسين أمير عبد اللهيان، إن بلاده مستعدة، وأضاف نظيره الروسي، سيرغي لافروف، أن";
        let a = Analysis::new(t, Language::Ar, &res);
        let got: Vec<(String, Option<String>)> = entities(&a, &res)
            .into_iter()
            .filter(|e| e.label == "PERSON")
            .map(|e| (e.text, e.canonical))
            .collect();
        assert_eq!(
            got,
            [
                ("حسين أمير عبد اللهيان".to_owned(), None),
                ("سيرغي لافروف".to_owned(), Some("Sergey Lavrov".to_owned()))
            ]
        );
        Ok(())
    }

    #[test]
    fn spans_cover_their_text_and_do_not_overlap() -> Result<(), super::super::ResourceError> {
        let res = Resources::bundled()?;
        let t = "سرگئی لاوروف، وزیر امور خارجه روسیه و مایک پامپئو در مسکو و واشنگتن‌ها گفتگو کردند؛ ۳۰ بهمن ۱۴۰۳";
        let a = Analysis::new(t, Language::Fa, &res);
        let es = entities(&a, &res);
        let mut last = 0;
        for e in &es {
            assert!(e.start >= last);
            last = e.end;
            assert_eq!(
                slice_chars(t, CharSpan::new(e.start, e.end)),
                Some(e.text.as_str())
            );
        }
        let got: Vec<(&str, &str)> = es
            .iter()
            .map(|e| (e.text.as_str(), e.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("سرگئی لاوروف", "PERSON"),
                ("روسیه", "LOC"),
                ("مایک پامپئو", "PERSON"),
                ("مسکو", "LOC"),
                ("واشنگتن", "LOC"),
                ("۳۰ بهمن ۱۴۰۳", "DATE"),
            ]
        );
        // Arabic spellings serve Arabic text: the adjective "روسية" is not Persian "روسیه".
        let t = "والولايات المتحدة ولافروف وبيانات روسية";
        let a = Analysis::new(t, Language::Ar, &res);
        let got: Vec<String> = entities(&a, &res).into_iter().map(|e| e.text).collect();
        assert_eq!(got, ["الولايات المتحدة", "لافروف"]);
        Ok(())
    }
}
