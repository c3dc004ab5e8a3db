//! A window showing the RTL text engine: a Persian and an Arabic article with entity highlights,
//! evidence, a greyed boilerplate block, a 10,000-row list of labels and two editors.
//!
//! Run: `cargo run --example text_demo --features gui`. Selections, clicks and hovers are also
//! printed to stdout so a scripted drag (xdotool) can be checked.

use eframe::egui;
use khabar::gui::text::{
    ArticleView, GreyedBlock, Highlight, RtlLabel, RtlTextEdit, SelectionChange, TextEngine,
};
use khabar::text::{CharOffset, CharSpan, slice_chars};

const PERSIAN: &str = "به گزارش خبرگزاری مهر، محمدجواد ظریف، وزیر امور خارجه، روز دوشنبه ۱۸ اردیبهشت ۱۳۹۹ در گفت‌وگوی تلفنی با همتای ترکیه‌ای خود، مولود چاووش‌اوغلو، درباره همکاری‌های منطقه‌ای و مقابله با همه‌گیری کرونا (COVID-19) رایزنی کرد.\nدو طرف همچنین بر اجرای تفاهم‌نامه سال 2020 تأکید کردند و وچاووش‌اوغلو از دعوت تهران برای سفری تازه خبر داد.\nاین تماس‌های تلفنی در هفته‌های اخیر بیشتر شده است.";

const ARABIC: &str = "أجرى وزير الخارجية المصري، سامح شكري، اتصالاً هاتفياً مع نظيره الأردني أيمن الصفدي يوم الثلاثاء ١٢ مايو 2020، وبحث الجانبان سبل تعزيز التعاون الثنائي ومواجهة جائحة كورونا (COVID-19).\nوأكد وشكري أن الاتفاق الموقع في عمان سيُنفَّذ بالكامل خلال العام المقبل.";

