//! Dates as Persian and Arabic news write them: Jalali, Hijri and Gregorian month names,
//! numeric dates, Persian/Arabic-Indic/ASCII digits, weekdays and relative days.
//!
//! Calendar arithmetic is `icu_calendar`'s (Persian and Umm al-Qura Hijri); only the reading of
//! the words is ours, because no crate reads Persian or Arabic date phrases.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};
use regex::Regex;

use super::fold::fold;
use super::lexicon::Occurrence;
use crate::model::{Calendar, DateValue, Language, Origin};
use crate::text::chars::{digit_value, is_word_char};
use crate::text::{ByteOffset, ByteSpan};

/// Month names (folded spellings are derived at build time) with calendar and month number.
const MONTHS: &[(&str, Calendar, u8)] = &[
    ("فروردین", Calendar::Jalali, 1),
    ("اردیبهشت", Calendar::Jalali, 2),
    ("خرداد", Calendar::Jalali, 3),
    ("تیر", Calendar::Jalali, 4),
    ("مرداد", Calendar::Jalali, 5),
    ("امرداد", Calendar::Jalali, 5),
    ("شهریور", Calendar::Jalali, 6),
    ("مهر", Calendar::Jalali, 7),
    ("آبان", Calendar::Jalali, 8),
    ("آذر", Calendar::Jalali, 9),
    ("دی", Calendar::Jalali, 10),
    ("بهمن", Calendar::Jalali, 11),
    ("اسفند", Calendar::Jalali, 12),
    ("محرم", Calendar::Hijri, 1),
    ("صفر", Calendar::Hijri, 2),
    ("ربيع الأول", Calendar::Hijri, 3),
    ("ربیع‌الاول", Calendar::Hijri, 3),
    ("ربيع الآخر", Calendar::Hijri, 4),
    ("ربيع الثاني", Calendar::Hijri, 4),
    ("ربیع‌الثانی", Calendar::Hijri, 4),
    ("جمادى الأولى", Calendar::Hijri, 5),
    ("جمادی‌الاول", Calendar::Hijri, 5),
    ("جمادى الآخرة", Calendar::Hijri, 6),
    ("جمادى الثانية", Calendar::Hijri, 6),
    ("جمادی‌الثانی", Calendar::Hijri, 6),
    ("رجب", Calendar::Hijri, 7),
    ("شعبان", Calendar::Hijri, 8),
    ("رمضان", Calendar::Hijri, 9),
    ("شوال", Calendar::Hijri, 10),
    ("ذو القعدة", Calendar::Hijri, 11),
    ("ذي القعدة", Calendar::Hijri, 11),
    ("ذی‌القعده", Calendar::Hijri, 11),
    ("ذو الحجة", Calendar::Hijri, 12),
    ("ذي الحجة", Calendar::Hijri, 12),
    ("ذی‌الحجه", Calendar::Hijri, 12),
    ("ژانویه", Calendar::Gregorian, 1),
    ("فوریه", Calendar::Gregorian, 2),
    ("مارس", Calendar::Gregorian, 3),
    ("آوریل", Calendar::Gregorian, 4),
    ("مه", Calendar::Gregorian, 5),
    ("می", Calendar::Gregorian, 5),
    ("ژوئن", Calendar::Gregorian, 6),
    ("ژوئیه", Calendar::Gregorian, 7),
    ("جولای", Calendar::Gregorian, 7),
    ("اوت", Calendar::Gregorian, 8),
    ("اگوست", Calendar::Gregorian, 8),
    ("سپتامبر", Calendar::Gregorian, 9),
    ("اکتبر", Calendar::Gregorian, 10),
    ("نوامبر", Calendar::Gregorian, 11),
    ("دسامبر", Calendar::Gregorian, 12),
    ("يناير", Calendar::Gregorian, 1),
    ("فبراير", Calendar::Gregorian, 2),
    ("أبريل", Calendar::Gregorian, 4),
    ("مايو", Calendar::Gregorian, 5),
    ("يونيو", Calendar::Gregorian, 6),
    ("يوليو", Calendar::Gregorian, 7),
    ("أغسطس", Calendar::Gregorian, 8),
    ("سبتمبر", Calendar::Gregorian, 9),
    ("أكتوبر", Calendar::Gregorian, 10),
    ("نوفمبر", Calendar::Gregorian, 11),
    ("ديسمبر", Calendar::Gregorian, 12),
    ("كانون الثاني", Calendar::Gregorian, 1),
    ("شباط", Calendar::Gregorian, 2),
    ("آذار", Calendar::Gregorian, 3),
    ("نيسان", Calendar::Gregorian, 4),
    ("أيار", Calendar::Gregorian, 5),
    ("حزيران", Calendar::Gregorian, 6),
    ("تموز", Calendar::Gregorian, 7),
    ("آب", Calendar::Gregorian, 8),
    ("أيلول", Calendar::Gregorian, 9),
    ("تشرين الأول", Calendar::Gregorian, 10),
    ("تشرين الثاني", Calendar::Gregorian, 11),
    ("كانون الأول", Calendar::Gregorian, 12),
    ("january", Calendar::Gregorian, 1),
    ("february", Calendar::Gregorian, 2),
    ("march", Calendar::Gregorian, 3),
    ("april", Calendar::Gregorian, 4),
    ("may", Calendar::Gregorian, 5),
    ("june", Calendar::Gregorian, 6),
    ("july", Calendar::Gregorian, 7),
    ("august", Calendar::Gregorian, 8),
    ("september", Calendar::Gregorian, 9),
    ("october", Calendar::Gregorian, 10),
    ("november", Calendar::Gregorian, 11),
    ("december", Calendar::Gregorian, 12),
];

/// Weekday words; Persian ones with and without the joiner, Arabic with the article.
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("یکشنبه", Weekday::Sun),
    ("یک‌شنبه", Weekday::Sun),
    ("دوشنبه", Weekday::Mon),
    ("سه‌شنبه", Weekday::Tue),
    ("سهشنبه", Weekday::Tue),
    ("سه شنبه", Weekday::Tue),
    ("چهارشنبه", Weekday::Wed),
    ("پنجشنبه", Weekday::Thu),
    ("پنج‌شنبه", Weekday::Thu),
    ("جمعه", Weekday::Fri),
    ("شنبه", Weekday::Sat),
    ("الأحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الإثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الأربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعة", Weekday::Fri),
    ("السبت", Weekday::Sat),
];

/// Relative day words and their offset from the publication day.
const RELATIVE: &[(&str, i64)] = &[
    ("امروز", 0),
    ("دیروز", -1),
    ("پریروز", -2),
    ("روز گذشته", -1),
    ("فردا", 1),
    ("اليوم", 0),
    ("أمس", -1),
    ("الأمس", -1),
    ("البارحة", -1),
    ("غدا", 1),
];

