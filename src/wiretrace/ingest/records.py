"""Article records: a JSONL line or a Parquet row, each read by one rule into a Document.

**Fields.** ``text`` (plain text) or ``html`` (a page, sent through the HTML extractor), and
optionally ``id`` (string or integer), ``url``, ``title``, ``outlet`` (strings) and ``date``
(any written date: ISO, "Sept 28, 2017", ...; kept as YYYY-MM-DD; in Parquet also a date or
timestamp column), which fill or override the Document's fields. Other keys and columns are
never read. Blank strings and nulls are absent, a bad ``date`` is reported and left out, a
record with no ``text`` nor ``html`` is one problem (``parse_object``).

    >>> parse_line('{"text": "Rain in Lyon.", "id": 7, "date": "2024-03-01T08:00:00Z"}')
    Fields(text='Rain in Lyon.', html=None, id='7', url=None, title=None, date='2024-03-01', outlet=None, issues=[])

**JSONL**: one JSON object per line, streamed. Blank lines are skipped (they carry no data);
any other line that cannot give a Document gives exactly one problem, ``path: line N:
reason``, and the next lines still flow. A Document's source is ``path:LINE``.

**Parquet**: one article per row, ``BATCH_ROWS`` rows at a time, one row group after
another, through pyarrow's ``ParquetFile.iter_batches``, so a file larger than memory
streams like a JSONL dump; a Document's source is ``path:ROW`` (1-based). Every fault is
one problem, never a traceback: a file pyarrow cannot open (not Parquet, a damaged footer),
a known column of another type (left out; the file is skipped when neither ``text`` nor
``html`` is left), damage met in the data (the rest of that row group is skipped; the rows
before it and the next row groups stand), a string that is not UTF-8. A gzip-compressed
file or stdin is first copied to a temporary file, since Parquet's index sits at the end of
the file. Reading needs pyarrow (``pip install pyarrow``); without it each Parquet file is
one problem saying so.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from htmldate.extractors import try_date_expr

from wiretrace.ingest.decode import BOMS, normalize_newlines
from wiretrace.ingest.sources import STDIN_NAME, Input, os_reason
from wiretrace.model import Document
from wiretrace.run import ProblemLog

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


# --- Parquet ------------------------------------------------------------------------------

BATCH_ROWS = 256  # rows decoded at a time: a few MB of pages at most
ARTICLE_COLUMNS = ("text", "html")
COLUMNS = ("id", "url", "title", "date", "outlet", *ARTICLE_COLUMNS)
NEEDS_PYARROW = "reading Parquet needs pyarrow: pip install pyarrow"


class _NotUtf8:
    """A string cell whose bytes are not UTF-8 (pyarrow does not check them on reading)."""


NOT_UTF8 = _NotUtf8()


def read_parquet(src: Input, problems: ProblemLog) -> Iterator[Document]:
    """Documents from the rows of ``src``, read one record batch at a time."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        problems.add(src.name, NEEDS_PYARROW)
        return
    with _seekable(src, problems) as target:
        if target is None:
            return
        faults = (pa.ArrowException, OSError)
        try:
            table = pq.ParquetFile(target)
        except faults as exc:
            problems.add(src.name, f"not a readable Parquet file ({_reason(exc)})")
            return
        with contextlib.closing(table):
            yield from _rows(table, faults, src.name, problems)


def _rows(table: Any, faults: tuple[type[BaseException], ...], path: str,
          problems: ProblemLog) -> Iterator[Document]:
    """The Documents of an opened ``pyarrow.parquet.ParquetFile``, row group by row group."""
    try:
        sizes = [table.metadata.row_group(g).num_rows for g in range(table.num_row_groups)]
        columns = _usable_columns(table.schema_arrow, path, problems)
    except faults as exc:
        problems.add(path, f"not a readable Parquet file ({_reason(exc)})")
        return
    if not any(name in columns for name in ARTICLE_COLUMNS):
        return
    start = 0  # rows before the current row group
    for group, size in enumerate(sizes):
        row, end = start, start + size
        try:
            for batch in table.iter_batches(batch_size=BATCH_ROWS, row_groups=[group],
                                            columns=columns):
                values = [_strings(batch.column(name)) for name in columns]
                for cells in zip(*values, strict=True):
                    row += 1
                    doc = document_from_row(dict(zip(columns, cells, strict=True)), path, row,
                                    problems)
                    if doc is not None:
                        yield doc
        except faults as exc:
            skipped = f"; rows {row + 1} to {end} are skipped" if end > row + 1 else ""
            problems.add(path, f"damaged Parquet data ({_reason(exc)}){skipped}",
                         where=f"row {row + 1}")
        start = end


