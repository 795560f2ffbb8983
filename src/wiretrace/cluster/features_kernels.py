"""The compiled feature extraction of a whole batch, in one pass (see :mod:`.features`).

Why compiled, and why one pass: the per-article numpy version spent its time in call
overhead (a dozen small numpy calls and a Python loop per article), and a two-pass batch
version in writing and re-reading per-token arrays of the whole batch. Here each article's
tokens are classified into small scratch arrays (:func:`_classify`, the character-level
work) and its features emitted from them right away (:func:`.features_rules.emit`).

Layout of a batch: bodies laid end to end in ``bcps`` (code points), article ``a``'s body
at ``bcps[bbase[a]:]``; titles likewise in ``tcps`` (token offsets global there). Body
tokens of ``a`` are ``boff[a]:boff[a+1]`` of ``bids``/``bstarts``/``bends`` (offsets local
to its body), title tokens ``hoff[a]:hoff[a+1]`` of ``hids``/``hstarts``/``hends``. An
article's text is ``title + "\\n\\n" + body`` as in ``tests/reference/features.py``, the plain
definition both are tested against.

Only :func:`extract` is cached (its helpers are compiled into it); its cache key covers
the helper modules too (:func:`_cache_key`).

Python decides only two rare cases, asked for by *token key* (body token ``j`` is ``j``,
title token ``j`` is ``len(bids) + j``): a possessive holding a "Σ" (the case folding of
"Σ" depends on context) and a digit token holding a character beyond the BMP. When the
answers (``fix_*``, sorted by key) lack one, the pass returns the questions instead of
features, and the caller runs it again with the answers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from numba import njit

from wiretrace.cluster import features_rules, features_tokens, hashing
from wiretrace.cluster.features_rules import CAP, CASED, DIGIT, INITIAL, LEAD, LONG, UPPER, emit
from wiretrace.cluster.features_tokens import (
    char_class_of,
    gap_flags,
    number,
    paragraph_break,
    possessive,
    unhash_possessive,
)
from wiretrace.cluster.hashing import bits_for, contains
from wiretrace.index.tokens import FNV_PRIME


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
    """Scratch for the stamped sets of :mod:`.hashing`: (stamps, keys, values), all free."""
    size = 1 << bits
    return np.full(size, -1, np.int64), np.empty(size, np.int64), np.empty(size, np.int64)


@njit(nogil=True)
def _extract(
    bcps,
    bbase,
    boff,
    bids,
    bstarts,
    bends,
    tcps,
    hoff,
    hids,
    hstarts,
    hends,
    tables,
    fixes,
    marker_share,
):
    """Distinct features ``(id, kind, key)`` of every article, article ``a`` at rows
    ``row_off[a]:row_off[a + 1]``, in the reference's order; returns
    ``(row_off, id, kind, key, n_questions)``: with questions (see the module docstring,
    keys in ``fixes[-1][:n_questions]``) the rows are empty.
    """
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
        n_head = _classify(
            tcps,
            0,
            len(tcps),
            hstarts,
            hends,
            hids,
            hoff[a],
            hoff[a + 1],
            0,
            False,
            len(bids),
            tables,
            fixes,
            scratch,
            counts,
        )
        n = _classify(
            bcps,
            bbase[a],
            bbase[a + 1],
            bstarts,
            bends,
            bids,
            boff[a],
            boff[a + 1],
            n_head,
            True,
            0,
            tables,
            fixes,
            scratch,
            counts,
        )
        if n == 0 or counts[5] > 0:  # nothing to emit, or waiting for answers
            continue
        nb = n - n_head
        caseless = counts[0] / n < 0.5
        nouns_cap = nb > 0 and counts[1] / nb > marker_share
        nr = emit(scratch, counts, n, n_head, caseless, nouns_cap, tables, rows, nr, 2 * a)
    row_off[-1] = nr
    return row_off, rows[0][:nr], rows[1][:nr], rows[2][:nr], counts[5]


def _cache_key() -> int:
    """What the compiled pass is built from besides this file: the sources of its helper
    modules and the word-id prime (frozen into the code as a global).

    Why: numba's cache watches only the file defining the cached function, so editing a
    helper alone would leave stale code in the cache. The key is a closure value of the
    cached entry point, and numba's cache key includes those.
    """
    digest = hashlib.sha256(repr(FNV_PRIME).encode())
    for module in (features_rules, features_tokens, hashing):
        digest.update(Path(module.__file__).read_bytes())
    return int(digest.hexdigest()[:15], 16)


def _entry_point(key: int):
    @njit(cache=True, nogil=True)
    def extract(bcps, bbase, boff, bids, bstarts, bends, tcps, hoff, hids, hstarts, hends,
                tables, fixes, marker_share):  # fmt: skip
        if key < 0:  # never: only ties the cached code to ``key``
            marker_share = -1.0
        return _extract(bcps, bbase, boff, bids, bstarts, bends, tcps, hoff, hids, hstarts,
                        hends, tables, fixes, marker_share)  # fmt: skip

    extract.__doc__ = _extract.__doc__
    return extract


extract = _entry_point(_cache_key())
