//! Every fixed string extraction looks for (gazetteer spellings, topic keywords, event phrases,
//! cue words, the words relative dates begin with and month names) in one automaton, run once over a document's folded text.
//!
//! Each matcher used to run its own automaton over the whole text; most of a document's
//! extraction time went into those passes. Here one overlapping pass reports every occurrence
//! of every string, and each matcher keeps its own rules (boundaries, leftmost-longest choice,
//! restarts) by reading the occurrences of its strings from that one list.

use std::sync::atomic::{AtomicU64, Ordering};

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa;
use aho_corasick::{Anchored, MatchKind, StartKind};

use super::ResourceError;
use super::gazetteer::Gazetteer;
use super::topics::Taxonomy;
use crate::text::CharIndex;

/// The matcher a string belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Set {
    /// A gazetteer spelling.
    Gazetteer,
    /// A topic keyword.
    Topic,
    /// An event phrase ([`super::phrases`]).
    Phrase,
    /// An event cue word ([`super::events`]).
    Cue,
    /// A word a relative-date phrase begins with ([`super::dates::relative_start_words`]).
    DateWord,
    /// A month name ([`super::dates::month_words`]).
    Month,
}

/// One occurrence of a string of `set`: its bytes and the string's index in that set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Occurrence {
    /// First byte.
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// Index of the string within its set (the set's own pattern number).
    pub pattern: usize,
}

/// Every occurrence in a text, per set, each list in the order the pass reported them.
#[derive(Debug, Default)]
pub(crate) struct Occurrences {
    pub gazetteer: Vec<Occurrence>,
    pub topics: Vec<Occurrence>,
    pub phrases: Vec<Occurrence>,
    pub cues: Vec<Occurrence>,
    pub date_words: Vec<Occurrence>,
    pub months: Vec<Occurrence>,
    /// The char index of the text, when the scan made one on its way.
    pub index: Option<CharIndex>,
}

/// A new stamp for a gazetteer or taxonomy, so that a lexicon can tell whether it was built
/// from the one it is used with.
pub(crate) fn next_stamp() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The one automaton and, per pattern, its set and index there.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// A DFA: one table read per char. The contiguous NFA it replaced is a sixteenth of the
    /// memory (0.17 MB against 3 MB) and builds 10 ms faster, but follows failure links
    /// char by char; on the seeds, extraction takes 7% less CPU time with the DFA.
    automaton: dfa::DFA,
    owners: Vec<(Set, usize)>,
    /// How the automaton reads a text: one byte per char, or the UTF-8 bytes.
    alphabet: Option<Alphabet>,
    /// Stamps of the gazetteer and taxonomy the automaton was built from.
    built_from: (u64, u64),
}

/// One byte per char of the patterns (1 and up), 0 for every other char.
///
/// Persian and Arabic letters are two UTF-8 bytes; read one byte per char, the automaton
/// takes half the steps over a text, and its trie half the states. A char no pattern holds
/// never takes part in a match, so all of them can share the one code 0 that no pattern has;
/// on the chars the patterns hold the coding is one-to-one, so the codes of a text match
/// exactly where its chars do.
#[derive(Debug, Clone)]
struct Alphabet {
    /// Codes of U+0000-U+06FF (ASCII and the Arabic block), by code point.
    low: Vec<u8>,
    /// Codes of the other chars the patterns hold, sorted by char.
    high: Vec<(char, u8)>,
    /// Per ASCII byte, the code of its folded (lowercase) form.
    ascii: [u8; 128],
    /// Per two-byte char led by 0xD8-0xDB (slot: the lead's low two bits, then the second
    /// byte's low six), the code of its folded form and that form when it differs.
    arabic: Vec<(u8, Option<char>)>,
}

