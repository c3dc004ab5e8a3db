//! Events: every contact the article reports (calls, meetings, press conferences, speeches,
//! visits), the main one first, with participants, date, place, duration, initiator, first
//! contact and topics, each with its evidence.
//!
//! The reading is sentence by sentence. A cue word ("تماس تلفنی", "دیدار", "اتصال هاتفي")
//! makes a mention; its participants are the chain of people right before and right after
//! the cue. Mentions with enough participants make events; the others, and the sentences
//! that go on about the same contact ("آنها همچنین..."), join the event they belong to.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::fold::fold;
use super::gazetteer::starts_word;
use super::lexicon::Occurrence;
use super::phrases::{Kind, first_in};
use super::refs::{PersonRef, person_refs};
use super::{Analysis, Resources, facts};
use crate::model::{Event, EventType, Participant, Value};
use crate::text::{ByteOffset, ByteSpan, CharSpan};

/// What a cue says about the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Typed(EventType),
    /// Talks of unknown form ("گفتگو", "محادثات"): joins a known event, or is a meeting when
    /// a city is named.
    Generic,
}

/// Cue stems (matched at a word start, any ending) and what they signal.
const CUES: &[(&str, Cue)] = &[
    ("تلفن", Cue::Typed(EventType::PhoneCall)),
    ("هاتف", Cue::Typed(EventType::PhoneCall)),
    ("مکالمه", Cue::Typed(EventType::PhoneCall)),
    ("مكالمة", Cue::Typed(EventType::PhoneCall)),
    ("اتصال", Cue::Typed(EventType::PhoneCall)),
    ("کنفرانس خبری", Cue::Typed(EventType::PressConference)),
    ("نشست خبری", Cue::Typed(EventType::PressConference)),
    ("مؤتمر صحفي", Cue::Typed(EventType::PressConference)),
    ("المؤتمر الصحفي", Cue::Typed(EventType::PressConference)),
    ("مؤتمرا صحفيا", Cue::Typed(EventType::PressConference)),
    ("سخنرانی", Cue::Typed(EventType::Speech)),
    ("سخنانی", Cue::Typed(EventType::Speech)),
    ("خطاب", Cue::Typed(EventType::Speech)),
    ("ألقى", Cue::Typed(EventType::Speech)),
    ("ألقى كلمة", Cue::Typed(EventType::Speech)),
    ("كلمة ألقاها", Cue::Typed(EventType::Speech)),
    ("دیدار", Cue::Typed(EventType::Meeting)),
    ("ملاقات", Cue::Typed(EventType::Meeting)),
    ("لقاء", Cue::Typed(EventType::Meeting)),
    ("التقى", Cue::Typed(EventType::Meeting)),
    ("يلتقي", Cue::Typed(EventType::Meeting)),
    ("اجتماع", Cue::Typed(EventType::Meeting)),
    ("اجتمع", Cue::Typed(EventType::Meeting)),
    ("سفر", Cue::Typed(EventType::Visit)),
    ("زيارة", Cue::Typed(EventType::Visit)),
    ("يزور", Cue::Typed(EventType::Visit)),
    ("گفتگو", Cue::Generic),
    ("گفت‌وگو", Cue::Generic),
    ("گفتوگو", Cue::Generic),
    ("گفت وگو", Cue::Generic),
    ("گفت و گو", Cue::Generic),
    ("رایزنی", Cue::Generic),
    ("تماس", Cue::Generic),
    ("مذاکره", Cue::Generic),
    ("مذاکرات", Cue::Generic),
    ("تبادل نظر", Cue::Generic),
    ("محادثات", Cue::Generic),
    ("مباحثات", Cue::Generic),
    ("ناقش", Cue::Generic),
    ("بحث", Cue::Generic),
    ("تشاور", Cue::Generic),
];

/// Cues that only Arabic uses in this sense ("اتصال" is "connection" in Persian).
const ARABIC_ONLY: &[&str] = &["اتصال"];

/// The cue words folded, in pattern order (for [`super::lexicon::Lexicon`]).
pub(crate) fn cue_patterns() -> Vec<String> {
    CUES.iter().map(|(s, _)| fold(s)).collect()
}

/// The cue of pattern `i` and whether only Arabic uses it.
fn cue_meta(i: usize) -> Option<(Cue, bool)> {
    CUES.get(i).map(|(s, c)| (*c, ARABIC_ONLY.contains(s)))
}

/// Every cue occurrence in `folded`, for when no lexicon is at hand.
pub(crate) fn cue_occurrences(folded: &str) -> Vec<Occurrence> {
    static SCANNER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(cue_patterns())
            .ok()
    });
    SCANNER.as_ref().map_or_else(Vec::new, |ac| {
        ac.find_overlapping_iter(folded)
            .map(|m| Occurrence {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            })
            .collect()
    })
}

