"""The compiled feature pass of the cluster stage: the rare features of every article of a
batch (:mod:`.features` has the rules), with every helper it inlines.

Why one file: numba caches a compiled function per source file and checks only that file,
while a cached pass inlines its helpers; with the pass and all its helpers here, an edit to
any of them recompiles it. :func:`extract` is the entry point (cached). The linker and the
connected components, which share no helper with it, are in :mod:`._graph_kernels`.

**Layout of a batch** (:class:`Batch`): bodies laid end to end in ``bcps`` (code points),
article ``a``'s body at ``bcps[bbase[a]:]``; titles likewise in ``tcps`` (token offsets
global there). Body tokens of ``a`` are ``boff[a]:boff[a+1]`` of ``bids``/``bstarts``/``bends``
(offsets local to its body), title tokens ``hoff[a]:hoff[a+1]`` of ``hids``/``hstarts``/
``hends``. An article's text is ``title + "\\n\\n" + body`` as in
``tests/reference/features.py``, the plain definition the pass is tested against.

**One pass per article**: its tokens are classified into small scratch arrays
(:func:`_classify`: per-token tests reading a few code points of the token or of the gap
before it, following the reference's ``int``, ``normalize`` and slicing exactly), then its
distinct features are emitted from them (:func:`emit`: names, aliases and single words,
figures and dates, rare repeated words, and the key flag, one row per distinct feature).

**Hash tables** (open addressing, one probe usually per lookup): "is this word a function
word / a German marker / a month?" is asked of every token, "seen already in this
article?" of every name and feature.

* A *static set* (:func:`static_set`, :func:`contains`, :func:`value_of`) holds non-negative
  ids in a power-of-two table kept at most 1/4 full (-1 marks an empty slot), with values
  alongside for maps.
* A *stamped table* (:func:`stamped_find`) is scratch reused by many small sets without
  clearing: a slot belongs to the set whose stamp it carries, any other stamp reads as empty.
  A set of at most ``n`` members uses the first ``2**bits_for(n)`` slots. Each article owns
  two stamps (names seen inside a sentence; features emitted), so nothing is sorted or
  cleared per article.

Slots come from Fibonacci hashing (the high bits of ``id * 0x9E3779B97F4A7C15``).

**Questions to Python**: two rare cases are decided in Python, asked for by *token key*
(body token ``j`` is ``j``, title token ``j`` is ``len(bids) + j``): a possessive holding a
"Σ" (the case folding of "Σ" depends on context) and a digit token holding a character
beyond the BMP. When the answers (``fix_*``, sorted by key) lack one, the pass returns the
questions instead of features, and the caller runs it again with the answers.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from wiretrace.text import FNV_PRIME

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
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads ids, small ones too
_BIG = np.uint64(10**18)  # a figure above this is compared as this (far outside date ranges)
# undoes one step of a word id (FNV_PRIME is the fixed constant of FNV-1a)
_FNV_PRIME_INVERSE = np.uint64(pow(FNV_PRIME, -1, 1 << 32))
_SIGMA = 0x3A3


class Batch(NamedTuple):
    """The tokens and code points of a batch's bodies and titles (see the module docstring)."""

    bcps: np.ndarray
    bbase: np.ndarray
    boff: np.ndarray
    bids: np.ndarray
    bstarts: np.ndarray
    bends: np.ndarray
    tcps: np.ndarray
    hoff: np.ndarray
    hids: np.ndarray
    hstarts: np.ndarray
    hends: np.ndarray


# hash tables


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


# per-token tests


@njit(nogil=True, inline="always")
def unhash_possessive(word_id):
    """The FNV-1a id of a token without its last two bytes "'s" (FNV steps are invertible)."""
    low = np.uint64(0xFFFFFFFF)
    h = ((np.uint64(word_id) * _FNV_PRIME_INVERSE) & low) ^ np.uint64(0x73)
    return np.uint32(((h * _FNV_PRIME_INVERSE) & low) ^ np.uint64(0x27))


@njit(nogil=True, inline="always")
def char_class_of(char_class, c):
    """The class bits of code point ``c`` (beyond the BMP: those of U+FFFF, as the reference)."""
    return char_class[c if c < 0x10000 else 0xFFFF]


