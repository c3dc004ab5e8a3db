//! Restoring and removing boilerplate in a document moves entity spans and field evidence with
//! the text, and drops the spans whose text leaves.

use khabar::clean::{SiteRules, clean, with_removed};
use khabar::model::{
    Document, Entity, Fields, Language, Normalization, Origin, RemovalReason, Source, SourceFormat,
    Status, Value,
};
use khabar::text::{CharSpan, slice_chars};

fn doc_of(raw: &str) -> Document {
    let norm = Normalization::default();
    let c = clean(raw, Language::Fa, &SiteRules::bundled(), &norm);
    Document {
        id: "r".into(),
        source: Source {
            path: "r.txt".into(),
            file_name: "r.txt".into(),
            sha256: String::new(),
            encoding: "UTF-8".into(),
            format: SourceFormat::Text,
        },
        language: Language::Fa,
        raw_text: raw.into(),
        text: c.text,
        removed: c.removed,
        alignment: c.alignment,
        normalization: norm,
        metadata: c.metadata,
        fields: Fields::default(),
        entities: Vec::new(),
        status: Status::Unreviewed,
        notes: String::new(),
    }
}

fn entity(text: &str, doc_text: &str, label: &str) -> Entity {
    let byte = doc_text.find(text).expect("entity text present");
    let start = doc_text[..byte].chars().count();
    Entity {
        start,
        end: start + text.chars().count(),
        label: label.into(),
        text: text.into(),
        canonical: None,
        kb_id: None,
        origin: Origin::Manual,
    }
}

#[test]
fn restore_a_block_then_remove_it_again() {
    let raw = "کد خبر ۱۲۳\n\nدیدار وزیران در تهران\n\nوزیر خارجه عمان امروز با همتای ایرانی خود در تهران دیدار و گفت‌وگو کرد.\n\nارسال به دوستان\n";
    let mut doc = doc_of(raw);
    assert!(!doc.text.contains("کد خبر"));
    let oman = entity("عمان", &doc.text, "LOC");
    let tehran = entity("تهران", &doc.text, "LOC");
    doc.entities = vec![tehran.clone(), oman.clone()];
    doc.fields.headline = Some(Value::auto(
        "دیدار وزیران در تهران".into(),
        vec![CharSpan::new(0, 21)],
    ));

    // Restore the news-id line: everything moves down by its length plus a newline.
    let kept: Vec<_> = doc
        .removed
        .iter()
        .filter(|r| r.reason != RemovalReason::NewsIdLine)
        .cloned()
        .collect();
    let restored = with_removed(&doc, kept);
    assert!(restored.text.starts_with("کد خبر ۱۲۳\nدیدار وزیران"));
    let shift = "کد خبر ۱۲۳\n".chars().count();
    assert_eq!(restored.entities.len(), 2);
    for (e, old) in restored.entities.iter().zip([&tehran, &oman]) {
        assert_eq!(e.start, old.start + shift);
        assert_eq!(slice_chars(&restored.text, e.span()), Some(e.text.as_str()));
    }
    let ev = &restored
        .fields
        .headline
        .as_ref()
        .expect("headline kept")
        .evidence;
    assert_eq!(ev, &vec![CharSpan::new(shift, shift + 21)]);

    // Now remove the body paragraph by hand: the entity in it goes, the headline's stays.
    let body = doc.raw_text.find("وزیر خارجه عمان").expect("body in raw");
    let body_start = doc.raw_text[..body].chars().count();
    let body_end = body_start
        + "وزیر خارجه عمان امروز با همتای ایرانی خود در تهران دیدار و گفت‌وگو کرد."
            .chars()
            .count();
    let mut removed = doc.removed.clone();
    removed.push(khabar::model::Removed {
        start: body_start,
        end: body_end,
        reason: RemovalReason::Manual,
    });
    let cut = with_removed(&doc, removed);
    assert_eq!(cut.text, "دیدار وزیران در تهران");
    assert_eq!(cut.entities.len(), 1, "only the headline's تهران is left");
    assert_eq!(cut.entities[0].start, 16);
    assert!(cut.removed.windows(2).all(|w| w[0].end <= w[1].start));
}
