//! A date as the analyst types or selects it ("۱۸ اردیبهشت ۱۳۹۹", "1399/02/18",
//! "٧ مايو ٢٠٢٠"), read into its Gregorian day and calendar by the same date finder that
//! extraction uses, so the fields panel never converts calendars on its own.

use std::sync::OnceLock;

use crate::model::{DateValue, Language, Origin};

use super::dates::{DateFinder, published_from_line};

/// The date finder, built once: its patterns take a few milliseconds to compile, and the panel
/// calls this on every keystroke in a date field.
fn finder() -> Option<&'static DateFinder> {
    static FINDER: OnceLock<Option<DateFinder>> = OnceLock::new();
    FINDER.get_or_init(|| DateFinder::new().ok()).as_ref()
}

/// Read `written` (in an article of `lang`) as a full date. `None` when it does not state a
/// whole day (a month name alone, a typo, an impossible day such as 31 Esfand 1399).
#[must_use]
pub fn interpret_written_date(written: &str, lang: Language) -> Option<DateValue> {
    let line = written.trim();
    if line.is_empty() || line.contains('\n') {
        return None;
    }
    let mut value = published_from_line(finder()?, line, lang)?;
    value.original = Some(line.to_owned());
    value.origin = Origin::Manual;
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Calendar;

    fn read(s: &str, lang: Language) -> Option<(String, Option<Calendar>)> {
        interpret_written_date(s, lang).map(|v| (v.value, v.calendar))
    }

    #[test]
    fn jalali_hijri_and_gregorian_dates_as_typed() {
        assert_eq!(
            read("۱۸ اردیبهشت ۱۳۹۹", Language::Fa),
            Some(("2020-05-07".into(), Some(Calendar::Jalali)))
        );
        assert_eq!(
            read("  ۲۵ آذر ۱۴۰۲ ", Language::Fa),
            Some(("2023-12-16".into(), Some(Calendar::Jalali)))
        );
        assert_eq!(
            read("7 مايو 2020", Language::Ar),
            Some(("2020-05-07".into(), Some(Calendar::Gregorian)))
        );
    }

    #[test]
    fn text_that_is_not_a_whole_day_is_not_a_date() {
        assert_eq!(read("اردیبهشت", Language::Fa), None);
        assert_eq!(read("", Language::Fa), None);
        assert_eq!(read("۳۱ اسفند ۱۳۹۹", Language::Fa), None);
        assert_eq!(read("سلام\n۱۸ اردیبهشت ۱۳۹۹", Language::Fa), None);
    }
}
