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
in it a candidate (no Python dict per key: radix.py sorts 10^7 entries in place in 0.1 to
0.3 s), kept once in a hash set however many buckets it shares (``bucket_pairs``). Buckets
holding more than ``max_bucket`` texts are boilerplate (a newsletter footer, a standard
disclaimer) and are skipped: they would cost ``max_bucket^2 / 2`` pairs each and say nothing
about reuse.

    >>> keys = np.array([7, 7, 9, 9, 9], dtype=np.uint64) << np.uint64(40)  # hashes, really
    >>> docs = np.array([0, 1, 0, 1, 2], dtype=np.int64)
    >>> i, j = candidate_pairs(keys, docs, max_bucket=10)
    >>> list(zip(i.tolist(), j.tolist()))
    [(0, 1), (0, 2), (1, 2)]
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.index.radix import sort_inplace
from wiretrace.index.shingles import mix64


@njit(cache=True, nogil=True)
def band_keys(signatures, bands, rows):  # pragma: no cover - compiled
    """``(n, bands * rows)`` uint32 signatures -> ``(n, bands)`` uint64 bucket keys.

    The definition of a key (persisted by archives): the index computes the same values
    inside sketch_kernel.py."""
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


@njit(cache=True, nogil=True, inline="always")
def _insert(table, code):  # pragma: no cover - compiled
    """Add ``code`` (never 0) to the open-addressing set ``table``; True if it was new."""
    mask = np.uint64(table.shape[0] - 1)
    slot = mix64(code) & mask
    while True:
        v = table[slot]
        if v == code:
            return False
        if v == 0:
            table[slot] = code
            return True
        slot = (slot + np.uint64(1)) & mask


@njit(cache=True, nogil=True)
def _fill(packed, bits, max_bucket, table, filled, i, docs):  # pragma: no cover - compiled
    """Insert the pairs of the buckets from entry ``i`` on into ``table``; stops before a
    bucket that could push the load past 1/2. Returns ``(filled, where it stopped)``."""
    n = packed.shape[0]
    shift = np.uint64(bits)
    mask = np.uint64((1 << bits) - 1)
    limit = table.shape[0] // 2
    while i < n:
        key = packed[i] >> shift
        size = 0
        prev = packed[i] ^ np.uint64(1)  # differs from packed[i]
        j = i
        while j < n and (packed[j] >> shift) == key:
            if packed[j] != prev:
                if size < max_bucket:
                    docs[size] = packed[j] & mask
                size += 1
                prev = packed[j]
            j += 1
        if 2 <= size <= max_bucket:
            if filled + size * (size - 1) // 2 > limit:
                return filled, i
            for x in range(size):
                for y in range(x + 1, size):
                    filled += _insert(table, (docs[x] << np.uint64(32)) | docs[y])
        i = j
    return filled, n


@njit(cache=True, nogil=True)
def bucket_pairs(packed, bits, max_bucket):  # pragma: no cover - compiled
    """Distinct codes ``i << 32 | j`` (``i < j``) of texts sharing a bucket, sorted.

    ``packed`` is sorted (lsh.pack); a repeated entry (a text in a bucket twice) counts
    once. Each pair met in a bucket goes into a hash set rather than a list to sort and
    deduplicate afterwards: a full reprint meets its original in hundreds of buckets, and
    the set of distinct pairs is small enough to stay in cache. The set doubles when full.
    """
    docs = np.empty(max_bucket, dtype=np.uint64)
    table = np.zeros(1 << 16, dtype=np.uint64)
    filled, i = _fill(packed, bits, max_bucket, table, 0, 0, docs)
    while i < packed.shape[0]:
        grown = np.zeros(2 * table.shape[0], dtype=np.uint64)
        for v in table:
            if v != 0:
                _insert(grown, v)
        table = grown
        filled, i = _fill(packed, bits, max_bucket, table, filled, i, docs)
    out = np.empty(filled, dtype=np.uint64)
    w = 0
    for v in table:
        if v != 0:
            out[w] = v
            w += 1
    out.sort()
    return out


def pairs_from_packed(
    packed: np.ndarray, bits: int, max_bucket: int = 200
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs ``i < j`` of texts sharing a bucket, sorted; ``packed`` sorted."""
    codes = bucket_pairs(packed, bits, max_bucket)
    return (codes >> np.uint64(32)).astype(np.int64), (codes & np.uint64(0xFFFFFFFF)).astype(
        np.int64
    )


def candidate_pairs(
    keys: np.ndarray, docs: np.ndarray, max_bucket: int = 200
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs ``i < j`` of texts sharing at least one bucket key."""
    docs = np.asarray(docs, np.int64)
    bits = doc_bits(int(docs.max()) + 1 if len(docs) else 1)
    packed = pack(np.asarray(keys, np.uint64), docs, bits)
    sort_inplace(packed)
    return pairs_from_packed(packed, bits, max_bucket)
