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

from functools import lru_cache

from wiretrace.clean.captions import caption_candidate
from wiretrace.clean.chrome import (
    BYLINE_FIRST_CHARS,
    CREDIT_LINE_MAX_WORDS,
    UI_MAX_CHARS,
    chrome_kind,
)
from wiretrace.clean.line_scan import scan_lines
from wiretrace.clean.lines import normalise

__all__ = ["Tagged", "tag_lines"]


class Tagged:
    """A non-blank line (stripped), the blank lines before it (``gap``), its tag, its
    comparison key (``normalise(text)``), its word count (``len(text.split())``, which every
    later heuristic asks for) and whether it can name an agency (``named``: only such lines
    are searched for credits)."""

    __slots__ = ("text", "gap", "tag", "key", "n_words", "named")

    def __init__(
        self, text: str, gap: int, tag: str, key: str, n_words: int, named: bool = True
    ) -> None:
        self.text = text
        self.gap = gap
        self.tag = tag
        self.key = key
        self.n_words = n_words
        self.named = named

    def __repr__(self) -> str:
        return f"Tagged({self.tag}, {self.text!r})"


@lru_cache(maxsize=1 << 16)
def short_line_tag(line: str, n_words: int) -> str:
    """The tag of a line that needs the chrome tests (``n_words`` is its word count).

    Cached: such lines are short and the same ones recur page after page ("Share",
    "Advertisement", an outlet's sign-off, a headline carried by several outlets).
    """
    return chrome_kind(line, n_words) or (
        "caption" if caption_candidate(line, n_words) else "text"
    )


def tag_lines(text: str) -> list[Tagged]:
    """Tag each non-blank line of ``text`` on its own (no context), in order.

    Lines, their stripped extent, word counts and agency marks come from one compiled pass
    (:mod:`.line_scan`). A line too long for any chrome test, not opening like a byline and
    not closing with a parenthesis (most body paragraphs) is ``text`` without running the
    tests (their own length guards, checked once here).
    """
    out = []
    lowered = text.lower() if text.isascii() else None  # ASCII: same offsets, line keys
    for start, end, gap, n_words, simple, ascii_, named in scan_lines(text):
        line = text[start:end]
        if simple and ascii_:
            key = lowered[start:end] if lowered is not None else line.lower()
        else:
            key = normalise(line)
        if (
            end - start > UI_MAX_CHARS  # longer than any date or UI line
            and n_words > CREDIT_LINE_MAX_WORDS
            and line[0] not in BYLINE_FIRST_CHARS
            and line[-1] not in ")]"  # what a caption's credit tail ends with
        ):
            tag = "text"
        else:
            tag = short_line_tag(line, n_words)
        out.append(Tagged(line, gap, tag, key, n_words, named == 1))
    return out
