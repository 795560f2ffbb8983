"""Every compiled function of the index stage, with the helpers they inline.

Why one file: numba caches each kernel per source file, and a kernel inlining a helper from
another file keeps a stale cache when only the helper changes. Here every kernel sits with
all it inlines, so the cache is right by construction. The public functions that size the
arrays and call these live in sketch.py (tokens -> bucket keys and shingle sets) and
``__init__.py`` (keys -> verified pairs); the stage-by-stage definitions the fused pass is
tested against are in benchmarks/stagewise.py (also what ``make bench`` times).

Shingle hash (``_shingles_into``): shingle ``i`` of ``k`` word ids is the polynomial
``sum_j (ids[i+j] + 1) * P^(k-1-j) + k * P^k mod 2^64`` passed through the splitmix64
finaliser ``mix64``, so every output bit depends on every word.

``sketch_block``: one pass over a block of texts computes, text by text, shingles, windows,
MinHash, band keys and shingle sets, with the values of the stage-by-stage definitions.
A text's shingles and their permuted values stay in cache from hashing to banding, and
nothing of size "all windows of the block" is written. How the values are reached:

- MinHash of a window is ``min_{x in window} h_j(x)`` per hash function ``j``. Windows
  overlap (each shingle lies in ~3.5 of them), so ``h_j(x)`` is computed once per shingle,
  and the minima over ``width`` consecutive shingles come from a few passes of
  ``x[i] = min(x[i], x[i + c])`` (``c = 1, 2, 4, ...``) over each function's row: long
  contiguous loops that vectorise, one 64-bit multiply per shingle and function.
- Band keys are computed function by function across all windows of a text; a packed key
  equal to the previous window's in the same band (overlapping windows share minima) is
  not written, since it adds no membership.
- The anchor test ``mix(s) mod spacing == 0`` is a mask test when ``spacing`` is a power of
  two (the default 8).
- Arrays are neither grown nor re-bound nor sliced inside hot loops (numba would count
  references on every pass).

Shingle sets (sorted, distinct) come from a bucket sort (``sort_unique_into``): shingle
hashes are avalanche-mixed, so their top bits are uniform, and distributing ``n`` values into
``~n`` buckets by top bits leaves an insertion sort O(1) expected moves per value. A text
whose values are not spread (a pathological repeat) would make the insertion sort
quadratic, so past ``8 n`` moves it falls back to a comparison sort.

``intersections`` counts ``|A ∩ B|`` of sorted sets by a branch-free merge walk, two pairs
interleaved (which side advances is a coin toss, so a branching walk mispredicts about
every other step). ``bucket_pairs`` turns sorted packed memberships into distinct text pairs
(cliques or stars, see ``__init__.py``) through an open-addressing hash set.
``radix_sort_kernel`` is an in-place most-significant-digit radix sort (the "American flag"
permutation of McIlroy, Bostic and McIlroy, *Engineering Radix Sort*, 1993).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit


class Setting(NamedTuple):
    """What ``sketch_block`` computes: ``k``-shingles, windows of ``width`` shingles opening
    every ~``spacing``, MinHash under ``h_j(x) = (a[j] x + b[j]) >> 32``, ``bands`` keys of
    ``rows`` minima each."""

    k: int
    spacing: int
    width: int
    bands: int
    rows: int
    a: np.ndarray  # uint64
    b: np.ndarray  # uint64


class Into(NamedTuple):
    """Where ``sketch_block`` writes: keys to ``keys[keys_at:]``, sets to ``sets[sets_at:]``
    (an empty array: none of that kind), texts numbered from ``doc_base``, packed into the
    low ``bits`` bits of each key (0: raw keys)."""

    keys: np.ndarray
    keys_at: int
    sets: np.ndarray
    sets_at: int
    doc_base: int
    bits: int


SHINGLE_P = np.uint64(0x100000001B3)  # FNV-64 prime: odd, well spread
GOLDEN = 0x9E3779B97F4A7C15  # band seeds
ANCHOR_SALT = 0x5BD1E995  # anchor hash


@njit(cache=True, nogil=True, inline="always")
def mix64(x: np.uint64) -> np.uint64:
    """splitmix64 finaliser: a bijection of uint64 with full avalanche."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@njit(cache=True, nogil=True, inline="always")
