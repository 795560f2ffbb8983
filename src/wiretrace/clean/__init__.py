"""The clean stage: page text in, clean articles out.

``clean_document`` reads a ``Document`` line by line (one paragraph or piece of chrome per
line), tags each line (``tagging``), cuts the page where a second article starts (``split``)
and builds one ``Article`` per part (``article``): title, date, dateline, credits, captions,
body paragraphs, and every chrome line it dropped in ``removed``.

    >>> page = "Storm hits coast\\n\\nShare\\nRescuers search a flooded street. (Photo by J. Doe / AFP)\\n"
    >>> page += "PORTO, Portugal: A storm hit the coast on Monday, officials told AFP.\\n"
    >>> [art] = clean_text(page)
    >>> art.title, art.dateline, art.credits, art.removed
    ('Storm hits coast', 'PORTO, Portugal', ['AFP'], ['Share'])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wiretrace.clean.article import build_article
from wiretrace.clean.boilerplate import strip_boilerplate
from wiretrace.clean.split import split_page
from wiretrace.clean.tagging import TaggedPage, tag_pages
from wiretrace.model import Article, Document

__all__ = ["clean_batch", "clean_document", "clean_text", "strip_boilerplate"]


def clean_document(doc: Document) -> list[Article]:
    """The articles held by ``doc``, cleaned of page chrome ([] when it has no text)."""
    return clean_batch([doc])[0]


def clean_batch(docs: Sequence[Document]) -> list[list[Article]]:
    """``clean_document`` of each document (the same articles), with the lines of the whole
    batch found in one compiled call: the way to clean many pages."""
    pages = tag_pages([doc.text or "" for doc in docs])
    return list(map(_articles, docs, pages))


def _articles(doc: Document, page: TaggedPage) -> list[Article]:
    return [
        build_article(doc, page, start, end, index)
        for index, (start, end) in enumerate(split_page(page, doc.title), start=1)
    ]


def clean_text(text: str, source: str = "<text>", **doc_fields: Any) -> list[Article]:
    """``clean_document`` on a plain string; ``doc_fields`` fill the other ``Document`` fields."""
    doc_fields.setdefault("format", "text")
    return clean_document(Document(source=source, text=text, **doc_fields))
