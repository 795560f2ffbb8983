"""Telling the input format from the first bytes of the content, never from the file name.

Checked in this order, the first that fits wins:

* ``warc``: the content starts with a WARC version line (``WARC/1.0``, ``WARC/1.1``);
* ``parquet``: the content starts with Parquet's magic bytes ``PAR1``;
* ``jsonl``: the first non-blank line is a JSON object (or, when that line is longer than
  the head read, opens one with a key: ``{"text": ...``);
* ``html``: a doctype, ``<html>``, ``<head>`` or ``<body>`` at the start (after an optional
  XML declaration and comments), or a clearly tag-dense start (a fragment such as
  ``<div><p>...</p>``);
* ``text``: anything else.

    >>> detect_format(b"WARC/1.0\\r\\nWARC-Type: warcinfo\\r\\n")
    'warc'
    >>> detect_format(b"PAR1\\x15\\x04")
    'parquet'
    >>> detect_format(b'\\n{"text": "Rain in Lyon."}\\n')
    'jsonl'
    >>> detect_format(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    'html'
    >>> detect_format(b"Rain fell on Lyon on Monday.")
    'text'
"""

from __future__ import annotations

import json

from wiretrace.ingest.patterns import (
    BOMS,
    HTML_START,
    HTML_TAG,
    JSON_OBJECT_START,
    PARQUET_MAGIC,
    TAG_SAMPLE,
    TAGS_ANYWHERE,
    TAGS_WHEN_STARTING_WITH_TAG,
    WARC_START,
)

FORMATS = ("text", "html", "jsonl", "warc", "parquet")


def detect_format(head: bytes) -> str:
    """The format of content starting with ``head`` (a few KiB are enough)."""
    if head.startswith(WARC_START):
        return "warc"
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    text = _head_text(head)
    if _first_line_is_object(text):
        return "jsonl"
    if looks_like_html(text):
        return "html"
    return "text"


def looks_like_html(text: str) -> bool:
    """A document start or a tag-dense start; a plain text that mentions a tag is not HTML."""
    if HTML_START.match(text):
        return True
    sample = text[:TAG_SAMPLE]
    tags = len(HTML_TAG.findall(sample))
    if sample.lstrip().startswith("<") and tags >= TAGS_WHEN_STARTING_WITH_TAG:
        return True
    return tags >= TAGS_ANYWHERE


def _head_text(head: bytes) -> str:
    """The head as text, good enough for ASCII markers; UTF-16/32 heads decoded by BOM."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    return head.decode("latin-1")


def _first_line_is_object(text: str) -> bool:
    """The first non-blank line is a JSON object; or it is a broken one ("{...") and one of
    the next few lines is an object, so a dump whose first record is damaged is still read
    as JSONL (and the damage reported) rather than as one big text article."""
    lines = [line for line in text.split("\n")[:-1] if line.strip()][:5]
    if not lines:
        return bool(text.strip()) and _is_object(text)
    if _is_object(lines[0]):
        return True
    return lines[0].lstrip().startswith("{") and any(_is_object(line) for line in lines[1:])


def _is_object(line: str) -> bool:
    if JSON_OBJECT_START.match(line):
        return True
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False
