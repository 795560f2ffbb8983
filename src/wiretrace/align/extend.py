"""Extending passages over a swap at their edge, up to the sentence boundary on both sides.

Why: exact seeds stop at the first differing word, so a swap in the first words of a sentence
("Rebel fighters seized" / "Insurgents seized") would fall *outside* the passage and the
compare stage would never see it. When, in both texts, the sentence boundary before a
passage (or after it) is at most ``max_gap`` words away, the passage is stretched to it: the
words in between are a swap, a short cut or a short addition at the sentence edge, exactly
what the chaining already accepts inside a passage. Words already in another passage are
never taken.

A boundary lies between two tokens when the text between them holds sentence-ending
punctuation or a line break (``wiretrace.vocabulary.SENTENCE_BOUNDARY``); the start and end of the text are boundaries.

    >>> from wiretrace.index.tokens import tokenize
    >>> a, b = "Rebel fighters seized the town.", "Insurgents seized the town."
    >>> extend_to_sentences([(2, 5, 1, 4, 3)], a, tokenize(a), b, tokenize(b), 6)
    [(0, 5, 0, 4, 3)]
"""

from __future__ import annotations

import numpy as np

from wiretrace.align.chain import TokenPassage
from wiretrace.index.tokens import Tokens
from wiretrace.vocabulary import SENTENCE_BOUNDARY as BOUNDARY


def _boundary_before(text: str, tokens: Tokens, i: int) -> bool:
    """True when a sentence boundary lies just before token ``i``."""
    if i <= 0:
        return True
    gap = text[tokens.ends[i - 1] : tokens.starts[i]]
    return any(c in BOUNDARY for c in gap)


def _steps_back(text: str, tokens: Tokens, start: int, limit: int) -> int | None:
    """Tokens between the sentence start and ``start`` (None if more than ``limit``)."""
    for k in range(limit + 1):
        if _boundary_before(text, tokens, start - k):
            return k
    return None


def _steps_forward(text: str, tokens: Tokens, end: int, limit: int) -> int | None:
    """Tokens between ``end`` (exclusive) and the sentence end (None if more than ``limit``)."""
    n = len(tokens)
    for k in range(limit + 1):
        if end + k >= n or _boundary_before(text, tokens, end + k):
            return k
    return None


def extend_to_sentences(
    passages: list[TokenPassage],
    text_a: str,
    ta: Tokens,
    text_b: str,
    tb: Tokens,
    max_gap: int,
) -> list[TokenPassage]:
    """Stretch each passage's ends to the sentence boundaries when both are near (see above)."""
    used_a = np.zeros(len(ta) + 1, dtype=bool)
    used_b = np.zeros(len(tb) + 1, dtype=bool)
    for a0, a1, b0, b1, _ in passages:
        used_a[a0:a1] = True
        used_b[b0:b1] = True
    out = []
    for a0, a1, b0, b1, matched in passages:
        ka = _steps_back(text_a, ta, a0, max_gap)
        kb = _steps_back(text_b, tb, b0, max_gap)
        if _take(used_a, a0 - (ka or 0), a0, used_b, b0 - (kb or 0), b0, ka, kb):
            a0, b0 = a0 - ka, b0 - kb
        ka = _steps_forward(text_a, ta, a1, max_gap)
        kb = _steps_forward(text_b, tb, b1, max_gap)
        if _take(used_a, a1, a1 + (ka or 0), used_b, b1, b1 + (kb or 0), ka, kb):
            a1, b1 = a1 + ka, b1 + kb
        out.append((a0, a1, b0, b1, matched))
    return out


def _take(
    used_a: np.ndarray,
    a_lo: int,
    a_hi: int,
    used_b: np.ndarray,
    b_lo: int,
    b_hi: int,
    ka: int | None,
    kb: int | None,
) -> bool:
    """Mark ``[a_lo, a_hi)`` and ``[b_lo, b_hi)`` used if both edges were found and are free."""
    if ka is None or kb is None or ka + kb == 0:
        return False
    if used_a[a_lo:a_hi].any() or used_b[b_lo:b_hi].any():
        return False
    used_a[a_lo:a_hi] = True
    used_b[b_lo:b_hi] = True
    return True
