"""Locality-sensitive hashing: turning chunk signatures into candidate pairs.

Banding. A signature of ``bands * rows`` minima is cut into ``bands`` bands of ``rows``
values; each band is hashed to one uint64 bucket key (the band index is mixed in, so equal
values in different bands never meet). Two chunks with Jaccard J share a given band with
probability ``J^rows`` and at least one band with

    P(candidate | J) = 1 - (1 - J^rows)^bands          (the S-curve)

whose steepest point is near ``t = (1/bands)^(1/rows)``. With the defaults (8 bands of 4
rows, t ≈ 0.59): J = 1.0 -> 1, J = 0.8 (a word swap in a chunk) -> 0.985, J = 0.6 -> 0.67,
J = 0.3 -> 0.063, J = 0.1 -> 0.0008. A reprinted passage spans several chunks, each a fresh
chance, so a half-story reprint is missed only if every one of its chunks fails; pairs of
unrelated texts collide rarely, and every candidate is verified exactly afterwards anyway.

Grouping. Bucket keys of all chunks are sorted once; every run of equal keys is a bucket and
every pair of distinct texts in it a candidate, counted over all the buckets it shares (no
Python dict per key: sorting 10^7 keys takes about a second). Buckets holding more than
``max_bucket`` texts are boilerplate (a newsletter footer, a standard disclaimer) and are
skipped: they would cost ``max_bucket^2 / 2`` pairs each and say nothing about reuse.

    >>> keys = np.array([7, 7, 9, 9, 9], dtype=np.uint64)
    >>> docs = np.array([0, 1, 0, 1, 2], dtype=np.int64)
    >>> i, j, shared = candidate_pairs(keys, docs, max_bucket=10)
    >>> list(zip(i.tolist(), j.tolist(), shared.tolist()))
    [(0, 1, 2), (0, 2, 1), (1, 2, 1)]
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.index.shingles import mix64


@njit(cache=True, nogil=True)
def band_keys(signatures, bands, rows):  # pragma: no cover - compiled
    """``(n, bands * rows)`` uint32 signatures -> ``(n, bands)`` uint64 bucket keys."""
    n = signatures.shape[0]
    out = np.empty((n, bands), dtype=np.uint64)
    for c in range(n):
        for band in range(bands):
            h = mix64(np.uint64(band + 1) * np.uint64(0x9E3779B97F4A7C15))
            for r in range(rows):
                h = mix64(h ^ np.uint64(signatures[c, band * rows + r]))
            out[c, band] = h
    return out


def unique_key_docs(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``(key, doc)`` rows sorted by key then doc (a text counts once per bucket)."""
    order = np.lexsort((docs, keys))
    k, d = keys[order], docs[order]
    keep = np.ones(len(k), dtype=bool)
    keep[1:] = (k[1:] != k[:-1]) | (d[1:] != d[:-1])
    return k[keep], d[keep]


@njit(cache=True, nogil=True)
def _emit_pairs(starts, sizes, docs):  # pragma: no cover - compiled
    total = 0
    for g in range(starts.shape[0]):
        total += sizes[g] * (sizes[g] - 1) // 2
    out = np.empty(total, dtype=np.uint64)
    w = 0
    for g in range(starts.shape[0]):
        s = starts[g]
        for x in range(s, s + sizes[g]):
            for y in range(x + 1, s + sizes[g]):
                out[w] = (np.uint64(docs[x]) << np.uint64(32)) | np.uint64(docs[y])
                w += 1
    return out


def buckets(keys: np.ndarray, max_bucket: int) -> tuple[np.ndarray, np.ndarray]:
    """Starts and sizes of the runs of equal ``keys`` (sorted) with 2..max_bucket members."""
    if len(keys) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sizes = np.diff(np.append(starts, len(keys)))
    keep = (sizes >= 2) & (sizes <= max_bucket)
    return starts[keep], sizes[keep]


def candidate_pairs(
    keys: np.ndarray, docs: np.ndarray, max_bucket: int = 200
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``i < j`` of texts sharing a bucket, with the number of buckets they share."""
    k, d = unique_key_docs(np.asarray(keys, np.uint64), np.asarray(docs, np.int64))
    starts, sizes = buckets(k, max_bucket)
    codes = _emit_pairs(starts, sizes, d)
    codes, counts = np.unique(codes, return_counts=True)
    i = (codes >> np.uint64(32)).astype(np.int64)
    j = (codes & np.uint64(0xFFFFFFFF)).astype(np.int64)
    return i, j, counts.astype(np.int64)
