#!/usr/bin/env python3
"""Writes the starting corpora of the fuzz targets from Khabar's own test fixtures.

Run from the crate root: python3 fuzz/make_seeds.py [DATASET.json ...]

- ingest: the fixture articles as they are and re-encoded (UTF-8 with BOM, UTF-16 with and
  without BOM, windows-1256, ISO-8859-6), small HTML pages written for this corpus, a few
  refusals (empty, NUL, control characters).
- clean: the fixture articles behind each settings byte (language and normalization, see
  fuzz_targets/clean.rs).
- dataset: each dataset named on the command line (made with `khabar extract` on the fixtures)
  split into one small dataset per document, plus hand-written edge cases.

Only our own fixtures are used, never the reference seeds in ../shared/seeds. The corpora that
are committed are these seeds after fuzzing and `cargo fuzz cmin`.
"""

import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
FIXTURES = [
    *sorted((ROOT / "tests/fixtures/app").glob("*.txt")),
    *sorted((ROOT / "tests/fixtures/articles").glob("*.txt")),
    *sorted((ROOT / "tests/fixtures/clean").glob("*.txt")),
]

FA_PAGE = """<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>گفت‌وگوی تلفنی وزیران خارجه ایران و ترکیه | پایگاه خبری آزمون</title>
<script>var t = "نباید دیده شود";</script><style>.x{color:red}</style>
</head><body><nav><a href="/">خانه</a> | <a href="/siasi">سیاسی</a></nav>
<article><h1>گفت‌وگوی تلفنی وزیران خارجه ایران و ترکیه</h1>
<p>وزیر امور خارجه کشورمان عصر دوشنبه در تماسی تلفنی با همتای ترکیه‌ای خود درباره تحولات قفقاز رایزنی کرد.</p>
<p>دو طرف بر ادامه مشورت‌های منظم و برگزاری نشست کمیسیون مشترک اقتصادی در آنکارا تأکید کردند.</p>
</article><div class="share">اشتراک‌گذاری: تلگرام | واتساپ</div>
<footer>تمامی حقوق محفوظ است.</footer></body></html>
"""