/// What a date phrase in the text says.
#[derive(Debug, Clone, PartialEq)]
pub enum DateKind {
    /// A full day, possibly with a time of day.
    Full {
        /// The Gregorian day.
        date: NaiveDate,
        /// Hour and minute when stated.
        time: Option<(u32, u32)>,
        /// The calendar it was written in.
        calendar: Calendar,
    },
    /// Day and month without a year.
    DayMonth {
        /// Day of month.
        day: u8,
        /// Month number in `calendar`.
        month: u8,
        /// The calendar.
        calendar: Calendar,
    },
    /// A day relative to the publication day, with the weekday when named too.
    Relative {
        /// Days after the publication day (negative: before).
        offset: Option<i64>,
        /// The weekday named.
        weekday: Option<Weekday>,
    },
}

/// A date phrase found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    /// Where it is, in bytes of the text searched.
    pub span: ByteSpan,
    /// What it says.
    pub kind: DateKind,
    /// The phrase as written.
    pub original: String,
}

/// Converts a day of `calendar` to the Gregorian day, or `None` when it does not exist.
#[must_use]
pub fn to_gregorian(calendar: Calendar, year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let iso: Date<Iso> = match calendar {
        Calendar::Gregorian => return NaiveDate::from_ymd_opt(year, month.into(), day.into()),
        Calendar::Jalali => Date::try_new_persian(year, month, day)
            .ok()?
            .to_calendar(Iso),
        Calendar::Hijri => {
            Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura())
                .ok()?
                .to_calendar(Iso)
        }
    };
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        iso.month().ordinal.into(),
        iso.day_of_month().0.into(),
    )
}

/// The English name of a weekday, as saved in `Event::weekday`.
#[must_use]
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The latest day on or before `anchor` that falls on `w`.
#[must_use]
pub fn last_weekday_on_or_before(anchor: NaiveDate, w: Weekday) -> NaiveDate {
    let back = (anchor.weekday().num_days_from_monday() + 7 - w.num_days_from_monday()) % 7;
    anchor - Duration::days(i64::from(back))
}

/// Reads a run of digits of any script.
fn number(s: &str) -> Option<u32> {
    let mut n: u32 = 0;
    let mut any = false;
    for c in s.chars() {
        let d = digit_value(c)?;
        n = n.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    any.then_some(n)
}

/// The calendar a bare numeric year belongs to, given the document's language.
fn calendar_of_year(year: u32, lang: Language) -> Option<Calendar> {
    match year {
        1800..=2200 => Some(Calendar::Gregorian),
        1300..=1500 if lang == Language::Ar => Some(Calendar::Hijri),
        1300..=1500 => Some(Calendar::Jalali),
        _ => None,
    }
}

/// True when no word character stands right before byte `b`.
///
/// The patterns here use no `\b`: the regex crate's fast engines cannot use a Unicode word
/// boundary on Persian or Arabic text and fall back to a far slower one, so the boundaries
/// are checked by hand on each match.
fn clear_before(text: &str, b: usize) -> bool {
    text.get(..b)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !is_word_char(c))
}

/// True when no word character stands at byte `b`.
fn clear_after(text: &str, b: usize) -> bool {
    text.get(b..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !is_word_char(c))
}

fn alternation(words: impl Iterator<Item = String>) -> String {
    let mut v: Vec<String> = words.map(|w| regex::escape(&w)).collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v.dedup();
    v.join("|")
}

/// Finds date phrases. Built once (regexes compile slowly), used for every document.
#[derive(Debug, Clone)]
pub struct DateFinder {
    named: Regex,
    month_first: Regex,
    relative: Regex,
    /// `relative` anchored at the start of the text it is given.
    relative_here: Regex,
    /// `named` anchored at the start of the text it is given.
    named_here: Regex,
    /// `month_first` anchored at the start of the text it is given.
    month_first_here: Regex,
    /// Every month name, anywhere: a line without one next to a digit cannot hold a named
    /// date, and the two month-name regexes (the slowest here) are not run on it.
    month_names: AhoCorasick,
    months: Vec<(String, Calendar, u8)>,
    weekdays: Vec<(String, Weekday)>,
    relatives: Vec<(String, i64)>,
}

const D: &str = "[0-9۰-۹]";

impl DateFinder {
    /// Compiles the patterns.
    ///
    /// # Errors
    /// Only if a built-in pattern fails to compile, which the tests rule out.
    pub fn new() -> Result<Self, regex::Error> {
        let months: Vec<(String, Calendar, u8)> =
            MONTHS.iter().map(|(n, c, m)| (fold(n), *c, *m)).collect();
        let weekdays: Vec<(String, Weekday)> =
            WEEKDAYS.iter().map(|(n, w)| (fold(n), *w)).collect();
        let relatives: Vec<(String, i64)> = RELATIVE.iter().map(|(n, o)| (fold(n), *o)).collect();
        let m = alternation(months.iter().map(|x| x.0.clone()));
        let w = alternation(weekdays.iter().map(|x| x.0.clone()));
        let r = alternation(relatives.iter().map(|x| x.0.clone()));
        // Day, month name, optional "ماه", optional year with optional era marker.
        let named_pattern = format!(
            r"(?:(?:{w})\s*[،,]?\s*)?({D}{{1,2}})(?:ام|م)?\s*(?:ـ\s*)?({m})(?:\s*ماه)?(?:\s*[،,]?\s*(?:سال\s*|عام\s*|العام\s*)?({D}{{4}}))?"
        );
        let named = Regex::new(&named_pattern)?;
        let named_here = Regex::new(&format!("^(?:{named_pattern})"))?;
        let month_first_pattern = format!(r"({m})\s+({D}{{1,2}}),?\s+({D}{{4}})");
        let month_first = Regex::new(&month_first_pattern)?;
        let month_first_here = Regex::new(&format!("^(?:{month_first_pattern})"))?;
        let relative_pattern =
            format!(r"(?:({r})(?:\s+(?:روز\s+)?({w}))?)|(?:(?:روز|یوم)\s+({w}))|({w})");
        let relative = Regex::new(&relative_pattern)?;
        let relative_here = Regex::new(&format!("^(?:{relative_pattern})"))?;
        let month_names = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(months.iter().map(|x| x.0.as_str()))
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        Ok(Self {
            month_names,
            named,
            month_first,
            relative,
            relative_here,
            named_here,
            month_first_here,
            months,
            weekdays,
            relatives,
        })
    }

