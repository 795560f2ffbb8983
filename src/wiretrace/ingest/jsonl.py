"""The JSONL reader: one article per line, streamed, each broken line one problem.

A line is a JSON object with ``text`` (plain text) or ``html`` (a page, sent through the HTML
extractor), and optionally ``id``, ``url``, ``title``, ``date`` (any written date: ISO,
"Sept 28, 2017", ...; kept as YYYY-MM-DD) and ``outlet``, which fill or override the Document's fields. Unknown keys are
ignored. Blank lines are skipped (they carry no data). Any other line that cannot give a
Document gives exactly one problem, ``path: line N: reason``, and the next lines still flow.

    >>> parse_line('{"text": "Rain in Lyon.", "id": 7, "date": "2024-03-01T08:00:00Z"}')
    Fields(text='Rain in Lyon.', html=None, id='7', url=None, title=None, date='2024-03-01', outlet=None, issues=[])
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from htmldate.extractors import try_date_expr

from wiretrace.ingest.decode import BOMS, normalize_newlines
from wiretrace.ingest.sources import Input, os_reason
from wiretrace.model import Document
from wiretrace.problems import ProblemLog

OPTIONAL_FIELDS = ("url", "title", "outlet")
UTF8_BOM = BOMS[0][0]


class BadLine(ValueError):
    """A JSONL line that cannot give a Document; the message is the short reason."""


@dataclass
class Fields:
    """What one JSONL line says about its article (exactly one of ``text``/``html`` set)."""

    text: str | None
    html: str | None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    # Bad optional fields: the article is kept without them, and each is reported.
    issues: list[str] = field(default_factory=list)


def read_jsonl(src: Input, problems: ProblemLog) -> Iterator[Document]:
    """Documents from the lines of ``src``, streamed one line at a time."""
    lines = io.BufferedReader(src.content)
    lineno = 0
    while True:
        lineno += 1
        try:
            raw = lines.readline()
        except OSError as exc:
            problems.add(src.name, os_reason(exc), where=f"line {lineno}")
            return
        if not raw:
            return
        if lineno == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM) :]
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        where = f"line {lineno}"
        try:
            fields = parse_line(raw)
        except BadLine as exc:
            problems.add(src.name, str(exc), where=where)
            continue
        for issue in fields.issues:
            problems.add(src.name, issue, where=where)
        doc = document_from_fields(fields, f"{src.name}:{lineno}", src.name, where, problems)
        if doc is not None:
            yield doc


def parse_line(line: str | bytes, fast: bool = True) -> Fields:
    """The fields of one non-blank JSONL line; raises ``BadLine`` with a short reason.
    (``fast=False``: read by ``json`` alone, the definition the fast path must equal.)"""
    obj = _load(line, fast)
    if not isinstance(obj, dict):
        raise BadLine(f"not a JSON object (a JSON {_json_type(obj)})")
    return parse_object(obj)


def parse_object(obj: dict[str, Any]) -> Fields:
    """The fields of one article record, a JSONL line's object or a Parquet row (the same
    keys, the same rules); raises ``BadLine`` with a short reason."""
    text = _string(obj, "text")
    html = _string(obj, "html")
    if text is None and html is None:
        raise BadLine('no article: needs a non-empty "text" or "html"')
    fields = Fields(
        text=normalize_newlines(text) if text is not None else None,
        html=None if text is not None else html,
    )
    raw_id = obj.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        fields.id = str(raw_id)
    else:
        fields.id = _optional(fields, lambda: _string(obj, "id"))
    for name in OPTIONAL_FIELDS:
        setattr(fields, name, _optional(fields, lambda name=name: _string(obj, name)))
    raw_date = _optional(fields, lambda: _string(obj, "date"))
    if raw_date is not None:
        fields.date = _optional(fields, lambda: _iso_date(raw_date))
    return fields


def _optional(fields: Fields, parse: Callable[[], str | None]) -> str | None:
    """An optional field's value; a bad one is noted in ``fields.issues`` and left out, so
    one malformed "date" does not cost the article its text."""
    try:
        return parse()
    except BadLine as exc:
        fields.issues.append(f"{exc}; the article is kept without it")
        return None


def document_from_fields(
    fields: Fields, source: str, path: str, where: str, problems: ProblemLog,
    format: str = "jsonl",
) -> Document | None:
    """The Document a record's fields give (its html sent through the extractor), None when
    its page holds no article (a problem at ``where`` in ``path``)."""
    if fields.text is not None:
        doc = Document(source=source, text=fields.text, format=format)
    else:
        assert fields.html is not None
        from wiretrace.ingest.html import document_from_html  # trafilatura with it

        found = document_from_html(
            fields.html,
            source,
            problems,
            url=fields.url,
            format=format,
            problem_source=path,
            where=where,
        )
        if found is None:
            return None
        doc = found
    for name in ("id", "url", "title", "date", "outlet"):
        value = getattr(fields, name)
        if value is not None:
            setattr(doc, name, value)
    return doc


def _load(line: str | bytes, fast: bool = True) -> Any:
    """The JSON value of a line, as the standard ``json`` module reads it.

    Why two parsers: orjson is the fast reader of the project's libraries, but it refuses what ``json`` accepts (lone
    surrogate escapes, NaN) and its messages name no column, so a line it refuses goes
    through ``json``, which decides, and explains a broken line. It also reads an integer
    beyond 64 bits as a float; of the fields read, only ``id`` tells the two apart, so an
    object whose ``id`` came out a float is read again by ``json``.
    """
    if fast:
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            pass
        else:
            if not (isinstance(obj, dict) and isinstance(obj.get("id"), float)):
                return obj
    try:
        return json.loads(_utf8(line) if isinstance(line, bytes) else line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise BadLine("not valid JSON (nested too deeply)") from None


def _utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadLine(f"not valid UTF-8 (byte {exc.start + 1} of the line)") from None


def _string(obj: dict[str, Any], key: str) -> str | None:
    """``obj[key]`` as a non-blank string, None when absent/null/blank; BadLine otherwise."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadLine(f'"{key}" must be a string, not a JSON {_json_type(value)}')
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadLine(f'"{key}" holds an unpaired surrogate escape (\\ud800-\\udfff)') from None
    return value if value.strip() else None


def _iso_date(value: str) -> str:
    """YYYY-MM-DD from a written date; BadLine when ``value`` holds no date.

    ISO 8601 dates and date-times are read directly; anything else ("Sept 28, 2017",
    "28.09.2017", "Thursday, September 28, 2017 10:04 AM") by htmldate's date-expression
    parser, the same library that reads dates from HTML pages.
    """
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    found = try_date_expr(value[:200], "%Y-%m-%d", True, _EARLIEST, _LATEST)
    if found is None:
        raise BadLine(f'"date" is not a date (such as 2024-03-01): {value[:40]!r}')
    return found


_EARLIEST, _LATEST = datetime(1800, 1, 1), datetime(2200, 1, 1)


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return {list: "array", dict: "object", str: "string"}.get(type(value), "null")
