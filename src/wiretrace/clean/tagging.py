"""First pass of the cleaner: find the lines of each page and give every line a
context-free tag.

Lines come from one compiled pass over the page's UTF-8 bytes (:mod:`wiretrace._text_kernels`
describes it): for every non-blank line its stripped extent, the blank lines before it, its
word count, whether it holds an agency literal, and whether it needs the chrome tests.

    >>> page = scan_lines("  Share\\r\\n\\nRain  fell.  Roads shut")
    >>> page.starts, page.ends, page.gaps, page.words, page.irregular
    ([2, 10], [7, 33], [0, 1], [1, 4], [1])

Tags: ``ui``, ``date``, ``credit``, ``byline`` (chrome wherever they are), ``caption``
(a descriptive line ending in a credit: a caption candidate, confirmed later with context) and
``text`` (anything else: headline, body paragraph, subheading). Context (is the body started?
is this a headline copy?) is applied when the article is built (``wiretrace.clean.build_article``); page boundaries by
``wiretrace.clean.split``.

Chrome, a line recognised on its own (``chrome_kind``). Four kinds of line are chrome
wherever they appear:

* ``ui``: interface words and counters ("Follow", "Share", "TT", "Advertisement", "20",
  "Teilen", "مشاركة"), matched after ``normalise_ui`` against ``vocabulary.UI_PHRASES`` and
  ``vocabulary.UI_PATTERNS`` ("Read more: ...", "Also on site.com ..."), and newsletter
  promotions (a short line naming a newsletter or inbox and a sign-up verb);
* ``date``: a date line ("Updated 27 September 2017"), which also gives the article its date;
* ``credit``: a line carrying only a picture credit ("Photo: Jane Doe/AFP");
* ``byline``: "By Jane Doe and John Roe" (no sentence: at most a dozen words, no full stop).

    >>> chrome_kind("Follow"), chrome_kind("1.2K"), chrome_kind("Updated 27 September 2017")
    ('ui', 'ui', 'date')
    >>> chrome_kind("The army said 20 people died.") is None
    True

    >>> [t.tag for t in tag_lines("Share\\nSoldiers patrol a road at dawn. (AFP)\\nBody.")]
    ['ui', 'caption', 'text']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import numpy as np

from wiretrace._text_kernels import BLOCK, literal_table, scan_many
from wiretrace.clean.credits import BY_FIRST, LITERAL_BYTES, LITERAL_OFFSETS, caption_candidate
from wiretrace.clean.lines import DATE_LINE_MAX_CHARS, date_line, normalise, normalise_ui, words
from wiretrace.vocabulary import (
    BYLINE,
    CREDIT_LINE_PATTERNS,
    PROMO_MAX_WORDS,
    PROMO_NOUN,
    PROMO_NOUN_CORES,
    PROMO_VERB,
    UI_PATTERNS,
    UI_PHRASES,
)

__all__ = ["TaggedPage", "Tagged", "chrome_kind", "tag_lines", "tag_page", "tag_pages"]


# --- the lines of a page, found by the compiled scan ------------------------------------------

def edge_table(openers: str, closers: str) -> np.ndarray:
    """The characters a line may open with (bit 1) or close with (bit 2) to be flagged by
    ``scan_lines``, as a table by code point."""
    table = np.zeros(max(map(ord, openers + closers), default=-1) + 1, dtype=np.uint8)
    for ch in openers:
        table[ord(ch)] |= 1
    for ch in closers:
        table[ord(ch)] |= 2
    return table


_NO_EDGES = edge_table("", "")
_LITERALS = literal_table(LITERAL_BYTES, LITERAL_OFFSETS, BY_FIRST)  # what the scan marks named


class PageLines(NamedTuple):
    """The non-blank lines of a page, one entry per line in each list (``irregular`` and
    ``flagged`` list line indices): see :mod:`wiretrace._text_kernels`."""

    starts: list[int]
    ends: list[int]
    gaps: list[int]
    words: list[int]
    named: list[int]
    irregular: list[int]
    flagged: list[int]


def scan_lines(
    text: str,
    max_chars: int = -1,
    max_words: int = -1,
    edges: np.ndarray = _NO_EDGES,
) -> PageLines:
    """The lines of ``text`` (``str.splitlines`` order, blank ones left out), described as
    in :mod:`wiretrace._text_kernels`. ``flagged`` lists the lines at most ``max_chars`` code points or
    at most ``max_words`` words long, or opening or closing with a character of ``edges``
    (from ``edge_table``): the lines a caller's quick test does not clear."""
    return scan_pages([text], max_chars, max_words, edges)[0]


_PADS = [bytes(8 - r) for r in range(8)]  # by length mod 8: to whole blocks and one byte more


