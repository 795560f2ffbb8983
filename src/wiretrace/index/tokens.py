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

``tokenize`` and ``tokenize_many`` are the fast path: texts are laid end to end and encoded
to UTF-8 once per run (a copy for ASCII text), and one compiled pass (tokens_scan.py)
classifies each code point through a table built from the reference regex itself
(chartable.py, so both agree by construction), applies the apostrophe rule, hashes each
token's bytes and counts code points for the char offsets. Case folding: an ASCII text
reaches the kernel as is and the kernel folds A-Z while hashing (``str.lower`` does nothing
else to ASCII); any other text is lowered in Python first (``_lower``).
The plain-regex definition both are tested against is ``tests/reference/tokens.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from wiretrace.index.charsets import DASHES, DQUOTES, QUOTES
from wiretrace.index.chartable import all_classes, bmp_classes
from wiretrace.index.tokens_scan import FNV_OFFSET, FNV_PRIME, ascii_table, scan

_TRANSLATE = str.maketrans(
    {**{c: "'" for c in QUOTES}, **{c: '"' for c in DQUOTES}, **{c: "-" for c in DASHES}}
)


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


_astral_seen = False  # set once a text held an astral code point: use the full table


def _prepared(text: str) -> str:
    """What the kernel reads: ASCII text as is (it folds A-Z itself), other text lowered
    (read as ASCII if lowering made it so, e.g. a Kelvin sign: folding again is a no-op)."""
    return text if text.isascii() else _lower(text)


def _run(prepared: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Tokens of prepared texts in shared buffers, and each text's token count."""
    global _astral_seen
    nchars = np.fromiter(map(len, prepared), dtype=np.int64, count=len(prepared))
    is_ascii = np.fromiter(map(str.isascii, prepared), dtype=np.bool_, count=len(prepared))
    buf = np.frombuffer("".join(prepared).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    cap = int((nchars // 2).sum()) + len(prepared)  # a text of n chars holds <= ceil(n/2)
    ids = np.empty(cap, dtype=np.uint32)
    starts = np.empty(cap, dtype=np.int32)
    ends = np.empty(cap, dtype=np.int32)
    counts = np.empty(len(prepared), dtype=np.int64)
    n = -1
    if not _astral_seen:
        n = scan(buf, nchars, is_ascii, bmp_classes(), _ascii_table(), ids, starts, ends,
                 counts)
        _astral_seen = n < 0
    if n < 0:
        n = scan(buf, nchars, is_ascii, all_classes(), _ascii_table(), ids, starts, ends,
                 counts)
    for arr in (ids, starts, ends):
        arr.resize(n, refcheck=False)  # in place (realloc): the buffers are ours alone
    return ids, starts, ends, counts


@lru_cache(maxsize=1)
def _ascii_table() -> np.ndarray:
    return ascii_table(bmp_classes())


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word ids with char offsets (same output as the plain-regex reference)."""
    ids, starts, ends, _ = _run([_prepared(text)])
    return Tokens(ids=ids, starts=starts, ends=ends)


def tokenize_many(texts: Sequence[str], chunk_chars: int = 1 << 20) -> list[Tokens]:
    """Tokenise a batch: texts are laid end to end in runs of ~``chunk_chars`` characters,
    each tokenised in one compiled pass, then split back.

    Runs bound the transient memory (lower-cased copies, the UTF-8 bytes, the output
    buffers, sized for the densest text and trimmed in place) to a few MB whatever the
    batch size. The arrays of one run are views into shared buffers (one allocation per
    run, not per text).
    """
    out: list[Tokens] = []
    run: list[str] = []
    size = 0
    for text in texts:
        run.append(_prepared(text))
        size += len(text)
        if size >= chunk_chars:
            out += _split(*_run(run))
            run, size = [], 0
    if run:
        out += _split(*_run(run))
    return out


def _split(ids: np.ndarray, starts: np.ndarray, ends: np.ndarray,
           counts: np.ndarray) -> list[Tokens]:
    cuts = [0, *np.cumsum(counts).tolist()]
    pairs = zip(cuts, cuts[1:], strict=False)
    return [Tokens(ids[a:b], starts[a:b], ends[a:b]) for a, b in pairs]
