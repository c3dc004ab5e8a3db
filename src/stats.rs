//! Figures about a whole dataset for the app's overview: contacts per month and per participant
//! (split by event type), spans per label, and review progress. GUI-free, so the figures the
//! plots show are tested here and not in pixels.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::model::{Dataset, Document, Event, EventType, Status};

/// How many event types there are; the width of every per-type count array.
pub const EVENT_TYPES: usize = EventType::ALL.len();

/// Counts per event type, indexed like [`EventType::ALL`].
pub type TypeCounts = [usize; EVENT_TYPES];

/// Contacts in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthContacts {
    /// `YYYY-MM` (Gregorian, as the ISO dates in the dataset are).
    pub month: String,
    /// Contacts of each type, indexed like [`EventType::ALL`].
    pub by_type: TypeCounts,
}

/// Contacts one participant took part in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantContacts {
    /// The participant's name as the dataset holds it: the canonical English name when the
    /// gazetteer knew the person, otherwise as written in the article (Arabic script).
    pub name: String,
    /// Wikidata id, when known.
    pub kb_id: Option<String>,
    /// Contacts of each type, indexed like [`EventType::ALL`].
    pub by_type: TypeCounts,
}

impl ParticipantContacts {
    /// All contacts of this participant.
    #[must_use]
    pub fn total(&self) -> usize {
        self.by_type.iter().sum()
    }
}

/// Spans of one label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelCount {
    /// The label name.
    pub label: String,
    /// Spans with this label across the dataset.
    pub spans: usize,
    /// Documents with at least one such span.
    pub documents: usize,
}

/// Everything the overview shows, computed in one pass over the dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    /// Documents in the dataset.
    pub documents: usize,
    /// Contacts (events) in all documents.
    pub contacts: usize,
    /// Contacts of each type, indexed like [`EventType::ALL`].
    pub contacts_by_type: TypeCounts,
    /// Contacts per month, oldest first; months without contacts between the first and the
    /// last are present with zero counts, so a time axis has no holes.
    pub per_month: Vec<MonthContacts>,
    /// Contacts with neither an event date nor a publication date to place them in time.
    pub undated: usize,
    /// Every participant, most contacts first (ties by name).
    pub per_participant: Vec<ParticipantContacts>,
    /// Spans per label: the dataset's labels in palette order, then labels only spans use.
    pub labels: Vec<LabelCount>,
    /// Documents per review status, indexed like [`Status::ALL`].
    pub status: [usize; Status::ALL.len()],
}

