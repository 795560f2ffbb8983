"""The clean stage: page text in, clean articles out.

``clean_document`` reads a ``Document`` line by line (one paragraph or piece of chrome per
line), tags each line (``tagging``), cuts the page where a second article starts (``split``)
and builds one ``Article`` per part (``build_article``, here): title, date, dateline, credits,
captions, body paragraphs, and every chrome line it dropped in ``removed``.

When an article is built, context decides what the tags alone cannot:

* the **title** is the document's own title, or else the first line when it reads as a
  headline and is set apart (a blank line after it, a repeat, or chrome next); every later
  copy of the headline is removed;
* a **caption** candidate (a line ending in a credit) is a caption when it comes before the
  body starts, when it is repeated, or when its credit is a picture credit ("Name/AFP",
  "Photo by ..."); otherwise it is a body paragraph that merely ends with "(AFP)". A long line
  repeated before the body starts is a caption too. One copy goes to ``captions``, the others
  to ``removed``;
* ``ui``/``credit``/``byline`` lines go to ``removed``; the first ``date`` line gives the date;
* a body paragraph repeated later stays (recipes, lists and interviews repeat lines);
* after a "More from ..." / "Related" line that is followed only by a shorter block, the rest
  is teasers for other articles and goes to ``removed``, as does an author's bio before the
  body or among the last lines ("Jane Doe is a reporter for ...").

Every non-blank line lands in exactly one of title / paragraphs / captions / removed.

    >>> page = "Storm hits coast\\n\\nShare\\nRescuers search a flooded street. (Photo by J. Doe / AFP)\\n"
    >>> page += "PORTO, Portugal: A storm hit the coast on Monday, officials told AFP.\\n"
    >>> [art] = clean_text(page)
    >>> art.title, art.dateline, art.credits, art.removed
    ('Storm hits coast', 'PORTO, Portugal', ['AFP'], ['Share'])
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import Any

from wiretrace.clean.boilerplate import strip_boilerplate
from wiretrace.clean.credits import Credits, credit_tail, is_photo_credit
from wiretrace.clean.lines import (
    date_line,
    find_dateline,
    is_title_like,
    title_keys,
    without_site_name,
)
from wiretrace.clean.split import BODY_WORDS, CHROME_TAGS, split_page
from wiretrace.clean.tagging import TaggedPage, tag_pages
from wiretrace.model import Article, Document
from wiretrace.vocabulary import (
    AUTHOR_BIO,
    BIO_LAST_LINES,
    SECTION_END,
    SECTION_END_MAX_CHARS,
    TEASER_MAX_WORDS,
)

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


ZONE_CAPTION_WORDS = 6  # a repeated line this long before the body is a caption
_NO_REPEATS: Counter[str] = Counter()  # never written: a missing key counts 0


def _is_section_end(line: str) -> bool:
    return (len(line) <= SECTION_END_MAX_CHARS or line[-1] == ":") and bool(
        SECTION_END.match(line))


def _section_end(page: TaggedPage, start: int, end: int) -> int:
    """Index of a "More from ..." line after which only teasers follow, else ``end``.

    The cut is made only once the body has started, when what follows is shorter than what
    precedes and when no line after it is as long as a body paragraph can be (teasers are
    short blurbs; a "Popular" box in the middle of an article is followed by real paragraphs).
    """
    sizes, lines = page.words, page.lines
    tail = end  # lines[tail:end] are all shorter than a body paragraph: only there can a cut be
    while tail > start and sizes[tail - 1] < TEASER_MAX_WORDS:
        tail -= 1
    # a section end is short or ends with ":", so the tagger flagged it (tagging._EDGES);
    # the article's own flagged lines among the page's (a sorted list: bisect, not a scan)
    flagged = page.flagged
    first, last = bisect_left(flagged, max(start, tail)), bisect_left(flagged, end)
    if not any(_is_section_end(lines[k]) for k in flagged[first:last]):
        return end
    before = 0
    body_started = False
    total = sum(sizes[start:end])
    for i in range(start, end):
        if (
            body_started
            and _is_section_end(lines[i])
            and total - before < before
            and max(sizes[i:end]) < TEASER_MAX_WORDS
        ):
            return i
        before += sizes[i]
        body_started = body_started or (page.tags[i] == "text" and sizes[i] >= BODY_WORDS)
    return end


def _is_bio(line: str, author: str | None) -> bool:
    """An author's bio line ("Jane Doe is a reporter for ...")."""
    if AUTHOR_BIO.match(line):
        return True
    return bool(author) and line.startswith(author + " ") and " is " in line[: len(author) + 40]


