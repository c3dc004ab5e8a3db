//! Agencies and media the text cites ("به گزارش ایسنا", "بحسب روسيا اليوم") and the outlet a
//! dateline names ("خبرگزاری میزان -").

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use std::sync::LazyLock;

use super::fold::fold;
use super::{Analysis, Resources};
use crate::model::Value;
use crate::text::CharSpan;

/// Phrases that cite a source.
const CUES: &[&str] = &[
    "به گزارش",
    "بنا بر گزارش",
    "بنابر گزارش",
    "به نقل از",
    "به گفته",
    "طبق گزارش",
    "بحسب",
    "حسب",
    "وفقا",
    "وفقاً",
    "نقلا عن",
    "نقلاً عن",
    "المصدر",
    "ذكرت",
    "أفادت",
    "أوردت",
    "according to",
    "reported by",
];

/// Words that may stand between a citation cue and the source's name.
const FILLER: &[&str] = &[
    "خبرگزاری",
    "وكالة",
    "لوكالة",
    "الأنباء",
    "للأنباء",
    "شبکه",
    "قناة",
    "لقناة",
    "صحيفة",
    "لصحيفة",
    "موقع",
    "لموقع",
    "پایگاه",
    "خبری",
    "روزنامه",
    "و",
    "ما",
    "أعلنته",
    "نشرته",
    "ل",
    "الروسية",
    "الرسمية",
    "الأمريكية",
    "الإيرانية",
    "السورية",
    "رسمی",
];

/// The folded words as one alternation, longest first.
fn alternation(xs: &[&str]) -> String {
    let mut v: Vec<String> = xs.iter().map(|x| regex::escape(&fold(x))).collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.len()));
    v.join("|")
}

/// Phrases that cite a source, and the words that may stand between them and its name.
static CITATION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    // Read as "cue, then separators and filler words, to the end", where a filler word ends
    // at a word boundary. Every filler word ends in a letter, and only a separator or the
    // end may follow one, so the boundary is written as that separator or the end: a
    // Unicode `\b` keeps the regex off its fast engines on Persian and Arabic text.
    let sep = r"[\s،,:\-–]";
    Regex::new(&format!(
        r"(?:^|[\s،,:(])(?:{})(?:{sep}|(?:{})(?:{sep}|$))*$",
        alternation(CUES),
        alternation(FILLER)
    ))
    .ok()
});

/// Any cue, anywhere: a window without one cannot match [`CITATION`], which is not run there.
static CUE_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(CUES.iter().map(|c| fold(c)))
        .ok()
});

/// The words a dateline may put before the outlet's name, folded once.
static DATELINE_LEADS: LazyLock<[String; 2]> = LazyLock::new(|| [fold("خبرگزاری"), fold("وكالة")]);

/// Sources the text cites, and the outlet when a dateline names it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cited {
    /// Canonical English names with the mention as evidence, in order of first mention.
    pub agencies: Vec<Value<String>>,
    /// The outlet a dateline names.
    pub outlet: Option<Value<String>>,
}

/// Looks at every agency or media mention the gazetteer found and keeps those the text
/// presents as a source.
#[must_use]
pub fn find(a: &Analysis<'_>, res: &Resources) -> Cited {
    let mut out = Cited::default();
    for m in &a.gaz {
        let Some(e) = res.gazetteer.entry(m.entry) else {
            continue;
        };
        if !matches!(e.role.as_deref(), Some("agency" | "media")) {
            continue;
        }
        let start = m.span.start.0;
        let line_start = a
            .folded
            .get(..start)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |p| p + 1);
        let before = a.folded.get(line_start..start).unwrap_or("");
        // Only the last few words before the name matter.
        let window_start = before.char_indices().rev().nth(40).map_or(0, |(b, _)| b);
        let window = before.get(window_start..).unwrap_or("");
        let line_end = a
            .folded
            .get(m.span.end.0..)
            .and_then(|t| t.find('\n'))
            .map_or(a.folded.len(), |p| m.span.end.0 + p);
        let after_line = a.folded.get(m.span.end.0..line_end).unwrap_or("");
        let is_dateline = {
            let lead = before.trim();
            (lead.is_empty() || DATELINE_LEADS.iter().any(|l| l == lead))
                && (after_line.trim_start().starts_with(['-', '–', '—', ':'])
                    || after_line.trim().is_empty())
        };
        let cited = is_dateline
            || (CUE_FINDER.as_ref().is_none_or(|ac| ac.is_match(window))
                && CITATION.as_ref().is_some_and(|re| re.is_match(window)));
        if !cited {
            continue;
        }
        let span: CharSpan = a.chars(m.span);
        if is_dateline && out.outlet.is_none() {
            out.outlet = Some(Value::auto(e.canonical.clone(), vec![span]));
        }
        match out.agencies.iter_mut().find(|v| v.value == e.canonical) {
            Some(v) => v.evidence.push(span),
            None => out
                .agencies
                .push(Value::auto(e.canonical.clone(), vec![span])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The citation pattern written with `\b`, as it reads most directly.
    fn with_word_boundary() -> Option<Regex> {
        Regex::new(&format!(
            r"(?:^|[\s،,:(])(?:{})(?:[\s،,:\-–]|(?:{})\b)*$",
            alternation(CUES),
            alternation(FILLER)
        ))
        .ok()
    }

    proptest! {
        #[test]
        fn boundary_by_hand_reads_as_word_boundary(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(CUES.to_vec()),
                    proptest::sample::select(FILLER.to_vec()),
                    proptest::sample::select(vec![" ", "،", ",", ":", "-", "–", "(", "x", "ب", "ه", "\u{200c}", "۱", "."]),
                ],
                0..8,
            )
        ) {
            let window = fold(&parts.concat());
            let (Some(fast), Some(slow)) = (CITATION.as_ref(), with_word_boundary()) else {
                return Err(TestCaseError::fail("patterns compile"));
            };
            prop_assert_eq!(fast.is_match(&window), slow.is_match(&window), "{}", window);
        }
    }
    use crate::model::Language;

    fn names(
        text: &str,
        lang: Language,
    ) -> Result<(Vec<String>, Option<String>), super::super::ResourceError> {
        let res = Resources::bundled()?;
        let a = Analysis::new(text, lang, &res);
        let c = find(&a, &res);
        Ok((
            c.agencies.into_iter().map(|v| v.value).collect(),
            c.outlet.map(|v| v.value),
        ))
    }

    #[test]
    fn citations_in_both_languages() -> Result<(), super::super::ResourceError> {
        let (v, _) = names(
            "به گزارش ایرنا و به نقل از خبرگزاری تاس، دو وزیر گفتند.",
            Language::Fa,
        )?;
        assert_eq!(v, ["IRNA", "TASS"]);
        let (v, _) = names(
            "وذكر البيان، بحسب روسيا اليوم، أن الجانبين اتفقا. وفقا لوكالة رويترز",
            Language::Ar,
        )?;
        assert_eq!(v, ["RT", "Reuters"]);
        let (v, o) = names("تیتر\nخبرگزاری میزان -\nمتن", Language::Fa)?;
        assert_eq!(v, ["Mizan"]);
        assert_eq!(o.as_deref(), Some("Mizan"));
        // Named but not cited: a topic of the story, not a source.
        let (v, _) = names("ایرنا امروز ساختمان تازه‌ای افتتاح کرد.", Language::Fa)?;
        assert!(v.is_empty());
        Ok(())
    }
}