    fn month(&self, folded_name: &str) -> Option<(Calendar, u8)> {
        self.months
            .iter()
            .find(|(n, _, _)| n == folded_name)
            .map(|(_, c, m)| (*c, *m))
    }

    fn weekday(&self, folded_name: &str) -> Option<Weekday> {
        self.weekdays
            .iter()
            .find(|(n, _)| n == folded_name)
            .map(|(_, w)| *w)
    }

    /// True when a month name in `folded` could be part of a named date: a digit before it
    /// with only what `named` allows in between (the suffix "ام"/"م", spaces, a kashida), or a
    /// digit after it past spaces (`month_first`). Short names ("دی", "مه") hide in many words;
    /// this keeps the regexes off lines where they can only fail.
    fn month_next_to_digit(&self, folded: &str) -> bool {
        self.month_names
            .find_overlapping_iter(folded)
            .any(|m| month_beside_digit(folded, m.start(), m.end()))
    }

    /// Every absolute date phrase (full or day-month) in `folded` (the folded copy of
    /// `text`), in text order, without overlaps.
    ///
    /// Every such phrase has a digit, so only paragraphs with a digit are searched; a date
    /// never spans a line break.
    #[must_use]
    pub fn find_absolute(&self, text: &str, folded: &str, lang: Language) -> Vec<FoundDate> {
        self.find_absolute_with(text, folded, lang, None)
    }

    /// [`DateFinder::find_absolute`] told where the month names are and where a weekday may
    /// begin, which the document's lexicon pass found: `months`, every occurrence of a
    /// [`month_words`] string in `folded` (sorted by start), and `word_starts`, ascending,
    /// every place one of [`relative_start_words`] begins (every weekday among them).
    ///
    /// The month-name patterns are then tried only where one of their matches can begin,
    /// anchored there (each month-name pattern begins with a month name, a weekday or a
    /// digit), instead of being run over every line that has a month name beside a digit:
    /// those two searches were the most of finding dates. An anchored search finds at its
    /// place what the search over the line finds there, and the next place tried is past the
    /// match, as that search goes on, so both find the same dates.
    pub(crate) fn find_absolute_at(
        &self,
        text: &str,
        folded: &str,
        lang: Language,
        months: &[Occurrence],
        word_starts: &[usize],
    ) -> Vec<FoundDate> {
        self.find_absolute_with(text, folded, lang, Some((months, word_starts)))
    }

