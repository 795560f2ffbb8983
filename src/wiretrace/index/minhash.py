"""MinHash signatures from uint64 shingle hashes, with a compiled permute-min kernel.

The maths. For a random permutation ``h`` of the shingle universe and two sets A and B,

    P[ min h(A) = min h(B) ] = |A ∩ B| / |A ∪ B| = J(A, B)        (Broder, 1997)

because the smallest element of A ∪ B under ``h`` is equally likely to be any of its
``|A ∪ B|`` elements, and both minima agree exactly when it lies in A ∩ B. A signature keeps
the minima under ``num_perm`` independent hash functions; the fraction of equal positions is
an unbiased estimate of J with standard deviation ``sqrt(J (1 - J) / num_perm)``.

The "permutations" are multiply-shift hashes ``h_i(x) = (a_i * x + b_i) mod 2^64 >> 32``
(``a_i`` odd, ``a_i, b_i`` random): a 2-independent family, applied to shingle hashes that
are already avalanche-mixed. One pass of the kernel reads each shingle once and updates all
``num_perm`` minima (a tight loop numba vectorises), instead of building Python strings
and hashing them one by one.

Usage, one set:

    >>> from wiretrace.index.shingles import shingles
    >>> from wiretrace.index.tokens import tokenize
    >>> perms = Permutations(num_perm=64, seed=1)
    >>> a = minhash(shingles(tokenize("the wire story as sent by the agency today").ids), perms)
    >>> b = minhash(shingles(tokenize("the wire story as sent by the agency today").ids), perms)
    >>> jaccard(a, b)
    1.0

and many chunks of many texts at once: ``minhash_chunks``, the reference definition of what the
index computes fused with the other stages in sketch_kernel.py (which takes the same minima
as column minima over shared per-shingle hash values: identical signatures).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit

EMPTY = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True)
class Permutations:
    """The ``num_perm`` hash functions ``(a_i, b_i)``; same seed, same signatures (persisted)."""

    num_perm: int = 32
    seed: int = 1
    a: np.ndarray = field(init=False, repr=False)
    b: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        hi = np.iinfo(np.uint64).max
        a = rng.integers(1, hi, size=self.num_perm, dtype=np.uint64, endpoint=True)
        b = rng.integers(0, hi, size=self.num_perm, dtype=np.uint64, endpoint=True)
        object.__setattr__(self, "a", a | np.uint64(1))
        object.__setattr__(self, "b", b)


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