AR_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>وزير الخارجية يستقبل نظيره العماني</title></head>
<body><div id="menu"><a href="/">الرئيسية</a> - <a href="/news">أخبار</a></div>
<div class="content"><b>وزير الخارجية يستقبل نظيره العماني</b><br><br>
استقبل وزير الخارجية صباح اليوم الأحد نظيره العماني في مقر الوزارة، وبحث الجانبان العلاقات الثنائية.<br><br>
وأكد الوزيران أهمية التنسيق المشترك إزاء القضايا الإقليمية وتعزيز التعاون الاقتصادي بين البلدين.<br><br>
<div class="share">شارك | طباعة</div></div>
<div id="comments">أضف تعليقك</div><div id="footer">جميع الحقوق محفوظة</div></body></html>
"""


def write(target: str, data: bytes) -> None:
    out = CORPUS / target
    out.mkdir(parents=True, exist_ok=True)
    # Named by content like libFuzzer names its own finds, so reruns add nothing twice.
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def utf16(text: str, big_endian: bool) -> bytes:
    return text.encode("utf-16-be" if big_endian else "utf-16-le")


def ingest_seeds() -> None:
    for path in FIXTURES:
        text = path.read_text(encoding="utf-8")
        write("ingest", text.encode())
    text = FIXTURES[0].read_text(encoding="utf-8")
    arabic = FIXTURES[1].read_text(encoding="utf-8")
    write("ingest", b"\xef\xbb\xbf" + text.encode())
    write("ingest", b"\xff\xfe" + utf16(text, False))
    write("ingest", b"\xfe\xff" + utf16(arabic, True))
    write("ingest", utf16(arabic, False))
    write("ingest", utf16(text, True))
    # windows-1256 has no Persian yeh and keheh: Persian in it is typed with Arabic ي and ك.
    persian_1256 = text.replace("ی", "ي").replace("ک", "ك")
    write("ingest", persian_1256.encode("cp1256", errors="replace"))
    write("ingest", arabic.encode("cp1256"))
    write("ingest", arabic.encode("iso8859_6", errors="replace"))
    write("ingest", FA_PAGE.encode())
    write("ingest", AR_PAGE.format(charset="utf-8").encode())
    write("ingest", AR_PAGE.format(charset="windows-1256").encode("cp1256"))
    write("ingest", AR_PAGE.format(charset="iso-8859-6").encode("iso8859_6", errors="replace"))
    write("ingest", b"")
    write("ingest", b" \r\n\t ")
    write("ingest", "متن\x00با NUL".encode())
    write("ingest", "کنترل\x01\x02\x03\x04".encode())


def clean_seeds() -> None:
    # Settings byte: value % 3 picks fa/ar/other, 0x04 turns Persian letter unification off,
    # 0x08 turns ZWNJ restoration on.
    for path in FIXTURES:
        text = path.read_text(encoding="utf-8").encode()
        arabic = "ar" in path.name
        language = 1 if arabic else 0
        for extra in (0x00, 0x08) if not arabic else (0x00,):
            write("clean", bytes([language | extra]) + text)
    text = FIXTURES[0].read_text(encoding="utf-8")
    write("clean", bytes([0x04]) + text.replace("\n", "\r\n").encode())
    write("clean", bytes([0x02]) + text.encode())
    # Not UTF-8: the target decodes it as ingest would.
    write("clean", bytes([0x01]) + FIXTURES[1].read_text(encoding="utf-8").encode("cp1256"))


def dataset_seeds(datasets: list[pathlib.Path]) -> None:
    for path in datasets:
        full = json.loads(path.read_text(encoding="utf-8"))
        header = {k: v for k, v in full.items() if k != "documents"}
        for doc in full["documents"]:
            one = dict(header, documents=[doc])
            write("dataset", json.dumps(one, ensure_ascii=False).encode())
        write("dataset", json.dumps(dict(header, documents=[]), ensure_ascii=False).encode())
    minimal = {"format": "khabar.dataset", "version": 1, "labels": [], "documents": []}
    write("dataset", json.dumps(minimal).encode())
    doc = {
        "id": "a1",
        "source": {"path": "a.txt", "file_name": "a.txt", "sha256": "", "encoding": "UTF-8",
                   "format": "text"},
        "language": "fa",
        "raw_text": "سلام\r\nدنیا",
        "text": "سلام\nدنیا",
        "removed": [{"start": 9, "end": 12, "reason": "manual"}],
        "alignment": [[0, 0, 4, 4], [4, 4, 1, 2], [5, 6, 4, 4]],
        "normalization": {"persian_letters": True, "restore_zwnj": True},
        "metadata": {"tags": ["x"], "news_id": "1", "extra": {"published_line": "y"}},
        "fields": {
            "headline": {"value": "سلام", "evidence": [{"start": 0, "end": 4}], "origin": "manual"},
            "published": {"value": "2024-01-02", "original": "۱۲ دی", "calendar": "jalali",
                          "evidence": [{"start": 5, "end": 9}]},
            "events": [{"type": "phone_call", "cameo": "041",
                        "participants": [{"name": "X", "evidence": [{"start": 0, "end": 2}]}],
                        "evidence_of": {"date": [{"start": 1, "end": 3}]},
                        "duration_minutes": 5, "first_contact": False}],
        },
        "entities": [{"start": 0, "end": 4, "label": "PERSON", "text": "سلام"},
                     {"start": 7, "end": 3, "label": "NOPE", "text": "?"}],
        "status": "in_progress",
        "notes": "",
    }
    labels = [{"name": "PERSON", "key": "1", "color": "#F2C94C"}]
    edge = {"format": "khabar.dataset", "version": 1, "annotator": "a", "labels": labels,
            "documents": [doc, dict(doc, id="a1")]}
    write("dataset", json.dumps(edge, ensure_ascii=False).encode())
    # Regression: segment numbers near usize::MAX overflowed validation's bounds check.
    huge = dict(doc, alignment=[[0, 1, 3, 2**64 - 1]], entities=[], removed=[])
    write("dataset", json.dumps(dict(edge, documents=[huge]), ensure_ascii=False).encode())
    write("dataset", json.dumps(dict(minimal, version=2)).encode())
    write("dataset", json.dumps(dict(minimal, format="other")).encode())


def main() -> None:
    ingest_seeds()
    clean_seeds()
    dataset_seeds([pathlib.Path(p) for p in sys.argv[1:]])


if __name__ == "__main__":
    main()
