//! Letter folding for matching: a copy of the text in which spelling variants of one letter
//! become one letter, with every byte offset unchanged.
//!
//! Persian and Arabic spell the same name with different code points (ي/ی, ك/ک, أ/ا, ة/ه).
//! Matching on a folded copy lets one gazetteer spelling find them all. Every replacement
//! here is two UTF-8 bytes for two UTF-8 bytes, so a byte offset found in the folded copy is
//! the same byte offset in the original; that is why folding is hand-written and limited to
//! these pairs instead of using a general Unicode normalizer (which changes lengths).

/// Folds one char to its matching form; the result always has the same UTF-8 length.
#[must_use]
pub fn fold_char(c: char) -> char {
    match c {
        'ي' | 'ى' => 'ی',
        'ك' => 'ک',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' | 'ۀ' => 'ه',
        'ؤ' => 'و',
        '٠'..='٩' => char::from_u32(c as u32 - 0x0660 + 0x06F0).unwrap_or(c),
        _ => c.to_ascii_lowercase(),
    }
}

/// The folded copy of `text`, byte-for-byte aligned with it.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Runs of chars that fold to themselves (most of any text) are copied as one slice
    // instead of char by char: folding is paid on every document.
    let mut copied = 0;
    for (b, c) in text.char_indices() {
        let f = fold_char(c);
        // Keep the alignment guarantee even for a char the table maps wrongly.
        if f != c && f.len_utf8() == c.len_utf8() {
            out.push_str(text.get(copied..b).unwrap_or(""));
            out.push(f);
            copied = b + c.len_utf8();
        }
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_byte_length_and_unifies_letters() {
        let t = "أمريكا وروسيا ارديبهشت ٣٠ مکالمة";
        let f = fold(t);
        assert_eq!(f.len(), t.len());
        assert_eq!(fold("ارديبهشت"), fold("اردیبهشت"));
        assert_eq!(fold("أمريكا"), "امریکا");
        assert!(f.contains("۳۰"));
    }
}