impl Alphabet {
    /// The alphabet of `patterns`, or `None` when they hold more than 255 distinct chars.
    fn new(patterns: &[&str]) -> Option<Self> {
        let mut chars: Vec<char> = patterns.iter().flat_map(|p| p.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        let mut low = vec![0u8; 0x700];
        let mut high = Vec::new();
        for (i, c) in chars.into_iter().enumerate() {
            let code = u8::try_from(i + 1).ok()?;
            match low.get_mut(c as usize) {
                Some(slot) => *slot = code,
                None => high.push((c, code)),
            }
        }
        let mut alphabet = Self {
            low,
            high,
            ascii: [0; 128],
            arabic: Vec::new(),
        };
        for (b, slot) in (0u8..).zip(alphabet.ascii.iter_mut()) {
            *slot = alphabet
                .low
                .get(usize::from(b.to_ascii_lowercase()))
                .copied()
                .unwrap_or(0);
        }
        alphabet.arabic = (0u8..=255)
            .map(|slot| {
                let (lead, next) = (0xD8 | (slot >> 6), 0x80 | (slot & 0x3F));
                let c = char::from_u32((u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F));
                let fold = super::fold::fold_two_byte(lead, next);
                (fold.or(c).map_or(0, |f| alphabet.code(f)), fold)
            })
            .collect();
        Some(alphabet)
    }

    fn code(&self, c: char) -> u8 {
        match self.low.get(c as usize) {
            Some(&code) => code,
            None => self
                .high
                .binary_search_by_key(&c, |&(h, _)| h)
                .ok()
                .and_then(|i| self.high.get(i))
                .map_or(0, |&(_, code)| code),
        }
    }

    /// The codes of `text`'s chars, and its char index (built in the same pass).
    #[cfg(test)]
    fn encode(&self, text: &str) -> (Vec<u8>, CharIndex) {
        let (_, codes, index) = self.fold_encode(text);
        (codes, index)
    }

    /// The folded copy of `text` ([`super::fold::fold`]), the codes of its chars and its char
    /// index, in one pass over `text`: folding was a pass of its own over every document, and
    /// this pass decodes every char anyway.
    #[cfg(test)]
    fn fold_encode(&self, text: &str) -> (String, Vec<u8>, CharIndex) {
        // Sized exactly by a count of the bytes that start a char (which vectorizes).
        let chars = bytecount::num_chars(text.as_bytes());
        let mut codes = Vec::with_capacity(chars);
        let mut starts: Vec<u32> = Vec::with_capacity(chars + 1);
        let mut folded = String::with_capacity(text.len());
        // Unchanged runs are copied whole, from `copied` on, when a folded char is written.
        let mut copied = 0;
        // Chars of one and two bytes (ASCII and the Arabic block, nearly every char of a
        // document) are decoded here from their bytes; longer ones by the standard decoder.
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&lead) = bytes.get(at) {
            let (c, len, changed) = match lead {
                0x00..=0x7F => {
                    let lower = lead.to_ascii_lowercase();
                    (Some(char::from(lower)), 1, lower != lead)
                }
                0xC0..=0xDF => {
                    let next = bytes.get(at + 1).copied().unwrap_or(0);
                    let fold = if lead & 0xFC == 0xD8 {
                        super::fold::fold_two_byte(lead, next)
                    } else {
                        None
                    };
                    match fold {
                        Some(f) => (Some(f), 2, true),
                        None => (
                            char::from_u32((u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F)),
                            2,
                            false,
                        ),
                    }
                }
                _ => {
                    let c = text.get(at..).and_then(|t| t.chars().next());
                    (c, c.map_or(1, char::len_utf8), false)
                }
            };
            if changed && let Some(c) = c {
                folded.push_str(text.get(copied..at).unwrap_or(""));
                folded.push(c);
                copied = at + len;
            }
            codes.push(c.map_or(0, |c| self.code(c)));
            starts.push(at as u32);
            at += len;
        }
        folded.push_str(text.get(copied..).unwrap_or(""));
        (
            folded,
            codes,
            CharIndex::from_char_starts(starts, text.len()),
        )
    }
}

