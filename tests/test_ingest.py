"""Tests of the ingest stage: paths, gzip, format detection, text/JSONL/WARC readers, bad input.

All texts are invented for these tests. The HTML extractor (``wiretrace.ingest.html``) is
replaced by a tiny stand-in so these tests check the routing, not the extraction.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wiretrace.ingest import read
from wiretrace.ingest.decode import BINARY, EMPTY, decode, detect_format
from wiretrace.ingest.html import NO_TEXT
from wiretrace.model import Document
from wiretrace.run import ProblemLog, StrictStop

GERMAN = "Die Bürgermeisterin von Oberfeld äußerte sich am Montag über die Straßensperre."
SPANISH = "El alcalde de Villaverde señaló que la reunión continuará mañana por la tarde."
FRENCH = "Le maire de Montclair a déclaré que la fête aura lieu à l'été, « sans faute »."
ARABIC = "قال رئيس البلدية إن الاجتماع سيستمر صباح الغد في القاعة الكبرى."


# --------------------------------------------------------------------------- helpers


def fake_html_to_document(html: str, source: str, *, url=None, format="html") -> Document:
    """Stand-in extractor: the <title> and the text of <p> elements."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    paras = re.findall(r"<p>(.*?)</p>", html, re.S)
    return Document(
        source=source,
        text="\n".join(paras),
        format=format,
        title=title.group(1) if title else None,
        url=url,
    )


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    monkeypatch.setattr("wiretrace.ingest.html.html_to_document", fake_html_to_document)


def run(paths, **kwargs) -> tuple[list[Document], ProblemLog]:
    log = ProblemLog()
    docs = list(read(paths, problems=log, **kwargs))
    return docs, log


def reasons(log: ProblemLog) -> list[str]:
    return [str(p) for p in log.problems]


def page(title: str, *paras: str, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><nav>Home | World</nav>{body}</body></html>"
    )


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("text", [GERMAN, SPANISH, FRENCH, "Müller", "café"])
def test_cp1252_text_decodes_to_the_right_characters(text):
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.warning is None


def test_other_legacy_code_pages_are_detected():
    assert decode(ARABIC.encode("cp1256")).text == ARABIC
    turkish = "İzmir'de yağmur yağıyor, şehir merkezi sular altında kaldı."
    assert decode(turkish.encode("cp1254")).text == turkish


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_byte_order_marks(encoding):
    data = FRENCH.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    assert decode(data).text == FRENCH


def test_newlines_are_normalised():
    assert decode(b"one\r\ntwo\rthree\n").text == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    "data, error",
    [
        (b"", EMPTY),
        (b" \n\t\r\n ", EMPTY),
        (b"\xef\xbb\xbf  \n", EMPTY),
        (b"PK\x03\x04\x00\x00binary", BINARY),
        (bytes(range(256)) * 8, BINARY),
        (b"\x01\x02\x03\x04\x05\x06 abc", BINARY),
    ],
)
def test_not_text(data, error):
    decoded = decode(data)
    assert decoded.text is None
    assert decoded.error.startswith(error)


def test_mostly_utf8_with_a_stray_byte_is_replaced_and_said_so():
    data = (GERMAN + " ").encode() * 3 + b"\x9d end"
    decoded = decode(data)
    assert decoded.text is not None and decoded.text.endswith("\ufffd end")
    assert decoded.warning == "1 invalid utf-8 byte sequence replaced with U+FFFD"


def test_declared_charset_is_used_when_it_fits():
    text = "Das Gebäude an der Hauptstraße wurde geräumt."
    assert decode(text.encode("iso-8859-15"), declared="iso-8859-15").text == text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_raises(data):
    decoded = decode(data)
    assert (decoded.text is None) != (decoded.error is None)
    if decoded.text is not None:
        assert "\r" not in decoded.text and decoded.text.strip()


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t"),
        min_size=1,
        max_size=200,
    ).filter(str.strip)
)
def test_decode_round_trips_utf8(text):
    """Any UTF-8 text without control characters comes back unchanged (also if BOM-led)."""
    assert decode(text.encode("utf-8")).text == text
    assert decode(text.encode("utf-8-sig")).text == text


