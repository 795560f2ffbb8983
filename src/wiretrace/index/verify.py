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


@njit(cache=True, nogil=True, inline="always")
def _merge_count(a, b):  # pragma: no cover - compiled
    """``|a ∩ b|`` of two sorted unique arrays, by a branch-free merge walk."""
    na = a.shape[0]
    nb = b.shape[0]
    if na == 0 or nb == 0:
        return 0
    x = 0
    y = 0
    c = 0
    va = a[0]
    vb = b[0]
    while True:
        c += va == vb
        x += va <= vb
        y += vb <= va
        if x >= na or y >= nb:
            return c
        va = a[x]
        vb = b[y]


@njit(cache=True, nogil=True)
def intersections(sets_a, off_a, sets_b, off_b, pi, pj):  # pragma: no cover - compiled
    """``|A_pi[n] ∩ B_pj[n]|`` for every pair ``n``; sets are sorted unique segments.

    Why branch-free and two pairs at a time: which side of a merge advances is a coin
    toss, so a branching walk mispredicts about every other step; without branches each
    step waits only on its loads, and two independent walks interleaved overlap those
    waits. Each walk stops when either pair's set runs out; the other finishes alone.
    """
    out = np.empty(pi.shape[0], dtype=np.int64)
    n = 0
    while n + 1 < pi.shape[0]:
        a1 = sets_a[off_a[pi[n]] : off_a[pi[n] + 1]]
        b1 = sets_b[off_b[pj[n]] : off_b[pj[n] + 1]]
        a2 = sets_a[off_a[pi[n + 1]] : off_a[pi[n + 1] + 1]]
        b2 = sets_b[off_b[pj[n + 1]] : off_b[pj[n + 1] + 1]]
        x1 = y1 = c1 = x2 = y2 = c2 = 0
        if a1.shape[0] and b1.shape[0] and a2.shape[0] and b2.shape[0]:
            u1, v1, u2, v2 = a1[0], b1[0], a2[0], b2[0]
            while True:
                c1 += u1 == v1
                x1 += u1 <= v1
                y1 += v1 <= u1
                c2 += u2 == v2
                x2 += u2 <= v2
                y2 += v2 <= u2
                if x1 >= a1.shape[0] or y1 >= b1.shape[0] or x2 >= a2.shape[0] or (
                    y2 >= b2.shape[0]
                ):
                    break
                u1, v1, u2, v2 = a1[x1], b1[y1], a2[x2], b2[y2]
        out[n] = c1 + _merge_count(a1[x1:], b1[y1:])
        out[n + 1] = c2 + _merge_count(a2[x2:], b2[y2:])
        n += 2
    if n < pi.shape[0]:
        out[n] = _merge_count(sets_a[off_a[pi[n]] : off_a[pi[n] + 1]],
                              sets_b[off_b[pj[n]] : off_b[pj[n] + 1]])
    return out


def containment(shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """``shared / min(size_a, size_b)`` (0 where a set is empty)."""
    smaller = np.minimum(size_a, size_b)
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0)
