"""The feature rules of one article, compiled, over its classified tokens (see :mod:`.features`).

:func:`.features_kernels.extract` classifies an article's tokens into scratch arrays (flags,
name candidates, numbers); :func:`emit` applies the rules of ``tests/reference/features.py`` to
them: names, aliases and single words, figures and dates, rare repeated words, and the key
flag, one row per distinct feature. Kept apart from the character-level pass so each file
reads as one concern. Membership questions go to hash tables (:mod:`.hashing`): the names
seen inside a sentence and the features emitted so far are stamped sets, one stamp per
article, so nothing is sorted or cleared per article.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.cluster.hashing import bits_for, contains, stamped_find, value_of

# token flags set by the classifying pass
UPPER, CASED, DIGIT, INITIAL, TIGHT, CAP, LEAD, LONG = 1, 2, 4, 8, 16, 32, 64, 128
# character classes: a code point's UPPER, CASED, DIGIT (first char of a token), INITIAL
# (a sentence end, between tokens) and NOT_SPACE (16, as TIGHT: a gap without it is tight)
NOT_SPACE = TIGHT
NOT_NUMBER, NUMBER = 0, 1
_NAME, _WORD, _FIGURE, _DATE, _RARE = 0, 1, 2, 3, 4
_IN_TITLE, _IN_LEAD = 1, 2  # where a feature's rows are: what its key flag depends on
_MASK = np.uint64((1 << 63) - 1)
_P = np.uint64(0x100000001B3)


@njit(nogil=True, inline="always")
def mix(h, v):
    """One step of the 63-bit feature hash (``features.feature_id``)."""
    return ((h ^ np.uint64(v)) * _P) & _MASK


@njit(nogil=True, inline="always")
def _add(out, nr, fid, kind, tok, n_head, fl):
    """Emit feature ``fid`` of token ``tok``: a new row, or the place bits of its row.

    ``out`` = (rows, stamped table (stamps, keys, values), stamp, bits); returns the row
    count and whether the row names something in the title (for the key rule).
    """
    rows, table, stamp, bits = out
    stamps, keys, values = table
    place = (_IN_TITLE if tok < n_head else 0) | (_IN_LEAD if fl[tok] & LEAD else 0)
    at, found = stamped_find(stamps, keys, stamp, bits, np.int64(fid))
    if found:
        rows[3][values[at]] |= place
        return nr
    stamps[at], keys[at], values[at] = stamp, np.int64(fid), nr
    rows[0][nr], rows[1][nr], rows[3][nr] = np.int64(fid), kind, place
    return nr + 1


@njit(nogil=True)
def emit(scratch, counts, n, n_head, caseless, nouns_cap, tables, rows, nr, stamp):
    """Append the distinct features of one classified article to ``rows`` from row ``nr``.

    ``scratch`` holds its ``n`` tokens (the first ``n_head`` from the title), ``counts`` the
    lengths of its lists; ``stamp`` and ``stamp + 1`` are this article's in the stamped
    table. Returns the new row count. Rows are in the reference's order (names, figures and
    dates, rare words; a repeated feature where it first occurs).
    """
    ids, fl, caps, cap_nid, inside, digits, d_status, d_value, d_hash, ok = scratch[:10]
    table = scratch[10]
    stamps, keys = table[0], table[1]
    n_inside, n_caps, n_digits = counts[2], counts[3], counts[4]
    not_names, months = tables[3], tables[6]
    first_row = nr
    # names: capitalised words not sentence-initial (or seen inside a sentence elsewhere)
    bits = bits_for(n_inside)
    for k in range(n_inside):
        at, found = stamped_find(stamps, keys, stamp, bits, np.int64(inside[k]))
        stamps[at], keys[at] = stamp, np.int64(inside[k])
    for c in range(n_caps):
        ok[c] = (fl[caps[c]] & INITIAL) == 0
        if not ok[c]:
            ok[c] = stamped_find(stamps, keys, stamp, bits, np.int64(cap_nid[c]))[1]
    for c in range(n_caps):
        p = caps[c]
        if fl[p] & INITIAL:
            if c + 1 < n_caps and caps[c + 1] == p + 1 and ok[c + 1] and fl[p + 1] & TIGHT:
                ok[c] = True  # "Hadi Kassar" at a sentence start; ok[c + 1] is unchanged
            if nouns_cap:
                ok[c] = False
    most = 2 * n_caps + n_digits + (n if caseless or nouns_cap else 0)
    out = (rows, table, stamp + 1, bits_for(most))
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
            nr = _add(out, nr, h, _NAME, caps[c], n_head, fl)
            if d - c + 1 <= 3:  # the last word of a short name is an alias
                h = mix(np.uint64(_WORD + 1), cap_nid[d])
                nr = _add(out, nr, h, _WORD, caps[d], n_head, fl)
        elif not nouns_cap:
            nr = _add(out, nr, mix(np.uint64(_WORD + 1), cap_nid[c]), _WORD, caps[c], n_head, fl)
        c = d + 1
    names_end = nr
    # figures and dates
    for d in range(n_digits):
        if d_status[d] != NUMBER:
            continue
        i, v = digits[d], d_value[d]
        month = -1
        for j in (i - 1, i + 1):
            if 0 <= j < n:
                month = value_of(months, ids[j], month)
        if month >= 0 and 1 <= v <= 31:
            nr = _add(out, nr, mix(mix(np.uint64(_DATE + 1), month), v), _DATE, i, n_head, fl)
        elif i + 1 < n and (fl[i + 1] & DIGIT) == 0 and not (1900 <= v <= 2100):
            h = mix(mix(np.uint64(_FIGURE + 1), np.uint64(d_hash[d])), ids[i + 1])
            nr = _add(out, nr, h, _FIGURE, i, n_head, fl)
    rare_start = nr
    if caseless or nouns_cap:
        nr = _rare_words(ids, fl, n, not_names, out, nr, n_head)
    # key: named in the title, or in the lead when the title names nothing
    title_names = False
    for r in range(first_row, nr):
        if r < names_end or r >= rare_start:  # not a figure or date row
            title_names |= (rows[3][r] & _IN_TITLE) != 0
    for r in range(first_row, nr):
        rows[2][r] = (rows[3][r] & (_IN_TITLE if title_names else _IN_LEAD)) != 0
    return nr


@njit(nogil=True)
def _rare_words(ids, fl, n, not_names, out, nr, n_head):
    """Rare repeated words (caseless or noun-capitalising text), in order of word id."""
    pos = np.empty(n, dtype=np.int64)
    m = 0
    for i in range(n):
        if fl[i] & LONG and not fl[i] & DIGIT and not contains(not_names, ids[i]):
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
            nr = _add(out, nr, mix(np.uint64(_RARE + 1), w), _RARE, pos[order[g]], n_head, fl)
        g = e + 1
    return nr
