//! Property tests of cleaning: idempotence, the render invariant, the alignment's shape and
//! meaning, the removed pieces' shape, and restoring removals through `with_removed`.

use khabar::clean::normalize::{is_line_break, is_space, output_char};
use khabar::clean::{Aligner, SiteRules, clean, render, with_removed};
use khabar::model::{
    Document, Entity, Fields, Language, Metadata, Normalization, Origin, Source, SourceFormat,
    Status,
};
use khabar::text::CharSpan;
use khabar::text::chars::ZWNJ;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "وزیر",
    "خارجه",
    "روسیه",
    "گفت",
    "که",
    "این",
    "دیدار",
    "در",
    "مسکو",
    "برگزار",
    "شد",
    "است",
    "را",
    "با",
    "از",
    "تماسهای",
    "میشود",
    "بیانیهای",
    "گفتوگو",
    "كشور",
    "يك",
    "همکاري",
    "تنها",
    "میز",
    "میلیون",
    "في",
    "من",
    "على",
    "الوزير",
    "الروسي",
    "أن",
    "التي",
    "اتصال",
    "هاتفي",
    "كورونا",
    "۱۴۰۳",
    "2024",
    "لاوروف",
    "بلينكن",
    "می‌شود",
    "نمیتوان",
    "مهمترین",
];

const BOILERPLATE: &[&str] = &[
    "کد خبر ۱۲۳۴۵۶",
    "ارسال به دوستان",
    "برچسب ها: روسیه ، آمریکا",
    "۱۹ آذر ۱۴۰۴",
    "به روز شده در: ۱۹ آذر ۱۴۰۴ - ۲۱:۳۵",
    "تاریخ انتشار: ۱۵:۴۹ - ۱۸-۰۲-۱۳۹۹",
    "جميع الحقوق محفوظة لموقع الأخبار",
    "شارك",
    "طباعة",
    "ارسال دیدگاه",
    "الكلمات الدالة: روسيا، أمريكا",
    "بلیط هواپیما ارزان",
];

#[derive(Debug, Clone)]
enum LineSpec {
    Sentence(Vec<usize>, bool),
    Boilerplate(usize),
    Blank,
    Repeat(usize),
}

fn line_spec() -> impl Strategy<Value = LineSpec> {
    prop_oneof![
        4 => (prop::collection::vec(0..WORDS.len(), 1..14), any::<bool>())
            .prop_map(|(w, stop)| LineSpec::Sentence(w, stop)),
        2 => (0..BOILERPLATE.len()).prop_map(LineSpec::Boilerplate),
        2 => Just(LineSpec::Blank),
        2 => (0usize..20).prop_map(LineSpec::Repeat),
    ]
}

/// A raw article: lines of words, boilerplate, blanks and repeats, with CRLF, tabs, NBSP and
/// bidi marks sprinkled in.
fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line_spec(), 0..24),
        prop::collection::vec(0u8..8, 24),
    )
        .prop_map(|(specs, noise)| {
            let mut lines: Vec<String> = Vec::new();
            for (i, spec) in specs.iter().enumerate() {
                let n = noise.get(i).copied().unwrap_or(0);
                let line = match spec {
                    LineSpec::Sentence(w, stop) => {
                        let sep = match n {
                            1 => "\u{00A0}",
                            2 => " \t ",
                            3 => " \u{200F}",
                            _ => " ",
                        };
                        let mut s = w.iter().map(|&k| WORDS[k]).collect::<Vec<_>>().join(sep);
                        if *stop {
                            s.push('.');
                        }
                        s
                    }
                    LineSpec::Boilerplate(k) => BOILERPLATE[*k].to_owned(),
                    LineSpec::Blank => {
                        if n % 2 == 0 {
                            String::new()
                        } else {
                            " \t".into()
                        }
                    }
                    LineSpec::Repeat(k) => lines
                        .iter()
                        .rev()
                        .filter(|l| !l.trim().is_empty())
                        .nth(*k % 4)
                        .cloned()
                        .unwrap_or_default(),
                };
                lines.push(line);
            }
            let mut out = String::new();
            for (i, l) in lines.iter().enumerate() {
                out.push_str(l);
                out.push_str(match noise.get(i).copied().unwrap_or(0) {
                    5 => "\r\n",
                    6 => "\r",
                    _ => "\n",
                });
            }
            out
        })
}

