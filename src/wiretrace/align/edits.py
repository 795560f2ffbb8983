"""Word-level edit operations inside one aligned passage: which words of each side match.

The evidence rules (``evidence.py``) read the edit script to pair the words of a passage one
to one; ``passage_edits`` gives it as char spans, to inspect an alignment.

Why LCS (rapidfuzz ``Indel``) rather than Levenshtein: Indel keeps the largest possible
number of identical words as ``equal``, so a swap shows up as exactly the words that differ.
Adjacent delete/insert operations are then merged into one ``replace``, so a phrase swap is one
edit whatever its length on each side:

    a: "... offensives on the jihadists' last two footholds"
    b: "... offensives on the terrorist organization's last two footholds"
    -> equal "... on the", replace "jihadists" -> "terrorist organization's", equal "last ..."

Spans are char offsets into ``a.text`` / ``b.text`` (end exclusive). An ``insert`` has an empty
``a_span`` placed where the words would go in ``a`` (end of the previous word of the passage),
likewise an empty ``b_span`` for a ``delete``.

    >>> from wiretrace.text import tokenize
    >>> from wiretrace.model import Article, Passage
    >>> a = Article(id="a", source="a", index=1, text="the jihadists' last two footholds")
    >>> b = Article(id="b", source="b", index=1, text="the terrorist group's last two footholds")
    >>> edits = passage_edits(a, tokenize(a.text), b, tokenize(b.text), Passage((0, 33), (0, 40)))
    >>> [(e.tag, a.text[slice(*e.a_span)], b.text[slice(*e.b_span)]) for e in edits]
    [('equal', 'the', 'the'), ('replace', 'jihadists', "terrorist group's"), \
('equal', 'last two footholds', 'last two footholds')]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Indel

from wiretrace.model import Article, Passage, Span
from wiretrace.text import Tokens


class Edit(NamedTuple):
    """One operation: ``tag`` is "equal", "replace", "delete" (only in a) or "insert" (only in b)."""

    tag: str
    a_span: Span
    b_span: Span


def token_range(tokens: Tokens, span: Span) -> tuple[int, int]:
    """Indices ``[first, last)`` of the tokens lying inside the char span."""
    first = int(np.searchsorted(tokens.starts, span[0], side="left"))
    last = int(np.searchsorted(tokens.ends, span[1], side="right"))
    return first, max(first, last)


def _char_span(tokens: Tokens, lo: int, hi: int, floor: int) -> Span:
    """Char span of tokens ``[lo, hi)``; empty at the end of token ``lo - 1`` when ``lo == hi``."""
    if hi > lo:
        return int(tokens.starts[lo]), int(tokens.ends[hi - 1])
    pos = (
        int(tokens.ends[lo - 1])
        if lo > floor
        else int(tokens.starts[lo])
        if lo < len(tokens)
        else 0
    )
    return pos, pos


def token_edits(a: list[int], b: list[int]) -> list[tuple[str, int, int, int, int]]:
    """LCS edit script of two id lists, adjacent non-equal operations merged into one."""
    merged: list[list] = []
    for op in Indel.opcodes(a, b):
        if op.tag != "equal" and merged and merged[-1][0] != "equal":
            merged[-1][2], merged[-1][4] = op.src_end, op.dest_end
            merged[-1][0] = "replace"
        else:
            merged.append([op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end])
    for m in merged:
        if m[0] != "equal":
            m[0] = (
                "replace" if m[1] < m[2] and m[3] < m[4] else "delete" if m[1] < m[2] else "insert"
            )
    return [tuple(m) for m in merged]


def passage_edits(a: Article, ta: Tokens, b: Article, tb: Tokens, passage: Passage) -> list[Edit]:
    """The word-level edits turning ``a``'s side of ``passage`` into ``b``'s side, in order."""
    a0, a1 = token_range(ta, passage.a)
    b0, b1 = token_range(tb, passage.b)
    ops = token_edits(ta.ids[a0:a1].tolist(), tb.ids[b0:b1].tolist())
    return [
        Edit(tag, _char_span(ta, a0 + i0, a0 + i1, a0), _char_span(tb, b0 + j0, b0 + j1, b0))
        for tag, i0, i1, j0, j1 in ops
    ]
