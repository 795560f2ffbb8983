"""A batch of candidate pairs verified in one compiled call: the fast path of :mod:`pair`.

Why: an article sits in several candidate pairs (a story's versions pair with each other),
and per pair the Python around the kernels (re-encoding both texts, three compiled calls,
``tolist``) cost as much as the alignment itself. So :func:`align_batch` takes every article
of the batch once, packed into flat arrays, and does in one call:

1. **Sentence boundaries per token**, read from the UTF-8 text: ``flags[t]`` says a character
   of ``wiretrace.vocabulary.SENTENCE_BOUNDARY`` (sentence-ending punctuation or a line
   break) lies between tokens ``t - 1`` and ``t``. For ASCII text the bytes are the
   characters, so only the gaps between tokens are read; other text is decoded once,
   counting code points (token offsets are code points).
2. **Pairs grouped by ``b``**, so the n-gram hashes and table of ``b`` are made once for all
   its pairs (:mod:`seeds_kernel`: generation stamps, no clearing); the hashes of ``a`` are
   made per pair, into a buffer still in cache. Then :func:`kernel.pair_passages` and the
   sentence-edge extension, over the flags: when, in both texts, the sentence boundary
   before a passage (or after it) is at most ``max_gap`` words away, the passage is
   stretched to it. Exact seeds stop at the first differing word, so a swap in the first
   words of a sentence ("Rebel fighters seized" / "Insurgents seized") would otherwise fall
   outside the passage and the compare stage would never see it; the words in between are
   a swap, a short cut or a short addition at the sentence edge, what the chaining already
   accepts inside a passage. Words already in another passage are never taken.
3. **Flat results in candidate order**: the char spans of each passage, the passage count of
   each pair and both shared fractions, so :mod:`pair` builds the objects in one loop.

Numba's on-disk cache keys each function on its own file only: after editing :mod:`kernel`
or :mod:`seeds_kernel`, delete ``__pycache__/*.nbi`` here (or touch this file), or
:func:`align_batch` keeps the old code of its callees.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba import njit

from wiretrace.align.kernel import pair_passages
from wiretrace.align.seeds_kernel import fill_table, hashes_into, new_table
from wiretrace.index.tokens import Tokens
from wiretrace.vocabulary import SENTENCE_BOUNDARY as BOUNDARY

_BOUNDARY = np.array(sorted(map(ord, BOUNDARY)), dtype=np.uint32)


@njit(cache=True)
def _boundary_flags(
    text: np.ndarray,
    char_len: np.ndarray,
    ascii: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    tok_off: np.ndarray,
    boundary: np.ndarray,
) -> np.ndarray:
    """``flags[t]``: a boundary character lies between token ``t - 1`` and token ``t``.

    ``text`` is the UTF-8 of all articles one after the other, ``char_len`` their lengths in
    code points. The first token of each article gets False (the caller treats the text
    start as a boundary, as the reference ``_boundary_before`` does).
    """
    is_ascii_boundary = np.zeros(128, dtype=np.bool_)
    for c in boundary:
        if c < 128:
            is_ascii_boundary[c] = True
    flags = np.zeros(len(starts), dtype=np.bool_)
    pos = 0  # byte offset of the current article
    for k in range(len(char_len)):
        lo, hi = tok_off[k], tok_off[k + 1]
        if ascii[k]:
            for t in range(lo + 1, hi):
                for c in range(ends[t - 1], starts[t]):
                    if is_ascii_boundary[text[pos + c]]:
                        flags[t] = True
                        break
            pos += char_len[k]
            continue
        t = lo + 1  # the token whose gap (ends[t - 1], starts[t]) may hold the next char
        for c in range(char_len[k]):
            lead = np.uint32(text[pos])
            if lead < 0x80:
                cp, width = lead, 1
            elif lead < 0xE0:
                cp, width = lead & 0x1F, 2
            elif lead < 0xF0:
                cp, width = lead & 0x0F, 3
            else:
                cp, width = lead & 0x07, 4
            for b in range(1, width):
                cp = (cp << 6) | (np.uint32(text[pos + b]) & 0x3F)
            pos += width
            if cp < 128:
                hit = is_ascii_boundary[cp]
            else:
                hit = False
                for x in boundary:
                    if cp == x:
                        hit = True
            if hit:
                while t < hi and starts[t] <= c:
                    t += 1
                if t < hi and ends[t - 1] <= c:
                    flags[t] = True
    return flags


@njit(cache=True)
def _steps(flags: np.ndarray, edge: int, limit: int, forward: bool) -> int:
    """The reference ``_steps_back`` / ``_steps_forward`` over the flags; -1 for None."""
    n = len(flags)
    for k in range(limit + 1):
        if forward:
            if edge + k >= n or flags[edge + k]:
                return k
        elif edge - k <= 0 or flags[edge - k]:
            return k
    return -1


@njit(cache=True)
def _free(out: np.ndarray, lo: int, hi: int, col: int) -> bool:
    """``[lo, hi)`` overlaps no passage span in columns ``col, col + 1`` of ``out``."""
    if lo >= hi:
        return True
    for q in range(len(out)):  # noqa: SIM110 - a plain loop, for numba
        if out[q, col] < hi and lo < out[q, col + 1]:
            return False
    return True


@njit(cache=True)
def _take(out: np.ndarray, a_lo: int, a_hi: int, b_lo: int, b_hi: int, ka: int, kb: int) -> bool:
    """The reference ``_take``: both edges found and both stretches free.

    The words marked used in :mod:`extend` are always the union of the passages' current
    spans (a stretch taken becomes part of its passage), so no marks are kept: the stretches
    are checked against the spans.
    """
    if ka < 0 or kb < 0 or ka + kb == 0:
        return False
    return _free(out, a_lo, a_hi, 0) and _free(out, b_lo, b_hi, 2)


@njit(cache=True)
def _extend(out: np.ndarray, flags_a: np.ndarray, flags_b: np.ndarray, max_gap: int) -> None:
    """The reference ``extend_to_sentences`` in place."""
    for p in range(len(out)):
        a0, a1, b0, b1 = out[p, 0], out[p, 1], out[p, 2], out[p, 3]
        ka = _steps(flags_a, a0, max_gap, False)
        kb = _steps(flags_b, b0, max_gap, False)
        if _take(out, a0 - max(ka, 0), a0, b0 - max(kb, 0), b0, ka, kb):
            out[p, 0], out[p, 2] = a0 - ka, b0 - kb
        ka = _steps(flags_a, a1, max_gap, True)
        kb = _steps(flags_b, b1, max_gap, True)
        if _take(out, a1, a1 + max(ka, 0), b1, b1 + max(kb, 0), ka, kb):
            out[p, 1], out[p, 3] = a1 + ka, b1 + kb


@njit(cache=True)
def align_batch(
    ids: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    tok_off: np.ndarray,
    text: np.ndarray,
    char_len: np.ndarray,
    ascii: np.ndarray,
    xs: np.ndarray,
    ys: np.ndarray,
    ngram: int,
    max_occ: int,
    min_words: int,
    min_extra_words: int,
    max_gap: int,
    boundary: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(xs[p], ys[p])`` of packed articles: ``(spans, counts, shared_a, shared_b)``.

    Article ``k`` has tokens ``tok_off[k]:tok_off[k + 1]`` of ``ids``/``starts``/``ends``.
    ``spans`` rows are ``(a_start, a_end, b_start, b_end)`` in chars, ``counts[p]`` rows for
    pair ``p`` (0: not reuse), in pair order.
    """
    flags = _boundary_flags(text, char_len, ascii, starts, ends, tok_off, boundary)
    longest = 1
    for k in range(len(char_len)):
        longest = max(longest, tok_off[k + 1] - tok_off[k])
    most_b = 1
    for y in ys:
        most_b = max(most_b, tok_off[y + 1] - tok_off[y])
    table = new_table(most_b)
    hashes_a = np.empty(longest, dtype=np.int64)  # n-gram hashes of the current a and b,
    hashes_b = np.empty(longest, dtype=np.int64)  # computed when needed (still in cache)
    used_a = np.zeros(longest + 1, dtype=np.int64)
    used_b = np.zeros(longest + 1, dtype=np.int64)
    scratch = np.empty((4 * longest + 16, 3), dtype=np.int64)
    pairs = len(xs)
    counts = np.zeros(pairs, dtype=np.int64)
    first = np.zeros(pairs, dtype=np.int64)
    shared_a = np.zeros(pairs, dtype=np.float64)
    shared_b = np.zeros(pairs, dtype=np.float64)
    rows = np.empty((64, 4), dtype=np.int64)
    n_rows = 0
    table_gen, gen, last_y = 0, 0, -1
    for p in np.argsort(ys, kind="mergesort"):
        x, y = xs[p], ys[p]
        lo_a, hi_a, lo_b, hi_b = tok_off[x], tok_off[x + 1], tok_off[y], tok_off[y + 1]
        if y != last_y:
            hb = hashes_b[: hashes_into(ids[lo_b:hi_b], ngram, hashes_b)]
            table_gen += 1
            fill_table(table, hb, table_gen)
            last_y = y
        ha = hashes_a[: hashes_into(ids[lo_a:hi_a], ngram, hashes_a)]
        if len(ha) == 0 or len(hb) == 0:
            continue
        gen += 1
        found = pair_passages(
            table, table_gen, ha, hb, used_a, used_b, gen, scratch,
            ngram, max_occ, min_words, min_extra_words, max_gap,
        )  # fmt: skip
        if len(found) == 0:
            continue
        _extend(found, flags[lo_a:hi_a], flags[lo_b:hi_b], max_gap)
        while n_rows + len(found) > len(rows):
            grown = np.empty((2 * len(rows), 4), dtype=np.int64)
            grown[:n_rows] = rows[:n_rows]
            rows = grown
        first[p], counts[p] = n_rows, len(found)
        covered_a = covered_b = 0
        for r in range(len(found)):
            a0, a1, b0, b1 = found[r, 0], found[r, 1], found[r, 2], found[r, 3]
            rows[n_rows, 0] = starts[lo_a + a0]
            rows[n_rows, 1] = ends[lo_a + a1 - 1]
            rows[n_rows, 2] = starts[lo_b + b0]
            rows[n_rows, 3] = ends[lo_b + b1 - 1]
            n_rows += 1
            covered_a += a1 - a0
            covered_b += b1 - b0
        shared_a[p] = min(1.0, covered_a / (hi_a - lo_a))
        shared_b[p] = min(1.0, covered_b / (hi_b - lo_b))
    spans = np.empty((n_rows, 4), dtype=np.int64)
    k = 0
    for p in range(pairs):  # back to candidate order
        spans[k : k + counts[p]] = rows[first[p] : first[p] + counts[p]]
        k += counts[p]
    return spans, counts, shared_a, shared_b


def run_batch(
    texts: Sequence[str],
    tokens: Sequence[Tokens],
    xs: np.ndarray,
    ys: np.ndarray,
    *,
    ngram: int,
    max_occ: int,
    min_words: int,
    min_extra_words: int,
    max_gap: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pack ``texts``/``tokens`` (each article once) and run :func:`align_batch` on them."""
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    tok_off = np.zeros(len(tokens) + 1, dtype=np.int64)
    np.cumsum(lengths, out=tok_off[1:])
    utf8 = "".join(texts).encode("utf-8", "surrogatepass")
    return align_batch(
        np.concatenate([t.ids for t in tokens], dtype=np.uint32, casting="unsafe"),
        np.concatenate([t.starts for t in tokens], dtype=np.int32, casting="unsafe"),
        np.concatenate([t.ends for t in tokens], dtype=np.int32, casting="unsafe"),
        tok_off,
        np.frombuffer(utf8, dtype=np.uint8),
        np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)),
        np.fromiter((t.isascii() for t in texts), dtype=np.bool_, count=len(texts)),
        xs,
        ys,
        ngram,
        max_occ,
        min_words,
        min_extra_words,
        max_gap,
        _BOUNDARY,
    )
