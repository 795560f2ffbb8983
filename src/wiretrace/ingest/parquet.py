"""The Parquet reader: a table of articles, one per row, streamed in Arrow record batches.

The columns are the JSONL input's keys: ``text`` (plain text) or ``html`` (a page, sent
through the HTML extractor), and optionally ``id`` (string or integer), ``url``, ``title``,
``outlet`` (strings) and ``date`` (a written date as in JSONL, or a date or timestamp
column). Other columns are never read, so a table that also holds, say, the raw WARC
headers costs nothing more. Each row is read by the same rules as a JSONL line
(``jsonl.parse_object``): blank strings and nulls are absent, a bad ``date`` is reported and
left out, a row with no ``text`` nor ``html`` is one problem. A Document's source is
``path:ROW`` (1-based), as a JSONL line's is ``path:LINE``.

Rows are read ``BATCH_ROWS`` at a time, one row group after another, through pyarrow's
``ParquetFile.iter_batches``, so a file larger than memory streams like a JSONL dump. Every fault is one problem, never a
traceback: a file pyarrow cannot open (not Parquet, a damaged footer), a known column of
another type (left out; the file is skipped when neither ``text`` nor ``html`` is left),
damage met in the data (the rest of that row group is skipped; the rows before it and the
next row groups stand), a string that is not UTF-8. A gzip-compressed file or stdin is first copied to a
temporary file, since Parquet's index sits at the end of the file.

Reading needs pyarrow (``pip install pyarrow``); without it each Parquet file
is one problem saying so.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from wiretrace.ingest.jsonl import BadLine, document_from_fields, parse_object
from wiretrace.ingest.sources import STDIN_NAME, Input, os_reason
from wiretrace.model import Document
from wiretrace.run import ProblemLog

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
