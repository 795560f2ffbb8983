"""The feature rules of one article, compiled, over its classified tokens (see :mod:`.features`).

:func:`.features_kernels.extract` classifies an article's tokens into scratch arrays (flags,
name ids, numbers); :func:`emit` applies the rules of :mod:`.features_reference` to them:
names, aliases and single words, figures and dates, rare repeated words, the key flag, and
one row per distinct feature. Kept apart from the character-level pass so each file reads
as one concern.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# token flags set by the classifying pass
UPPER, CASED, DIGIT, INITIAL, TIGHT, CAP, LEAD, LONG = 1, 2, 4, 8, 16, 32, 64, 128
# character classes: a code point's UPPER, CASED, DIGIT (first char of a token), INITIAL
# (a sentence end, between tokens) and NOT_SPACE (16, as TIGHT: a gap without it is tight)
NOT_SPACE = TIGHT
NOT_NUMBER, NUMBER = 0, 1
BLOOM_BITS = 1 << 16  # an 8 KB membership filter: stays in L1; ~0.5% of non-members pass
_NAME, _WORD, _FIGURE, _DATE, _RARE = 0, 1, 2, 3, 4
_MASK = np.uint64((1 << 63) - 1)
_P = np.uint64(0x100000001B3)


@njit(cache=True, nogil=True, inline="always")
def mix(h, v):
    """One step of the 63-bit feature hash (``features.feature_id``)."""
    return ((h ^ np.uint64(v)) * _P) & _MASK


@njit(cache=True, nogil=True, inline="always")
def member(sorted_set, v):
    """``v in sorted_set`` by binary search."""
    lo, hi = 0, len(sorted_set)
    while lo < hi:
        mid = (lo + hi) >> 1
        if sorted_set[mid] < v:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(sorted_set) and sorted_set[lo] == v


@njit(cache=True, nogil=True, inline="always")
def maybe(bloom, v):
    """False when ``v`` is surely not in the set ``bloom`` was made from (see ``bloom``)."""
    return (bloom[(v >> 3) & (BLOOM_BITS // 8 - 1)] >> (v & 7)) & 1 != 0


@njit(cache=True, nogil=True, inline="always")
def _row(rows, nr, fid, kind, tok):
    rows[0][nr], rows[1][nr], rows[3][nr] = np.int64(fid), kind, tok
    return nr + 1


@njit(cache=True, nogil=True)
def emit(scratch, counts, n, n_head, caseless, nouns_cap, tables, rows, nr):
    """Append the distinct features of one classified article to ``rows`` from row ``nr``.

    ``scratch`` holds its ``n`` tokens (the first ``n_head`` from the title), ``counts`` the
    lengths of its lists; returns the new row count. Row order is the reference's: names,
    figures and dates, rare words.
    """
    ids, fl, caps, cap_nid, inside, digits, d_status, d_value, d_hash, ok = scratch
    n_inside, n_caps, n_digits = counts[2], counts[3], counts[4]
    not_names, not_name_bloom, month_ids, month_numbers = tables[3], tables[4], tables[8], tables[9]
    first_row = nr
    # names: capitalised words not sentence-initial (or seen inside a sentence elsewhere)
    named_inside = inside[:n_inside]
    named_inside.sort()
    for c in range(n_caps):
        ok[c] = (fl[caps[c]] & INITIAL) == 0 or member(named_inside, cap_nid[c])
    for c in range(n_caps):
        p = caps[c]
        if fl[p] & INITIAL:
            if c + 1 < n_caps and caps[c + 1] == p + 1 and ok[c + 1] and fl[p + 1] & TIGHT:
                ok[c] = True  # "Hadi Kassar" at a sentence start; ok[c + 1] is unchanged
            if nouns_cap:
                ok[c] = False
    c = 0
    while c < n_caps:
        if not ok[c]:
            c += 1
            continue
        d = c
        while d + 1 < n_caps and ok[d + 1] and caps[d + 1] == caps[d] + 1:
            if not fl[caps[d + 1]] & TIGHT:
                break
            d += 1
        if d > c:
            h = np.uint64(_NAME + 1)
            for q in range(c, d + 1):
                h = mix(h, cap_nid[q])
            nr = _row(rows, nr, h, _NAME, caps[c])
            if d - c + 1 <= 3:  # the last word of a short name is an alias
                nr = _row(rows, nr, mix(np.uint64(_WORD + 1), cap_nid[d]), _WORD, caps[d])
        elif not nouns_cap:
            nr = _row(rows, nr, mix(np.uint64(_WORD + 1), cap_nid[c]), _WORD, caps[c])
        c = d + 1
    # figures and dates
    for d in range(n_digits):
        if d_status[d] != NUMBER:
            continue
        i, v = digits[d], d_value[d]
        month = -1
        for j in (i - 1, i + 1):
            if 0 <= j < n:
                at = np.searchsorted(month_ids, ids[j])
                if at < len(month_ids) and month_ids[at] == ids[j]:
                    month = month_numbers[at]
        if month >= 0 and 1 <= v <= 31:
            nr = _row(rows, nr, mix(mix(np.uint64(_DATE + 1), month), v), _DATE, i)
        elif i + 1 < n and (fl[i + 1] & DIGIT) == 0 and not (1900 <= v <= 2100):
            h = mix(mix(np.uint64(_FIGURE + 1), np.uint64(d_hash[d])), ids[i + 1])
            nr = _row(rows, nr, h, _FIGURE, i)
    if caseless or nouns_cap:
        nr = _rare_words(ids, fl, n, not_names, not_name_bloom, rows, nr)
    # key: named in the title, or in the lead when the title names nothing
    title_names = False
    for r in range(first_row, nr):
        if rows[1][r] != _FIGURE and rows[1][r] != _DATE and rows[3][r] < n_head:
            title_names = True
    for r in range(first_row, nr):
        t = rows[3][r]
        rows[2][r] = t < n_head if title_names else (fl[t] & LEAD) != 0
    return _distinct(rows[0], rows[1], rows[2], first_row, nr)


@njit(cache=True, nogil=True)
def _rare_words(ids, fl, n, not_names, bloom, rows, nr):
    """Rare repeated words (caseless or noun-capitalising text), in order of word id."""
    pos = np.empty(n, dtype=np.int64)
    m = 0
    for i in range(n):
        w = ids[i]
        if not fl[i] & LONG or fl[i] & DIGIT:
            continue
        if not (maybe(bloom, w) and member(not_names, w)):
            pos[m] = i
            m += 1
    pos = pos[:m]
    order = np.argsort(ids[pos], kind="mergesort")
    g = 0
    while g < m:
        w = ids[pos[order[g]]]
        e = g
        while e + 1 < m and ids[pos[order[e + 1]]] == w:
            e += 1
        if e > g:
            nr = _row(rows, nr, mix(np.uint64(_RARE + 1), w), _RARE, pos[order[g]])
        g = e + 1
    return nr


@njit(cache=True, nogil=True)
def _distinct(fid, kind, key, lo, hi):
    """Keep each id of rows ``lo:hi`` once, in place: its first row, key if any row is key."""
    if hi - lo < 2:
        return hi
    if hi - lo <= 24:  # the usual few rows: compare each with those kept so far
        w = lo
        for r in range(lo, hi):
            seen = False
            for q in range(lo, w):
                if fid[q] == fid[r]:
                    key[q] |= key[r]
                    seen = True
                    break
            if not seen:
                fid[w], kind[w], key[w] = fid[r], kind[r], key[r]
                w += 1
        return w
    order = np.argsort(fid[lo:hi], kind="mergesort")
    keep = np.zeros(hi - lo, dtype=np.bool_)
    g = 0
    while g < len(order):
        first = order[g]
        keep[first] = True
        while g + 1 < len(order) and fid[lo + order[g + 1]] == fid[lo + first]:
            g += 1
            key[lo + first] |= key[lo + order[g]]
        g += 1
    w = lo
    for r in range(lo, hi):
        if keep[r - lo]:
            fid[w], kind[w], key[w] = fid[r], kind[r], key[r]
            w += 1
    return w
