//! The extracted record: headline, dates, ids, chips and the events.
//!
//! The panel edits a draft copy of the document's `Fields`; a finished text edit (focus left),
//! a picker choice or a button sends the whole draft as one `SetFields` edit, so typing a
//! name is one undo step, not one per letter.

use std::collections::BTreeMap;

use egui::{Color32, RichText, Ui};

use crate::gui::commands::{Command, CommandQueue};
use crate::gui::text_ports;
use crate::model::{Calendar, DateValue, Event, EventType, Fields, Origin, Participant, Value};
use crate::session::Session;
use crate::text::CharSpan;

/// The panel's transient state.
#[derive(Default)]
pub struct FieldsState {
    draft: Option<((usize, u64), Fields)>,
    /// Text typed into "add" boxes, by box.
    new_items: BTreeMap<String, String>,
    editing: bool,
}

/// What the panel reads besides the session.
pub struct FieldsInput<'a> {
    /// The article selection and the text it covers.
    pub selection: Option<(CharSpan, &'a str)>,
    /// Names for participant autocomplete (the gazetteer's people and organisations).
    pub names: &'a crate::extract::names::NameDirectory,
}

/// Per-frame flags collected while drawing.
struct Frame<'a> {
    sel: Option<(CharSpan, &'a str)>,
    /// The article's language, to read dates typed in its calendar.
    lang: crate::model::Language,
    commit: bool,
    focused: bool,
}

impl Frame<'_> {
    fn track(&mut self, o: text_ports::EditOutput) -> bool {
        self.focused |= o.focused;
        self.commit |= o.committed;
        o.changed
    }
}

/// Draw the panel.
pub fn show(
    ui: &mut Ui,
    session: &Session,
    input: &FieldsInput<'_>,
    state: &mut FieldsState,
    cmds: &mut CommandQueue,
) {
    let Some(doc) = session.document() else {
        return;
    };
    let key = (session.current, session.history.revision());
    let stale = state.draft.as_ref().is_none_or(|(k, _)| *k != key);
    let draft_doc_changed = state.draft.as_ref().is_none_or(|(k, _)| k.0 != key.0);
    if draft_doc_changed || (stale && !state.editing) {
        state.draft = Some((key, doc.fields.clone()));
        state.editing = false;
    }
    let Some((_, draft)) = state.draft.as_mut() else {
        return;
    };
    let mut f = Frame {
        sel: input.selection,
        lang: doc.language,
        commit: false,
        focused: false,
    };
    ui.heading("Fields");
    // Both directions: a wide row then scrolls inside the panel instead of widening the panel
    // and pushing the article out of the window.
    // Less the vertical scroll bar and the frame's margin, which take their room from the
    // content: rows wrapped at the full width ran under the panel's right edge.
    let wrap_width =
        ui.available_width() - ui.spacing().scroll.allocated_width() - ui.spacing().item_spacing.x;
    egui::ScrollArea::both()
        .id_salt("fields_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Wrapping rows (chips) wrap at the panel's width, not the unbounded scroll width.
            ui.set_max_width(wrap_width);
            egui::Grid::new("fields_grid")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    value_row(
                        ui,
                        "Headline",
                        "headline",
                        &mut draft.headline,
                        &mut f,
                        cmds,
                    );
                    date_row(
                        ui,
                        "Published",
                        "published",
                        &mut draft.published,
                        &mut f,
                        cmds,
                    );
                    value_row(ui, "News id", "news_id", &mut draft.news_id, &mut f, cmds);
                    value_row(ui, "Outlet", "outlet", &mut draft.outlet, &mut f, cmds);
                });
            if !doc.metadata.tags.is_empty() || doc.metadata.news_id.is_some() {
                ui.collapsing("Page metadata", |ui| {
                    if let Some(id) = &doc.metadata.news_id {
                        ui.label(format!("news id: {id}"));
                    }
                    ui.horizontal_wrapped(|ui| {
                        for t in &doc.metadata.tags {
                            chip(ui, t, Color32::from_gray(90));
                        }
                    });
                });
            }
            ui.separator();
            chips_row(
                ui,
                "Agencies",
                "agencies",
                &mut draft.agencies,
                &mut f,
                state_items(&mut state.new_items, "agencies"),
                cmds,
            );
            chips_row(
                ui,
                "Tags",
                "tags",
                &mut draft.tags,
                &mut f,
                state_items(&mut state.new_items, "tags"),
                cmds,
            );
            chips_row(
                ui,
                "Topics",
                "topics",
                &mut draft.topics,
                &mut f,
                state_items(&mut state.new_items, "topics"),
                cmds,
            );
            ui.separator();
            ui.horizontal(|ui| {
                ui.heading(format!("Events ({})", draft.events.len()));
                if ui.button("+ Add event").clicked() {
                    let mut e = Event {
                        origin: Origin::Manual,
                        ..Event::default()
                    };
                    e.cameo = e.event_type.default_cameo().into();
                    if let Some((span, _)) = f.sel {
                        e.evidence = vec![span];
                    }
                    draft.events.push(e);
                    f.commit = true;
                }
            });
            let mut remove = None;
            for (i, ev) in draft.events.iter_mut().enumerate() {
                let id = format!("event{i}");
                egui::CollapsingHeader::new(format!(
                    "{}. {}  {}",
                    i + 1,
                    ev.event_type.as_str(),
                    ev.cameo
                ))
                .id_salt(&id)
                .default_open(i == 0)
                .show(ui, |ui| {
                    if event_ui(ui, &id, ev, &mut f, input.names, &mut state.new_items, cmds) {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                draft.events.remove(i);
                f.commit = true;
            }
        });
    state.editing = f.focused;
    if f.commit && *draft != doc.fields {
        cmds.push(Command::SetFields(Box::new(draft.clone())));
    }
}

