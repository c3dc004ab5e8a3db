//! Headless egui_kittest checks of the RTL text widgets: word-snapped drags on Persian and Arabic
//! names (at 1x and 2x pixels-per-point), clitics left out, clicks on highlights, ligature hits,
//! wrapped highlights, and typing with visual-order arrows in `RtlTextEdit`.

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect};
use egui_kittest::Harness;
use khabar::gui::text::{ArticleView, Highlight, RtlTextEdit, SelectionChange};
use khabar::text::{CharSpan, slice_chars};

/// Our own fixture: a Persian and an Arabic paragraph.
const ARTICLE: &str = "به گزارش خبرنگار ما، مولود چاووش‌اوغلو روز سه‌شنبه با وزیر خارجه ایران گفت‌وگو کرد و وچاووش‌اوغلو از تماس‌های تازه خبر داد.\nالتقى الوزير الأردني أيمن الصفدي في عمان نظيره الإسباني، واستقبل وبوريل وفد الاتحاد الأوروبي للاتفاق على خطة مشتركة.";

fn span_of(needle: &str) -> CharSpan {
    let b = ARTICLE.find(needle).expect("needle in fixture");
    let start = ARTICLE[..b].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

#[derive(Default)]
struct State {
    selection: Option<CharSpan>,
    clicked: Option<u64>,
    hovered: Option<u64>,
    double_clicked: Option<CharSpan>,
    probes: Vec<CharSpan>,
    probe_rects: Vec<Vec<Rect>>,
    highlights: Vec<Highlight>,
}

fn article_harness(ppp: f32, width: f32) -> Harness<'static, State> {
    let state = State {
        highlights: vec![Highlight {
            span: span_of("أيمن الصفدي"),
            color: egui::Color32::YELLOW,
            label: Some("PERSON".to_owned()),
            id: 42,
        }],
        ..State::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, 600.0))
        .with_pixels_per_point(ppp)
        // Real frame times, so that two clicks in a row make a double-click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, state: &mut State| {
                let out = ArticleView::new("article", ARTICLE)
                    .highlights(&state.highlights)
                    .selection(state.selection)
                    .show(ui);
                match out.selection {
                    SelectionChange::Set(s) => state.selection = Some(s),
                    SelectionChange::Cleared => state.selection = None,
                    SelectionChange::Unchanged => {}
                }
                if out.clicked_highlight.is_some() {
                    state.clicked = out.clicked_highlight;
                }
                state.hovered = out.hovered_highlight;
                if out.double_clicked_word.is_some() {
                    state.double_clicked = out.double_clicked_word;
                }
                state.probe_rects = state.probes.iter().map(|s| out.span_rects(*s)).collect();
            },
            state,
        );
    harness.run();
    harness
}

/// Rectangles of one character of the article.
fn char_rect(harness: &mut Harness<'static, State>, at: usize) -> Rect {
    harness.state_mut().probes = vec![CharSpan::new(at, at + 1)];
    harness.run();
    let rects = harness
        .state()
        .probe_rects
        .first()
        .cloned()
        .unwrap_or_default();
    assert!(!rects.is_empty(), "char {at} is on screen");
    rects[0]
}

fn drag(harness: &mut Harness<'static, State>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    crate::app_common::drag(harness, from, to, modifiers);
    harness.run();
}