/// Words allowed between the people of one chain.
const CONNECTORS: &[&str] = &["و", "با", "مع", "and", "with"];
/// Words allowed between a cue and the people next to it.
const MAX_GAP_WORDS: usize = 3;
/// Words allowed between the nearest chain and a second chain when the first names only one
/// person ("التقى لافروف اليوم الخميس في فيينا نظيره الأمريكي").
const MAX_SECOND_CHAIN_GAP: usize = 4;
/// Words that make a press conference joint: it shares the people of the contact before it.
const JOINT: &[&str] = &["مشترک", "مشترك"];

/// A word list folded once, for matching against folded text.
fn folded(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| fold(w)).collect()
}

static F_JOINT: LazyLock<Vec<String>> = LazyLock::new(|| folded(JOINT));

/// The people references that start inside `span` (`refs` is sorted by start); callers
/// still check the end.
fn refs_from<'s, 'r>(refs: &'s [PersonRef<'r>], span: ByteSpan) -> &'s [PersonRef<'r>] {
    let lo = refs.partition_point(|r| r.span.start < span.start);
    let hi = refs.partition_point(|r| r.span.start < span.end);
    refs.get(lo..hi).unwrap_or(&[])
}

#[derive(Debug, Clone)]
struct Mention<'r> {
    cue: Cue,
    cue_span: ByteSpan,
    sentence: usize,
    people: Vec<PersonRef<'r>>,
    aggregate: bool,
    /// The sentence places the contact before the one reported.
    earlier: bool,
    /// A joint press conference.
    joint: bool,
    /// In the headline, which sums up and never makes an event of its own.
    headline: bool,
}

impl Mention<'_> {
    fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for p in &self.people {
            if !v.contains(&p.person) {
                v.push(p.person);
            }
        }
        v
    }
}

#[derive(Debug, Clone)]
struct Draft<'r> {
    /// Place and day the joined mentions state; a mention stating others is another event.
    place: Option<String>,
    day: Option<String>,
    /// Made by a mention that places the contact earlier than the one reported.
    earlier: bool,
    event_type: EventType,
    people: Vec<&'r str>,
    refs: Vec<PersonRef<'r>>,
    mentions: Vec<usize>,
    sentences: Vec<usize>,
}

/// The words of `s`: split at spaces and punctuation, without building a list (this runs
/// for every gap between people and cues).
fn words(s: &str) -> impl Iterator<Item = &str> + '_ {
    s.split(is_word_separator).filter(|w| !w.is_empty())
}

/// The last of [`words`], found from the end: the text before a cue can be a long sentence.
fn last_word(s: &str) -> Option<&str> {
    s.rsplit(is_word_separator).find(|w| !w.is_empty())
}

fn is_word_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '،' | ',' | ':' | ';' | '؛' | '(' | ')' | '«' | '»' | '"' | '-' | '–' | '—'
        )
}

