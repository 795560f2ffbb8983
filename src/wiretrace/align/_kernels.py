"""Every compiled function of the align stage: exact runs to one-to-one passages, pair by pair
or for a whole batch of candidate pairs in one call.

Why one file: numba caches each kernel per source file, and a kernel inlining a helper of
another file keeps a stale cache when only the helper changes; here every kernel sits with
all it calls. The public functions are in ``__init__.py`` (``align_ids``, ``align_pair``,
``align_candidates``).

Why not one monotone alignment (passim, difflib): outlets reorder paragraphs, so the shared
passages of a pair need not appear in the same order in both texts. Instead:

1. **Seeds and runs** (``find_runs``, below): the exact shared word runs of the two texts,
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
sentence-edge extension of ``align_batch``); the tests compare them on random inputs.

**Seeds and runs.** Why n-gram seeds: two articles that share source text share long runs of identical words,
while two articles on the same topic share only short common phrases.

Maths. With word ids ``w`` (uint32), the n-gram starting at ``i`` hashes to the polynomial
``h(i) = sum_{t<n} w[i+t] * P**(n-1-t) mod 2**64`` (``P`` a large odd constant). A seed is a
pair ``(i, j)`` with ``h_a(i) == h_b(j)``. Seeds on the same diagonal ``d = j - i`` with
consecutive ``i`` belong to one exact run: ``k`` consecutive seeds make a run of ``k + n - 1``
identical words. Runs are maximal (they cannot be extended by an identical word on either
end, or the neighbouring seed would exist). ``tests/reference/align.py`` computes the same
runs in numpy (``exact_runs``).

Why a reusable table: a batch (``align_batch``) aligns every ``b`` with several ``a`` and
should not allocate and clear a hash table per pair. So the n-gram table of ``b`` lives in
scratch arrays whose slots carry a generation number: a slot is live only when its stamp is
the current generation, so filling the table for the next ``b`` starts with one increment,
not a clear.

The n-gram hashes of ``b`` fill an open-addressing table (key: the 64-bit hash of
the polynomial above; value: its positions, ascending, and their count), with a bit
filter in front. Scanning ``a`` in order, a seed ``(i, j)`` (``h_a(i) == h_b(j)``, count in
``b`` at most ``max_occ``) starts a run when ``(i - 1, j - 1)`` is not a seed; the run is
then followed down its diagonal. Runs come out sorted by ``(i, j)``.

    >>> ids = np.array([7, 1, 2, 3, 4, 5], dtype=np.uint32)
    >>> hb = np.empty(6, dtype=np.int64)
    >>> hb = hb[: hashes_into(ids, 3, hb)]
    >>> ha = hb[1:3].copy()  # the n-grams (1, 2, 3) and (2, 3, 4)
    >>> table = new_table(len(hb))
    >>> fill_table(table, hb, 1)
    >>> out = np.empty((4, 3), dtype=np.int64)
    >>> out[: find_runs(table, 1, ha, hb, 3, 8, out)].tolist()  # (i, j, length)
    [[0, 1, 4]]

**A batch of candidate pairs in one compiled call** (``align_batch``). Why: an article sits in several candidate pairs (a story's versions pair with each other),
and per pair the Python around the kernels (re-encoding both texts, three compiled calls,
``tolist``) cost as much as the alignment itself. So :func:`align_batch` takes every article
once, in the flat arrays of a ``TextBatch`` (the pipeline's, built once per run), and does in
one call:

1. **Sentence boundaries per token**, the ``boundary`` field of the ``TextBatch`` (set when
   the batch is built, ``wiretrace.text.text_batch``): ``boundary[t]`` says a character
   of ``wiretrace.vocabulary.SENTENCE_BOUNDARY`` (sentence-ending punctuation or a line
   break) lies between tokens ``t - 1`` and ``t``.
2. **Pairs grouped by ``b``**, so the n-gram hashes and table of ``b`` are made once for all
   its pairs (generation stamps, no clearing); the hashes of ``a`` are
   made per pair, into a buffer still in cache. Then ``pair_passages`` and the
   sentence-edge extension, over the flags: when, in both texts, the sentence boundary
   before a passage (or after it) is at most ``max_gap`` words away, the passage is
   stretched to it. Exact seeds stop at the first differing word, so a swap in the first
   words of a sentence ("Rebel fighters seized" / "Insurgents seized") would otherwise fall
   outside the passage and the compare stage would never see it; the words in between are
   a swap, a short cut or a short addition at the sentence edge, what the chaining already
   accepts inside a passage. Words already in another passage are never taken.
3. **Flat results in candidate order**: the char spans of each passage, the passage count of
   each pair and both shared fractions, so ``__init__.py`` builds the objects in one loop.

    >>> a = np.arange(20, dtype=np.uint32)
    >>> passages_kernel(a, a[5:], 4, 8, 12, 6, 6).tolist()
    [[5, 20, 0, 15, 15]]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from wiretrace.text import TextBatch


class Settings(NamedTuple):
    """The knobs of one alignment (``__init__.py`` holds their defaults and meaning)."""

    ngram: int
    max_occ: int
    min_words: int
    min_extra_words: int
    max_gap: int


_P = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xFF51AFD7ED558CCD)


@njit(cache=True)
def hashes_into(ids: np.ndarray, n: int, out: np.ndarray) -> int:
    """the polynomial above of ``ids`` written to the int64 ``out`` (same bits).

    Returns how many (none for ``n < 1``, which would read past ``ids``). Int64, not uint64,
    because numba compares int64 with uint64 as floats.
    """
    count = len(ids) - n + 1 if n >= 1 else 0
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
def find_runs(
    table: tuple, gen: int, ha: np.ndarray, hb: np.ndarray, n: int, max_occ: int, out: np.ndarray
) -> int:
    """The reference ``exact_runs`` over hashes: rows ``(i, j, length)`` of ``out``, by ``(i, j)``.

    Returns the row count, or -1 when ``out`` is too small (the caller retries with more
    rows). No growing in here: the caller sizes ``out`` and retries.
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
                continue  # not in b (one bit read, in place of a probe)
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
    settings: Settings,
) -> np.ndarray:
    """``align_ids`` (``__init__.py``) with ``hb`` already in ``table`` as ``table_gen``: ``(k, 5)``.

    ``used_a``/``used_b`` (one slot per word, plus one) must hold no ``used_gen`` stamp yet;
    ``scratch`` is room for the runs (an ``(m, 3)`` int64 array, more is taken if needed).
    Empty when the pair is not reuse.
    """
    ngram, max_occ, min_words, min_extra_words, max_gap = settings
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
def _pair_alone(a: np.ndarray, b: np.ndarray, settings: Settings) -> np.ndarray:
    """``align_ids`` (``__init__.py``) as an ``(k, 5)`` int64 array; empty when the pair is not reuse."""
    ha = np.empty(max(len(a), 1), dtype=np.int64)
    hb = np.empty(max(len(b), 1), dtype=np.int64)
    ha = ha[: hashes_into(a, settings.ngram, ha)]
    hb = hb[: hashes_into(b, settings.ngram, hb)]
    table = new_table(len(hb))
    fill_table(table, hb, 1)
    used_a = np.zeros(len(a) + 1, dtype=np.int64)
    used_b = np.zeros(len(b) + 1, dtype=np.int64)
    scratch = np.empty((len(a) + 16, 3), dtype=np.int64)
    return pair_passages(table, 1, ha, hb, used_a, used_b, 1, scratch, settings)


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

    The words marked used by the reference are always the union of the passages' current
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
    batch: TextBatch, xs: np.ndarray, ys: np.ndarray, settings: Settings
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(xs[p], ys[p])`` of the batch's texts: ``(spans, counts, shared_a, shared_b)``.

    ``spans`` rows are ``(a_start, a_end, b_start, b_end)`` in chars, ``counts[p]`` rows for
    pair ``p`` (0: not reuse), in pair order.
    """
    ids, starts, ends, tok_off = batch.ids, batch.starts, batch.ends, batch.token_offsets
    flags = batch.boundary
    ngram, max_gap = settings.ngram, settings.max_gap
    most_a = most_b = 1  # the longest texts the pairs hold, in tokens
    for x in xs:
        most_a = max(most_a, tok_off[x + 1] - tok_off[x])
    for y in ys:
        most_b = max(most_b, tok_off[y + 1] - tok_off[y])
    longest = max(most_a, most_b)
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
        found = pair_passages(table, table_gen, ha, hb, used_a, used_b, gen, scratch, settings)
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


def passages_kernel(a: np.ndarray, b: np.ndarray, ngram: int, max_occ: int, min_words: int,
                    min_extra_words: int, max_gap: int) -> np.ndarray:
    """``align_ids`` (``__init__.py``) as an ``(k, 5)`` int64 array: one pair on its own."""
    return _pair_alone(a, b, Settings(ngram, max_occ, min_words, min_extra_words, max_gap))