fn state_items<'a>(items: &'a mut BTreeMap<String, String>, key: &str) -> &'a mut String {
    items.entry(key.to_owned()).or_default()
}

/// A field name that shows its evidence when clicked.
fn field_name(ui: &mut Ui, name: &str, evidence: &[CharSpan], cmds: &mut CommandQueue) {
    let text = if evidence.is_empty() {
        RichText::new(name)
    } else {
        RichText::new(format!("{name} *")).underline()
    };
    let r = ui
        .add(egui::Label::new(text).sense(egui::Sense::click()))
        .on_hover_text(if evidence.is_empty() {
            "no evidence in the text".to_owned()
        } else {
            format!("click to show the evidence ({} spans)", evidence.len())
        });
    if r.clicked() {
        cmds.push(Command::ShowEvidence(evidence.to_vec()));
    }
}

fn origin_mark(ui: &mut Ui, origin: Origin) {
    let (t, tip) = match origin {
        Origin::Auto => ("A", "filled in by Khabar"),
        Origin::Manual => ("M", "entered by the analyst"),
    };
    ui.label(RichText::new(t).small().weak()).on_hover_text(tip);
}

/// A small "add…" box: returns the trimmed entry (and empties the box) when the analyst presses
/// Enter in it with something typed.
fn add_box(
    ui: &mut Ui,
    f: &mut Frame<'_>,
    id_salt: impl egui::AsIdSalt,
    buf: &mut String,
    hint: &str,
    width: f32,
) -> Option<String> {
    // The RTL editor: entries are Persian or Arabic names, which egui's own field garbles.
    let out = crate::gui::text::RtlTextEdit::singleline(id_salt, buf)
        .hint_text(hint)
        .desired_width(width)
        .font_size(14.0)
        .show(ui);
    f.focused |= out.response.has_focus();
    if out.submitted && !buf.trim().is_empty() {
        let item = buf.trim().to_owned();
        buf.clear();
        return Some(item);
    }
    None
}

