"""Locality-sensitive hashing: turning chunk signatures into candidate pairs.

Banding. A signature of ``bands * rows`` minima is cut into ``bands`` bands of ``rows``
values; each band is hashed to one uint64 bucket key (the band index is mixed in, so equal
values in different bands never meet). Two chunks with Jaccard J share a given band with
probability ``J^rows`` and at least one band with

    P(candidate | J) = 1 - (1 - J^rows)^bands          (the S-curve)

whose steepest point is near ``t = (1/bands)^(1/rows)``. With the defaults (6 bands of 3
rows, t ≈ 0.55): J = 1.0 -> 1, J = 0.8 -> 0.987, J = 0.6 -> 0.77, J = 0.5 (a word swap in
a 16-shingle window) -> 0.55, J = 0.3 -> 0.15, J = 0.1 -> 0.006. A reprinted passage spans
several windows, each a fresh chance (a 50-word paragraph holds ~4), so a reprint is missed
only if every one of its windows fails; unrelated texts share no window (J ≈ 0) and rarely
collide, and every candidate is verified exactly afterwards anyway. On the synthetic corpus
of benchmarks/ raw candidates exceed true pairs by ~10%.

Grouping. Bucket memberships of all chunks, packed as one uint64 each (key prefix + text
index), are sorted once; every run of equal keys is a bucket and every pair of distinct texts
in it a candidate (no Python dict per key: sorting 10^7 entries takes about a second). Buckets holding more than
``max_bucket`` texts are boilerplate (a newsletter footer, a standard disclaimer) and are
skipped: they would cost ``max_bucket^2 / 2`` pairs each and say nothing about reuse.

    >>> keys = np.array([7, 7, 9, 9, 9], dtype=np.uint64) << np.uint64(40)  # hashes, really
    >>> docs = np.array([0, 1, 0, 1, 2], dtype=np.int64)
    >>> i, j = candidate_pairs(keys, docs, max_bucket=10)
    >>> list(zip(i.tolist(), j.tolist()))
    [(0, 1), (0, 2), (1, 2)]
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
    """Distinct ``(key, doc)`` rows sorted by key then doc (a text counts once per bucket).

    When ``docs`` is non-decreasing (as sketching produces it) a stable radix argsort of the
    keys alone keeps each bucket's docs in order, 10x faster than a two-key lexsort.
    """
    if len(docs) < 2 or bool(np.all(docs[1:] >= docs[:-1])):
        order = np.argsort(keys, kind="stable")
    else:
        order = np.lexsort((docs, keys))
    k, d = keys[order], docs[order]
    keep = np.ones(len(k), dtype=bool)
    keep[1:] = (k[1:] != k[:-1]) | (d[1:] != d[:-1])
    return k[keep], d[keep]


def doc_bits(ndocs: int) -> int:
    """Bits needed for a text index in a packed entry."""
    return max(1, (max(ndocs, 1) - 1).bit_length())


def pack(keys: np.ndarray, docs: np.ndarray, bits: int) -> np.ndarray:
    """One uint64 per membership: the key's top ``64 - bits`` bits, then the text index.

    Why: sorting one uint64 array in place takes a third of the memory of sorting keys and
    texts together (64M memberships at 200k articles). Dropping the key's low bits merges
    unrelated buckets with probability ~ n / 2^(64 - bits) per key (~1e-6 at 200k texts),
    which only adds a few candidates that verification then rejects.
    """
    high = np.uint64(((1 << 64) - 1) ^ ((1 << bits) - 1))
    return (keys & high) | docs.astype(np.uint64)


@njit(cache=True, nogil=True)
def _bucket_runs(packed, bits, max_bucket):  # pragma: no cover - compiled
    """Starts and sizes of runs of equal keys (packed, sorted, unique) of 2..max_bucket texts."""
    n = packed.shape[0]
    starts = np.empty(n // 2 + 1, dtype=np.int64)
    sizes = np.empty(n // 2 + 1, dtype=np.int64)
    g = 0
    shift = np.uint64(bits)
    i = 0
    while i < n:
        key = packed[i] >> shift
        j = i + 1
        while j < n and (packed[j] >> shift) == key:
            j += 1
        if 2 <= j - i <= max_bucket:
            starts[g] = i
            sizes[g] = j - i
            g += 1
        i = j
    return starts[:g], sizes[:g]


@njit(cache=True, nogil=True)
def _emit_pairs(starts, sizes, packed, bits):  # pragma: no cover - compiled
    total = 0
    for g in range(starts.shape[0]):
        total += sizes[g] * (sizes[g] - 1) // 2
    out = np.empty(total, dtype=np.uint64)
    mask = np.uint64((1 << bits) - 1)
    w = 0
    for g in range(starts.shape[0]):
        s = starts[g]
        for x in range(s, s + sizes[g]):
            dx = packed[x] & mask
            for y in range(x + 1, s + sizes[g]):
                out[w] = (dx << np.uint64(32)) | (packed[y] & mask)
                w += 1
    return out


def pairs_from_packed(
    packed: np.ndarray, bits: int, max_bucket: int = 200, slice_pairs: int = 1 << 23
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs ``i < j`` of texts sharing a bucket; ``packed`` sorted and unique.

    Pairs are emitted a slice of buckets at a time and deduplicated per slice, so a pair met
    in hundreds of buckets (a full reprint) does not cost hundreds of entries at once.
    """
    starts, sizes = _bucket_runs(packed, bits, max_bucket)
    cost = np.cumsum(sizes * (sizes - 1) // 2)
    found = []
    lo = 0
    while lo < len(starts):
        base = cost[lo - 1] if lo else 0
        hi = max(int(np.searchsorted(cost, base + slice_pairs, side="right")), lo + 1)
        found.append(np.unique(_emit_pairs(starts[lo:hi], sizes[lo:hi], packed, bits)))
        lo = hi
    codes = np.unique(np.concatenate(found)) if found else np.empty(0, np.uint64)
    return (codes >> np.uint64(32)).astype(np.int64), (codes & np.uint64(0xFFFFFFFF)).astype(
        np.int64
    )


def candidate_pairs(
    keys: np.ndarray, docs: np.ndarray, max_bucket: int = 200
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs ``i < j`` of texts sharing at least one bucket key."""
    docs = np.asarray(docs, np.int64)
    bits = doc_bits(int(docs.max()) + 1 if len(docs) else 1)
    packed = np.unique(pack(np.asarray(keys, np.uint64), docs, bits))
    return pairs_from_packed(packed, bits, max_bucket)
