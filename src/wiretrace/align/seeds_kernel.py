"""Seeds and runs in compiled code: the exact shared word runs of two token-id arrays.

Why n-gram seeds: two articles that share source text share long runs of identical words,
while two articles on the same topic share only short common phrases.

Maths. With word ids ``w`` (uint32), the n-gram starting at ``i`` hashes to the polynomial
``h(i) = sum_{t<n} w[i+t] * P**(n-1-t) mod 2**64`` (``P`` a large odd constant). A seed is a
pair ``(i, j)`` with ``h_a(i) == h_b(j)``. Seeds on the same diagonal ``d = j - i`` with
consecutive ``i`` belong to one exact run: ``k`` consecutive seeds make a run of ``k + n - 1``
identical words. Runs are maximal (they cannot be extended by an identical word on either
end, or the neighbouring seed would exist). ``tests/reference/align.py`` computes the same
runs in numpy (``exact_runs``).

Why a reusable table: a batch (:mod:`batch`) aligns every ``b`` with several ``a`` and
should not allocate and clear a hash table per pair. So the n-gram table of ``b`` lives in
scratch arrays whose slots carry a generation number: a slot is live only when its stamp is
the current generation, so filling the table for the next ``b`` starts with one increment,
not a clear.

The n-gram hashes of ``b`` fill an open-addressing table (key: the 64-bit hash of
the polynomial above; value: its positions, ascending, and their count), with a bit
filter in front. Scanning ``a`` in order, a seed ``(i, j)`` (``h_a(i) == h_b(j)``, count in
``b`` at most ``max_occ``) starts a run when ``(i - 1, j - 1)`` is not a seed; the run is
then followed down its diagonal. Runs come out sorted by ``(i, j)``.

    >>> import numpy as np
    >>> ids = np.array([7, 1, 2, 3, 4, 5], dtype=np.uint32)
    >>> hb = np.empty(6, dtype=np.int64)
    >>> hb = hb[: hashes_into(ids, 3, hb)]
    >>> ha = hb[1:3].copy()  # the n-grams (1, 2, 3) and (2, 3, 4)
    >>> table = new_table(len(hb))
    >>> fill_table(table, hb, 1)
    >>> out = np.empty((4, 3), dtype=np.int64)
    >>> out[: find_runs(table, 1, ha, hb, 3, 8, out)].tolist()  # (i, j, length)
    [[0, 1, 4]]
"""

from __future__ import annotations

import numpy as np
from numba import njit

_P = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xFF51AFD7ED558CCD)


@njit(cache=True)
def hashes_into(ids: np.ndarray, n: int, out: np.ndarray) -> int:
    """the polynomial above of ``ids`` written to the int64 ``out`` (same bits).

    Returns how many (none for ``n < 1``, which would read past ``ids``). Int64, not uint64,
    because numba compares int64 with uint64 as floats.
    """
    count = len(ids) - n + 1 if n >= 1 else 0
    for i in range(count):
        h = np.uint64(ids[i])
        for t in range(1, n):
            h = h * _P + np.uint64(ids[i + t])
        out[i] = np.int64(h)
    return max(count, 0)