fn from_selection_button(ui: &mut Ui, f: &Frame<'_>) -> Option<(CharSpan, String)> {
    let r = ui
        .add_enabled(f.sel.is_some(), egui::Button::new("sel").small())
        .on_hover_text("Set from the article selection");
    if r.clicked() {
        f.sel.map(|(s, t)| (s, t.trim().to_owned()))
    } else {
        None
    }
}

fn value_row(
    ui: &mut Ui,
    name: &str,
    id: &str,
    value: &mut Option<Value<String>>,
    f: &mut Frame<'_>,
    cmds: &mut CommandQueue,
) {
    let evidence = value
        .as_ref()
        .map(|v| v.evidence.clone())
        .unwrap_or_default();
    field_name(ui, name, &evidence, cmds);
    ui.horizontal(|ui| {
        if let Some((span, text)) = from_selection_button(ui, f) {
            *value = Some(Value::manual(text, vec![span]));
            f.commit = true;
        }
        if value.is_some() && ui.small_button("x").on_hover_text("Clear").clicked() {
            *value = None;
            f.commit = true;
        }
        if let Some(v) = value.as_ref() {
            origin_mark(ui, v.origin);
        }
        let mut buf = value.as_ref().map(|v| v.value.clone()).unwrap_or_default();
        if f.track(text_ports::rtl_edit(ui, id, &mut buf)) {
            match value {
                Some(v) => {
                    v.value = buf;
                    v.origin = Origin::Manual;
                }
                None => *value = Some(Value::manual(buf, Vec::new())),
            }
        }
    });
    ui.end_row();
}

fn calendar_name(c: Option<Calendar>) -> &'static str {
    match c {
        Some(Calendar::Jalali) => "Jalali",
        Some(Calendar::Hijri) => "Hijri",
        Some(Calendar::Gregorian) => "Gregorian",
        None => "—",
    }
}

fn date_row(
    ui: &mut Ui,
    name: &str,
    id: &str,
    value: &mut Option<DateValue>,
    f: &mut Frame<'_>,
    cmds: &mut CommandQueue,
) {
    let evidence = value
        .as_ref()
        .map(|v| v.evidence.clone())
        .unwrap_or_default();
    field_name(ui, name, &evidence, cmds);
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            if let Some((span, text)) = from_selection_button(ui, f) {
                let v = value.get_or_insert_with(empty_date);
                read_written_date(v, &text, f.lang);
                v.original = Some(text);
                v.evidence = vec![span];
                v.origin = Origin::Manual;
                f.commit = true;
            }
            if value.is_some() && ui.small_button("x").on_hover_text("Clear").clicked() {
                *value = None;
                f.commit = true;
            }
            if let Some(v) = value.as_ref() {
                origin_mark(ui, v.origin);
            }
            let mut cal = value.as_ref().and_then(|v| v.calendar);
            egui::ComboBox::from_id_salt((id, "calendar"))
                .selected_text(calendar_name(cal))
                .width(80.0)
                .show_ui(ui, |ui| {
                    for c in [
                        None,
                        Some(Calendar::Jalali),
                        Some(Calendar::Hijri),
                        Some(Calendar::Gregorian),
                    ] {
                        ui.selectable_value(&mut cal, c, calendar_name(c));
                    }
                });
            if cal != value.as_ref().and_then(|v| v.calendar) {
                value.get_or_insert_with(empty_date).calendar = cal;
                f.commit = true;
            }
        });
        // The date as the article writes it, in its own calendar.
        ui.horizontal(|ui| {
            ui.label(RichText::new("as written").small().weak());
            let mut original = value
                .as_ref()
                .and_then(|v| v.original.clone())
                .unwrap_or_default();
            if f.track(text_ports::rtl_edit(
                ui,
                &format!("{id}_original"),
                &mut original,
            )) {
                let v = value.get_or_insert_with(empty_date);
                read_written_date(v, &original, f.lang);
                v.original = (!original.is_empty()).then_some(original);
                v.origin = Origin::Manual;
            }
        });
        // The Gregorian ISO value every consumer reads.
        ui.horizontal(|ui| {
            ui.label(RichText::new("Gregorian").small().weak());
            let mut iso = value.as_ref().map(|v| v.value.clone()).unwrap_or_default();
            let r = ui.add(
                egui::TextEdit::singleline(&mut iso)
                    .id_salt((id, "iso"))
                    .hint_text("YYYY-MM-DD")
                    .desired_width(120.0),
            );
            f.focused |= r.has_focus();
            f.commit |= r.lost_focus();
            if r.changed() {
                let v = value.get_or_insert_with(empty_date);
                v.value = iso.clone();
                v.origin = Origin::Manual;
            }
            if !iso.is_empty()
                && chrono::NaiveDate::parse_from_str(iso.get(..10).unwrap_or(&iso), "%Y-%m-%d")
                    .is_err()
            {
                ui.colored_label(Color32::from_rgb(240, 90, 80), "not YYYY-MM-DD");
            }
        });
    });
    ui.end_row();
}

