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
* one paragraph of at most ``SHAPE_MAX_WORDS`` words of a boilerplate shape
  (``vocabulary.BOILERPLATE_SHAPES``): ``copyright`` ("... All rights reserved"), ``privacy``
  ("By signing up you agree to our Privacy Policy"), ``newsletter`` ("Sign up for our free
  newsletter", "... to your inbox", "support our journalism"; the short promotions
  ``tagging.is_promo`` finds are already gone as ``ui`` lines), ``disclosure`` ("we may earn
  a commission", "affiliate links ... at no extra cost", "this story was developed ... by
  our branded content team") and, among the last
  ``TAIL_LINES`` paragraphs only (in a body, "the song is written by" is prose), ``author``
  ("X is written by Y") and ``contact`` ("Contact Jane at www.example.com").

Whether an article holds a cue of a shape at all is one compiled scan of its lower-cased
UTF-8 bytes (``_text_kernels.scan_cues``: a table of the cues' first byte pairs), so the
paragraphs of the many articles holding none are never looked at.

**Recurrence** over a batch (``strip_recurring``): the articles are grouped by host
(``host``: the netloc of ``url``, else the ``outlet``, else the source's directory), and each
paragraph is keyed by the hash of its host and its text. With ``df(h, p)`` the number of
articles of host ``h`` holding paragraph ``p``, an article's *recurring share* is

    share(a) = sum of len(p) over paragraphs p of a with df(h, p) >= 2  /  len(a.text)

and its *closing run* is the longest run of paragraphs with ``df >= 2`` that ends the
article (a paragraph that does not recur joins it when it opens with the first word of the
recurring one before it: "Ascom is a ..." recurs, "Ascom is headquartered ..." carries this
year's head count; up to ``TRAIL_LINES`` lines of at most ``BRIDGE_WORDS`` words that do not
recur join it between two recurring ones: a heading a site prints inside a template block,
"Advance your tech skills today", which its sister site does not). Up to ``TRAIL_LINES``
short lines that do not recur (at most ``TRAIL_WORDS`` words each) may follow it: a page's
own "AUTHOR" label, one-line bio or "Share the blog on:" after a template block, which a
sister site's template does not print; they stay. A template closes articles, a story's paragraphs stand anywhere. A
paragraph is boilerplate when at least ``MIN_WITNESSES`` articles of its host hold it in
their closing run and have ``share <= MAX_SHARE``: it recurs between articles that otherwise
share little, which a template does and versions of one story do not (two updates of one
story share most of their paragraphs, so each has a high share and neither is a witness).
So a paragraph that only two articles of a host share is removed when it closes both and is
a small part of both. What goes, in each article, is its closing run from the first such
paragraph of at least ``BLOCK_WORDS`` words (with the short recurring lines just before it:
"Ticketing", "Inquiry"), to the end; a lone short line ("Pros", "Conclusion") recurs because
many articles have one, and is no template on its own.

A template block can be longer than the stories it closes: an article whose closing run
follows at least ``FRAMED_BODY_CHARS`` of its own text is a witness too when its title is
unrelated to that of another such holder of the paragraph (``lines.related_titles``; at most
``FRAMED_TITLES`` holders compared), which two versions of one story are not. Words holding
a digit are no title words there (``lines._TITLE_WORD``): a year, a count or a date tells
the page's edition, and one site's listicles share it ("Top 20 Harbour Cranes to Watch in
2031" and "Top 12 Apricot Growers to Watch in 2031" share "watch" and "2031": with the year,
2 of the shorter title's 4 words, related; without it, 1 of 3, unrelated), while two
versions of one story share the words of what it is about. The text of
the articles of its page before it counts toward that body: a block the splitter cut off
under a heading of its own ("Related papers") is framed by the page's story. Closing runs
are read per *unit*: an article with the next articles of its page that hold recurring
paragraphs only (a template block the splitter cut off as an article of its own still
closes the page's story; that article may be left empty).

**Recurrence across hosts** (reason ``recurring-sites``): one more pass over the batch, with
every host as one, finds the template that sister sites of one network print under their
articles. Witnesses there are low-share or framed articles under titles unrelated to another
holder's: a wire story that two sites each open with an introduction of their own is a
reprint, and lightly edited reprints share few paragraphs byte for byte (a low share) under
one headline, so a shared closing run counts only between stories that are told apart by
their titles. A framed witness lets a network's block longer than the stories under it go
(a low share alone would keep it); a reprint that one site carries with no introduction of
its own is framed on one side only, and one witness is not enough.

**Recurrence over an archive** (``--db``): the batch alone cannot tell a footer that each
run of ``index add`` sees once. The archive keeps, per paragraph key, ``df`` (its stored
articles of that host holding the paragraph, as read, before removal) and ``witnesses``
(those of them whose recurring share was at most ``MAX_SHARE`` when they were stored;
``Footprint`` is what one article adds). A batch read against the archive
(``known``: ``KnownParagraphs``) counts

    df(h, p) = df over the batch + df stored,   witnesses(p) = over the batch + stored

so one new article of a host closing with its footer, once stored before, has it removed.
A stored witness held the paragraph somewhere, not necessarily in its closing run: the new
article's closing run says where it stands. The keys are then a stable 64-bit hash
(``paragraph_key``: BLAKE2b of the host and the text), the same from run to run.

Everything is one pass to count and one to remove: linear in the number of paragraphs, one
dictionary of ``(host, hash)`` counts (and, with an archive, one look-up of the batch's
distinct keys).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, compress
from typing import NamedTuple, Protocol

import numpy as np

from wiretrace._text_kernels import scan_cues as _scan_cues
from wiretrace.clean.lines import normalise_ui, unrelated_count
from wiretrace.model import Article
from wiretrace.vocabulary import ABOUT_HEADING, BOILERPLATE_SHAPES, SENTENCE_ENDS, TAIL_SHAPES

__all__ = [
    "Footprint", "KnownParagraphs", "Recurrence", "host", "paragraph_key", "strip_boilerplate",
    "strip_for_archive", "strip_recurring", "strip_shapes", "MARK",
]

MARK = "[boilerplate:{reason}] "  # how a boilerplate line is recorded in ``removed``
ABOUT_MAX_WORDS = 6  # an "About <Name>" heading is no longer
ABOUT_MAX_CHARS = 80  # ... and no longer than this
ABOUT_NAME_WORDS = 12  # the block's first paragraph names <Name> within this many words
ABOUT_MAX_LINES = 8  # paragraphs an "About" block may hold after its heading
SHAPE_MAX_WORDS = 60  # a longer paragraph is never a one-paragraph boilerplate shape
BLOCK_WORDS = 6  # a shorter recurring line is removed only next to a longer one
TAIL_LINES = 5  # author boxes and contact lines are looked for among the last paragraphs
MAX_SHARE = 0.5  # a witness article: at most this share of its text recurs on its host
MIN_WITNESSES = 2  # witness articles a recurring paragraph needs to be boilerplate
FRAMED_BODY_CHARS = 400  # a framed witness holds a body of its own of this size at least
FRAMED_TITLES = 8  # framed holders of one paragraph whose titles are compared, at most
TRAIL_LINES = 3  # short lines of a page's own after a closing template block, at most ...
TRAIL_WORDS = 6  # ... each of this many words at most ("AUTHOR", "Share the blog on:")
BRIDGE_WORDS = 10  # a line of a page's own inside a template block (a heading), at most


def strip_boilerplate(articles: Sequence[Article], known: KnownParagraphs | None = None) -> int:
    """Both rules over a batch (and the archive's counts ``known``), in place: the number of
    paragraphs removed."""
    texts = [article.paragraphs for article in articles]  # split once, shared by the passes
    removed = sum(map(strip_shapes, articles, texts))
    removed += _recurring(articles, texts, known).removed
    return removed + _recurring(articles, texts, across=True).removed


def fold_emptied(articles: Sequence[Article]) -> list[Article]:
    """``articles`` without those the boilerplate pass left empty after another article of
    their page: each is folded into the article before it.

    Such an article is a template block the splitter cut off under a heading of its own (a
    related post's title, "More from us"); it belongs to its page's story (see *units*
    above) and, with no text, is a version of nothing. Its heading, captions and removed
    lines move to that article's ``captions`` and ``removed`` (the heading marked
    ``template-heading``), so nothing is lost. An article that was empty before this pass,
    or is its page's first, stays.
    """
    kept: list[Article] = []
    for article in articles:
        before = kept[-1] if kept else None
        if (article.text or not article.removed or before is None
                or before.source != article.source):
            kept.append(article)
            continue
        if article.title:
            before.removed.append(MARK.format(reason="template-heading") + article.title)
        before.removed += article.removed
        before.captions += article.captions
    return kept


def strip_for_archive(articles: Sequence[Article], known: KnownParagraphs) -> list[Footprint]:
    """Both rules over a batch about to be stored in the archive ``known``, in place: what
    each article adds to the archive's counts."""
    texts = [article.paragraphs for article in articles]
    for article, paragraphs in zip(articles, texts, strict=True):
        strip_shapes(article, paragraphs)
    footprints = _recurring(articles, texts, known, footprints=True).footprints
    _recurring(articles, texts, across=True)
    return footprints


def _drop(article: Article, paragraphs: list[str], reasons: dict[int, str]) -> int:
    """Remove the paragraphs at ``reasons``' indexes, recording each with its reason
    (``paragraphs``: the article's, kept equal to them)."""
    if not reasons:
        return 0
    article.removed += [MARK.format(reason=reasons[k]) + paragraphs[k] for k in sorted(reasons)]
    article.paragraphs = kept = [p for k, p in enumerate(paragraphs) if k not in reasons]
    paragraphs[:] = kept if article.text else []  # [""] reads back as no paragraph
    return len(reasons)


# --- shape ------------------------------------------------------------------------------------


_SENTENCE_ENDS = tuple(SENTENCE_ENDS)  # a heading ending with one is a sentence


def _about_block(paragraphs: list[str]) -> int | None:
    """Index of an "About <Name>" heading opening the article's closing block, else None.

    Sizes are compared in characters (the block shorter than the body before it): only the
    few headings found are measured, never the whole text."""
    n = len(paragraphs)
    for k in range(max(1, n - ABOUT_MAX_LINES - 1), n - 1):
        heading = paragraphs[k]
        if len(heading) > ABOUT_MAX_CHARS or heading.endswith(_SENTENCE_ENDS):
            continue
        match = ABOUT_HEADING.match(heading)
        if not match or len(heading.split()) > ABOUT_MAX_WORDS:
            continue
        if sum(map(len, paragraphs[k:])) >= sum(map(len, paragraphs[:k])):
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
    lowered = paragraph.lower()
    for reason, cues, pattern in (*BOILERPLATE_SHAPES, *TAIL_SHAPES) if tail else BOILERPLATE_SHAPES:
        if any(cue in lowered for cue in cues) and pattern.search(paragraph):
            return None if len(paragraph.split()) > SHAPE_MAX_WORDS else reason
    return None


_CUES = tuple(sorted({cue for _, cues, _ in BOILERPLATE_SHAPES for cue in cues}))
_TAIL_CUES = tuple(sorted({cue for _, cues, _ in TAIL_SHAPES for cue in cues} - set(_CUES)))


def _cue_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The cues for ``_text_kernels.scan_cues``: ``table`` maps a byte pair (first << 8 | second)
    to the bit mask of the cues opening with it (a one-byte cue: with any second byte),
    ``patterns`` holds the cues' UTF-8 bytes one after the other, cue ``c`` at
    ``patterns[offsets[c]:offsets[c + 1]]``, and ``tail[c]`` tells a cue of ``TAIL_SHAPES``."""
    cues = [cue.encode() for cue in (*_CUES, *_TAIL_CUES)]
    if len(cues) > 63:
        raise ValueError("at most 63 boilerplate cues fit the scan's bit masks")
    table = np.zeros(1 << 16, np.int64)
    for c, cue in enumerate(cues):
        if len(cue) == 1:
            table[cue[0] << 8:(cue[0] + 1) << 8] |= 1 << c
        else:
            table[cue[0] << 8 | cue[1]] |= 1 << c
    patterns = np.frombuffer(b"".join(cues), np.uint8)
    offsets = np.cumsum([0, *map(len, cues)]).astype(np.int64)
    tail = np.array([False] * len(_CUES) + [True] * len(_TAIL_CUES))
    return table, patterns, offsets, tail


_CUE_TABLE, _CUE_PATTERNS, _CUE_OFFSETS, _CUE_TAIL = _cue_tables()


def _closing_start(lowered: str, data: bytes, closing: list[str]) -> int:
    """Where the closing paragraphs ``closing`` (with the paragraph break before them) start
    in ``data``, the UTF-8 bytes of ``lowered``."""
    start = max(0, len(lowered) - sum(len(p) + 2 for p in closing))
    return start if len(data) == len(lowered) else len(
        lowered[:start].encode("utf-8", "surrogatepass"))


def strip_shapes(article: Article, paragraphs: list[str] | None = None) -> int:
    """Remove ``article``'s paragraphs of a boilerplate shape, in place: how many
    (``paragraphs``: the article's, already split, kept equal to them).

    Most articles hold no cue of a shape (a substring scan of the lower-cased text, and of
    its last ``TAIL_LINES`` paragraphs, says so), and then no paragraph is looked at."""
    if paragraphs is None:
        paragraphs = article.paragraphs
    n = len(paragraphs)
    reasons: dict[int, str] = {}
    about = _about_block(paragraphs)
    if about is not None:
        reasons.update(dict.fromkeys(range(about, n), "about"))
    end = about if about is not None else n
    tail = max(0, n - TAIL_LINES)
    lowered = article.text.lower()
    data = lowered.encode("utf-8", "surrogatepass")
    cue = _scan_cues(np.frombuffer(data, np.uint8), _CUE_TABLE, _CUE_PATTERNS, _CUE_OFFSETS,
                     _CUE_TAIL)
    if cue == -2:  # a cue of a shape anywhere
        first = 0
    elif cue >= 0 and cue >= _closing_start(lowered, data, paragraphs[tail:]):
        first = tail  # a cue of an author box or a contact line among the last paragraphs
    else:
        first = end
    for k in range(first, end):
        reason = _shape(paragraphs[k], tail=k >= n - TAIL_LINES)
        if reason:
            reasons[k] = reason
    if len(reasons) == n:  # the whole text has a boilerplate shape: it is what the page is
        return 0
    return _drop(article, paragraphs, reasons)


# --- recurrence -------------------------------------------------------------------------------


def host(article: Article) -> str:
    """The site an article was published on (``Article.site``), else the absolute directory
    of its source (the pages of one scraped site usually share a folder; absolute, so runs
    from other working folders name it alike in the archive)."""
    return article.site or "dir:" + os.path.abspath(os.path.dirname(article.source))


class KnownParagraphs(Protocol):
    """Paragraph counts kept beyond the batch (the archive): ``key -> (df, witnesses)`` for
    the keys it has seen (``paragraph_key``)."""

    def paragraph_counts(self, keys: Sequence[int]) -> dict[int, tuple[int, int]]: ...


class Footprint(NamedTuple):
    """What one article tells an archive about its host's paragraphs: the keys of its
    paragraphs as read (before removal), and whether it is a witness (its recurring share at
    most ``MAX_SHARE``). A pair, as ``Archive.add`` reads it."""

    keys: frozenset[int]
    witness: bool


@dataclass
class Recurrence:
    """The outcome of a recurrence pass: paragraphs removed, and one Footprint per article."""

    removed: int = 0
    footprints: list[Footprint] = field(default_factory=list)


def paragraph_key(site: str, paragraph: str) -> int:
    """A stable signed 64-bit key of a paragraph on a host (BLAKE2b), the same in every run."""
    digest = hashlib.blake2b(f"{site}\0{paragraph}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def strip_recurring(articles: Sequence[Article], known: KnownParagraphs | None = None) -> int:
    """Remove paragraphs recurring across unrelated articles of one host, in place, with the
    archive's counts ``known`` added to the batch's: how many."""
    return _recurring(articles, [article.paragraphs for article in articles], known).removed


def _recurring(articles: Sequence[Article], texts: list[list[str]],
               known: KnownParagraphs | None = None, footprints: bool = False,
               across: bool = False) -> Recurrence:
    """The recurrence pass over the articles' paragraphs ``texts`` (kept equal to them: a
    paragraph kept from an earlier pass is the same string, its hash computed once), with
    the archive's counts ``known`` added to the batch's; ``footprints``: also what each
    article adds to an archive's counts; ``across``: every host as one.

    A paragraph's key is the hash of its host and its text as printed (a template prints
    its paragraphs byte for byte; the cleaner has already stripped each line): one hash per
    paragraph, the counts in one ``Counter`` (its C counting loop). Python's own ``hash``
    within a batch; ``paragraph_key`` when keys meet an archive.

    Most articles hold no recurring paragraph (their keys and the set of recurring keys are
    disjoint, one C-level test): their flags are ``None`` and their units are passed over."""
    if across and (known is not None or footprints):
        raise ValueError("the pass across hosts reads the batch only")
    if across:
        keys = [list(map(hash, paragraphs)) for paragraphs in texts]
    elif known is None and not footprints:
        keys = [[hash((site, p)) for p in paragraphs]
                for site, paragraphs in zip(map(host, articles), texts, strict=True)]
    else:
        keys = [[paragraph_key(site, p) for p in paragraphs]
                for site, paragraphs in zip(map(host, articles), texts, strict=True)]
    df: Counter[int] = Counter(chain.from_iterable(map(set, keys)))
    stored = known.paragraph_counts(list(df)) if known is not None else {}
    for k, (count, _) in stored.items():
        df[k] += count
    recurring = {k for k, count in df.items() if count >= 2}
    flags: list[list[bool] | None] = [
        None if recurring.isdisjoint(own) else [k in recurring for k in own] for own in keys]
    units, before = _units(articles, flags)
    # witnesses: for each key, the units closing with it whose recurring share is low, or
    # (``framed``) that hold a body of their own before it under unrelated titles
    witnesses: Counter[int] = Counter({k: w for k, (_, w) in stored.items() if w})
    framed: dict[int, list[str | None]] = {}
    closing: list[tuple[list[int], list[int], list[bool], list[str], int, int]] = []
    low_of = [False] * len(articles)
    for unit in units:
        if all(flags[i] is None for i in unit):  # nothing recurs: no closing run, share 0
            for i in unit:
                low_of[i] = True
            continue
        if len(unit) == 1:
            own, unit_flags, paragraphs = keys[unit[0]], flags[unit[0]], texts[unit[0]]
        else:
            own = [k for i in unit for k in keys[i]]
            unit_flags = [f for i in unit for f in (flags[i] or [False] * len(keys[i]))]
            paragraphs = [p for i in unit for p in texts[i]]
        start, end = _closing(paragraphs, unit_flags)
        if start == end and not footprints:
            continue
        shared = sum(map(len, compress(paragraphs, unit_flags)))
        length = sum(len(articles[i].text) for i in unit)
        low = shared <= MAX_SHARE * length
        for i in unit:
            low_of[i] = low
        if start == end:
            continue
        closing.append((unit, own, unit_flags, paragraphs, start, end))
        run = set(compress(own[start:end], unit_flags[start:end]))
        if low and not across:
            witnesses.update(run)
        elif low or (before[unit[0]] + sum(map(len, paragraphs[:start]))
                     - sum(map(len, compress(paragraphs[:start], unit_flags)))
                     >= FRAMED_BODY_CHARS):
            title = articles[unit[0]].title
            for k in run:
                held = framed.setdefault(k, [])
                if len(held) < FRAMED_TITLES:
                    held.append(title)
    unrelated: dict[tuple[str | None, ...], int] = {}  # one template's keys share holders
    for k, titles in framed.items():
        held = tuple(titles)
        if held not in unrelated:
            unrelated[held] = unrelated_count(held)
        witnesses[k] += unrelated[held]
    if footprints:
        out = Recurrence(footprints=[Footprint(frozenset(own), low)
                                     for own, low in zip(keys, low_of, strict=True)])
    else:
        out = Recurrence()
    for unit, own, unit_flags, paragraphs, start, end in closing:
        hits = [False] * start + [unit_flags[k] and witnesses[own[k]] >= MIN_WITNESSES
                                  for k in range(start, end)]
        if not any(hits):
            continue
        hits += [False] * (len(own) - end)
        gone = _template(paragraphs, hits, start, end,
                         "recurring-sites" if across else "recurring")
        offset = 0
        for i in unit:
            n = len(texts[i])
            out.removed += _drop(articles[i], texts[i], {k - offset: r for k, r in gone.items()
                                               if offset <= k < offset + n})
            offset += n
    return out


def _units(articles: Sequence[Article], flags: list[list[bool] | None]
           ) -> tuple[list[list[int]], list[int]]:
    """The articles in units (indexes): each article, followed by the next articles of its
    page (same ``source``, by ``index``) that hold recurring paragraphs only; and per
    article, the characters of the articles of its page before it (a template block the
    splitter cut off under a heading of its own, "Related papers", is framed by the page's
    story, though its own article holds little else)."""
    pages: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        pages.setdefault(article.source, []).append(i)
    units: list[list[int]] = []
    before = [0] * len(articles)
    for members in pages.values():
        members.sort(key=lambda i: articles[i].index)
        total = 0
        for n, i in enumerate(members):
            if n and flags[i] and all(flags[i]):
                units[-1].append(i)
            else:
                units.append([i])
            before[i] = total
            total += len(articles[i].text)
    return units, before


def _first_word(paragraph: str) -> str:
    parts = paragraph.split(maxsplit=1)
    return parts[0] if parts else ""


def _short(paragraph: str) -> bool:
    return len(paragraph.split()) <= TRAIL_WORDS


def _closing(paragraphs: list[str], flags: list[bool]) -> tuple[int, int]:
    """The closing run ``start:end`` of recurring paragraphs (``start == end`` when none).

    It closes the article (``end`` is its length), or it is followed by at most
    ``TRAIL_LINES`` short lines that do not recur, each of at most ``TRAIL_WORDS`` words: the
    page's own label or author line after a template block ("AUTHOR", "Share the blog on:",
    "Powered by Example"), which a sister site's template does not print. Those lines stay."""
    n = len(paragraphs)
    start = _closing_run(paragraphs, flags, n)
    if start < n:
        return start, n
    end = n
    while (end > 0 and n - end < TRAIL_LINES and not flags[end - 1]
           and _short(paragraphs[end - 1])):
        end -= 1
    if end in (0, n) or not flags[end - 1]:
        return n, n
    return _closing_run(paragraphs, flags, end), end


def _closing_run(paragraphs: list[str], flags: list[bool], end: int) -> int:
    """Start of the run of recurring paragraphs that ends at ``end`` (``end`` when none). A
    paragraph that does not recur belongs to the run when it and the ones up to the next
    recurring one open with the first word of the recurring paragraph before them ("Ascom
    is a ..." recurs, then "Ascom is headquartered ..." with this month's head count), and
    so do up to ``TRAIL_LINES`` lines of at most ``BRIDGE_WORDS`` words between two recurring
    ones (a site's own heading inside a template block)."""
    start = k = end - 1
    start += 1
    while k >= 0:
        if flags[k]:
            start = k
            k -= 1
            continue
        j = k  # a heading of the page's own inside a template block
        while (j >= 0 and k - j < TRAIL_LINES and not flags[j]
               and len(paragraphs[j].split()) <= BRIDGE_WORDS):
            j -= 1
        if j < k and start < end and j >= 0 and flags[j]:
            start, k = j, j - 1
            continue
        first = _first_word(paragraphs[k])
        j = k
        while j >= 0 and not flags[j] and _first_word(paragraphs[j]) == first:
            j -= 1
        if j < 0 or _first_word(paragraphs[j]) != first:
            break
        start, k = j, j - 1
    return start


def _template(paragraphs: list[str], hits: list[bool], start: int, end: int,
              reason: str = "recurring") -> dict[int, str]:
    """The closing template to remove: from the first recurring paragraph of at least
    ``BLOCK_WORDS`` words among the closing run ``start:end`` to its end, with the short
    recurring lines just before it ("Ticketing", "Inquiry": a lone "Pros" or "Conclusion"
    heading recurs because many articles have one, so a short line alone is no template)."""
    anchor = next((k for k in range(start, end) if hits[k]
                   and len(paragraphs[k].split()) >= BLOCK_WORDS), None)
    if anchor is None:
        return {}
    while anchor > start and hits[anchor - 1]:
        anchor -= 1
    if anchor == 0:  # nothing but template text: keep it, it is what the page holds
        return {}
    return dict.fromkeys(range(anchor, end), reason)
