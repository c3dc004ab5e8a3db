//! Detection's walk 64 bytes at a time, with AVX2.
//!
//! Nearly every byte of an article is ASCII or half of a char of the Arabic block
//! (U+0600..U+06FF, two UTF-8 bytes). The char walk looks each char up on its own, about 20
//! instructions a byte; here 32 bytes are classified at once by table lookups (`vpshufb`) and
//! each class comes out as a bit mask, one bit per byte, on which words are found with bit
//! operations.
//!
//! Hand-written because no crate classifies Arabic-script UTF-8. AVX2 is on every x86-64 CPU
//! of the last ten years and is checked at run time; without it, and on other architectures,
//! detection takes the char walk, which gives the same evidence (a property test holds the two
//! together).
//!
//! A block holding a char these tables do not cover (a letter of another script beyond U+00BF,
//! a symbol beyond U+203F) goes to the char walk too.

use std::arch::x86_64::{
    __m256i, _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
    _mm256_min_epu8, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8, _mm256_setzero_si256,
    _mm256_shuffle_epi8, _mm256_slli_epi16, _mm256_srli_epi16, _mm256_sub_epi8,
};

use super::{
    ARABIC_YEH_KAF_WEIGHT, DIGIT_WEIGHT, Evidence, PERSIAN_ONLY_LETTER_WEIGHT,
    PERSIAN_YEH_KEHEH_WEIGHT, TEH_MARBUTA_WEIGHT, Walk, char_start_from,
};

/// Bytes classified at a time: one bit of a `u64` each.
pub(super) const BLOCK: usize = 64;

/// Whether this CPU has what [`weigh`] is compiled for.
pub(super) fn supported() -> bool {
    std::is_x86_feature_detected!("avx2")
        && std::is_x86_feature_detected!("bmi1")
        && std::is_x86_feature_detected!("lzcnt")
        && std::is_x86_feature_detected!("popcnt")
}

/// The evidence of `text`, in blocks of 64 bytes where the tables cover every char, by the
/// char walk elsewhere and for the last bytes.
///
/// Compiled for AVX2 (and the bit counts that come with it): call only where [`supported`].
#[target_feature(enable = "avx2,bmi1,lzcnt,popcnt")]
pub(super) fn weigh(text: &str) -> Evidence {
    let bytes = text.as_bytes();
    let mut walk = Walk::new(text);
    let mut at = 0;
    // Each block with the byte after it, where the second byte of a char starting at the
    // block's end lies. The char walk starts at a char's first byte and ends after a char.
    while let Some(chunk) = bytes.get(at..at + BLOCK + 1) {
        let Ok(chunk) = <&[u8; BLOCK + 1]>::try_from(chunk) else {
            break;
        };
        match classify(chunk) {
            Some(classes) => {
                walk.block(at, &classes);
                at += BLOCK;
            }
            None => at = walk.chars(char_start_from(bytes, at), at + BLOCK),
        }
    }
    walk.chars(char_start_from(bytes, at), bytes.len());
    walk.finish()
}

/// What the chars that start in one block say; bit `i` of a mask is the byte at `i`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Block {
    /// First bytes of the letters of the Arabic block (each two bytes long).
    pub letters: u64,
    /// First bytes of diacritics and tatweel: inside a word without being part of it.
    pub marks: u64,
    /// First bytes of the chars that end a word: ASCII, the Arabic block's digits and
    /// punctuation, U+0080..U+00BF (no-break space, guillemets) and U+2000..U+203F (ZWNJ,
    /// dashes, quotes, bidi marks).
    pub breaks: u64,
    /// Letters of other scripts among the chars.
    pub other_letters: u32,
    /// Weight of the Persian letters and digits.
    pub persian: u32,
    /// Weight of the Arabic letters and digits.
    pub arabic: u32,
}

