"""Open-addressing hash tables for the compiled passes: one probe, usually, per lookup.

Why: the feature pass asks "is this word a function word / a German marker / a month?" for
millions of tokens, and "seen already in this article?" for every name and feature; binary
search over sorted arrays costs several unpredictable branches per question.

* A *static set* (:func:`static_set`, :func:`contains`, :func:`value_of`) holds non-negative
  ids in a power-of-two table kept at most 1/4 full (-1 marks an empty slot), with values
  alongside for maps.
* A *stamped table* (:func:`stamped_find`) is scratch reused by many small sets without
  clearing: a slot belongs to the set whose stamp it carries, any other stamp reads as empty.
  A set of at most ``n`` members uses the first ``2**bits_for(n)`` slots (cache-friendly for
  small sets).

Slots come from Fibonacci hashing (the high bits of ``id * 0x9E3779B97F4A7C15``).
"""

from __future__ import annotations

import numpy as np
from numba import njit

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@njit(nogil=True, inline="always")
def _slot(v, bits):
    return np.int64((np.uint64(v) * _GOLDEN) >> np.uint64(64 - bits))


def static_set(ids: np.ndarray, values: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """``(keys, values, bits)`` of a static set (or map to ``values``) of non-negative ids."""
    ids = np.asarray(ids, dtype=np.int64)
    bits = 4
    while (1 << bits) < 4 * max(len(ids), 1):
        bits += 1
    keys = np.full(1 << bits, -1, dtype=np.int64)
    out = np.zeros(1 << bits, dtype=np.int64)
    vals = np.zeros(len(ids), np.int64) if values is None else np.asarray(values, np.int64)
    for v, value in zip(ids.tolist(), vals.tolist(), strict=True):
        at = int((v * int(_GOLDEN)) % (1 << 64)) >> (64 - bits)
        while keys[at] not in (-1, v):
            at = (at + 1) & ((1 << bits) - 1)
        keys[at], out[at] = v, value
    return keys, out, np.array([bits], dtype=np.int64)


@njit(nogil=True, inline="always")
def value_of(table, v, missing):
    """The value of ``v`` in static map ``table``, or ``missing``."""
    keys, values, bits = table[0], table[1], table[2][0]
    at = _slot(v, bits)
    mask = len(keys) - 1
    while keys[at] != -1:
        if keys[at] == v:
            return values[at]
        at = (at + 1) & mask
    return missing


@njit(nogil=True, inline="always")
def contains(table, v):
    """``v in`` static set ``table``."""
    return value_of(table, v, -1) != -1


@njit(nogil=True, inline="always")
def bits_for(n):
    """Table bits for a stamped set of up to ``n`` members (at most half full)."""
    bits = 4
    while (1 << bits) < 2 * n:
        bits += 1
    return bits


@njit(nogil=True, inline="always")
def stamped_find(stamps, keys, stamp, bits, v):
    """Slot of ``v`` in the set ``stamp`` of a stamped table: ``(slot, found)``; when not
    found, the slot is the free one to claim (``stamps[slot] = stamp``, ``keys[slot] = v``).
    """
    mask = (1 << bits) - 1
    at = _slot(v, bits)
    while stamps[at] == stamp:
        if keys[at] == v:
            return at, True
        at = (at + 1) & mask
    return at, False