/// When `written` states a whole day in any calendar, set the Gregorian value and the calendar
/// from it (the analyst types the date as the article writes it; consumers read the ISO value).
/// Anything else leaves them as they are, so a half-typed date does not wipe the value.
fn read_written_date(v: &mut DateValue, written: &str, lang: crate::model::Language) {
    if let Some(read) = crate::extract::written_date::interpret_written_date(written, lang) {
        v.value = read.value;
        v.calendar = read.calendar;
    }
}

fn empty_date() -> DateValue {
    DateValue {
        value: String::new(),
        original: None,
        calendar: None,
        evidence: Vec::new(),
        origin: Origin::Manual,
    }
}

/// A rounded label.
fn chip(ui: &mut Ui, text: &str, fill: Color32) -> egui::Response {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| text_ports::rtl_label(ui, text))
        .inner
}

/// A rounded label with its remove button inside, so that the two wrap as one (a separate
/// button used to start the next row). Returns the label's response and whether the button
/// was clicked.
fn removable_chip(ui: &mut Ui, text: &str, fill: Color32) -> (egui::Response, bool) {
    // The frame's content would wrap inside the row's remaining width; a chip that does not
    // fit whole starts the next row instead. Width: margins, label, spacing, the button.
    let label_width = crate::gui::text::RtlLabel::new(text).measure(ui).x;
    let button_width = ui.spacing().interact_size.y;
    let width = 12.0 + label_width + 3.0 + button_width;
    if width > ui.available_size_before_wrap().x && ui.cursor().min.x > ui.max_rect().min.x {
        ui.end_row();
    }
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.x = 3.0;
            let label = text_ports::rtl_label(ui, text);
            let remove = ui
                .add(egui::Button::new("x").small().frame(false))
                .on_hover_text("Remove")
                .clicked();
            (label, remove)
        })
        .inner
}

fn chips_row(
    ui: &mut Ui,
    name: &str,
    id: &str,
    values: &mut Vec<Value<String>>,
    f: &mut Frame<'_>,
    new_item: &mut String,
    cmds: &mut CommandQueue,
) {
    ui.horizontal_wrapped(|ui| {
        let all: Vec<CharSpan> = values
            .iter()
            .flat_map(|v| v.evidence.iter().copied())
            .collect();
        field_name(ui, name, &all, cmds);
        let mut remove = None;
        for (i, v) in values.iter().enumerate() {
            let fill = if v.origin == Origin::Manual {
                Color32::from_rgb(50, 80, 110)
            } else {
                Color32::from_gray(70)
            };
            let (r, removed) = removable_chip(ui, &v.value, fill);
            let r = r.interact(egui::Sense::click());
            if r.clicked() {
                cmds.push(Command::ShowEvidence(v.evidence.clone()));
            }
            if r.secondary_clicked() || removed {
                remove = Some(i);
            }
        }
        if let Some(i) = remove {
            values.remove(i);
            f.commit = true;
        }
        if let Some((span, text)) = from_selection_button(ui, f) {
            values.push(Value::manual(text, vec![span]));
            f.commit = true;
        }
        if let Some(item) = add_box(ui, f, (id, "new"), new_item, "add…", 90.0) {
            values.push(Value::manual(item, Vec::new()));
            f.commit = true;
        }
    });
}

