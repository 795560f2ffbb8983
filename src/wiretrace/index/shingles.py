"""Word k-gram ("shingle") hashes: the unit of text reuse.

A shingle is ``k`` consecutive word ids (default ``k = 5``: long enough that unrelated texts
rarely share one, short enough that a swapped word only spoils the ``k`` shingles around it).
Its hash is the polynomial ``sum_j ids[i+j] * P^(k-1-j) mod 2^64`` passed through the
splitmix64 finaliser, so every output bit depends on every word; collisions between distinct
shingles have probability ~2^-64 per pair. A text shorter than ``k`` words (a title) gets a
single shingle of all its words, so it is not invisible.

    >>> from wiretrace.index.tokens import tokenize
    >>> sh = shingles(tokenize("one two three four five six").ids)
    >>> sh.dtype, len(sh)
    (dtype('uint64'), 2)
"""

from __future__ import annotations

import numpy as np
from numba import njit

K = 5
_P = np.uint64(0x100000001B3)  # FNV-64 prime: odd, well spread


@njit(cache=True, nogil=True, inline="always")
def mix64(x: np.uint64) -> np.uint64:
    """splitmix64 finaliser: a bijection of uint64 with full avalanche."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@njit(cache=True, nogil=True)
def _shingle_into(ids, k, out):  # pragma: no cover - compiled
    n = ids.shape[0]
    if n == 0:
        return 0
    kk = min(k, n)
    m = n - kk + 1
    for i in range(m):
        h = np.uint64(kk)
        for j in range(kk):
            h = h * _P + np.uint64(ids[i + j]) + np.uint64(1)
        out[i] = mix64(h)
    return m


def shingles(ids: np.ndarray, k: int = K) -> np.ndarray:
    """uint64 hashes of the word k-grams of one text's ``ids`` (``len(ids) - k + 1`` of them)."""
    out = np.empty(max(len(ids) - k + 1, 1), dtype=np.uint64)
    n = _shingle_into(np.ascontiguousarray(ids, dtype=np.uint32), k, out)
    return out[:n]


@njit(cache=True, nogil=True)
def shingle_batch(ids, offsets, k):  # pragma: no cover - compiled
    """Shingles of many texts at once.

    ``ids`` is the concatenation of every text's word ids, text ``d`` owning
    ``ids[offsets[d]:offsets[d+1]]``; returns ``(hashes, hash_offsets)`` laid out the same way.
    """
    ndoc = offsets.shape[0] - 1
    out_off = np.zeros(ndoc + 1, dtype=np.int64)
    for d in range(ndoc):
        n = offsets[d + 1] - offsets[d]
        out_off[d + 1] = out_off[d] + (0 if n == 0 else n - min(k, n) + 1)
    out = np.empty(out_off[ndoc], dtype=np.uint64)
    for d in range(ndoc):
        _shingle_into(ids[offsets[d] : offsets[d + 1]], k, out[out_off[d] : out_off[d + 1]])
    return out, out_off


@njit(cache=True, nogil=True)
def unique_sorted_segments(values, offsets):  # pragma: no cover - compiled
    """Sort each segment of ``values`` and drop duplicates: per-text shingle *sets*.

    Returns ``(sets, set_offsets)``; ``values`` is left untouched. The reference definition:
    the index builds the same sets with a bucket sort inside sketch_kernel.py.
    """
    ndoc = offsets.shape[0] - 1
    out = np.empty_like(values)
    out_off = np.zeros(ndoc + 1, dtype=np.int64)
    w = 0
    for d in range(ndoc):
        seg = np.sort(values[offsets[d] : offsets[d + 1]])
        for i in range(seg.shape[0]):
            if i == 0 or seg[i] != seg[i - 1]:
                out[w] = seg[i]
                w += 1
        out_off[d + 1] = w
    return out[:w].copy(), out_off