@njit(nogil=True, inline="always")
def number(cps, s, e, decimal):
    """``(status, capped value, 63-bit value hash, ask Python)`` of digit token ``cps[s:e]``.

    As ``int(raw) if raw.isdecimal()``: a non-digit makes it no number, a digit without a
    decimal value ("²") too; a character beyond the BMP is asked.
    """
    astral, no_value = False, False
    v, capped = np.uint64(0), np.uint64(0)
    for k in range(s, e):
        c = cps[k]
        if c >= 0x10000:
            astral = True
            continue
        d = decimal[c]
        if d == -1:
            return NOT_NUMBER, 0, 0, False
        if d == -2:
            no_value = True
            continue
        v = v * np.uint64(10) + np.uint64(d)
        capped = min(capped * np.uint64(10) + np.uint64(d), _BIG)
    if astral or no_value:
        return NOT_NUMBER, 0, 0, astral
    return NUMBER, np.int64(capped), np.int64(v & _MASK), False


@njit(nogil=True, inline="always")
def possessive(cps, s, e, apostrophes):
    """0: no "...'s" possessive; 1: one; 2: one holding a "Σ" (Python decides).

    As the reference: a token holding "'" or "’" whose case-folded form ends with "'s".
    """
    if e - s < 3 or (cps[e - 1] != 115 and cps[e - 1] != 83):
        return 0
    before = cps[e - 2]
    if before != 39:
        folded = False
        for c in apostrophes:  # the few other quotes folded to "'"
            folded |= c == before
        if not folded:
            return 0
    apostrophe = False
    for k in range(s, e):
        if cps[k] == 39 or cps[k] == 0x2019:
            apostrophe = True
            break
    if not apostrophe:
        return 0
    for k in range(s, e):
        if cps[k] == _SIGMA:
            return 2
    return 1


@njit(nogil=True, inline="always")
def gap_flags(cps, gap, s, char_class):
    """INITIAL when ``cps[gap:s]`` (between two tokens) holds a sentence end, TIGHT when it
    holds only spaces."""
    if s <= gap:  # no gap (not from the tokenizer): tight, as in the reference
        return TIGHT
    g = char_class_of(char_class, cps[gap]) | char_class_of(
        char_class, cps[s - 1]
    )  # the usual 1-2 chars
    for k in range(gap + 1, s - 1):
        g |= char_class_of(char_class, cps[k])
    return (g & INITIAL) | ((g & NOT_SPACE) ^ NOT_SPACE)


@njit(nogil=True, inline="always")
def paragraph_break(cps, lo, hi):
    """Index of the first "\n\n" in ``cps[lo:hi]``, or ``hi``."""
    for k in range(lo + 1, hi):
        if cps[k] == 10 and cps[k - 1] == 10:
            return k - 1
    return hi


# the feature rules of one article


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


# the pass


