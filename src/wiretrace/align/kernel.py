"""The whole verification of one pair in two compiled calls: the fast path of :mod:`pair`.

Why: at article sizes (a few hundred words) the numpy version in :mod:`seeds`, :mod:`chain`
and :mod:`extend` spends most of its time in per-call overhead (a dozen numpy calls, heaps of
Python tuples), not in work. ``passages_kernel`` fuses seeds, runs, selection, chaining and the
thresholds into one numba pass; ``extend_kernel`` is :func:`extend.extend_to_sentences` over
code-point arrays. Both compute exactly what the reference modules define (the tests compare
them on random inputs), so those modules stay the readable specification:

1. **Seeds and runs.** The n-gram hashes of ``b`` go into an open-addressing table (key: the
   64-bit hash of :func:`seeds.ngram_hashes`; value: its positions, ascending, and count).
   Scanning ``a`` in order, a seed ``(i, j)`` (``h_a(i) == h_b(j)``, count in ``b`` at most
   ``max_occurrences``) starts a run when ``(i - 1, j - 1)`` is not a seed; the run is then
   followed down its diagonal. Runs come out sorted by ``(i, j)``, as in :func:`seeds.exact_runs`.
2. **Selection** is :func:`chain.select_runs` with the same heap order ``(-length, i, j)``.
3. **Chaining** is :func:`chain.chain_runs`: links sorted by ``(gap_a + gap_b, x, y)``.

    >>> import numpy as np
    >>> a = np.arange(20, dtype=np.uint32)
    >>> passages_kernel(a, a[5:], 4, 8, 12, 6, 6).tolist()
    [[5, 20, 0, 15, 15]]
"""

from __future__ import annotations

import heapq

import numpy as np
from numba import njit

_P = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xFF51AFD7ED558CCD)


@njit(cache=True)
def _hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """:func:`seeds.ngram_hashes`, compiled."""
    count = len(ids) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = np.empty(count, dtype=np.uint64)
    for i in range(count):
        h = np.uint64(ids[i])
        for t in range(1, n):
            h = h * _P + np.uint64(ids[i + t])
        out[i] = h
    return out


@njit(cache=True)
def _runs(ha: np.ndarray, hb: np.ndarray, n: int, max_occ: int) -> np.ndarray:
    """:func:`seeds.exact_runs` over hashes: rows ``(i, j, length)`` sorted by ``(i, j)``."""
    mb = len(hb)
    bits = 4
    while (1 << bits) < 2 * mb:
        bits += 1
    mask = (1 << bits) - 1
    shift = np.uint64(64 - bits)
    keys = np.zeros(1 << bits, dtype=np.uint64)
    filled = np.zeros(1 << bits, dtype=np.bool_)
    head = np.full(1 << bits, -1, dtype=np.int64)
    count = np.zeros(1 << bits, dtype=np.int64)
    nxt = np.full(mb, -1, dtype=np.int64)
    slot_of = np.empty(mb, dtype=np.int64)
    for j in range(mb - 1, -1, -1):  # head insertion from the back: lists come out ascending
        h = hb[j]
        s = np.int64((h * _MIX) >> shift)
        while filled[s] and keys[s] != h:
            s = (s + 1) & mask
        filled[s] = True
        keys[s] = h
        nxt[j] = head[s]
        head[s] = j
        count[s] += 1
        slot_of[j] = s
    ok_b = np.empty(mb, dtype=np.bool_)  # hb[j] is a usable seed key (not too frequent)
    for j in range(mb):
        ok_b[j] = count[slot_of[j]] <= max_occ
    out = np.empty((16, 3), dtype=np.int64)
    k = 0
    ma = len(ha)
    for i in range(ma):
        h = ha[i]
        s = np.int64((h * _MIX) >> shift)
        while filled[s] and keys[s] != h:
            s = (s + 1) & mask
        if not filled[s] or count[s] > max_occ:
            continue
        j = head[s]
        while j >= 0:
            if not (i > 0 and j > 0 and ha[i - 1] == hb[j - 1] and ok_b[j - 1]):
                steps = 1
                while (
                    i + steps < ma
                    and j + steps < mb
                    and ha[i + steps] == hb[j + steps]
                    and ok_b[j + steps]
                ):
                    steps += 1
                if k == len(out):
                    grown = np.empty((2 * k, 3), dtype=np.int64)
                    grown[:k] = out
                    out = grown
                out[k, 0] = i
                out[k, 1] = j
                out[k, 2] = steps + n - 1
                k += 1
            j = nxt[j]
    return out[:k]


