"""The verification of one pair in compiled code: exact runs to one-to-one passages.

Why not one monotone alignment (passim, difflib): outlets reorder paragraphs, so the shared
passages of a pair need not appear in the same order in both texts. Instead:

1. **Seeds and runs** (:mod:`seeds_kernel`): the exact shared word runs of the two texts,
   over an n-gram table of ``b`` that a batch reuses for all pairs with the same ``b``.
2. **One-to-one selection, greedy by length.** Runs are taken longest first; a run that
   overlaps words of ``a`` or ``b`` already used is cut down to its still-free stretches
   (those at least ``n`` long go back into the queue). Every word of either text ends up in
   at most one passage, so shared fractions are at most 1 and a repeated phrase cannot be
   counted twice, while any order of passages is allowed. Runs sharing no word are all
   taken (the common case); otherwise a binary heap ordered by ``(-length, i, j)``, the
   "word used" marks stamped with a generation number (a new pair costs an increment, not
   a clear). Heap entries are distinct runs or disjoint pieces of one run, so no two are
   equal and the pop order is that of the plain definition.
3. **Chaining.** Two selected runs ``r`` then ``s`` join one passage when ``s`` starts shortly
   after ``r`` ends in *both* texts: ``0 <= gap_a <= max_gap`` and ``0 <= gap_b <= max_gap``
   (gaps in words). The gap is a word swap, a short insertion or a short cut, so a swap such
   as "jihadists' last" -> "terrorist organization's last" does not split a passage, whereas
   an inserted paragraph (longer than ``max_gap``) or a reordering does. Links are taken
   cheapest first, sorted by ``(gap_a + gap_b, x, y)``, each run having at most one
   successor and one predecessor.

``tests/reference/align.py`` is the plain numpy definition of all three steps (and of the
sentence-edge extension of :mod:`batch`); the tests compare them on random inputs.

Numba's on-disk cache keys each function on its own file only: after editing
:mod:`seeds_kernel`, delete ``__pycache__/*.nbi`` here (or touch this file and :mod:`batch`)
or the cached callers keep the old code.

    >>> import numpy as np
    >>> a = np.arange(20, dtype=np.uint32)
    >>> passages_kernel(a, a[5:], 4, 8, 12, 6, 6).tolist()
    [[5, 20, 0, 15, 15]]
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.align.seeds_kernel import fill_table, find_runs, hashes_into, new_table

_SHORT = 32  # up to this many rows, insertion sort beats numba's sort call


@njit(cache=True)
def _before(heap: np.ndarray, x: int, y: int) -> bool:
    """Heap row ``x`` pops before row ``y``: longer first, then smaller ``i``, then ``j``."""
    if heap[x, 0] != heap[y, 0]:
        return heap[x, 0] > heap[y, 0]
    if heap[x, 1] != heap[y, 1]:
        return heap[x, 1] < heap[y, 1]
    return heap[x, 2] < heap[y, 2]


@njit(cache=True)
def _swap(heap: np.ndarray, x: int, y: int) -> None:
    for c in range(3):
        heap[x, c], heap[y, c] = heap[y, c], heap[x, c]


@njit(cache=True)
def _push(heap: np.ndarray, size: int, length: int, i: int, j: int) -> None:
    """Add a row to a heap of ``size`` rows (``heap`` has room)."""
    heap[size, 0], heap[size, 1], heap[size, 2] = length, i, j
    pos = size
    while pos > 0:
        parent = (pos - 1) >> 1
        if not _before(heap, pos, parent):
            break
        _swap(heap, pos, parent)
        pos = parent


@njit(cache=True)
def _pop(heap: np.ndarray, size: int) -> None:
    """Drop the top row of a heap of ``size`` rows (the caller has read it)."""
    last = size - 1
    heap[0, 0], heap[0, 1], heap[0, 2] = heap[last, 0], heap[last, 1], heap[last, 2]
    pos = 0
    while True:
        child = 2 * pos + 1
        if child >= last:
            return
        if child + 1 < last and _before(heap, child + 1, child):
            child += 1
        if not _before(heap, child, pos):
            return
        _swap(heap, child, pos)
        pos = child


@njit(cache=True)
def _disjoint(runs: np.ndarray) -> bool:
    """No two runs (sorted by ``i``) share a word of ``a`` or of ``b``; False if too many."""
    r = len(runs)
    if r > 4 * _SHORT:
        return False
    for x in range(r - 1):
        if runs[x, 0] + runs[x, 2] > runs[x + 1, 0]:
            return False
    for x in range(r):
        start, end = runs[x, 1], runs[x, 1] + runs[x, 2]
        for y in range(x + 1, r):
            if runs[y, 1] < end and start < runs[y, 1] + runs[y, 2]:
                return False
    return True


@njit(cache=True)
def _select(
    runs: np.ndarray, min_len: int, used_a: np.ndarray, used_b: np.ndarray, gen: int
) -> np.ndarray:
    """The reference ``select_runs``: greedy one-to-one runs, longest first; sorted by ``i``.

    A word ``t`` is used when ``used_a[t] == gen`` (likewise in ``b``). Room for the heap and
    the result: the entries taken from one run are disjoint pieces at least ``min_len`` long
    (or the run itself), so there are at most ``len(runs) + sum(lengths) // min_len``.
    Runs that share no word are all taken as they are, whatever the order: the common case.
    """
    if _disjoint(runs):
        return runs
    room = len(runs) + runs[:, 2].sum() // max(min_len, 1) + 1
    heap = np.empty((room, 3), dtype=np.int64)
    chosen = np.empty((room, 3), dtype=np.int64)
    size = 0
    for r in range(len(runs)):
        _push(heap, size, runs[r, 2], runs[r, 0], runs[r, 1])
        size += 1
    k = 0
    while size > 0:
        length, i, j = heap[0, 0], heap[0, 1], heap[0, 2]
        _pop(heap, size)
        size -= 1
        free = True
        for t in range(length):
            if used_a[i + t] == gen or used_b[j + t] == gen:
                free = False
                break
        if free:
            used_a[i : i + length] = gen
            used_b[j : j + length] = gen
            chosen[k, 0], chosen[k, 1], chosen[k, 2] = i, j, length
            k += 1
            continue
        start = -1
        for t in range(length + 1):
            is_free = t < length and not (used_a[i + t] == gen or used_b[j + t] == gen)
            if is_free and start < 0:
                start = t
            elif not is_free and start >= 0:
                if t - start >= min_len:
                    _push(heap, size, t - start, i + start, j + start)
                    size += 1
                start = -1
    chosen = chosen[:k]
    if k > _SHORT:
        return chosen[np.argsort(chosen[:, 0])]  # starts in a are distinct (one-to-one)
    for x in range(1, k):  # insertion sort: a handful of rows (numba's argsort has a fixed cost per call)
        i, j, length = chosen[x, 0], chosen[x, 1], chosen[x, 2]
        y = x
        while y > 0 and chosen[y - 1, 0] > i:
            chosen[y, 0], chosen[y, 1], chosen[y, 2] = (
                chosen[y - 1, 0],
                chosen[y - 1, 1],
                chosen[y - 1, 2],
            )
            y -= 1
        chosen[y, 0], chosen[y, 1], chosen[y, 2] = i, j, length
    return chosen


@njit(cache=True)
def _chain(runs: np.ndarray, max_gap: int) -> np.ndarray:
    """The reference ``chain_runs``: rows ``(a0, a1, b0, b1, matched)`` sorted by ``a0``.

    The runs are disjoint in ``a`` and sorted by ``i``, so at most ``max_gap + 1`` of them
    start within ``max_gap`` words after a run ends: that bounds the links.
    """
    r = len(runs)
    keys = np.empty(r * max(max_gap + 1, 1), dtype=np.int64)
    k = 0
    for x in range(r):
        end_a = runs[x, 0] + runs[x, 2]
        end_b = runs[x, 1] + runs[x, 2]
        for y in range(x + 1, r):
            gap_a = runs[y, 0] - end_a
            if gap_a > max_gap:
                break
            gap_b = runs[y, 1] - end_b
            if gap_a >= 0 and 0 <= gap_b <= max_gap:
                keys[k] = ((gap_a + gap_b) * r + x) * r + y  # sorts as (cost, x, y)
                k += 1
    keys = keys[:k]
    if k > _SHORT:
        keys.sort()
    else:
        for x in range(1, k):
            key = keys[x]
            y = x
            while y > 0 and keys[y - 1] > key:
                keys[y] = keys[y - 1]
                y -= 1
            keys[y] = key
    succ = np.full(r, -1, dtype=np.int64)
    has_pred = np.zeros(r, dtype=np.bool_)
    for key in keys:
        x = (key // r) % r
        y = key % r
        if succ[x] < 0 and not has_pred[y]:
            succ[x] = y
            has_pred[y] = True
    out = np.empty((r - np.count_nonzero(has_pred), 5), dtype=np.int64)
    p = 0
    for x in range(r):  # runs are sorted by i, so passages come out sorted by a0
        if has_pred[x]:
            continue
        matched = runs[x, 2]
        last = x
        while succ[last] >= 0:
            last = succ[last]
            matched += runs[last, 2]
        out[p, 0] = runs[x, 0]
        out[p, 1] = runs[last, 0] + runs[last, 2]
        out[p, 2] = runs[x, 1]
        out[p, 3] = runs[last, 1] + runs[last, 2]
        out[p, 4] = matched
        p += 1
    return out


@njit(cache=True)
def pair_passages(
    table: tuple,
    table_gen: int,
    ha: np.ndarray,
    hb: np.ndarray,
    used_a: np.ndarray,
    used_b: np.ndarray,
    used_gen: int,
    scratch: np.ndarray,
    ngram: int,
    max_occ: int,
    min_words: int,
    min_extra_words: int,
    max_gap: int,
) -> np.ndarray:
    """:func:`pair.align_ids` with ``hb`` already in ``table`` as ``table_gen``: ``(k, 5)``.

    ``used_a``/``used_b`` (one slot per word, plus one) must hold no ``used_gen`` stamp yet;
    ``scratch`` is room for the runs (an ``(m, 3)`` int64 array, more is taken if needed).
    Empty when the pair is not reuse.
    """
    empty = np.zeros((0, 5), dtype=np.int64)
    if len(ha) == 0 or len(hb) == 0:
        return empty
    runs = scratch
    k = find_runs(table, table_gen, ha, hb, ngram, max_occ, runs)
    while k < 0:
        runs = np.empty((2 * len(runs) + 16, 3), dtype=np.int64)
        k = find_runs(table, table_gen, ha, hb, ngram, max_occ, runs)
    runs = runs[:k]
    if len(runs) == 0 or runs[:, 2].sum() < min_words:
        return empty  # fast exit for unrelated pairs: too few shared words in all
    passages = _chain(_select(runs, ngram, used_a, used_b, used_gen), max_gap)
    if len(passages) == 0 or passages[:, 4].max() < min_words:
        return empty
    k = 0
    for p in range(len(passages)):
        if passages[p, 4] >= min(min_words, min_extra_words):
            passages[k] = passages[p]
            k += 1
    return passages[:k]


@njit(cache=True)
def passages_kernel(
    a: np.ndarray,
    b: np.ndarray,
    ngram: int,
    max_occ: int,
    min_words: int,
    min_extra_words: int,
    max_gap: int,
) -> np.ndarray:
    """:func:`pair.align_ids` as an ``(k, 5)`` int64 array; empty when the pair is not reuse."""
    ha = np.empty(max(len(a), 1), dtype=np.int64)
    hb = np.empty(max(len(b), 1), dtype=np.int64)
    ha = ha[: hashes_into(a, ngram, ha)]
    hb = hb[: hashes_into(b, ngram, hb)]
    table = new_table(len(hb))
    fill_table(table, hb, 1)
    used_a = np.zeros(len(a) + 1, dtype=np.int64)
    used_b = np.zeros(len(b) + 1, dtype=np.int64)
    scratch = np.empty((len(a) + 16, 3), dtype=np.int64)
    return pair_passages(
        table, 1, ha, hb, used_a, used_b, 1, scratch,
        ngram, max_occ, min_words, min_extra_words, max_gap,
    )  # fmt: skip
