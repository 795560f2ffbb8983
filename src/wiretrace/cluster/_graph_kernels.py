"""The compiled passes over the article graph of the cluster stage: the same-event linker and
the connected components (and spanning edges) of the pairs, each with every helper it calls.

Why a file of their own: numba caches a compiled function per source file and checks only
that file; these passes share no helper with the feature pass (``_kernels.py``), so each file
holds all that its passes inline. :func:`event_pairs` (:mod:`.stories` has the rule),
:func:`component_labels` and :func:`spanning_edges` are the entry points (cached).

**The same-event linker** (:func:`event_pairs`). Why compiled: the numpy version
(``tests/reference/same_event.py``) materialises every article pair of every rare feature (~1M on 20k articles) and sorts them to sum per pair. Here the
rows are grouped by feature id (bucketed by a hash of the id, so no global sort), and each
article ``x`` walks the later members of its features' groups, summing into dense
per-article accumulators (a sparse accumulator): no pair list, and the links come out
ordered by ``x`` as they are decided (each ``x``'s few links are then sorted by ``y``).
The body rule's idf weights come from the group sizes (each feature's df) found here, its
norms from one pass over the rows.

**Connected components** (:func:`component_labels`, :func:`spanning_edges`): reuse families
are the connected components of the reuse graph, stories those of the graph with same-event
links added; a union-find over ``0..n-1`` (path halving) yields them in O(n α(n)). The
labels equal ``stories.UnionFind.labels`` (its readable form, tested).

    >>> component_labels(4, np.array([0, 3]), np.array([2, 2])).tolist()
    [0, 1, 0, 0]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads ids, small ones too
_SMALL_BUCKET = 32  # the linker's id groups this small are insertion-sorted


class EventRows(NamedTuple):
    """The linker's input: article ``a``'s distinct features are rows
    ``row_off[a]:row_off[a + 1]`` of ``fid`` (id), ``kind`` and ``key`` (the key flag);
    ``days[a]`` is its date's day number (negative: unknown)."""

    row_off: np.ndarray
    fid: np.ndarray
    kind: np.ndarray
    key: np.ndarray
    days: np.ndarray


class Scoring(NamedTuple):
    """The linker's rule: points ``weight[kind]`` per shared feature, ``entity[kind]`` for a
    feature that counts as an entity; ``limits`` = (max_df, min_entities, min_key,
    strong_entities, min_overlap, min_cosine); ``window`` (days) applied when
    ``use_window``."""

    weight: np.ndarray
    entity: np.ndarray
    limits: tuple
    use_window: bool
    window: int


@njit(cache=True, nogil=True)
def _group(fid):
    """Row order with equal ids adjacent and, within an id, rows ascending (as a stable
    sort would give, without ordering the ids themselves)."""
    n_rows = len(fid)
    bits = 1
    while (1 << bits) < n_rows // 2 and bits < 22:  # ~2 rows a bucket, at most 4M buckets
        bits += 1
    shift = np.uint64(64 - bits)
    bucket = np.empty(n_rows, dtype=np.int64)
    start = np.zeros((1 << bits) + 1, dtype=np.int64)
    for r in range(n_rows):
        bucket[r] = np.int64((np.uint64(fid[r]) * _GOLDEN) >> shift)
        start[bucket[r] + 1] += 1
    for b in range(1 << bits):
        start[b + 1] += start[b]
    order = np.empty(n_rows, dtype=np.int64)
    fill = start[:-1].copy()
    for r in range(n_rows):  # a stable counting sort by bucket
        order[fill[bucket[r]]] = r
        fill[bucket[r]] += 1
    for b in range(1 << bits):
        lo, hi = start[b], start[b + 1]
        if hi - lo > _SMALL_BUCKET:  # a crowded bucket: stable sort by id
            part = order[lo:hi].copy()
            order[lo:hi] = part[np.argsort(fid[part], kind="mergesort")]
            continue
        for q in range(lo + 1, hi):  # insertion sort by id, stable
            r = order[q]
            p = q - 1
            while p >= lo and fid[order[p]] > fid[r]:
                order[p + 1] = order[p]
                p -= 1
            order[p + 1] = r
    return order


@njit(cache=True, nogil=True, inline="always")
def _grown(values):
    out = np.empty(2 * len(values), dtype=values.dtype)
    out[: len(values)] = values
    return out