/// The classes of the chars starting in `bytes[..BLOCK]`; the last byte is the one after the
/// block. Continuation bytes at the start belong to a char of the block before and count for
/// nothing here.
///
/// `None` when a char that the tables do not classify starts in the block.
#[target_feature(enable = "avx2,bmi1,lzcnt,popcnt")]
fn classify(bytes: &[u8; BLOCK + 1]) -> Option<Block> {
    let (low, high) = (Group::of(bytes, 0), Group::of(bytes, 32));
    let join = |low: u32, high: u32| u64::from(low) | (u64::from(high) << 32);
    if low.uncovered | high.uncovered != 0 {
        return None;
    }
    let latin1 = join(low.latin1, high.latin1);
    Some(Block {
        letters: join(low.letters, high.letters),
        marks: join(low.marks, high.marks),
        breaks: join(low.breaks, high.breaks),
        other_letters: low.other_letters + high.other_letters + latin1_letters(bytes, latin1),
        persian: low.persian + high.persian,
        arabic: low.arabic + high.arabic,
    })
}

/// The letters among the chars U+0080..U+00BF starting at the bits of `latin1`: ª µ º. Looked
/// at one by one, as these chars are few (a no-break space, a guillemet).
fn latin1_letters(bytes: &[u8; BLOCK + 1], mut latin1: u64) -> u32 {
    let mut letters = 0;
    while latin1 != 0 {
        let at = latin1.trailing_zeros() as usize;
        letters += u32::from(matches!(bytes.get(at + 1), Some(0xAA | 0xB5 | 0xBA)));
        latin1 &= latin1 - 1;
    }
    letters
}

/// [`Block`] of 32 bytes, with what the block needs to decide on the char walk.
struct Group {
    letters: u32,
    marks: u32,
    breaks: u32,
    /// First bytes of chars not classified here.
    uncovered: u32,
    /// First bytes of chars U+0080..U+00BF, whose few letters are found one by one.
    latin1: u32,
    other_letters: u32,
    persian: u32,
    arabic: u32,
}

impl Group {
    /// The classes of the chars starting at `bytes[at..at + 32]`.
    #[target_feature(enable = "avx2,bmi1,lzcnt,popcnt")]
    fn of(bytes: &[u8; BLOCK + 1], at: usize) -> Self {
        let load = |from: usize| {
            let mut lanes = [0u8; 32];
            if let Some(src) = bytes.get(from..from + 32) {
                lanes.copy_from_slice(src);
            }
            bytemuck::cast::<[u8; 32], __m256i>(lanes)
        };
        let (this, next) = (load(at), load(at + 1));
        let splat = |b: u8| _mm256_set1_epi8(b as i8);
        let bits = |lanes: __m256i| _mm256_movemask_epi8(lanes) as u32;
        let zero = _mm256_setzero_si256();
        // Lanes where some bit of `mask` is set in `lanes`.
        let any = |lanes: __m256i, mask: u8| {
            !bits(_mm256_cmpeq_epi8(
                _mm256_and_si256(lanes, splat(mask)),
                zero,
            ))
        };

        let arabic_block = _mm256_cmpeq_epi8(_mm256_and_si256(this, splat(0xFC)), splat(0xD8));
        // The low byte of an Arabic-block code point: (first byte & 3) << 6 | (second & 0x3F).
        // Bytes have no shift of their own; a 16-bit shift moves the two low bits of each byte
        // to its top, and the mask drops what came over from the byte below.
        let code = _mm256_or_si256(
            _mm256_and_si256(_mm256_slli_epi16::<6>(this), splat(0xC0)),
            _mm256_and_si256(next, splat(0x3F)),
        );
        // The code's two nibbles index the tables. A row index with its top bit set makes
        // `vpshufb` give 0: lanes outside the Arabic block are in no class.
        let row = _mm256_or_si256(
            _mm256_and_si256(_mm256_srli_epi16::<4>(code), splat(0x0F)),
            _mm256_andnot_si256(arabic_block, splat(0x80)),
        );
        let column = _mm256_and_si256(code, splat(0x0F));
        let lookup = |table: &NibbleTable| {
            _mm256_and_si256(
                _mm256_shuffle_epi8(bytemuck::cast(table.rows), row),
                _mm256_shuffle_epi8(bytemuck::cast(table.columns), column),
            )
        };
        let kinds = lookup(&KINDS);
        let weights = lookup(&WEIGHTS);
        let more_weights = lookup(&MORE_WEIGHTS);

        let arabic_block = bits(arabic_block);
        let plain = bits(_mm256_cmpeq_epi8(kinds, zero));
        let marks = arabic_block & any(kinds, MARK_BITS);
        let high = bits(this);
        // Bytes 0xC0..=0xFF are -64..=-1 as i8; continuation bytes are below, ASCII above.
        let lead = high & bits(_mm256_cmpgt_epi8(this, splat(0xBF)));
        let latin1 = bits(_mm256_cmpeq_epi8(this, splat(0xC2)));
        let punctuation = bits(_mm256_cmpeq_epi8(this, splat(0xE2)));
        let then_80 = bits(_mm256_cmpeq_epi8(next, splat(0x80)));
        let ascii_letter = {
            let offset = _mm256_sub_epi8(_mm256_or_si256(this, splat(0x20)), splat(b'a'));
            bits(_mm256_cmpeq_epi8(
                _mm256_min_epu8(offset, splat(25)),
                offset,
            ))
        };
        let count = |mask: u32, weight: u8| mask.count_ones() * u32::from(weight);
        Self {
            letters: arabic_block & plain,
            marks,
            breaks: !high | latin1 | punctuation | (arabic_block & !plain & !marks),
            uncovered: (lead & !arabic_block & !latin1 & !punctuation) | (punctuation & !then_80),
            latin1,
            other_letters: ascii_letter.count_ones() + any(more_weights, ALPHABETIC).count_ones(),
            persian: count(any(weights, PERSIAN_ONLY), PERSIAN_ONLY_LETTER_WEIGHT)
                + count(any(weights, YEH_KEHEH), PERSIAN_YEH_KEHEH_WEIGHT)
                + count(any(weights, PERSIAN_DIGIT), DIGIT_WEIGHT),
            arabic: count(any(weights, TEH_MARBUTA), TEH_MARBUTA_WEIGHT)
                + count(any(more_weights, ARABIC_WEAK), ARABIC_YEH_KAF_WEIGHT)
                + count(any(more_weights, ARABIC_DIGIT), DIGIT_WEIGHT),
        }
    }
}

