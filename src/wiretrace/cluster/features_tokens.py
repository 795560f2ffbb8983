"""Per-token tests of the classifying pass (:func:`.features_kernels.extract`), compiled.

Each reads a few code points of one token or of the gap before it: the class bits of a
character, the sentence-end and spacing flags of a gap, where the lead paragraph ends, the
value of a digit token, whether a capitalised token is a possessive ("Iraq's" names Iraq).
They follow ``tests/reference/features.py`` (its ``int``, ``normalize`` and slicing) exactly.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.cluster.features_rules import INITIAL, NOT_NUMBER, NOT_SPACE, NUMBER, TIGHT
from wiretrace.index.tokens import FNV_PRIME

_BIG = np.uint64(10**18)  # a figure above this is compared as this (far outside date ranges)
_MASK = np.uint64((1 << 63) - 1)
_FNV_PRIME_INVERSE = np.uint64(pow(FNV_PRIME, -1, 1 << 32))  # undoes one step of a word id
_SIGMA = 0x3A3


@njit(nogil=True, inline="always")
def unhash_possessive(word_id):
    """The FNV-1a id of a token without its last two bytes "'s" (FNV steps are invertible)."""
    low = np.uint64(0xFFFFFFFF)
    h = ((np.uint64(word_id) * _FNV_PRIME_INVERSE) & low) ^ np.uint64(0x73)
    return np.uint32(((h * _FNV_PRIME_INVERSE) & low) ^ np.uint64(0x27))


@njit(nogil=True, inline="always")
def char_class_of(char_class, c):
    """The class bits of code point ``c`` (beyond the BMP: those of U+FFFF, as the reference)."""
    return char_class[c if c < 0x10000 else 0xFFFF]


@njit(nogil=True, inline="always")
def number(cps, s, e, decimal):
    """``(status, capped value, 63-bit value hash, ask Python)`` of digit token ``cps[s:e]``.

    As ``int(raw) if raw.isdecimal()``: a non-digit makes it no number, a digit without a
    decimal value ("²") too; a character beyond the BMP is asked.
    """
    astral, no_value = False, False
    v, capped = np.uint64(0), np.uint64(0)
    for k in range(s, e):
        c = cps[k]
        if c >= 0x10000:
            astral = True
            continue
        d = decimal[c]
        if d == -1:
            return NOT_NUMBER, 0, 0, False
        if d == -2:
            no_value = True
            continue
        v = v * np.uint64(10) + np.uint64(d)
        capped = min(capped * np.uint64(10) + np.uint64(d), _BIG)
    if astral or no_value:
        return NOT_NUMBER, 0, 0, astral
    return NUMBER, np.int64(capped), np.int64(v & _MASK), False


@njit(nogil=True, inline="always")
def possessive(cps, s, e, apostrophes):
    """0: no "...'s" possessive; 1: one; 2: one holding a "Σ" (Python decides).

    As the reference: a token holding "'" or "’" whose case-folded form ends with "'s".
    """
    if e - s < 3 or (cps[e - 1] != 115 and cps[e - 1] != 83):
        return 0
    before = cps[e - 2]
    if before != 39:
        folded = False
        for c in apostrophes:  # the few other quotes folded to "'"
            folded |= c == before
        if not folded:
            return 0
    apostrophe = False
    for k in range(s, e):
        if cps[k] == 39 or cps[k] == 0x2019:
            apostrophe = True
            break
    if not apostrophe:
        return 0
    for k in range(s, e):
        if cps[k] == _SIGMA:
            return 2
    return 1


@njit(nogil=True, inline="always")
def gap_flags(cps, gap, s, char_class):
    """INITIAL when ``cps[gap:s]`` (between two tokens) holds a sentence end, TIGHT when it
    holds only spaces."""
    if s <= gap:  # no gap (not from the tokenizer): tight, as in the reference
        return TIGHT
    g = char_class_of(char_class, cps[gap]) | char_class_of(
        char_class, cps[s - 1]
    )  # the usual 1-2 chars
    for k in range(gap + 1, s - 1):
        g |= char_class_of(char_class, cps[k])
    return (g & INITIAL) | ((g & NOT_SPACE) ^ NOT_SPACE)


@njit(nogil=True, inline="always")
def paragraph_break(cps, lo, hi):
    """Index of the first "\n\n" in ``cps[lo:hi]``, or ``hi``."""
    for k in range(lo + 1, hi):
        if cps[k] == 10 and cps[k - 1] == 10:
            return k - 1
    return hi
