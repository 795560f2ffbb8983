"""The plain numpy definition of a pair's alignment, kept as the specification.

``wiretrace.align`` computes the same passages in compiled code (:mod:`wiretrace.align._kernels`,
where the method and its maths are described); the tests compare both on invented and random input. Three steps:

* **seeds** (``exact_runs``): the exact shared word runs of two token-id arrays, from the
  polynomial hashes of their n-grams;
    >>> import numpy as np
    >>> a = np.array([1, 2, 3, 4, 5, 9, 9], dtype=np.uint32)
    >>> b = np.array([7, 1, 2, 3, 4, 5], dtype=np.uint32)
    >>> exact_runs(a, b, n=3).tolist()   # (start in a, start in b, length)
    [[0, 1, 5]]

* **selection and chaining** (``select_runs``, ``chain_runs``): runs taken one-to-one,
  longest first, then joined across small gaps in both texts;
    >>> import numpy as np
    >>> runs = np.array([[0, 0, 10], [12, 11, 8], [40, 100, 9]])
    >>> chain_runs(select_runs(runs, 4, 200, 200), max_gap=4)
    [(0, 20, 0, 19, 18), (40, 49, 100, 109, 9)]

* **sentence edges** (``extend_to_sentences``): passages stretched over a swap at their
  edge, up to the sentence boundary on both sides.
    >>> from wiretrace.text import tokenize
    >>> a, b = "Rebel fighters seized the town.", "Insurgents seized the town."
    >>> extend_to_sentences([(2, 5, 1, 4, 3)], a, tokenize(a), b, tokenize(b), 6)
    [(0, 5, 0, 4, 3)]
"""

from __future__ import annotations

import heapq

import numpy as np

from wiretrace.text import Tokens
from wiretrace.vocabulary import SENTENCE_BOUNDARY as BOUNDARY

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


def _boundary_before(text: str, tokens: Tokens, i: int) -> bool:
    """True when a sentence boundary lies just before token ``i``."""
    if i <= 0:
        return True
    gap = text[tokens.ends[i - 1] : tokens.starts[i]]
    return any(c in BOUNDARY for c in gap)


def _steps_back(text: str, tokens: Tokens, start: int, limit: int) -> int | None:
    """Tokens between the sentence start and ``start`` (None if more than ``limit``)."""
    for k in range(limit + 1):
        if _boundary_before(text, tokens, start - k):
            return k
    return None


def _steps_forward(text: str, tokens: Tokens, end: int, limit: int) -> int | None:
    """Tokens between ``end`` (exclusive) and the sentence end (None if more than ``limit``)."""
    n = len(tokens)
    for k in range(limit + 1):
        if end + k >= n or _boundary_before(text, tokens, end + k):
            return k
    return None


def extend_to_sentences(
    passages: list[TokenPassage],
    text_a: str,
    ta: Tokens,
    text_b: str,
    tb: Tokens,
    max_gap: int,
) -> list[TokenPassage]:
    """Stretch each passage's ends to the sentence boundaries when both are near (see above)."""
    used_a = np.zeros(len(ta) + 1, dtype=bool)
    used_b = np.zeros(len(tb) + 1, dtype=bool)
    for a0, a1, b0, b1, _ in passages:
        used_a[a0:a1] = True
        used_b[b0:b1] = True
    out = []
    for a0, a1, b0, b1, matched in passages:
        ka = _steps_back(text_a, ta, a0, max_gap)
        kb = _steps_back(text_b, tb, b0, max_gap)
        if _take(used_a, a0 - (ka or 0), a0, used_b, b0 - (kb or 0), b0, ka, kb):
            a0, b0 = a0 - ka, b0 - kb
        ka = _steps_forward(text_a, ta, a1, max_gap)
        kb = _steps_forward(text_b, tb, b1, max_gap)
        if _take(used_a, a1, a1 + (ka or 0), used_b, b1, b1 + (kb or 0), ka, kb):
            a1, b1 = a1 + ka, b1 + kb
        out.append((a0, a1, b0, b1, matched))
    return out


def _take(
    used_a: np.ndarray,
    a_lo: int,
    a_hi: int,
    used_b: np.ndarray,
    b_lo: int,
    b_hi: int,
    ka: int | None,
    kb: int | None,
) -> bool:
    """Mark ``[a_lo, a_hi)`` and ``[b_lo, b_hi)`` used if both edges were found and are free."""
    if ka is None or kb is None or ka + kb == 0:
        return False
    if used_a[a_lo:a_hi].any() or used_b[b_lo:b_hi].any():
        return False
    used_a[a_lo:a_hi] = True
    used_b[b_lo:b_hi] = True
    return True
