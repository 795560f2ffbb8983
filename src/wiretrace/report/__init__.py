"""The report stage: render articles and compare results as text, JSON, JSON Lines or HTML.

Two entry points, the ones the CLI calls:

    >>> render_articles(articles, "text", sys.stdout)   # doctest: +SKIP
    >>> render_result(result, "html", open("report.html", "w"))  # doctest: +SKIP

``fmt`` is ``text`` (rich, colour only on a terminal unless ``color`` says otherwise),
``json``, ``jsonl`` or, for results only, ``html`` (one self-contained page). Results also
go to Parquet, a folder of three tables: ``write_parquet(result, "out/")``. An unknown
format raises ``ValueError`` naming the accepted ones (the CLI validates choices first).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from wiretrace.model import Article, Result
from wiretrace.report.data import (
    write_articles_json,
    write_articles_jsonl,
    write_parquet,
    write_result_json,
    write_result_jsonl,
)
from wiretrace.report.html import render_html
from wiretrace.report.text import render_articles_text, render_result_text

ARTICLE_FORMATS = ("text", "json", "jsonl")
RESULT_FORMATS = ("text", "json", "jsonl", "html")

__all__ = ["ARTICLE_FORMATS", "RESULT_FORMATS", "render_articles", "render_result",
           "write_parquet"]


def render_articles(articles: Sequence[Article], fmt: str, out: TextIO, *,
                    color: bool | None = None) -> None:
    """Write ``articles`` to ``out`` as ``fmt`` (text | json | jsonl)."""
    if fmt == "text":
        render_articles_text(articles, out, color=color)
    elif fmt == "json":
        write_articles_json(articles, out)
    elif fmt == "jsonl":
        write_articles_jsonl(articles, out)
    else:
        raise ValueError(f"unknown format {fmt!r} for articles; use one of {ARTICLE_FORMATS}")


def render_result(result: Result, fmt: str, out: TextIO, *, color: bool | None = None) -> None:
    """Write ``result`` to ``out`` as ``fmt`` (text | json | jsonl | html)."""
    if fmt == "text":
        render_result_text(result, out, color=color)
    elif fmt == "json":
        write_result_json(result, out)
    elif fmt == "jsonl":
        write_result_jsonl(result, out)
    elif fmt == "html":
        render_html(result, out)
    else:
        raise ValueError(f"unknown format {fmt!r} for results; use one of {RESULT_FORMATS}")
