"""The ingest stage: files, folders, globs and stdin in; one ``Document`` per article out.

``read`` is the whole public interface. It streams: at most one file's content (for plain
text and HTML), one line/record (for JSONL and WARC) or one batch of rows (for Parquet) is
held at a time, so inputs of tens of millions of articles pass through in constant memory.
gzip is undone transparently (sniffed by its magic bytes), the format is sniffed from the
content unless ``input_format`` forces one, and every problem with the input goes to
``problems`` (one line each) while the rest of the batch flows on; with ``problems.strict``
the first problem raises ``StrictStop``.

    >>> from wiretrace.run import ProblemLog
    >>> log = ProblemLog()
    >>> docs = list(read(["examples/"], problems=log))  # doctest: +SKIP
    >>> print(log.summary(len(docs)))  # doctest: +SKIP
    6 files, 6 articles, 0 problems

Modules: ``sources`` (paths, opening, gzip sniffing, the prefix and gzip streams),
``decode`` (format sniffing, bytes to text), ``jsonl``, ``warc``, ``parquet``, ``html`` (the
HTML extractor and ``document_from_html``, the readers' hand-off to it; it reads the headline
with ``headline``). ``html`` loads trafilatura, so it is imported where HTML is first met: reading
plain text or JSONL ``text`` lines never pays for it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from wiretrace.ingest.decode import FORMATS, decode, detect_format, html_charset, looks_like_html
from wiretrace.ingest.records import read_jsonl, read_parquet
from wiretrace.ingest.sources import Input, expand_paths, open_input, os_reason
from wiretrace.ingest.warc import read_warc
from wiretrace.model import Document
from wiretrace.run import ProblemLog

INPUT_FORMATS = ("auto", *FORMATS)

__all__ = ["INPUT_FORMATS", "document_from_html", "expand_paths", "from_memory", "read"]


def __getattr__(name: str) -> object:
    """``document_from_html``, imported from ``html`` on first use (trafilatura with it)."""
    if name == "document_from_html":
        from wiretrace.ingest.html import document_from_html

        return document_from_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read(
    paths: Iterable[str],
    input_format: str = "auto",
    problems: ProblemLog | None = None,
    stdin: BinaryIO | None = None,
    exclude: Iterable[str] = (),
) -> Iterator[Document]:
    """Documents from every input named by ``paths``, in order.

    ``paths``: files, folders (recursive, sorted, hidden entries skipped), glob patterns, or
    ``-`` for stdin (``stdin`` if given, else ``sys.stdin.buffer``). ``input_format``: one of
    ``INPUT_FORMATS``; anything else raises ``ValueError`` at once. Without a ``problems``
    log, problems are printed to stderr rather than lost. ``problems.files`` counts the input
    files opened. Files in ``exclude`` (a run's own output file: a report written into the
    folder being read) are never read.
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(
            f"unknown input format {input_format!r}; expected one of: {', '.join(INPUT_FORMATS)}"
        )
    if isinstance(paths, str | bytes):
        paths = [paths]  # type: ignore[list-item]
    log = problems if problems is not None else ProblemLog(stream=sys.stderr)
    return _read(paths, input_format, log, stdin, _file_keys(exclude))


def _file_keys(paths: Iterable[str]) -> set[tuple[int, int]]:
    """(device, inode) of each existing file in ``paths``: a file's identity, whatever its name."""
    keys = set()
    for path in paths:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            keys.add((info.st_dev, info.st_ino))
    return keys


def _read(
    paths: Iterable[str], input_format: str, problems: ProblemLog, stdin: BinaryIO | None,
    excluded: set[tuple[int, int]],
) -> Iterator[Document]:
    for path in expand_paths(paths, problems):
        if excluded and path != "-" and _file_keys([path]) & excluded:
            continue
        try:
            src = open_input(path, stdin)
        except OSError as exc:
            problems.add(path, os_reason(exc))
            continue
        problems.files += 1
        with src:
            if path.lower().endswith(".gz") and not src.gzip and src.head:
                if b"\x1f\x8b".startswith(src.head):  # cut inside the magic bytes
                    problems.add(src.name, "truncated gzip (compressed data ends early)")
                    continue
                problems.add(src.name, "named .gz but not gzip-compressed; read as it is")
            fmt = detect_format(src.head) if input_format == "auto" else input_format
            if fmt != "warc" and path.lower().endswith((".warc", ".warc.gz")) and src.head:
                problems.add(src.name, f"named .warc but not a WARC file; read as {fmt}")
            if fmt == "jsonl":
                yield from read_jsonl(src, problems)
            elif fmt == "warc":
                yield from read_warc(src, problems)
            elif fmt == "parquet":
                yield from read_parquet(src, problems)
            else:
                yield from read_whole(src, fmt, problems)


def from_memory(documents: Iterable[Document], problems: ProblemLog) -> Iterator[Document]:
    """Documents a library user built in memory, made ready for cleaning.

    A ``Document`` holds extracted text. One whose ``format`` is ``"html"`` but whose text is
    still markup (a page the user fetched) is sent through the HTML extractor exactly as a
    file would be (``document_from_html``); the fields the user set (title, date, url,
    outlet, author, id) win over the extracted ones. A page with no article is a problem.
    """
    for doc in documents:
        if doc.format != "html" or not looks_like_html(doc.text[:4096]):
            yield doc
            continue
        from wiretrace.ingest.html import document_from_html

        parsed = document_from_html(doc.text, doc.source, problems, url=doc.url)
        if parsed is None:
            continue
        for name in ("title", "date", "url", "outlet", "author", "id"):
            if getattr(doc, name) is not None:
                setattr(parsed, name, getattr(doc, name))
        yield parsed


def read_whole(src: Input, format: str, problems: ProblemLog) -> Iterator[Document]:
    """One Document from a whole-file input ``src`` read as ``format`` ("text" or "html"), or
    a problem. The file is read at once (one file's content is the most ever held), decoded
    (an HTML page's own ``<meta charset>`` counts as a declared charset), and either kept as
    text or handed to the HTML extractor."""
    try:
        data = src.content.read()
    except OSError as exc:
        problems.add(src.name, os_reason(exc))
        return
    decoded = decode(data, declared=html_charset(data) if format == "html" else None)
    del data
    if decoded.text is None:
        problems.add(src.name, decoded.error or "not text")
        return
    if decoded.warning:
        problems.add(src.name, decoded.warning)
    if format == "html":
        from wiretrace.ingest.html import document_from_html

        doc = document_from_html(decoded.text, src.name, problems)
        if doc is not None:
            yield doc
    else:
        yield Document(source=src.name, text=decoded.text, format="text")