@njit(cache=True)
def new_table(max_b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Scratch for the n-gram table of any ``b`` of at most ``max_b`` n-grams.

    ``(slots, next, first, count, filter)``: per slot a row ``(hash, generation, first
    position, count)``, one cache line holding all a probe reads; per position ``j`` of ``b``
    the next position with the same hash, the first one and their count; and a bit filter of
    8 bits per slot. A ``b`` uses only the first ``_size(len(hb))`` slots.
    """
    rows = max(max_b, 1)
    return (
        np.zeros((_size(max_b), 4), dtype=np.int64),
        np.empty(rows, dtype=np.int64),
        np.empty(rows, dtype=np.int64),
        np.empty(rows, dtype=np.int64),
        np.zeros(_size(max_b) // 8, dtype=np.uint64),
    )


@njit(cache=True)
def _size(count: int) -> int:
    """Slots for ``count`` keys: a power of two, at most half full."""
    size = 16
    while size < 2 * count:
        size *= 2
    return size


@njit(cache=True)
def _shift(size: int) -> np.uint64:
    bits = 0
    while (1 << bits) < size:
        bits += 1
    return np.uint64(64 - bits)


@njit(cache=True)
def fill_table(table: tuple, hb: np.ndarray, gen: int) -> None:
    """Put the n-grams of ``b`` in ``table`` as generation ``gen`` (older entries are dead)."""
    slots, nxt, first, count, bits = table
    size = _size(len(hb))
    mask, shift = size - 1, _shift(size)
    bits[: size // 8] = 0
    for j in range(len(hb) - 1, -1, -1):  # head insertion from the back: lists ascend
        h = hb[j]
        mixed = np.uint64(h) * _MIX
        f = mixed >> (shift - np.uint64(3))
        bits[f >> np.uint64(6)] |= np.uint64(1) << (f & np.uint64(63))
        s = np.int64(mixed >> shift)
        while slots[s, 1] == gen and slots[s, 0] != h:
            s = (s + 1) & mask
        if slots[s, 1] != gen:
            slots[s, 0], slots[s, 1], slots[s, 2], slots[s, 3] = h, gen, -1, 0
        nxt[j] = slots[s, 2]
        slots[s, 2] = j
        slots[s, 3] += 1
        first[j] = s  # the slot, for now
    for j in range(len(hb)):
        s = first[j]
        first[j], count[j] = slots[s, 2], slots[s, 3]


@njit(cache=True)
def find_runs(
    table: tuple, gen: int, ha: np.ndarray, hb: np.ndarray, n: int, max_occ: int, out: np.ndarray
) -> int:
    """The reference ``exact_runs`` over hashes: rows ``(i, j, length)`` of ``out``, by ``(i, j)``.

    Returns the row count, or -1 when ``out`` is too small (the caller retries with more
    rows). No growing in here: the caller sizes ``out`` and retries.
    Inside shared text the seeds of ``i + 1`` need no probe: when ``hb[j + 1] == ha[i + 1]``
    for a seed ``j`` of ``i``, position ``j + 1`` of ``b`` already knows their positions; and
    when that n-gram is unique in ``b``, its one seed continues the run: nothing starts there.
    """
    slots, nxt, first, count, bits = table
    size = _size(len(hb))
    mask, shift = size - 1, _shift(size)
    ma, mb = len(ha), len(hb)
    k = 0
    known = -1  # a position of b holding the n-gram ha[i] (seed of i - 1 plus one), or -1
    i = -1
    while i + 1 < ma:
        i += 1
        if known >= 0 and count[known] == 1 and max_occ >= 1:
            j = known  # the only seed of i, on the diagonal of the seed (i - 1, j - 1)
            while i + 1 < ma and j + 1 < mb and ha[i + 1] == hb[j + 1] and count[j + 1] == 1:
                i += 1
                j += 1
            known = j + 1 if i + 1 < ma and j + 1 < mb and ha[i + 1] == hb[j + 1] else -1
            continue
        if known >= 0:
            j, seeds = first[known], count[known]
        else:
            h = ha[i]
            mixed = np.uint64(h) * _MIX
            f = mixed >> (shift - np.uint64(3))
            if (bits[f >> np.uint64(6)] >> (f & np.uint64(63))) & np.uint64(1) == 0:
                continue  # not in b (one bit read, in place of a probe)
            s = np.int64(mixed >> shift)
            while slots[s, 1] == gen and slots[s, 0] != h:
                s = (s + 1) & mask
            if slots[s, 1] != gen:
                continue
            j, seeds = slots[s, 2], slots[s, 3]
        known = -1
        if seeds > max_occ:
            continue
        while j >= 0:
            if known < 0 and i + 1 < ma and j + 1 < mb and ha[i + 1] == hb[j + 1]:
                known = j + 1
            if not (i > 0 and j > 0 and ha[i - 1] == hb[j - 1] and count[j - 1] <= max_occ):
                steps = 1
                while (
                    i + steps < ma
                    and j + steps < mb
                    and ha[i + steps] == hb[j + steps]
                    and count[j + steps] <= max_occ
                ):
                    steps += 1
                if k == len(out):
                    return -1
                out[k, 0] = i
                out[k, 1] = j
                out[k, 2] = steps + n - 1
                k += 1
            j = nxt[j]
    return k
