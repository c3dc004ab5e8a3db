//! Hostile inputs: nothing, blanks only, one enormous line, tens of thousands of lines, broken
//! removed pieces and alignments from a tampered file. None may panic. (Speed is measured in
//! `benches/clean.rs`, not asserted here.)

use khabar::clean::{Aligner, SiteRules, clean, render};
use khabar::model::{Alignment, Language, Normalization, RemovalReason, Removed};
use khabar::text::{CharOffset, CharSpan};

fn all_norms() -> [Normalization; 2] {
    [
        Normalization::default(),
        Normalization {
            persian_letters: true,
            restore_zwnj: true,
        },
    ]
}

#[test]
fn empty_and_blank_inputs_give_empty_text() {
    let rules = SiteRules::bundled();
    for raw in [
        "",
        " ",
        "\n\n\r\n",
        "\u{200F}\u{200E}\t\u{00A0}\n \r",
        "\u{FEFF}",
    ] {
        for norm in all_norms() {
            for lang in [Language::Fa, Language::Ar, Language::Other] {
                let c = clean(raw, lang, &rules, &norm);
                assert_eq!(c.text, "", "{raw:?}");
                assert!(c.alignment.0.is_empty());
                assert!(c.removed.is_empty());
            }
        }
    }
}

#[test]
fn six_megabyte_single_line() {
    let sentence =
        "وزیر خارجه روسیه در این دیدار گفت که همکاری دو کشور ادامه دارد و تماسهای بیشتری میشود ";
    let mut raw = String::new();
    let mut i = 0u64;
    while raw.len() < 6_000_000 {
        raw.push_str(sentence);
        raw.push_str(&i.to_string());
        raw.push_str(". ");
        i += 1;
    }
    for norm in all_norms() {
        let c = clean(&raw, Language::Fa, &SiteRules::bundled(), &norm);
        assert!(!c.text.contains('\n'));
        assert!(c.text.len() > 5_000_000, "distinct sentences are kept");
    }
    // One 6 MB word: no word rule may go quadratic on it.
    let word = "ب".repeat(3_000_000);
    let c = clean(&word, Language::Fa, &SiteRules::bundled(), &all_norms()[1]);
    assert_eq!(c.text.chars().count(), 3_000_000);
}

#[test]
fn sixty_thousand_lines() {
    let mut raw = String::new();
    for i in 0..60_000 {
        match i % 5 {
            0 => raw.push_str("کد خبر ۱۲۳۴\r\n"),
            1 => raw.push_str("\r\n"),
            2 => raw.push_str(&format!(
                "پاراگراف شماره {i} از متن خبر است که در آن وزیر سخن گفت.\n"
            )),
            3 => raw.push_str("این جمله تکراری در متن خبر بارها آمده است.\n"),
            _ => raw.push_str("ارسال به دوستان\n"),
        }
    }
    let c = clean(
        &raw,
        Language::Fa,
        &SiteRules::bundled(),
        &Normalization::default(),
    );
    assert_eq!(c.text.matches("این جمله تکراری").count(), 1);
    assert!(c.text.lines().count() >= 12_000);
    assert!(!c.text.contains("کد خبر"));
}

#[test]
fn broken_pieces_and_alignments_do_not_panic() {
    let raw = "سلام\r\nدنیا";
    let broken = [
        Removed {
            start: 9,
            end: 2,
            reason: RemovalReason::Manual,
        },
        Removed {
            start: 1,
            end: 400,
            reason: RemovalReason::Manual,
        },
        Removed {
            start: 0,
            end: 3,
            reason: RemovalReason::Manual,
        },
        Removed {
            start: 5,
            end: 6,
            reason: RemovalReason::Manual,
        },
    ];
    let (text, _) = render(raw, &broken, Language::Fa, &Normalization::default());
    assert_eq!(text, "");
    let (text, _) = render(raw, &broken[3..], Language::Fa, &Normalization::default());
    assert_eq!(text, "سلام\nدنیا", "a removed LF leaves the CR as the break");
    let garbage = Alignment(vec![[5, 9, 0, 3], [0, usize::MAX, 2, 2], [1, 1, 1, 0]]);
    let a = Aligner::new(&garbage);
    for x in [0, 1, 2, 7, usize::MAX] {
        let _ = a.clean_to_raw(CharOffset(x));
        let _ = a.raw_to_clean(CharOffset(x));
        let _ = a.clean_span_to_raw(CharSpan::new(x.min(5), x.min(9)));
    }
}
