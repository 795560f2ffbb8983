"""Second pass of the cleaner: turn one article's tagged lines into an ``Article``.

Context decides what the tags alone cannot:

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
"""

from __future__ import annotations

from collections import Counter

from wiretrace.clean.captions import credit_tail, is_photo_credit
from wiretrace.clean.credits import Credits
from wiretrace.clean.dateline import find_dateline
from wiretrace.clean.dates import date_line
from wiretrace.clean.lines import is_title_like, title_keys, without_site_name
from wiretrace.clean.split import BODY_WORDS, CHROME_TAGS
from wiretrace.clean.tagging import Tagged
from wiretrace.clean.vocabulary import (
    AUTHOR_BIO,
    BIO_LAST_LINES,
    SECTION_END,
    SECTION_END_MAX_CHARS,
    TEASER_MAX_WORDS,
)
from wiretrace.model import Article, Document

ZONE_CAPTION_WORDS = 6  # a repeated line this long before the body is a caption
_NO_REPEATS: Counter[str] = Counter()  # never written: a missing key counts 0


def _section_end(lines: list[Tagged], start: int) -> int:
    """Index of a "More from ..." line after which only teasers follow, else ``len(lines)``.

    The cut is made only once the body has started, when what follows is shorter than what
    precedes and when no line after it is as long as a body paragraph can be (teasers are
    short blurbs; a "Popular" box in the middle of an article is followed by real paragraphs).
    """
    n = len(lines)
    tail = n  # lines[tail:] are all shorter than a body paragraph: only there can a cut be
    while tail > start and lines[tail - 1].n_words < TEASER_MAX_WORDS:
        tail -= 1
    if not any(
        (len(t.text) <= SECTION_END_MAX_CHARS or t.text[-1] == ":") and SECTION_END.match(t.text)
        for t in lines[max(start, tail):]
    ):
        return n
    before = 0
    body_started = False
    sizes = [t.n_words for t in lines]
    total = sum(sizes[start:])
    for i in range(start, len(lines)):
        t = lines[i]
        if (
            body_started
            and (len(t.text) <= SECTION_END_MAX_CHARS or t.text[-1] == ":")
            and SECTION_END.match(t.text)
            and total - before < before
            and max(sizes[i:]) < TEASER_MAX_WORDS
        ):
            return i
        before += sizes[i]
        body_started = body_started or (t.tag == "text" and t.n_words >= BODY_WORDS)
    return len(lines)


def _is_bio(t: Tagged, author: str | None) -> bool:
    """An author's bio line ("Jane Doe is a reporter for ...")."""
    if AUTHOR_BIO.match(t.text):
        return True
    return bool(author) and t.text.startswith(author + " ") and " is " in t.text[: len(author) + 40]


def _text_title(lines: list[Tagged], counts: Counter[str]) -> bool:
    """Does the first line read as the article's headline?"""
    first = lines[0]
    if first.tag != "text" or not is_title_like(first.text, n_words=first.n_words):
        return False
    if len(lines) == 1:
        return False
    nxt = lines[1]
    return nxt.gap > 0 or counts[first.key] > 1 or nxt.tag in CHROME_TAGS


def _is_caption(t: Tagged, in_zone: bool, counts: Counter[str]) -> bool:
    if t.tag == "caption":
        tail = credit_tail(t.text) or ""
        return in_zone or counts[t.key] > 1 or is_photo_credit(tail)
    return in_zone and counts[t.key] > 1 and t.n_words >= ZONE_CAPTION_WORDS


def build_article(doc: Document, lines: list[Tagged], index: int) -> Article:
    """One ``Article`` from the tagged lines of one article of ``doc`` (``index`` 1-based)."""
    art = Article(
        id=f"{doc.id or doc.source}#{index}",
        source=doc.source,
        index=index,
        url=doc.url,
        outlet=doc.outlet,
        format=doc.format,
    )
    keys = [t.key for t in lines]
    # only "seen more than once" is asked; most pages repeat no line, and a set says so faster
    counts = Counter(keys) if len(set(keys)) < len(keys) else _NO_REPEATS
    heads: set[str] = set()
    start = 0
    doc_title = doc.title.strip() if index == 1 and doc.title and doc.title.strip() else None
    if doc_title:
        heads |= title_keys(doc_title)
    if lines and (
        index > 1
        or (doc_title and lines[0].key in heads and lines[0].tag == "text")
        or (not doc_title and _text_title(lines, counts))
    ):
        art.title = lines[0].text
        heads.add(lines[0].key)
        start = 1
    elif doc_title:
        art.title = without_site_name(doc_title, doc.outlet)

    credits = Credits()
    paragraphs: list[str] = []
    caption_keys: set[str] = set()
    in_zone = True
    cut = _section_end(lines, start)
    author = doc.author if index == 1 else None
    for i, t in enumerate(lines[start:], start=start):
        if i >= cut or t.key in heads or t.key in caption_keys:
            art.removed.append(t.text)
        elif t.tag == "date":
            art.removed.append(t.text)
            art.date = art.date or date_line(t.text)
        elif t.tag in ("ui", "credit", "byline"):
            art.removed.append(t.text)
            if t.tag != "ui" and t.named:
                credits.add_credit_text(t.text)
        elif (in_zone or t.tag == "caption") and _is_caption(t, in_zone, counts):
            art.captions.append(t.text)
            caption_keys.add(t.key)
            if t.named:
                credits.add_credit_text(t.text)
        elif (in_zone or i >= cut - BIO_LAST_LINES) and _is_bio(t, author):
            art.removed.append(t.text)
        else:
            if in_zone:
                found = find_dateline(t.text)
                if found:
                    art.dateline = found[0]
                    credits.add(found[1])
            in_zone = False
            paragraphs.append(t.text)
            if t.named:
                credits.add_body_text(t.text)
    if art.date is None and index == 1:
        art.date = doc.date
    art.credits = credits.names
    art.text = "\n\n".join(paragraphs)
    return art