impl Lexicon {
    /// Builds the automaton over the strings of `gazetteer`, `topics` and the fixed phrase and
    /// cue lists.
    ///
    /// # Errors
    /// When the automaton cannot be built.
    pub fn new(gazetteer: &Gazetteer, topics: &Taxonomy) -> Result<Self, ResourceError> {
        let phrases = super::phrases::patterns();
        let cues = super::events::cue_patterns();
        let date_words = super::dates::relative_start_words();
        let months = super::dates::month_words();
        let sets: [(Set, &[String]); 6] = [
            (Set::Gazetteer, gazetteer.pattern_strings()),
            (Set::Topic, topics.pattern_strings()),
            (Set::Phrase, &phrases),
            (Set::Cue, &cues),
            (Set::DateWord, &date_words),
            (Set::Month, &months),
        ];
        let mut pats: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        for (set, list) in sets {
            for (i, p) in list.iter().enumerate() {
                pats.push(p);
                owners.push((set, i));
            }
        }
        let alphabet = Alphabet::new(&pats);
        let coded: Vec<Vec<u8>> = match &alphabet {
            Some(a) => pats
                .iter()
                .map(|p| p.chars().map(|c| a.code(c)).collect())
                .collect(),
            None => pats.iter().map(|p| p.as_bytes().to_vec()).collect(),
        };
        let automaton = dfa::DFA::builder()
            // Standard semantics: an overlapping pass reports every occurrence of every
            // string, from which each matcher picks what its own search would have found.
            .match_kind(MatchKind::Standard)
            // Candidates are everywhere in running text: a prefilter only adds restarts.
            .prefilter(false)
            .start_kind(StartKind::Unanchored)
            .build(&coded)
            .map_err(|e| ResourceError::Automaton(e.to_string()))?;
        Ok(Self {
            automaton,
            owners,
            alphabet,
            built_from: (gazetteer.stamp(), topics.stamp()),
        })
    }

    /// True when the lexicon was built from this gazetteer and taxonomy (not from ones since
    /// changed or replaced).
    #[must_use]
    pub fn fits(&self, gazetteer: &Gazetteer, topics: &Taxonomy) -> bool {
        self.built_from == (gazetteer.stamp(), topics.stamp())
    }

    /// Every occurrence of every string in `folded`, sorted into sets, with byte offsets: the
    /// plain statement of [`Self::fold_and_scan`], which the tests hold it to.
    #[cfg(test)]
    pub(crate) fn scan(&self, folded: &str) -> Occurrences {
        match &self.alphabet {
            Some(a) => {
                let (_, codes, index) = a.fold_encode(folded);
                self.occurrences(&codes, index)
            }
            None => self.collect(folded.as_bytes(), Some),
        }
    }

    /// The folded copy of `text` ([`super::fold::fold`]) and every occurrence of every string
    /// in it, folding in the pass that reads the text for the automaton.
    pub(crate) fn fold_and_scan(&self, text: &str) -> (String, Occurrences) {
        match &self.alphabet {
            Some(a) => self.fold_walk(a, text),
            None => {
                let folded = super::fold::fold(text);
                let o = self.collect(folded.as_bytes(), Some);
                (folded, o)
            }
        }
    }

    /// The occurrences in a text coded one byte per char, whose char index is `index`.
    #[cfg(test)]
    fn occurrences(&self, codes: &[u8], index: CharIndex) -> Occurrences {
        let mut out = self.collect(codes, |i| {
            index.to_byte(crate::text::CharOffset(i)).map(|b| b.0)
        });
        out.index = Some(index);
        out
    }

    /// The occurrences in `haystack` (the text as the automaton reads it), with `byte` turning
    /// a haystack offset into a byte offset of the text.
    fn collect(&self, haystack: &[u8], byte: impl Fn(usize) -> Option<usize>) -> Occurrences {
        let mut out = Occurrences::default();
        let aut = &self.automaton;
        let Ok(start) = aut.start_state(Anchored::No) else {
            return out;
        };
        // What an overlapping search reports, read straight off the automaton: after each
        // byte, every string its state holds ends there (and an empty string, if any, at the
        // start too). The search iterator re-enters the automaton once per occurrence, which
        // cost more than the walk itself.
        if aut.is_match(start) {
            self.take(start, 0, &byte, &mut out);
        }
        let mut sid = start;
        for (i, &b) in haystack.iter().enumerate() {
            sid = aut.next_state(Anchored::No, sid, b);
            if aut.is_match(sid) {
                self.take(sid, i + 1, &byte, &mut out);
            }
        }
        out
    }

