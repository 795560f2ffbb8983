"""Tokenising an article once into integer word ids with char offsets, reused by every stage.

Normalisation (why: outlets differ in typography, not in words): curly quotes become straight
ones, dashes become "-", and case is folded with ``str.lower``. A token is a run of Unicode
word characters (letters, digits, combining marks), so German, Spanish, French and Arabic words
tokenise like English ones; an apostrophe between word characters stays inside the token
("organization's"). Word ids are FNV-1a 32-bit hashes of the token's UTF-8 bytes: stable across
runs and machines (persisted signatures stay valid) and needing no vocabulary.

    >>> t = tokenize("Daesh’s fighters — 20 of them")
    >>> [("Daesh’s fighters — 20 of them")[s:e] for s, e in zip(t.starts, t.ends)]
    ['Daesh’s', 'fighters', '20', 'of', 'them']

``tokenize`` and ``tokenize_many`` are the fast path: the lower-cased text is viewed as an
array of code points (UTF-32), and one compiled pass classifies each code point through a
table over all of Unicode (built from the reference regex itself, so both agree by
construction), applies the apostrophe rule, and hashes the UTF-8 encoding of each token on
the fly. ``tokenize_reference`` is the plain-regex definition both are tested against.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numba import njit

from wiretrace.index.charsets import DASHES, DQUOTES, QUOTES, WORD

_TRANSLATE = str.maketrans(
    {**{c: "'" for c in QUOTES}, **{c: '"' for c in DQUOTES}, **{c: "-" for c in DASHES}}
)
_TOKEN = re.compile(rf"(?:{WORD})+(?:'(?:{WORD})+)*")

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
_OTHER, _WORDCHAR, _APOSTROPHE = 0, 1, 2


@dataclass(frozen=True)
class Tokens:
    """An article's tokens: ``ids[i]`` is the word id of ``text[starts[i]:ends[i]]``."""

    ids: np.ndarray  # uint32
    starts: np.ndarray  # int32, char offsets into the original (un-normalised) text
    ends: np.ndarray  # int32, end exclusive

    def __len__(self) -> int:
        return len(self.ids)


def normalize(text: str) -> str:
    """Typography- and case-folded text of the same length as ``text`` (offsets carry over)."""
    folded = text.translate(_TRANSLATE)
    lowered = folded.lower()
    if len(lowered) != len(folded):  # rare: e.g. "İ".lower() is two chars; fold char by char
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return lowered


