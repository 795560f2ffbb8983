"""Exact shared word runs between two token-id arrays: the seeds of an alignment.

Why n-gram seeds: two articles that share source text share long runs of identical words,
while two articles on the same topic share only short common phrases. Hashing every ``n``
consecutive word ids and intersecting the two hash sets finds all shared n-grams in
O((m + n) log n) with a handful of numpy calls, whatever the number of matches.

Maths. With word ids ``w`` (uint32), the n-gram starting at ``i`` hashes to the polynomial
``h(i) = sum_{t<n} w[i+t] * P**(n-1-t) mod 2**64`` (``P`` a large odd constant), computed for
all ``i`` at once. A seed is a pair ``(i, j)`` with ``h_a(i) == h_b(j)``. Seeds on the same
diagonal ``d = j - i`` with consecutive ``i`` belong to one exact run: ``k`` consecutive seeds
make a run of ``k + n - 1`` identical words. Runs are maximal (they cannot be extended by an
identical word on either end, or the neighbouring seed would exist).

    >>> import numpy as np
    >>> a = np.array([1, 2, 3, 4, 5, 9, 9], dtype=np.uint32)
    >>> b = np.array([7, 1, 2, 3, 4, 5], dtype=np.uint32)
    >>> exact_runs(a, b, n=3).tolist()   # (start in a, start in b, length)
    [[0, 1, 5]]
"""

from __future__ import annotations

import numpy as np

_P = np.uint64(0x9E3779B97F4A7C15)
_EMPTY = np.zeros((0, 3), dtype=np.int64)


def ngram_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """The uint64 hash of every run of ``n`` consecutive ids (``len(ids) - n + 1`` values)."""
    count = len(ids) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    w = ids.astype(np.uint64)
    h = w[:count].copy()
    with np.errstate(over="ignore"):
        for t in range(1, n):
            h = h * _P + w[t : t + count]
    return h


def seed_matches(
    ha: np.ndarray, hb: np.ndarray, max_occurrences: int = 8
) -> tuple[np.ndarray, np.ndarray]:
    """All ``(i, j)`` with ``ha[i] == hb[j]``, as two int64 arrays.

    N-grams occurring more than ``max_occurrences`` times in ``b`` are skipped: repeated
    boilerplate would otherwise multiply seeds without adding information.
    """
    if len(ha) == 0 or len(hb) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    order = np.argsort(hb, kind="stable")
    sorted_b = hb[order]
    lo = np.searchsorted(sorted_b, ha, side="left")
    hi = np.searchsorted(sorted_b, ha, side="right")
    counts = hi - lo
    keep = (counts > 0) & (counts <= max_occurrences)
    if not keep.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    rows = np.nonzero(keep)[0]
    cnt = counts[rows]
    total = int(cnt.sum())
    ia = np.repeat(rows, cnt)
    # position k of the expanded array maps to order[lo[row] + (k - first k of that row)]
    first = np.repeat(np.cumsum(cnt) - cnt, cnt)
    jb = order[np.repeat(lo[rows], cnt) + (np.arange(total) - first)]
    return ia.astype(np.int64), jb.astype(np.int64)


def exact_runs(a: np.ndarray, b: np.ndarray, n: int = 4, max_occurrences: int = 8) -> np.ndarray:
    """Maximal runs of identical ids shared by ``a`` and ``b``, at least ``n`` long.

    Returns an int64 array of rows ``(i, j, length)``: ``a[i:i+length] == b[j:j+length]``
    (up to 64-bit hash collisions), sorted by ``i`` then ``j``.
    """
    ia, jb = seed_matches(ngram_hashes(a, n), ngram_hashes(b, n), max_occurrences)
    if len(ia) == 0:
        return _EMPTY
    diag = jb - ia
    order = np.lexsort((ia, diag))
    ia, diag = ia[order], diag[order]
    # a new run starts where the diagonal changes or i is not the previous i + 1
    brk = np.ones(len(ia), dtype=bool)
    brk[1:] = (diag[1:] != diag[:-1]) | (ia[1:] != ia[:-1] + 1)
    starts = np.nonzero(brk)[0]
    lengths = np.diff(np.append(starts, len(ia))) + (n - 1)
    runs = np.stack([ia[starts], ia[starts] + diag[starts], lengths], axis=1)
    return runs[np.lexsort((runs[:, 1], runs[:, 0]))]