def _usable_columns(schema: Any, path: str, problems: ProblemLog) -> list[str]:
    """The known columns of ``schema`` that hold what they should; each other is a problem."""
    import pyarrow as pa

    found = []
    for name in COLUMNS:
        if schema.names.count(name) != 1:
            if schema.names.count(name) > 1:
                problems.add(path, f'column "{name}" appears more than once; it is not read')
            continue
        kind = schema.field(name).type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        fits = (pa.types.is_null(kind) or pa.types.is_string(kind)
                or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)
                or (name == "id" and pa.types.is_integer(kind))
                or (name == "date" and (pa.types.is_date(kind) or pa.types.is_timestamp(kind))))
        if fits:
            found.append(name)
        else:
            problems.add(path, f'column "{name}" holds {kind}, not strings; it is not read')
    if not any(name in found for name in ARTICLE_COLUMNS):
        problems.add(path, 'no article: needs a "text" or "html" column of strings')
    return found


def _strings(column: Any) -> list[Any]:
    """The cells of one column as Python values; a string that is not UTF-8 is ``NOT_UTF8``
    (only the column it is in is converted cell by cell)."""
    try:
        return column.to_pylist()
    except UnicodeDecodeError:
        pass
    cells: list[Any] = []
    for scalar in column:
        try:
            cells.append(scalar.as_py())
        except UnicodeDecodeError:
            cells.append(NOT_UTF8)
    return cells


def document_from_row(obj: dict[str, Any], path: str, row: int, problems: ProblemLog) -> Document | None:
    """The Document of one row (``obj``: column -> cell), as a JSONL line's; None after a
    problem when the row gives none."""
    where = f"row {row}"
    bad = [name for name, value in obj.items() if value is NOT_UTF8]
    for name, value in obj.items():
        if value is NOT_UTF8:
            obj[name] = None
        elif isinstance(value, datetime | date):
            obj[name] = value.isoformat()
    lost = [name for name in bad if name in ARTICLE_COLUMNS]
    if lost and not any(obj.get(name) for name in ARTICLE_COLUMNS):
        problems.add(path, f'"{lost[0]}" is not valid UTF-8; the row is skipped', where=where)
        return None
    for name in bad:
        problems.add(path, f'"{name}" is not valid UTF-8; the article is kept without it',
                     where=where)
    try:
        fields = parse_object(obj)
    except BadLine as exc:
        problems.add(path, str(exc), where=where)
        return None
    for issue in fields.issues:
        problems.add(path, issue, where=where)
    return document_from_fields(fields, f"{path}:{row}", path, where, problems,
                                format="parquet")


@contextlib.contextmanager
def _seekable(src: Input, problems: ProblemLog) -> Iterator[Any]:
    """What pyarrow opens: the file's path, or a temporary copy of content that cannot seek
    (gzip, stdin); None (after a problem) when the content cannot be read to its end."""
    if not src.gzip and src.name != STDIN_NAME:
        yield src.name
        return
    with tempfile.TemporaryFile(prefix="wiretrace-", suffix=".parquet") as copy:
        try:
            shutil.copyfileobj(src.content, copy)
        except OSError as exc:
            problems.add(src.name, os_reason(exc))
            yield None
            return
        copy.seek(0)
        yield copy


def _reason(exc: BaseException) -> str:
    """pyarrow's message on one line, cut to a readable length."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
