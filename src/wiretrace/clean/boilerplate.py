"""Site boilerplate: paragraphs a site's template prints under its articles, not the story.

A site's template adds its own paragraphs to every article it publishes: an "About
<Company>" block under each press release, a newsletter or privacy blurb, an author box
("The column is written by ..."), "Contact us at www...", a copyright line, a blog's
promotional paragraph. Two unrelated articles of one site then share text, and the aligner
would call them a reprint. This pass removes such paragraphs from ``Article.text`` and records
each one in ``Article.removed`` as ``"[boilerplate:REASON] line"`` (``docs/json.md``), so it
never counts as reuse evidence. Two ways to tell:

**Shape** (one article is enough; ``strip_shapes``):

* ``about``: a short heading "About <Name>" (``vocabulary.ABOUT_HEADING``: "About Acme",
  "About the author", "Über ...", "À propos de ...") whose next paragraph names <Name> in its
  first ``ABOUT_NAME_WORDS`` words opens a block running to the article's end, when that
  block is at most ``ABOUT_MAX_LINES`` paragraphs and has fewer words than the body before it;
* one paragraph of a boilerplate shape (``vocabulary.BOILERPLATE_SHAPES``): ``copyright``
  ("... All rights reserved"), ``privacy`` ("By signing up you agree to our Privacy Policy"),
  a ``newsletter`` promotion (``chrome.is_promo``), and, among the last ``TAIL_LINES``
  paragraphs only (in a body, "the song is written by" is prose), ``author`` ("X is written
  by Y") and ``contact`` ("Contact Jane at www.example.com").

**Recurrence** over a batch (``strip_recurring``): the articles are grouped by host
(``host``: the netloc of ``url``, else the ``outlet``, else the source's directory), and each
paragraph is keyed by the hash of its ``normalise`` form. With ``df(h, p)`` the number of
articles of host ``h`` holding paragraph ``p``, an article's *recurring share* is

    share(a) = sum of len(p) over paragraphs p of a with df(h, p) >= 2  /  len(a.text)

A paragraph ``p`` with ``df(h, p) >= 2`` is boilerplate when at least ``MIN_WITNESSES`` of the
articles holding it have ``share <= MAX_SHARE``: it recurs between articles that otherwise
share little, which a template does and versions of one story do not (two updates of one
story share most of their paragraphs, so each has a high share and neither is a witness).
So a paragraph that only two articles of a host share is removed when it is a small part of
both. An "About" block rarely comes back word for word (the head count changes), so the
paragraphs right after a recurring one that open with its first word ("Ascom is ...",
"Ascom is headquartered ...") and run to the article's end go with it.

Everything is one pass to count and one to remove: linear in the number of paragraphs, one
dictionary of ``(host, hash)`` counts.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

from wiretrace.clean.chrome import is_promo
from wiretrace.clean.lines import normalise, normalise_ui
from wiretrace.clean.vocabulary import ABOUT_HEADING, BOILERPLATE_SHAPES, TAIL_SHAPES
from wiretrace.model import Article

__all__ = [
    "host", "paragraph_keys", "strip_boilerplate", "strip_recurring", "strip_shapes",
    "MARK",
]

MARK = "[boilerplate:{reason}] "  # how a boilerplate line is recorded in ``removed``
ABOUT_MAX_WORDS = 6  # an "About <Name>" heading is no longer
ABOUT_NAME_WORDS = 12  # the block's first paragraph names <Name> within this many words
ABOUT_MAX_LINES = 8  # paragraphs an "About" block may hold after its heading
SHAPE_MAX_WORDS = 60  # a longer paragraph is never a one-paragraph boilerplate shape
TAIL_LINES = 5  # author boxes and contact lines are looked for among the last paragraphs
MAX_SHARE = 0.5  # a witness article: at most this share of its text recurs on its host
MIN_WITNESSES = 2  # witness articles a recurring paragraph needs to be boilerplate


def strip_boilerplate(articles: Sequence[Article]) -> int:
    """Both rules over a batch, in place: the number of paragraphs removed."""
    return sum(map(strip_shapes, articles)) + strip_recurring(articles)


def _drop(article: Article, reasons: dict[int, str]) -> int:
    """Remove the paragraphs at ``reasons``' indexes, recording each with its reason."""
    if not reasons:
        return 0
    paragraphs = article.paragraphs
    article.removed += [MARK.format(reason=reasons[k]) + paragraphs[k] for k in sorted(reasons)]
    article.paragraphs = [p for k, p in enumerate(paragraphs) if k not in reasons]
    return len(reasons)


# --- shape ------------------------------------------------------------------------------------


