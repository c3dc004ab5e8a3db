//! Reading article files: odd but valid encodings decode to the right text, hostile files give
//! the right error, and no source file is ever changed.

use std::fs;
use std::path::{Path, PathBuf};

use encoding_rs::{ISO_8859_6, WINDOWS_1256};
use khabar::ingest::{IngestError, InputKind, Limits, decode_article_bytes, read_article};
use khabar::lang;
use khabar::model::{Language, SourceFormat};
use sha2::{Digest, Sha256};

/// A Persian paragraph written for these tests.
const PERSIAN: &str = "وزیر امور خارجه ایران در گفت‌وگوی تلفنی با همتای ترکیه‌ای خود درباره آخرین \
تحولات منطقه و همکاری‌های دوجانبه رایزنی کرد. دو طرف بر ادامه گفت‌وگوها تأکید کردند و قرار شد \
نشست کمیسیون مشترک اقتصادی ماه آینده در آنکارا برگزار شود.";

/// An Arabic paragraph written for these tests.
const ARABIC: &str = "أجرى وزير الخارجية السعودي اتصالا هاتفيا بنظيره الكويتي، بحث خلاله العلاقات \
الثنائية بين البلدين الشقيقين وسبل تعزيزها في مختلف المجالات. كما تناول الاتصال التطورات الإقليمية \
والدولية التي تهم البلدين، وأكد الجانبان على أهمية التنسيق المشترك.";

fn sha(path: &Path) -> Vec<u8> {
    Sha256::digest(fs::read(path).unwrap_or_default()).to_vec()
}

/// Writes `bytes` to `name` in `dir`, reads it as an article, and checks the file is unchanged.
fn read_written(
    dir: &Path,
    name: &str,
    bytes: &[u8],
) -> Result<khabar::ingest::RawArticle, IngestError> {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write fixture");
    let before = sha(&path);
    let result = read_article(&path, &Limits::default());
    assert_eq!(sha(&path), before, "{name}: the source file changed");
    result
}

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = encoding.encode(text);
    assert_eq!(used, encoding, "encoding_rs fell back to another encoding");
    assert!(
        !unmappable,
        "the fixture text has characters {} cannot hold",
        encoding.name()
    );
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn windows_1256_persian_is_detected_and_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    // windows-1256 has no Persian yeh (ی): Persian in it is typed with Arabic ي, as old sites did.
    let text = PERSIAN.replace('ی', "ي");
    let article =
        read_written(dir.path(), "fa-1256.txt", &encode(WINDOWS_1256, &text)).expect("decodes");
    assert_eq!(article.encoding, "windows-1256");
    assert_eq!(article.text, text);
    assert_eq!(lang::detect(&article.text), Language::Fa);
}

#[test]
fn windows_1256_arabic_is_detected_and_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article =
        read_written(dir.path(), "ar-1256.txt", &encode(WINDOWS_1256, ARABIC)).expect("decodes");
    assert_eq!(article.encoding, "windows-1256");
    assert_eq!(article.text, ARABIC);
    assert_eq!(lang::detect(&article.text), Language::Ar);
}

#[test]
fn iso_8859_6_arabic_is_detected_and_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    // ISO-8859-6 has Arabic letters and punctuation only: no Arabic-Indic digits, no ZWNJ.
    let article =
        read_written(dir.path(), "ar-iso.txt", &encode(ISO_8859_6, ARABIC)).expect("decodes");
    assert_eq!(article.encoding, "ISO-8859-6");
    assert_eq!(article.text, ARABIC);
}

#[test]
fn utf16_with_bom_in_both_byte_orders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let le = read_written(dir.path(), "le.txt", &utf16(PERSIAN, false, true)).expect("LE decodes");
    assert_eq!((le.encoding, le.text.as_str()), ("UTF-16LE", PERSIAN));
    let be = read_written(dir.path(), "be.txt", &utf16(ARABIC, true, true)).expect("BE decodes");
    assert_eq!((be.encoding, be.text.as_str()), ("UTF-16BE", ARABIC));
}

