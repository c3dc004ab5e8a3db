//! The dataset JSON contract, version 1: the types Khabar saves and Python tooling reads.
//!
//! Field names here are the contract; the README documents them and `assets/dataset.schema.json`
//! is generated from these types (a test keeps the two in step). Every `start`/`end` is a
//! Unicode code-point offset into the document's cleaned `text`, end-exclusive, except
//! [`Removed`] spans, which point into `raw_text`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::CharSpan;

/// The value of `format` in every dataset file.
pub const FORMAT: &str = "khabar.dataset";
/// The contract version this build writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// A whole labeled dataset: what one JSON file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dataset {
    /// Always `"khabar.dataset"`.
    pub format: String,
    /// Contract version; readers refuse versions newer than theirs.
    pub version: u32,
    /// Who labeled this file, for agreement between analysts. Empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub annotator: String,
    /// The entity labels in use, in palette order.
    pub labels: Vec<Label>,
    /// The documents, in the order the analyst works through them.
    // Shared, not owned: a save or autosave takes its snapshot by cloning this list (a pointer
    // per document), and an edit copies a document only while such a snapshot still holds it
    // (`Arc::make_mut`), so the UI thread never copies a whole dataset to save it.
    pub documents: Vec<std::sync::Arc<Document>>,
}

impl Default for Dataset {
    fn default() -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            annotator: String::new(),
            labels: Label::defaults(),
            documents: Vec::new(),
        }
    }
}

/// An entity label with its palette key and colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Label {
    /// Upper-case name, e.g. `PERSON`.
    pub name: String,
    /// The key that applies it in the app, `"1"`..`"9"`, or empty.
    #[serde(default)]
    pub key: String,
    /// `#RRGGBB`.
    pub color: String,
}

impl Label {
    /// The labels a new dataset starts with.
    #[must_use]
    pub fn defaults() -> Vec<Label> {
        [
            ("PERSON", "1", "#F2C94C"),
            ("ORG", "2", "#6FCF97"),
            ("LOC", "3", "#56CCF2"),
            ("DATE", "4", "#F2994A"),
            ("TREATY", "5", "#BB6BD9"),
            ("EVENT", "6", "#EB5757"),
            ("TOPIC", "7", "#9B9B9B"),
        ]
        .into_iter()
        .map(|(name, key, color)| Label {
            name: name.into(),
            key: key.into(),
            color: color.into(),
        })
        .collect()
    }
}

/// One article: its source, raw and cleaned text, extracted fields and entity spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Stable id derived from the raw bytes' SHA-256 (first 16 hex digits).
    pub id: String,
    /// Where the article came from.
    pub source: Source,
    /// `fa`, `ar` or `other`.
    pub language: Language,
    /// The decoded source text, before cleaning. `removed` points into it.
    pub raw_text: String,
    /// The cleaned text; every span except `removed` points into it.
    pub text: String,
    /// Pieces of `raw_text` left out of `text`, each with its reason.
    #[serde(default)]
    pub removed: Vec<Removed>,
    /// Maps clean offsets to raw offsets; see [`Alignment`].
    pub alignment: Alignment,
    /// How `text` was normalized from `raw_text`, so it can be derived again.
    #[serde(default)]
    pub normalization: Normalization,
    /// Facts about the page that are not article text (tags, news id).
    #[serde(default)]
    pub metadata: Metadata,
    /// The extracted, analyst-corrected record.
    #[serde(default)]
    pub fields: Fields,
    /// Entity spans into `text`, sorted by start.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Review status.
    #[serde(default)]
    pub status: Status,
    /// The analyst's free-text notes.
    #[serde(default)]
    pub notes: String,
}

/// The file a document was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as given when the file was opened.
    pub path: String,
    /// The file's name alone.
    pub file_name: String,
    /// SHA-256 of the raw bytes, lower-case hex.
    pub sha256: String,
    /// The encoding the bytes were decoded from (WHATWG name, e.g. `UTF-8`, `windows-1256`).
    pub encoding: String,
    /// `text` or `html`.
    pub format: SourceFormat,
}

/// The kind of file an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain text.
    Text,
    /// An HTML page; `raw_text` is the extracted main text.
    Html,
}

/// A document's language, from letter evidence over the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Persian.
    Fa,
    /// Arabic.
    Ar,
    /// Anything else, or too little text to tell.
    #[default]
    Other,
}

