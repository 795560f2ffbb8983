"""From exact shared runs to passages: one-to-one selection, then chaining across small edits.

Why not one monotone alignment (passim, difflib): outlets reorder paragraphs, so the shared
passages of a pair need not appear in the same order in both texts. Instead:

1. **One-to-one selection, greedy by length.** Runs are taken longest first; a run that
   overlaps words of ``a`` or ``b`` already used is cut down to its still-free stretches
   (those at least ``n`` long go back into the queue). Every word of either text ends up in
   at most one passage, so shared fractions are at most 1 and a repeated phrase cannot be
   counted twice, while any order of passages is allowed.
2. **Chaining.** Two selected runs ``r`` then ``s`` join one passage when ``s`` starts shortly
   after ``r`` ends in *both* texts: ``0 <= gap_a <= max_gap`` and ``0 <= gap_b <= max_gap``
   (gaps in words). The gap is a word swap, a short insertion or a short cut, so a swap such
   as "jihadists' last" -> "terrorist organization's last" does not split a passage, whereas
   an inserted paragraph (longer than ``max_gap``) or a reordering does. Links are taken
   cheapest first (``gap_a + gap_b``), each run having at most one successor and one
   predecessor.

    >>> import numpy as np
    >>> runs = np.array([[0, 0, 10], [12, 11, 8], [40, 100, 9]])
    >>> chain_runs(select_runs(runs, 4, 200, 200), max_gap=4)
    [(0, 20, 0, 19, 18), (40, 49, 100, 109, 9)]
"""

from __future__ import annotations

import heapq

import numpy as np

# a passage in token indices: (a_start, a_end, b_start, b_end, matched words), ends exclusive
TokenPassage = tuple[int, int, int, int, int]


def _free_stretches(free: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    """Maximal ``[s, e)`` stretches of True in ``free`` at least ``min_len`` long."""
    padded = np.concatenate(([False], free, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [
        (int(s), int(e)) for s, e in zip(edges[::2], edges[1::2], strict=True) if e - s >= min_len
    ]


def select_runs(
    runs: np.ndarray, min_len: int, len_a: int, len_b: int
) -> list[tuple[int, int, int]]:
    """Greedy one-to-one choice of runs ``(i, j, length)``, longest first; sorted by ``i``."""
    used_a = np.zeros(len_a, dtype=bool)
    used_b = np.zeros(len_b, dtype=bool)
    heap = [(-int(n), int(i), int(j)) for i, j, n in runs]
    heapq.heapify(heap)
    chosen: list[tuple[int, int, int]] = []
    while heap:
        neg, i, j = heapq.heappop(heap)
        length = -neg
        free = ~(used_a[i : i + length] | used_b[j : j + length])
        if free.all():
            used_a[i : i + length] = True
            used_b[j : j + length] = True
            chosen.append((i, j, length))
            continue
        for s, e in _free_stretches(free, min_len):
            heapq.heappush(heap, (-(e - s), i + s, j + s))
    chosen.sort()
    return chosen


def chain_runs(runs: list[tuple[int, int, int]], max_gap: int) -> list[TokenPassage]:
    """Join selected runs separated by at most ``max_gap`` words on both sides into passages."""
    links: list[tuple[int, int, int]] = []
    for x, (i, j, length) in enumerate(runs):
        end_a, end_b = i + length, j + length
        for y in range(x + 1, len(runs)):
            i2, j2, _ = runs[y]
            gap_a = i2 - end_a
            if gap_a > max_gap:
                break  # runs are sorted by i: the rest start even later
            gap_b = j2 - end_b
            if gap_a >= 0 and 0 <= gap_b <= max_gap:
                links.append((gap_a + gap_b, x, y))
    links.sort()
    succ: dict[int, int] = {}
    has_pred: set[int] = set()
    for _, x, y in links:
        if x not in succ and y not in has_pred:
            succ[x] = y
            has_pred.add(y)
    passages: list[TokenPassage] = []
    for x in range(len(runs)):
        if x in has_pred:
            continue
        i, j, length = runs[x]
        matched = length
        last = x
        while last in succ:
            last = succ[last]
            matched += runs[last][2]
        li, lj, ll = runs[last]
        passages.append((i, li + ll, j, lj + ll, matched))
    passages.sort()
    return passages
