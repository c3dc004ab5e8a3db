//! The gazetteer: people, organisations, places and treaties with every spelling Khabar knows
//! in Persian, Arabic and English, and who held which office when.
//!
//! One Aho-Corasick automaton over the folded spellings finds every mention in one pass; the
//! boundary rules below decide which mentions are words of their own.

use std::fmt::Write as _;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;

use super::ResourceError;
use super::fold::fold;
use crate::model::Language;
use crate::text::chars::{ZWNJ, is_word_char};
use crate::text::{ByteOffset, ByteSpan};

/// Letters that attach to the front of a word without being part of the name: Arabic
/// conjunctions, prepositions and the article, alone and combined.
const PREFIXES: &[&str] = &[
    "و", "ف", "ب", "ل", "ک", "ال", "وال", "بال", "فال", "لل", "کال", "وب", "ول", "فب", "فل", "ولل",
    "وبال",
];

/// Suffixes a demonym takes directly in Persian ("آمریکایی‌اش" written without the joiner).
const DEMONYM_SUFFIXES: &[&str] = &["اش", "ش", "مان", "تان", "شان"];

/// The label of gazetteer rows that name a people or country adjective. They resolve titles
/// ("همتای آمریکایی") and are never saved as entities.
pub const DEMONYM: &str = "DEMONYM";

/// One named thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// Entity label: PERSON, ORG, LOC, TREATY, EVENT, or [`DEMONYM`].
    pub label: String,
    /// Canonical English name.
    pub canonical: String,
    /// Wikidata id, when known for certain.
    pub kb_id: Option<String>,
    /// ISO 3166 alpha-2 country.
    pub country: Option<String>,
    /// Role: a person's office, or `country`/`city`/`capital`, or `agency`/`media`/`org`.
    pub role: Option<String>,
    /// Persian spellings. A leading `~` marks a spelling too ambiguous to trust alone.
    pub fa: Vec<String>,
    /// Arabic spellings, same convention.
    pub ar: Vec<String>,
    /// English spellings, same convention.
    pub en: Vec<String>,
}

/// Who held an office from when to when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// Office key, e.g. `foreign_minister`, `president`.
    pub office: String,
    /// ISO country of the office.
    pub country: String,
    /// First day in office.
    pub from: NaiveDate,
    /// Last day in office, `None` when still in office.
    pub to: Option<NaiveDate>,
    /// Canonical name of the holder (a gazetteer entry).
    pub holder: String,
}

/// A gazetteer mention found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// Bytes of the text it covers (attached prefixes and joiner suffixes left out).
    pub span: ByteSpan,
    /// Index of the entry.
    pub entry: usize,
}

/// The gazetteer and its automaton.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    offices: Vec<Office>,
    automaton: AhoCorasick,
    /// For each distinct folded spelling: every (entry index, ambiguous, language of the
    /// list it came from; `None` for English, which any text may quote).
    patterns: Vec<Vec<(usize, bool, Option<Language>)>>,
    /// The folded spellings, in pattern order (for [`super::lexicon::Lexicon`]).
    pats: Vec<String>,
    /// Tells a lexicon built from this gazetteer from one built from another.
    stamp: u64,
}