/// A class of the Arabic block's 256 codes as a union of up to eight rectangles of (high
/// nibble, low nibble): bit `k` of `rows[h]` and of `columns[l]` are both set when rectangle `k`
/// holds code `h << 4 | l`. Both halves of each vector hold the same sixteen bytes, as
/// `vpshufb` looks up within each half.
struct NibbleTable {
    rows: [u8; 32],
    columns: [u8; 32],
}

/// An inclusive range of nibbles.
type Nibbles = (u8, u8);

impl NibbleTable {
    /// The table of `rectangles`, each `(bit, rows, columns)` with rows and columns as
    /// inclusive ranges of nibbles.
    const fn new(rectangles: &[(u8, Nibbles, Nibbles)]) -> Self {
        let (mut rows, mut columns) = ([0u8; 32], [0u8; 32]);
        let mut i = 0;
        while i < rectangles.len() {
            let (bit, (first_row, last_row), (first_column, last_column)) = rectangles[i];
            let mut nibble = 0;
            while nibble < 16 {
                if first_row <= nibble && nibble <= last_row {
                    rows[nibble as usize] |= bit;
                    rows[nibble as usize + 16] |= bit;
                }
                if first_column <= nibble && nibble <= last_column {
                    columns[nibble as usize] |= bit;
                    columns[nibble as usize + 16] |= bit;
                }
                nibble += 1;
            }
            i += 1;
        }
        Self { rows, columns }
    }
}

/// Marks (bits 0..=3) and other chars (bits 4..=7) of the Arabic block; letters are the codes
/// in neither (see `is_arabic_letter` and `is_arabic_mark`).
const MARK_BITS: u8 = 0x0F;
const KINDS: NibbleTable = NibbleTable::new(&[
    // Marks: tatweel U+0640, harakat U+064B..U+065F, Quranic marks U+06D6..U+06ED.
    (1 << 0, (0x4, 0x4), (0x0, 0x0)),
    (1 << 0, (0x4, 0x4), (0xB, 0xF)),
    (1 << 1, (0x5, 0x5), (0x0, 0xF)),
    (1 << 2, (0xD, 0xD), (0x6, 0xF)),
    (1 << 3, (0xE, 0xE), (0x0, 0xD)),
    // Others: signs and punctuation U+0600..U+061F, digits and signs U+0660..U+066D,
    // full stop U+06D4, Persian digits U+06F0..U+06F9, signs U+06FD..U+06FE.
    (1 << 4, (0x0, 0x1), (0x0, 0xF)),
    (1 << 5, (0x6, 0x6), (0x0, 0xD)),
    (1 << 6, (0xD, 0xD), (0x4, 0x4)),
    (1 << 7, (0xF, 0xF), (0x0, 0x9)),
    (1 << 7, (0xF, 0xF), (0xD, 0xE)),
]);