@njit(cache=True, nogil=True)
def event_pairs(rows, scoring):
    """Pairs ``(x, y, points)``, ``x < y`` (``x == y`` only for an id repeated in one
    article), passing the rule, ordered by ``(x, y)``; ``rows`` an ``EventRows``, ``scoring``
    a ``Scoring``.
    """
    row_off, fid, kind, key, days = rows
    weight, entity, limits, use_window, window = scoring
    max_df, min_entities, min_key, strong_entities, min_overlap, min_cosine = limits
    n = len(row_off) - 1
    n_rows = len(fid)
    art = np.empty(n_rows, dtype=np.int64)
    for a in range(n):
        art[row_off[a] : row_off[a + 1]] = a
    order = _group(fid)
    at = np.empty(n_rows, dtype=np.int64)  # position of each row in ``order``
    end = np.empty(n_rows, dtype=np.int64)  # end of its group there
    size = np.empty(n_rows, dtype=np.int64)  # its group's size: the feature's df
    g = 0
    while g < n_rows:
        e = g + 1
        while e < n_rows and fid[order[e]] == fid[order[g]]:
            e += 1
        for q in range(g, e):
            at[order[q]], end[order[q]], size[order[q]] = q, e, e - g
        g = e
    totals = np.zeros(n, dtype=np.float64)
    norms = np.zeros(n, dtype=np.float64)  # squared norms of the idf-weighted vectors
    idf2 = np.zeros(n_rows, dtype=np.float64)
    for r in range(n_rows):
        if size[r] <= max_df:
            totals[art[r]] += weight[kind[r]]
            idf2[r] = np.log1p(max(max_df, 0) / size[r]) ** 2
            norms[art[r]] += idf2[r]
    art_at, key_at = art[order], key[order]  # walked in group order: read sequentially
    sums = np.zeros((n, 5))  # per other article: points, entity points, anchors, keyed, dot
    seen_by = np.full(n, -1, dtype=np.int64)
    touched = np.empty(n, dtype=np.int64)
    out_x, out_y = np.empty(1024, dtype=np.int64), np.empty(1024, dtype=np.int64)
    out_points = np.empty(1024, dtype=np.float64)
    n_out = 0
    for x in range(n):
        n_touched = 0
        for r in range(row_off[x], row_off[x + 1]):
            if size[r] < 2 or size[r] > max_df:
                continue
            w, is_entity, keyed, w2 = weight[kind[r]], entity[kind[r]], key[r], idf2[r]
            for q in range(at[r] + 1, end[r]):
                y = art_at[q]
                if seen_by[y] != x:
                    seen_by[y] = x
                    touched[n_touched] = y
                    n_touched += 1
                    sums[y, :] = 0.0
                sums[y, 0] += w
                sums[y, 4] += w2
                if is_entity:
                    sums[y, 1] += w
                    if keyed and key_at[q]:
                        sums[y, 3] += 1.0
                else:
                    sums[y, 2] += 1.0
        first_out = n_out
        for y in touched[:n_touched]:
            points, ent, anchors, keyed = sums[y, 0], sums[y, 1], sums[y, 2], sums[y, 3]
            headline = ent >= min_entities and keyed >= min_key
            headline = headline and (anchors >= 1.0 or ent >= strong_entities)
            headline = headline and points >= min_overlap * max(min(totals[x], totals[y]), 1e-9)
            body = ent >= strong_entities and sums[y, 4] >= min_cosine * np.sqrt(norms[x] * norms[y])
            ok = headline or body
            if ok and use_window and days[x] >= 0 and days[y] >= 0:
                ok = abs(days[x] - days[y]) <= window
            if not ok:
                continue
            if n_out == len(out_x):
                out_x, out_y = _grown(out_x), _grown(out_y)
                out_points = _grown(out_points)
            out_x[n_out], out_y[n_out], out_points[n_out] = x, y, points
            n_out += 1
        for q in range(first_out + 1, n_out):  # the few links of x, by y (insertion sort)
            y, points = out_y[q], out_points[q]
            p = q - 1
            while p >= first_out and out_y[p] > y:
                out_y[p + 1], out_points[p + 1] = out_y[p], out_points[p]
                p -= 1
            out_y[p + 1], out_points[p + 1] = y, points
    return out_x[:n_out], out_y[:n_out], out_points[:n_out]


# --- connected components (union-find) -------------------------------------------------------


@njit(cache=True, nogil=True)
def _root(parent: np.ndarray, x: int) -> int:
    """The root of ``x`` in the forest ``parent``, halving the path on the way."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


@njit(cache=True, nogil=True)
def component_labels(n: int, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """For each of ``0..n-1``, the smallest element of its component under edges ``(xs, ys)``.

    The same labels as ``UnionFind.labels`` after ``union(xs[k], ys[k])`` for every k, in
    one compiled loop: the root of a set is kept its smallest element (the larger root is
    hooked under the smaller), with path halving.
    """
    parent = np.arange(n)
    for k in range(len(xs)):
        rx, ry = _root(parent, xs[k]), _root(parent, ys[k])
        if rx < ry:
            parent[ry] = rx
        elif ry < rx:
            parent[rx] = ry
    for x in range(n):  # parents are smaller than their children: one pass finds roots
        parent[x] = parent[parent[x]]
    return parent


@njit(cache=True, nogil=True)
def spanning_edges(n: int, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Indices of the edges ``(xs[k], ys[k])`` that join two components not yet joined,
    taken in the given order (Kruskal's rule: given by decreasing weight, a maximum spanning
    forest).

        >>> spanning_edges(4, np.array([0, 1, 0, 2]), np.array([1, 0, 2, 3])).tolist()
        [0, 2, 3]
    """
    parent = np.arange(n)
    out = np.empty(len(xs), dtype=np.int64)
    w = 0
    for k in range(len(xs)):
        rx, ry = _root(parent, xs[k]), _root(parent, ys[k])
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
            out[w] = k
            w += 1
    return out[:w]