impl Language {
    /// The code used in the JSON.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Language::Fa => "fa",
            Language::Ar => "ar",
            Language::Other => "other",
        }
    }
}

/// A piece of the raw text that cleaning left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Removed {
    /// Code-point offset into `raw_text`.
    pub start: usize,
    /// End (exclusive) into `raw_text`.
    pub end: usize,
    /// Why it was removed.
    pub reason: RemovalReason,
}

/// Why a piece of raw text is not in the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// The site's name, menu or date line above the article.
    SiteHeader,
    /// The date the page was crawled or last updated, not the article's date.
    CrawlDateBanner,
    /// "کد خبر ۷۲۷۳۱۸" and the like; the id is kept in metadata.
    NewsIdLine,
    /// Section path such as "اخبار السياسه".
    Breadcrumb,
    /// "برچسب ها: ..."; the tags are kept in metadata.
    TagsLine,
    /// "ارسال به دوستان", share and print buttons.
    ShareWidget,
    /// A block of unrelated headlines.
    RelatedHeadlines,
    /// Comment form and its prompts.
    CommentForm,
    /// Copyright or newsletter footer.
    CopyrightFooter,
    /// An advertisement line.
    AdLine,
    /// A paragraph or sentence that the page repeats.
    RepeatedParagraph,
    /// The headline repeated.
    RepeatedHeadline,
    /// Blank lines and spacing folded into one paragraph break.
    Whitespace,
    /// Removed by the analyst.
    Manual,
}

impl RemovalReason {
    /// Every reason, for menus and filters.
    pub const ALL: [RemovalReason; 14] = [
        RemovalReason::SiteHeader,
        RemovalReason::CrawlDateBanner,
        RemovalReason::NewsIdLine,
        RemovalReason::Breadcrumb,
        RemovalReason::TagsLine,
        RemovalReason::ShareWidget,
        RemovalReason::RelatedHeadlines,
        RemovalReason::CommentForm,
        RemovalReason::CopyrightFooter,
        RemovalReason::AdLine,
        RemovalReason::RepeatedParagraph,
        RemovalReason::RepeatedHeadline,
        RemovalReason::Whitespace,
        RemovalReason::Manual,
    ];

    /// The snake_case name used in the JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::SiteHeader => "site_header",
            RemovalReason::CrawlDateBanner => "crawl_date_banner",
            RemovalReason::NewsIdLine => "news_id_line",
            RemovalReason::Breadcrumb => "breadcrumb",
            RemovalReason::TagsLine => "tags_line",
            RemovalReason::ShareWidget => "share_widget",
            RemovalReason::RelatedHeadlines => "related_headlines",
            RemovalReason::CommentForm => "comment_form",
            RemovalReason::CopyrightFooter => "copyright_footer",
            RemovalReason::AdLine => "ad_line",
            RemovalReason::RepeatedParagraph => "repeated_paragraph",
            RemovalReason::RepeatedHeadline => "repeated_headline",
            RemovalReason::Whitespace => "whitespace",
            RemovalReason::Manual => "manual",
        }
    }
}

/// Maps every code point of `text` back to `raw_text`.
///
/// A list of segments `[clean_start, raw_start, clean_len, raw_len]` (code points) that cover
/// `text` from 0 to its end, in order, without gaps. Where `clean_len == raw_len` the segment maps
/// char for char (a normalized letter such as ي → ی keeps its place); otherwise it is one
/// replacement, e.g. CRLF → LF is `[c, r, 1, 2]` and a restored ZWNJ is `[c, r, 1, 0]`. Raw code
/// points that no segment covers were removed; `removed` says why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Alignment(pub Vec<[usize; 4]>);

/// The character normalization applied when deriving `text`, so it can be derived again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Normalization {
    /// Arabic yeh/kaf (ي ك) unified to Persian (ی ک); only in Persian documents.
    #[serde(default)]
    pub persian_letters: bool,
    /// Lost zero-width non-joiners restored (تماسهای → تماس‌های).
    #[serde(default)]
    pub restore_zwnj: bool,
}

impl Default for Normalization {
    fn default() -> Self {
        Self {
            persian_letters: true,
            restore_zwnj: false,
        }
    }
}

