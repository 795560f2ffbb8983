"""Every compiled function of the compare stage: the sentence splitter.

Why one file: numba caches each kernel per source file, and a kernel inlining a helper of
another file keeps a stale cache when only the helper changes; here every kernel sits with
all it calls. The public function is ``sentences.split_sentences``, which states the rules;
``tests/reference/sentences.py`` is their plain Python definition (one regex and a few
string tests), and the tests compare both.

A text reaches the kernel as its code points and a table of one ``uint32`` per code point
(``sentences`` builds it with Python's own string methods, so both agree on every
character): flags in
the low bits, ``SPACE`` (``str.isspace``, which is also the regex ``\\s``), ``LOWER``
(``str.islower``), ``LETTER`` (``isalnum`` and not ``isdecimal``: the letters of an
abbreviation), ``STOP`` and ``CJK`` (the two kinds of sentence end), ``CLOSER``, ``BREAK`` (a
line boundary of ``str.splitlines``), and the single characters ``DOT`` ("."), ``LF``
("\\n") and ``CR`` ("\\r"); above ``LOWERED_SHIFT``, the ASCII letter ``str.lower`` makes
of the char, 0 for any other (the abbreviations are ASCII letters, and no char lowers to
several ASCII letters, so a word is an abbreviation exactly when its chars lowered so spell
one).

``split`` goes line by line (a line ends at a ``BREAK``; "\\r\\n" is one). At a ``STOP``: the
run of stops, then closers, then white space and a next char, all on the line; at a ``CJK``
stop: its run, closers, and a next char after optional white space (none left on the line:
the run one char shorter, the regex's backtracking). The char after the run is a cut unless
a lower-case char follows, or the run is a lone "." closing a one-letter word, a dotted one
("J.", "U.S.") or an abbreviation. Scanning a line at a time gives the cuts of a scan of the
whole text except at a line's end, where a line break ends the sentence anyway. The line's
pieces between cuts, stripped of white space, are the sentences; empty ones are dropped.
"""

from __future__ import annotations

import numpy as np
from numba import njit

SPACE, LOWER, LETTER, STOP, CJK, CLOSER, BREAK, DOT, LF, CR = (1 << k for k in range(10))
LOWERED_SHIFT = 16
#: How far back from a "." the abbreviation's word is read.
WORD_REACH = 20


@njit(cache=True)
def _line_end(flags: np.ndarray, start: int) -> tuple[int, int]:
    """(end of the line's text, start of the next line) for the line starting at ``start``:
    its text stops before trailing "\\r"/"\\n" chars (``rstrip("\\r\\n")``)."""
    n = len(flags)
    k = start
    while k < n and not flags[k] & BREAK:
        k += 1
    nxt = k
    if k < n:
        nxt = k + 1
        if flags[k] & CR and nxt < n and flags[nxt] & LF:
            nxt += 1
    end = nxt
    while end > start and flags[end - 1] & (CR | LF):
        end -= 1
    return end, nxt


@njit(cache=True)
def _abbreviation(flags: np.ndarray, dot: int, words: np.ndarray) -> bool:
    """Whether the lone "." at ``dot`` closes an initial, a dotted word or one of ``words``
    (rows of ASCII codes, 0-padded): the word is the run of letters and dots before it,
    at most ``WORD_REACH`` chars back (before a line break just before the dot: as the
    regex's "$" matches before a final line break)."""
    end = dot - 1 if dot > 0 and flags[dot - 1] & LF else dot
    lo = max(0, dot - WORD_REACH)
    k = end
    while k > lo:
        f = flags[k - 1]
        if not (f & DOT or f & LETTER):
            break
        k -= 1
    size = end - k
    if size == 0:
        return False
    if size == 1:
        return True
    for t in range(k, end):
        if flags[t] & DOT:
            return True
    if size > words.shape[1]:
        return False
    for t in range(k, end):
        if flags[t] >> LOWERED_SHIFT == 0:  # lowers to no ASCII letter
            return False
    for w in range(words.shape[0]):
        if size < words.shape[1] and words[w, size] != 0:
            continue
        same = True
        for t in range(size):
            if words[w, t] != flags[k + t] >> LOWERED_SHIFT:
                same = False
                break
        if same:
            return True
    return False


@njit(cache=True)
def _skip(flags: np.ndarray, k: int, end: int, mask: int) -> int:
    """The first position from ``k`` (before ``end``) whose flags hold none of ``mask``."""
    while k < end and flags[k] & mask:
        k += 1
    return k


@njit(cache=True)
def _cut(flags: np.ndarray, p: int, end: int, words: np.ndarray) -> int:
    """Where the stop at ``p`` of a line ending at ``end`` cuts: the char after its run when
    it ends a sentence, else ``-2 - k``, the scan going on at ``k`` (after the run, or
    after ``p`` when no candidate starts there)."""
    f = flags[p]
    # the run of stops (or CJK ends), its closing marks, then the white space after them
    q = _skip(flags, _skip(flags, p + 1, end, STOP if f & STOP else CJK), end, CLOSER)
    r = _skip(flags, q, end, SPACE)
    if f & STOP:
        if r >= end or r == q:  # no white space, or nothing after it
            return -2 - (p + 1)
    else:
        if r == end:  # nothing follows on the line: one char less, if any
            if q == p + 1:
                return -2 - (p + 1)
            q -= 1
            r = q
    if flags[r] & LOWER or (f & DOT and q == p + 1 and _abbreviation(flags, p, words)):
        return -2 - q
    return q


@njit(cache=True)
def _piece(flags: np.ndarray, s: int, e: int, out: np.ndarray, m: int) -> int:
    """Append ``[s, e)`` stripped of white space to ``out`` unless empty; the new count."""
    while s < e and flags[s] & SPACE:
        s += 1
    while e > s and flags[e - 1] & SPACE:
        e -= 1
    if s < e:
        out[m, 0], out[m, 1] = s, e
        m += 1
    return m


@njit(cache=True)
def split(codes: np.ndarray, table: np.ndarray, words: np.ndarray, out: np.ndarray) -> int:
    """The sentence spans of a text (its code points ``codes``, their flags in ``table``)
    into ``out`` (rows start, end; room for one per char); how many."""
    n = len(codes)
    flags = np.empty(n, dtype=np.uint32)
    for k in range(n):
        flags[k] = table[codes[k]]
    m = 0
    start = 0
    while start < n:
        end, nxt = _line_end(flags, start)
        begin = p = start
        while p < end:
            if not flags[p] & (STOP | CJK):
                p += 1
                continue
            q = _cut(flags, p, end, words)
            if q >= 0:
                m = _piece(flags, begin, q, out, m)
                begin = p = q
            else:
                p = -2 - q
        m = _piece(flags, begin, end, out, m)
        start = nxt
    return m
