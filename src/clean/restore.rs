//! Moving spans when the removed pieces of a document change.

use crate::model::Fields;
use crate::text::CharSpan;

fn map_spans(spans: &[CharSpan], f: &dyn Fn(CharSpan) -> Option<CharSpan>) -> Vec<CharSpan> {
    spans.iter().filter_map(|s| f(*s)).collect()
}

pub(crate) fn map_fields(fields: &Fields, f: &dyn Fn(CharSpan) -> Option<CharSpan>) -> Fields {
    let mut out = fields.clone();
    let values = out
        .headline
        .iter_mut()
        .chain(out.news_id.iter_mut())
        .chain(out.outlet.iter_mut())
        .chain(out.agencies.iter_mut())
        .chain(out.tags.iter_mut())
        .chain(out.topics.iter_mut());
    for v in values {
        v.evidence = map_spans(&v.evidence, f);
    }
    if let Some(d) = out.published.as_mut() {
        d.evidence = map_spans(&d.evidence, f);
    }
    for ev in &mut out.events {
        ev.evidence = map_spans(&ev.evidence, f);
        for spans in ev.evidence_of.values_mut() {
            *spans = map_spans(spans, f);
        }
        for p in &mut ev.participants {
            p.evidence = map_spans(&p.evidence, f);
        }
        if let Some(d) = ev.date.as_mut() {
            d.evidence = map_spans(&d.evidence, f);
        }
        if let Some(l) = ev.location.as_mut() {
            l.evidence = map_spans(&l.evidence, f);
        }
        for t in &mut ev.topics {
            t.evidence = map_spans(&t.evidence, f);
        }
    }
    out
}
