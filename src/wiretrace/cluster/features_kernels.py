"""Compiled passes of feature extraction over a whole batch (see :mod:`.features`).

Why compiled: the per-article numpy version spent its time in call overhead (a dozen small
numpy calls and a Python loop per article, ~0.5 ms each). Here each pass is one numba loop
over every token of the batch, so the cost is a few nanoseconds per character and token.

Layout of a batch: the code points of all texts (``title + "\\n\\n" + text``) concatenated in
``cps``, article ``a`` at ``cps[base[a]:]``; its tokens are ``off[a]:off[a+1]`` of the flat
``ids``/``starts``/``ends`` arrays, offsets local to the article's text. Rules are those of
:mod:`.features_reference`, the plain definition both are tested against.
"""

from __future__ import annotations

import numpy as np
from numba import njit

UPPER, CASED, DIGIT, INITIAL, TIGHT, APOSTROPHE = 1, 2, 4, 8, 16, 32
NOT_NUMBER, NUMBER, ASK_PYTHON = 0, 1, 2
BLOOM_MASK = (1 << 16) - 1  # 64 KB tables: stay in cache; ~1% of non-members pass
_MAX_DIGITS = 18  # below 10**18: parsed here; longer digit runs are parsed by Python's int
_NAME, _WORD, _FIGURE, _DATE, _RARE = 0, 1, 2, 3, 4
_MASK = np.uint64((1 << 63) - 1)
_P = np.uint64(0x100000001B3)


@njit(cache=True, nogil=True)
def token_flags(cps, base, off, starts, ends, upper, cased, digit, sentence_end, decimal):
    """Per-token flag bits (UPPER ... APOSTROPHE), number status and value of digit tokens.

    ``decimal[cp]`` is the digit value of a code point, -1 when not ``str.isdigit``, -2 for a
    digit without a decimal value (superscripts): such tokens, very long ones and ones with
    characters beyond the BMP are left to Python (status ``ASK_PYTHON``).
    """
    n = len(starts)
    flags = np.zeros(n, dtype=np.uint8)
    status = np.zeros(n, dtype=np.int8)
    value = np.zeros(n, dtype=np.int64)
    for a in range(len(off) - 1):
        b = base[a]
        prev_end = 0
        for t in range(off[a], off[a + 1]):
            s, e = starts[t], ends[t]
            first = min(cps[b + s], 0xFFFF)
            f = np.uint8(0)
            if upper[first]:
                f |= UPPER
            if cased[first]:
                f |= CASED
            if t == off[a]:
                f |= INITIAL
            else:
                tight = True
                for k in range(b + prev_end, b + s):
                    c = min(cps[k], 0xFFFF)
                    if sentence_end[c]:
                        f |= INITIAL
                    if c != 32 and c != 0xA0:
                        tight = False
                if tight:
                    f |= TIGHT
            for k in range(b + s, b + e):
                if cps[k] == 39 or cps[k] == 0x2019:
                    f |= APOSTROPHE
                    break
            if digit[first]:
                f |= DIGIT
                st, v = NUMBER, 0
                for k in range(b + s, b + e):
                    d = decimal[cps[k]] if cps[k] < 0x10000 else -2  # astral: Python
                    if d == -1:
                        st = NOT_NUMBER
                        break
                    if d == -2:
                        st = ASK_PYTHON
                    v = v * 10 + d
                if st == NUMBER and e - s > _MAX_DIGITS:
                    st = ASK_PYTHON
                status[t] = st
                value[t] = v if st == NUMBER else 0
            flags[t] = f
            prev_end = e
    return flags, status, value


@njit(cache=True, nogil=True, inline="always")
def _mix(h, v):
    return ((h ^ np.uint64(v)) * _P) & _MASK


@njit(cache=True, nogil=True, inline="always")
def _in(sorted_set, bloom, v):
    """``v in sorted_set``; ``bloom[v & BLOOM_MASK]`` is False for most non-members (fast)."""
    return bloom[v & BLOOM_MASK] and _member(sorted_set, v)


@njit(cache=True, nogil=True, inline="always")
def _member(sorted_set, v):
    """``v in sorted_set`` by binary search."""
    lo, hi = 0, len(sorted_set)
    while lo < hi:
        mid = (lo + hi) >> 1
        if sorted_set[mid] < v:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(sorted_set) and sorted_set[lo] == v