def scan_pages(
    texts: Sequence[str],
    max_chars: int = -1,
    max_words: int = -1,
    edges: np.ndarray = _NO_EDGES,
) -> list[PageLines]:
    """``scan_lines`` of each text, in one compiled call for the batch.

    Why: a call costs a few µs of fixed work (arguments unboxed, the result turned into
    Python lists) besides the scan itself, and most pages are a few KB, so one call per
    batch of pages takes a third off the line scan.
    """
    encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
    nbytes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    first_block = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum((nbytes >> 3) + 1, out=first_block[1:])
    data = b"".join(chain.from_iterable((e, _PADS[len(e) & 7]) for e in encoded))
    out, starts = scan_many(np.frombuffer(data, dtype=BLOCK), first_block, nbytes,
                             max_chars, max_words, edges, _LITERALS)
    flat = out.tolist()
    return [_unpacked(flat, at) for at in starts[:-1].tolist()]


def _unpacked(flat: list[int], at: int) -> PageLines:
    """The ``PageLines`` packed at ``flat[at:]`` (``_pack_into``)."""
    n, irregular, flagged = flat[at : at + 3]
    c = at + 3  # the columns
    i = c + 5 * n  # the irregular lines, then the flagged ones
    return PageLines(flat[c : c + n], flat[c + n : c + 2 * n], flat[c + 2 * n : c + 3 * n],
                     flat[c + 3 * n : c + 4 * n], flat[c + 4 * n : i], flat[i : i + irregular],
                     flat[i + irregular : i + irregular + flagged])


# --- tags -------------------------------------------------------------------------------------


class TaggedPage:
    """The non-blank lines of a page, tagged, as columns: line ``i`` is ``lines[i]``
    (stripped), with ``gaps[i]`` blank lines before it, tag ``tags[i]``, comparison key
    ``keys[i]`` (``normalise`` of the line), ``words[i]`` words (``len(line.split())``, which
    every later heuristic asks for) and ``named[i]`` (1 when the line can name an agency:
    only such lines are searched for credits). ``flagged`` lists the lines that got the
    chrome tests: every other line is ``text`` (a body paragraph, unless context says more).

    Why columns and not an object per line: the splitter and the article builder look at
    a few columns of a few lines (the flagged ones, mostly); most lines are body paragraphs
    that are only carried along, and an object each cost more than the rest of their way.
    """

    __slots__ = ("lines", "gaps", "tags", "keys", "words", "named", "flagged")

    def __init__(self, lines: list[str], gaps: list[int], tags: list[str], keys: list[str],
                 words: list[int], named: list[int], flagged: list[int]) -> None:
        self.lines, self.gaps, self.tags, self.keys = lines, gaps, tags, keys
        self.words, self.named, self.flagged = words, named, flagged

    def __len__(self) -> int:
        return len(self.lines)


class Tagged(NamedTuple):
    """One line of a ``TaggedPage`` (see there): a view for readers and tests."""

    text: str
    gap: int
    tag: str
    key: str
    n_words: int
    named: int = 1


# --- chrome: a line recognised on its own, without context ----------------------------------

UI_MAX_CHARS = 160  # a longer line is never interface text
CREDIT_LINE_MAX_WORDS = 14
BYLINE_MAX_WORDS = 13  # "By" and at most a dozen names and joiners (<= CREDIT_LINE_MAX_WORDS)
BYLINE_FIRST_CHARS = "bBvVpPب"  # what BYLINE can match first (case-insensitive; tested)

# One pass instead of one ``match`` per pattern: ``match`` of an alternation of anchored
# patterns succeeds exactly when one of them does (all share the IGNORECASE flag).
_UI_PATTERN = re.compile("|".join(f"(?:{p.pattern})" for p in UI_PATTERNS), re.IGNORECASE)
_CREDIT_LINE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in CREDIT_LINE_PATTERNS), re.IGNORECASE
)


def is_ui(text: str, n_words: int | None = None) -> bool:
    """True for interface words, counters and "share on"/"read more" link lines.

    ``n_words`` is ``len(text.split())`` when the caller already knows it.
    """
    if len(text) > UI_MAX_CHARS:
        return False
    key = normalise_ui(text)
    if not key:
        return not any(ch.isalnum() for ch in text)  # only symbols: "•", "|", "»"
    if key in UI_PHRASES:
        return True
    if _UI_PATTERN.match(text):
        return True
    return is_promo(text, n_words) or (n_words is None or n_words % 2 == 0) and is_doubled(text)


def is_doubled(text: str) -> bool:
    """A teaser headline rendered twice in one line: "Big news today Big news today"."""
    parts = text.split()
    half = len(parts) // 2
    return len(parts) >= 4 and len(parts) % 2 == 0 and parts[:half] == parts[half:]


