//! Synthetic corpora for the benchmarks, built from sentences written for Khabar (not copied
//! from any article).

#![allow(dead_code)]

use khabar::model::*;

/// Persian paragraphs in the style of the news Khabar is made for.
pub const FA_PARAGRAPHS: [&str; 6] = [
    "به گزارش خبرگزاری فارس، سرگئی لاوروف وزیر امور خارجه روسیه روز سه‌شنبه در تماسی تلفنی با آنتونی بلینکن همتای آمریکایی خود درباره آینده معاهده استارت جدید گفت‌وگو کرد.",
    "در این گفت‌وگو که به درخواست طرف آمریکایی انجام شد، دو وزیر همچنین درباره اوضاع سوریه، اوکراین و برنامه هسته‌ای ایران تبادل نظر کردند.",
    "وزارت امور خارجه روسیه در بیانیه‌ای اعلام کرد که مسکو آماده ادامه گفت‌وگوهای سازنده با واشنگتن بر پایه احترام متقابل است.",
    "این نخستین تماس رسمی دو وزیر پس از دیدار آنها در ژنو بود که حدود دو ساعت به طول انجامید.",
    "کارشناسان معتقدند ادامه این رایزنی‌ها می‌تواند به کاهش تنش‌ها در اروپای شرقی کمک کند.",
    "لاوروف در پایان افزود که روسیه هرگز از دیپلماسی چندجانبه و نقش شورای امنیت سازمان ملل دست نخواهد کشید.",
];

/// Arabic paragraphs in the same style.
pub const AR_PARAGRAPHS: [&str; 5] = [
    "ذكرت وكالة سبوتنيك أن وزير الخارجية الروسي سيرغي لافروف بحث هاتفيا مع نظيره الأمريكي ماركو روبيو يوم الأربعاء سبل تطبيع العلاقات الثنائية.",
    "وأوضح بيان الخارجية الروسية أن الاتصال جرى بمبادرة من الجانب الأمريكي واستمر نحو ساعة ونصف.",
    "وتناول الوزيران الأوضاع في أوكرانيا وسوريا وليبيا، إضافة إلى مستقبل معاهدة الحد من الأسلحة الاستراتيجية.",
    "وأكد لافروف استعداد موسكو لمواصلة الحوار على أساس الاحترام المتبادل وتوازن المصالح.",
    "ويأتي هذا الاتصال بعد أسابيع من لقاء الوزيرين في الرياض عاصمة المملكة العربية السعودية.",
];

/// A Persian page with the boilerplate scraped pages carry around the article.
pub fn fa_page(seed: usize, paragraphs: usize) -> String {
    let mut s = String::new();
    s.push_str(&format!("۱۲ مهر ۱۴۰۳\nبه روز شده در: ۱۲ مهر ۱۴۰۳ - ۱۸:۲۰\nکد خبر ۹۸{seed:05}\nتاریخ انتشار: ۱۰:۱۵ - ۱۱-۰۷-۱۴۰۳\n\n"));
    s.push_str("گفت‌وگوی تلفنی لاوروف و بلینکن درباره استارت جدید\n\n");
    for i in 0..paragraphs {
        s.push_str(FA_PARAGRAPHS[(seed + i) % FA_PARAGRAPHS.len()]);
        s.push_str(if i % 3 == 2 { "\r\n\r\n" } else { "\n\n" });
    }
    s.push_str("برچسب ها: روسیه ، آمریکا\nارسال به دوستان\n");
    s.push_str("افزایش قیمت خودرو در بازار تهران اعلام شد برگزاری جشنواره فیلم در اصفهان آغاز شد نتایج کنکور سراسری منتشر شد\n");
    s
}

/// An Arabic page with a copyright footer.
pub fn ar_page(seed: usize, paragraphs: usize) -> String {
    let mut s = String::from(
        "أخبار العالم لافروف وروبيو يبحثان تطبيع العلاقات\n\nلافروف وروبيو يبحثان تطبيع العلاقات\n\n",
    );
    for i in 0..paragraphs {
        s.push_str(AR_PARAGRAPHS[(seed + i) % AR_PARAGRAPHS.len()]);
        s.push_str("\n\n");
    }
    s.push_str("جميع الحقوق محفوظة للموقع\nاشترك في النشرة البريدية\n");
    s
}

