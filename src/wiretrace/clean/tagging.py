"""First pass of the cleaner: give every line a context-free tag.

Tags: ``ui``, ``date``, ``credit``, ``byline`` (chrome wherever they are), ``caption``
(a descriptive line ending in a credit: a caption candidate, confirmed later with context) and
``text`` (anything else: headline, body paragraph, subheading). Context (is the body started?
is this a headline copy?) is applied by ``wiretrace.clean.article``; page boundaries by
``wiretrace.clean.split``.

    >>> [t.tag for t in tag_lines(split_lines("Share\\nSoldiers patrol a road at dawn. (AFP)\\nBody."))]
    ['ui', 'caption', 'text']
"""

from __future__ import annotations

from dataclasses import dataclass

from wiretrace.clean.captions import caption_candidate
from wiretrace.clean.chrome import chrome_kind
from wiretrace.clean.lines import Line, normalise, split_lines

__all__ = ["Tagged", "tag_lines", "split_lines"]


@dataclass(frozen=True)
class Tagged:
    """A line with its tag, its comparison key (``normalise(text)``) and its word count
    (``len(text.split())``, which every later heuristic asks for)."""

    line: Line
    tag: str
    key: str
    n_words: int

    @property
    def text(self) -> str:
        return self.line.text


def tag_lines(lines: list[Line]) -> list[Tagged]:
    """Tag each line on its own (no context)."""
    out = []
    for line in lines:
        text = line.text
        n_words = len(text.split())
        tag = chrome_kind(text, n_words)
        if tag is None:
            tag = "caption" if caption_candidate(text, n_words) else "text"
        out.append(Tagged(line, tag, normalise(text), n_words))
    return out