_CASE_FOLDS = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def names_promo_noun(text: str) -> bool:
    """Can ``PROMO_NOUN`` match ``text``? A substring test first: the case-insensitive regex
    scan reads every character of the line, and every short line is asked."""
    folded = text.lower() if text.isascii() else text.translate(_CASE_FOLDS).lower()
    if not any(core in folded for core in PROMO_NOUN_CORES):
        return False
    return PROMO_NOUN.search(text) is not None


def is_promo(text: str, n_words: int | None = None) -> bool:
    """A newsletter promotion: "Get the top headlines in your inbox. Subscribe to our newsletter."."""
    return (
        (len(words(text)) if n_words is None else n_words) <= PROMO_MAX_WORDS
        and names_promo_noun(text)
        and PROMO_VERB.search(text) is not None
    )


def is_byline(text: str) -> bool:
    """True for "By Jane Doe", "Von Max Muster und Eva Beispiel", "By J. Doe, Reuters"."""
    if not BYLINE.match(text) or text.endswith((".", "?", "!", ":")):
        return False
    rest = words(text)[1:]
    if not rest or len(rest) >= BYLINE_MAX_WORDS or not rest[0][:1].isupper():
        return False
    return sum(w[:1].isupper() for w in rest) * 2 >= len(rest)


def chrome_kind(text: str, n_words: int | None = None) -> str | None:
    """``"ui"``, ``"date"``, ``"credit"``, ``"byline"`` or None for a stripped line.

    ``n_words`` is ``len(text.split())`` when the caller already knows it. Every line of every
    page comes here, most of them body paragraphs, so each test is skipped when the line is
    too long for it, or, for bylines, does not open with a letter a byline can open with.
    """
    if n_words is None:
        n_words = len(words(text))
    if len(text) <= DATE_LINE_MAX_CHARS and date_line(text):
        return "date"
    if len(text) <= UI_MAX_CHARS and is_ui(text, n_words):
        return "ui"
    if n_words <= CREDIT_LINE_MAX_WORDS and _CREDIT_LINE.match(text) is not None:
        return "credit"
    if text[:1] in BYLINE_FIRST_CHARS and is_byline(text):
        return "byline"
    return None


# --- the tag of every line ------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def short_line_tag(line: str, n_words: int) -> str:
    """The tag of a line that needs the chrome tests (``n_words`` is its word count).

    Cached: such lines are short and the same ones recur page after page ("Share",
    "Advertisement", an outlet's sign-off, a headline carried by several outlets).
    """
    return chrome_kind(line, n_words) or (
        "caption" if caption_candidate(line, n_words) else "text"
    )


# What a caption's credit tail closes with: a longer line of text (more words than any
# credit line or byline, longer than any date or UI line) that does not close so is a body
# paragraph, whatever the chrome tests say. A closing ":" flags the long "More from ...:"
# lines too, the only section ends (``build_article``) that are not short: the article builder
# looks for section ends among the flagged lines alone.
_EDGES = edge_table("", ")]:")


def tag_page(text: str) -> TaggedPage:
    """Tag each non-blank line of ``text`` on its own (no context), in order.

    Lines, their stripped extent, word counts and agency marks come from one compiled pass
    (``scan_pages``), which also flags the lines that may be chrome: at most
    ``UI_MAX_CHARS`` long (longer than any date or UI line), or at most
    ``CREDIT_LINE_MAX_WORDS`` words (a byline has fewer), or closing with a parenthesis
    (the chrome tests' own guards, checked once there) or a colon (see ``_EDGES``). The
    others (most body paragraphs) are ``text`` without running the tests.
    """
    return tag_pages([text])[0]


def tag_pages(texts: Sequence[str]) -> list[TaggedPage]:
    """``tag_page`` of each text, their lines found in one compiled call (``scan_pages``)."""
    scanned = scan_pages(texts, UI_MAX_CHARS, CREDIT_LINE_MAX_WORDS, _EDGES)
    return list(map(_tagged, texts, scanned))


def _tagged(text: str, page: PageLines) -> TaggedPage:
    lines = [text[start:end] for start, end in zip(page.starts, page.ends, strict=True)]
    keys = list(map(str.lower, lines))  # ``normalise`` of single-spaced ASCII lines
    for k in page.irregular:
        keys[k] = normalise(lines[k])
    tags = ["text"] * len(lines)
    words = page.words
    for k in page.flagged:
        tags[k] = short_line_tag(lines[k], words[k])
    return TaggedPage(lines, page.gaps, tags, keys, words, page.named, page.flagged)


def tag_lines(text: str) -> list[Tagged]:
    """``tag_page`` as one ``Tagged`` per line."""
    page = tag_page(text)
    return list(map(Tagged, page.lines, page.gaps, page.tags, page.keys, page.words,
                    page.named))
