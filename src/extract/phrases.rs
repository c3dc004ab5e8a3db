//! Fixed phrases the event rules look for ("با یکدیگر", "به ابتکار", "لأول مرة"...), found in
//! one automaton pass per document instead of one substring search per rule and sentence.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::fold::fold;
use crate::text::{ByteOffset, ByteSpan};

/// What a phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A summary of many contacts ("چند نوبت", "تاکنون").
    Aggregate,
    /// Points back to the contact just reported ("آنها", "الطرفان").
    Anaphora,
    /// The subjects met each other ("با یکدیگر").
    Reciprocal,
    /// Places a contact before the one reported ("پیش از این").
    Earlier,
    /// Says how long something lasted ("به مدت", "استمر").
    DurationCue,
    /// Says who asked for the contact ("به ابتکار", "بناء على طلب").
    Initiator,
    /// Says the contact was the first ("برای اولین بار", "أول اتصال").
    First,
}

const PHRASES: &[(Kind, &[&str])] = &[
    (
        Kind::Aggregate,
        &[
            "نوبت",
            "تاکنون",
            "چند بار",
            "بارها",
            "مرات",
            "حتى الآن",
            "عدة",
        ],
    ),
    (
        Kind::Anaphora,
        &[
            "آنها",
            "این دو",
            "دو طرف",
            "طرفین",
            "وزیران",
            "در این",
            "همچنین",
            "به علاوه",
            "الطرفان",
            "الوزيران",
            "الجانبان",
            "وتطرق",
            "كما",
            "خلال المكالمة",
            "خلال الاتصال",
            "خلال اللقاء",
        ],
    ),
    (
        Kind::Reciprocal,
        &["با یکدیگر", "با هم", "مع بعضهما", "فيما بينهما"],
    ),
    (
        Kind::Earlier,
        &[
            "پیش از این",
            "پیشتر",
            "قبلا",
            "قبلاً",
            "سابقا",
            "سابقاً",
            "في وقت سابق",
            "الماضي",
        ],
    ),
    (
        Kind::DurationCue,
        &[
            "به مدت",
            "مدت",
            "طول",
            "ادامه داشت",
            "لمدة",
            "مدة",
            "استمر",
            "استغرق",
            "دام",
        ],
    ),
    (
        Kind::Initiator,
        &[
            "به ابتکار",
            "به درخواست",
            "بنا به درخواست",
            "به پیشنهاد",
            "بمبادرة",
            "بناء على طلب",
            "بطلب",
        ],
    ),
    (
        Kind::First,
        &[
            "برای اولین بار",
            "برای نخستین بار",
            "نخستین مذاکره",
            "نخستین تماس",
            "نخستین گفت",
            "نخستین دیدار",
            "اولین تماس",
            "اولین گفت",
            "اولین دیدار",
            "أول اتصال",
            "أول مكالمة",
            "أول لقاء",
            "أول محادثة",
            "لأول مرة",
            "الاتصال الأول",
            "اللقاء الأول",
        ],
    ),
];

/// The phrases folded, with their kinds, in pattern order.
fn table() -> (Vec<String>, Vec<Kind>) {
    PHRASES
        .iter()
        .flat_map(|(k, list)| list.iter().map(move |p| (fold(p), *k)))
        .unzip()
}

/// The kind of each phrase, in pattern order.
static KINDS: LazyLock<Vec<Kind>> = LazyLock::new(|| table().1);

/// The folded phrases in pattern order (for [`super::lexicon::Lexicon`]).
pub(crate) fn patterns() -> Vec<String> {
    table().0
}

static MATCHER: LazyLock<Option<(AhoCorasick, Vec<Kind>)>> = LazyLock::new(|| {
    let (pats, kinds) = table();
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&pats)
        .ok()
        .map(|ac| (ac, kinds))
});

/// A phrase found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// Bytes it covers.
    pub span: ByteSpan,
    /// What it signals.
    pub kind: Kind,
}

/// Every phrase occurrence in `folded`, sorted by start.
#[must_use]
pub fn find(folded: &str) -> Vec<Phrase> {
    let Some((ac, kinds)) = MATCHER.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<Phrase> = ac
        .find_overlapping_iter(folded)
        .filter_map(|m| {
            Some(Phrase {
                span: ByteSpan {
                    start: ByteOffset(m.start()),
                    end: ByteOffset(m.end()),
                },
                kind: *kinds.get(m.pattern().as_usize())?,
            })
        })
        .collect();
    out.sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
    out
}

/// [`find`] read from the occurrences of the phrases that one overlapping pass found, in the
/// order the pass reported them.
pub(crate) fn find_in(occurrences: &[super::lexicon::Occurrence]) -> Vec<Phrase> {
    let kinds = &*KINDS;
    let mut out: Vec<Phrase> = occurrences
        .iter()
        .filter_map(|o| {
            Some(Phrase {
                span: ByteSpan {
                    start: ByteOffset(o.start),
                    end: ByteOffset(o.end),
                },
                kind: *kinds.get(o.pattern)?,
            })
        })
        .collect();
    out.sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
    out
}

/// The first phrase of `kind` inside `span`; `phrases` is sorted by start.
#[must_use]
pub fn first_in(phrases: &[Phrase], kind: Kind, span: ByteSpan) -> Option<Phrase> {
    let lo = phrases.partition_point(|p| p.span.start < span.start);
    phrases
        .get(lo..)?
        .iter()
        .take_while(|p| p.span.start < span.end)
        .find(|p| p.kind == kind && p.span.end <= span.end)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_finds_every_kind() {
        let t = fold("آنها برای اولین بار به ابتکار طرف روسی و با یکدیگر به مدت ۵۰ دقیقه");
        let p = find(&t);
        let all = ByteSpan {
            start: ByteOffset(0),
            end: ByteOffset(t.len()),
        };
        for k in [
            Kind::Anaphora,
            Kind::First,
            Kind::Initiator,
            Kind::Reciprocal,
            Kind::DurationCue,
        ] {
            assert!(first_in(&p, k, all).is_some(), "{k:?}");
        }
        assert!(first_in(&p, Kind::Earlier, all).is_none());
    }
}