@njit(cache=True, nogil=True)
def extract(
    off,
    n_body,
    title_len,
    lead_end,
    ids,
    name_ids,
    starts,
    ends,
    flags,
    status,
    value,
    value_hash,
    not_names,
    not_name_bloom,
    markers,
    marker_bloom,
    month_ids,
    month_numbers,
    rare_min_chars,
    marker_share,
):
    """Distinct features ``(id, kind, key)`` of every article, article ``a`` at rows
    ``row_off[a]:row_off[a + 1]``, in the reference's order; returns ``(row_off, id, kind, key)``.
    """
    cap_rows = 3 * len(ids) + 1
    row_off = np.zeros(len(off), dtype=np.int64)
    r_fid = np.empty(cap_rows, dtype=np.int64)
    r_kind = np.empty(cap_rows, dtype=np.int8)
    r_key = np.empty(cap_rows, dtype=np.bool_)
    r_tok = np.empty(cap_rows, dtype=np.int64)
    nr = 0
    for a in range(len(off) - 1):
        row_off[a] = nr
        lo, hi = off[a], off[a + 1]
        n = hi - lo
        if n == 0:
            continue
        first_row = nr
        n_cased = 0
        for t in range(lo, hi):
            if flags[t] & CASED:
                n_cased += 1
        caseless = n_cased / n < 0.5
        nouns_cap = False
        nb = n_body[a]
        if nb > 0:
            n_mark = 0
            for t in range(hi - nb, hi):
                if _in(markers, marker_bloom, ids[t]):
                    n_mark += 1
            nouns_cap = n_mark / nb > marker_share
        # names: capitalised words not sentence-initial (or seen inside a sentence elsewhere)
        cap = np.zeros(n, dtype=np.bool_)
        n_inside = 0
        for i in range(n):
            f = flags[lo + i]
            cap[i] = (
                (f & UPPER) != 0
                and (f & DIGIT) == 0
                and not _in(not_names, not_name_bloom, name_ids[lo + i])
            )
            if cap[i] and (f & INITIAL) == 0:
                n_inside += 1
        inside_ids = np.empty(n_inside, dtype=name_ids.dtype)
        k = 0
        for i in range(n):
            if cap[i] and (flags[lo + i] & INITIAL) == 0:
                inside_ids[k] = name_ids[lo + i]
                k += 1
        inside_ids.sort()
        ok = np.zeros(n, dtype=np.bool_)
        for i in range(n):
            if cap[i] and ((flags[lo + i] & INITIAL) == 0 or _member(inside_ids, name_ids[lo + i])):
                ok[i] = True
        for i in range(n):
            initial = (flags[lo + i] & INITIAL) != 0
            nxt = i + 1 < n and ok[i + 1] and (flags[lo + i + 1] & TIGHT) != 0
            if cap[i] and initial and nxt:
                ok[i] = True  # ok[i + 1] is not changed by this (it holds already)
            if nouns_cap and initial:
                ok[i] = False
        i = 0
        while i < n:
            if not ok[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and ok[j + 1] and (flags[lo + j + 1] & TIGHT) != 0:
                j += 1
            if j > i:
                h = np.uint64(_NAME + 1)
                for q in range(i, j + 1):
                    h = _mix(h, name_ids[lo + q])
                r_fid[nr], r_kind[nr], r_tok[nr] = np.int64(h), _NAME, i
                nr += 1
                if j - i + 1 <= 3:  # the last word of a short name is an alias
                    h = _mix(np.uint64(_WORD + 1), name_ids[lo + j])
                    r_fid[nr], r_kind[nr], r_tok[nr] = np.int64(h), _WORD, j
                    nr += 1
            elif not nouns_cap:
                h = _mix(np.uint64(_WORD + 1), name_ids[lo + i])
                r_fid[nr], r_kind[nr], r_tok[nr] = np.int64(h), _WORD, i
                nr += 1
            i = j + 1
        # figures and dates
        for i in range(n):
            if status[lo + i] != 1:  # NUMBER (Python-parsed ones are NUMBER by now)
                continue
            v = value[lo + i]
            month = -1
            for j in (i - 1, i + 1):
                if 0 <= j < n:
                    at = np.searchsorted(month_ids, ids[lo + j])
                    if at < len(month_ids) and month_ids[at] == ids[lo + j]:
                        month = month_numbers[at]
            if month >= 0 and 1 <= v <= 31:
                h = _mix(_mix(np.uint64(_DATE + 1), month), v)
                r_fid[nr], r_kind[nr], r_tok[nr] = np.int64(h), _DATE, i
                nr += 1
            elif i + 1 < n and (flags[lo + i + 1] & DIGIT) == 0 and not (1900 <= v <= 2100):
                h = _mix(
                    _mix(np.uint64(_FIGURE + 1), np.uint64(value_hash[lo + i])), ids[lo + i + 1]
                )
                r_fid[nr], r_kind[nr], r_tok[nr] = np.int64(h), _FIGURE, i
                nr += 1
        # rare repeated words (caseless or noun-capitalising text), in order of word id
        if caseless or nouns_cap:
            pos = np.empty(n, dtype=np.int64)
            m = 0
            for i in range(n):
                t = lo + i
                if (
                    ends[t] - starts[t] >= rare_min_chars
                    and (flags[t] & DIGIT) == 0
                    and not _in(not_names, not_name_bloom, ids[t])
                ):
                    pos[m] = i
                    m += 1
            pos = pos[:m]
            order = np.argsort(ids[lo + pos], kind="mergesort")
            g = 0
            while g < m:
                w = ids[lo + pos[order[g]]]
                e = g
                while e + 1 < m and ids[lo + pos[order[e + 1]]] == w:
                    e += 1
                if e > g:
                    h = _mix(np.uint64(_RARE + 1), w)
                    r_fid[nr], r_kind[nr], r_tok[nr] = np.int64(h), _RARE, pos[order[g]]
                    nr += 1
                g = e + 1
        # key: named in the title, or in the lead when the title names nothing
        title_names = False
        for r in range(first_row, nr):
            if r_kind[r] != _FIGURE and r_kind[r] != _DATE and starts[lo + r_tok[r]] < title_len[a]:
                title_names = True
        key_end = title_len[a] if title_names else lead_end[a]
        for r in range(first_row, nr):
            r_key[r] = starts[lo + r_tok[r]] < key_end
        nr = _distinct(r_fid, r_kind, r_key, first_row, nr)
    row_off[-1] = nr
    return row_off, r_fid[:nr], r_kind[:nr], r_key[:nr]


@njit(cache=True, nogil=True)
def _distinct(fid, kind, key, lo, hi):
    """Keep each id of rows ``lo:hi`` once, in place: its first row, key if any row is key."""
    if hi - lo < 2:
        return hi
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