/// Page facts that are not part of the article text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// Tags from the page's tag line.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The site's news id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub news_id: Option<String>,
    /// Any other page facts, e.g. the crawl date seen in a banner.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Whether a value was filled in by Khabar or by the analyst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Pre-filled by extraction.
    #[default]
    Auto,
    /// Entered or confirmed by the analyst.
    Manual,
}

/// A value with the spans of `text` it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Value<T> {
    /// The value itself.
    pub value: T,
    /// Where in `text` the value is stated.
    #[serde(default)]
    pub evidence: Vec<CharSpan>,
    /// Who set it.
    #[serde(default)]
    pub origin: Origin,
}

impl<T> Value<T> {
    /// An automatic value with its evidence.
    #[must_use]
    pub fn auto(value: T, evidence: Vec<CharSpan>) -> Self {
        Self {
            value,
            evidence,
            origin: Origin::Auto,
        }
    }

    /// A value the analyst entered.
    #[must_use]
    pub fn manual(value: T, evidence: Vec<CharSpan>) -> Self {
        Self {
            value,
            evidence,
            origin: Origin::Manual,
        }
    }
}

/// The calendar a date was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    /// Solar Hijri (Jalali), the Iranian calendar.
    Jalali,
    /// Islamic (lunar Hijri).
    Hijri,
    /// Gregorian.
    Gregorian,
}

/// A date or date-time value: ISO 8601 `value`, plus the string as written and its calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DateValue {
    /// ISO 8601: `2020-05-07` or `2020-05-07T15:49`.
    pub value: String,
    /// The date as the article writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The calendar of `original`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
    /// Where in `text` the date is stated.
    #[serde(default)]
    pub evidence: Vec<CharSpan>,
    /// Who set it.
    #[serde(default)]
    pub origin: Origin,
}

/// The article's extracted record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Fields {
    /// The article's headline.
    #[serde(default)]
    pub headline: Option<Value<String>>,
    /// When the article was published (never a crawl or update date).
    #[serde(default)]
    pub published: Option<DateValue>,
    /// The site's news id.
    #[serde(default)]
    pub news_id: Option<Value<String>>,
    /// The publishing site or outlet.
    #[serde(default)]
    pub outlet: Option<Value<String>>,
    /// Agencies and media the text cites, canonical English names.
    #[serde(default)]
    pub agencies: Vec<Value<String>>,
    /// The page's tags.
    #[serde(default)]
    pub tags: Vec<Value<String>>,
    /// Topics of the whole article, canonical English names.
    #[serde(default)]
    pub topics: Vec<Value<String>>,
    /// Every contact the article reports, the main one first.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// The kind of contact an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A telephone conversation.
    PhoneCall,
    /// A meeting in person.
    Meeting,
    /// A press conference, joint or alone.
    PressConference,
    /// A speech or address.
    Speech,
    /// A written or spoken statement.
    Statement,
    /// A visit to another country.
    Visit,
    /// Anything else.
    #[default]
    Other,
}

impl EventType {
    /// Every type, for pickers.
    pub const ALL: [EventType; 7] = [
        EventType::PhoneCall,
        EventType::Meeting,
        EventType::PressConference,
        EventType::Speech,
        EventType::Statement,
        EventType::Visit,
        EventType::Other,
    ];

    /// The snake_case name used in the JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::PhoneCall => "phone_call",
            EventType::Meeting => "meeting",
            EventType::PressConference => "press_conference",
            EventType::Speech => "speech",
            EventType::Statement => "statement",
            EventType::Visit => "visit",
            EventType::Other => "other",
        }
    }

    /// The CAMEO code that fits the type best (040 consult when no finer code applies).
    #[must_use]
    pub fn default_cameo(self) -> &'static str {
        match self {
            EventType::PhoneCall => "041",
            EventType::Meeting => "040",
            EventType::Visit => "042",
            EventType::PressConference | EventType::Speech | EventType::Statement => "010",
            EventType::Other => "040",
        }
    }
}

