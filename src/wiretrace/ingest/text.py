"""Readers for whole-file inputs: a plain-text file or an HTML page gives one Document.

The file is read at once (one file's content is the most ever held), decoded by
``decode.decode`` (an HTML page's own ``<meta charset>`` counts as a declared charset), and
either kept as text or handed to the HTML extractor.
"""

from __future__ import annotations

from collections.abc import Iterator

from wiretrace.ingest.decode import decode, html_charset
from wiretrace.ingest.fromhtml import document_from_html
from wiretrace.ingest.sources import Input, os_reason
from wiretrace.model import Document
from wiretrace.problems import ProblemLog


def read_whole(src: Input, format: str, problems: ProblemLog) -> Iterator[Document]:
    """One Document from ``src`` read as ``format`` ("text" or "html"), or a problem."""
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
        doc = document_from_html(decoded.text, src.name, problems)
        if doc is not None:
            yield doc
    else:
        yield Document(source=src.name, text=decoded.text, format="text")
