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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc"
_DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TRANSLATE = str.maketrans(
    {**{c: "'" for c in _QUOTES}, **{c: '"' for c in _DQUOTES}, **{c: "-" for c in _DASHES}}
)
_WORD = r"[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
_TOKEN = re.compile(rf"(?:{_WORD})+(?:'(?:{_WORD})+)*")

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


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


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word ids with char offsets (reference implementation)."""
    norm = normalize(text)
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    ids = np.fromiter((word_id(norm[s:e]) for s, e in spans), dtype=np.uint32, count=len(spans))
    starts = np.fromiter((s for s, _ in spans), dtype=np.int32, count=len(spans))
    ends = np.fromiter((e for _, e in spans), dtype=np.int32, count=len(spans))
    return Tokens(ids=ids, starts=starts, ends=ends)
