"""First pass of the cleaner: give every line a context-free tag.

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
from typing import NamedTuple

from wiretrace.clean.chrome import (
    CREDIT_LINE_MAX_WORDS,
    UI_MAX_CHARS,
    chrome_kind,
)
from wiretrace.clean.credits import caption_candidate
from wiretrace.clean.line_scan import PageLines, edge_table, scan_pages
from wiretrace.clean.lines import normalise

__all__ = ["TaggedPage", "Tagged", "tag_lines", "tag_page", "tag_pages"]


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
    (:mod:`.line_scan`), which also flags the lines that may be chrome: at most
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
