"""The index stage one stage at a time over a whole batch: what the fused pass computes.

``wiretrace.index._kernels.sketch_block`` does all of this text by text in one pass; these
stage-by-stage kernels are its definition (tests/test_index_kernels.py holds the fused
pass to them) and the "what the index computes" side of minhash_bench.py. Not shipped in
the package: nothing in wiretrace runs them.

Shingles: ``k`` consecutive word ids hashed (``_shingle_into``; a text shorter than ``k``
words gets one shingle of all its words). Windows: shingle ``s`` is an *anchor* when
``mix(s ^ salt) mod spacing == 0``, and each anchor (and the first shingle, and any shingle
``width`` past the previous anchor) opens a window of the next ``width`` shingles
(``chunk_batch``). MinHash: for a random permutation ``h`` of the shingles,
``P[min h(A) = min h(B)] = J(A, B)`` (Broder, 1997); the permutations are multiply-shift
hashes ``h_i(x) = (a_i x + b_i) mod 2^64 >> 32`` (``minhash_chunks``). Banding: each band of
``rows`` minima is hashed to one uint64 bucket key (``band_keys``), packed with its text
index (``pack``).

    >>> sh = np.arange(1000, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    >>> starts, ends, doc = chunk_batch(sh, np.array([0, 1000]), 12, 24)
    >>> int(starts[0]), int(ends.max()), bool(np.all(ends - starts <= 24))
    (0, 1000, True)
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.index import REPS, STAR_ABOVE, pairs_from_packed
from wiretrace.index._kernels import ANCHOR_SALT, GOLDEN, SHINGLE_P, mix64
from wiretrace.index.sketch import Permutations, doc_bits, pack, sort_inplace

K = 5


@njit(cache=True, nogil=True)
def _shingle_into(ids, k, out):  # pragma: no cover - compiled
    n = ids.shape[0]
    if n == 0:
        return 0
    kk = min(k, n)
    m = n - kk + 1
    for i in range(m):
        h = np.uint64(kk)
        for j in range(kk):
            h = h * SHINGLE_P + np.uint64(ids[i + j]) + np.uint64(1)
        out[i] = mix64(h)
    return m


def shingles(ids: np.ndarray, k: int = K) -> np.ndarray:
    """uint64 hashes of the word k-grams of one text's ``ids`` (``len(ids) - k + 1`` of them)."""
    out = np.empty(max(len(ids) - k + 1, 1), dtype=np.uint64)
    n = _shingle_into(np.ascontiguousarray(ids, dtype=np.uint32), k, out)
    return out[:n]


@njit(cache=True, nogil=True)
def shingle_batch(ids, offsets, k):  # pragma: no cover - compiled
    """Shingles of many texts at once.

    ``ids`` is the concatenation of every text's word ids, text ``d`` owning
    ``ids[offsets[d]:offsets[d+1]]``; returns ``(hashes, hash_offsets)`` laid out the same way.
    """
    ndoc = offsets.shape[0] - 1
    out_off = np.zeros(ndoc + 1, dtype=np.int64)
    for d in range(ndoc):
        n = offsets[d + 1] - offsets[d]
        out_off[d + 1] = out_off[d] + (0 if n == 0 else n - min(k, n) + 1)
    out = np.empty(out_off[ndoc], dtype=np.uint64)
    for d in range(ndoc):
        _shingle_into(ids[offsets[d] : offsets[d + 1]], k, out[out_off[d] : out_off[d + 1]])
    return out, out_off


@njit(cache=True, nogil=True)
def unique_sorted_segments(values, offsets):  # pragma: no cover - compiled
    """Sort each segment of ``values`` and drop duplicates: per-text shingle *sets*,
    ``(sets, set_offsets)``; ``values`` is left untouched."""
    ndoc = offsets.shape[0] - 1
    out = np.empty_like(values)
    out_off = np.zeros(ndoc + 1, dtype=np.int64)
    w = 0
    for d in range(ndoc):
        seg = np.sort(values[offsets[d] : offsets[d + 1]])
        for i in range(seg.shape[0]):
            if i == 0 or seg[i] != seg[i - 1]:
                out[w] = seg[i]
                w += 1
        out_off[d + 1] = w
    return out[:w].copy(), out_off