/// The references of one sentence grouped into chains joined only by connectors.
fn chains<'r>(a: &Analysis<'_>, refs: &[PersonRef<'r>]) -> Vec<Vec<PersonRef<'r>>> {
    let mut out: Vec<Vec<PersonRef<'r>>> = Vec::new();
    for r in refs {
        if let Some(last) = out.last_mut()
            && let Some(prev) = last.last()
        {
            let gap = a.folded.get(prev.span.end.0..r.span.start.0).unwrap_or("x");
            if prev.span.end > r.span.start || words(gap).all(|w| CONNECTORS.contains(&w)) {
                last.push(*r);
                continue;
            }
        }
        out.push(vec![*r]);
    }
    out
}

/// Words between two byte offsets, not counting date phrases ("روز شنبه", "اليوم الخميس"),
/// which are adverbials and do not separate a cue from its people.
fn gap_words(a: &Analysis<'_>, from: usize, to: usize) -> usize {
    let all = words(a.folded.get(from..to).unwrap_or("x x x x x x x x")).count();
    let dated: usize = a
        .dates
        .iter()
        .chain(&a.relative)
        .filter(|d| d.span.start.0 >= from && d.span.end.0 <= to)
        .map(|d| words(a.folded_slice(d.span)).count())
        .sum();
    all.saturating_sub(dated)
}

fn is_aggregate(a: &Analysis<'_>, sentence: ByteSpan, cue: ByteSpan) -> bool {
    if first_in(&a.phrases, Kind::Aggregate, sentence).is_some() {
        return true;
    }
    // "۶ مکالمه تلفنی": a count right before the cue.
    let before = a.folded.get(sentence.start.0..cue.start.0).unwrap_or("");
    last_word(before).is_some_and(|w| w.chars().all(crate::text::chars::is_any_digit))
}

fn find_mentions<'r>(a: &Analysis<'_>, refs: &[PersonRef<'r>]) -> Vec<Mention<'r>> {
    let mut out = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        let mut cues: Vec<(Cue, ByteSpan)> = Vec::new();
        // A leftmost-longest search of the sentence, read from the document's cue
        // occurrences (sorted by start, longest first): at each start the longest cue that
        // ends inside the sentence, and the search goes on after it.
        let lo = a.cues.partition_point(|o| o.start < s.span.start.0);
        let hi = a.cues.partition_point(|o| o.start < s.span.end.0);
        let mut pos = s.span.start.0;
        for o in a.cues.get(lo..hi).unwrap_or(&[]) {
            if o.start < pos || o.end > s.span.end.0 {
                continue;
            }
            pos = o.end;
            let start = o.start;
            let Some((cue, arabic_only)) = cue_meta(o.pattern) else {
                continue;
            };
            if (arabic_only && a.lang != crate::model::Language::Ar)
                || !starts_word(&a.folded, start)
            {
                continue;
            }
            let span = ByteSpan {
                start: ByteOffset(start),
                end: ByteOffset(o.end),
            };
            // Neighbouring cues ("مذاکره تلفنی") are one mention of the more specific kind.
            if let Some(last) = cues.last_mut() {
                let gap = a.folded.get(last.1.end.0..start).unwrap_or("x x");
                if words(gap).nth(1).is_none() {
                    if matches!(last.0, Cue::Generic) {
                        last.0 = cue;
                    }
                    last.1.end = span.end;
                    continue;
                }
            }
            cues.push((cue, span));
        }
        if cues.is_empty() {
            continue;
        }
        let in_sentence: Vec<PersonRef<'r>> = refs_from(refs, s.span)
            .iter()
            .filter(|r| r.span.end <= s.span.end)
            .copied()
            .collect();
        let ch = chains(a, &in_sentence);
        let reciprocal = first_in(&a.phrases, Kind::Reciprocal, s.span).is_some();
        for (cue, span) in cues {
            let mut people: Vec<PersonRef<'r>> = Vec::new();
            if reciprocal && ch.first().is_some_and(|c| distinct(c) >= 2) {
                people.extend(ch.first().cloned().unwrap_or_default());
            } else {
                people.extend(chain_before(a, &ch, span));
                people.extend(chain_after(a, &ch, span));
                // "X افزود: ... فرصت دیدار داد": the speaker took part in what he reports.
                // The people of the reported clause join the speaker.
                if distinct(&people) < 2
                    && matches!(cue, Cue::Typed(EventType::Meeting))
                    && let Some((sp, colon)) = speaker(a, s.span, &in_sentence)
                {
                    people = std::iter::once(sp)
                        .chain(
                            in_sentence
                                .iter()
                                .filter(|r| r.span.start.0 > colon && r.span.end <= span.start)
                                .copied(),
                        )
                        .collect();
                }
            }
            let after_cue = a.folded.get(span.end.0..s.span.end.0).unwrap_or("");
            out.push(Mention {
                cue,
                cue_span: span,
                sentence: si,
                aggregate: is_aggregate(a, s.span, span),
                earlier: first_in(&a.phrases, Kind::Earlier, s.span).is_some(),
                joint: words(after_cue)
                    .take(2)
                    .any(|w| F_JOINT.iter().any(|j| j.as_str() == w)),
                headline: s.line == 0 && a.sentences.len() > 1,
                people,
            });
        }
    }
    out
}

fn distinct(c: &[PersonRef<'_>]) -> usize {
    let mut v: Vec<&str> = c.iter().map(|r| r.person).collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}

fn first_start(c: &[PersonRef<'_>]) -> usize {
    c.first().map_or(0, |r| r.span.start.0)
}

fn last_end(c: &[PersonRef<'_>]) -> usize {
    c.last().map_or(0, |r| r.span.end.0)
}

/// The chain of people ending just before the cue, with the chain before it when the first
/// names only one person.
fn chain_before<'r>(
    a: &Analysis<'_>,
    ch: &[Vec<PersonRef<'r>>],
    cue: ByteSpan,
) -> Vec<PersonRef<'r>> {
    let before: Vec<&Vec<PersonRef<'r>>> = ch
        .iter()
        .rev()
        .filter(|c| c.last().is_some_and(|r| r.span.end <= cue.start))
        .collect();
    let Some(c) = before.first() else {
        return Vec::new();
    };
    if gap_words(a, last_end(c), cue.start.0) > MAX_GAP_WORDS {
        return Vec::new();
    }
    let mut out: Vec<PersonRef<'r>> = Vec::new();
    if distinct(c) < 2
        && let Some(c2) = before.get(1)
        && gap_words(a, last_end(c2), first_start(c)) <= MAX_SECOND_CHAIN_GAP
    {
        out.extend(c2.iter().copied());
    }
    out.extend(c.iter().copied());
    out
}

/// The chain of people starting just after the cue, with the next chain when the first names
/// only one person.
fn chain_after<'r>(
    a: &Analysis<'_>,
    ch: &[Vec<PersonRef<'r>>],
    cue: ByteSpan,
) -> Vec<PersonRef<'r>> {
    let after: Vec<&Vec<PersonRef<'r>>> = ch
        .iter()
        .filter(|c| c.first().is_some_and(|r| r.span.start >= cue.end))
        .collect();
    let Some(c) = after.first() else {
        return Vec::new();
    };
    if gap_words(a, cue.end.0, first_start(c)) > MAX_GAP_WORDS {
        return Vec::new();
    }
    let mut out: Vec<PersonRef<'r>> = c.to_vec();
    if distinct(c) < 2
        && let Some(c2) = after.get(1)
        && gap_words(a, last_end(c), first_start(c2)) <= MAX_SECOND_CHAIN_GAP
    {
        out.extend(c2.iter().copied());
    }
    out
}

/// The person who speaks in the sentence, named at most two words before its first colon,
/// and the colon's byte offset.
fn speaker<'r>(
    a: &Analysis<'_>,
    sentence: ByteSpan,
    refs: &[PersonRef<'r>],
) -> Option<(PersonRef<'r>, usize)> {
    let colon = a.folded_slice(sentence).find(':')? + sentence.start.0;
    let r = refs.iter().rev().find(|r| r.span.end.0 <= colon)?;
    let gap = a.folded.get(r.span.end.0..colon)?;
    words(gap).nth(2).is_none().then_some((*r, colon))
}

fn complete(t: EventType, n: usize) -> bool {
    match t {
        EventType::PhoneCall
        | EventType::Meeting
        | EventType::PressConference
        | EventType::Other => n >= 2,
        EventType::Speech | EventType::Statement | EventType::Visit => n >= 1,
    }
}

fn compatible(cue: Cue, t: EventType) -> bool {
    match cue {
        Cue::Generic => true,
        Cue::Typed(EventType::Visit) => matches!(
            t,
            EventType::Meeting | EventType::Visit | EventType::PressConference
        ),
        Cue::Typed(EventType::Meeting) => matches!(t, EventType::Meeting | EventType::Visit),
        Cue::Typed(x) => x == t,
    }
}

fn covers(d: &Draft<'_>, names: &[&str]) -> bool {
    names.iter().all(|n| d.people.iter().any(|p| p == n))
}

/// Every event of the document, main one first.
#[must_use]
pub fn find(a: &Analysis<'_>, res: &Resources) -> Vec<Event> {
    let refs = person_refs(a, res);
    let mentions = find_mentions(a, &refs);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; mentions.len()];

    // 1. Mentions with enough people make events; equal ones are one event unless they
    //    state different places or days, or one is told as an earlier contact.
    let anchors: Vec<(Option<String>, Option<String>)> =
        mentions.iter().map(|m| anchor(a, res, m)).collect();
    for (mi, m) in mentions.iter().enumerate() {
        let names = m.names();
        let (place, day) = anchor_of(&anchors, mi);
        let t = match m.cue {
            Cue::Typed(t) if t != EventType::Visit => t,
            Cue::Generic if names.len() >= 2 && place.is_some() => EventType::Meeting,
            _ => continue,
        };
        if m.aggregate || m.headline || !complete(t, names.len()) {
            continue;
        }
        let same = drafts.iter().position(|d| {
            d.event_type == t
                && d.people.len() == names.len()
                && covers(d, &names)
                && d.earlier == m.earlier
                && agrees(d, place, day)
        });
        let di = same.unwrap_or_else(|| {
            drafts.push(Draft {
                place: None,
                day: None,
                earlier: m.earlier,
                event_type: t,
                people: names.clone(),
                refs: Vec::new(),
                mentions: Vec::new(),
                sentences: Vec::new(),
            });
            drafts.len() - 1
        });
        if let Some(d) = drafts.get_mut(di) {
            fill(&mut d.place, place);
            fill(&mut d.day, day);
        }
        if let Some(o) = owner.get_mut(mi) {
            *o = Some(di);
        }
    }
    // A trip by someone with no other event is a visit of its own.
    for (mi, m) in mentions.iter().enumerate() {
        let names = m.names();
        if m.cue == Cue::Typed(EventType::Visit)
            && !m.aggregate
            && !m.headline
            && !names.is_empty()
            && !drafts.iter().any(|d| covers(d, &names))
        {
            let (place, day) = anchor_of(&anchors, mi);
            drafts.push(Draft {
                place: place.cloned(),
                day: day.cloned(),
                earlier: m.earlier,
                event_type: EventType::Visit,
                people: names.clone(),
                refs: Vec::new(),
                mentions: Vec::new(),
                sentences: Vec::new(),
            });
            if let Some(o) = owner.get_mut(mi) {
                *o = Some(drafts.len() - 1);
            }
        }
    }
    if drafts.is_empty() {
        return Vec::new();
    }

    // 2. In text order: the other mentions and the follow-up sentences join an event.
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); a.sentences.len()];
    for (mi, m) in mentions.iter().enumerate() {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(mi);
        }
    }
    let mut current: Option<usize> = None;
    let mut pending_before_first: Vec<usize> = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        let here: &[usize] = by_sentence.get(si).map_or(&[], Vec::as_slice);
        if here.is_empty() {
            // A follow-up: no one outside the current event named, and either the same
            // paragraph or words that point back to it.
            let names: Vec<&str> = refs_from(&refs, s.span)
                .iter()
                .filter(|r| r.span.end <= s.span.end)
                .map(|r| r.person)
                .collect();
            let anaphoric = first_in(&a.phrases, Kind::Anaphora, s.span).is_some();
            match current.and_then(|c| drafts.get_mut(c)) {
                Some(d) => {
                    let same_par = d
                        .sentences
                        .last()
                        .and_then(|&x| a.sentences.get(x))
                        .is_some_and(|x| x.line == s.line);
                    if covers(d, &names) && (same_par || anaphoric || !names.is_empty()) {
                        d.sentences.push(si);
                    }
                }
                None if anaphoric && names.is_empty() => pending_before_first.push(si),
                None => {}
            }
            continue;
        }
        for &mi in here {
            let Some(m) = mentions.get(mi) else { continue };
            let (place, day) = anchor_of(&anchors, mi);
            let joint_press = m.cue == Cue::Typed(EventType::PressConference)
                && m.joint
                && !m.aggregate
                && !m.headline;
            let target = match owner.get(mi).copied().flatten() {
                Some(d) => Some(d),
                // "در کنفرانس خبری مشترک": the people of the contact just reported.
                None if joint_press && m.names().len() < 2 && current.is_some() => {
                    let mut people: Vec<&str> = current
                        .and_then(|c| drafts.get(c))
                        .map(|d| d.people.clone())
                        .unwrap_or_default();
                    for n in m.names() {
                        if !people.contains(&n) {
                            people.push(n);
                        }
                    }
                    let existing = drafts.iter().position(|d| {
                        d.event_type == EventType::PressConference
                            && d.people.len() == people.len()
                            && people.iter().all(|p| d.people.contains(p))
                    });
                    existing.or_else(|| {
                        drafts.push(Draft {
                            place: place.cloned(),
                            day: day.cloned(),
                            earlier: m.earlier,
                            event_type: EventType::PressConference,
                            people,
                            refs: Vec::new(),
                            mentions: Vec::new(),
                            sentences: Vec::new(),
                        });
                        Some(drafts.len() - 1)
                    })
                }
                None => {
                    let names = m.names();
                    let fits = |d: &Draft<'_>| {
                        compatible(m.cue, d.event_type)
                            && covers(d, &names)
                            && agrees(d, place, day)
                    };
                    let preceding = current.filter(|&c| drafts.get(c).is_some_and(fits));
                    preceding
                        .or_else(|| {
                            drafts.iter().position(|d| {
                                fits(d)
                                    && !d.mentions.is_empty()
                                    && d.sentences.last().is_some_and(|&x| x < si)
                            })
                        })
                        .or_else(|| drafts.iter().position(fits))
                }
            };
            if let Some(d) = target.and_then(|t| drafts.get_mut(t)) {
                if !m.aggregate {
                    fill(&mut d.place, place);
                    fill(&mut d.day, day);
                }
                d.mentions.push(mi);
                if !d.sentences.contains(&si) {
                    d.sentences.push(si);
                }
                d.refs.extend(m.people.iter().copied());
                current = target;
            }
        }
    }
    if let Some(first) = drafts.first_mut() {
        first.sentences.extend(pending_before_first);
    }

    // 3. Main event first: the one the headline's people take part in.
    let headline_names: Vec<&str> = a
        .sentences
        .first()
        .filter(|s| s.line == 0)
        .map(|s| {
            refs.iter()
                .filter(|r| s.span.start <= r.span.start && r.span.end <= s.span.end)
                .map(|r| r.person)
                .collect()
        })
        .unwrap_or_default();
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    let first_pos = |d: &Draft<'_>| d.sentences.iter().min().copied().unwrap_or(usize::MAX);
    order.sort_by_key(|&i| drafts.get(i).map_or(usize::MAX, first_pos));
    if !headline_names.is_empty()
        && let Some(pos) = order
            .iter()
            .position(|&i| drafts.get(i).is_some_and(|d| covers(d, &headline_names)))
    {
        let main = order.remove(pos);
        order.insert(0, main);
    }
    order
        .into_iter()
        .filter_map(|i| drafts.get(i))
        .map(|d| build(a, res, d, &mentions))
        .collect()
}