fn click(harness: &mut Harness<'static, State>, at: Pos2) {
    harness.hover_at(at);
    harness.step();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

/// Drag from inside the first character of `word` to inside its last one.
fn drag_word(harness: &mut Harness<'static, State>, span: CharSpan, modifiers: Modifiers) {
    let first = char_rect(harness, span.start.0);
    let last = char_rect(harness, span.end.0 - 1);
    drag(harness, first.center(), last.center(), modifiers);
}

fn selected(harness: &Harness<'static, State>) -> Option<String> {
    harness
        .state()
        .selection
        .and_then(|s| slice_chars(ARTICLE, s))
        .map(str::to_owned)
}

#[test]
fn drag_selects_persian_and_arabic_names_at_1x_and_2x() {
    for ppp in [1.0, 2.0] {
        let mut h = article_harness(ppp, 700.0);
        let name = span_of("مولود چاووش‌اوغلو");
        // Start a little inside the word, end a little inside: snapping gives the whole name.
        drag_word(
            &mut h,
            CharSpan::new(name.start.0 + 1, name.end.0 - 1),
            Modifiers::NONE,
        );
        assert_eq!(
            h.state().selection,
            Some(name),
            "ppp {ppp}: {:?}",
            selected(&h)
        );

        let name = span_of("أيمن الصفدي");
        drag_word(&mut h, name, Modifiers::NONE);
        assert_eq!(
            h.state().selection,
            Some(name),
            "ppp {ppp}: {:?}",
            selected(&h)
        );
    }
}

#[test]
fn clitic_before_the_drag_start_stays_out() {
    for ppp in [1.0, 2.0] {
        let mut h = article_harness(ppp, 700.0);
        // Persian: «وچاووش‌اوغلو», drag starting on the چ.
        let word = span_of("وچاووش‌اوغلو");
        drag_word(
            &mut h,
            CharSpan::new(word.start.0 + 1, word.end.0),
            Modifiers::NONE,
        );
        assert_eq!(selected(&h).as_deref(), Some("چاووش‌اوغلو"), "ppp {ppp}");
        // Arabic: «وبوريل», drag starting on the ب.
        let word = span_of("وبوريل");
        drag_word(
            &mut h,
            CharSpan::new(word.start.0 + 1, word.end.0),
            Modifiers::NONE,
        );
        assert_eq!(selected(&h).as_deref(), Some("بوريل"), "ppp {ppp}");
        // Starting on the و itself keeps it.
        drag_word(&mut h, word, Modifiers::NONE);
        assert_eq!(selected(&h).as_deref(), Some("وبوريل"), "ppp {ppp}");
    }
}

#[test]
fn copy_puts_the_selected_text_on_the_clipboard() {
    let mut h = article_harness(1.0, 700.0);
    let name = span_of("أيمن الصفدي");
    drag_word(&mut h, name, Modifiers::NONE);
    assert_eq!(h.state().selection, Some(name));
    h.event(Event::Copy);
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        });
    assert_eq!(copied.as_deref(), Some("أيمن الصفدي"));
}

#[test]
fn alt_drag_selects_exact_characters() {
    let mut h = article_harness(1.0, 700.0);
    let word = span_of("تماس‌های");
    // From the second character to the fourth: no snapping to the word.
    drag_word(
        &mut h,
        CharSpan::new(word.start.0 + 1, word.start.0 + 4),
        Modifiers::ALT,
    );
    assert_eq!(
        h.state().selection,
        Some(CharSpan::new(word.start.0 + 1, word.start.0 + 4))
    );
}

#[test]
fn click_on_highlight_reports_its_id_and_hover_too() {
    let mut h = article_harness(1.0, 700.0);
    let name = span_of("أيمن الصفدي");
    let r = char_rect(&mut h, name.start.0 + 2);
    h.hover_at(r.center());
    h.run();
    assert_eq!(h.state().hovered, Some(42));
    click(&mut h, r.center());
    assert_eq!(h.state().clicked, Some(42));
    // A click on plain text reports nothing.
    h.state_mut().clicked = None;
    let other = span_of("خبرنگار");
    let r = char_rect(&mut h, other.start.0 + 1);
    click(&mut h, r.center());
    assert_eq!(h.state().clicked, None);
}

#[test]
fn double_click_selects_a_zwnj_word() {
    let mut h = article_harness(1.0, 700.0);
    let word = span_of("تماس‌های");
    let r = char_rect(&mut h, word.start.0 + 5);
    click(&mut h, r.center());
    click(&mut h, r.center());
    assert_eq!(h.state().double_clicked, Some(word));
    assert_eq!(h.state().selection, Some(word));
}