    /// Adds to `out` every string the match state `sid` holds, ending at haystack offset
    /// `end`, with `byte` turning a haystack offset into a byte offset of the text.
    fn take(
        &self,
        sid: StateID,
        end: usize,
        byte: &impl Fn(usize) -> Option<usize>,
        out: &mut Occurrences,
    ) {
        let aut = &self.automaton;
        for k in 0..aut.match_len(sid) {
            let pid = aut.match_pattern(sid, k);
            let (Some(&(set, pattern)), Some(start), Some(end)) = (
                self.owners.get(pid.as_usize()),
                end.checked_sub(aut.pattern_len(pid)).and_then(byte),
                byte(end),
            ) else {
                continue;
            };
            let o = Occurrence {
                start,
                end,
                pattern,
            };
            match set {
                Set::Gazetteer => out.gazetteer.push(o),
                Set::Topic => out.topics.push(o),
                Set::Phrase => out.phrases.push(o),
                Set::Cue => out.cues.push(o),
                Set::DateWord => out.date_words.push(o),
                Set::Month => out.months.push(o),
            }
        }
    }

    /// [`Lexicon::fold_and_scan`] with the one-byte-per-char alphabet: each char is decoded,
    /// folded, coded and fed to the automaton in one loop, with no list of codes between.
    ///
    /// The automaton's step waits on the memory of the state before it; decoding the next
    /// char does not, so in one loop the processor does both at once, where a pass that
    /// codes the text and a pass that walks the codes each paid in full.
    fn fold_walk(&self, a: &Alphabet, text: &str) -> (String, Occurrences) {
        let aut = &self.automaton;
        let mut out = Occurrences::default();
        let Ok(start) = aut.start_state(Anchored::No) else {
            out.index = Some(CharIndex::new(text));
            return (super::fold::fold(text), out);
        };
        // Sized exactly by a count of the bytes that start a char (which vectorizes).
        let chars = bytecount::num_chars(text.as_bytes());
        let mut starts: Vec<u32> = Vec::with_capacity(chars + 1);
        let mut folded = String::with_capacity(text.len());
        // Unchanged runs are copied whole, from `copied` on, when a folded char is written.
        let mut copied = 0;
        if aut.is_match(start) {
            self.take(start, 0, &|_| Some(0), &mut out);
        }
        let mut sid = start;
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&lead) = bytes.get(at) {
            // ASCII and the two-byte chars led by 0xD8-0xDB (the Arabic letters and digits,
            // nearly every char of a document) are read from tables; others are decoded.
            let (code, len, fold) = if lead < 0x80 {
                let code = a.ascii.get(usize::from(lead)).copied().unwrap_or(0);
                let lower = lead.to_ascii_lowercase();
                (code, 1, (lower != lead).then(|| char::from(lower)))
            } else if lead & 0xFC == 0xD8 {
                let next = bytes.get(at + 1).copied().unwrap_or(0);
                let slot = (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F);
                let (code, fold) = a.arabic.get(slot).copied().unwrap_or((0, None));
                (code, 2, fold)
            } else {
                // No other char folds (`fold_char` only lowercases it).
                let c = text.get(at..).and_then(|t| t.chars().next());
                (
                    c.map_or(0, |c| a.code(c)),
                    c.map_or(1, char::len_utf8),
                    None,
                )
            };
            if let Some(f) = fold {
                folded.push_str(text.get(copied..at).unwrap_or(""));
                folded.push(f);
                copied = at + len;
            }
            starts.push(at as u32);
            sid = aut.next_state(Anchored::No, sid, code);
            if aut.is_match(sid) {
                // Chars up to `end` have their starts in `starts`; `end` is this char's end.
                let end = starts.len();
                let end_byte = at + len;
                let byte = |i: usize| {
                    if i == end {
                        Some(end_byte)
                    } else {
                        starts.get(i).map(|&b| b as usize)
                    }
                };
                self.take(sid, end, &byte, &mut out);
            }
            at += len;
        }
        folded.push_str(text.get(copied..).unwrap_or(""));
        out.index = Some(CharIndex::from_char_starts(starts, text.len()));
        (folded, out)
    }
}