@njit(cache=True, nogil=True)
def chunk_batch(shingles, offsets, spacing, width):  # pragma: no cover - compiled
    """Windows of every text: returns ``(starts, ends, doc)`` (int64, int64, int32 arrays).

    Window ``c`` is ``shingles[starts[c]:ends[c]]`` of text ``doc[c]``; a non-empty text
    yields at least one window.
    """
    ndoc = offsets.shape[0] - 1
    total = offsets[ndoc] - offsets[0]
    cap = total
    starts = np.empty(cap, dtype=np.int64)
    ends = np.empty(cap, dtype=np.int64)
    doc_of = np.empty(cap, dtype=np.int32)
    div = np.uint64(spacing)
    c = 0
    for d in range(ndoc):
        lo = offsets[d]
        hi = offsets[d + 1]
        last = lo - width
        for i in range(lo, hi):
            anchor = i == lo or i - last >= width
            if not anchor:
                anchor = (mix64(shingles[i] ^ np.uint64(ANCHOR_SALT)) % div) == 0
            if anchor:
                starts[c] = i
                ends[c] = min(i + width, hi)
                doc_of[c] = d
                c += 1
                last = i
                if i + width >= hi:  # this window reaches the end: later ones add nothing new
                    break
    return starts[:c].copy(), ends[:c].copy(), doc_of[:c].copy()


@njit(cache=True, nogil=True)
def minhash_chunks(shingles, starts, ends, a, b):  # pragma: no cover - compiled
    """Signatures of chunks: row ``c`` is the MinHash of ``shingles[starts[c]:ends[c]]``.

    Returns a ``(n_chunks, num_perm)`` uint32 array; an empty chunk gets all ``0xFFFFFFFF``.
    The minima are kept in the uint32 output row itself and updated branch-free, which lets
    the inner loop over the hash functions vectorise; four shingles go through each pass
    over the row (one load and store of the row per four shingles, the same minima).
    """
    n = starts.shape[0]
    p = a.shape[0]
    out = np.full((n, p), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    shift = np.uint64(32)
    for c in range(n):
        row = out[c]
        i, end = starts[c], ends[c]
        while i + 4 <= end:
            x0, x1, x2, x3 = shingles[i], shingles[i + 1], shingles[i + 2], shingles[i + 3]
            for j in range(p):
                aj, bj = a[j], b[j]
                m01 = min(np.uint32((aj * x0 + bj) >> shift), np.uint32((aj * x1 + bj) >> shift))
                m23 = min(np.uint32((aj * x2 + bj) >> shift), np.uint32((aj * x3 + bj) >> shift))
                row[j] = min(row[j], min(m01, m23))
            i += 4
        while i < end:
            x = shingles[i]
            for j in range(p):
                row[j] = min(row[j], np.uint32((a[j] * x + b[j]) >> shift))
            i += 1
    return out


def minhash(shingles: np.ndarray, perms: Permutations) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32) of one set of shingle hashes."""
    sh = np.ascontiguousarray(shingles, dtype=np.uint64)
    lo, hi = np.zeros(1, np.int64), np.full(1, len(sh), np.int64)
    return minhash_chunks(sh, lo, hi, perms.a, perms.b)[0]


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two sets behind two signatures."""
    return float(np.mean(sig_a == sig_b))


@njit(cache=True, nogil=True)
def band_keys(signatures, bands, rows):  # pragma: no cover - compiled
    """``(n, bands * rows)`` uint32 signatures -> ``(n, bands)`` uint64 bucket keys (the
    definition of a key, persisted by archives)."""
    n = signatures.shape[0]
    out = np.empty((n, bands), dtype=np.uint64)
    for c in range(n):
        for band in range(bands):
            h = mix64(np.uint64(band + 1) * np.uint64(GOLDEN))
            for r in range(rows):
                h = mix64(h ^ np.uint64(signatures[c, band * rows + r]))
            out[c, band] = h
    return out


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