def _shingles_into(ids, lo, hi, k, out):  # pragma: no cover - compiled
    """Shingle hashes of ``ids[lo:hi]`` into ``out`` ; how many.

    Word by word over all positions at once (``j`` outer), so the loops vectorise."""
    n = hi - lo
    if n == 0:
        return 0
    kk = min(k, n)
    m = n - kk + 1
    for i in range(m):
        out[i] = np.uint64(kk)
    for j in range(kk):
        for i in range(m):
            out[i] = out[i] * SHINGLE_P + np.uint64(ids[lo + i + j]) + np.uint64(1)
    for i in range(m):
        out[i] = mix64(out[i])
    return m


@njit(cache=True, nogil=True, inline="always")
def _min_pass(src, dst, n, c):  # pragma: no cover - compiled
    """``dst[x] = min(src[x], src[x + c])`` for ``x < n`` (views: indices known >= 0)."""
    lo = src[:n]
    hi = src[c : c + n]
    out = dst[:n]
    for x in range(n):
        out[x] = min(lo[x], hi[x])


@njit(cache=True, nogil=True, inline="always")
def _window_minima(sh, m, a, b, steps, width, hv, tmp):  # pragma: no cover - compiled
    """Window minima of every hash function at every shingle, but for the last pass: returns
    ``w`` with ``min(w[o + i], w[o + i + c]) = min_{i <= r < min(i + width, m)} h_j(sh[r])``
    for ``o = j * (m + width)``, ``i < m`` and ``c`` the step left out (``steps`` lacks it).

    Row ``j`` holds ``h_j`` of every shingle, then ``width`` pads of 0xFFFFFFFF (the
    identity of min, so a window cut short by the text's end needs no case of its own).
    Passes ``x[i] = min(x[i], x[i + c])`` with ``c = 1, 2, 4, ...`` turn values into minima
    over ``2^T <= width`` positions, and one more with ``c = width - 2^T`` covers
    ``[i, i + width)`` by two overlapping halves (min is idempotent). Each pass is one
    contiguous loop over all rows (it vectorises); positions that mix two rows lie past
    ``m + width - 1 - (steps still to come)`` in a row and are never read for ``i < m``. The
    last step is left to the caller, who needs minima at window starts only.
    """
    p = a.shape[0]
    stride = m + width
    shift = np.uint64(32)
    for j in range(p):
        aj = a[j]
        bj = b[j]
        row = hv[j * stride : (j + 1) * stride]
        for i in range(m):
            row[i] = np.uint32((aj * sh[i] + bj) >> shift)
        for i in range(m, stride):
            row[i] = np.uint32(0xFFFFFFFF)
    total = p * stride
    for t in range(steps.shape[0]):  # fixed arrays per call site, or it does not vectorise
        if t % 2 == 0:
            _min_pass(hv, tmp, total - steps[t], steps[t])
        else:
            _min_pass(tmp, hv, total - steps[t], steps[t])
    return hv if steps.shape[0] % 2 == 0 else tmp


@njit(cache=True, nogil=True, inline="always")
def sort_unique_into(vals, n, tmp, counts, out, w):  # pragma: no cover - compiled
    """The distinct values of ``vals[:n]``, increasing, written to ``out[w:]``; returns the new
    end. ``tmp`` holds ``n`` values and ``counts`` ``2 n + 2`` entries (scratch)."""
    if n == 0:
        return w
    if n <= 16:
        for i in range(n):
            tmp[i] = vals[i]
    else:
        bits = 1
        while (1 << bits) < n:
            bits += 1
        buckets = 1 << bits
        shift = np.uint64(64 - bits)
        counts[: buckets + 1] = 0
        for i in range(n):
            counts[np.int64(vals[i] >> shift) + 1] += 1
        for b in range(buckets):
            counts[b + 1] += counts[b]
        for i in range(n):
            b = np.int64(vals[i] >> shift)
            tmp[counts[b]] = vals[i]
            counts[b] += 1
    moves = 0
    limit = 8 * n + 64
    for i in range(1, n):  # buckets are in order: only moves inside a bucket remain
        x = tmp[i]
        j = i
        while j > 0 and tmp[j - 1] > x:
            tmp[j] = tmp[j - 1]
            j -= 1
        tmp[j] = x
        moves += i - j
        if moves > limit:
            tmp[:n] = np.sort(tmp[:n])
            break
    out[w] = tmp[0]
    w += 1
    for i in range(1, n):
        if tmp[i] != tmp[i - 1]:
            out[w] = tmp[i]
            w += 1
    return w


