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
index), are sorted once; every run of equal keys is a bucket (no Python dict per key:
radix.py sorts 10^7 entries in place in 0.1 to 0.3 s). Every pair met is kept once in a
hash set however many buckets it shares (``bucket_pairs``).

A bucket of up to ``star_above`` texts gives every pair of distinct texts in it. A bigger one
(one wire story carried by hundreds of sites: every copy of a paragraph lands in one bucket)
gives a star instead: each member is paired with the bucket's first ``reps`` members (the
lowest text indices), ``reps * size`` pairs rather than ``size^2 / 2``. Nothing is dropped:
every member shares the bucket's window with each representative, so a member that reuses
the story is verified against them and joins its family (the family is the connected
component of the verified pairs, which a star connects as well as a clique); and since the
members of a story's buckets are mostly the same texts, their first members are too, and the
distinct pairs over all the story's buckets stay about ``reps * copies`` (linear in the
outlets). Pairs between two non-representative members are left for the derivation links of
the cluster stage to do without. ``star_above=None`` gives every pair of every bucket
(``--all-pairs``; quadratic in a story's copies). Boilerplate is removed before indexing
(clean/boilerplate.py), not here.

    >>> keys = np.array([7, 7, 9, 9, 9], dtype=np.uint64) << np.uint64(40)  # hashes, really
    >>> docs = np.array([0, 1, 0, 1, 2], dtype=np.int64)
    >>> i, j = candidate_pairs(keys, docs)
    >>> list(zip(i.tolist(), j.tolist()))
    [(0, 1), (0, 2), (1, 2)]
    >>> i, j = candidate_pairs(np.zeros(5, np.uint64), np.arange(5), star_above=3, reps=2)
    >>> list(zip(i.tolist(), j.tolist()))
    [(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4)]
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
    keys alone keeps each bucket's docs in order, without a two-key lexsort.
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


STAR_ABOVE = 16  # buckets of more texts give a star of pairs, not every pair
REPS = 3  # representatives each member of a star bucket is paired with


@njit(cache=True, nogil=True)
def _fill(packed, bits, star_above, reps, table, filled, i, docs):  # pragma: no cover - compiled
    """Insert the pairs of the buckets from entry ``i`` on into ``table``; stops before a
    bucket that could push the load past 1/2. Returns ``(filled, where it stopped)``.

    ``docs`` holds at least ``star_above`` entries (a clique's members, a star's first)."""
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
                if size < docs.shape[0]:
                    docs[size] = packed[j] & mask
                size += 1
                prev = packed[j]
            j += 1
        if size >= 2:
            star = size > star_above
            need = size * reps if star else size * (size - 1) // 2
            if filled + need > limit:
                return filled, i
            if not star:
                for x in range(size):
                    for y in range(x + 1, size):
                        filled += _insert(table, (docs[x] << np.uint64(32)) | docs[y])
            else:  # each member against the first ``reps`` (docs ascend within a bucket)
                rank = 0
                prev = packed[i] ^ np.uint64(1)
                for e in range(i, j):
                    if packed[e] != prev:
                        d = packed[e] & mask
                        for r in range(min(rank, reps)):
                            filled += _insert(table, (docs[r] << np.uint64(32)) | d)
                        rank += 1
                        prev = packed[e]
        i = j
    return filled, n


@njit(cache=True, nogil=True)
def bucket_pairs(packed, bits, star_above, reps=REPS):  # pragma: no cover - compiled
    """Distinct codes ``i << 32 | j`` (``i < j``) of texts paired by a bucket, sorted.

    ``packed`` is sorted (lsh.pack); a repeated entry (a text in a bucket twice) counts
    once. Buckets of up to ``star_above`` texts give all their pairs, bigger ones a star
    (module docstring); ``star_above < 0`` means no star. Each pair met in a bucket goes
    into a hash set rather than a list to sort and deduplicate afterwards: a full reprint
    meets its original in hundreds of buckets, and the set of distinct pairs is small
    enough to stay in cache. The set doubles when full.
    """
    if star_above < 0:
        star_above = packed.shape[0]
    docs = np.empty(max(min(star_above, 1 << bits), reps, 1), dtype=np.uint64)
    table = np.zeros(1 << 16, dtype=np.uint64)
    filled, i = _fill(packed, bits, star_above, reps, table, 0, 0, docs)
    while i < packed.shape[0]:
        grown = np.zeros(2 * table.shape[0], dtype=np.uint64)
        for v in table:
            if v != 0:
                _insert(grown, v)
        table = grown
        filled, i = _fill(packed, bits, star_above, reps, table, filled, i, docs)
    out = np.empty(filled, dtype=np.uint64)
    w = 0
    for v in table:
        if v != 0:
            out[w] = v
            w += 1
    out.sort()
    return out


def pairs_from_packed(
    packed: np.ndarray, bits: int, star_above: int | None = STAR_ABOVE, reps: int = REPS
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs ``i < j`` of texts paired by a bucket, sorted; ``packed`` sorted.

    ``star_above=None``: every pair of every bucket."""
    codes = bucket_pairs(packed, bits, -1 if star_above is None else star_above, reps)
    return (codes >> np.uint64(32)).astype(np.int64), (codes & np.uint64(0xFFFFFFFF)).astype(
        np.int64
    )


def candidate_pairs(
    keys: np.ndarray, docs: np.ndarray, star_above: int | None = STAR_ABOVE, reps: int = REPS
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs ``i < j`` of texts sharing at least one bucket key (a star of them in
    a bucket of more than ``star_above`` texts)."""
    docs = np.asarray(docs, np.int64)
    bits = doc_bits(int(docs.max()) + 1 if len(docs) else 1)
    packed = pack(np.asarray(keys, np.uint64), docs, bits)
    sort_inplace(packed)
    return pairs_from_packed(packed, bits, star_above, reps)