#[test]
fn utf16le_without_bom_is_sniffed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("{PERSIAN}\r\n{ARABIC}\r\n");
    let article =
        read_written(dir.path(), "le-nobom.txt", &utf16(&text, false, false)).expect("decodes");
    assert_eq!(article.encoding, "UTF-16LE");
    assert_eq!(article.text, text);
    let be = read_written(dir.path(), "be-nobom.txt", &utf16(&text, true, false)).expect("decodes");
    assert_eq!(be.encoding, "UTF-16BE");
    assert_eq!(be.text, text);
}

#[test]
fn utf8_bom_is_dropped_and_crlf_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("{PERSIAN}\r\n\r\n{ARABIC}\r\n");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(text.as_bytes());
    let article = read_written(dir.path(), "bom.txt", &bytes).expect("decodes");
    assert_eq!(article.encoding, "UTF-8");
    assert_eq!(article.text, text);
    assert_eq!(article.format, SourceFormat::Text);
    assert_eq!(article.file_name, "bom.txt");
    let expected_sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(article.sha256, expected_sha);
    assert_eq!(article.id, expected_sha[..16]);
}

#[test]
fn same_bytes_same_id_different_bytes_different_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = read_written(dir.path(), "a.txt", PERSIAN.as_bytes()).expect("decodes");
    let b = read_written(dir.path(), "b.txt", PERSIAN.as_bytes()).expect("decodes");
    let c = read_written(dir.path(), "c.txt", ARABIC.as_bytes()).expect("decodes");
    assert_eq!(a.id, b.id);
    assert_ne!(a.id, c.id);
    assert_eq!(a.id.len(), 16);
}

#[test]
fn six_megabyte_single_line_decodes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut line = String::new();
    while line.len() < 6 * 1024 * 1024 {
        line.push_str(PERSIAN);
        line.push(' ');
    }
    let article = read_written(dir.path(), "long.txt", line.as_bytes()).expect("decodes");
    assert_eq!(article.text.len(), line.len());
    assert_eq!(article.text, line);
}

#[test]
fn empty_and_whitespace_only_files_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = read_written(dir.path(), "empty.txt", b"");
    assert!(matches!(empty, Err(IngestError::Empty { .. })), "{empty:?}");
    let blank = read_written(dir.path(), "blank.txt", " \r\n\t\u{a0}".as_bytes());
    assert!(matches!(blank, Err(IngestError::Empty { .. })), "{blank:?}");
    let bom_only = read_written(dir.path(), "bom-only.txt", &[0xEF, 0xBB, 0xBF, b'\n']);
    assert!(
        matches!(bom_only, Err(IngestError::Empty { .. })),
        "{bom_only:?}"
    );
}

/// Deterministic pseudo-random bytes (xorshift), so that a failure can be reproduced.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.max(1);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn png_is_refused_as_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut png = vec![
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n', 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];
    png.extend(noise(4096, 7));
    let result = read_written(dir.path(), "picture.txt", &png);
    let Err(err @ IngestError::Binary { .. }) = result else {
        panic!("expected binary, got {result:?}")
    };
    let message = err.to_string();
    assert!(
        message.contains("picture.txt") && message.contains("not a text file"),
        "{message}"
    );
    assert!(
        message.contains("byte 8"),
        "the first NUL is at byte 8: {message}"
    );
}

#[test]
fn random_bytes_without_nul_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes: Vec<u8> = noise(8192, 99).into_iter().map(|b| b.max(1)).collect();
    let result = read_written(dir.path(), "noise.txt", &bytes);
    assert!(
        matches!(
            result,
            Err(IngestError::Binary { .. } | IngestError::Undecodable { .. })
        ),
        "{result:?}"
    );
}

