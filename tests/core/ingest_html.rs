//! HTML pages: main text only, paragraphs kept, headline first, declared charset honoured.

use std::path::Path;

use encoding_rs::WINDOWS_1256;
use khabar::ingest::{IngestError, InputKind, Limits, decode_article_bytes, read_article};
use khabar::model::SourceFormat;

const HEADLINE: &str = "دیدار وزیران خارجه ایران و عمان در مسقط";
const PARAGRAPHS: [&str; 4] = [
    "وزیر امور خارجه کشورمان صبح امروز در سفری رسمی وارد مسقط شد و با همتای عمانی خود درباره روابط دوجانبه و تحولات منطقه گفت‌وگو کرد.",
    "در این دیدار که در محل وزارت خارجه عمان برگزار شد، دو طرف بر گسترش همکاری‌های اقتصادی، تجاری و کنسولی تأکید کردند و راه‌های افزایش حجم مبادلات را بررسی کردند.",
    "وزیر خارجه عمان نیز با اشاره به نقش میانجی‌گرانه کشورش گفت مسقط آماده است گفت‌وگوهای منطقه‌ای را میزبانی کند و از هر ابتکاری که به کاهش تنش‌ها بینجامد حمایت می‌کند.",
    "این سفر در ادامه رایزنی‌های دیپلماتیک ایران با کشورهای حاشیه خلیج فارس انجام می‌شود و قرار است وزیر خارجه پس از مسقط به دوحه برود.",
];

/// Markers that must never reach the text: each sits in a script, style, menu, share widget,
/// related-news list or footer of the page below.
const NOISE: [&str; 9] = [
    "اسکریپت‌نباید",
    "استایل‌نباید",
    "ناوبری",
    "تبلیغ‌درون‌متن",
    "اشتراک‌گذاری",
    "مرتبط",
    "پانویس",
    "dataLayer",
    "color: red",
];

fn page(charset_meta: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="fa" dir="rtl"><head>{charset_meta}
<title>{HEADLINE} | خبرگزاری نمونه</title>
<style>.menu {{ color: red; }} body::before {{ content: "استایل‌نباید"; }}</style>
<script>var tracking = "اسکریپت‌نباید‌باشد"; window.dataLayer = [];</script>
</head><body>
<header><div class="logo"><a href="/">خبرگزاری نمونه</a></div>
<nav class="main-menu"><ul><li><a href="/p">سیاست‌ناوبری</a></li><li><a href="/e">اقتصاد‌ناوبری</a></li>
<li><a href="/s">ورزش‌ناوبری</a></li></ul></nav></header>
<main><article class="news-article">
<h1 class="title">{HEADLINE}</h1>
<p class="lead">{p0}</p>
<div class="body"><p>{p1}</p><p>{p2}</p>
<script>document.write("تبلیغ‌درون‌متن");</script>
<p>{p3}</p></div>
<div class="share-buttons social"><span>اشتراک‌گذاری:</span> <a href="#">تلگرام</a> <a href="#">توییتر</a></div>
</article>
<aside class="related-news"><h3>اخبار مرتبط</h3><ul>
<li><a href="/n/1">سفر رئیس‌جمهور به قطر لغو شد مرتبط</a></li>
<li><a href="/n/2">نشست وزیران نفت اوپک در وین مرتبط</a></li></ul></aside></main>
<footer><p>کلیه حقوق این سایت متعلق به خبرگزاری نمونه است پانویس.</p>
<nav><a href="/about">درباره ما ناوبری</a></nav></footer>
<script src="/js/app.js"></script></body></html>"##,
        p0 = PARAGRAPHS[0],
        p1 = PARAGRAPHS[1],
        p2 = PARAGRAPHS[2],
        p3 = PARAGRAPHS[3],
    )
}

fn assert_clean_article(text: &str) {
    for noise in NOISE {
        assert!(
            !text.contains(noise),
            "{noise:?} leaked into the text:\n{text}"
        );
    }
    let mut expected = vec![HEADLINE];
    expected.extend(PARAGRAPHS);
    assert_eq!(
        text,
        expected.join("\n\n"),
        "headline first, paragraphs separated by blank lines"
    );
}