#[test]
fn clicks_inside_a_lam_alef_ligature_give_whole_characters() {
    for ppp in [1.0, 2.0] {
        let mut h = article_harness(ppp, 700.0);
        let word = span_of("للاتفاق");
        // «للاتفاق» = ل ل ا ت ف ا ق; the second ل and the ا form one glyph.
        let lam = char_rect(&mut h, word.start.0 + 1);
        let alef = char_rect(&mut h, word.start.0 + 2);
        let ligature = lam.union(alef);
        for frac in [0.1, 0.3, 0.5, 0.7, 0.9] {
            let x = ligature.min.x + ligature.width() * frac;
            let p = egui::pos2(x, ligature.center().y);
            h.state_mut().double_clicked = None;
            // Let the double-click window of the previous iteration's clicks pass.
            h.run_steps(30);
            click(&mut h, p);
            click(&mut h, p);
            assert_eq!(
                h.state().double_clicked,
                Some(word),
                "ppp {ppp}, frac {frac}: double-click inside the ligature picks the word"
            );
            // Exact (Alt) one-character drag inside the ligature stays on char boundaries.
            drag(&mut h, p, p + egui::vec2(1.0, 0.0), Modifiers::ALT);
            if let Some(sel) = h.state().selection {
                assert!(slice_chars(ARTICLE, sel).is_some());
                assert!(word.contains_span(&sel), "{sel:?} inside {word:?}");
            }
        }
    }
}