fn span_of(text: &str, needle: &str) -> CharSpan {
    let b = text.find(needle).unwrap_or(0);
    let start = text[..b].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

struct Demo {
    selection_fa: Option<CharSpan>,
    selection_ar: Option<CharSpan>,
    highlights_fa: Vec<Highlight>,
    highlights_ar: Vec<Highlight>,
    evidence_fa: Vec<CharSpan>,
    greyed: Vec<GreyedBlock>,
    show_greyed: bool,
    status: String,
    field: String,
    notes: String,
    rows: Vec<String>,
}

impl Demo {
    fn new(ctx: &egui::Context) -> Self {
        TextEngine::install(ctx);
        let person = egui::Color32::from_rgb(0xff, 0xd5, 0x4f);
        let loc = egui::Color32::from_rgb(0x81, 0xd4, 0xfa);
        let date = egui::Color32::from_rgb(0xf4, 0x8f, 0xb1);
        let misc = egui::Color32::from_rgb(0xa5, 0xd6, 0xa7);
        let h = |text: &str, needle: &str, color, label: &str, id| Highlight {
            span: span_of(text, needle),
            color,
            label: Some(label.to_owned()),
            id,
        };
        Self {
            selection_fa: None,
            selection_ar: None,
            highlights_fa: vec![
                h(PERSIAN, "محمدجواد ظریف", person, "PERSON", 1),
                h(PERSIAN, "مولود چاووش‌اوغلو", person, "PERSON", 2),
                h(PERSIAN, "۱۸ اردیبهشت ۱۳۹۹", date, "DATE", 3),
                h(PERSIAN, "(COVID-19)", misc, "EVENT", 4),
                h(PERSIAN, "تهران", loc, "LOC", 5),
            ],
            highlights_ar: vec![
                h(ARABIC, "سامح شكري", person, "PERSON", 11),
                h(ARABIC, "أيمن الصفدي", person, "PERSON", 12),
                h(ARABIC, "١٢ مايو 2020", date, "DATE", 13),
                h(ARABIC, "عمان", loc, "LOC", 14),
            ],
            evidence_fa: vec![span_of(PERSIAN, "در گفت‌وگوی تلفنی با همتای ترکیه‌ای خود")],
            greyed: vec![GreyedBlock {
                at: CharOffset(0),
                text: "اشتراک‌گذاری در تلگرام | چاپ خبر".to_owned(),
                id: 100,
            }],
            show_greyed: true,
            status: String::new(),
            field: "مولود چاووش‌اوغلو".to_owned(),
            notes: "یادداشت: تماس در ۱۸ اردیبهشت، COVID-19.".to_owned(),
            rows: (0..10_000)
                .map(|i| format!("سند شماره {i} — گزارش تماس تلفنی"))
                .collect(),
        }
    }

    fn report(
        &mut self,
        which: &str,
        text: &str,
        out: &khabar::gui::text::ArticleViewOutput,
    ) -> Option<Option<CharSpan>> {
        let mut new_sel = None;
        match out.selection {
            SelectionChange::Set(span) => {
                let s = slice_chars(text, span).unwrap_or_default();
                self.status = format!("{which} selection {}..{} «{s}»", span.start.0, span.end.0);
                println!("{}", self.status);
                new_sel = Some(Some(span));
            }
            SelectionChange::Cleared => new_sel = Some(None),
            SelectionChange::Unchanged => {}
        }
        if let Some(id) = out.clicked_highlight {
            self.status = format!("{which} clicked highlight {id}");
            println!("{}", self.status);
        }
        if let Some(id) = out.clicked_greyed {
            self.status = format!("{which} clicked greyed block {id}");
            println!("{}", self.status);
        }
        new_sel
    }
}

impl eframe::App for Demo {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.horizontal(|ui| {
            ui.label("Khabar RTL text engine demo — drag to select (Alt: exact characters)");
            ui.checkbox(&mut self.show_greyed, "show removed boilerplate");
        });
        ui.horizontal(|ui| {
            ui.label("status:");
            // Plain egui labels cannot show Persian; the status holds selected text.
            ui.add(RtlLabel::new(&self.status).size(14.0));
        });
        ui.separator();
        let avail = ui.available_size();
        ui.allocate_ui(egui::vec2(avail.x, avail.y * 0.6), |ui| {
            ui.horizontal_top(|ui| {
                let col_w = (avail.x - 250.0) / 2.0;
                ui.vertical(|ui| {
                    ui.set_width(col_w);
                    ui.set_height(avail.y * 0.55);
                    let greyed: &[GreyedBlock] = if self.show_greyed { &self.greyed } else { &[] };
                    let out = ArticleView::new("fa", PERSIAN)
                        .max_height(avail.y * 0.55)
                        .highlights(&self.highlights_fa)
                        .evidence(&self.evidence_fa)
                        .greyed(greyed)
                        .selection(self.selection_fa)
                        .show(ui);
                    if let Some(id) = out.hovered_highlight {
                        out.response.clone().on_hover_text(format!("entity #{id}"));
                    }
                    if let Some(sel) = self.report("fa", PERSIAN, &out) {
                        self.selection_fa = sel;
                    }
                });
                ui.separator();
                ui.vertical(|ui| {
                    ui.set_width(col_w);
                    ui.set_height(avail.y * 0.55);
                    let out = ArticleView::new("ar", ARABIC)
                        .max_height(avail.y * 0.55)
                        .highlights(&self.highlights_ar)
                        .selection(self.selection_ar)
                        .show(ui);
                    if let Some(sel) = self.report("ar", ARABIC, &out) {
                        self.selection_ar = sel;
                    }
                });
                ui.separator();
                ui.vertical(|ui| {
                    ui.set_width(220.0);
                    ui.label("10,000 rows (show_rows):");
                    let row_h = 24.0;
                    egui::ScrollArea::vertical()
                        .id_salt("rows")
                        .max_height(avail.y * 0.5)
                        .show_rows(ui, row_h, self.rows.len(), |ui, range| {
                            for i in range {
                                if let Some(row) = self.rows.get(i) {
                                    ui.add_sized(
                                        [200.0, row_h],
                                        RtlLabel::new(row).size(13.0).wrap_width(200.0),
                                    );
                                }
                            }
                        });
                });
            })
        });
        ui.separator();
        ui.horizontal(|ui| {
            ui.label("Field:");
            let out = RtlTextEdit::singleline("field", &mut self.field)
                .desired_width(360.0)
                .show(ui);
            if out.changed {
                println!("field: {}", self.field);
            }
            ui.add(RtlLabel::new(&self.field).size(16.0).strong());
        });
        ui.horizontal(|ui| {
            ui.label("Notes:");
            let out = RtlTextEdit::multiline("notes", &mut self.notes, 3)
                .desired_width(600.0)
                .show(ui);
            if out.changed {
                println!("notes: {}", self.notes);
            }
        });
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1380.0, 860.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Khabar text demo",
        options,
        Box::new(|cc| Ok(Box::new(Demo::new(&cc.egui_ctx)))),
    )
}