def _about_block(paragraphs: list[str]) -> int | None:
    """Index of an "About <Name>" heading opening the article's closing block, else None."""
    n = len(paragraphs)
    sizes = [len(p.split()) for p in paragraphs]
    for k in range(max(1, n - ABOUT_MAX_LINES - 1), n - 1):
        heading = paragraphs[k]
        if sizes[k] > ABOUT_MAX_WORDS or heading.endswith((".", "?", "!")):
            continue
        match = ABOUT_HEADING.match(heading)
        if not match or sum(sizes[k:]) >= sum(sizes[:k]):
            continue
        name = normalise_ui(match.group("name"))
        opening = normalise_ui(" ".join(paragraphs[k + 1].split()[:ABOUT_NAME_WORDS]))
        if name in ("us", "the author", "the authors", "the company") or (
            name and f" {name} " in f" {opening} "
        ):
            return k
    return None


def _shape(paragraph: str, tail: bool) -> str | None:
    """The boilerplate reason of one paragraph on its own, else None."""
    if len(paragraph.split()) > SHAPE_MAX_WORDS:
        return None
    for reason, pattern in BOILERPLATE_SHAPES:
        if pattern.search(paragraph):
            return reason
    if is_promo(paragraph):
        return "newsletter"
    if tail:
        for reason, pattern in TAIL_SHAPES:
            if pattern.search(paragraph):
                return reason
    return None


def strip_shapes(article: Article) -> int:
    """Remove ``article``'s paragraphs of a boilerplate shape, in place: how many."""
    paragraphs = article.paragraphs
    n = len(paragraphs)
    reasons: dict[int, str] = {}
    about = _about_block(paragraphs)
    if about is not None:
        reasons.update(dict.fromkeys(range(about, n), "about"))
    for k in range(about if about is not None else n):
        reason = _shape(paragraphs[k], tail=k >= n - TAIL_LINES)
        if reason:
            reasons[k] = reason
    if len(reasons) == n:  # the whole text has a boilerplate shape: it is what the page is
        return 0
    return _drop(article, reasons)


# --- recurrence -------------------------------------------------------------------------------


def host(article: Article) -> str:
    """The site an article was published on: netloc of its url (no "www."), else its outlet,
    else the directory of its source."""
    if article.url:
        netloc = urlsplit(article.url).netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
        if netloc:
            return netloc.removeprefix("www.")
    if article.outlet:
        return "outlet:" + article.outlet.casefold()
    return "dir:" + os.path.dirname(article.source)


def paragraph_keys(article: Article) -> list[int]:
    """One hash per paragraph of ``article``: of its ``normalise`` form."""
    return [hash(normalise(p)) for p in article.paragraphs]


def strip_recurring(articles: Sequence[Article]) -> int:
    """Remove paragraphs recurring across unrelated articles of one host, in place: how many."""
    sites = [host(article) for article in articles]
    keys = [paragraph_keys(article) for article in articles]
    df = Counter((site, key) for site, own in zip(sites, keys, strict=True) for key in set(own))
    # witnesses: for each (host, hash), the articles holding it whose recurring share is low
    recurring: list[list[bool]] = []
    witnesses: Counter[tuple[str, int]] = Counter()
    for site, own, article in zip(sites, keys, articles, strict=True):
        flags = [df[site, key] >= 2 for key in own]
        recurring.append(flags)
        if not any(flags):
            continue
        shared = sum(len(p) for p, flag in zip(article.paragraphs, flags, strict=True) if flag)
        if shared <= MAX_SHARE * len(article.text):
            witnesses.update((site, key) for key in {k for k, f in zip(own, flags, strict=True) if f})
    removed = 0
    for site, own, flags, article in zip(sites, keys, recurring, articles, strict=True):
        if not any(flags):
            continue
        hits = [f and witnesses[site, key] >= MIN_WITNESSES for key, f in zip(own, flags, strict=True)]
        if not any(hits):
            continue
        removed += _drop(article, _with_block(article.paragraphs, hits))
    return removed


def _with_block(paragraphs: list[str], hits: list[bool]) -> dict[int, str]:
    """The recurring paragraphs, and the closing run after one that opens with its first word
    ("Ascom is a ..." then "Ascom is headquartered ...")."""
    reasons = {k: "recurring" for k, hit in enumerate(hits) if hit}
    n = len(paragraphs)
    for k in sorted(reasons):
        first = paragraphs[k].split(maxsplit=1)[0]
        run = k + 1
        while run < n and paragraphs[run].split(maxsplit=1)[0] == first:
            run += 1
        if run == n and run > k + 1:
            reasons.update({j: "recurring" for j in range(k + 1, n) if j not in reasons})
            break
    if len(reasons) == n:  # nothing but template text: keep it, it is what the page holds
        return {}
    return reasons
