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

``tokenize`` and ``tokenize_many`` are the fast path: the lower-cased text is encoded to
UTF-8 once (a copy for ASCII text), and one compiled pass decodes code points, classifies
each through a table over all of Unicode (built from the reference regex itself, so both
agree by construction), applies the apostrophe rule, hashes each token's bytes and counts
code points for the char offsets. ``tokenize_reference`` is the plain-regex definition both are tested against.
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
    """``normalize`` minus the quote/dash folding (the kernel folds apostrophes itself).

    Lower-casing first is equivalent except for the one context-sensitive rule of
    ``str.lower``, Greek final sigma (whether a curly quote before "Σ" is case-ignorable
    changes "σ" vs "ς"): texts holding a "Σ" take the reference order.
    """
    if "\u03a3" in text:
        return normalize(text)
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


@njit(cache=True, nogil=True, inline="always")
def _decode(buf, i):  # pragma: no cover - compiled
    """Code point starting at byte ``i`` of valid UTF-8 ``buf``, and its length in bytes."""
    b0 = np.int64(buf[i])
    if b0 < 0x80:
        return b0, 1
    if b0 < 0xE0:
        return ((b0 & 0x1F) << 6) | (np.int64(buf[i + 1]) & 0x3F), 2
    if b0 < 0xF0:
        return (((b0 & 0x0F) << 12) | ((np.int64(buf[i + 1]) & 0x3F) << 6)
                | (np.int64(buf[i + 2]) & 0x3F)), 3
    return (((b0 & 0x07) << 18) | ((np.int64(buf[i + 1]) & 0x3F) << 12)
            | ((np.int64(buf[i + 2]) & 0x3F) << 6) | (np.int64(buf[i + 3]) & 0x3F)), 4


@njit(cache=True, nogil=True)
def _scan(buf, classes, ids, starts, ends):  # pragma: no cover - compiled
    """Emit the tokens ``W+('W+)*`` of UTF-8 text ``buf``; returns how many were written.

    Walks code points while counting them (char offsets = code point indices, as in a
    Python ``str``), and hashes each token's bytes with FNV-1a as it goes; an apostrophe-
    class code point is hashed as "'" (the folding ``normalize`` does).
    """
    n = buf.shape[0]
    prime = np.uint32(FNV_PRIME)
    count = 0
    i = 0
    ch = 0
    while i < n:
        cp, size = _decode(buf, i)
        if classes[cp] != 1:
            i += size
            ch += 1
            continue
        start = ch
        h = np.uint32(FNV_OFFSET)
        while True:  # a run of word chars, then maybe "'" + another run
            for k in range(size):
                h = (h ^ np.uint32(buf[i + k])) * prime
            i += size
            ch += 1
            if i >= n:
                break
            cp, size = _decode(buf, i)
            if classes[cp] == 1:
                continue
            if classes[cp] == 2 and i + size < n:
                cp2, size2 = _decode(buf, i + size)
                if classes[cp2] == 1:
                    h = (h ^ np.uint32(0x27)) * prime
                    i += size
                    ch += 1
                    cp, size = cp2, size2
                    continue
            break
        ids[count] = h
        starts[count] = start
        ends[count] = ch
        count += 1
    return count


def _utf8(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)


def _run(lowered: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    buf = _utf8(lowered)
    cap = len(lowered) // 2 + 1  # a token and its separator take at least two chars
    ids = np.empty(cap, dtype=np.uint32)
    starts = np.empty(cap, dtype=np.int32)
    ends = np.empty(cap, dtype=np.int32)
    n = _scan(buf, char_classes(), ids, starts, ends)
    return ids[:n], starts[:n], ends[:n]


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word ids with char offsets (same output as ``tokenize_reference``)."""
    ids, starts, ends = _run(_lower(text))
    return Tokens(ids=ids.copy(), starts=starts.copy(), ends=ends.copy())


def tokenize_many(texts: Sequence[str], chunk_chars: int = 1 << 22) -> list[Tokens]:
    """Tokenise a batch: texts are joined by a separator into runs of ~``chunk_chars``
    characters, each tokenised in one compiled pass, then split back.

    Runs bound the transient memory (a lower-cased copy, its UTF-8 bytes, the output
    buffers) to a few tens of MB whatever the batch size. The arrays of one run are views
    into shared buffers (one allocation per run, not per text).
    """
    out: list[Tokens] = []
    run: list[str] = []
    size = 0
    for text in texts:
        run.append(text)
        size += len(text)
        if size >= chunk_chars:
            out += _tokenize_run(run)
            run, size = [], 0
    if run:
        out += _tokenize_run(run)
    return out


def _tokenize_run(texts: list[str]) -> list[Tokens]:
    lowered = [_lower(t) for t in texts]
    lengths = np.fromiter((len(t) + 1 for t in lowered), dtype=np.int64, count=len(lowered))
    bases = np.concatenate(([0], np.cumsum(lengths)))
    ids, starts, ends = _run("\n".join(lowered))
    del lowered
    cuts = np.searchsorted(starts, bases[1:-1], side="left")
    cuts = np.concatenate(([0], cuts, [len(ids)])).tolist()
    shift = np.repeat(bases[:-1], np.diff(cuts)).astype(np.int32)
    ids, starts, ends = ids.copy(), starts - shift, ends - shift  # trim the spare capacity
    return [
        Tokens(ids=ids[a:b], starts=starts[a:b], ends=ends[a:b])
        for a, b in zip(cuts[:-1], cuts[1:], strict=True)
    ]