/// A synthetic but fully valid document: text, spans and an event, without running the
/// pipeline (so dataset I/O is measured alone).
pub fn synthetic_document(i: usize) -> Document {
    let paras = if i.is_multiple_of(2) {
        &FA_PARAGRAPHS[..]
    } else {
        &FA_PARAGRAPHS[1..]
    };
    // Seed-sized: about 2,400 code points of clean text (4.5 KB) and 6 KB of raw text, with
    // about fifteen entity spans, like the real articles.
    let text: String = (0..16)
        .map(|k| paras[(i + k) % paras.len()])
        .collect::<Vec<_>>()
        .join("\n");
    let source = Source {
        path: format!("/data/articles/{i:05}.txt"),
        file_name: format!("{i:05}.txt"),
        sha256: format!("{:064x}", i),
        encoding: "UTF-8".into(),
        format: SourceFormat::Text,
    };
    let mut d = Document::from_plain_text(format!("{i:016x}"), source, Language::Fa, text.clone());
    // Raw text a little longer than the clean one, as with real pages.
    let footer = "افزایش قیمت خودرو در بازار تهران اعلام شد برگزاری جشنواره فیلم در اصفهان آغاز شد "
        .repeat(9);
    d.raw_text = format!("کد خبر {i}\n{text}\n{footer}");
    let n = text.chars().count();
    d.alignment = Alignment(vec![[0, 7 + i.to_string().chars().count() + 1, n, n]]);
    let chars: Vec<char> = text.chars().collect();
    let mut start = 0;
    let names = [
        ("PERSON", "لاوروف"),
        ("LOC", "سوریه"),
        ("ORG", "شورای امنیت"),
        ("LOC", "واشنگتن"),
        ("LOC", "مسکو"),
    ];
    for (label, word) in names.iter().cycle().take(15).copied() {
        let w: Vec<char> = word.chars().collect();
        if let Some(p) =
            (start..chars.len().saturating_sub(w.len())).find(|&p| chars[p..p + w.len()] == w[..])
        {
            d.entities.push(Entity {
                start: p,
                end: p + w.len(),
                label: label.into(),
                text: word.into(),
                canonical: None,
                kb_id: None,
                origin: Origin::Auto,
            });
            start = p + w.len();
        } else {
            start = 0;
        }
    }
    d.entities.sort_by_key(|e| (e.start, e.end));
    d.entities.dedup_by_key(|e| (e.start, e.end));
    d.fields.events.push(Event {
        event_type: EventType::PhoneCall,
        cameo: "041".into(),
        participants: vec![Participant {
            name: "Sergey Lavrov".into(),
            ..Participant::default()
        }],
        ..Event::default()
    });
    d
}

/// Copy `i` of a base page, made distinct: a number appended to every long paragraph (so no two
/// copies deduplicate or hash alike) and CRLF line ends in every third copy.
pub fn varied_copy(base: &str, i: usize) -> String {
    let mut doc = String::with_capacity(base.len() + 64);
    for (k, line) in base.lines().enumerate() {
        doc.push_str(line);
        if line.chars().count() > 80 {
            doc.push_str(&format!(" {i}{k}."));
        }
        doc.push_str(if i.is_multiple_of(3) { "\r\n" } else { "\n" });
    }
    doc
}

/// One scraped-looking page around `article`: a dated header, a news id line, the article, a
/// tag block and footers, as the `pipeline` benchmark feeds the whole chain.
pub fn scraped_page(article: &str, n: usize) -> String {
    let mut s = String::new();
    s.push_str("۱۲ مهر ۱۴۰۳\nبه روز شده در: ۱۲ مهر ۱۴۰۳ - ۱۸:۲۰\n");
    s.push_str(&format!(
        "کد خبر ۹۸{n:05}\nتاریخ انتشار: ۱۰:۱۵ - ۱۱-۰۷-۱۴۰۳\n\n"
    ));
    s.push_str(article);
    s.push_str("\n\nبرچسب ها: روسیه ، آمریکا\nارسال به دوستان\nارسال دیدگاه\n");
    s.push_str("افزایش قیمت خودرو در بازار تهران اعلام شد برگزاری جشنواره فیلم در اصفهان آغاز شد\n");
    s.push_str("جميع الحقوق محفوظة للموقع\nاشترك في النشرة البريدية\n");
    s
}

