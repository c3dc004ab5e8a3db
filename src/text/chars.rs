//! Character classes of Arabic-script text that cleaning, extraction and the UI all need.

/// Zero-width non-joiner: joins the parts of one Persian word without joining the letters.
pub const ZWNJ: char = '\u{200C}';

/// True for letters of the Arabic script (Arabic, Persian, Urdu extensions and presentation forms).
#[must_use]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
        && c != '\u{0640}' // tatweel is a stretcher, not a letter
}

/// True for Arabic diacritics (harakat), which sit on a letter and never start a word.
#[must_use]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// True for Arabic-Indic (٠-٩) and Extended Arabic-Indic / Persian (۰-۹) digits.
#[must_use]
pub fn is_eastern_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// The value of an ASCII, Arabic-Indic or Persian digit.
#[must_use]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// True for any decimal digit Khabar reads (ASCII, Arabic-Indic, Persian).
#[must_use]
pub fn is_any_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// True for characters that belong inside a word: letters, marks, digits, ZWNJ.
#[must_use]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_arabic_mark(c) || c == ZWNJ || c == '\u{0640}'
}

/// Strong direction of a character: `Some(true)` for right-to-left letters, `Some(false)` for
/// left-to-right letters, `None` for neutral characters (digits, punctuation, spaces).
#[must_use]
pub fn strong_direction_is_rtl(c: char) -> Option<bool> {
    if is_arabic_letter(c) || matches!(c, '\u{0590}'..='\u{05FF}') {
        Some(true)
    } else if c.is_alphabetic() {
        Some(false)
    } else {
        None
    }
}

/// True when the first strong character of `text` is right-to-left (the Unicode bidi rule P2).
/// Text with no strong character counts as left-to-right.
#[must_use]
pub fn is_rtl_paragraph(text: &str) -> bool {
    text.chars()
        .find_map(strong_direction_is_rtl)
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_arabic_letter('پ'));
        assert!(is_arabic_letter('ی'));
        assert!(is_arabic_letter('ة'));
        assert!(!is_arabic_letter('ـ'));
        // The presentation forms end at U+FEFC; U+FEFF after them is the byte-order mark.
        assert!(is_arabic_letter('\u{FEFC}'));
        assert!(!is_arabic_letter('\u{FEFF}'));
        assert_eq!(digit_value('۷'), Some(7));
        assert_eq!(digit_value('٣'), Some(3));
        assert!(is_word_char(ZWNJ));
        assert!(is_rtl_paragraph("  ۱۸ (سلام) COVID"));
        assert!(!is_rtl_paragraph("Lavrov گفت"));
    }
}