/// One event's editor; returns true when the analyst removes it.
fn event_ui(
    ui: &mut Ui,
    id: &str,
    ev: &mut Event,
    f: &mut Frame<'_>,
    names: &crate::extract::names::NameDirectory,
    new_items: &mut BTreeMap<String, String>,
    cmds: &mut CommandQueue,
) -> bool {
    let mut remove = false;
    // Wrapped: the type, code and buttons are wider than a narrow panel.
    ui.horizontal_wrapped(|ui| {
        let old = ev.event_type;
        egui::ComboBox::from_id_salt((id, "type"))
            .selected_text(ev.event_type.as_str())
            .show_ui(ui, |ui| {
                for t in EventType::ALL {
                    ui.selectable_value(&mut ev.event_type, t, t.as_str());
                }
            });
        if ev.event_type != old {
            // Keep a hand-entered CAMEO code; follow the type only while it is the default.
            if ev.cameo.is_empty() || ev.cameo == old.default_cameo() {
                ev.cameo = ev.event_type.default_cameo().into();
            }
            ev.origin = Origin::Manual;
            f.commit = true;
        }
        ui.label("CAMEO");
        let r = ui.add(
            egui::TextEdit::singleline(&mut ev.cameo)
                .id_salt((id, "cameo"))
                .desired_width(44.0),
        );
        f.focused |= r.has_focus();
        f.commit |= r.lost_focus();
        if ui
            .button("Evidence")
            .on_hover_text("Show the sentences that report it")
            .clicked()
        {
            cmds.push(Command::ShowEvidence(ev.evidence.clone()));
        }
        if ui
            .add_enabled(f.sel.is_some(), egui::Button::new("evidence from sel"))
            .on_hover_text("Use the selection as this event's evidence")
            .clicked()
            && let Some((span, _)) = f.sel
        {
            ev.evidence = vec![span];
            f.commit = true;
        }
        if ui
            .button("Delete")
            .on_hover_text("Remove this event")
            .clicked()
        {
            remove = true;
        }
    });
    egui::Grid::new((id, "grid"))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            // Participants, with autocomplete from the gazetteer's canonical names.
            let all: Vec<CharSpan> = ev
                .participants
                .iter()
                .flat_map(|p| p.evidence.iter().copied())
                .collect();
            field_name(ui, "Participants", &all, cmds);
            ui.vertical(|ui| {
                // A grid cell reaches past the panel's edge: the chips wrap at the edge.
                ui.set_max_width(text_ports::field_width(ui));
                let mut remove_p = None;
                ui.horizontal_wrapped(|ui| {
                    for (i, p) in ev.participants.iter().enumerate() {
                        let (r, removed) =
                            removable_chip(ui, &p.name, Color32::from_rgb(60, 70, 100));
                        let r = r.interact(egui::Sense::click());
                        let r = r.on_hover_text(format!(
                            "{}{}",
                            p.role.clone().unwrap_or_default(),
                            p.kb_id
                                .as_ref()
                                .map(|k| format!(" ({k})"))
                                .unwrap_or_default()
                        ));
                        if r.clicked() {
                            cmds.push(Command::ShowEvidence(p.evidence.clone()));
                        }
                        if removed {
                            remove_p = Some(i);
                        }
                    }
                });
                if let Some(i) = remove_p {
                    ev.participants.remove(i);
                    f.commit = true;
                }
                let query = new_items.entry(format!("{id}_participant")).or_default();
                ui.horizontal(|ui| {
                    if let Some((span, text)) = from_selection_button(ui, f) {
                        // A selected name the gazetteer knows becomes its canonical participant.
                        let mut p = names.exact(&text).map_or_else(
                            || Participant {
                                name: text.clone(),
                                origin: Origin::Manual,
                                ..Participant::default()
                            },
                            |c| c.participant(),
                        );
                        p.evidence = vec![span];
                        ev.participants.push(p);
                        f.commit = true;
                    }
                    let added =
                        add_box(ui, f, (id, "participant"), query, "add participant…", 180.0);
                    if let Some(typed) = added {
                        // Enter takes the best gazetteer match (canonical name, id, country,
                        // role); a name the gazetteer lacks is kept as typed.
                        let p = names.suggest(&typed, 1).first().map_or_else(
                            || Participant {
                                name: typed.clone(),
                                origin: Origin::Manual,
                                ..Participant::default()
                            },
                            |c| c.participant(),
                        );
                        ev.participants.push(p);
                        f.commit = true;
                    }
                });
                for choice in names.suggest(query, 6) {
                    let clicked = ui
                        .horizontal(|ui| {
                            let b = ui.small_button(format!("+ {}", choice.canonical));
                            if let Some(s) = choice.spellings.first() {
                                text_ports::rtl_label_styled(
                                    ui,
                                    s,
                                    Some(ui.visuals().weak_text_color()),
                                    false,
                                );
                            }
                            b.on_hover_text(choice.role.as_deref().unwrap_or(&choice.label))
                                .clicked()
                        })
                        .inner;
                    if clicked {
                        ev.participants.push(choice.participant());
                        query.clear();
                        f.commit = true;
                    }
                }
            });
            ui.end_row();
            date_row(ui, "Date", &format!("{id}_date"), &mut ev.date, f, cmds);
            value_row(
                ui,
                "Location",
                &format!("{id}_location"),
                &mut ev.location,
                f,
                cmds,
            );

            field_name(
                ui,
                "Duration",
                ev.evidence_of
                    .get("duration_minutes")
                    .map_or(&[], Vec::as_slice),
                cmds,
            );
            ui.horizontal(|ui| {
                let mut known = ev.duration_minutes.is_some();
                if ui.checkbox(&mut known, "").changed() {
                    ev.duration_minutes = known.then_some(ev.duration_minutes.unwrap_or(30));
                    f.commit = true;
                }
                if let Some(m) = ev.duration_minutes.as_mut() {
                    let r = ui.add(egui::DragValue::new(m).range(0..=10_000).suffix(" min"));
                    f.commit |= r.drag_stopped() || r.lost_focus();
                    f.focused |= r.has_focus() || r.dragged();
                }
            });
            ui.end_row();

            field_name(
                ui,
                "Initiator",
                ev.evidence_of.get("initiator").map_or(&[], Vec::as_slice),
                cmds,
            );
            let mut initiator = ev.initiator.clone().unwrap_or_default();
            if f.track(text_ports::rtl_edit(
                ui,
                &format!("{id}_initiator"),
                &mut initiator,
            )) {
                ev.initiator = (!initiator.is_empty()).then_some(initiator);
            }
            ui.end_row();

            field_name(
                ui,
                "First contact",
                ev.evidence_of
                    .get("first_contact")
                    .map_or(&[], Vec::as_slice),
                cmds,
            );
            let mut fc = ev.first_contact;
            egui::ComboBox::from_id_salt((id, "first_contact"))
                .selected_text(match fc {
                    None => "unknown",
                    Some(true) => "yes",
                    Some(false) => "no",
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut fc, None, "unknown");
                    ui.selectable_value(&mut fc, Some(true), "yes");
                    ui.selectable_value(&mut fc, Some(false), "no");
                });
            if fc != ev.first_contact {
                ev.first_contact = fc;
                f.commit = true;
            }
            ui.end_row();
        });
    remove
}