    fn find_absolute_with(
        &self,
        text: &str,
        folded: &str,
        lang: Language,
        hints: Option<(&[Occurrence], &[usize])>,
    ) -> Vec<FoundDate> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in folded.split_inclusive('\n') {
            let end = start + line.len();
            if has_digit(line)
                && let (Some(t), Some(f)) = (text.get(start..end), folded.get(start..end))
            {
                let search = match hints {
                    None => MonthSearch::Line,
                    Some((months, word_starts)) => {
                        let lo = months.partition_point(|o| o.start < start);
                        let hi = months.partition_point(|o| o.start < end);
                        let lo_w = word_starts.partition_point(|&w| w < start);
                        let hi_w = word_starts.partition_point(|&w| w < end);
                        MonthSearch::At {
                            months: months.get(lo..hi).unwrap_or(&[]),
                            word_starts: word_starts.get(lo_w..hi_w).unwrap_or(&[]),
                            base: start,
                        }
                    }
                };
                out.extend(
                    self.find_absolute_in(t, f, lang, &search)
                        .into_iter()
                        .map(|mut d| {
                            d.span.start.0 += start;
                            d.span.end.0 += start;
                            d
                        }),
                );
            }
            start = end;
        }
        out
    }

    /// The matches of `named` and of `month_first` in the line `folded`, each as its groups.
    fn month_matches(&self, folded: &str, search: &MonthSearch<'_>) -> (Vec<Groups>, Vec<Groups>) {
        match search {
            MonthSearch::Line => {
                // Both month-name patterns need a month name in the line; without one they
                // search nothing.
                if !self.month_next_to_digit(folded) {
                    return (Vec::new(), Vec::new());
                }
                let all = |re: &Regex| {
                    re.captures_iter(folded)
                        .map(|c| Groups::of(&c, 0))
                        .collect()
                };
                (all(&self.named), all(&self.month_first))
            }
            MonthSearch::At {
                months,
                word_starts,
                base,
            } => {
                let local =
                    |o: &Occurrence| (o.start.saturating_sub(*base), o.end.saturating_sub(*base));
                if !months
                    .iter()
                    .map(local)
                    .any(|(s, e)| month_beside_digit(folded, s, e))
                {
                    return (Vec::new(), Vec::new());
                }
                // `named` begins with a weekday or a digit and has a month name after that
                // place; `month_first` begins with a month name.
                let last_month = months.iter().map(|o| local(o).0).max().unwrap_or(0);
                let mut month_starts: Vec<usize> = months.iter().map(|o| local(o).0).collect();
                month_starts.sort_unstable();
                month_starts.dedup();
                // A digit where `named` can match has a month name a few chars on; the
                // others (most digits of a line: years, times, counts) are not tried.
                let mut named_starts: Vec<usize> = folded
                    .char_indices()
                    .filter(|&(_, c)| c.is_ascii_digit() || ('۰'..='۹').contains(&c))
                    .map(|(b, _)| b)
                    .filter(|&b| b < last_month && month_may_follow(folded, b, &month_starts))
                    .chain(
                        word_starts
                            .iter()
                            .map(|w| w.saturating_sub(*base))
                            .filter(|&b| b < last_month),
                    )
                    .collect();
                named_starts.sort_unstable();
                named_starts.dedup();
                (
                    anchored_matches(&self.named_here, folded, &named_starts),
                    anchored_matches(&self.month_first_here, folded, &month_starts),
                )
            }
        }
    }

    fn find_absolute_in(
        &self,
        text: &str,
        folded: &str,
        lang: Language,
        search: &MonthSearch<'_>,
    ) -> Vec<FoundDate> {
        let mut out: Vec<FoundDate> = Vec::new();
        let time_near = |end: usize| -> Option<(u32, u32)> {
            let tail = folded.get(end..)?;
            let window_end = tail.char_indices().nth(12).map_or(tail.len(), |(b, _)| b);
            self.time_in(tail.get(..window_end)?)
        };
        let (named, month_first) = self.month_matches(folded, search);
        let slice = |g: (usize, usize)| folded.get(g.0..g.1).unwrap_or("");
        for cap in named {
            let (Some(all), Some(d), Some(mn)) = (cap.get(0), cap.get(1), cap.get(2)) else {
                continue;
            };
            let month_end_ok = clear_after(folded, mn.1)
                || folded.get(mn.1..).is_some_and(|t| t.starts_with("ماه"));
            let year_ok = cap.get(3).is_none_or(|y| clear_after(folded, y.1));
            if !clear_before(folded, all.0)
                || !month_end_ok
                || !year_ok
                || !clear_after(folded, all.1)
            {
                continue;
            }
            let Some((calendar, month)) = self.month(slice(mn)) else {
                continue;
            };
            let Some(day) = number(slice(d)).and_then(|x| u8::try_from(x).ok()) else {
                continue;
            };
            if day == 0 || day > 31 {
                continue;
            }
            let kind = match cap.get(3).and_then(|y| number(slice(y))) {
                Some(year) => {
                    // A Persian text's "۱۴۰۳" after a Jalali month is Jalali, and so on: the
                    // month name decides the calendar, not the year's size.
                    let Ok(y) = i32::try_from(year) else { continue };
                    let Some(date) = to_gregorian(calendar, y, month, day) else {
                        continue;
                    };
                    DateKind::Full {
                        date,
                        time: time_near(all.1),
                        calendar,
                    }
                }
                None => DateKind::DayMonth {
                    day,
                    month,
                    calendar,
                },
            };
            push(&mut out, text, all.0, all.1, kind);
        }
        for cap in month_first {
            let (Some(all), Some(mn), Some(d), Some(y)) =
                (cap.get(0), cap.get(1), cap.get(2), cap.get(3))
            else {
                continue;
            };
            if !clear_before(folded, all.0) || !clear_after(folded, all.1) {
                continue;
            }
            let (Some((calendar, month)), Some(day), Some(year)) = (
                self.month(slice(mn)),
                number(slice(d)).and_then(|x| u8::try_from(x).ok()),
                number(slice(y)).and_then(|x| i32::try_from(x).ok()),
            ) else {
                continue;
            };
            if let Some(date) = to_gregorian(calendar, year, month, day) {
                let kind = DateKind::Full {
                    date,
                    time: time_near(all.1),
                    calendar,
                };
                push(&mut out, text, all.0, all.1, kind);
            }
        }
        // Numeric dates need a digit, a separator and a digit; most lines with a digit have
        // none, and the two regexes are skipped there.
        let numeric = has_numeric_separator(folded);
        let (year_first, year_last) = if numeric {
            year_beside_separator(folded)
        } else {
            (false, false)
        };
        for (pattern, ymd) in [(NUMERIC_YMD, true), (NUMERIC_DMY, false)] {
            if !numeric || !(if ymd { year_first } else { year_last }) {
                continue;
            }
            for (start, end) in find_digit_pattern(folded, pattern) {
                if !clear_before(folded, start) || !clear_after(folded, end) {
                    continue;
                }
                // The match is three runs of digits and two separators: its three groups are
                // its pieces between separators (a search for the groups is several times
                // slower than one for the match).
                let mut groups = folded
                    .get(start..end)
                    .unwrap_or("")
                    .split(['-', '/', '.'])
                    .map(number);
                let (Some(Some(a)), Some(Some(b)), Some(Some(c)), None) =
                    (groups.next(), groups.next(), groups.next(), groups.next())
                else {
                    continue;
                };
                let (y, m, d) = if ymd { (a, b, c) } else { (c, b, a) };
                let Some(calendar) = calendar_of_year(y, lang) else {
                    continue; // 0000-00-00 placeholders and the like
                };
                let (Ok(y), Ok(m), Ok(d)) = (i32::try_from(y), u8::try_from(m), u8::try_from(d))
                else {
                    continue;
                };
                let Some(date) = to_gregorian(calendar, y, m, d) else {
                    continue;
                };
                // The time may also stand before the date ("۱۵:۴۹ - ۱۸-۰۲-۱۳۹۹").
                let before = folded.get(..start).unwrap_or("");
                let head_start = before.char_indices().rev().nth(10).map_or(0, |(b, _)| b);
                let time = time_near(end).or_else(|| self.time_in(before.get(head_start..)?));
                let kind = DateKind::Full {
                    date,
                    time,
                    calendar,
                };
                let before_len = out.len();
                push(&mut out, text, start, end, kind);
                // Numeric dates are recorded as `YYYY-MM-DD` in ASCII digits in their own
                // calendar (`1399-02-18`), whatever order and digits the page used.
                if out.len() > before_len
                    && let Some(last) = out.last_mut()
                {
                    last.original = numeric_original(y, m, d);
                }
            }
        }
        out.sort_by_key(|f| f.span.start);
        out
    }

    /// The first time of day ("۱۵:۴۹") in `s`, when it is a valid one.
    fn time_in(&self, s: &str) -> Option<(u32, u32)> {
        // The match is digits, a colon, digits: its two groups are the sides of the colon.
        let (start, end) = find_digit_pattern(s, TIME).next()?;
        let (h, mi) = s.get(start..end)?.split_once(':')?;
        let (h, mi) = (number(h)?, number(mi)?);
        (h < 24 && mi < 60).then_some((h, mi))
    }

    /// Relative days and weekdays ("دیروز", "روز جمعه", "اليوم الخميس") in text order.
    #[must_use]
    pub fn find_relative(&self, text: &str, folded: &str) -> Vec<FoundDate> {
        let mut out = Vec::new();
        for cap in self.relative.captures_iter(folded) {
            self.take_relative(text, folded, &Groups::of(&cap, 0), &mut out);
        }
        out
    }

    /// [`DateFinder::find_relative`] searching only at `starts` (ascending): the places where
    /// one of [`relative_start_words`] begins, which every match does. The search there is
    /// anchored, so it finds what the search of the whole text finds at that place, and goes
    /// on after each match as that search does.
    pub(crate) fn find_relative_at(
        &self,
        text: &str,
        folded: &str,
        starts: &[usize],
    ) -> Vec<FoundDate> {
        let mut out = Vec::new();
        let mut pos = 0;
        // One set of group slots, refilled at every place (see `anchored_matches`).
        let mut locs = self.relative_here.capture_locations();
        for &start in starts {
            if start < pos {
                continue;
            }
            if folded
                .get(start..)
                .and_then(|t| self.relative_here.captures_read(&mut locs, t))
                .is_none()
            {
                continue;
            }
            let groups = Groups::read(&locs, start);
            pos = start + groups.get(0).map_or(0, |m| m.1 - start).max(1);
            self.take_relative(text, folded, &groups, &mut out);
        }
        out
    }

    /// Reads one match of `relative` in `folded`, its groups `cap`, into `out`.
    fn take_relative(&self, text: &str, folded: &str, cap: &Groups, out: &mut Vec<FoundDate>) {
        let group = |i: usize| cap.get(i).and_then(|(s, e)| folded.get(s..e));
        let Some((start, end)) = cap.get(0) else {
            return;
        };
        if !clear_before(folded, start) || !clear_after(folded, end) {
            return;
        }
        // "روسيا اليوم" is the channel RT, not "today".
        if folded
            .get(..start)
            .is_some_and(|b| b.ends_with(RT_LEAD.as_str()))
        {
            return;
        }
        let offset =
            group(1).and_then(|r| self.relatives.iter().find(|(n, _)| n == r).map(|(_, o)| *o));
        let weekday = [group(2), group(3), group(4)]
            .into_iter()
            .flatten()
            .find_map(|w| self.weekday(w));
        if offset.is_none() && weekday.is_none() {
            return;
        }
        push(
            out,
            text,
            start,
            end,
            DateKind::Relative { offset, weekday },
        );
    }
}