/// The place and day a mention's sentence states next to its cue.
fn anchor(a: &Analysis<'_>, res: &Resources, m: &Mention<'_>) -> (Option<String>, Option<String>) {
    if m.aggregate {
        return (None, None);
    }
    let span = sentence_span(a, m.sentence);
    let place = facts::location(a, res, span, m.cue_span.start.0).map(|v| v.value);
    let day = a
        .dates
        .iter()
        .filter(|f| span.start <= f.span.start && f.span.end <= span.end)
        .filter_map(|f| match f.kind {
            super::dates::DateKind::Full { date, .. } => {
                Some((f.span.start.0.abs_diff(m.cue_span.start.0), date))
            }
            _ => None,
        })
        // The nearest, and of equally near ones the least as written: only those are
        // written out to be compared.
        .min_by(|x, y| {
            x.0.cmp(&y.0)
                .then_with(|| day_string(x.1).cmp(&day_string(y.1)))
        })
        .map(|x| day_string(x.1));
    (place, day)
}

/// `date.to_string()`: written by [`super::dates::iso_day`], without the formatting
/// machinery, for the years both write as four digits.
fn day_string(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&date.year()) {
        super::dates::iso_day(date)
    } else {
        date.to_string()
    }
}

/// The place and day of mention `mi`, borrowed: most are only compared, and copying both
/// for every mention was a good part of the allocations here.
fn anchor_of(
    anchors: &[(Option<String>, Option<String>)],
    mi: usize,
) -> (Option<&String>, Option<&String>) {
    anchors
        .get(mi)
        .map_or((None, None), |(p, d)| (p.as_ref(), d.as_ref()))
}