/// The `*.txt` files of `dir`, sorted by name (none when it cannot be read).
pub fn txt_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The fixture articles of `dir` (`*.txt`, sorted by name), each wrapped by [`scraped_page`],
/// with their paths.
pub fn fixture_pages(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    txt_files(dir)
        .into_iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let page = scraped_page(&std::fs::read_to_string(&p).ok()?, i);
            Some((p, page))
        })
        .collect()
}

/// Seed-like article files as bytes, about `bytes` in all: generated Persian and Arabic pages and
/// the raw cleaning fixtures of `tests/fixtures/clean`, each copy varied ([`varied_copy`]) so
/// repetition detection cannot short-cut across articles. The ingest + cleaning benchmark and
/// `examples/profile_pipeline` measure this same corpus, so their figures compare.
pub fn ingest_clean_corpus(bytes: usize) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let fixtures: Vec<String> = txt_files(&dir)
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < bytes {
        let base = match i % 4 {
            0 => fa_page(i, 10 + i % 7),
            1 => ar_page(i, 8 + i % 5),
            _ if !fixtures.is_empty() => fixtures[i % fixtures.len()].clone(),
            _ => fa_page(i, 12),
        };
        let doc = varied_copy(&base, i);
        total += doc.len();
        out.push(doc.into_bytes());
        i += 1;
    }
    out
}

/// Pages closer to the seeds' size (3.3 KB on average; the real scraped articles of
/// `../shared/seeds` are 4–8 KB, 6 KB on average): each fixture article of `dir` (`*.txt`,
/// sorted by name) followed by more body paragraphs in its language and wrapped by
/// [`scraped_page`] plus a block of unrelated headlines and a comment form, with their paths.
/// The fixture articles alone are about 1 KB, so per-document costs weigh five times more on
/// them than on the pages analysts actually open; here they still weigh about twice as much.
pub fn seed_sized_pages(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    fixture_pages(dir)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (path, _))| {
            let article = std::fs::read_to_string(&path).ok()?;
            let arabic = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ar_") || n.contains("_ar_"));
            let mut body = article.trim_end().to_owned();
            let paragraphs: &[&str] = if arabic {
                &AR_PARAGRAPHS
            } else {
                &FA_PARAGRAPHS
            };
            for k in 0..paragraphs.len() {
                body.push('\n');
                body.push_str(paragraphs[(i + k) % paragraphs.len()]);
            }
            let mut page = scraped_page(&body, i);
            page.push_str("اخبار مرتبط\n");
            for k in 0..8 {
                page.push_str(&format!(
                    "برگزاری نمایشگاه کتاب در شهر شماره {k} با حضور ناشران خارجی\n"
                ));
            }
            page.push_str("نظر خود را بنویسید\nنام و نام خانوادگی\nایمیل\n");
            Some((path, page))
        })
        .collect()
}

/// CPU time of the calling thread, in nanoseconds: the first field of
/// `/proc/thread-self/schedstat` (Linux). Read from a file rather than through `clock_gettime`,
/// which would need `unsafe` and a libc binding for a benchmark.
pub fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Criterion measurement of the benchmarking thread's CPU time, reported like wall time.
pub struct ThreadCpuTime {
    /// Only lends its duration formatter, so that both groups print alike.
    wall: criterion::measurement::WallTime,
}

impl Default for ThreadCpuTime {
    fn default() -> Self {
        Self {
            wall: criterion::measurement::WallTime,
        }
    }
}

impl criterion::measurement::Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = std::time::Duration;

    fn start(&self) -> u64 {
        thread_cpu_ns().unwrap_or(0)
    }

    fn end(&self, start: u64) -> std::time::Duration {
        std::time::Duration::from_nanos(thread_cpu_ns().unwrap_or(0).saturating_sub(start))
    }

    fn add(&self, a: &std::time::Duration, b: &std::time::Duration) -> std::time::Duration {
        *a + *b
    }

    fn zero(&self) -> std::time::Duration {
        std::time::Duration::ZERO
    }

    fn to_f64(&self, value: &std::time::Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn criterion::measurement::ValueFormatter {
        self.wall.formatter()
    }
}
