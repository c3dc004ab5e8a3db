//! Property tests: decoding and language detection never panic, whatever the bytes.

use std::path::Path;

use khabar::ingest::{InputKind, decode_article_bytes};
use proptest::prelude::*;

/// Bytes biased towards what trips decoders: BOMs, NULs, UTF-16 halves of Arabic letters,
/// UTF-8 lead bytes without their continuation, markup.
fn tricky_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xFE, 0xFF]),
        Just(vec![0x00]),
        Just(vec![0x06, 0x27]),
        Just(vec![0x27, 0x06]),
        Just(vec![0xD8]),
        Just(vec![0xD8, 0xB3]),
        Just(vec![0xDB, 0x8C]),
        Just(b"<meta charset=windows-1256>".to_vec()),
        Just(b"<p>".to_vec()),
        Just(b" ".to_vec()),
    ];
    prop::collection::vec(piece, 0..200).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn text_decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok((text, encoding)) = decode_article_bytes(&bytes, Path::new("p.txt"), InputKind::Text) {
            prop_assert!(!text.trim().is_empty());
            prop_assert!(!text.contains('\0'));
            prop_assert!(!encoding.is_empty());
        }
    }

    #[test]
    fn tricky_bytes_never_panic(bytes in tricky_bytes()) {
        for kind in [InputKind::Text, InputKind::Html] {
            if let Ok((text, _)) = decode_article_bytes(&bytes, Path::new("p"), kind) {
                prop_assert!(!text.trim().is_empty());
                let _ = khabar::lang::detect(&text);
            }
        }
    }

    #[test]
    fn valid_utf8_text_comes_back_unchanged(text in "[ا-ی \n]{1,200}[ا-ی]") {
        let (decoded, encoding) = decode_article_bytes(text.as_bytes(), Path::new("p.txt"), InputKind::Text)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(decoded, text);
        prop_assert_eq!(encoding, "UTF-8");
    }
}