/// Spellings of one alias that texts use: with the joiner, without it, and with a space.
fn variants(alias: &str) -> Vec<String> {
    let mut v = vec![alias.to_owned()];
    if alias.contains(ZWNJ) {
        v.push(alias.replace(ZWNJ, ""));
        v.push(alias.replace(ZWNJ, " "));
    }
    v
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

impl Gazetteer {
    /// A gazetteer from entries and offices; builds the automaton.
    ///
    /// # Errors
    /// When the automaton cannot be built (too many patterns).
    pub fn new(entries: Vec<GazetteerEntry>, offices: Vec<Office>) -> Result<Self, ResourceError> {
        let mut pats: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<(usize, bool, Option<Language>)>> = Vec::new();
        let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let lists = [
                (&e.fa, Some(Language::Fa)),
                (&e.ar, Some(Language::Ar)),
                (&e.en, None),
            ];
            for (alias, lang) in lists
                .into_iter()
                .flat_map(|(l, lang)| l.iter().map(move |a| (a, lang)))
            {
                let (ambiguous, a) = match alias.strip_prefix('~') {
                    Some(rest) => (true, rest),
                    None => (false, alias.as_str()),
                };
                for v in variants(a) {
                    let f = fold(&v);
                    if f.trim().is_empty() {
                        continue;
                    }
                    // One pattern per folded spelling, so that a spelling two entries or two
                    // languages share is never hidden behind the other.
                    let id = *ids.entry(f.clone()).or_insert_with(|| {
                        pats.push(f);
                        patterns.push(Vec::new());
                        patterns.len() - 1
                    });
                    if let Some(list) = patterns.get_mut(id) {
                        list.push((i, ambiguous, lang));
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // A contiguous NFA rather than a DFA: as fast on a warm cache, and a twentieth of
            // the memory (160 KB against 3-4 MB), so it stays in cache between documents
            // while the other matchers run.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&pats)
            .map_err(|e| ResourceError::Automaton(e.to_string()))?;
        Ok(Self {
            entries,
            offices,
            automaton,
            patterns,
            pats,
            stamp: super::lexicon::next_stamp(),
        })
    }

    /// Reads the TSV format written by [`Gazetteer::to_tsv`]; `name` is used in errors.
    ///
    /// # Errors
    /// A row with the wrong number of columns, naming the file and line.
    pub fn parse_entries(tsv: &str, name: &str) -> Result<Vec<GazetteerEntry>, ResourceError> {
        let mut out = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [label, canonical, kb, country, role, fa, ar, en] = cols.as_slice() else {
                return Err(ResourceError::Format {
                    file: name.to_owned(),
                    line: n + 1,
                    problem: format!("expected 8 tab-separated columns, found {}", cols.len()),
                });
            };
            out.push(GazetteerEntry {
                label: label.trim().to_owned(),
                canonical: canonical.trim().to_owned(),
                kb_id: opt(kb),
                country: opt(country),
                role: opt(role),
                fa: split_list(fa),
                ar: split_list(ar),
                en: split_list(en),
            });
        }
        Ok(out)
    }

    /// Reads the office table (`office country from to holder`, dates ISO, empty `to` = now).
    ///
    /// # Errors
    /// A malformed row, naming the file and line.
    pub fn parse_offices(tsv: &str, name: &str) -> Result<Vec<Office>, ResourceError> {
        let mut out = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |problem: String| ResourceError::Format {
                file: name.to_owned(),
                line: n + 1,
                problem,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let [office, country, from, to, holder] = cols.as_slice() else {
                return Err(bad(format!("expected 5 columns, found {}", cols.len())));
            };
            let date = |s: &str| {
                NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                    .map_err(|e| bad(format!("bad date {s:?}: {e}")))
            };
            out.push(Office {
                office: office.trim().to_owned(),
                country: country.trim().to_owned(),
                from: date(from)?,
                to: if to.trim().is_empty() {
                    None
                } else {
                    Some(date(to)?)
                },
                holder: holder.trim().to_owned(),
            });
        }
        Ok(out)
    }

    /// The entries, in file order.
    #[must_use]
    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// One entry by index.
    #[must_use]
    pub fn entry(&self, i: usize) -> Option<&GazetteerEntry> {
        self.entries.get(i)
    }

    /// The entry with this canonical name.
    #[must_use]
    pub fn by_canonical(&self, canonical: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.canonical == canonical && e.label != DEMONYM)
    }

    /// Adds a spelling to the entry with `canonical` name (creating the entry with `label`
    /// when there is none) and rebuilds the automaton. `lang` is `fa`, `ar` or anything else
    /// for English. This is how an analyst's correction becomes part of the gazetteer.
    ///
    /// # Errors
    /// When the automaton cannot be rebuilt.
    pub fn add_alias(
        &mut self,
        canonical: &str,
        label: &str,
        lang: &str,
        alias: &str,
    ) -> Result<(), ResourceError> {
        let idx = match self.by_canonical(canonical) {
            Some(i) => i,
            None => {
                self.entries.push(GazetteerEntry {
                    label: label.to_owned(),
                    canonical: canonical.to_owned(),
                    kb_id: None,
                    country: None,
                    role: None,
                    fa: Vec::new(),
                    ar: Vec::new(),
                    en: Vec::new(),
                });
                self.entries.len() - 1
            }
        };
        if let Some(e) = self.entries.get_mut(idx) {
            let list = match lang {
                "fa" => &mut e.fa,
                "ar" => &mut e.ar,
                _ => &mut e.en,
            };
            if !list.iter().any(|a| a == alias) {
                list.push(alias.to_owned());
            }
        }
        let rebuilt = Gazetteer::new(
            std::mem::take(&mut self.entries),
            std::mem::take(&mut self.offices),
        )?;
        *self = rebuilt;
        Ok(())
    }

    /// The entries as TSV, the format [`Gazetteer::parse_entries`] reads.
    #[must_use]
    pub fn to_tsv(&self) -> String {
        let mut s = String::from("# label\tcanonical\tkb_id\tcountry\trole\tfa\tar\ten\n");
        for e in &self.entries {
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                e.label,
                e.canonical,
                e.kb_id.as_deref().unwrap_or(""),
                e.country.as_deref().unwrap_or(""),
                e.role.as_deref().unwrap_or(""),
                e.fa.join("|"),
                e.ar.join("|"),
                e.en.join("|")
            );
        }
        s
    }

    /// Writes [`Gazetteer::to_tsv`] to `path`.
    ///
    /// # Errors
    /// The write error, naming the file.
    pub fn save(&self, path: &Path) -> Result<(), ResourceError> {
        std::fs::write(path, self.to_tsv()).map_err(|source| ResourceError::Io {
            file: path.display().to_string(),
            source,
        })
    }

    /// Every mention in `folded` (the folded copy of a text in `lang`), longest first where they
    /// overlap, sorted, not overlapping. Ambiguous spellings count only when the same entry is
    /// also named unambiguously in the text.
    #[must_use]
    pub fn find(&self, folded: &str, lang: Language) -> Vec<GazMatch> {
        let mut cands: Vec<(usize, usize, usize, bool)> = Vec::new();
        // Leftmost-longest, one pass; a match that is not a word of its own is dropped and
        // the search goes on from its second char, so a shorter name inside can still match.
        let mut pos = 0;
        while pos < folded.len() {
            let input = aho_corasick::Input::new(folded).span(pos..folded.len());
            let Some(m) = self.automaton.find(input) else {
                break;
            };
            pos = self.take(
                folded,
                lang,
                (m.start(), m.end()),
                m.pattern().as_usize(),
                &mut cands,
            );
        }
        self.confirm(cands)
    }

    /// [`Gazetteer::find`] read from the occurrences of this gazetteer's spellings that one
    /// overlapping pass found (`occurrences` sorted by start, longest first): at each start
    /// only the longest spelling counts, as in a leftmost-longest search, with the same
    /// restarts.
    pub(crate) fn find_in(
        &self,
        folded: &str,
        lang: Language,
        occurrences: &[super::lexicon::Occurrence],
    ) -> Vec<GazMatch> {
        let mut cands: Vec<(usize, usize, usize, bool)> = Vec::new();
        let mut pos = 0;
        while let Some((_, o)) = super::lexicon::leftmost_longest(occurrences, pos) {
            pos = self.take(folded, lang, (o.start, o.end), o.pattern, &mut cands);
        }
        self.confirm(cands)
    }

    /// Judges the leftmost-longest match `span` of spelling `pattern`: a usable word of its
    /// own joins `cands`. Returns where the search goes on.
    fn take(
        &self,
        folded: &str,
        lang: Language,
        (start, end): (usize, usize),
        pattern: usize,
        cands: &mut Vec<(usize, usize, usize, bool)>,
    ) -> usize {
        let usable = self.patterns.get(pattern).and_then(|list| {
            // Folding makes some spellings of one language words of the other (Arabic
            // "روسية", Russian, folds to Persian "روسیه", Russia), so each list serves
            // its own language; text of unknown language uses every list.
            list.iter()
                .find(|(_, _, from)| from.is_none_or(|f| lang == Language::Other || f == lang))
        });
        let bounded = usable.is_some_and(|&(entry, _, _)| {
            let demonym = self.entries.get(entry).is_some_and(|e| e.label == DEMONYM);
            let suffixes = if demonym { DEMONYM_SUFFIXES } else { &[] };
            word_bounded(folded, start, end, suffixes)
        });
        match usable {
            Some(&(entry, ambiguous, _)) if bounded => {
                cands.push((start, end, entry, ambiguous));
                end
            }
            _ => {
                let step = folded
                    .get(start..)
                    .and_then(|t| t.chars().next())
                    .map_or(1, char::len_utf8);
                start + step
            }
        }
    }

    /// The candidates that stand: not overlapping an earlier one, and ambiguous ones only
    /// when their entry is also named unambiguously.
    fn confirm(&self, cands: Vec<(usize, usize, usize, bool)>) -> Vec<GazMatch> {
        // A document has a few dozen candidates and fewer ambiguous ones: looking through
        // the list for each ambiguous one is cheaper than building a hash set per document.
        let confirmed = |entry: usize| cands.iter().any(|c| !c.3 && c.2 == entry);
        let mut out: Vec<GazMatch> = Vec::with_capacity(cands.len());
        let mut last_end = 0;
        for &(s, e, entry, ambiguous) in &cands {
            if s < last_end || (ambiguous && !confirmed(entry)) {
                continue;
            }
            out.push(GazMatch {
                span: ByteSpan {
                    start: ByteOffset(s),
                    end: ByteOffset(e),
                },
                entry,
            });
            last_end = e;
        }
        out
    }

    /// The folded spellings, in pattern order.
    pub(crate) fn pattern_strings(&self) -> &[String] {
        &self.pats
    }

    /// This gazetteer's stamp: new with every build, kept by clones.
    pub(crate) fn stamp(&self) -> u64 {
        self.stamp
    }

    /// Who held `office` of `country`: one of the holders the document names when there is
    /// one (`named` holds canonical names), otherwise the holder on `date`.
    #[must_use]
    pub fn office_holder(
        &self,
        office: &str,
        country: &str,
        date: Option<NaiveDate>,
        named: &[&str],
    ) -> Option<&str> {
        let holders = self
            .offices
            .iter()
            .filter(|o| o.office == office && o.country == country);
        if let Some(d) = date {
            return holders
                .filter(|o| o.from <= d && o.to.is_none_or(|t| d <= t))
                .map(|o| o.holder.as_str())
                .next();
        }
        holders
            .map(|o| o.holder.as_str())
            .find(|h| named.contains(h))
    }

    /// The capital of a country, from the LOC entries whose role is `capital`.
    #[must_use]
    pub fn capital_of(&self, country: &str) -> Option<usize> {
        self.entries.iter().position(|e| {
            e.label == "LOC"
                && e.role.as_deref() == Some("capital")
                && e.country.as_deref() == Some(country)
        })
    }
}

/// True when `[start, end)` of `folded` is a word of its own, allowing attached clitic
/// prefixes before it, a joiner-separated suffix after it, and any of `suffixes` attached
/// directly.
pub(crate) fn word_bounded(folded: &str, start: usize, end: usize, suffixes: &[&str]) -> bool {
    if !starts_word(folded, start) {
        return false;
    }
    let Some(after) = folded.get(end..) else {
        return false;
    };
    match after.chars().next() {
        None => true,
        Some(c) if c == ZWNJ || !is_word_char(c) => true,
        Some(_) => {
            let tail: String = after
                .chars()
                .take_while(|&c| is_word_char(c) && c != ZWNJ)
                .collect();
            suffixes.contains(&tail.as_str())
        }
    }
}

/// True when a word starts at `start`, or only an attached clitic prefix precedes it.
pub(crate) fn starts_word(folded: &str, start: usize) -> bool {
    let Some(before) = folded.get(..start) else {
        return false;
    };
    let mut word_start = start;
    for (b, c) in before.char_indices().rev() {
        if is_word_char(c) && c != ZWNJ {
            word_start = b;
        } else {
            break;
        }
    }
    if word_start < start {
        let prefix = before.get(word_start..).unwrap_or("");
        return PREFIXES.contains(&prefix);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Result<Gazetteer, ResourceError> {
        let tsv = "PERSON\tJohn Kerry\t\tUS\t\tجان کری|~کری\tجون كيري|~كيري\tJohn Kerry\n\
                   LOC\tRussia\tQ159\tRU\tcountry\tروسیه\tروسيا\tRussia\n\
                   LOC\tUnited States\tQ30\tUS\tcountry\tآمریکا|ایالات متحده\tالولايات المتحدة|أمريكا\tUnited States\n\
                   DEMONYM\tUS\t\tUS\t\tآمریکایی\tالأمريكي\t\n\
                   ORG\tASEAN\t\t\torg\tآسه‌آن\tآسيان\tASEAN\n";
        Gazetteer::new(Gazetteer::parse_entries(tsv, "test")?, Vec::new())
    }

    fn texts(g: &Gazetteer, t: &str) -> Vec<String> {
        let lang = if t.chars().any(|c| "یکپچژگ".contains(c)) {
            Language::Fa
        } else {
            Language::Ar
        };
        g.find(&fold(t), lang)
            .iter()
            .map(|m| t.get(m.span.range()).unwrap_or("").to_owned())
            .collect()
    }

    #[test]
    fn prefixes_stay_out_and_joined_words_are_rejected() -> Result<(), ResourceError> {
        let g = gaz()?;
        assert_eq!(
            texts(&g, "أمريكا وروسيا والولايات المتحدة"),
            ["أمريكا", "روسيا", "الولايات المتحدة"]
        );
        assert_eq!(texts(&g, "مقام‌های روسیه‌ای و روسیهای"), ["روسیه"]);
        assert_eq!(texts(&g, "همتای آمریکاییاش"), ["آمریکایی"]);
        assert_eq!(
            texts(&g, "روسیه – آسهآن و آسه‌آن و آسه آن"),
            ["روسیه", "آسهآن", "آسه‌آن", "آسه آن"]
        );
        Ok(())
    }

    #[test]
    fn ambiguous_short_name_needs_the_full_name() -> Result<(), ResourceError> {
        let g = gaz()?;
        assert!(texts(&g, "کری در گوش او").is_empty());
        assert_eq!(texts(&g, "جان کری آمد. کری گفت"), ["جان کری", "کری"]);
        Ok(())
    }

    #[test]
    fn tsv_round_trip_and_add_alias() -> Result<(), ResourceError> {
        let mut g = gaz()?;
        let again = Gazetteer::parse_entries(&g.to_tsv(), "round")?;
        assert_eq!(again, g.entries());
        g.add_alias("John Kerry", "PERSON", "fa", "جان فوربز کری")?;
        assert_eq!(texts(&g, "جان فوربز کری"), ["جان فوربز کری"]);
        Ok(())
    }
}
