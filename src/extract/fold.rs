//! Letter folding for matching: a copy of the text in which spelling variants of one letter
//! become one letter, with every byte offset unchanged.
//!
//! Persian and Arabic spell the same name with different code points (ي/ی, ك/ک, أ/ا, ة/ه).
//! Matching on a folded copy lets one gazetteer spelling find them all. Every replacement
//! here is two UTF-8 bytes for two UTF-8 bytes, so a byte offset found in the folded copy is
//! the same byte offset in the original; that is why folding is hand-written and limited to
//! these pairs instead of using a general Unicode normalizer (which changes lengths).

use std::sync::LazyLock;

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
    // Folding is paid on every document, so it reads bytes: only ASCII capitals and two-byte
    // chars led by 0xD8, 0xD9 or 0xDB (where every folded letter lives) can change, and the
    // runs between changes are copied whole.
    let table = &*PAIRS;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (folded, len) = if b < 0x80 {
            (
                b.is_ascii_uppercase()
                    .then(|| char::from(b.to_ascii_lowercase())),
                1,
            )
        } else if b & 0xFC == 0xD8 {
            // Lead bytes 0xD8-0xDB: a two-byte char; its slot in the table is the lead's low
            // two bits and the second byte's low six.
            let slot = (usize::from(b & 0x03) << 6)
                | usize::from(bytes.get(i + 1).map_or(0, |c| c & 0x3F));
            (table.get(slot).copied().flatten(), 2)
        } else {
            (None, 1)
        };
        if let Some(f) = folded {
            out.push_str(text.get(copied..i).unwrap_or(""));
            out.push(f);
            copied = i + len;
        }
        i += len;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// What the two-byte char `lead next` folds to, when that differs (and keeps the length);
/// `lead` must be 0xD8-0xDB, where every folded letter lives.
#[inline]
pub(crate) fn fold_two_byte(lead: u8, next: u8) -> Option<char> {
    let slot = (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F);
    PAIRS.get(slot).copied().flatten()
}

/// For each two-byte char led by 0xD8-0xDB (slot: the lead's low two bits, then the second
/// byte's low six): what it folds to, when that differs and keeps the length. Built from
/// [`fold_char`], so the table and the rule cannot disagree.
static PAIRS: LazyLock<Vec<Option<char>>> = LazyLock::new(|| {
    (0u32..256)
        .map(|slot| {
            let code = ((0x18 | (slot >> 6)) << 6) | (slot & 0x3F);
            let c = char::from_u32(code)?;
            let f = fold_char(c);
            (f != c && f.len_utf8() == 2).then_some(f)
        })
        .collect()
});

/// [`fold`] char by char: the reference the byte-level version is tested against.
#[cfg(test)]
fn fold_by_char(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (b, c) in text.char_indices() {
        let f = fold_char(c);
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

    #[test]
    fn byte_level_fold_matches_char_by_char_fold() {
        let mut all = String::new();
        // Every char of the Arabic blocks and ASCII, and a few others, alone and together.
        for c in (0x20..0x7F)
            .chain(0x0600..0x0700)
            .chain([0x200C, 0xFB8A, 0x1F600])
        {
            if let Some(c) = char::from_u32(c) {
                all.push(c);
                assert_eq!(fold(&c.to_string()), fold_by_char(&c.to_string()), "{c:?}");
            }
        }
        assert_eq!(fold(&all), fold_by_char(&all));
        let t = "أمريكا وروسيا MAY ٢٠٢٤ ۀ ة ك ي ى ؤ إ آ ٱ 😀 Ärger\u{200c}x";
        assert_eq!(fold(t), fold_by_char(t));
    }
}