#[test]
fn invalid_utf8_high_bytes_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Only bytes 0x80..=0xFF: never valid UTF-8, never a control character in windows-1256, so
    // only the "no words" rule can refuse it.
    let bytes: Vec<u8> = noise(4096, 3).into_iter().map(|b| b | 0x80).collect();
    assert!(std::str::from_utf8(&bytes).is_err());
    let result = read_written(dir.path(), "garbage.txt", &bytes);
    let Err(err @ IngestError::Undecodable { .. }) = result else {
        panic!("expected undecodable, got {result:?}")
    };
    assert!(
        err.to_string()
            .starts_with(&dir.path().join("garbage.txt").display().to_string())
    );
}

#[test]
fn nul_bytes_in_text_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = PERSIAN.as_bytes().to_vec();
    bytes.insert(40, 0);
    let result = read_written(dir.path(), "nul.txt", &bytes);
    let Err(err @ IngestError::Binary { .. }) = result else {
        panic!("expected binary, got {result:?}")
    };
    assert!(err.to_string().contains("NUL byte at byte 40"), "{err}");
}

#[test]
fn file_over_the_limit_is_refused_without_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let file = fs::File::create(&path).expect("create");
    // A sparse 60 MB file: if it were read, the zeros would make it "binary", not "too large".
    file.set_len(60 * 1024 * 1024).expect("set_len");
    drop(file);
    let result = read_article(&path, &Limits::default());
    let Err(IngestError::TooLarge { size, limit, .. }) = result else {
        panic!("expected too large, got {result:?}")
    };
    assert_eq!(size, 60 * 1024 * 1024);
    assert_eq!(limit, Limits::DEFAULT_MAX_FILE_BYTES);
    assert_eq!(
        fs::metadata(&path).map(|m| m.len()).ok(),
        Some(60 * 1024 * 1024)
    );

    let small = dir.path().join("small.txt");
    fs::write(&small, PERSIAN).expect("write");
    let tight = Limits { max_file_bytes: 10 };
    assert!(matches!(
        read_article(&small, &tight),
        Err(IngestError::TooLarge { .. })
    ));
}

#[test]
fn missing_path_directory_and_dataset_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.txt");
    let result = read_article(&missing, &Limits::default());
    let Err(err @ IngestError::Missing { .. }) = result else {
        panic!("{result:?}")
    };
    assert!(err.to_string().contains("nope.txt: no such file"), "{err}");

    let folder: PathBuf = dir.path().join("folder.txt");
    fs::create_dir(&folder).expect("mkdir");
    let result = read_article(&folder, &Limits::default());
    assert!(
        matches!(result, Err(IngestError::IsADirectory { .. })),
        "{result:?}"
    );

    let dataset = dir.path().join("data.json");
    fs::write(&dataset, "{}").expect("write");
    assert!(matches!(
        read_article(&dataset, &Limits::default()),
        Err(IngestError::NotAnArticle { .. })
    ));

    let picture = dir.path().join("photo.png");
    fs::write(&picture, PERSIAN).expect("write");
    assert!(matches!(
        read_article(&picture, &Limits::default()),
        Err(IngestError::UnsupportedKind { .. })
    ));
}

#[cfg(unix)]
#[test]
fn devices_are_refused_without_reading() {
    // Reading /dev/zero would never end; reading a pipe could block forever.
    for device in ["/dev/null", "/dev/zero"] {
        let result = read_article(Path::new(device), &Limits::default());
        assert!(
            matches!(result, Err(IngestError::NotAFile { .. })),
            "{device}: {result:?}"
        );
    }
}

#[test]
fn extensionless_file_is_read_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = read_written(dir.path(), "article", ARABIC.as_bytes()).expect("decodes");
    assert_eq!(article.text, ARABIC);
}

#[test]
fn decode_article_bytes_works_in_memory() {
    let path = Path::new("memory.txt");
    let (text, encoding) =
        decode_article_bytes(&utf16(ARABIC, true, false), path, InputKind::Text).expect("decodes");
    assert_eq!((text.as_str(), encoding), (ARABIC, "UTF-16BE"));
    let err = decode_article_bytes(b"", path, InputKind::Text).expect_err("empty");
    assert_eq!(
        err.to_string(),
        "memory.txt: empty file (no text to annotate)"
    );
}