/// The folded words before "اليوم" that make it the channel RT.
static RT_LEAD: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| fold("روسيا "));

/// Every month name, folded, in the order of the `months` table: [`DateFinder::find_absolute_at`]
/// is told where these occur.
pub(crate) fn month_words() -> Vec<String> {
    MONTHS.iter().map(|(n, _, _)| fold(n)).collect()
}

/// Where a line's month-name patterns are searched.
enum MonthSearch<'o> {
    /// Over the whole line, when it has a month name beside a digit.
    Line,
    /// Only where a match can begin, given the line's month names and weekday-word starts
    /// (offsets in the document, whose line starts at `base`).
    At {
        months: &'o [Occurrence],
        word_starts: &'o [usize],
        base: usize,
    },
}

/// The byte ranges of a match's groups (group 0 the whole match), in the line searched.
struct Groups([Option<(usize, usize)>; 5]);

impl Groups {
    /// The groups of `cap`, a match in the text from byte `base` of the line on.
    fn of(cap: &regex::Captures<'_>, base: usize) -> Self {
        let mut g = [None; 5];
        for (i, slot) in g.iter_mut().enumerate() {
            *slot = cap.get(i).map(|m| (base + m.start(), base + m.end()));
        }
        Self(g)
    }

    /// The groups `captures_read` left in `locs`, a match in the text from byte `base` on.
    fn read(locs: &regex::CaptureLocations, base: usize) -> Self {
        let mut g = [None; 5];
        for (i, slot) in g.iter_mut().enumerate() {
            *slot = locs.get(i).map(|(s, e)| (base + s, base + e));
        }
        Self(g)
    }

    fn get(&self, i: usize) -> Option<(usize, usize)> {
        self.0.get(i).copied().flatten()
    }
}

/// The matches of `here` (a pattern anchored at the start of its text) in `line` at
/// `starts` (ascending), each place tried only past the previous match, as a search over
/// the whole line goes on.
///
/// One set of group slots is filled at every place (`captures_read`), where `captures`
/// allocated a new one per place tried.
fn anchored_matches(here: &Regex, line: &str, starts: &[usize]) -> Vec<Groups> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut locs = here.capture_locations();
    for &start in starts {
        if start < pos {
            continue;
        }
        if line
            .get(start..)
            .and_then(|t| here.captures_read(&mut locs, t))
            .is_none()
        {
            continue;
        }
        let g = Groups::read(&locs, start);
        // Every match holds a digit, so it is never empty and the search goes on at its end.
        pos = g.get(0).map_or(start + 1, |all| all.1.max(start + 1));
        out.push(g);
    }
    out
}

/// False when `named` cannot match at the digit at byte `at` of `folded`, given
/// `month_starts` (ascending), every place a month name begins: from a digit, the pattern
/// reads one or two digits, "ام" or "م" or neither, spaces, a kashida and spaces or neither,
/// and then a month name, and no month name begins with a space or a kashida, so the
/// spaces are read to their end.
fn month_may_follow(folded: &str, at: usize, month_starts: &[usize]) -> bool {
    let is_month = |b: usize| month_starts.binary_search(&b).is_ok();
    let past_spaces = |b: usize| {
        folded.get(b..).map_or(b, |t| {
            b + (t.len() - t.trim_start_matches(char::is_whitespace).len())
        })
    };
    let mut digit_ends = [None; 2];
    let mut end = at;
    for (slot, c) in digit_ends
        .iter_mut()
        .zip(folded.get(at..).unwrap_or("").chars())
    {
        if !(c.is_ascii_digit() || ('۰'..='۹').contains(&c)) {
            break;
        }
        end += c.len_utf8();
        *slot = Some(end);
    }
    digit_ends.into_iter().flatten().any(|e| {
        ["", "ام", "م"].into_iter().any(|suffix| {
            if !folded.get(e..).is_some_and(|t| t.starts_with(suffix)) {
                return false;
            }
            let name = past_spaces(e + suffix.len());
            is_month(name)
                || (folded.get(name..).is_some_and(|t| t.starts_with('ـ'))
                    && is_month(past_spaces(name + 'ـ'.len_utf8())))
        })
    })
}

/// True when the month name at `start..end` of `folded` stands beside a digit as a named
/// date needs: a digit before it with only what `named` allows in between (the suffix
/// "ام"/"م", spaces, a kashida), or a digit after it past spaces (`month_first`).
fn month_beside_digit(folded: &str, start: usize, end: usize) -> bool {
    let before = folded.get(..start).unwrap_or("");
    let digit_before = before
        .chars()
        .rev()
        .find(|&c| !(c.is_whitespace() || matches!(c, 'ا' | 'م' | 'ـ')))
        .is_some_and(crate::text::chars::is_any_digit);
    let digit_after = folded
        .get(end..)
        .and_then(|t| t.chars().find(|c| !c.is_whitespace()))
        .is_some_and(crate::text::chars::is_any_digit);
    digit_before || digit_after
}

/// Every word a relative-date phrase can begin with, folded: relative days, weekdays, and
/// the "روز"/"یوم" of "روز جمعه".
pub(crate) fn relative_start_words() -> Vec<String> {
    RELATIVE
        .iter()
        .map(|(w, _)| fold(w))
        .chain(WEEKDAYS.iter().map(|(w, _)| fold(w)))
        .chain(["روز", "یوم"].map(fold))
        .collect()
}