def fnv1a32(data: bytes) -> int:
    """FNV-1a 32-bit hash: the definition of a word id."""
    h = FNV_OFFSET
    for byte in data:
        h = ((h ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return h


def word_id(token: str) -> int:
    """The id of one (already normalised) token."""
    return fnv1a32(token.encode("utf-8"))


def tokenize_reference(text: str) -> Tokens:
    """Split ``text`` into word ids with char offsets (reference implementation: the spec)."""
    norm = normalize(text)
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    ids = np.fromiter((word_id(norm[s:e]) for s, e in spans), dtype=np.uint32, count=len(spans))
    starts = np.fromiter((s for s, _ in spans), dtype=np.int32, count=len(spans))
    ends = np.fromiter((e for _, e in spans), dtype=np.int32, count=len(spans))
    return Tokens(ids=ids, starts=starts, ends=ends)


@lru_cache(maxsize=1)
def char_classes() -> np.ndarray:
    """uint8 class of every code point: 1 word char, 2 apostrophe (after folding), 0 other.

    Built by running the reference ``WORD`` regex over a string of all code points (~0.2 s,
    once per process), so the fast tokenizer cannot drift from the reference one.
    """
    table = np.zeros(0x110000, dtype=np.uint8)
    everything = "".join(map(chr, range(0x110000)))
    for m in re.finditer(rf"(?:{WORD})+", everything):
        table[m.start() : m.end()] = _WORDCHAR
    for c in "'" + QUOTES:  # folded to "'" before the regex sees them (U+02BC is a letter)
        table[ord(c)] = _APOSTROPHE
    return table


def _lower(text: str) -> str:
    """``normalize`` minus the quote/dash folding (the kernel folds apostrophes itself)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


@njit(cache=True, nogil=True, inline="always")
def _fnv_codepoint(h: np.uint64, c: np.uint64) -> np.uint64:
    """Feed the UTF-8 bytes of code point ``c`` into FNV-1a state ``h``."""
    mask = np.uint64(0xFFFFFFFF)
    prime = np.uint64(FNV_PRIME)
    if c < 0x80:
        h = ((h ^ c) * prime) & mask
    elif c < 0x800:
        h = ((h ^ (np.uint64(0xC0) | (c >> np.uint64(6)))) * prime) & mask
        h = ((h ^ (np.uint64(0x80) | (c & np.uint64(0x3F)))) * prime) & mask
    elif c < 0x10000:
        h = ((h ^ (np.uint64(0xE0) | (c >> np.uint64(12)))) * prime) & mask
        h = ((h ^ (np.uint64(0x80) | ((c >> np.uint64(6)) & np.uint64(0x3F)))) * prime) & mask
        h = ((h ^ (np.uint64(0x80) | (c & np.uint64(0x3F)))) * prime) & mask
    else:
        h = ((h ^ (np.uint64(0xF0) | (c >> np.uint64(18)))) * prime) & mask
        h = ((h ^ (np.uint64(0x80) | ((c >> np.uint64(12)) & np.uint64(0x3F)))) * prime) & mask
        h = ((h ^ (np.uint64(0x80) | ((c >> np.uint64(6)) & np.uint64(0x3F)))) * prime) & mask
        h = ((h ^ (np.uint64(0x80) | (c & np.uint64(0x3F)))) * prime) & mask
    return h


@njit(cache=True, nogil=True)
def _scan(cps, classes, ids, starts, ends):  # pragma: no cover - compiled
    """Emit tokens ``W+('W+)*`` of code points ``cps``; returns how many were written."""
    n = cps.shape[0]
    count = 0
    i = 0
    while i < n:
        if classes[cps[i]] != 1:
            i += 1
            continue
        start = i
        h = np.uint64(FNV_OFFSET)
        while True:
            while i < n and classes[cps[i]] == 1:
                h = _fnv_codepoint(h, np.uint64(cps[i]))
                i += 1
            if i + 1 < n and classes[cps[i]] == 2 and classes[cps[i + 1]] == 1:
                h = ((h ^ np.uint64(0x27)) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)
                i += 1
                continue
            break
        ids[count] = h
        starts[count] = start
        ends[count] = i
        count += 1
    return count


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _run(lowered: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cps = _codepoints(lowered)
    cap = len(cps) // 2 + 1  # a token and its separator take at least two code points
    ids = np.empty(cap, dtype=np.uint32)
    starts = np.empty(cap, dtype=np.int32)
    ends = np.empty(cap, dtype=np.int32)
    n = _scan(cps, char_classes(), ids, starts, ends)
    return ids[:n], starts[:n], ends[:n]


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word ids with char offsets (same output as ``tokenize_reference``)."""
    ids, starts, ends = _run(_lower(text))
    return Tokens(ids=ids.copy(), starts=starts.copy(), ends=ends.copy())


def tokenize_many(texts: Sequence[str]) -> list[Tokens]:
    """Tokenise a batch in one compiled pass (texts joined by a separator, then split back).

    The returned arrays of one batch are views into shared buffers (one allocation per batch).
    """
    if not texts:
        return []
    lowered = [_lower(t) for t in texts]
    lengths = np.fromiter((len(t) + 1 for t in lowered), dtype=np.int64, count=len(lowered))
    bases = np.concatenate(([0], np.cumsum(lengths)))
    ids, starts, ends = _run("\n".join(lowered))
    cuts = np.searchsorted(starts, bases[1:-1], side="left")
    cuts = np.concatenate(([0], cuts, [len(ids)])).tolist()
    shift = np.repeat(bases[:-1], np.diff(cuts)).astype(np.int32)
    starts -= shift
    ends -= shift
    return [
        Tokens(ids=ids[a:b], starts=starts[a:b], ends=ends[a:b])
        for a, b in zip(cuts[:-1], cuts[1:], strict=True)
    ]
