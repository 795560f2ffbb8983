"""One compiled pass over a block of texts: shingles, windows, MinHash, band keys, shingle sets.

``sketch_block`` computes, text by text, exactly what the reference kernels compute one
stage at a time over the whole block (shingles.py ``shingle_batch``, chunks.py
``chunk_batch``, minhash.py ``minhash_chunks``, lsh.py ``band_keys`` and ``pack``,
shingles.py ``unique_sorted_segments``), with the same values; tests hold it to them. Why one
pass: a text's shingles and their permuted values stay in cache from hashing to banding,
nothing of size "all windows of the block" is written, and one kernel loads once.

Reformulations that make it faster without changing any value:

- MinHash of a window is ``min_{x in window} h_j(x)`` per hash function ``j``. Windows
  overlap (each shingle lies in ~3.5 of them), so ``h_j(x)`` is computed once per shingle,
  and the minima over ``width`` consecutive shingles come from a few passes of
  ``x[i] = min(x[i], x[i + c])`` (``c = 1, 2, 4, ...``) over each function's row: long
  contiguous loops that vectorise, where a min over each window's rows did not (numba does
  not vectorise a loop over 18 functions). One 64-bit multiply per shingle and function
  instead of one per window membership.
- Band keys are computed function by function across all windows of a text (vectorises);
  a key equal to the previous window's in the same band (~20%: overlapping windows share
  minima) is not written, since it adds no membership.
- The anchor test ``mix(s) mod spacing == 0`` is a mask test when ``spacing`` is a power of
  two (the default 8), not a division.

Numba notes: arrays are neither grown nor re-bound nor sliced inside hot loops (numba would
count references on every pass), and indices built from offsets are unsigned where it
matters (no negative-index checks).

Shingle sets (sorted, distinct) come from a bucket sort: shingle hashes are avalanche-mixed,
so their top bits are uniform, and distributing ``n`` values into ``~n`` buckets by top bits
leaves an insertion sort almost nothing to do (expected O(n), against O(n log n) for a
comparison sort). A text whose values are not spread (a pathological repeat) would make the
insertion sort quadratic, so past ``8 n`` moves it falls back to a comparison sort.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.index.shingles import _P, mix64

GOLDEN = 0x9E3779B97F4A7C15  # band seeds (lsh.band_keys)
ANCHOR_SALT = 0x5BD1E995  # anchor hash (chunks.chunk_batch)


@njit(cache=True, nogil=True, inline="always")
def _shingles_into(ids, lo, hi, k, out):  # pragma: no cover - compiled
    """Shingle hashes of ``ids[lo:hi]`` into ``out`` (shingles._shingle_into); how many.

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
            out[i] = out[i] * _P + np.uint64(ids[lo + i + j]) + np.uint64(1)
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


def keys_bound(shingles: int, texts: int, bands: int) -> int:
    """Room ``sketch_block`` may need for the keys of a block: a window per shingle."""
    return bands * (shingles + texts)


@njit(cache=True, nogil=True)
def sketch_block(ids, offsets, doc_base, k, spacing, width, a, b, bands, rows, bits,
                 keys_out, keys_at, sets_out, sets_at):  # pragma: no cover - compiled
    """Band keys and/or shingle sets of the texts ``ids[offsets[d]:offsets[d+1]]``.

    Keys go to ``keys_out[keys_at:]`` (an empty ``keys_out``: none are computed; else it
    needs ``keys_bound`` free entries), window after window in text order, ``bands`` keys a
    window (``band_keys(...).ravel()``). With ``bits == 0`` they are the raw keys. With
    ``bits > 0`` each is packed with its text ``doc_base + d`` in the low ``bits`` bits
    (lsh.pack) and a key equal to the previous window's in the same band is left out
    (overlapping windows often share their minima: ~20% of keys), which leaves the set of
    distinct memberships as it is. Sets go to ``sets_out[sets_at:]`` (empty: none), text
    ``d``'s sorted distinct shingles at ``sets_out[set_offsets[d]:set_offsets[d+1]]``.

    Returns ``(keys written, set_offsets, windows per text)``.
    """
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
        nw = 0  # windows of chunks.chunk_batch
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
        for band in range(bands):  # lsh.band_keys, all windows of the text at once
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
