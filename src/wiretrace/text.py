"""Tokenising an article once into integer word ids with char offsets, reused by every stage.

Index, align, cluster and compare all read the same tokens; this module is the one place
that says what a word is.

Normalisation (why: outlets differ in typography, not in words): curly quotes become straight
ones, dashes become "-", and case is folded with ``str.lower``. A token is a run of Unicode
word characters (letters, digits, combining marks), so German, Spanish, French and Arabic words
tokenise like English ones; an apostrophe between word characters stays inside the token
("organization's"). Word ids are FNV-1a 32-bit hashes of the token's UTF-8 bytes: stable across
runs and machines (persisted signatures stay valid) and needing no vocabulary.
``token_range`` gives the tokens inside a char span, ``token_edits`` the LCS edit script of
two token id sequences (the word edits of an aligned passage).

    >>> t = tokenize("Daesh’s fighters — 20 of them")
    >>> [("Daesh’s fighters — 20 of them")[s:e] for s, e in zip(t.starts, t.ends)]
    ['Daesh’s', 'fighters', '20', 'of', 'them']

``tokenize`` and ``tokenize_many`` are the fast path: texts are laid end to end and encoded
to UTF-8 once per run (a copy for ASCII text), and one compiled pass (``_text_kernels.scan``)
classifies each code point through a table built from the reference regex itself
(``bmp_classes``, so both agree by construction), applies the apostrophe rule, hashes each
token's bytes and counts code points for the char offsets. Case folding: an ASCII text
reaches the kernel as is and the kernel folds A-Z while hashing (``str.lower`` does nothing
else to ASCII); any other text is lowered in Python first (``_lower``).
The plain-regex definition both are tested against is ``tests/reference/tokens.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import justext
import numpy as np
from rapidfuzz.distance import Indel

from wiretrace._text_kernels import FNV_OFFSET, FNV_PRIME, ascii_table, boundary_flags, scan
from wiretrace.vocabulary import SENTENCE_BOUNDARY

# Character classes (why folded: outlets differ in typography, not in words). ``QUOTES`` fold
# to an apostrophe ("'"), ``DQUOTES`` to '"', ``DASHES`` to "-". ``WORD`` is the regex of one
# word character: a Unicode letter or digit (``\w`` minus "_") or a combining mark of the
# Latin or Arabic blocks (harakat), so vocalised Arabic and decomposed accents stay inside
# their word.
QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc"
DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
WORD = r"[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"

_SENTENCE_BOUNDARY = np.array(sorted(map(ord, SENTENCE_BOUNDARY)), dtype=np.uint32)

_TRANSLATE = str.maketrans(
    {**{c: "'" for c in QUOTES}, **{c: '"' for c in DQUOTES}, **{c: "-" for c in DASHES}}
)


# The code-point class table the kernel reads. Class of a code point: 1 word char (``WORD``),
# 2 apostrophe (``'`` and the ``QUOTES`` that fold to it; U+02BC is a letter for the regex but
# folds first), 0 other. It is built at run time by running the ``WORD`` regex itself over the
# code points, so the compiled tokenizer agrees with the regex by construction, whatever
# Unicode version this Python's ``re`` implements. In two parts: the Basic Multilingual Plane
# (U+0000-U+FFFF, every script of news prose) is 64 K code points, the astral planes sixteen
# times more, so the astral part is built only once a text holds an astral character.
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
    """Classes of U+0000-U+FFFF (64 KB).

    >>> table = bmp_classes()
    >>> len(table), int(table[ord("a")]), int(table[ord("_")]), int(table[ord("\u2019")])
    (65536, 1, 0, 2)
    """
    return classes_of(0, BMP_END)


@lru_cache(maxsize=1)
def all_classes() -> np.ndarray:
    """Classes of every code point, U+0000-U+10FFFF (1.1 MB)."""
    return np.concatenate((bmp_classes(), classes_of(BMP_END, UNICODE_END)))


@dataclass(frozen=True)
class Tokens:
    """An article's tokens: ``ids[i]`` is the word id of ``text[starts[i]:ends[i]]``."""

    ids: np.ndarray  # uint32
    starts: np.ndarray  # int32, char offsets into the original (un-normalised) text
    ends: np.ndarray  # int32, end exclusive

    def __len__(self) -> int:
        return len(self.ids)


def token_range(tokens: Tokens, span: tuple[int, int]) -> tuple[int, int]:
    """Indices ``[first, last)`` of the tokens lying inside the char span."""
    first = int(np.searchsorted(tokens.starts, span[0], side="left"))
    last = int(np.searchsorted(tokens.ends, span[1], side="right"))
    return first, max(first, last)


