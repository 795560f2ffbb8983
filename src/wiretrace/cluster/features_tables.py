"""What a feature is (kinds, the 63-bit id, the per-article record) and the constant tables
the extraction reads: character classes over the BMP, word-id sets (sorted for the
reference, hash tables for the compiled pass).

Kept apart so the compiled pass (:mod:`.features_batch`), the plain definition
(``tests/reference/features.py``) and the same-event linker share one source of every constant.
The character tables cover the BMP (64 K entries each, built at import); a code point beyond
it is looked up as U+FFFF (caseless, no digit), as in the reference.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from wiretrace.cluster.features_rules import CASED, DIGIT, INITIAL, NOT_SPACE, UPPER
from wiretrace.cluster.hashing import static_set
from wiretrace.index.charsets import QUOTES
from wiretrace.index.tokens import word_id
from wiretrace.vocabulary import MONTHS, NOT_NAMES, NOUN_CAPITALISING_MARKERS, SENTENCE_BOUNDARY


def _flags(*pairs: tuple[np.ndarray, int]) -> np.ndarray:
    """One uint8 table from boolean tables and their bits (one lookup instead of several)."""
    out = np.zeros(len(pairs[0][0]), dtype=np.uint8)
    for table, bit in pairs:
        out[table] |= bit
    return out


NAME, WORD, FIGURE, DATE, RARE = range(5)
KIND_NAMES = ("NAME", "WORD", "FIGURE", "DATE", "RARE")
MASK = (1 << 63) - 1  # feature ids and figure values are reduced to 63 bits
_P = 0x100000001B3

_NOT_NAME_IDS = np.array(sorted({word_id(w) for w in [*NOT_NAMES, *MONTHS]}), dtype=np.uint32)
_MARKER_IDS = np.array(sorted({word_id(w) for w in NOUN_CAPITALISING_MARKERS}), dtype=np.uint32)
_MONTH_IDS = {word_id(name): number for name, number in MONTHS.items()}
_MONTH_ID_ARRAY = np.array(sorted(_MONTH_IDS), dtype=np.uint32)
_MONTH_NUMBERS = np.array([_MONTH_IDS[int(m)] for m in _MONTH_ID_ARRAY], dtype=np.int64)
BIG = 10**18  # a figure above this is compared as this (far outside date and year ranges)
_UPPER = np.array([chr(c).isupper() or chr(c).istitle() for c in range(0x10000)], dtype=bool)
_CASED = np.array([chr(c).lower() != chr(c).upper() for c in range(0x10000)], dtype=bool)
_DIGIT = np.array([chr(c).isdigit() for c in range(0x10000)], dtype=bool)
# digit value of a BMP code point: 0-9, -1 not str.isdigit, -2 a digit without a value ("²")
_DECIMAL = np.full(0x10000, -1, dtype=np.int8)
_DECIMAL[_DIGIT] = [unicodedata.decimal(chr(c), -2) for c in np.flatnonzero(_DIGIT).tolist()]
_SENTENCE_END = np.zeros(0x10000, dtype=bool)
_SENTENCE_END[sorted(ord(c) for c in SENTENCE_BOUNDARY)] = True
_APOSTROPHES = np.array(sorted(ord(c) for c in QUOTES), dtype=np.int64)  # fold to "'"
_MARKER_SHARE = 0.06  # German function words above this share of the words: German-like text
_RARE_MIN_CHARS = 4


@dataclass(frozen=True)
class Features:
    """The distinct features of one article: ``ids[k]`` of kind ``kinds[k]``, ``key[k]`` flag."""

    ids: np.ndarray  # int64
    kinds: np.ndarray  # int8
    key: np.ndarray  # bool


def feature_id(kind: int, *values: int) -> int:
    """A 63-bit id for a kind and a sequence of word ids (FNV-style polynomial hash)."""
    h = kind + 1
    for v in values:
        h = ((h ^ int(v)) * _P) & MASK
    return h


# the constant inputs of the compiled pass, in the order it unpacks them
_NOT_SPACE = np.ones(0x10000, dtype=bool)
_NOT_SPACE[[32, 0xA0]] = False
_CHAR_CLASS = _flags(
    (_UPPER, UPPER),
    (_CASED, CASED),
    (_DIGIT, DIGIT),
    (_SENTENCE_END, INITIAL),
    (_NOT_SPACE, NOT_SPACE),
)
TABLES = (
    _CHAR_CLASS,
    _DECIMAL,
    _APOSTROPHES,
    static_set(_NOT_NAME_IDS),
    static_set(_MARKER_IDS),
    np.array([_RARE_MIN_CHARS]),
    static_set(_MONTH_ID_ARRAY, _MONTH_NUMBERS),
)