fn lang() -> impl Strategy<Value = Language> {
    prop_oneof![Just(Language::Fa), Just(Language::Ar)]
}

fn norm() -> impl Strategy<Value = Normalization> {
    any::<bool>().prop_map(|restore_zwnj| Normalization {
        persian_letters: true,
        restore_zwnj,
    })
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Clean spans that start and end on word boundaries.
fn word_spans(text: &str) -> Vec<CharSpan> {
    let c = chars(text);
    let starts: Vec<usize> = (0..c.len())
        .filter(|&i| c[i] != ' ' && c[i] != '\n' && (i == 0 || c[i - 1] == ' ' || c[i - 1] == '\n'))
        .collect();
    let ends: Vec<usize> = (1..=c.len())
        .filter(|&i| {
            c[i - 1] != ' ' && c[i - 1] != '\n' && (i == c.len() || c[i] == ' ' || c[i] == '\n')
        })
        .collect();
    let mut spans = Vec::new();
    for (k, &s) in starts.iter().enumerate().step_by(3) {
        if let Some(&e) = ends.iter().filter(|&&e| e > s).nth(k % 4) {
            spans.push(CharSpan::new(s, e));
        }
    }
    spans
}

/// Nothing is removed from this page, but rendering folds the blanks of its third line, which
/// makes it short enough for a site rule (`فیلم بیشتر`, at most 30 chars): the rule must act in
/// the same cleaning, not in the next one.
#[test]
fn a_line_short_enough_for_a_rule_once_rendered_goes_in_one_cleaning() {
    let raw = "وزیر امور خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد.\n\
               دو طرف همچنین درباره اوضاع منطقه و برنامه‌های آینده با یکدیگر گفت‌وگو کردند.\n\
               فیلم     بیشتر     از     دیدار     ها\n\
               این نشست به درخواست طرف مقابل برگزار شد و حدود دو ساعت به طول انجامید.\n";
    let (rules, norm) = (SiteRules::bundled(), Normalization::default());
    let once = clean(raw, Language::Fa, &rules, &norm);
    assert!(!once.text.contains("فیلم"), "{}", once.text);
    let twice = clean(&once.text, Language::Fa, &rules, &norm);
    assert!(twice.removed.is_empty(), "{:?}", twice.removed);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cleaning_is_idempotent(raw in article(), lang in lang(), norm in norm()) {
        let rules = SiteRules::bundled();
        let once = clean(&raw, lang, &rules, &norm);
        let twice = clean(&once.text, lang, &rules, &norm);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert!(twice.removed.is_empty(), "second clean removed {:?}", twice.removed);
    }

    #[test]
    fn render_reproduces_clean(raw in article(), lang in lang(), norm in norm()) {
        let c = clean(&raw, lang, &SiteRules::bundled(), &norm);
        let (text, alignment) = render(&raw, &c.removed, lang, &norm);
        prop_assert_eq!(text, c.text);
        prop_assert_eq!(alignment, c.alignment);
    }

    #[test]
    fn removed_and_alignment_are_well_formed(raw in article(), lang in lang(), norm in norm()) {
        let c = clean(&raw, lang, &SiteRules::bundled(), &norm);
        let raw_len = raw.chars().count();
        for w in c.removed.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "overlap or disorder: {:?}", w);
        }
        for r in &c.removed {
            prop_assert!(r.start < r.end && r.end <= raw_len);
        }
        let mut clean_at = 0;
        let mut raw_at = 0;
        for s in &c.alignment.0 {
            prop_assert_eq!(s[0], clean_at, "segments cover the text in order");
            prop_assert!(s[1] >= raw_at, "raw side in order");
            prop_assert!(s[2] >= 1);
            prop_assert!(s[1] + s[3] <= raw_len);
            for r in &c.removed {
                prop_assert!(s[1] + s[3] <= r.start || s[1] >= r.end, "segment {:?} maps removed {:?}", s, r);
            }
            clean_at += s[2];
            raw_at = s[1] + s[3];
        }
        prop_assert_eq!(clean_at, c.text.chars().count());
        // Every segment means what it says.
        let rc = chars(&raw);
        let cc = chars(&c.text);
        for s in &c.alignment.0 {
            if s[2] == s[3] {
                for k in 0..s[2] {
                    let r = rc[s[1] + k];
                    let expected = if is_space(r) {
                        ' '
                    } else if is_line_break(r) {
                        '\n'
                    } else {
                        output_char(r, lang, &norm)
                    };
                    prop_assert_eq!(cc[s[0] + k], expected);
                }
            } else if s[3] == 0 {
                prop_assert_eq!(cc[s[0]], ZWNJ);
            } else {
                prop_assert_eq!(s[2], 1);
                prop_assert_eq!(cc[s[0]], '\n');
                prop_assert_eq!(&rc[s[1]..s[1] + s[3]], &['\r', '\n'][..]);
            }
        }
    }

    #[test]
    fn clean_spans_map_to_raw_slices_that_normalize_back(raw in article(), lang in lang(), norm in norm()) {
        let c = clean(&raw, lang, &SiteRules::bundled(), &norm);
        let aligner = Aligner::new(&c.alignment);
        let rc = chars(&raw);
        let cc = chars(&c.text);
        for span in word_spans(&c.text) {
            let r = aligner.clean_span_to_raw(span);
            let slice: String = rc[r.start.0..r.end.0].iter().collect();
            let removed: Vec<_> = c.removed.iter().filter(|p| p.start >= r.start.0 && p.end <= r.end.0).map(|p| {
                let mut p = p.clone();
                p.start -= r.start.0;
                p.end -= r.start.0;
                p
            }).collect();
            let (got, _) = render(&slice, &removed, lang, &norm);
            let want: String = cc[span.start.0..span.end.0].iter().collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(aligner.raw_span_to_clean(r), Some(span));
        }
    }

    #[test]
    fn restoring_everything_and_removing_again_round_trips(raw in article(), lang in lang()) {
        let norm = Normalization::default();
        let c = clean(&raw, lang, &SiteRules::bundled(), &norm);
        // Entities are single words: a span across a line break would, once the lines between
        // are restored, cover other text and rightly be dropped.
        let cc = chars(&c.text);
        let single_words = word_spans(&c.text)
            .into_iter()
            .filter(|s| !cc[s.start.0..s.end.0].iter().any(|c| c.is_whitespace()));
        let entities: Vec<Entity> = single_words.map(|s| Entity {
            start: s.start.0,
            end: s.end.0,
            label: "LOC".into(),
            text: chars(&c.text)[s.start.0..s.end.0].iter().collect(),
            canonical: None,
            kb_id: None,
            origin: Origin::Manual,
        }).collect();
        let doc = Document {
            id: "p".into(),
            source: Source { path: "p.txt".into(), file_name: "p.txt".into(), sha256: String::new(), encoding: "UTF-8".into(), format: SourceFormat::Text },
            language: lang,
            raw_text: raw.clone(),
            text: c.text.clone(),
            removed: c.removed.clone(),
            alignment: c.alignment.clone(),
            normalization: norm.clone(),
            metadata: Metadata::default(),
            fields: Fields::default(),
            entities: entities.clone(),
            status: Status::Unreviewed,
            notes: String::new(),
        };
        let restored = with_removed(&doc, Vec::new());
        prop_assert!(restored.removed.is_empty());
        prop_assert_eq!(restored.entities.len(), entities.len(), "restoring keeps every span");
        let mut doc2 = doc.clone();
        doc2.text = restored.text;
        doc2.removed = restored.removed;
        doc2.alignment = restored.alignment;
        doc2.entities = restored.entities;
        let back = with_removed(&doc2, c.removed.clone());
        prop_assert_eq!(&back.text, &c.text);
        prop_assert_eq!(&back.alignment, &c.alignment);
        prop_assert_eq!(&back.removed, &c.removed);
        prop_assert_eq!(&back.entities, &entities);
    }
}
