//! Per-document language detection, on texts written for the tests and on the seed articles.

use std::path::PathBuf;

use khabar::ingest::{Limits, read_article};
use khabar::lang::detect;
use khabar::model::Language;

const PERSIAN: &str = "سخنگوی وزارت امور خارجه در نشست هفتگی با خبرنگاران گفت که گفت‌وگوهای \
فنی با آژانس بین‌المللی انرژی اتمی ادامه دارد و هیئت ایرانی هفته آینده به وین سفر می‌کند. \
وی افزود این گفت‌وگوها در فضایی سازنده برگزار شده است.";

const ARABIC: &str = "أعلن المتحدث باسم وزارة الخارجية أن المباحثات الفنية مع الوكالة الدولية \
للطاقة الذرية مستمرة، وأن الوفد سيتوجه إلى فيينا الأسبوع المقبل. وأضاف أن هذه المباحثات التي \
جرت في أجواء بناءة تناولت القضايا العالقة بين الجانبين.";

#[test]
fn persian_and_arabic() {
    assert_eq!(detect(PERSIAN), Language::Fa);
    assert_eq!(detect(ARABIC), Language::Ar);
}

#[test]
fn arabic_quotation_inside_a_persian_article() {
    let text = format!(
        "{PERSIAN}\nدبیرکل سازمان در بیانیه‌ای به زبان عربی نوشت: «إن المنظمة ستواصل جهودها \
         في المنطقة وتدعو جميع الأطراف إلى ضبط النفس». {PERSIAN}"
    );
    assert_eq!(detect(&text), Language::Fa);
}

#[test]
fn persian_quotation_inside_an_arabic_article() {
    let text = format!(
        "{ARABIC}\nونقلت وكالة الأنباء عن الوزير قوله بالفارسية: «ما آماده گفت‌وگو هستیم». {ARABIC}"
    );
    assert_eq!(detect(&text), Language::Ar);
}

#[test]
fn persian_typed_with_arabic_yeh_and_kaf() {
    let sloppy = PERSIAN.replace('ی', "ي").replace('ک', "ك");
    assert!(sloppy.contains('ي') && !sloppy.contains('ی'));
    assert_eq!(detect(&sloppy), Language::Fa);
}

#[test]
fn persian_without_any_persian_only_letter() {
    // No پ چ ژ گ, and Arabic yeh/kaf: only the function words tell.
    let text = "اين خبر امروز در تهران منتشر شد و وزير كشور آن را تاييد كرد. \
                او در اين باره توضيحات بيشتري نداد و از خبرنگاران خواست منتظر بمانند.";
    assert_eq!(detect(text), Language::Fa);
}

#[test]
fn egyptian_arabic_spelling() {
    let text = "قال وزير الخارجية فى مؤتمر صحفى إن مصر تسعى إلى التهدئة، وأشار إلى الدور الذى \
                تقوم به القاهرة فى المنطقة منذ بداية الأزمة.";
    assert_eq!(detect(text), Language::Ar);
}

#[test]
fn whole_text_counts_not_the_first_line() {
    let text = format!("أخبار اليوم في العالم العربي\n{PERSIAN}\n{PERSIAN}");
    assert_eq!(detect(&text), Language::Fa);
    let text = format!("خبرگزاری ما پیگیری می‌کند\n{ARABIC}\n{ARABIC}");
    assert_eq!(detect(&text), Language::Ar);
}

#[test]
fn little_or_no_arabic_script_is_other() {
    assert_eq!(detect(""), Language::Other);
    assert_eq!(detect("۱۴۰۳/۰۷/۱۲ 2024-10-03"), Language::Other);
    assert_eq!(detect("سلام"), Language::Other);
    assert_eq!(
        detect(
            "The foreign minister met his counterpart in Muscat on Tuesday; local papers \
             headlined it «دیدار در مسقط» and moved on to the economy and the weather."
        ),
        Language::Other
    );
    assert_eq!(
        detect("Привет, как дела? Это просто русский текст без арабских букв."),
        Language::Other
    );
}

/// The seed folder: `KHABAR_SEEDS`, or `../shared/seeds` beside the crate as in CI.
fn seeds_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("KHABAR_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    dir.join("expected.json").is_file().then_some(dir)
}

#[test]
fn seed_articles_decode_and_get_their_language() {
    let Some(dir) = seeds_dir() else {
        println!(
            "note: no seed folder (set KHABAR_SEEDS or put shared/ beside the crate); skipped"
        );
        return;
    };
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("read expected.json"),
    )
    .expect("parse expected.json");
    let articles = expected["articles"].as_array().expect("articles array");
    assert_eq!(articles.len(), 5);
    for seed in articles {
        let file = seed["file"].as_str().expect("file name");
        let article = read_article(&dir.join(file), &Limits::default())
            .unwrap_or_else(|err| panic!("{file}: {err}"));
        assert_eq!(article.encoding, "UTF-8", "{file}");
        assert_eq!(
            detect(&article.text).code(),
            seed["language"].as_str().expect("language"),
            "{file}"
        );
        for keep in seed["body_must_keep"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|k| k.as_str())
        {
            assert!(article.text.contains(keep), "{file}: lost {keep:?}");
        }
    }
}