@njit(cache=True)
def _select(runs: np.ndarray, min_len: int, len_a: int, len_b: int) -> np.ndarray:
    """:func:`chain.select_runs`: greedy one-to-one runs, longest first; sorted by ``i``."""
    used_a = np.zeros(len_a, dtype=np.bool_)
    used_b = np.zeros(len_b, dtype=np.bool_)
    heap = [(-runs[r, 2], runs[r, 0], runs[r, 1]) for r in range(len(runs))]
    heapq.heapify(heap)
    chosen = np.empty((len(runs), 3), dtype=np.int64)
    k = 0
    while heap:
        neg, i, j = heapq.heappop(heap)
        length = -neg
        free = True
        for t in range(length):
            if used_a[i + t] or used_b[j + t]:
                free = False
                break
        if free:
            used_a[i : i + length] = True
            used_b[j : j + length] = True
            if k == len(chosen):
                grown = np.empty((2 * k, 3), dtype=np.int64)
                grown[:k] = chosen
                chosen = grown
            chosen[k, 0] = i
            chosen[k, 1] = j
            chosen[k, 2] = length
            k += 1
            continue
        start = -1
        for t in range(length + 1):
            is_free = t < length and not (used_a[i + t] or used_b[j + t])
            if is_free and start < 0:
                start = t
            elif not is_free and start >= 0:
                if t - start >= min_len:
                    heapq.heappush(heap, (-(t - start), i + start, j + start))
                start = -1
    chosen = chosen[:k]
    return chosen[np.argsort(chosen[:, 0])]  # starts in a are distinct (one-to-one)


@njit(cache=True)
def _chain(runs: np.ndarray, max_gap: int) -> np.ndarray:
    """:func:`chain.chain_runs`: rows ``(a0, a1, b0, b1, matched)`` sorted by ``a0``."""
    r = len(runs)
    keys = np.empty(16, dtype=np.int64)
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
                if k == len(keys):
                    grown = np.empty(2 * k, dtype=np.int64)
                    grown[:k] = keys
                    keys = grown
                keys[k] = ((gap_a + gap_b) * r + x) * r + y  # sorts as (cost, x, y)
                k += 1
    keys = np.sort(keys[:k])
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
    empty = np.zeros((0, 5), dtype=np.int64)
    ha = _hashes(a, ngram)
    hb = _hashes(b, ngram)
    if len(ha) == 0 or len(hb) == 0:
        return empty
    runs = _runs(ha, hb, ngram, max_occ)
    if len(runs) == 0 or runs[:, 2].sum() < min_words:
        return empty  # fast exit for unrelated pairs: too few shared words in all
    passages = _chain(_select(runs, ngram, len(a), len(b)), max_gap)
    if len(passages) == 0 or passages[:, 4].max() < min_words:
        return empty
    return passages[passages[:, 4] >= min(min_words, min_extra_words)]


@njit(cache=True)
def _boundary_before(
    cps: np.ndarray, starts: np.ndarray, ends: np.ndarray, i: int, boundary: np.ndarray
) -> bool:
    if i <= 0:
        return True
    for c in range(ends[i - 1], starts[i]):
        for x in boundary:
            if cps[c] == x:
                return True
    return False


@njit(cache=True)
def _steps(
    cps: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    edge: int,
    limit: int,
    forward: bool,
    boundary: np.ndarray,
) -> int:
    """:func:`extend._steps_back` / ``_steps_forward``; -1 for None."""
    n = len(starts)
    for k in range(limit + 1):
        if forward:
            if edge + k >= n or _boundary_before(cps, starts, ends, edge + k, boundary):
                return k
        elif _boundary_before(cps, starts, ends, edge - k, boundary):
            return k
    return -1


@njit(cache=True)
def _take(
    used_a: np.ndarray,
    a_lo: int,
    a_hi: int,
    used_b: np.ndarray,
    b_lo: int,
    b_hi: int,
    ka: int,
    kb: int,
) -> bool:
    if ka < 0 or kb < 0 or ka + kb == 0:
        return False
    if used_a[a_lo:a_hi].any() or used_b[b_lo:b_hi].any():
        return False
    used_a[a_lo:a_hi] = True
    used_b[b_lo:b_hi] = True
    return True


@njit(cache=True)
def extend_kernel(
    passages: np.ndarray,
    cps_a: np.ndarray,
    starts_a: np.ndarray,
    ends_a: np.ndarray,
    cps_b: np.ndarray,
    starts_b: np.ndarray,
    ends_b: np.ndarray,
    max_gap: int,
    boundary: np.ndarray,
) -> np.ndarray:
    """:func:`extend.extend_to_sentences` over code points (``cps``: the text as uint32)."""
    used_a = np.zeros(len(starts_a) + 1, dtype=np.bool_)
    used_b = np.zeros(len(starts_b) + 1, dtype=np.bool_)
    for p in range(len(passages)):
        used_a[passages[p, 0] : passages[p, 1]] = True
        used_b[passages[p, 2] : passages[p, 3]] = True
    out = passages.copy()
    for p in range(len(out)):
        a0, a1, b0, b1 = out[p, 0], out[p, 1], out[p, 2], out[p, 3]
        ka = _steps(cps_a, starts_a, ends_a, a0, max_gap, False, boundary)
        kb = _steps(cps_b, starts_b, ends_b, b0, max_gap, False, boundary)
        if _take(used_a, a0 - max(ka, 0), a0, used_b, b0 - max(kb, 0), b0, ka, kb):
            out[p, 0], out[p, 2] = a0 - ka, b0 - kb
        ka = _steps(cps_a, starts_a, ends_a, a1, max_gap, True, boundary)
        kb = _steps(cps_b, starts_b, ends_b, b1, max_gap, True, boundary)
        if _take(used_a, a1, a1 + max(ka, 0), used_b, b1, b1 + max(kb, 0), ka, kb):
            out[p, 1], out[p, 3] = a1 + ka, b1 + kb
    return out