def token_edits(a: list[int], b: list[int]) -> list[tuple[str, int, int, int, int]]:
    """LCS edit script of two id lists, adjacent non-equal operations merged into one.

    Why LCS (rapidfuzz ``Indel``) rather than Levenshtein: Indel keeps the largest possible
    number of identical words as ``equal``, so a swap shows up as exactly the words that
    differ; adjacent delete/insert operations are merged into one ``replace``, so a phrase
    swap is one edit whatever its length on each side."""
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


def _room(nchars: np.ndarray) -> int:
    """Tokens texts of these lengths can hold at most (a text of n chars holds <= ceil(n/2))."""
    return int((nchars // 2).sum()) + len(nchars)


def _scan_into(prepared: list[str], ids: np.ndarray, starts: np.ndarray, ends: np.ndarray,
               counts: np.ndarray) -> int:
    """The tokens of prepared texts written from the start of ``ids``/``starts``/``ends``
    (room for ``_room`` of them), each text's token count into ``counts``: how many."""
    global _astral_seen
    nchars = np.fromiter(map(len, prepared), dtype=np.int64, count=len(prepared))
    is_ascii = np.fromiter(map(str.isascii, prepared), dtype=np.bool_, count=len(prepared))
    buf = np.frombuffer("".join(prepared).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    n = -1
    if not _astral_seen:
        n = scan(buf, nchars, is_ascii, bmp_classes(), _ascii_table(), ids, starts, ends,
                 counts)
        _astral_seen = n < 0
    if n < 0:
        n = scan(buf, nchars, is_ascii, all_classes(), _ascii_table(), ids, starts, ends,
                 counts)
    return n


def _run(prepared: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Tokens of prepared texts in shared buffers, and each text's token count."""
    cap = _room(np.fromiter(map(len, prepared), dtype=np.int64, count=len(prepared)))
    ids = np.empty(cap, dtype=np.uint32)
    starts = np.empty(cap, dtype=np.int32)
    ends = np.empty(cap, dtype=np.int32)
    counts = np.empty(len(prepared), dtype=np.int64)
    n = _scan_into(prepared, ids, starts, ends, counts)
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


@lru_cache(maxsize=1)
def english_stop_ids() -> np.ndarray:
    """Word ids (sorted) of the English stop words that justext ships (trafilatura's own
    dependency): "the", "about", "which" say nothing of a topic, and their share of a text's
    words tells English prose from other languages."""
    return np.unique(tokenize(" ".join(justext.get_stoplist("English"))).ids)


def tokenize_many(texts: Sequence[str], chunk_chars: int = 1 << 20) -> list[Tokens]:
    """Tokenise a batch: texts are laid end to end in runs of ~``chunk_chars`` characters,
    each tokenised in one compiled pass, then split back.

    Runs bound the transient memory (lower-cased copies, the UTF-8 bytes, the output
    buffers, sized for the densest text and trimmed in place) to a few MB whatever the
    batch size. The arrays of one run are views into shared buffers (one allocation per
    run, not per text).
    """
    return [tokens for run in _runs(texts, chunk_chars) for tokens in _split(*run)]


def _runs(texts: Sequence[str], chunk_chars: int = 1 << 20
          ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """``_run`` over the texts laid end to end in runs of ~``chunk_chars`` characters."""
    for _, run in _prepared_runs(texts, chunk_chars):
        yield _run(run)


def _prepared_runs(texts: Sequence[str], chunk_chars: int = 1 << 20
                   ) -> Iterator[tuple[int, list[str]]]:
    """The prepared texts in runs of ~``chunk_chars`` characters: (index of the run's first
    text, its texts)."""
    run: list[str] = []
    size = first = 0
    for k, text in enumerate(texts):
        run.append(_prepared(text))
        size += len(text)
        if size >= chunk_chars:
            yield first, run
            run, size, first = [], 0, k + 1
    if run:
        yield first, run


def _split(ids: np.ndarray, starts: np.ndarray, ends: np.ndarray,
           counts: np.ndarray) -> list[Tokens]:
    cuts = [0, *np.cumsum(counts).tolist()]
    pairs = zip(cuts, cuts[1:], strict=False)
    return [Tokens(ids[a:b], starts[a:b], ends[a:b]) for a, b in pairs]


class TextBatch(NamedTuple):
    """Many texts' tokens laid end to end, the form compiled kernels read.

    Text ``d`` owns tokens ``token_offsets[d]:token_offsets[d + 1]`` of ``ids``/``starts``/
    ``ends`` (char offsets into its own text); ``boundary[t]`` says a sentence boundary (a
    character of ``wiretrace.vocabulary.SENTENCE_BOUNDARY``) lies between token ``t - 1``
    and token ``t`` of one text, what the align stage stretches passages to. One flat array
    per field means a kernel takes the whole batch as one argument and no Python object per
    text. The pipeline builds one per run (``text_batch``, every text tokenised once) and
    hands it to the index, align and cluster stages; ``batch_tokens`` gives each text's
    ``Tokens`` as views. The texts themselves are not kept (the boundaries are all any
    stage reads of them here): a copy of the corpus less in memory from index to cluster.
    """

    ids: np.ndarray  # uint32
    starts: np.ndarray  # int32
    ends: np.ndarray  # int32
    boundary: np.ndarray  # bool, one per token
    token_offsets: np.ndarray  # int64, one more than texts


def text_batch(texts: Sequence[str], tokens: Sequence[Tokens] | None = None) -> TextBatch:
    """``texts`` with their ``tokens`` (``tokenize_many(texts)``, computed here when None) as
    one ``TextBatch``.

    >>> batch = text_batch(["a. b", "é c"])
    >>> batch.token_offsets.tolist(), batch.boundary.tolist()
    ([0, 2, 4], [False, True, False, False])
    """
    if tokens is None:
        ids, starts, ends, counts = _tokens_end_to_end(texts)
    else:
        ids, starts, ends = (_flat([getattr(t, f) for t in tokens], dtype) for f, dtype in
                             (("ids", np.uint32), ("starts", np.int32), ("ends", np.int32)))
        counts = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    token_offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=token_offsets[1:])
    return TextBatch(ids=ids, starts=starts, ends=ends,
                     boundary=_boundaries(texts, starts, ends, token_offsets),
                     token_offsets=token_offsets)


def _tokens_end_to_end(texts: Sequence[str]
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``tokenize_many(texts)`` laid end to end: ``(ids, starts, ends, counts)``.

    The tokenizer's runs write straight into the batch's arrays, reserved at the most tokens
    the texts can hold and trimmed in place at the end: pages never written are never
    resident, so the batch's tokens are held once, not once in runs and again joined."""
    cap = _room(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
    ids = np.empty(cap, dtype=np.uint32)
    starts = np.empty(cap, dtype=np.int32)
    ends = np.empty(cap, dtype=np.int32)
    counts = np.empty(len(texts), dtype=np.int64)
    at = 0
    for first, run in _prepared_runs(texts):
        at += _scan_into(run, ids[at:], starts[at:], ends[at:], counts[first:first + len(run)])
    for arr in (ids, starts, ends):
        arr.resize(at, refcheck=False)  # in place (realloc): the buffers are ours alone
    return ids, starts, ends, counts


def _boundaries(texts: Sequence[str], starts: np.ndarray, ends: np.ndarray,
                token_offsets: np.ndarray, chunk_chars: int = 1 << 20) -> np.ndarray:
    """The ``boundary`` field of ``text_batch``: one compiled pass over the texts' UTF-8,
    encoded in runs of ~``chunk_chars`` characters (a few MB at a time, never the corpus)."""
    flags = np.zeros(len(starts), dtype=np.bool_)
    lo = size = 0
    for hi, text in enumerate(texts, 1):
        size += len(text)
        if size < chunk_chars and hi < len(texts):
            continue
        run = texts[lo:hi]
        a, b = int(token_offsets[lo]), int(token_offsets[hi])
        boundary_flags(
            np.frombuffer("".join(run).encode("utf-8", "surrogatepass"), dtype=np.uint8),
            np.fromiter(map(len, run), dtype=np.int64, count=len(run)),
            np.fromiter(map(str.isascii, run), dtype=np.bool_, count=len(run)),
            starts[a:b], ends[a:b], token_offsets[lo:hi + 1] - a, _SENTENCE_BOUNDARY, flags[a:b],
        )
        lo, size = hi, 0
    return flags


def _flat(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    """``arrays`` end to end as one ``dtype`` array (empty for no arrays)."""
    return np.concatenate([*arrays, np.zeros(0, dtype)], dtype=dtype, casting="unsafe")


def batch_range(batch: TextBatch, start: int, stop: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The tokens of texts ``start:stop`` of ``batch`` as views: ``(ids, starts, ends,
    offsets)``, the offsets rebased so that the range's first token is 0."""
    offsets = batch.token_offsets[start : stop + 1]
    lo, hi = int(offsets[0]), int(offsets[-1])
    return batch.ids[lo:hi], batch.starts[lo:hi], batch.ends[lo:hi], offsets - lo


def batch_tokens(batch: TextBatch) -> list[Tokens]:
    """Each text's ``Tokens``, as views into the batch's arrays (no copy).

    >>> [t.ids.tolist() == tokenize(s).ids.tolist() for s, t in
    ...  zip(["a b", "é"], batch_tokens(text_batch(["a b", "é"])), strict=True)]
    [True, True]
    """
    return _split(batch.ids, batch.starts, batch.ends, np.diff(batch.token_offsets))
