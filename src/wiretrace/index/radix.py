"""In-place sort of uint64 arrays, for the LSH memberships (``lsh.pack``).

Why not always ``ndarray.sort``: the memberships are the largest array of the index stage
(5M at 20k articles, 50M at 200k) and, on a CPU without AVX-512, numpy sorts them by
comparisons (introsort). Their high bits are hash values, spread evenly, which is the case
a most-significant-digit radix sort handles best: each pass splits a range into 256 by one
byte, in place (the "American flag" permutation of McIlroy, Bostic and McIlroy,
*Engineering Radix Sort*, 1993: no second buffer, so no extra memory to fault in), until
the ranges hold at most ``SMALL`` entries, which insertion sort finishes.
Skewed input (many equal keys, a narrow range) costs at most one pass per byte of the key,
never a quadratic case. Where the CPU has AVX-512, numpy (>= 2) sorts with vectorised
kernels (x86-simd-sort, also in place), so ``sort_inplace`` takes it there
and ``radix_sort`` elsewhere.

    >>> a = np.array([5, 1 << 60, 3, 5, 0], dtype=np.uint64)
    >>> sort_inplace(a)
    >>> a.tolist() == sorted([5, 1 << 60, 3, 5, 0])
    True
"""

from __future__ import annotations

import numpy as np
from numba import njit

SMALL = 32  # ranges this short are finished by insertion sort


@njit(cache=True, nogil=True, inline="always")
def _insertion(a, lo, hi):  # pragma: no cover - compiled
    for i in range(lo + 1, hi):
        v = a[i]
        j = i - 1
        while j >= lo and a[j] > v:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = v


@njit(cache=True, nogil=True)
def _sort(a, small):  # pragma: no cover - compiled
    n = a.shape[0]
    # pending ranges: at most 255 per level below the current one, 8 levels
    stack_lo = np.empty(8 * 256 + 1, dtype=np.int64)
    stack_hi = np.empty(8 * 256 + 1, dtype=np.int64)
    stack_shift = np.empty(8 * 256 + 1, dtype=np.int64)
    counts = np.empty(256, dtype=np.int64)
    heads = np.empty(256, dtype=np.int64)
    tails = np.empty(256, dtype=np.int64)
    top = 0
    stack_lo[0], stack_hi[0], stack_shift[0] = 0, n, 56
    top = 1
    while top > 0:
        top -= 1
        lo, hi, shift = stack_lo[top], stack_hi[top], stack_shift[top]
        if hi - lo <= small:
            _insertion(a, lo, hi)
            continue
        s = np.uint64(shift)
        counts[:] = 0
        for i in range(lo, hi):
            counts[(a[i] >> s) & np.uint64(255)] += 1
        at = lo
        for k in range(256):
            heads[k] = at
            at += counts[k]
            tails[k] = at
        for k in range(256):
            while heads[k] < tails[k]:
                v = a[heads[k]]
                d = np.int64((v >> s) & np.uint64(255))
                while d != k:  # carry v to its range, picking up what was there
                    w = a[heads[d]]
                    a[heads[d]] = v
                    heads[d] += 1
                    v = w
                    d = np.int64((v >> s) & np.uint64(255))
                a[heads[k]] = v
                heads[k] += 1
        if shift == 0:
            continue  # every byte compared: each range holds equal values
        start = lo
        for k in range(256):
            end = start + counts[k]
            if end - start > 1:
                stack_lo[top], stack_hi[top], stack_shift[top] = start, end, shift - 8
                top += 1
            start = end


# numpy's names for dispatch targets at (or above) the AVX-512 Skylake-X level: ``X86_V4``
# from numpy 2.4, the ``AVX512_*`` feature groups before.
_AVX512_TARGETS = frozenset({"X86_V4", "AVX512_SKX", "AVX512_CLX", "AVX512_CNL", "AVX512_ICL",
                             "AVX512_SPR"})


def _numpy_sort_is_vectorised() -> bool:
    """Does numpy sort uint64 with its AVX-512 kernels (x86-simd-sort) on this CPU?

    Why asked: where it does (numpy >= 2 on a CPU with AVX-512 at the Skylake-X level),
    ``ndarray.sort`` beats the radix passes and sorts in place too; elsewhere the radix sort
    is the faster. Both give the same order, so this only picks a speed path. Read from
    numpy's public dispatch report (``numpy.lib.introspect.opt_func_info``, numpy >= 2.1):
    the target the ``absolute`` ufunc runs on here, which has an AVX-512 kernel. Where
    numpy cannot say, the radix sort is used.
    """
    try:
        from numpy.lib.introspect import opt_func_info
    except ImportError:
        return False
    loops = opt_func_info(func_name="^absolute$").get("absolute", {})
    return any(loop.get("current") in _AVX512_TARGETS for loop in loops.values())


NUMPY_SORT_IS_VECTORISED = _numpy_sort_is_vectorised()


def _check(a: np.ndarray) -> None:
    if a.dtype != np.uint64 or a.ndim != 1 or not a.flags.c_contiguous:
        raise ValueError("sort_inplace takes a contiguous 1-d uint64 array")


def radix_sort(a: np.ndarray) -> None:
    """Sort a contiguous uint64 array in place with the radix passes, whatever the CPU."""
    _check(a)
    if len(a) > 1:
        _sort(a, SMALL)


def sort_inplace(a: np.ndarray) -> None:
    """Sort a contiguous uint64 array in place (the same result as ``a.sort()``), by the
    faster of numpy's vectorised sort (where the CPU has it) and ``radix_sort``."""
    _check(a)
    if NUMPY_SORT_IS_VECTORISED:
        a.sort()
    elif len(a) > 1:
        _sort(a, SMALL)
