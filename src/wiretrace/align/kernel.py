"""The verification of one pair in compiled code, over scratch reused from pair to pair.

Why: at article sizes (a few hundred words) the numpy version in :mod:`seeds` and :mod:`chain`
spends most of its time in per-call overhead, not in work; and a batch of pairs
(:mod:`batch`) should not allocate and clear a hash table per pair either. So the n-gram
table of ``b`` and the "word used" marks live in scratch arrays stamped with a generation
number: a slot or mark is live only when its stamp equals the current generation, so starting
a new ``b`` or a new pair costs one increment, not a clear. Everything computes exactly what
the reference modules define (the tests compare them on random inputs), so those modules
stay the readable specification:

1. **Seeds and runs** (:func:`seeds.exact_runs`). The n-gram hashes of ``b`` fill an
   open-addressing table (key: the 64-bit hash of :func:`seeds.ngram_hashes`; value: its
   positions, ascending, and their count). Scanning ``a`` in order, a seed ``(i, j)``
   (``h_a(i) == h_b(j)``, count in ``b`` at most ``max_occ``) starts a run when
   ``(i - 1, j - 1)`` is not a seed; the run is then followed down its diagonal. Runs come
   out sorted by ``(i, j)``.
2. **Selection** (:func:`chain.select_runs`): a binary heap ordered by ``(-length, i, j)``.
   Heap entries are distinct runs or disjoint pieces of one run, so no two are equal and the
   pop order is the reference's.
3. **Chaining** (:func:`chain.chain_runs`): links sorted by ``(gap_a + gap_b, x, y)``.

    >>> import numpy as np
    >>> a = np.arange(20, dtype=np.uint32)
    >>> passages_kernel(a, a[5:], 4, 8, 12, 6, 6).tolist()
    [[5, 20, 0, 15, 15]]
"""

from __future__ import annotations

import numpy as np
from numba import njit

_P = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_SHORT = 32  # up to this many rows, insertion sort beats numba's sort call


@njit(cache=True)
def hashes_into(ids: np.ndarray, n: int, out: np.ndarray) -> int:
    """:func:`seeds.ngram_hashes` of ``ids`` written to the int64 ``out`` (same bits).

    Returns how many. Int64, not uint64, because numba compares int64 with uint64 as floats.
    """
    count = len(ids) - n + 1
    for i in range(count):
        h = np.uint64(ids[i])
        for t in range(1, n):
            h = h * _P + np.uint64(ids[i + t])
        out[i] = np.int64(h)
    return max(count, 0)