@njit(nogil=True, inline="always")
def _answer(fix_key, key):
    """Index of ``key`` in the sorted answers, or -1."""
    lo, hi = 0, len(fix_key)
    while lo < hi:
        mid = (lo + hi) >> 1
        if fix_key[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(fix_key) and fix_key[lo] == key else -1


@njit(nogil=True)
def _classify(cps, b, end, sa, ea, ia, lo, hi, i, is_body, key0, tables, fixes, scratch, counts):
    """Classify tokens ``lo:hi`` of the text ``cps[b:end]`` (a title or a body) into
    ``scratch`` from position ``i``; returns the next position.

    Fills word ids and token flags: UPPER, CASED, DIGIT, LONG, LEAD (before the body's first
    paragraph break; a title's tokens all are) for every token, INITIAL and TIGHT (from the
    gap before it) for capitalised ones, which are all that read them. Lists the name
    candidates (CAP, with name ids: a possessive's "'s" dropped), those inside a sentence,
    and digit tokens (number status, capped value, value hash); ``counts`` = [cased,
    markers, inside, caps, digits, questions].
    """
    char_class, decimal, apostrophes, not_names, markers = tables[:5]
    rare_min = tables[5][0]
    fix_key, fix_nid, fix_status, fix_value, fix_hash, asked = fixes
    ids, fl, caps, cap_nid, inside, digits, d_status, d_value, d_hash = scratch[:9]
    n_cased, n_mark, n_inside, n_caps, n_digits, n_asked = counts
    lead_end = paragraph_break(cps, b, end) if is_body else end
    for t in range(lo, hi):
        s, e = b + sa[t], b + ea[t]
        f = char_class_of(char_class, cps[s]) & (UPPER | CASED | DIGIT)
        n_cased += (f & CASED) != 0
        if s < lead_end:
            f |= LEAD
        if e - s >= rare_min:
            f |= LONG
        w = ia[t]
        ids[i] = w
        if is_body and contains(markers, w):
            n_mark += 1
        if f & DIGIT:
            status, value, value_hash, ask = number(cps, s, e, decimal)
            if ask:
                at = _answer(fix_key, key0 + t)
                if at < 0:
                    asked[n_asked] = key0 + t
                    n_asked += 1
                else:
                    status, value, value_hash = fix_status[at], fix_value[at], fix_hash[at]
            digits[n_digits], d_status[n_digits] = i, status
            d_value[n_digits], d_hash[n_digits] = value, value_hash
            n_digits += 1
        elif f & UPPER:
            # first token of the article, or after the title's "\n\n": a sentence start
            f |= INITIAL if t == lo else gap_flags(cps, b + ea[t - 1], s, char_class)
            nid = w
            kind = possessive(cps, s, e, apostrophes)
            if kind == 1:
                nid = unhash_possessive(w)
            elif kind == 2:
                at = _answer(fix_key, key0 + t)
                if at < 0:
                    asked[n_asked] = key0 + t
                    n_asked += 1
                elif fix_nid[at] >= 0:
                    nid = np.uint32(fix_nid[at])
            if not contains(not_names, nid):
                f |= CAP
                caps[n_caps], cap_nid[n_caps] = i, nid
                n_caps += 1
                if not f & INITIAL:
                    inside[n_inside] = nid
                    n_inside += 1
        fl[i] = f
        i += 1
    counts[0], counts[1], counts[2] = n_cased, n_mark, n_inside
    counts[3], counts[4], counts[5] = n_caps, n_digits, n_asked
    return i


@njit(nogil=True)
def _stamped_table(bits):
    """Scratch for the stamped sets: (stamps, keys, values), all free."""
    size = 1 << bits
    return np.full(size, -1, np.int64), np.empty(size, np.int64), np.empty(size, np.int64)


@njit(cache=True, nogil=True)
def extract(batch, tables, fixes, marker_share):
    """Distinct features ``(id, kind, key)`` of every article of ``batch`` (a :class:`Batch`),
    article ``a`` at rows ``row_off[a]:row_off[a + 1]``, in the reference's order; returns
    ``(row_off, id, kind, key, n_questions)``: with questions (see the module docstring,
    keys in ``fixes[-1][:n_questions]``) the rows are empty.
    """
    bcps, bbase, boff, bids, bstarts, bends, tcps, hoff, hids, hstarts, hends = batch
    n_art = len(boff) - 1
    most = 1
    for a in range(n_art):
        most = max(most, boff[a + 1] - boff[a] + hoff[a + 1] - hoff[a])
    scratch = (
        np.empty(most, np.uint32),
        np.empty(most, np.uint16),
        np.empty(most, np.int64),
        np.empty(most, np.uint32),
        np.empty(most, np.uint32),
        np.empty(most, np.int64),
        np.empty(most, np.int8),
        np.empty(most, np.int64),
        np.empty(most, np.int64),
        np.empty(most, np.bool_),
        _stamped_table(bits_for(3 * most + 1)),
    )
    cap_rows = 3 * (len(bids) + len(hids)) + 1
    rows = (
        np.empty(cap_rows, np.int64),
        np.empty(cap_rows, np.int8),
        np.empty(cap_rows, np.bool_),
        np.empty(cap_rows, np.int64),
    )
    row_off = np.zeros(n_art + 1, dtype=np.int64)
    counts = np.zeros(6, dtype=np.int64)
    nr = 0
    for a in range(n_art):
        row_off[a] = nr
        counts[:5] = 0
        n_head = _classify(tcps, 0, len(tcps), hstarts, hends, hids, hoff[a], hoff[a + 1], 0,
                           False, len(bids), tables, fixes, scratch, counts)  # fmt: skip
        n = _classify(bcps, bbase[a], bbase[a + 1], bstarts, bends, bids, boff[a], boff[a + 1],
                      n_head, True, 0, tables, fixes, scratch, counts)  # fmt: skip
        if n == 0 or counts[5] > 0:  # nothing to emit, or waiting for answers
            continue
        nb = n - n_head
        caseless = counts[0] / n < 0.5
        nouns_cap = nb > 0 and counts[1] / nb > marker_share
        nr = emit(scratch, counts, n, n_head, caseless, nouns_cap, tables, rows, nr, 2 * a)
    row_off[-1] = nr
    return row_off, rows[0][:nr], rows[1][:nr], rows[2][:nr], counts[5]
