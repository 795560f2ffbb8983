"""Every compiled function of the compare stage: the sentence splitter's two passes.

Why one file: numba caches each kernel per source file, and a kernel inlining a helper of
another file keeps a stale cache when only the helper changes; here every kernel sits with
all it calls. The public function is ``sentences.split_sentences``, which states the rules;
``tests/reference/sentences.py`` is their plain Python definition (one regex and a few
string tests), and the tests compare both.

A text reaches the kernels as one ``uint16`` of flags per code point (``sentences`` reads
them from a table built with Python's own string methods, so both agree on every
character): ``SPACE`` (``str.isspace``, which is also the regex ``\\s``), ``LOWER``
(``str.islower``), ``LETTER`` (``isalnum`` and not ``isdecimal``: the letters of an
abbreviation), ``STOP`` and ``CJK`` (the two kinds of sentence end), ``CLOSER``,
``BREAK`` (a line boundary of ``str.splitlines``), and the single characters ``DOT``
("."), ``LF`` ("\\n") and ``CR`` ("\\r").

1. ``stops``: the sentence-end candidates, line by line (a line ends at a ``BREAK``; "\\r\\n"
   is one). At a ``STOP``: the run of stops, then closers, then white space and a next
   char, all on the line; at a ``CJK`` stop: its run, closers, and a next char after
   optional white space (none left on the line: the run one char shorter, the regex's
   backtracking). Each candidate is the char after its run and a status: 0 a lower-case
   char follows (no end), 1 an end, 2 a lone "." after a word the caller looks up in
   ``ABBREVIATIONS`` (the word's span given), 0 also after a one-letter word or a dotted
   one ("J.", "U.S."). Scanning a line at a time gives the cuts of a scan of the whole
   text except at a line's end, where a line break ends the sentence anyway.
2. ``spans``: the lines cut at the accepted ends, each piece stripped of white space,
   empty pieces dropped.
"""

from __future__ import annotations

import numpy as np
from numba import njit

SPACE, LOWER, LETTER, STOP, CJK, CLOSER, BREAK, DOT, LF, CR = (1 << k for k in range(10))
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
def _abbreviation(flags: np.ndarray, dot: int, max_word: int) -> tuple[int, int, int]:
    """(status, word start, word end) of the lone "." at ``dot``: 0 the full stop of an
    initial or a dotted word, 1 no word before it or a word too long for an abbreviation,
    2 a word to look up."""
    end = dot - 1 if dot > 0 and flags[dot - 1] & LF else dot
    lo = max(0, dot - WORD_REACH)
    k = end
    while k > lo:
        f = flags[k - 1]
        if not (f & DOT or f & LETTER):
            break
        k -= 1
    if k == end:
        return 1, k, end
    if end - k == 1:
        return 0, k, end
    for t in range(k, end):
        if flags[t] & DOT:
            return 0, k, end
    if end - k > max_word:
        return 1, k, end
    return 2, k, end


@njit(cache=True)
def stops(flags: np.ndarray, max_word: int) -> np.ndarray:
    """The sentence-end candidates of a text: rows (cut, status, word start, word end)."""
    n = len(flags)
    out = np.empty((n, 4), dtype=np.int64)
    m = 0
    start = 0
    while start < n:
        end, nxt = _line_end(flags, start)
        p = start
        while p < end:
            f = flags[p]
            if f & STOP:
                q = p + 1
                while q < end and flags[q] & STOP:
                    q += 1
                while q < end and flags[q] & CLOSER:
                    q += 1
                r = q
                while r < end and flags[r] & SPACE:
                    r += 1
                if r >= end or r == q:  # no white space, or nothing after it
                    p += 1
                    continue
            elif f & CJK:
                q = p + 1
                while q < end and flags[q] & CJK:
                    q += 1
                while q < end and flags[q] & CLOSER:
                    q += 1
                r = q
                while r < end and flags[r] & SPACE:
                    r += 1
                if r == end:  # nothing follows on the line: one char less, if any
                    if q == p + 1:
                        p += 1
                        continue
                    q -= 1
                    r = q
            else:
                p += 1
                continue
            status, lo, hi = 1, 0, 0
            if flags[r] & LOWER:
                status = 0
            elif f & DOT and q == p + 1:
                status, lo, hi = _abbreviation(flags, p, max_word)
            out[m, 0], out[m, 1], out[m, 2], out[m, 3] = q, status, lo, hi
            m += 1
            p = q
        start = nxt
    return out[:m]


@njit(cache=True)
def spans(flags: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """The sentence spans (start, end) of a text: its lines cut at ``cuts`` (sorted), each
    piece stripped of white space, empty ones dropped."""
    n = len(flags)
    out = np.empty((n + len(cuts) + 1, 2), dtype=np.int64)
    m = 0
    k = 0
    start = 0
    while start < n:
        end, nxt = _line_end(flags, start)
        begin = start
        while True:
            stop = end
            last = True
            if k < len(cuts) and cuts[k] <= end:
                stop = cuts[k]
                last = False
                k += 1
            s, e = begin, stop
            while s < e and flags[s] & SPACE:
                s += 1
            while e > s and flags[e - 1] & SPACE:
                e -= 1
            if s < e:
                out[m, 0], out[m, 1] = s, e
                m += 1
            if last:
                break
            begin = stop
        start = nxt
    return out[:m]
