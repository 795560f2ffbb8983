"""The compiled same-event linker (see :mod:`.same_event` for the rule).

Why compiled: the numpy version (``tests/reference/same_event.py``) materialises every article
pair of every rare feature (~1M on 20k articles) and sorts them to sum per pair. Here the
rows are grouped by feature id (bucketed by a hash of the id, so no global sort), and each
article ``x`` walks the later members of its features' groups, summing into dense
per-article accumulators (a sparse accumulator): no pair list, and the links come out
ordered by ``x`` as they are decided (each ``x``'s few links are then sorted by ``y``).
The body rule's idf weights come from the group sizes (each feature's df) found here, its
norms from one pass over the rows.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads ids, small ones too
_SMALL_BUCKET = 32


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
def links(row_off, fid, kind, key, days, weight, entity, limits, use_window, window):
    """Pairs ``(x, y, points)``, ``x < y`` (``x == y`` only for an id repeated in one
    article), passing the rule, ordered by ``(x, y)``.

    ``limits`` = (max_df, min_entities, min_key, strong_entities, min_overlap, min_cosine);
    ``window`` is ``window_days``, applied when ``use_window``.
    """
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