#[test]
fn html_page_gives_headline_and_paragraphs_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("news.html");
    std::fs::write(&path, page(r#"<meta charset="utf-8">"#)).expect("write");
    let article = read_article(&path, &Limits::default()).expect("extracts");
    assert_eq!(article.format, SourceFormat::Html);
    assert_eq!(article.encoding, "UTF-8");
    assert_clean_article(&article.text);
}

#[test]
fn declared_windows_1256_charset_wins() {
    // Persian in windows-1256 is written with Arabic ي (the code page has no ی).
    let html =
        page(r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">"#)
            .replace('ی', "ي");
    let (bytes, _, unmappable) = WINDOWS_1256.encode(&html);
    assert!(!unmappable);
    let (text, encoding) =
        decode_article_bytes(&bytes, Path::new("old.htm"), InputKind::Html).expect("extracts");
    assert_eq!(encoding, "windows-1256");
    assert!(text.starts_with(&HEADLINE.replace('ی', "ي")), "{text}");
    assert!(text.contains(&PARAGRAPHS[3].replace('ی', "ي")), "{text}");
    assert!(
        !text.contains("ناوبري") && !text.contains("اسکريپت"),
        "{text}"
    );
}

#[test]
fn unknown_charset_label_is_ignored() {
    let html = page(r#"<meta charset="klingon-8">"#);
    let (text, encoding) =
        decode_article_bytes(html.as_bytes(), Path::new("x.html"), InputKind::Html)
            .expect("extracts");
    assert_eq!(encoding, "UTF-8");
    assert_clean_article(&text);
}

#[test]
fn utf8_page_that_kept_a_legacy_declaration_is_read_as_utf8() {
    // What "save page" tools and scrapers produce: re-encoded to UTF-8, old declaration kept.
    let html =
        page(r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">"#);
    let (text, encoding) =
        decode_article_bytes(html.as_bytes(), Path::new("saved.html"), InputKind::Html)
            .expect("extracts");
    assert_eq!(encoding, "UTF-8");
    assert_clean_article(&text);
}

#[test]
fn page_without_text_is_refused() {
    let html = "<html><head><title>t</title><script>var a = 1;</script></head><body><nav><a href='/'>x</a></nav></body></html>";
    let result = decode_article_bytes(html.as_bytes(), Path::new("blank.html"), InputKind::Html);
    assert!(
        matches!(result, Err(IngestError::NoArticleText { .. })),
        "{result:?}"
    );
}

#[test]
fn odd_markup_does_not_panic() {
    let odd = [
        "<",
        "<html><body><p>",
        "<p><p><p><div></span></table><tr><td>سلام</td>",
        "<!-- unterminated comment <p>متن",
        "<html><body><p>متن فارسی کوتاه</p><script>",
        "<svg><math><p>ناهمخوان</svg></math>",
        "<table><td><td><td><p>خانه</p></table></table>",
    ];
    for html in odd {
        // Text or a clean refusal; never a panic, never script text.
        match decode_article_bytes(html.as_bytes(), Path::new("odd.html"), InputKind::Html) {
            Ok((text, _)) => assert!(!text.trim().is_empty(), "{html:?} gave blank text"),
            Err(err) => assert!(
                matches!(
                    err,
                    IngestError::NoArticleText { .. } | IngestError::Empty { .. }
                ),
                "{html:?}: {err}"
            ),
        }
    }
}

#[test]
fn arabic_div_soup_page_drops_comments_share_bar_and_sidebar() {
    let headline = "اتصال هاتفي بين وزيري خارجية مصر والأردن";
    let paragraphs = [
        "تلقى وزير الخارجية المصري اتصالا هاتفيا من نظيره الأردني، تناول الجانبان خلاله آخر تطورات الأوضاع في المنطقة وسبل تعزيز العلاقات الثنائية بين البلدين.",
        "وأكد الوزيران على أهمية مواصلة التنسيق والتشاور بين القاهرة وعمان إزاء القضايا ذات الاهتمام المشترك، وفي مقدمتها الأوضاع الإنسانية في المنطقة.",
        "وأشار المتحدث الرسمي باسم وزارة الخارجية إلى أن الاتصال تطرق أيضا إلى التحضيرات الجارية لعقد اجتماع اللجنة العليا المشتركة بين البلدين خلال الشهر المقبل.",
    ];
    let html = format!(
        r#"<html><head><meta charset="utf-8"><title>{headline} - موقع الأخبار</title></head>
<body><div id="top"><ul class="menu"><li><a href="/">الرئيسية قائمة</a></li><li><a href="/x">سياسة قائمة</a></li></ul></div>
<div id="wrap"><div class="col-right">
<div class="post-title">{headline}</div>
<span class="date">الأحد 12 مايو 2024 - 10:30 ص</span>
<div class="post-body">{}<br><br>
{}<br><br>
{}</div>
<div class="share">شارك الخبر على فيسبوك وتويتر</div>
<div class="comments"><h4>التعليقات</h4><div class="comment">تعليق قارئ رائع جدا</div></div>
</div><div class="col-left"><div class="most-read"><h4>الأكثر قراءة</h4><a href="/1">خبر جانبي أول عن الاقتصاد</a><br><a href="/2">خبر جانبي ثان عن الرياضة</a></div></div></div>
<div id="footer">جميع الحقوق محفوظة 2024</div></body></html>"#,
        paragraphs[0], paragraphs[1], paragraphs[2]
    );
    let (text, _) = decode_article_bytes(html.as_bytes(), Path::new("soup.html"), InputKind::Html)
        .expect("extracts");
    for noise in [
        "قائمة",
        "شارك",
        "التعليقات",
        "تعليق قارئ",
        "الأكثر قراءة",
        "خبر جانبي",
        "جميع الحقوق",
    ] {
        assert!(
            !text.contains(noise),
            "{noise:?} leaked into the text:\n{text}"
        );
    }
    assert!(text.starts_with(&format!("{headline}\n\n")), "{text}");
    assert_eq!(text.matches(headline).count(), 1, "{text}");
    // The dateline stays: it is the evidence for the publication date.
    assert!(text.contains("الأحد 12 مايو 2024"), "{text}");
    assert!(text.ends_with(&paragraphs.join("\n\n")), "{text}");
}