@njit(cache=True, nogil=True)
def sketch_block(ids, offsets, setting, into):  # pragma: no cover - compiled
    """Band keys and/or shingle sets of the texts ``ids[offsets[d]:offsets[d+1]]``.

    ``setting`` (``Setting``) is the sketch: shingle size ``k``, windows every ~``spacing``
    shingles ``width`` long, hash functions ``a``/``b``, ``bands`` of ``rows``; ``into``
    (``Into``) says where the results go.

    Keys go to ``keys_out[keys_at:]`` (an empty ``keys_out``: none are computed; else it
    needs ``keys_bound`` free entries), window after window in text order, ``bands`` keys a
    window (``band_keys(...).ravel()``). With ``bits == 0`` they are the raw keys. With
    ``bits > 0`` each is packed with its text ``doc_base + d`` in the low ``bits`` bits
    (``__init__.py``) and a key equal to the previous window's in the same band is left out
    (overlapping windows often share their minima: ~20% of keys), which leaves the set of
    distinct memberships as it is. Sets go to ``sets_out[sets_at:]`` (empty: none), text
    ``d``'s sorted distinct shingles at ``sets_out[set_offsets[d]:set_offsets[d+1]]``.

    Returns ``(keys written, set_offsets, windows per text)``.
    """
    k, spacing, width, bands, rows, a, b = setting
    keys_out, keys_at, sets_out, sets_at, doc_base, bits = into
    ndoc = offsets.shape[0] - 1
    p = a.shape[0]
    want_keys = keys_out.shape[0] > 0
    want_sets = sets_out.shape[0] > 0
    longest = 1
    for d in range(ndoc):
        longest = max(longest, offsets[d + 1] - offsets[d])
    sh = np.empty(longest, dtype=np.uint64)
    hv = np.empty(p * (longest + width) if want_keys else 1, dtype=np.uint32)
    hv2 = np.empty_like(hv)
    starts = np.empty(longest, dtype=np.int64)
    nsteps = 0
    while (2 << nsteps) <= width:
        nsteps += 1
    steps = np.empty(nsteps + 1, dtype=np.int64)
    for t in range(nsteps):
        steps[t] = 1 << t
    steps[nsteps] = width - (1 << nsteps)
    if steps[nsteps] == 0:
        steps = steps[:nsteps]
    final = steps[-1] if steps.shape[0] else 0  # taken at window starts only
    steps = steps[: max(steps.shape[0] - 1, 0)]
    ufinal = np.uint64(final)
    seeds = np.empty(bands, dtype=np.uint64)
    for band in range(bands):
        seeds[band] = mix64(np.uint64(band + 1) * np.uint64(GOLDEN))
    prev = np.empty(bands, dtype=np.uint64)
    sig = np.empty(p * longest if want_keys else 1, dtype=np.uint32)  # sig[j * nw + c]
    hk = np.empty(bands * longest if want_keys else 1, dtype=np.uint64)
    high = np.uint64(0xFFFFFFFFFFFFFFFF)
    if bits > 0:
        high = high ^ ((np.uint64(1) << np.uint64(bits)) - np.uint64(1))
    pow2 = (spacing & (spacing - 1)) == 0
    amask = np.uint64(spacing - 1)
    div = np.uint64(spacing)
    windows = np.zeros(ndoc, dtype=np.int64)
    w = keys_at
    set_offsets = np.full(ndoc + 1, sets_at, dtype=np.int64)
    tmp = np.empty(longest if want_sets else 1, dtype=np.uint64)
    counts = np.empty(2 * longest + 2 if want_sets else 1, dtype=np.int64)
    nset = sets_at
    for d in range(ndoc):
        m = _shingles_into(ids, offsets[d], offsets[d + 1], k, sh)
        if want_sets:
            nset = sort_unique_into(sh, m, tmp, counts, sets_out, nset)
            set_offsets[d + 1] = nset
        if not want_keys or m == 0:
            continue
        nw = 0  # content-anchored windows (sketch.py)
        last = -width
        for i in range(m):
            anchor = i == 0 or i - last >= width
            if not anchor:
                z = mix64(sh[i] ^ np.uint64(ANCHOR_SALT))
                anchor = (z & amask) == 0 if pow2 else (z % div) == 0
            if anchor:
                starts[nw] = i
                nw += 1
                last = i
                if i + width >= m:  # this window reaches the end: later ones add nothing new
                    break
        windows[d] = nw
        minima = _window_minima(sh, m, a, b, steps, width, hv, hv2)
        stride = np.uint64(m + width)
        tag = np.uint64(doc_base + d) if bits > 0 else np.uint64(0)
        for c in range(nw):  # signatures of the text's windows, function by function
            at = np.uint64(starts[c])
            for j in range(p):
                o = np.uint64(j) * stride + at
                sig[j * nw + c] = min(minima[o], minima[o + ufinal])
        for band in range(bands):  # band keys, all windows of the text at once
            hrow = hk[band * nw : (band + 1) * nw]
            for c in range(nw):
                hrow[c] = seeds[band]
            for r in range(rows):
                srow = sig[(band * rows + r) * nw : (band * rows + r + 1) * nw]
                for c in range(nw):
                    hrow[c] = mix64(hrow[c] ^ np.uint64(srow[c]))
        for c in range(nw):
            for band in range(bands):
                v = (hk[band * nw + c] & high) | tag
                if bits == 0 or c == 0 or v != prev[band]:
                    keys_out[w] = v
                    w += 1
                prev[band] = v
    return w - keys_at, set_offsets, windows