impl Overview {
    /// Documents with this status.
    #[must_use]
    pub fn status_count(&self, status: Status) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .and_then(|i| self.status.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The `n` participants with the most contacts.
    #[must_use]
    pub fn top_participants(&self, n: usize) -> &[ParticipantContacts] {
        &self.per_participant[..self.per_participant.len().min(n)]
    }
}

fn type_index(t: EventType) -> usize {
    EventType::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

/// The month of an ISO date or date-time (`2020-05-07`, `2020-05-07T15:49`, `2020-05`), as
/// `(year, month)`; `None` for anything that is not a real calendar month.
fn month_of(iso: &str) -> Option<(i32, u32)> {
    let ym = iso.get(..7)?;
    // Parsing through chrono rejects month 13, letters and Persian digits alike.
    let d = NaiveDate::parse_from_str(&format!("{ym}-01"), "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some((d.year(), d.month()))
}

/// When a contact happened: its own date, else the article's publication date (a news item is
/// published within a day or two of the contact it reports).
fn event_month(doc: &Document, event: &Event) -> Option<(i32, u32)> {
    event
        .date
        .as_ref()
        .and_then(|d| month_of(&d.value))
        .or_else(|| {
            doc.fields
                .published
                .as_ref()
                .and_then(|d| month_of(&d.value))
        })
}

/// Every month from `first` to `last`, inclusive.
fn months_between(first: (i32, u32), last: (i32, u32)) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        out.push((y, m));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// Compute the overview of a dataset.
#[must_use]
pub fn overview(dataset: &Dataset) -> Overview {
    let mut out = Overview {
        documents: dataset.documents.len(),
        ..Overview::default()
    };
    let mut months: BTreeMap<(i32, u32), TypeCounts> = BTreeMap::new();
    let mut people: HashMap<&str, ParticipantContacts> = HashMap::new();
    let mut spans: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut label_order: Vec<&str> = dataset.labels.iter().map(|l| l.name.as_str()).collect();

    for doc in &dataset.documents {
        if let Some(i) = Status::ALL.iter().position(|s| *s == doc.status)
            && let Some(n) = out.status.get_mut(i)
        {
            *n += 1;
        }
        for event in &doc.fields.events {
            let t = type_index(event.event_type);
            out.contacts += 1;
            out.contacts_by_type[t] += 1;
            match event_month(doc, event) {
                Some(m) => months.entry(m).or_default()[t] += 1,
                None => out.undated += 1,
            }
            // A participant named twice in one event (two evidence spans, one person) counts once.
            let mut seen: Vec<&str> = Vec::new();
            for p in &event.participants {
                let name = p.name.trim();
                if name.is_empty() || seen.contains(&name) {
                    continue;
                }
                seen.push(name);
                let entry = people.entry(name).or_insert_with(|| ParticipantContacts {
                    name: name.to_owned(),
                    kb_id: None,
                    by_type: TypeCounts::default(),
                });
                entry.by_type[t] += 1;
                if entry.kb_id.is_none() {
                    entry.kb_id.clone_from(&p.kb_id);
                }
            }
        }
        let mut labels_here: Vec<&str> = Vec::new();
        for e in &doc.entities {
            let label = e.label.as_str();
            if !label_order.contains(&label) {
                label_order.push(label);
            }
            let c = spans.entry(label).or_default();
            c.0 += 1;
            if !labels_here.contains(&label) {
                labels_here.push(label);
                c.1 += 1;
            }
        }
    }

    if let (Some(first), Some(last)) = (
        months.keys().next().copied(),
        months.keys().next_back().copied(),
    ) {
        out.per_month = months_between(first, last)
            .into_iter()
            .map(|m| MonthContacts {
                month: format!("{:04}-{:02}", m.0, m.1),
                by_type: months.get(&m).copied().unwrap_or_default(),
            })
            .collect();
    }
    let mut per_participant: Vec<ParticipantContacts> = people.into_values().collect();
    per_participant.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.name.cmp(&b.name)));
    out.per_participant = per_participant;
    out.labels = label_order
        .into_iter()
        .map(|l| {
            let (n, docs) = spans.get(l).copied().unwrap_or_default();
            LabelCount {
                label: l.to_owned(),
                spans: n,
                documents: docs,
            }
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateValue, Entity, Event, Language, Origin, Participant, Source, Value};

    fn date(v: &str) -> DateValue {
        DateValue {
            value: v.into(),
            original: None,
            calendar: None,
            evidence: Vec::new(),
            origin: Origin::Manual,
        }
    }

    fn person(name: &str) -> Participant {
        Participant {
            name: name.into(),
            ..Participant::default()
        }
    }

    fn event(t: EventType, when: Option<&str>, who: &[&str]) -> Event {
        Event {
            event_type: t,
            date: when.map(date),
            participants: who.iter().map(|n| person(n)).collect(),
            ..Event::default()
        }
    }

    fn span(text: &str, start: usize, end: usize, label: &str) -> Entity {
        Entity {
            start,
            end,
            label: label.into(),
            text: text.chars().skip(start).take(end - start).collect(),
            canonical: None,
            kb_id: None,
            origin: Origin::Manual,
        }
    }

    fn doc(id: &str, text: &str, status: Status, published: Option<&str>) -> Document {
        let mut d =
            Document::from_plain_text(id.into(), Source::synthetic(id), Language::Fa, text.into());
        d.status = status;
        d.fields.published = published.map(date);
        d
    }

    /// Three documents: a Persian phone call and meeting, an Arabic visit with a participant
    /// known only by the Arabic name, and an unreviewed document without any event.
    fn dataset() -> Dataset {
        let fa = "عراقچی با لاوروف در مسکو گفت‌وگو کرد";
        let mut a = doc("a", fa, Status::Done, Some("2024-01-20"));
        a.fields.events = vec![
            event(
                EventType::PhoneCall,
                Some("2024-01-18"),
                &["Abbas Araghchi", "Sergey Lavrov", "Sergey Lavrov"],
            ),
            // No date of its own: placed by the publication date.
            event(EventType::Meeting, None, &["Abbas Araghchi"]),
        ];
        a.entities = vec![
            span(fa, 0, 6, "PERSON"),
            span(fa, 10, 16, "PERSON"),
            span(fa, 20, 24, "LOC"),
        ];
        let ar = "زار الوزير فيصل بن فرحان طهران";
        let mut b = doc("b", ar, Status::InProgress, None);
        b.fields.events = vec![event(
            EventType::Visit,
            Some("2024-03-02T10:00"),
            &["فيصل بن فرحان", "Abbas Araghchi"],
        )];
        b.entities = vec![span(ar, 11, 24, "PERSON"), span(ar, 25, 30, "CITY")];
        let mut c = doc("c", "متن بدون رویداد", Status::Unreviewed, None);
        // A contact with no usable date anywhere: counted, but not placed on the time axis.
        c.fields.events = vec![event(EventType::Statement, Some("۱۴۰۲-۱۰"), &[])];
        c.fields.headline = Some(Value::manual("عنوان".into(), Vec::new()));
        Dataset {
            documents: vec![a, b, c].into_iter().map(Into::into).collect(),
            ..Dataset::default()
        }
    }

    #[test]
    fn contacts_per_month_fill_the_gap_and_split_by_type() {
        let o = overview(&dataset());
        assert_eq!(o.documents, 3);
        assert_eq!(o.contacts, 4);
        assert_eq!(o.undated, 1, "the Persian-digit date is not a month");
        let months: Vec<&str> = o.per_month.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(months, ["2024-01", "2024-02", "2024-03"]);
        let jan = &o.per_month[0].by_type;
        assert_eq!(jan[type_index(EventType::PhoneCall)], 1);
        assert_eq!(jan[type_index(EventType::Meeting)], 1);
        assert_eq!(o.per_month[1].by_type.iter().sum::<usize>(), 0);
        assert_eq!(o.per_month[2].by_type[type_index(EventType::Visit)], 1);
        assert_eq!(o.contacts_by_type[type_index(EventType::Statement)], 1);
    }

    #[test]
    fn participants_ranked_and_counted_once_per_contact() {
        let o = overview(&dataset());
        let top: Vec<(&str, usize)> = o
            .top_participants(2)
            .iter()
            .map(|p| (p.name.as_str(), p.total()))
            .collect();
        assert_eq!(top, [("Abbas Araghchi", 3), ("Sergey Lavrov", 1)]);
        let faisal = o
            .per_participant
            .iter()
            .find(|p| p.name == "فيصل بن فرحان")
            .expect("the Arabic name is kept as written");
        assert_eq!(faisal.by_type[type_index(EventType::Visit)], 1);
        assert_eq!(o.per_participant.len(), 3);
        assert_eq!(o.top_participants(10).len(), 3);
    }

    #[test]
    fn labels_in_palette_order_then_unknown_ones() {
        let o = overview(&dataset());
        let person = o
            .labels
            .iter()
            .find(|l| l.label == "PERSON")
            .expect("PERSON");
        assert_eq!((person.spans, person.documents), (3, 2));
        let loc = o.labels.iter().find(|l| l.label == "LOC").expect("LOC");
        assert_eq!((loc.spans, loc.documents), (1, 1));
        assert_eq!(o.labels.first().map(|l| l.label.as_str()), Some("PERSON"));
        assert_eq!(
            o.labels.last().map(|l| (l.label.as_str(), l.spans)),
            Some(("CITY", 1)),
            "a label only spans use comes last"
        );
        assert_eq!(o.labels.len(), Dataset::default().labels.len() + 1);
    }

    #[test]
    fn status_counts() {
        let o = overview(&dataset());
        assert_eq!(o.status_count(Status::Done), 1);
        assert_eq!(o.status_count(Status::InProgress), 1);
        assert_eq!(o.status_count(Status::Unreviewed), 1);
        assert_eq!(o.status_count(Status::Skipped), 0);
    }

    #[test]
    fn empty_dataset() {
        let o = overview(&Dataset::default());
        assert_eq!(o.contacts, 0);
        assert!(o.per_month.is_empty());
        assert!(o.per_participant.is_empty());
        assert!(o.labels.iter().all(|l| l.spans == 0));
    }

    #[test]
    fn months_cross_a_year() {
        assert_eq!(month_of("2023-12-31T23:59"), Some((2023, 12)));
        assert_eq!(month_of("2023-13-01"), None);
        assert_eq!(month_of("2023"), None);
        assert_eq!(months_between((2023, 11), (2024, 2)).len(), 4);
    }
}