# --------------------------------------------------------------------------- format detection


@pytest.mark.parametrize(
    "head, fmt",
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'\n\n{"text": "Rain."}\n', "jsonl"),
        (b"{}\n", "jsonl"),
        (b'{"text": "a line far longer than the head', "jsonl"),
        (b'\xef\xbb\xbf{"id": 1}', "jsonl"),
        (b"<!doctype html><p>x</p>", "html"),
        (b"<?xml version='1.0'?>\n<!-- c --><html>", "html"),
        (b"\n  <body><p>Rain.</p></body>", "html"),
        (b"<div><p>Rain</p><p>Wind</p></div>", "html"),
        ("<html><body></body></html>".encode("utf-16"), "html"),
        (b"Rain fell on Montclair. Use <br> for breaks.", "text"),
        (b"{not json at all", "text"),
        (b"[1, 2, 3]\n", "text"),
        (b"", "text"),
    ],
)
def test_detect_format(head, fmt):
    assert detect_format(head) == fmt


# --------------------------------------------------------------------------- paths


def test_text_files_round_trip_and_keep_relative_sources(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in [
        ("de.txt", GERMAN),
        ("es.txt", SPANISH),
        ("fr.txt", FRENCH),
        ("ar.txt", ARABIC),
    ]:
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    docs, log = run(["de.txt", "es.txt", "fr.txt", "ar.txt"])
    assert [d.source for d in docs] == ["de.txt", "es.txt", "fr.txt", "ar.txt"]
    assert [d.text for d in docs] == [t + "\n" for t in (GERMAN, SPANISH, FRENCH, ARABIC)]
    assert {d.format for d in docs} == {"text"}
    assert log.files == 4 and not log.problems


def test_folder_is_walked_sorted_recursively_skipping_hidden(tmp_path):
    for rel in ["b.txt", "a/z.txt", "a/c.txt", "c/d/e.txt", ".hidden.txt", ".git/x.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Story {rel}.")
    docs, log = run([str(tmp_path)])
    rels = [os.path.relpath(d.source, tmp_path) for d in docs]
    assert rels == ["a/c.txt", "a/z.txt", "b.txt", os.path.join("c", "d", "e.txt")]
    assert log.files == 4 and not log.problems


def test_empty_folder_and_missing_path_are_problems(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.txt")
    docs, log = run(
        [str(tmp_path / "empty"), str(tmp_path / "missing.txt"), str(tmp_path / "dangling")]
    )
    assert docs == []
    assert reasons(log) == [
        f"{tmp_path / 'empty'}: no files in directory",
        f"{tmp_path / 'missing.txt'}: no such file or directory",
        f"{tmp_path / 'dangling'}: no such file or directory",
    ]
    assert log.files == 0


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Rain.")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    docs, log = run([str(tmp_path / "d")])
    assert [d.text for d in docs] == ["Rain."]


def test_globs_expand_recursively_and_report_no_match(tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "one.txt").write_text("One.")
    (tmp_path / "x" / "y" / "two.txt").write_text("Two.")
    (tmp_path / "x" / "y" / "skip.md").write_text("No.")
    docs, log = run([str(tmp_path / "**" / "*.txt"), str(tmp_path / "*.none")])
    assert [d.text for d in docs] == ["One.", "Two."]
    assert reasons(log) == [f"{tmp_path / '*.none'}: no files match this pattern"]


def test_stdin_plain_and_gzip():
    docs, log = run(["-"], stdin=io.BytesIO(SPANISH.encode()))
    assert [(d.source, d.text) for d in docs] == [("<stdin>", SPANISH)]
    docs, log = run(["-"], stdin=io.BytesIO(gzip.compress(b'{"text": "Viento."}\n')))
    assert [(d.source, d.text) for d in docs] == [("<stdin>:1", "Viento.")]
    assert log.files == 1


def test_a_single_string_path_is_not_split_into_characters(tmp_path):
    (tmp_path / "a.txt").write_text("Rain.")
    docs, _ = run(str(tmp_path / "a.txt"))
    assert [d.text for d in docs] == ["Rain."]
    docs, _ = run([tmp_path / "a.txt"])  # a pathlib.Path
    assert [d.source for d in docs] == [str(tmp_path / "a.txt")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_a_problem(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Secret.")
    path.chmod(0)
    docs, log = run([str(path)])
    assert docs == [] and reasons(log) == [f"{path}: permission denied"]


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "3-good.txt").write_text(GERMAN)
    docs, log = run([str(tmp_path)])
    assert [d.text for d in docs] == [GERMAN]
    assert reasons(log) == [
        f"{tmp_path / '1-empty.txt'}: empty file",
        f"{tmp_path / '2-binary.bin'}: binary file, not text",
    ]
    assert log.summary(len(docs)) == "3 files, 1 article, 2 problems"


def test_replaced_characters_are_a_problem_but_the_text_flows(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(FRENCH.encode() + b" \xff fin")
    docs, log = run([str(path)])
    assert docs[0].text.endswith("\ufffd fin")
    assert reasons(log) == [f"{path}: 1 invalid utf-8 byte sequence replaced with U+FFFD"]


def test_strict_mode_stops_at_the_first_problem(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Rain.")
    log = ProblemLog(strict=True)
    with pytest.raises(StrictStop, match="empty file"):
        list(read([str(tmp_path)], problems=log))


def test_unknown_input_format_raises_at_call_time():
    with pytest.raises(
        ValueError, match="unknown input format 'pdf'.*auto, text, html, jsonl, warc"
    ):
        read(["x"], input_format="pdf")


def test_without_a_log_problems_go_to_stderr(tmp_path, capsys):
    assert list(read([str(tmp_path / "nope.txt")])) == []
    assert "nope.txt: no such file or directory" in capsys.readouterr().err


# --------------------------------------------------------------------------- gzip


def test_gzip_is_detected_by_magic_not_extension(tmp_path):
    (tmp_path / "story.dat").write_bytes(gzip.compress(GERMAN.encode("cp1252")))
    docs, log = run([str(tmp_path / "story.dat")])
    assert [d.text for d in docs] == [GERMAN] and not log.problems


def test_multi_member_gzip(tmp_path):
    data = gzip.compress(b'{"text": "Eins."}\n') + gzip.compress(b'{"text": "Zwei."}\n')
    (tmp_path / "d.jsonl.gz").write_bytes(data)
    docs, log = run([str(tmp_path / "d.jsonl.gz")])
    assert [d.text for d in docs] == ["Eins.", "Zwei."] and not log.problems


def test_truncated_gzip_text_is_a_problem_naming_the_file(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress((FRENCH * 50).encode())[:-12])
    docs, log = run([str(path)])
    assert docs == []
    assert reasons(log) == [f"{path}: truncated gzip (compressed data ends early)"]


def test_corrupt_gzip_is_a_problem(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 40)
    docs, log = run([str(path)])
    assert docs == [] and "corrupt gzip data" in reasons(log)[0]


def test_gz_name_without_gzip_content_is_named(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_text(FRENCH)
    docs, log = run([str(path)])
    assert [d.text for d in docs] == [FRENCH]  # still read, as it is
    assert reasons(log) == [f"{path}: named .gz but not gzip-compressed; read as it is"]


def test_gzip_cut_at_every_offset_is_named_never_silent(tmp_path):
    data = gzip.compress((FRENCH * 3).encode())
    path = tmp_path / "story.txt.gz"
    for cut in range(len(data)):
        path.write_bytes(data[:cut])
        docs, log = run([str(path)])
        if cut == 0:
            assert len(log.problems) == 1 and "empty" in reasons(log)[0]
        else:
            assert len(log.problems) == 1, cut
            assert "gzip" in reasons(log)[0], (cut, reasons(log))


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_break(tmp_path):
    noise = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(3000)]
    lines = [json.dumps({"text": f"Artikel {i}: {GERMAN} {noise[i]}"}) for i in range(3000)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, log = run([str(path)])
    assert 100 < len(docs) < 3000
    assert [d.source for d in docs] == [f"{path}:{i}" for i in range(1, len(docs) + 1)]
    assert len(log.problems) == 1
    assert log.problems[0].reason == "truncated gzip (compressed data ends early)"
    assert log.problems[0].where.startswith("line ")


# --------------------------------------------------------------------------- HTML and overrides


def test_html_file_goes_through_the_extractor(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(page("Flood in Oberfeld", GERMAN, "Zweiter Absatz."), encoding="utf-8")
    docs, log = run([str(path)])
    assert len(docs) == 1 and not log.problems
    assert docs[0].title == "Flood in Oberfeld"
    assert docs[0].text == GERMAN + "\nZweiter Absatz."
    assert docs[0].format == "html" and docs[0].source == str(path)


def test_html_meta_charset_is_honoured(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(page("Fête à Montclair", FRENCH, charset="windows-1252").encode("cp1252"))
    docs, _ = run([str(path)])
    assert docs[0].title == "Fête à Montclair" and docs[0].text == FRENCH


def test_html_without_article_text_is_a_problem(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav>Home</nav></body></html>")
    docs, log = run([str(path)])
    assert docs == [] and reasons(log) == [f"{path}: {NO_TEXT}"]


def test_input_format_override(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(page("T", "Rain."))
    docs, _ = run([str(html)], input_format="text")
    assert docs[0].format == "text" and docs[0].text.startswith("<!DOCTYPE html>")
    txt = tmp_path / "plain.txt"
    txt.write_text("<p>Rain in Montclair.</p>")
    assert detect_format(txt.read_bytes()) == "text"
    docs, _ = run([str(txt)], input_format="html")
    assert docs[0].format == "html" and docs[0].text == "Rain in Montclair."
    docs, log = run([str(txt)], input_format="jsonl")
    assert docs == [] and log.problems[0].where == "line 1"
    docs, log = run([str(txt)], input_format="warc")
    assert docs == [] and "not a WARC file" in log.problems[0].reason


# --------------------------------------------------------------------------- JSONL


def jsonl(tmp_path, *lines: str | bytes, name: str = "d.jsonl") -> str:
    path = tmp_path / name
    path.write_bytes(b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines) + b"\n")
    return str(path)


def test_jsonl_fields_fill_the_document(tmp_path):
    path = jsonl(
        tmp_path,
        json.dumps(
            {
                "text": FRENCH,
                "id": "fr-1",
                "url": "https://example.org/a",
                "title": "Fête",
                "date": "2024-06-21T08:30:00+02:00",
                "outlet": "Le Quotidien",
                "extra": [1],
            },
            ensure_ascii=False,
        ),
        json.dumps({"text": ARABIC + "\r\nسطر ثان", "id": 42, "date": "2024-06-22"}),
    )
    docs, log = run([path])
    assert not log.problems
    first, second = docs
    assert (first.source, first.text, first.format) == (f"{path}:1", FRENCH, "jsonl")
    assert (first.id, first.url, first.title, first.date, first.outlet) == (
        "fr-1",
        "https://example.org/a",
        "Fête",
        "2024-06-21",
        "Le Quotidien",
    )
    assert (second.text, second.id, second.date) == (ARABIC + "\nسطر ثان", "42", "2024-06-22")


def test_jsonl_html_lines_go_through_the_extractor_and_fields_override(tmp_path):
    html = page("Extracted title", SPANISH)
    path = jsonl(
        tmp_path,
        json.dumps({"html": html, "url": "https://example.es/n", "outlet": "El Diario"}),
        json.dumps({"html": html, "title": "Given title"}),
        json.dumps({"html": "<html><body><nav>Inicio</nav></body></html>"}),
    )
    docs, log = run([path])
    assert [(d.title, d.text, d.url, d.outlet, d.format) for d in docs] == [
        ("Extracted title", SPANISH, "https://example.es/n", "El Diario", "jsonl"),
        ("Given title", SPANISH, None, None, "jsonl"),
    ]
    assert reasons(log) == [f"{path}: line 3: {NO_TEXT}"]


def test_jsonl_dates_as_people_write_them(tmp_path):
    path = jsonl(tmp_path, *(json.dumps({"text": "ok", "date": d}) for d in (
        "Sept 28, 2017", "28 September 2017", "2017-09-28T10:04:00Z", "28.09.2017")))
    docs, log = run([path])
    assert [d.date for d in docs] == ["2017-09-28"] * 4 and not log.problems


def test_jsonl_broken_lines_are_one_problem_each(tmp_path):
    path = jsonl(
        tmp_path,
        '\ufeff{"text": "Erste Zeile."}',
        "",
        '{"text": "missing brace"',
        "[1, 2]",
        '{"title": "no body"}',
        '{"text": "   "}',
        '{"text": 12}',
        '{"text": "ok", "title": ["x"]}',
        '{"text": "ok", "date": "the 27th, probably"}',
        b'{"text": "caf\xe9"}',
        '{"text": "bad \\ud800 escape"}',
        "   ",
        '{"text": "Letzte Zeile."}\r',
    )
    docs, log = run([path])
    assert [(d.source, d.text, d.title, d.date) for d in docs] == [
        (f"{path}:1", "Erste Zeile.", None, None),
        (f"{path}:8", "ok", None, None),  # a bad optional field costs only that field
        (f"{path}:9", "ok", None, None),
        (f"{path}:13", "Letzte Zeile.", None, None),
    ]
    assert reasons(log) == [
        f"{path}: line 3: not valid JSON (Expecting ',' delimiter at column 25)",
        f"{path}: line 4: not a JSON object (a JSON array)",
        f'{path}: line 5: no article: needs a non-empty "text" or "html"',
        f'{path}: line 6: no article: needs a non-empty "text" or "html"',
        f'{path}: line 7: "text" must be a string, not a JSON number',
        f'{path}: line 8: "title" must be a string, not a JSON array; the article is kept '
        "without it",
        f"{path}: line 9: \"date\" is not a date (such as 2024-03-01): 'the 27th, probably'"
        "; the article is kept without it",
        f"{path}: line 10: not valid UTF-8 (byte 14 of the line)",
        f'{path}: line 11: "text" holds an unpaired surrogate escape (\\ud800-\\udfff)',
    ]


def test_jsonl_deeply_nested_line_is_a_problem_not_a_crash(tmp_path):
    path = jsonl(tmp_path, '{"text": "ok"}', "[" * 100_000)
    docs, log = run([path], input_format="jsonl")
    assert len(docs) == 1 and log.problems[0].where == "line 2"


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
_objects = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(st.text(max_size=30), st.integers(), st.none()),
        "html": st.one_of(st.just("<p>Rain.</p>"), st.just("<nav>x</nav>"), st.integers()),
        "id": st.one_of(st.text(max_size=5), st.integers(), st.booleans()),
        "date": st.one_of(st.just("2024-02-29"), st.just("2024-02-30"), st.text(max_size=12)),
        "title": _json_values,
    },
)
_lines = st.one_of(
    _objects.map(json.dumps),
    _json_values.map(json.dumps),
    st.text(max_size=40).map(lambda t: t.replace("\n", " ").replace("\r", " ")),
    st.binary(max_size=30).map(
        lambda b: b.replace(b"\n", b" ").replace(b"\r", b" ").decode("latin-1")
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_lines, max_size=8))
def test_jsonl_every_non_blank_line_gives_a_document_or_a_problem(lines):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    docs, log = run(["-"], input_format="jsonl", stdin=io.BytesIO(data))
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[0].startswith(b"\xef\xbb\xbf"):
        raw_lines[0] = raw_lines[0][3:]
    non_blank = [i for i, line in enumerate(raw_lines, 1) if line.strip()]
    doc_lines = [int(d.source.rsplit(":", 1)[1]) for d in docs]
    problem_lines = {int(p.where.split()[1]) for p in log.problems}
    assert sorted(set(doc_lines) | problem_lines) == non_blank  # every line accounted for
    assert len(doc_lines) == len(set(doc_lines))  # at most one article per line
    assert all(isinstance(d.text, str) and d.text.strip() for d in docs)


# --------------------------------------------------------------------------- WARC


def warc_bytes(records, gz: bool) -> bytes:
    """A WARC built with warcio: records are (type, uri, content_type, status, body)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for rec_type, uri, content_type, status, body in records:
        if rec_type == "response":
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=http
            )
        else:
            record = writer.create_warc_record(
                uri, rec_type, payload=io.BytesIO(body), warc_content_type=content_type
            )
        writer.write_record(record)
    return buf.getvalue()


CRAWL = [
    (
        "response",
        "https://news.example/a",
        "text/html; charset=utf-8",
        "200 OK",
        page("Storm", GERMAN).encode(),
    ),
    ("response", "https://news.example/logo.png", "image/png", "200 OK", b"\x89PNG\r\n\x1a\n"),
    (
        "response",
        "https://news.example/old",
        "text/html",
        "301 Moved Permanently",
        b"<html><body><p>Moved.</p></body></html>",
    ),
    (
        "request",
        "https://news.example/a",
        "application/http; msgtype=request",
        None,
        b"GET /a HTTP/1.1\r\n\r\n",
    ),
    (
        "resource",
        "https://news.example/b",
        "text/html",
        None,
        page("Fiesta", SPANISH, charset="windows-1252").encode("cp1252"),
    ),
    (
        "response",
        "https://news.example/c",
        "application/xhtml+xml",
        "200 OK",
        page("Fête", FRENCH).encode(),
    ),
]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_records_become_documents(tmp_path, gz):
    data = warc_bytes(CRAWL, gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    docs, log = run([str(path)])
    assert not log.problems
    assert [(d.url, d.title, d.text, d.format, d.date) for d in docs] == [
        ("https://news.example/a", "Storm", GERMAN, "warc", None),
        ("https://news.example/b", "Fiesta", SPANISH, "warc", None),
        ("https://news.example/c", "Fête", FRENCH, "warc", None),
    ]
    offsets = [int(d.source.rsplit("@", 1)[1]) for d in docs]
    assert offsets[0] == 0 and offsets == sorted(offsets)
    for offset in offsets:  # each offset is where its record starts in the file as stored
        if gz:
            assert gzip.GzipFile(fileobj=io.BytesIO(data[offset:])).read(8) == b"WARC/1.0"
        else:
            assert data[offset:].startswith(b"WARC/1.0")


def test_truncated_warc_keeps_the_records_before_the_break(tmp_path):
    data = warc_bytes(CRAWL, gz=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: data.rindex(FRENCH.encode()) + 10])
    docs, log = run([str(path)])
    assert [d.title for d in docs] == ["Storm", "Fiesta"]
    assert reasons(log) == [f"{path}: record 6: truncated WARC (record content ends early)"]


def test_truncated_warc_gz_keeps_the_records_before_the_break(tmp_path):
    data = warc_bytes(CRAWL, gz=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:-30])
    docs, log = run([str(path)])
    assert [d.title for d in docs] == ["Storm", "Fiesta"]
    assert reasons(log) == [f"{path}: record 6: truncated gzip (compressed data ends early)"]


def test_corrupt_warc_record_is_a_problem(tmp_path):
    good = warc_bytes(CRAWL[:1], gz=False)
    path = tmp_path / "bad.warc"
    path.write_bytes(good + b"WARC/1.0\r\nthis is not a header line\r\n\r\n")
    docs, log = run([str(path)])
    assert [d.title for d in docs] == ["Storm"]
    assert len(log.problems) == 1
    assert log.problems[0].where == "record 2" and "corrupt" in log.problems[0].reason


def test_warc_html_record_without_article_text_is_a_problem(tmp_path):
    path = tmp_path / "nav.warc"
    body = b"<html><body><nav>Inicio</nav></body></html>"
    path.write_bytes(
        warc_bytes([("response", "https://x.example/", "text/html", "200 OK", body)], False)
    )
    docs, log = run([str(path)])
    assert docs == [] and reasons(log) == [f"{path}: record 1: {NO_TEXT}"]


# --------------------------------------------------------------------------- streaming


class CountingStream(io.RawIOBase):
    """A byte stream that remembers how much has been read from it."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._data.readinto(buffer)
        self.consumed += n
        return n


@pytest.mark.parametrize("compress", [False, True])
def test_jsonl_is_streamed_not_read_whole(compress):
    noise = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(40_000)]
    data = "".join(json.dumps({"text": GERMAN, "id": n}) + "\n" for n in noise).encode()  # 6 MB
    stream = CountingStream(gzip.compress(data) if compress else data)
    docs = read(["-"], problems=ProblemLog(), stdin=stream)
    first = next(docs)
    assert first.text == GERMAN
    assert stream.consumed < len(stream._data.getvalue()) / 4
    assert sum(1 for _ in docs) == 39_999


def test_gzip_members_map_offsets_and_reject_trailing_garbage():
    from wiretrace.ingest.sources import GzipError, GzipMembers

    one, two = gzip.compress(b"first\n"), gzip.compress(b"second\n")
    g = GzipMembers(io.BytesIO(one + b"\x00" * 5 + two))
    assert g.read() == b"first\nsecond\n"
    assert g.compressed_offset(0) == 0
    assert g.compressed_offset(6) == len(one) + 5  # zero padding between members is skipped
    assert g.compressed_offset(3) is None
    with pytest.raises(GzipError, match="trailing bytes"):
        GzipMembers(io.BytesIO(one + b"not gzip")).read()


_ODD_JSON = st.sampled_from(["NaN", "-Infinity", str(2**70), '"\\ud800"', '"\\u00e9"', "1e400",
                             "[1,]", "{}", '{"a":1,"a":2}', "\t1 ", '"\x7f"', '"\\/"',
                             f'{{"text": "x", "id": {2**70}}}', '{"text": "x", "id": 1.5}',
                             '{"text": NaN}', '{"text": "x", "date": "2024-02-29", "id": -0}'])


def _fields_or_reason(line, fast):
    from wiretrace.ingest.records import BadLine, parse_line

    try:
        return parse_line(line, fast)
    except BadLine as exc:
        return str(exc)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_objects.map(json.dumps), _json_values.map(json.dumps), _ODD_JSON))
def test_jsonl_reads_every_line_as_the_json_module_does(line):
    """The fast parser (orjson) and its fallback read a line as ``json.loads`` alone does."""
    raw = line.encode("utf-8", "surrogatepass")
    assert _fields_or_reason(raw, True) == _fields_or_reason(line, False)


def test_plain_text_never_loads_the_html_extractor(tmp_path):
    """Reading plain text leaves trafilatura unloaded (``ingest.html`` is imported where
    HTML is first met); asking the package for ``document_from_html`` loads it."""
    import subprocess

    (tmp_path / "a.txt").write_text("The council met on Monday to discuss the bridge.\n")
    code = ("import sys; from wiretrace.ingest import read; "
            f"docs = list(read([{str(tmp_path / 'a.txt')!r}])); "
            "before = 'trafilatura' in sys.modules; import wiretrace.ingest as ingest; "
            "ingest.document_from_html; print(len(docs), before, 'trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.stdout.split() == ["1", "False", "True"]