def _text_title(page: TaggedPage, start: int, end: int, counts: Counter[str]) -> bool:
    """Does the first line (``start``) read as the article's headline?"""
    if page.tags[start] != "text" or not is_title_like(page.lines[start],
                                                       n_words=page.words[start]):
        return False
    if end - start == 1:
        return False
    nxt = start + 1
    return (page.gaps[nxt] > 0 or counts[page.keys[start]] > 1
            or page.tags[nxt] in CHROME_TAGS)


def _is_caption(line: str, tag: str, key: str, n_words: int, in_zone: bool,
                counts: Counter[str]) -> bool:
    if tag == "caption":
        tail = credit_tail(line) or ""
        return in_zone or counts[key] > 1 or is_photo_credit(tail)
    return in_zone and counts[key] > 1 and n_words >= ZONE_CAPTION_WORDS


def build_article(doc: Document, page: TaggedPage, start: int, end: int, index: int) -> Article:
    """One ``Article`` from lines ``start:end`` of ``doc``'s tagged page (``index``
    1-based: the article's place on the page)."""
    art = Article(
        id=f"{doc.id or doc.source}#{index}",
        source=doc.source,
        index=index,
        url=doc.url,
        outlet=doc.outlet,
        format=doc.format,
    )
    lines, tags, keys, named = page.lines, page.tags, page.keys, page.named
    own = keys[start:end]
    # only "seen more than once" is asked; most pages repeat no line, and a set says so faster
    counts = Counter(own) if len(set(own)) < len(own) else _NO_REPEATS
    gone: set[str] = set()  # keys of the headline's copies, then of the captions found
    doc_title = doc.title.strip() if index == 1 and doc.title and doc.title.strip() else None
    if doc_title:
        gone |= title_keys(doc_title)
    if end > start and (
        index > 1
        or (doc_title and keys[start] in gone and tags[start] == "text")
        or (not doc_title and _text_title(page, start, end, counts))
    ):
        art.title = lines[start]
        gone.add(keys[start])
        start += 1
    elif doc_title:
        art.title = without_site_name(doc_title, doc.outlet)

    credits = Credits()
    paragraphs: list[str] = []
    removed = art.removed
    in_zone = True
    cut = _section_end(page, start, end)
    bio_from = cut - BIO_LAST_LINES  # a bio is looked for before the body and from here on
    author = doc.author if index == 1 else None
    for i in range(start, cut):
        line, tag = lines[i], tags[i]
        if keys[i] in gone:
            removed.append(line)
        elif tag == "text" and not in_zone and i < bio_from:  # a body paragraph, mostly
            paragraphs.append(line)
            if named[i]:
                credits.add_body_text(line)
        elif tag == "date":
            removed.append(line)
            art.date = art.date or date_line(line)
        elif tag in ("ui", "credit", "byline"):
            removed.append(line)
            if tag != "ui" and named[i]:
                credits.add_credit_text(line)
        elif (in_zone or tag == "caption") and _is_caption(
            line, tag, keys[i], page.words[i], in_zone, counts
        ):
            art.captions.append(line)
            gone.add(keys[i])
            if named[i]:
                credits.add_credit_text(line)
        elif (in_zone or i >= bio_from) and _is_bio(line, author):
            removed.append(line)
        else:
            if in_zone:
                found = find_dateline(line)
                if found:
                    art.dateline = found[0]
                    credits.add(found[1])
            in_zone = False
            paragraphs.append(line)
            if named[i]:
                credits.add_body_text(line)
    removed += lines[cut:end]
    if not paragraphs and art.captions:
        # a text that is one line ending in an agency tag ("..., officials said (AFP)") has
        # no body for that line to caption: the line is the body, unless its credit is a photo's
        body = [c for c in art.captions if not is_photo_credit(credit_tail(c) or "")]
        paragraphs = body
        art.captions = [c for c in art.captions if c not in body]
    if art.date is None and index == 1:
        art.date = doc.date
    art.credits = credits.names
    art.text = "\n\n".join(paragraphs)
    return art
