"""First pass of the cleaner: find the lines of each page and give every line a
context-free tag.

Lines come from one compiled pass over the page's UTF-8 bytes (:mod:`wiretrace.clean._kernels`
describes it): for every non-blank line its stripped extent, the blank lines before it, its
word count, whether it holds an agency literal, and whether it needs the chrome tests.

    >>> page = scan_lines("  Share\\r\\n\\nRain  fell.  Roads shut")
    >>> page.starts, page.ends, page.gaps, page.words, page.irregular
    ([2, 10], [7, 33], [0, 1], [1, 4], [1])

Tags: ``ui``, ``date``, ``credit``, ``byline`` (chrome wherever they are), ``caption``
(a descriptive line ending in a credit: a caption candidate, confirmed later with context) and
``text`` (anything else: headline, body paragraph, subheading). Context (is the body started?
is this a headline copy?) is applied by ``wiretrace.clean.article``; page boundaries by
``wiretrace.clean.split``.

    >>> [t.tag for t in tag_lines("Share\\nSoldiers patrol a road at dawn. (AFP)\\nBody.")]
    ['ui', 'caption', 'text']
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import numpy as np

from wiretrace.clean._kernels import BLOCK, scan_many
from wiretrace.clean.chrome import (
    CREDIT_LINE_MAX_WORDS,
    UI_MAX_CHARS,
    chrome_kind,
)
from wiretrace.clean.credits import caption_candidate
from wiretrace.clean.lines import normalise

__all__ = ["TaggedPage", "Tagged", "tag_lines", "tag_page", "tag_pages"]


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


class PageLines(NamedTuple):
    """The non-blank lines of a page, one entry per line in each list (``irregular`` and
    ``flagged`` list line indices): see :mod:`wiretrace.clean._kernels`."""

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
    in :mod:`wiretrace.clean._kernels`. ``flagged`` lists the lines at most ``max_chars`` code points or
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
                             max_chars, max_words, edges)
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
# lines too, the only section ends (article.py) that are not short: the article builder
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