/// What a leftmost-longest search from `from` finds next among `sorted` (occurrences sorted
/// by start, longest first at each start): the first one starting at or after `from`, with
/// its index.
pub(crate) fn leftmost_longest(sorted: &[Occurrence], from: usize) -> Option<(usize, Occurrence)> {
    let i = sorted.partition_point(|o| o.start < from);
    sorted.get(i).map(|o| (i, *o))
}

/// Sorts occurrences by start, longest first at each start: the order in which
/// [`leftmost_longest`] reads them.
pub(crate) fn sort_leftmost_longest(list: &mut [Occurrence]) {
    list.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::fold::fold;
    use crate::extract::{Analysis, Resources};
    use crate::model::Language;
    use crate::text::{ByteOffset, CharOffset};

    const TEXTS: &[&str] = &[
        "سرگئی لاوروف، وزیر امور خارجه روسیه و مایک پامپئو در مسکو و واشنگتن‌ها گفتگو کردند",
        "والولايات المتحدة ولافروف وبيانات روسية، وأمريكا والأمريكيين في موسكو",
        "همتای آمریکایی‌اش و آمریکاییاش؛ روسیه‌ای و روسیهای و کری و جان کری",
        "تحریم‌ها و تحریمی؛ برنامه هسته‌ای و مذاکرات تلفنی به مدت دو ساعت",
    ];

    #[test]
    fn one_pass_finds_what_each_matcher_finds_alone() -> Result<(), ResourceError> {
        let res = Resources::bundled()?;
        for t in TEXTS {
            let f = fold(t);
            let mut o = res.lexicon.scan(&f);
            sort_leftmost_longest(&mut o.gazetteer);
            for lang in [Language::Fa, Language::Ar, Language::Other] {
                assert_eq!(
                    res.gazetteer.find_in(&f, lang, &o.gazetteer),
                    res.gazetteer.find(&f, lang),
                    "{t}"
                );
            }
            assert_eq!(res.topics.find_in(&f, &o.topics), res.topics.find(&f));
            assert_eq!(
                super::super::phrases::find_in(&o.phrases),
                super::super::phrases::find(&f)
            );
            assert!(!o.gazetteer.is_empty() || !o.topics.is_empty(), "{t}");
        }
        Ok(())
    }

    #[test]
    fn encoding_reads_every_char_as_the_decoder_does() {
        let pats = ["سلام", "abc", "a\u{200c}b", "😀", "€", "z", "ی"];
        let a = Alphabet::new(&pats);
        assert!(a.is_some(), "five patterns have fewer than 255 chars");
        let Some(a) = a else { return };
        let t = "سلام abc a\u{200c}b 😀 € ½ Zé\u{7ff}\u{800}\u{10ffff} يی";
        let (codes, index) = a.encode(t);
        let want: Vec<u8> = fold(t).chars().map(|c| a.code(c)).collect();
        assert_eq!(codes, want);
        assert_eq!(index.char_len(), t.chars().count());
        for (i, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(index.to_byte(CharOffset(i)), Some(ByteOffset(b)));
        }
    }

    #[test]
    fn folding_in_the_scan_is_folding_then_scanning() -> Result<(), ResourceError> {
        let res = Resources::bundled()?;
        let mut all = String::new();
        // Every char of ASCII and the Arabic blocks, and a few others, alone and together.
        for c in (0x20..0x7F)
            .chain(0x0600..0x0700)
            .chain([0x200C, 0xFB8A, 0x1F600, 0x7FF, 0x800])
            .filter_map(char::from_u32)
        {
            all.push(c);
        }
        for t in TEXTS
            .iter()
            .copied()
            .chain([all.as_str(), "MAY ٢٠٢٤ أمريكا", ""])
        {
            let f = fold(t);
            let (folded, o) = res.lexicon.fold_and_scan(t);
            assert_eq!(folded, f);
            let plain = res.lexicon.scan(&f);
            let bytes_of = |i: &Option<CharIndex>| {
                i.as_ref().map(|i| {
                    (0..=i.char_len() + 1)
                        .map(|k| i.to_byte(CharOffset(k)))
                        .collect::<Vec<_>>()
                })
            };
            assert_eq!(bytes_of(&o.index), bytes_of(&plain.index), "{t}");
            assert_eq!(
                bytes_of(&o.index),
                bytes_of(&Some(CharIndex::new(t))),
                "{t}"
            );
            assert_eq!(
                (
                    o.gazetteer,
                    o.topics,
                    o.phrases,
                    o.cues,
                    o.date_words,
                    o.months
                ),
                (
                    plain.gazetteer,
                    plain.topics,
                    plain.phrases,
                    plain.cues,
                    plain.date_words,
                    plain.months
                )
            );
            if let Some(a) = &res.lexicon.alphabet {
                let want: Vec<u8> = f.chars().map(|c| a.code(c)).collect();
                assert_eq!(a.fold_encode(t).1, want, "{t}");
            }
        }
        Ok(())
    }

    #[test]
    fn alphabet_codes_pattern_chars_apart_and_gives_up_past_255() {
        let pats = ["سلام", "abc", "a\u{200c}b", "😀"];
        let a = Alphabet::new(&pats);
        let codes: Vec<u8> = pats
            .iter()
            .flat_map(|p| p.chars())
            .map(|c| a.as_ref().map_or(0, |a| a.code(c)))
            .collect();
        assert!(codes.iter().all(|&c| c != 0));
        let mut distinct = codes.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), "سلامabc\u{200c}😀".chars().count());
        assert_eq!(
            a.map(|a| (a.code('Z'), a.code('ب'), a.code('🙂'))),
            Some((0, 0, 0))
        );
        let many: String = (0x4E00..0x4E00 + 300).filter_map(char::from_u32).collect();
        assert!(Alphabet::new(&[many.as_str()]).is_none());
    }

    #[test]
    fn relative_dates_searched_at_their_first_words_only() -> Result<(), ResourceError> {
        let res = Resources::bundled()?;
        for t in [
            "أجرى اليوم الخميس اتصالا، بحسب روسيا اليوم، وأمس وغدا",
            "لاوروف روز جمعه گفت و دیروز سه‌شنبه و امروز روز یکشنبه؛ فردا",
            "روزنامه‌ها روز روز شنبه‌ها جمعه‌ای و روز شنبه",
        ] {
            let f = fold(t);
            let o = res.lexicon.scan(&f);
            let mut starts: Vec<usize> = o.date_words.iter().map(|w| w.start).collect();
            starts.sort_unstable();
            starts.dedup();
            let all = res.dates.find_relative(t, &f);
            assert!(!all.is_empty(), "{t}");
            assert_eq!(res.dates.find_relative_at(t, &f, &starts), all, "{t}");
        }
        Ok(())
    }

    /// The bundled resources, built once for the property tests' many cases.
    static BUNDLED: std::sync::LazyLock<Option<Resources>> =
        std::sync::LazyLock::new(|| Resources::bundled().ok());

    /// [`DateFinder::find_absolute_at`] (told the month names and word starts by the
    /// lexicon) against [`DateFinder::find_absolute`] (the month-name patterns run over each
    /// line).
    fn absolute_dates_agree(res: &Resources, t: &str) -> Result<(), String> {
        let f = fold(t);
        let mut o = res.lexicon.scan(&f);
        o.months.sort_unstable_by_key(|m| m.start);
        let mut starts: Vec<usize> = o.date_words.iter().map(|w| w.start).collect();
        starts.sort_unstable();
        starts.dedup();
        for lang in [Language::Fa, Language::Ar] {
            let plain = res.dates.find_absolute(t, &f, lang);
            let at = res.dates.find_absolute_at(t, &f, lang, &o.months, &starts);
            if plain != at {
                return Err(format!("{t:?}: {plain:?} != {at:?}"));
            }
        }
        Ok(())
    }

    #[test]
    fn absolute_dates_searched_at_their_possible_starts_only() -> Result<(), ResourceError> {
        let res = Resources::bundled()?;
        let mut found = 0;
        for t in [
            "سه‌شنبه ۳۰ بهمن ۱۴۰۳ در ریاض و ۱۲ تیرماه و ١٥ رمضان ١٤٤٥ هـ و 7 May 2020",
            "جمعه، ۲ دی‌ماه سال ۱۴۰۲ و ۱۲۳ مهر و ۵ دیدار در ۱۴ مه ۲۰۱۹ و May 7, 2020",
            "الخميس 15 كانون الثاني 2021 و‌ ١٢ ذو الحجة ١٤٤٤ و 3 أيار، عام 2019 وديسمبر 12 2018",
            "۱۲ ۱۳ ۱۴ مهر ۱۵ آبان\n۱۶ ۱۷\nدی ۱۸ و ۱۹۹۹ و ۲ ـ اسفند",
            "تاریخ انتشار: ۱۵:۴۹ - ۱۸-۰۲-۱۳۹۹ و ۱۰ فروردین ۱۳۹۹ ساعت ۱۰:۲۰",
        ] {
            found += res.dates.find_absolute(t, &fold(t), Language::Fa).len();
            if let Err(e) = absolute_dates_agree(&res, t) {
                panic!("{e}");
            }
        }
        assert!(found >= 12, "the texts hold dates of every shape ({found})");
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn absolute_dates_agree_on_any_mix(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "۱", "۲۳", "4", "12", "۱۴۰۳", "2020", "١٤٤٥", " ", "  ", "\n", "،", ",", "ام", "م",
                    "ـ", "ماه", "سال ", "عام ", "مهر", "دی", "مه", "می", "May", "ربيع الأول",
                    "كانون الثاني", "شنبه", "سه‌شنبه", "الخميس", "روز", "و", "دیدار", "همه",
                    "-", "/", ":", ".", "x", "\u{a0}", "ـ ",
                ]),
                0..24,
            )
        ) {
            let res = &*BUNDLED;
            proptest::prop_assume!(res.is_some());
            let Some(res) = res else { return Ok(()) };
            let t = parts.concat();
            let r = absolute_dates_agree(res, &t);
            proptest::prop_assert!(r.is_ok(), "{:?}", r);
        }
    }

    #[test]
    fn a_changed_gazetteer_is_read_with_its_own_spellings() -> Result<(), ResourceError> {
        let mut res = Resources::bundled()?;
        let t = "جین تحلیلگر با لاوروف دیدار کرد";
        let names = |res: &Resources| -> Vec<String> {
            let a = Analysis::new(t, Language::Fa, res);
            a.gaz
                .iter()
                .filter_map(|m| res.gazetteer.entry(m.entry))
                .map(|e| e.canonical.clone())
                .collect()
        };
        assert_eq!(names(&res), ["Sergey Lavrov"]);
        assert!(res.lexicon.fits(&res.gazetteer, &res.topics));
        res.gazetteer
            .add_alias("Jane Analyst", "PERSON", "fa", "جین تحلیلگر")?;
        assert!(!res.lexicon.fits(&res.gazetteer, &res.topics));
        assert_eq!(names(&res), ["Jane Analyst", "Sergey Lavrov"]);
        res.refresh()?;
        assert!(res.lexicon.fits(&res.gazetteer, &res.topics));
        assert_eq!(names(&res), ["Jane Analyst", "Sergey Lavrov"]);
        Ok(())
    }
}