const PERSIAN_ONLY: u8 = 0x0F;
const YEH_KEHEH: u8 = 0x30;
const PERSIAN_DIGIT: u8 = 0x40;
const TEH_MARBUTA: u8 = 0x80;
const WEIGHTS: NibbleTable = NibbleTable::new(&[
    // پ چ ژ گ
    (1 << 0, (0x7, 0x7), (0xE, 0xE)),
    (1 << 1, (0x8, 0x8), (0x6, 0x6)),
    (1 << 2, (0x9, 0x9), (0x8, 0x8)),
    (1 << 3, (0xA, 0xA), (0xF, 0xF)),
    // ک ی
    (1 << 4, (0xA, 0xA), (0x9, 0x9)),
    (1 << 5, (0xC, 0xC), (0xC, 0xC)),
    // ۰..۹
    (1 << 6, (0xF, 0xF), (0x0, 0x9)),
    // ة
    (1 << 7, (0x2, 0x2), (0x9, 0x9)),
]);

const ARABIC_WEAK: u8 = 0x01;
const ARABIC_DIGIT: u8 = 0x02;
const ALPHABETIC: u8 = 0x04;
const MORE_WEIGHTS: NibbleTable = NibbleTable::new(&[
    // ك ى ي
    (1 << 0, (0x4, 0x4), (0x3, 0x3)),
    (1 << 0, (0x4, 0x4), (0x9, 0xA)),
    // ٠..٩
    (1 << 1, (0x6, 0x6), (0x0, 0x9)),
    // Honorific signs U+0610..U+061A: not letters of a word, yet alphabetic.
    (1 << 2, (0x1, 0x1), (0x0, 0xA)),
]);

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of article text (Persian and Arabic letters and digits, marks, ZWNJ, guillemets,
    /// no-break spaces, ASCII) are classified here, not sent to the char walk: the walk would
    /// give the same evidence, only slower, so no evidence test would notice.
    #[test]
    fn article_text_is_classified_in_blocks() {
        if !supported() {
            eprintln!("no AVX2 on this CPU: detection walks char by char");
            return;
        }
        let text = "وزیر امور خارجه «روسیه» در تماس\u{200C}های تلفنی ۱۴۰۳ گفت، \u{00A0}\
                    وزير الخارجية الروسي قال إن ٢٠٢٤ مُهِمّة — Lavrov (2024).\r\n";
        let text = text.repeat(4);
        let bytes = text.as_bytes();
        for start in (0..bytes.len() - BLOCK).filter(|&i| text.is_char_boundary(i)) {
            let chunk =
                <&[u8; BLOCK + 1]>::try_from(&bytes[start..=start + BLOCK]).expect("65 bytes");
            // SAFETY: `supported` has found the features `classify` is compiled for.
            let classes = unsafe { classify(chunk) };
            assert!(classes.is_some(), "block at {start} went to the char walk");
        }
    }

    /// A letter of another script beyond U+00BF sends its block to the char walk.
    #[test]
    fn uncovered_chars_leave_the_block_to_the_walk() {
        if !supported() {
            return;
        }
        for c in ['é', '€', '\u{FEF0}', '𝐀', '\u{0750}'] {
            let text = format!("{}{c}{}", "ب".repeat(10), "ب".repeat(40));
            let chunk = <&[u8; BLOCK + 1]>::try_from(&text.as_bytes()[..=BLOCK]).expect("65 bytes");
            // SAFETY: as above.
            assert_eq!(unsafe { classify(chunk) }, None, "{c:?}");
        }
    }
}