/// `slot.take().or(value.cloned())`, copying `value` only when it is kept.
fn fill(slot: &mut Option<String>, value: Option<&String>) {
    if slot.is_none() {
        *slot = value.cloned();
    }
}

/// True when a mention's place and day do not contradict the event's.
fn agrees(d: &Draft<'_>, place: Option<&String>, day: Option<&String>) -> bool {
    let ok = |a: Option<&String>, b: Option<&String>| a.is_none() || b.is_none() || a == b;
    ok(d.place.as_ref(), place) && ok(d.day.as_ref(), day)
}

fn sentence_span(a: &Analysis<'_>, i: usize) -> ByteSpan {
    a.sentences.get(i).map(|s| s.span).unwrap_or_default()
}

fn build(a: &Analysis<'_>, res: &Resources, d: &Draft<'_>, mentions: &[Mention<'_>]) -> Event {
    let g = &res.gazetteer;
    let mut sentences = d.sentences.clone();
    sentences.sort_unstable();
    sentences.dedup();
    let own: Vec<&Mention> = d
        .mentions
        .iter()
        .filter_map(|&i| mentions.get(i))
        .filter(|m| !m.aggregate)
        .collect();
    let mut ev = Event {
        event_type: d.event_type,
        evidence: sentences
            .iter()
            .map(|&i| a.chars(sentence_span(a, i)))
            .collect(),
        ..Event::default()
    };
    for name in &d.people {
        let entry = g.by_canonical(name).and_then(|i| g.entry(i));
        ev.participants.push(Participant {
            name: (*name).to_owned(),
            kb_id: entry.and_then(|e| e.kb_id.clone()),
            country: entry.and_then(|e| e.country.clone()),
            role: entry.and_then(|e| e.role.clone()),
            evidence: d
                .refs
                .iter()
                .filter(|r| &r.person == name)
                .map(|r| a.chars(r.span))
                .collect(),
            origin: crate::model::Origin::Auto,
        });
    }
    // Facts come from the sentences that report the contact itself, nearest the cue.
    for m in &own {
        let span = sentence_span(a, m.sentence);
        let cue_at = m.cue_span.start.0;
        let other_cues: Vec<usize> = mentions
            .iter()
            .filter(|o| o.sentence == m.sentence && o.cue_span != m.cue_span)
            .map(|o| o.cue_span.start.0)
            .collect();
        let nearest_is_mine = |pos: usize| {
            other_cues
                .iter()
                .all(|&o| o.abs_diff(pos) > cue_at.abs_diff(pos))
        };
        if ev.date.is_none() && ev.weekday.is_none() {
            let here = |f: &&super::dates::FoundDate| {
                span.start <= f.span.start
                    && f.span.end <= span.end
                    && nearest_is_mine(f.span.start.0)
            };
            // A stated date wins over a relative day in the same sentence; a weekday written
            // right before the stated date ("يوم الخميس 2 ديسمبر") is kept with it.
            let absolute = a
                .dates
                .iter()
                .filter(here)
                .min_by_key(|f| f.span.start.0.abs_diff(cue_at));
            let relative = a
                .relative
                .iter()
                .filter(here)
                .min_by_key(|f| f.span.start.0.abs_diff(cue_at));
            if let Some(f) = absolute.or(relative) {
                let (date, weekday) = facts::event_date(a, f);
                ev.date = date;
                ev.weekday = weekday.or_else(|| {
                    let f = absolute?;
                    relative
                        .filter(|r| {
                            r.span.end.0 <= f.span.start.0 + 2 && f.span.start.0 <= r.span.end.0 + 4
                        })
                        .and_then(|r| match r.kind {
                            super::dates::DateKind::Relative { weekday, .. } => weekday,
                            _ => None,
                        })
                        .map(|w| super::dates::weekday_name(w).to_owned())
                });
            }
        }
        if ev.location.is_none()
            && let Some(l) = facts::location(a, res, span, cue_at)
            && l.evidence
                .first()
                .is_some_and(|e| nearest_is_mine(a.index.to_byte(e.start).map_or(0, |b| b.0)))
        {
            ev.location = Some(l);
        }
        if ev.duration_minutes.is_none()
            && let Some((mins, sp)) = facts::duration(a, span)
        {
            ev.duration_minutes = Some(mins);
            ev.evidence_of.insert("duration_minutes".into(), vec![sp]);
        }
        if ev.initiator.is_none()
            && let Some((who, sp)) = facts::initiator(a, res, span)
        {
            ev.initiator = Some(who);
            ev.evidence_of.insert("initiator".into(), vec![sp]);
        }
        if ev.first_contact.is_none()
            && let Some(sp) = facts::first_contact(a, span)
        {
            ev.first_contact = Some(true);
            ev.evidence_of.insert("first_contact".into(), vec![sp]);
        }
    }
    ev.topics = topics_in(a, res, &sentences);
    ev.cameo = cameo(res, &ev);
    ev
}

/// Topics named in the given sentences, in order of first mention, with every keyword span.
fn topics_in(a: &Analysis<'_>, res: &Resources, sentences: &[usize]) -> Vec<Value<String>> {
    let spans: Vec<ByteSpan> = sentences.iter().map(|&i| sentence_span(a, i)).collect();
    topics_where(a, res, |m| {
        spans
            .iter()
            .any(|s| s.start <= m.span.start && m.span.end <= s.end)
    })
}

/// Topics whose keyword occurrences pass `keep`, in order of first mention.
fn topics_where(
    a: &Analysis<'_>,
    res: &Resources,
    keep: impl Fn(&super::TopicMatch) -> bool,
) -> Vec<Value<String>> {
    let mut out: BTreeMap<usize, (usize, Vec<CharSpan>)> = BTreeMap::new();
    for m in a.topics.iter().filter(|m| keep(m)) {
        let e = out.entry(m.topic).or_insert((m.span.start.0, Vec::new()));
        e.1.push(a.chars(m.span));
    }
    let mut v: Vec<(usize, usize, Vec<CharSpan>)> =
        out.into_iter().map(|(t, (p, s))| (p, t, s)).collect();
    v.sort_by_key(|x| x.0);
    v.into_iter()
        .filter_map(|(_, t, spans)| Some(Value::auto(res.topics.name(t)?.to_owned(), spans)))
        .collect()
}

/// Topics of the whole article.
#[must_use]
pub fn document_topics(a: &Analysis<'_>, res: &Resources) -> Vec<Value<String>> {
    topics_where(a, res, |_| true)
}

/// CAMEO code: 041 for a call; for a meeting 043 at home of the first participant, 042 at
/// home of another, 044 in a third country, 040 when the place is unknown.
fn cameo(res: &Resources, ev: &Event) -> String {
    let g = &res.gazetteer;
    match ev.event_type {
        EventType::Meeting => {
            let Some(place) = ev
                .location
                .as_ref()
                .and_then(|l| g.by_canonical(&l.value))
                .and_then(|i| g.entry(i))
                .and_then(|e| e.country.clone())
            else {
                return "040".into();
            };
            let countries: Vec<Option<&str>> = ev
                .participants
                .iter()
                .map(|p| p.country.as_deref())
                .collect();
            match countries.iter().position(|c| *c == Some(place.as_str())) {
                Some(0) => "043".into(),
                Some(_) => "042".into(),
                None => "044".into(),
            }
        }
        t => t.default_cameo().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Language, Metadata};
    use crate::text::slice_chars;

    fn run(
        text: &str,
        lang: Language,
        published_line: Option<&str>,
    ) -> Result<Vec<Event>, super::super::ResourceError> {
        let res = Resources::bundled()?;
        let mut md = Metadata::default();
        if let Some(l) = published_line {
            md.extra.insert("published_line".into(), l.into());
        }
        Ok(super::super::extract(text, lang, &md, &res).fields.events)
    }

    fn names(e: &Event) -> Vec<&str> {
        e.participants.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn two_calls_are_two_events_with_their_own_facts() -> Result<(), super::super::ResourceError> {
        let t = "تماس‌های تلفنی وزیر خارجه\nسرگئی لاوروف و رکس تیلرسون دیروز در تماس تلفنی که به درخواست طرف آمریکایی انجام شد گفتگو کردند.\nلاوروف همچنین در تماس تلفنی دیگری با دومینیک راب درباره سوریه گفتگو کرد.";
        let ev = run(t, Language::Fa, Some("تاریخ انتشار: ۱۰:۰۰ - ۲۰-۰۱-۱۳۹۷"))?;
        assert_eq!(ev.len(), 2);
        assert_eq!(names(&ev[0]), ["Sergey Lavrov", "Rex Tillerson"]);
        assert_eq!(ev[0].cameo, "041");
        assert_eq!(ev[0].initiator.as_deref(), Some("United States"));
        // 20 Farvardin 1397 is 9 April 2018; "دیروز" is the day before.
        assert_eq!(
            ev[0].date.as_ref().map(|d| d.value.as_str()),
            Some("2018-04-08")
        );
        let sp = ev[0]
            .evidence_of
            .get("initiator")
            .and_then(|v| v.first())
            .copied();
        assert_eq!(
            sp.and_then(|s| slice_chars(t, s)),
            Some("به درخواست طرف آمریکایی")
        );
        assert_eq!(names(&ev[1]), ["Sergey Lavrov", "Dominic Raab"]);
        assert_eq!(
            ev[1].topics.first().map(|v| v.value.as_str()),
            Some("Syria")
        );
        Ok(())
    }

    #[test]
    fn arabic_meeting_in_a_third_city_with_duration_and_first_contact()
    -> Result<(), super::super::ResourceError> {
        let t = "عنوان\nالتقى لافروف نظيره الأمريكي ماركو روبيو في الرياض لأول مرة، واستمر اللقاء ساعة ونصف.";
        let ev = run(t, Language::Ar, None)?;
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].event_type, EventType::Meeting);
        assert_eq!(names(&ev[0]), ["Sergey Lavrov", "Marco Rubio"]);
        assert_eq!(
            ev[0].location.as_ref().map(|l| l.value.as_str()),
            Some("Riyadh")
        );
        assert_eq!(ev[0].cameo, "044");
        assert_eq!(ev[0].duration_minutes, Some(90));
        assert_eq!(ev[0].first_contact, Some(true));
        assert_eq!(ev[0].date, None);
        Ok(())
    }

    #[test]
    fn weekday_without_publication_date_and_capital_by_country()
    -> Result<(), super::super::ResourceError> {
        let t = "تیتر\nلاوروف و بلینکن روز پنجشنبه در پایتخت مالزی دیدار کردند و این دیدار چهار ساعت و نیم به طول انجامید.";
        let ev = run(t, Language::Fa, None)?;
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].weekday.as_deref(), Some("Thursday"));
        assert_eq!(ev[0].date, None);
        assert_eq!(
            ev[0].location.as_ref().map(|l| l.value.as_str()),
            Some("Kuala Lumpur")
        );
        assert_eq!(ev[0].duration_minutes, Some(270));
        Ok(())
    }

    #[test]
    fn speech_then_joint_press_conference() -> Result<(), super::super::ResourceError> {
        let t = "لاوروف خواستار گفتگو شد\nجان کری وارد مسکو شد.\nلاوروف روز جمعه در سخنانی در مسکو از گفتگو حمایت کرد.\nلاوروف و کری دیروز در مسکو دیدار کردند و سپس در کنفرانس خبری مشترک شرکت کردند.";
        let ev = run(t, Language::Fa, None)?;
        let kinds: Vec<(EventType, Vec<&str>)> =
            ev.iter().map(|e| (e.event_type, names(e))).collect();
        assert_eq!(
            kinds,
            [
                (EventType::Speech, vec!["Sergey Lavrov"]),
                (EventType::Meeting, vec!["Sergey Lavrov", "John Kerry"]),
                (
                    EventType::PressConference,
                    vec!["Sergey Lavrov", "John Kerry"]
                ),
            ]
        );
        assert_eq!(ev[0].weekday.as_deref(), Some("Friday"));
        Ok(())
    }

    #[test]
    fn day_string_is_what_chrono_displays() {
        for (y, m, d) in [
            (2020, 5, 7),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 9),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            assert_eq!(day_string(date), date.to_string());
        }
    }

    #[test]
    fn no_contact_no_event() -> Result<(), super::super::ResourceError> {
        let ev = run(
            "تیتر\nلاوروف درباره سوریه گفت که روسیه آماده است.",
            Language::Fa,
            None,
        )?;
        assert!(ev.is_empty());
        Ok(())
    }
}