@njit(cache=True, nogil=True, inline="always")
def _merge_count(a, b):  # pragma: no cover - compiled
    """``|a ∩ b|`` of two sorted unique arrays, by a branch-free merge walk."""
    na = a.shape[0]
    nb = b.shape[0]
    if na == 0 or nb == 0:
        return 0
    x = 0
    y = 0
    c = 0
    va = a[0]
    vb = b[0]
    while True:
        c += va == vb
        x += va <= vb
        y += vb <= va
        if x >= na or y >= nb:
            return c
        va = a[x]
        vb = b[y]


@njit(cache=True, nogil=True)
def intersections(sets_a, off_a, sets_b, off_b, pi, pj):  # pragma: no cover - compiled
    """``|A_pi[n] ∩ B_pj[n]|`` for every pair ``n``; sets are sorted unique segments.

    Why branch-free and two pairs at a time: which side of a merge advances is a coin
    toss, so a branching walk mispredicts about every other step; without branches each
    step waits only on its loads, and two independent walks interleaved overlap those
    waits. Each walk stops when either pair's set runs out; the other finishes alone.
    """
    out = np.empty(pi.shape[0], dtype=np.int64)
    n = 0
    while n + 1 < pi.shape[0]:
        a1 = sets_a[off_a[pi[n]] : off_a[pi[n] + 1]]
        b1 = sets_b[off_b[pj[n]] : off_b[pj[n] + 1]]
        a2 = sets_a[off_a[pi[n + 1]] : off_a[pi[n + 1] + 1]]
        b2 = sets_b[off_b[pj[n + 1]] : off_b[pj[n + 1] + 1]]
        x1 = y1 = c1 = x2 = y2 = c2 = 0
        if a1.shape[0] and b1.shape[0] and a2.shape[0] and b2.shape[0]:
            u1, v1, u2, v2 = a1[0], b1[0], a2[0], b2[0]
            while True:
                c1 += u1 == v1
                x1 += u1 <= v1
                y1 += v1 <= u1
                c2 += u2 == v2
                x2 += u2 <= v2
                y2 += v2 <= u2
                if x1 >= a1.shape[0] or y1 >= b1.shape[0] or x2 >= a2.shape[0] or (
                    y2 >= b2.shape[0]
                ):
                    break
                u1, v1, u2, v2 = a1[x1], b1[y1], a2[x2], b2[y2]
        out[n] = c1 + _merge_count(a1[x1:], b1[y1:])
        out[n + 1] = c2 + _merge_count(a2[x2:], b2[y2:])
        n += 2
    if n < pi.shape[0]:
        out[n] = _merge_count(sets_a[off_a[pi[n]] : off_a[pi[n] + 1]],
                              sets_b[off_b[pj[n]] : off_b[pj[n] + 1]])
    return out


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
def bucket_pairs(packed, bits, star_above, reps):  # pragma: no cover - compiled
    """Distinct codes ``i << 32 | j`` (``i < j``) of texts paired by a bucket, sorted.

    ``packed`` is sorted (``pack`` of sketch.py); a repeated entry (a text in a bucket twice) counts
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
def radix_sort_kernel(a, small):  # pragma: no cover - compiled
    """Sort uint64 ``a`` in place: most-significant byte first, ranges of at most ``small``
    entries by insertion (see ``sort_inplace`` in sketch.py)."""
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