#[test]
fn highlight_wraps_from_row_end_to_next_row_start_in_rtl() {
    // Narrow enough that the Persian paragraph wraps several times.
    let mut h = article_harness(1.0, 260.0);
    let para_end = ARTICLE
        .find('\n')
        .map(|b| ARTICLE[..b].chars().count())
        .unwrap_or(0);
    // Find a span of two words that crosses a row boundary.
    let words: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = None;
        for (i, c) in ARTICLE.chars().enumerate().take(para_end) {
            match (c == ' ', start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    v.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        v
    };
    // One rectangle per row for the whole paragraph: each row's extent.
    h.state_mut().probes = vec![CharSpan::new(0, para_end)];
    h.run();
    let rows = h.state().probe_rects[0].clone();
    assert!(rows.len() >= 3, "the paragraph wraps: {rows:?}");
    let row_of = |r: &Rect| {
        rows.iter()
            .find(|row| (row.center().y - r.center().y).abs() < 1.0)
            .copied()
            .expect("rect lies on a row")
    };
    let mut checked = false;
    for pair in words.windows(2) {
        let span = CharSpan::new(pair[0].0, pair[1].1);
        h.state_mut().probes = vec![span];
        h.run();
        let rects = h.state().probe_rects[0].clone();
        if rects.len() == 2 {
            let (a, b) = (rects[0], rects[1]);
            assert!(b.min.y > a.min.y, "second part on the next row");
            // RTL: the first word ends its row at the row's left end, the second word starts
            // the next row at its right end.
            let (ra, rb) = (row_of(&a), row_of(&b));
            assert!(
                (a.min.x - ra.min.x).abs() < 1.0,
                "{a:?} at the left end of {ra:?}"
            );
            assert!(
                (b.max.x - rb.max.x).abs() < 1.0,
                "{b:?} at the right end of {rb:?}"
            );
            assert!(rb.max.x > 200.0, "RTL rows are right-aligned: {rb:?}");
            checked = true;
            break;
        }
    }
    assert!(checked, "some two-word span wraps at this width");
}

#[test]
fn scroll_to_brings_a_far_span_into_view_and_greyed_blocks_report_clicks() {
    use khabar::gui::text::GreyedBlock;
    use khabar::text::CharOffset;
    // 60 paragraphs; the target word is in the last one, far below the fold.
    let mut text = String::new();
    for i in 0..60 {
        text.push_str(&format!(
            "بند {i}: دو طرف درباره همکاری‌های منطقه‌ای گفت‌وگو کردند.\n"
        ));
    }
    text.push_str("در پایان، هیئت اقتصادی به اصفهان رفت.");
    let b = text.find("اصفهان").expect("target");
    let start = text[..b].chars().count();
    let target = CharSpan::new(start, start + "اصفهان".chars().count());
    let greyed = vec![GreyedBlock {
        at: CharOffset(0),
        text: "اشتراک‌گذاری | چاپ".to_owned(),
        id: 7,
    }];

    struct S {
        text: String,
        greyed: Vec<GreyedBlock>,
        scroll: Option<CharSpan>,
        rects: Vec<Rect>,
        greyed_clicked: Option<u64>,
        viewport: Rect,
    }
    let mut h = Harness::builder()
        .with_size(egui::vec2(500.0, 300.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            move |ui, s: &mut S| {
                s.viewport = ui.clip_rect();
                let out = ArticleView::new("long", &s.text)
                    .greyed(&s.greyed)
                    .scroll_to(s.scroll.take())
                    .show(ui);
                s.rects = out.span_rects(target);
                if out.clicked_greyed.is_some() {
                    s.greyed_clicked = out.clicked_greyed;
                }
            },
            S {
                text,
                greyed,
                scroll: None,
                rects: Vec::new(),
                greyed_clicked: None,
                viewport: Rect::NOTHING,
            },
        );
    h.run();
    assert!(h.state().rects.is_empty(), "target starts out of view");
    // The greyed block is first; click its middle.
    let top = h.state().viewport.min;
    click_any(&mut h, top + egui::vec2(250.0, 22.0));
    assert_eq!(h.state().greyed_clicked, Some(7));

    h.state_mut().scroll = Some(target);
    h.run();
    h.run_steps(30);
    let rects = h.state().rects.clone();
    assert!(!rects.is_empty(), "target laid out after scroll_to");
    let viewport = h.state().viewport;
    assert!(
        rects.iter().all(|r| viewport.contains_rect(*r)),
        "{rects:?} inside {viewport:?}"
    );
}

fn click_any<S>(harness: &mut Harness<'static, S>, at: Pos2) {
    harness.hover_at(at);
    harness.step();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

#[derive(Default)]
struct EditState {
    text: String,
    rect: Option<Rect>,
    changes: usize,
}

fn edit_harness(initial: &str) -> Harness<'static, EditState> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(400.0, 120.0))
        .build_ui_state(
            |ui, s: &mut EditState| {
                let out = RtlTextEdit::singleline("field", &mut s.text)
                    .desired_width(380.0)
                    .accessible_name("Field value")
                    .show(ui);
                s.rect = Some(out.response.rect);
                if out.changed {
                    s.changes += 1;
                }
            },
            EditState {
                text: initial.to_owned(),
                ..EditState::default()
            },
        );
    h.run();
    let rect = h.state().rect.expect("field shown");
    h.hover_at(rect.center());
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: rect.center(),
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    h
}

#[test]
fn typing_and_visual_arrows_in_rtl_text_edit() {
    let mut h = edit_harness("");
    h.event(Event::Text("سلام".to_owned()));
    h.run();
    assert_eq!(h.state().text, "سلام");
    // The caret is at the logical end (visually leftmost). Right moves visually right, which in
    // RTL text is logically backwards: the caret lands between ا and م.
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(h.state().text, "سلم");
    // Left moves back to the logical end; typing appends there.
    h.key_press(Key::ArrowLeft);
    h.run();
    h.event(Event::Text("ت".to_owned()));
    h.run();
    assert_eq!(h.state().text, "سلمت");
    assert!(h.state().changes >= 3);
}

#[test]
fn typing_and_arrows_in_ltr_text_edit_and_select_all_cut() {
    let mut h = edit_harness("");
    h.event(Event::Text("abc".to_owned()));
    h.run();
    h.key_press(Key::ArrowLeft);
    h.run();
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(h.state().text, "ac");
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().text, "a");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(Event::Cut);
    h.run();
    assert_eq!(h.state().text, "");
    h.event(Event::Paste("متن\nجدید".to_owned()));
    h.run();
    assert_eq!(
        h.state().text,
        "متن جدید",
        "single line: newline pasted as a space"
    );
}

#[test]
fn shift_arrows_select_and_typing_replaces_selection() {
    let mut h = edit_harness("گفت‌وگو");
    // Caret at the logical end; Shift+Right (visually right = logically back) three times.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
        h.run();
    }
    h.event(Event::Text("ش".to_owned()));
    h.run();
    assert_eq!(h.state().text, "گفت‌ش");
}
