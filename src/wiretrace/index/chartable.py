"""The code-point class table the tokenizer kernel reads, built from the reference regex.

Class of a code point: 1 word char (``WORD`` of charsets.py), 2 apostrophe (``'`` and the
``QUOTES`` that fold to it; U+02BC is a letter for the regex but folds first), 0 other.

Why a table built at run time rather than shipped: it is made by running the reference
``WORD`` regex itself over the code points, so the fast tokenizer agrees with the reference
by construction, whatever Unicode version this Python's ``re`` implements. Why in two parts:
the Basic Multilingual Plane (U+0000-U+FFFF, every script of news prose) is 64 K code
points, the astral planes (emoji, historic scripts, CJK extensions) sixteen times more, so
the astral part is built only once a text holds an astral character (the kernel reports it, see tokens.py).

    >>> table = bmp_classes()
    >>> len(table), int(table[ord("a")]), int(table[ord("_")]), int(table[ord("\u2019")])
    (65536, 1, 0, 2)
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from wiretrace.index.charsets import QUOTES, WORD

OTHER, WORDCHAR, APOSTROPHE = 0, 1, 2
BMP_END = 0x10000
UNICODE_END = 0x110000
_RUNS = re.compile(rf"(?:{WORD})+")


def classes_of(lo: int, hi: int) -> np.ndarray:
    """uint8 class of every code point in ``[lo, hi)``: the regex run over all of them.

    The code points are decoded from UTF-32 in one call (lone surrogates included, as
    ``chr`` would give them), and each maximal run of word chars is one regex match.
    """
    chars = np.arange(lo, hi, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    table = np.zeros(hi - lo, dtype=np.uint8)
    for m in _RUNS.finditer(chars):
        table[m.start() : m.end()] = WORDCHAR
    for c in "'" + QUOTES:  # folded to "'" before the regex sees them
        if lo <= ord(c) < hi:
            table[ord(c) - lo] = APOSTROPHE
    return table


@lru_cache(maxsize=1)
def bmp_classes() -> np.ndarray:
    """Classes of U+0000-U+FFFF (64 KB)."""
    return classes_of(0, BMP_END)


@lru_cache(maxsize=1)
def all_classes() -> np.ndarray:
    """Classes of every code point, U+0000-U+10FFFF (1.1 MB)."""
    return np.concatenate((bmp_classes(), classes_of(BMP_END, UNICODE_END)))