/// One contact the article reports.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// What kind of contact.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// CAMEO code, e.g. `041` for a phone call.
    #[serde(default)]
    pub cameo: String,
    /// Who took part.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// When it happened.
    #[serde(default)]
    pub date: Option<DateValue>,
    /// Day of the week the text names, in English, when the date itself is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<String>,
    /// Where it happened (a city, canonical English name).
    #[serde(default)]
    pub location: Option<Value<String>>,
    /// How long it lasted.
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    /// The side that asked for it.
    #[serde(default)]
    pub initiator: Option<String>,
    /// True when the text says this was the parties' first contact.
    #[serde(default)]
    pub first_contact: Option<bool>,
    /// What was discussed, canonical English topics.
    #[serde(default)]
    pub topics: Vec<Value<String>>,
    /// The sentences that report the event.
    #[serde(default)]
    pub evidence: Vec<CharSpan>,
    /// Evidence for the plain-valued fields (`duration_minutes`, `initiator`, `first_contact`),
    /// keyed by field name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence_of: BTreeMap<String, Vec<CharSpan>>,
    /// Who set the event as a whole.
    #[serde(default)]
    pub origin: Origin,
}

/// A person (or party) in an event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Participant {
    /// Canonical English name.
    pub name: String,
    /// Wikidata id, e.g. `Q47256` for Sergey Lavrov, when known.
    #[serde(default)]
    pub kb_id: Option<String>,
    /// ISO 3166 alpha-2 country, when known.
    #[serde(default)]
    pub country: Option<String>,
    /// Role as of the article, e.g. `Minister of Foreign Affairs of Russia`.
    #[serde(default)]
    pub role: Option<String>,
    /// Where the participant is named.
    #[serde(default)]
    pub evidence: Vec<CharSpan>,
    /// Who set it.
    #[serde(default)]
    pub origin: Origin,
}

/// An entity span in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Code-point offset into `text`.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// A label name from the dataset's `labels`.
    pub label: String,
    /// The covered text, equal to `text[start:end]` in Python.
    pub text: String,
    /// Canonical English name, when linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Wikidata id, when linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// Who made the span.
    #[serde(default)]
    pub origin: Origin,
}

impl Entity {
    /// The span the entity covers.
    #[must_use]
    pub fn span(&self) -> CharSpan {
        CharSpan::new(self.start, self.end)
    }
}

/// Where the analyst is with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not looked at yet.
    #[default]
    Unreviewed,
    /// Started.
    InProgress,
    /// Finished.
    Done,
    /// Set aside (off-topic, broken page).
    Skipped,
}

impl Status {
    /// Every status, for filters.
    pub const ALL: [Status; 4] = [
        Status::Unreviewed,
        Status::InProgress,
        Status::Done,
        Status::Skipped,
    ];

    /// The snake_case name used in the JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }
}

impl Document {
    /// A document whose cleaned text is `text` as given (no cleaning), e.g. for imported data
    /// whose offsets already point into that text. The alignment is the identity.
    #[must_use]
    pub fn from_plain_text(id: String, source: Source, language: Language, text: String) -> Self {
        let n = text.chars().count();
        Self {
            id,
            source,
            language,
            raw_text: text.clone(),
            text,
            removed: Vec::new(),
            alignment: Alignment(if n == 0 {
                Vec::new()
            } else {
                vec![[0, 0, n, n]]
            }),
            normalization: Normalization {
                persian_letters: false,
                restore_zwnj: false,
            },
            metadata: Metadata::default(),
            fields: Fields::default(),
            entities: Vec::new(),
            status: Status::Unreviewed,
            notes: String::new(),
        }
    }
}

impl Source {
    /// A source for a document that was not read from a file (tests, generated data).
    #[must_use]
    pub fn synthetic(name: &str) -> Self {
        Self {
            path: name.to_owned(),
            file_name: name.to_owned(),
            sha256: String::new(),
            encoding: "UTF-8".to_owned(),
            format: SourceFormat::Text,
        }
    }
}

impl Dataset {
    /// The label called `name`, if the dataset defines it.
    #[must_use]
    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// Define `name` if it is not yet a label, with a colour from a fixed palette.
    pub fn ensure_label(&mut self, name: &str) {
        if self.label(name).is_none() {
            const PALETTE: [&str; 6] = [
                "#2D9CDB", "#27AE60", "#E2B93B", "#9B51E0", "#F2994A", "#EB5757",
            ];
            let color = PALETTE[self.labels.len() % PALETTE.len()].to_owned();
            self.labels.push(Label {
                name: name.to_owned(),
                key: String::new(),
                color,
            });
        }
    }
}
