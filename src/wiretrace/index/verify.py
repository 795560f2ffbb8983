"""Exact verification of candidate pairs on their full shingle sets.

LSH only proposes; the decision is exact. For sorted unique shingle sets A and B (uint64),
a merge walk counts ``|A ∩ B|`` in ``O(|A| + |B|)``, and the pair is kept when

    shared = |A ∩ B| >= min_shared      and
    containment = |A ∩ B| / min(|A|, |B|) >= min_containment.

Containment, not Jaccard: it is 1 when the shorter text is wholly inside the longer one (a
half-story reprint scores 1, where its Jaccard is 0.5). ``min_shared`` (in shingles, i.e.
about ``min_shared + k - 1`` words of common running text) keeps a shared stock phrase or two
from making two unrelated texts look related, while a reprinted paragraph easily clears it.

    >>> a = np.array([1, 2, 3, 4], dtype=np.uint64); b = np.array([2, 3, 9], dtype=np.uint64)
    >>> int(intersections(a, np.array([0, 4]), b, np.array([0, 3]),
    ...                   np.array([0]), np.array([0]))[0])
    2
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def intersections(sets_a, off_a, sets_b, off_b, pi, pj):  # pragma: no cover - compiled
    """``|A_pi[n] ∩ B_pj[n]|`` for every pair ``n``; sets are sorted unique segments."""
    out = np.empty(pi.shape[0], dtype=np.int64)
    for n in range(pi.shape[0]):
        x, xe = off_a[pi[n]], off_a[pi[n] + 1]
        y, ye = off_b[pj[n]], off_b[pj[n] + 1]
        c = 0
        while x < xe and y < ye:
            va = sets_a[x]
            vb = sets_b[y]
            if va == vb:
                c += 1
                x += 1
                y += 1
            elif va < vb:
                x += 1
            else:
                y += 1
        out[n] = c
    return out


def containment(shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """``shared / min(size_a, size_b)`` (0 where a set is empty)."""
    smaller = np.minimum(size_a, size_b)
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0)