/// `s.chars().any(is_any_digit)` on bytes: an ASCII digit byte, or the two bytes of an
/// Arabic-Indic (D9 A0-A9) or Persian (DB B0-B9) digit. Every line of every document is
/// checked, so the check reads bytes instead of decoding chars.
fn has_digit(s: &str) -> bool {
    // Read in blocks without a branch per byte (the compiler vectorizes each block), each
    // block one byte longer than the step so that a pair across blocks is seen.
    const STEP: usize = 64;
    let b = s.as_bytes();
    let digit_pair = |x: u8, y: u8| {
        (x == 0xD9) & (y.wrapping_sub(0xA0) < 10) | (x == 0xDB) & (y.wrapping_sub(0xB0) < 10)
    };
    let mut at = 0;
    while at < b.len() {
        let block = b.get(at..b.len().min(at + STEP + 1)).unwrap_or(&[]);
        let ascii = block.iter().fold(false, |acc, &x| acc | x.is_ascii_digit());
        let pairs = block
            .iter()
            .zip(block.iter().skip(1))
            .fold(false, |acc, (&x, &y)| acc | digit_pair(x, y));
        if ascii | pairs {
            return true;
        }
        at += STEP;
    }
    false
}

/// Whether four digits (of the numeric patterns' class) stand right before one of `-/.`
/// (as `numeric_ymd` needs) and right after one (as `numeric_dmy` needs). A pattern whose
/// condition fails cannot match and is not run.
fn year_beside_separator(s: &str) -> (bool, bool) {
    let is_d = |c: char| c.is_ascii_digit() || ('۰'..='۹').contains(&c);
    let (mut first, mut last) = (false, false);
    let mut run = 0;
    let mut after_separator = false;
    for c in s.chars() {
        if is_d(c) {
            run += 1;
            if run >= 4 && after_separator {
                last = true;
            }
        } else {
            let sep = matches!(c, '-' | '/' | '.');
            if sep && run >= 4 {
                first = true;
            }
            after_separator = sep;
            run = 0;
        }
    }
    (first, last)
}

/// True when `s` has a digit, one of `-/.` and a digit in a row, as every numeric date does.
///
/// Read at the separators, which are ASCII bytes, looking at the bytes on each side: every
/// line with a digit is checked, and decoding each char of it was most of the check's cost.
fn has_numeric_separator(s: &str) -> bool {
    let b = s.as_bytes();
    // The digit (ASCII, or two bytes: Arabic-Indic D9 A0-A9, Persian DB B0-B9) that ends
    // right before byte `end` or starts at byte `start`.
    let pair = |x: Option<&u8>, y: Option<&u8>| match (x, y) {
        (Some(0xD9), Some(y)) => (0xA0..=0xA9).contains(y),
        (Some(0xDB), Some(y)) => (0xB0..=0xB9).contains(y),
        _ => false,
    };
    let digit_before = |end: usize| {
        end.checked_sub(1)
            .and_then(|i| b.get(i))
            .is_some_and(u8::is_ascii_digit)
            || end
                .checked_sub(2)
                .is_some_and(|i| pair(b.get(i), b.get(i + 1)))
    };
    let digit_at = |start: usize| {
        b.get(start).is_some_and(u8::is_ascii_digit) || pair(b.get(start), b.get(start + 1))
    };
    b.iter()
        .enumerate()
        .filter(|&(_, &x)| matches!(x, b'-' | b'/' | b'.'))
        .any(|(i, _)| digit_before(i) && digit_at(i + 1))
}

/// [`has_numeric_separator`] char by char: the reference it is tested against.
#[cfg(test)]
fn has_numeric_separator_by_char(s: &str) -> bool {
    let mut chars = s.chars();
    let (mut a, mut b) = (chars.next(), chars.next());
    for c in chars {
        if let (Some(x), Some(y)) = (a, b)
            && crate::text::chars::is_any_digit(x)
            && matches!(y, '-' | '/' | '.')
            && crate::text::chars::is_any_digit(c)
        {
            return true;
        }
        (a, b) = (b, Some(c));
    }
    false
}

/// One piece of a numeric date or time pattern.
#[derive(Debug, Clone, Copy)]
enum Piece {
    /// `min..=max` chars of [`D`], as many as there are first.
    Digits(usize, usize),
    /// One of these chars.
    Sep(&'static [char]),
}

/// `({D}{4})[-/.]({D}{1,2})[-/.]({D}{1,2})`.
const NUMERIC_YMD: &[Piece] = &[
    Piece::Digits(4, 4),
    Piece::Sep(&['-', '/', '.']),
    Piece::Digits(1, 2),
    Piece::Sep(&['-', '/', '.']),
    Piece::Digits(1, 2),
];
/// `({D}{1,2})[-/.]({D}{1,2})[-/.]({D}{4})`.
const NUMERIC_DMY: &[Piece] = &[
    Piece::Digits(1, 2),
    Piece::Sep(&['-', '/', '.']),
    Piece::Digits(1, 2),
    Piece::Sep(&['-', '/', '.']),
    Piece::Digits(4, 4),
];
/// `({D}{1,2}):({D}{2})`.
const TIME: &[Piece] = &[Piece::Digits(1, 2), Piece::Sep(&[':']), Piece::Digits(2, 2)];

/// A char of [`D`]: an ASCII or a Persian digit.
fn is_d(c: char) -> bool {
    c.is_ascii_digit() || ('۰'..='۹').contains(&c)
}

/// The end of the match of `pieces` at byte `at` of `s` that a backtracking regex prefers
/// (a longer run of digits first), if any.
fn match_pieces(s: &str, at: usize, pieces: &[Piece]) -> Option<usize> {
    let Some((first, rest)) = pieces.split_first() else {
        return Some(at);
    };
    let tail = s.get(at..)?;
    match *first {
        Piece::Sep(seps) => {
            let c = tail.chars().next().filter(|c| seps.contains(c))?;
            match_pieces(s, at + c.len_utf8(), rest)
        }
        Piece::Digits(min, max) => {
            let mut ends = [0usize; 4];
            let mut n = 0;
            let mut end = at;
            for (slot, c) in ends.iter_mut().zip(tail.chars().take(max)) {
                if !is_d(c) {
                    break;
                }
                end += c.len_utf8();
                *slot = end;
                n += 1;
            }
            (min.max(1)..=n)
                .rev()
                .find_map(|k| match_pieces(s, *ends.get(k - 1)?, rest))
        }
    }
}

/// The byte ranges of the successive leftmost-first matches of `pieces` (a pattern that
/// begins with digits) in `s`, as the regex crate's `find_iter` gives them.
///
/// Hand-written for the three numeric patterns (dates, times): they are run on short
/// stretches (a metadata line, the few chars after each date), where the regex engine's
/// set-up for each search cost more than the search.
fn find_digit_pattern<'s>(
    s: &'s str,
    pieces: &'static [Piece],
) -> impl Iterator<Item = (usize, usize)> + 's {
    let mut pos = 0;
    std::iter::from_fn(move || {
        while let Some(c) = s.get(pos..).and_then(|t| t.chars().next()) {
            let at = pos;
            pos += c.len_utf8();
            if is_d(c)
                && let Some(end) = match_pieces(s, at, pieces)
            {
                pos = end.max(pos);
                return Some((at, end));
            }
        }
        None
    })
}