@njit(cache=True)
def new_table(max_b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Scratch for the n-gram table of any ``b`` of at most ``max_b`` n-grams.

    ``(slots, next, first, count, filter)``: per slot a row ``(hash, generation, first
    position, count)``, one cache line holding all a probe reads; per position ``j`` of ``b``
    the next position with the same hash, the first one and their count; and a bit filter of
    8 bits per slot. A ``b`` uses only the first ``_size(len(hb))`` slots.
    """
    rows = max(max_b, 1)
    return (
        np.zeros((_size(max_b), 4), dtype=np.int64),
        np.empty(rows, dtype=np.int64),
        np.empty(rows, dtype=np.int64),
        np.empty(rows, dtype=np.int64),
        np.zeros(_size(max_b) // 8, dtype=np.uint64),
    )


@njit(cache=True)
def _size(count: int) -> int:
    """Slots for ``count`` keys: a power of two, at most half full."""
    size = 16
    while size < 2 * count:
        size *= 2
    return size


@njit(cache=True)
def _shift(size: int) -> np.uint64:
    bits = 0
    while (1 << bits) < size:
        bits += 1
    return np.uint64(64 - bits)


@njit(cache=True)
def fill_table(table: tuple, hb: np.ndarray, gen: int) -> None:
    """Put the n-grams of ``b`` in ``table`` as generation ``gen`` (older entries are dead)."""
    slots, nxt, first, count, bits = table
    size = _size(len(hb))
    mask, shift = size - 1, _shift(size)
    bits[: size // 8] = 0
    for j in range(len(hb) - 1, -1, -1):  # head insertion from the back: lists ascend
        h = hb[j]
        mixed = np.uint64(h) * _MIX
        f = mixed >> (shift - np.uint64(3))
        bits[f >> np.uint64(6)] |= np.uint64(1) << (f & np.uint64(63))
        s = np.int64(mixed >> shift)
        while slots[s, 1] == gen and slots[s, 0] != h:
            s = (s + 1) & mask
        if slots[s, 1] != gen:
            slots[s, 0], slots[s, 1], slots[s, 2], slots[s, 3] = h, gen, -1, 0
        nxt[j] = slots[s, 2]
        slots[s, 2] = j
        slots[s, 3] += 1
        first[j] = s  # the slot, for now
    for j in range(len(hb)):
        s = first[j]
        first[j], count[j] = slots[s, 2], slots[s, 3]


@njit(cache=True)
def _runs(
    table: tuple, gen: int, ha: np.ndarray, hb: np.ndarray, n: int, max_occ: int, out: np.ndarray
) -> int:
    """:func:`seeds.exact_runs` over hashes: rows ``(i, j, length)`` of ``out``, by ``(i, j)``.

    Returns the row count, or -1 when ``out`` is too small (the caller retries with more
    rows). No growing in here: reassigning ``out`` inside the loop makes it 2.5x slower.
    Inside shared text the seeds of ``i + 1`` need no probe: when ``hb[j + 1] == ha[i + 1]``
    for a seed ``j`` of ``i``, position ``j + 1`` of ``b`` already knows their positions; and
    when that n-gram is unique in ``b``, its one seed continues the run: nothing starts there.
    """
    slots, nxt, first, count, bits = table
    size = _size(len(hb))
    mask, shift = size - 1, _shift(size)
    ma, mb = len(ha), len(hb)
    k = 0
    known = -1  # a position of b holding the n-gram ha[i] (seed of i - 1 plus one), or -1
    i = -1
    while i + 1 < ma:
        i += 1
        if known >= 0 and count[known] == 1 and max_occ >= 1:
            j = known  # the only seed of i, on the diagonal of the seed (i - 1, j - 1)
            while i + 1 < ma and j + 1 < mb and ha[i + 1] == hb[j + 1] and count[j + 1] == 1:
                i += 1
                j += 1
            known = j + 1 if i + 1 < ma and j + 1 < mb and ha[i + 1] == hb[j + 1] else -1
            continue
        if known >= 0:
            j, seeds = first[known], count[known]
        else:
            h = ha[i]
            mixed = np.uint64(h) * _MIX
            f = mixed >> (shift - np.uint64(3))
            if (bits[f >> np.uint64(6)] >> (f & np.uint64(63))) & np.uint64(1) == 0:
                continue  # not in b (one bit read, in place of a probe ~2x slower)
            s = np.int64(mixed >> shift)
            while slots[s, 1] == gen and slots[s, 0] != h:
                s = (s + 1) & mask
            if slots[s, 1] != gen:
                continue
            j, seeds = slots[s, 2], slots[s, 3]
        known = -1
        if seeds > max_occ:
            continue
        while j >= 0:
            if known < 0 and i + 1 < ma and j + 1 < mb and ha[i + 1] == hb[j + 1]:
                known = j + 1
            if not (i > 0 and j > 0 and ha[i - 1] == hb[j - 1] and count[j - 1] <= max_occ):
                steps = 1
                while (
                    i + steps < ma
                    and j + steps < mb
                    and ha[i + steps] == hb[j + steps]
                    and count[j + steps] <= max_occ
                ):
                    steps += 1
                if k == len(out):
                    return -1
                out[k, 0] = i
                out[k, 1] = j
                out[k, 2] = steps + n - 1
                k += 1
            j = nxt[j]
    return k


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
    """:func:`chain.select_runs`: greedy one-to-one runs, longest first; sorted by ``i``.

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
    for x in range(1, k):  # insertion sort: numba's argsort costs ~0.3 us even on 7 rows
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
    """:func:`chain.chain_runs`: rows ``(a0, a1, b0, b1, matched)`` sorted by ``a0``.

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
    k = _runs(table, table_gen, ha, hb, ngram, max_occ, runs)
    while k < 0:
        runs = np.empty((2 * len(runs) + 16, 3), dtype=np.int64)
        k = _runs(table, table_gen, ha, hb, ngram, max_occ, runs)
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
