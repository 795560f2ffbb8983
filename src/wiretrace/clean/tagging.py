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

from wiretrace.clean.captions import caption_candidate
from wiretrace.clean.chrome import (
    BYLINE_FIRST_CHARS,
    CREDIT_LINE_MAX_WORDS,
    UI_MAX_CHARS,
    chrome_kind,
)
from wiretrace.clean.lines import key_and_count

__all__ = ["Tagged", "tag_lines"]


class Tagged:
    """A non-blank line (stripped), the blank lines before it (``gap``), its tag, its
    comparison key (``normalise(text)``) and its word count (``len(text.split())``, which
    every later heuristic asks for)."""

    __slots__ = ("text", "gap", "tag", "key", "n_words")

    def __init__(self, text: str, gap: int, tag: str, key: str, n_words: int) -> None:
        self.text = text
        self.gap = gap
        self.tag = tag
        self.key = key
        self.n_words = n_words

    def __repr__(self) -> str:
        return f"Tagged({self.tag}, {self.text!r})"


def tag_lines(text: str) -> list[Tagged]:
    """Tag each non-blank line of ``text`` on its own (no context), in order.

    Lines are ``str.splitlines`` (CRLF, lone CR and the Unicode separators all end a line),
    stripped; ``gap`` counts the blank lines before each. A line too long for any chrome
    test, not opening like a byline and not closing with a parenthesis (most body paragraphs)
    is ``text`` without running the tests (their own length guards, checked once here).
    """
    out = []
    gap = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            gap += 1
            continue
        key, n_words = key_and_count(line)
        if (
            len(line) > UI_MAX_CHARS  # longer than any date or UI line
            and n_words > CREDIT_LINE_MAX_WORDS
            and line[0] not in BYLINE_FIRST_CHARS
            and line[-1] not in ")]"  # what a caption's credit tail ends with
        ):
            tag = "text"
        else:
            tag = chrome_kind(line, n_words) or (
                "caption" if caption_candidate(line, n_words) else "text"
            )
        out.append(Tagged(line, gap, tag, key, n_words))
        gap = 0
    return out