fn push(out: &mut Vec<FoundDate>, text: &str, start: usize, end: usize, kind: DateKind) {
    if out
        .iter()
        .any(|f| f.span.start.0 < end && start < f.span.end.0)
    {
        return;
    }
    let original = text.get(start..end).unwrap_or("").trim().to_owned();
    out.push(FoundDate {
        span: ByteSpan {
            start: ByteOffset(start),
            end: ByteOffset(end),
        },
        kind,
        original,
    });
}

/// The ISO form of a day with optional time.
#[must_use]
pub fn iso(date: NaiveDate, time: Option<(u32, u32)>) -> String {
    match time {
        Some((h, m)) if h < 100 && m < 100 => {
            let mut s = iso_day(date);
            s.push('T');
            push_two_digits(&mut s, h);
            s.push(':');
            push_two_digits(&mut s, m);
            s
        }
        Some((h, m)) => format!("{}T{h:02}:{m:02}", iso_day(date)),
        None => iso_day(date),
    }
}

/// `date.format("%Y-%m-%d")`, written digit by digit for the years it writes as four
/// digits: chrono parses the format string on every call, `format!` goes through the
/// formatting machinery, and every date found is written.
#[must_use]
pub fn iso_day(date: NaiveDate) -> String {
    let year = date.year();
    match u32::try_from(year) {
        Ok(y) if y <= 9999 => {
            let mut s = String::with_capacity(16);
            push_two_digits(&mut s, y / 100);
            push_two_digits(&mut s, y % 100);
            s.push('-');
            push_two_digits(&mut s, date.month());
            s.push('-');
            push_two_digits(&mut s, date.day());
            s
        }
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

/// `format!("{y:04}-{m:02}-{d:02}")`, written digit by digit when every part fits its width.
fn numeric_original(y: i32, m: u8, d: u8) -> String {
    match u32::try_from(y) {
        Ok(y) if y <= 9999 && m < 100 && d < 100 => {
            let mut s = String::with_capacity(10);
            push_two_digits(&mut s, y / 100);
            push_two_digits(&mut s, y % 100);
            s.push('-');
            push_two_digits(&mut s, u32::from(m));
            s.push('-');
            push_two_digits(&mut s, u32::from(d));
            s
        }
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// Writes `n` (below 100) as two ASCII digits.
fn push_two_digits(s: &mut String, n: u32) {
    for d in [n / 10 % 10, n % 10] {
        s.push(char::from_digit(d, 10).unwrap_or('0'));
    }
}

/// The publication date stated by a line such as "تاریخ انتشار: ۱۵:۴۹ - ۱۸-۰۲-۱۳۹۹".
#[must_use]
pub fn published_from_line(finder: &DateFinder, line: &str, lang: Language) -> Option<DateValue> {
    let folded = fold(line);
    let found = finder.find_absolute(line, &folded, lang);
    let first = found.into_iter().find_map(|f| match f.kind {
        DateKind::Full {
            date,
            time,
            calendar,
        } => Some((date, time, calendar, f.original)),
        _ => None,
    })?;
    let (date, time, calendar, original) = first;
    // Keep the time in `original` when the line states it, so the record shows what was read.
    let original = match time {
        Some((h, m)) if !original.contains(':') && h < 100 && m < 100 => {
            let mut s = original;
            s.push(' ');
            push_two_digits(&mut s, h);
            s.push(':');
            push_two_digits(&mut s, m);
            s
        }
        Some((h, m)) if !original.contains(':') => format!("{original} {h:02}:{m:02}"),
        _ => original,
    };
    Some(DateValue {
        value: iso(date, time),
        original: Some(original),
        calendar: Some(calendar),
        evidence: Vec::new(),
        origin: Origin::Auto,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn digit_patterns_match_as_the_regexes_do(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "1", "12", "۲", "۱۴۰۳", "2024", "٣", "-", "/", ".", ":", "x", "ب", " ", "\u{6f9}",
                ]),
                0..24,
            )
        ) {
            let t = parts.concat();
            for (pieces, pattern) in [
                (NUMERIC_YMD, format!(r"({D}{{4}})[-/.]({D}{{1,2}})[-/.]({D}{{1,2}})")),
                (NUMERIC_DMY, format!(r"({D}{{1,2}})[-/.]({D}{{1,2}})[-/.]({D}{{4}})")),
                (TIME, format!(r"({D}{{1,2}}):({D}{{2}})")),
            ] {
                let re = Regex::new(&pattern);
                proptest::prop_assert!(re.is_ok());
                let Ok(re) = re else { continue };
                let want: Vec<(usize, usize)> =
                    re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
                let got: Vec<(usize, usize)> = find_digit_pattern(&t, pieces).collect();
                proptest::prop_assert_eq!(got, want, "{}", t);
            }
        }
    }

    #[test]
    fn numeric_prefilter_sees_every_numeric_date_and_skips_plain_numbers() {
        assert!(has_numeric_separator("تاریخ ۱۳۹۹-۰۲-۱۸ ساعت"));
        assert!(has_numeric_separator("on 2024/3/1"));
        assert!(has_numeric_separator("۲.۵"));
        assert!(!has_numeric_separator("۱۲ مهر ۱۴۰۳ - ۱۸:۲۰"));
        assert!(!has_numeric_separator("5-"));
        assert!(!has_numeric_separator(""));
        let pieces = [
            "1", "۲", "٣", "-", "/", ".", "x", "ب", " ", "\u{6f9}", "\u{669}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", "9", "-", "ـ"] {
                        let t = format!("{d}{a}{b}{c}{d}");
                        assert_eq!(
                            has_numeric_separator(&t),
                            has_numeric_separator_by_char(&t),
                            "{t}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn digit_and_year_prefilters() {
        for (t, digit) in [
            ("abc", false),
            ("a1", true),
            ("٣", true),
            ("۹x", true),
            ("ـ", false),
        ] {
            assert_eq!(has_digit(t), digit, "{t}");
            assert_eq!(
                has_digit(t),
                t.chars().any(crate::text::chars::is_any_digit)
            );
        }
        for c in (0..0x800).filter_map(char::from_u32) {
            let t = format!("{}ا{c}ب", "x".repeat(60));
            assert_eq!(
                has_digit(&t),
                t.chars().any(crate::text::chars::is_any_digit),
                "{c:?}"
            );
        }
        assert_eq!(year_beside_separator("۱۰:۱۵ - ۱۱-۰۷-۱۴۰۳"), (false, true));
        assert_eq!(year_beside_separator("1399/02/18"), (true, false));
        assert_eq!(year_beside_separator("12345-1"), (true, false));
        assert_eq!(year_beside_separator("1-2-123"), (false, false));
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn numeric_original_writes_what_format_writes() {
        for y in [-1, 0, 7, 99, 1399, 2024, 9999, 10000] {
            for m in [0u8, 2, 12, 99, 100, 255] {
                for d in [0u8, 5, 31, 100] {
                    assert_eq!(numeric_original(y, m, d), format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
    }

    #[test]
    fn iso_day_writes_what_chrono_writes() {
        for (y, m, d) in [
            (2020, 5, 7),
            (621, 3, 22),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 9),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            assert_eq!(iso_day(date), date.format("%Y-%m-%d").to_string());
            for time in [(0, 0), (9, 5), (23, 59), (99, 99), (100, 7), (7, 123)] {
                assert_eq!(
                    iso(date, Some(time)),
                    format!("{}T{:02}:{:02}", iso_day(date), time.0, time.1)
                );
            }
        }
    }

    #[test]
    fn jalali_conversions() {
        assert_eq!(to_gregorian(Calendar::Jalali, 1399, 2, 18), ymd(2020, 5, 7));
        assert_eq!(
            to_gregorian(Calendar::Jalali, 1397, 3, 10),
            ymd(2018, 5, 31)
        );
        assert_eq!(
            to_gregorian(Calendar::Jalali, 1403, 11, 30),
            ymd(2025, 2, 18)
        );
        assert_eq!(
            to_gregorian(Calendar::Jalali, 1404, 9, 19),
            ymd(2025, 12, 10)
        );
        assert_eq!(to_gregorian(Calendar::Jalali, 1404, 4, 12), ymd(2025, 7, 3));
        assert_eq!(
            to_gregorian(Calendar::Jalali, 1396, 1, 24),
            ymd(2017, 4, 13)
        );
        assert_eq!(
            to_gregorian(Calendar::Jalali, 1395, 6, 22),
            ymd(2016, 9, 12)
        );
        assert_eq!(to_gregorian(Calendar::Jalali, 1399, 4, 16), ymd(2020, 7, 6));
        assert_eq!(
            to_gregorian(Calendar::Jalali, 1398, 2, 24),
            ymd(2019, 5, 14)
        );
        assert_eq!(to_gregorian(Calendar::Jalali, 1399, 13, 1), None);
    }

    #[test]
    fn hijri_conversions() {
        // 1 Ramadan 1445 = 11 March 2024 and 1 Shawwal 1444 = 21 April 2023 (Umm al-Qura).
        assert_eq!(to_gregorian(Calendar::Hijri, 1445, 9, 1), ymd(2024, 3, 11));
        assert_eq!(to_gregorian(Calendar::Hijri, 1444, 10, 1), ymd(2023, 4, 21));
        // 1 Muharram 1446 = 7 July 2024.
        assert_eq!(to_gregorian(Calendar::Hijri, 1446, 1, 1), ymd(2024, 7, 7));
        // Eid al-Fitr 1441 fell on 24 May 2020 in Saudi Arabia, so 5 Shawwal was 28 May.
        assert_eq!(to_gregorian(Calendar::Hijri, 1441, 10, 5), ymd(2020, 5, 28));
    }

    #[test]
    fn finds_named_and_numeric_dates() -> Result<(), regex::Error> {
        let f = DateFinder::new()?;
        let t = "سه‌شنبه ۳۰ بهمن ۱۴۰۳ در ریاض و ۱۲ تیرماه و ١٥ رمضان ١٤٤٥ هـ و 7 May 2020";
        let found = f.find_absolute(t, &fold(t), Language::Fa);
        let kinds: Vec<_> = found.iter().map(|x| x.kind.clone()).collect();
        assert_eq!(
            kinds[0],
            DateKind::Full {
                date: NaiveDate::from_ymd_opt(2025, 2, 18).unwrap_or_default(),
                time: None,
                calendar: Calendar::Jalali
            }
        );
        assert_eq!(
            kinds[1],
            DateKind::DayMonth {
                day: 12,
                month: 4,
                calendar: Calendar::Jalali
            }
        );
        assert!(
            matches!(kinds[2], DateKind::Full { calendar: Calendar::Hijri, date, .. } if date == NaiveDate::from_ymd_opt(2024, 3, 25).unwrap_or_default())
        );
        assert!(
            matches!(kinds[3], DateKind::Full { calendar: Calendar::Gregorian, date, .. } if date == NaiveDate::from_ymd_opt(2020, 5, 7).unwrap_or_default())
        );
        assert_eq!(found[0].original, "سه‌شنبه ۳۰ بهمن ۱۴۰۳");
        Ok(())
    }

    #[test]
    fn published_line_and_placeholders() -> Result<(), regex::Error> {
        let f = DateFinder::new()?;
        let v = published_from_line(&f, "تاریخ انتشار: ۱۵:۴۹ - ۱۸-۰۲-۱۳۹۹", Language::Fa);
        let v = v.map(|v| (v.value, v.original, v.calendar));
        assert_eq!(
            v,
            Some((
                "2020-05-07T15:49".to_owned(),
                Some("1399-02-18 15:49".to_owned()),
                Some(Calendar::Jalali)
            ))
        );
        assert_eq!(
            published_from_line(&f, "تاریخ: 0000-00-00", Language::Fa),
            None
        );
        let v = published_from_line(&f, "نشر في 15 كانون الثاني 2021", Language::Ar);
        assert_eq!(v.map(|v| v.value), Some("2021-01-15".to_owned()));
        Ok(())
    }

    #[test]
    fn relative_days_skip_the_channel_name() -> Result<(), regex::Error> {
        let f = DateFinder::new()?;
        let t = "أجرى اليوم الخميس اتصالا، بحسب روسيا اليوم";
        let r = f.find_relative(t, &fold(t));
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].kind,
            DateKind::Relative {
                offset: Some(0),
                weekday: Some(Weekday::Thu)
            }
        );
        let t = "لاوروف روز جمعه گفت";
        let r = f.find_relative(t, &fold(t));
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].original, "روز جمعه");
        let anchor = NaiveDate::from_ymd_opt(2020, 5, 7).unwrap_or_default(); // a Thursday
        assert_eq!(
            last_weekday_on_or_before(anchor, Weekday::Fri),
            NaiveDate::from_ymd_opt(2020, 5, 1).unwrap_or_default()
        );
        Ok(())
    }
}
