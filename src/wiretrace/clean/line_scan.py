"""The lines of a page in one compiled pass: where each starts and ends, its words, its agencies.

Why: the cleaner looks at every line of every page, and in Python each look is a pass over
the line's characters (``splitlines``, ``strip``, ``split`` to count words, ``isprintable``,
a regular expression for agency names): about 3-4 µs per line of prose, which made cleaning
the slowest stage of ``compare``. One pass over the page's UTF-8 bytes gives, for every
line, what those passes gave, exactly:

* the lines are those of ``str.splitlines`` (``\\n``, ``\\r``, ``\\r\\n``, ``\\x0b``, ``\\x0c``,
  ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028``, ``\\u2029`` end a line);
* ``start``/``end``: code point offsets of the line stripped as ``str.strip`` strips;
* ``words``: ``len(line.split())`` (runs of ``str.isspace`` characters separate words);
* ``simple``: the only whitespace inside the stripped line is single spaces, and ``ascii``:
  it is all ASCII (then ``normalise`` is ``lower``: ASCII is its own NFKC form and
  casefolds like ``lower``);
* ``named``: the line holds one of the literals every agency pattern opens with
  (:mod:`wiretrace.clean.agency_scan`), so only those lines are searched for credits.

    >>> [row[:4] for row in scan_lines("  Share\\r\\n\\nRain fell.  Roads shut")]
    [[2, 7, 0, 1], [10, 32, 1, 4]]
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.clean.agency_scan import BY_FIRST, LITERAL_BYTES, LITERAL_OFFSETS

# Every str.isspace character and every str.splitlines boundary is below U+3001 (tested).
TABLE_SIZE = 0x3001
_SPACE = np.array([chr(c).isspace() for c in range(TABLE_SIZE)], dtype=np.bool_)
_BREAK = np.array([len(f"a{chr(c)}b".splitlines()) == 2 for c in range(TABLE_SIZE)],
                  dtype=np.bool_)
START, END, GAP, WORDS, SIMPLE, ASCII, NAMED = range(7)
# ASCII bytes by what the scan does with them
_PLAIN_CLASS, _LITERAL_CLASS, _SPACE_CLASS, _OTHER_SPACE_CLASS, _BREAK_CLASS = range(5)
_ASCII_CLASS = np.array(
    [_BREAK_CLASS if _BREAK[c] else _SPACE_CLASS if c == 32 else _OTHER_SPACE_CLASS if _SPACE[c]
     else _LITERAL_CLASS if BY_FIRST[c] < BY_FIRST[c + 1] else _PLAIN_CLASS for c in range(128)],
    dtype=np.uint8,
)


@njit(cache=True, nogil=True)
def _literal_at(buf, i, literals, offsets, by_first):  # pragma: no cover - compiled
    """Does one of the literals start at byte ``i``?"""
    c = buf[i]
    for k in range(by_first[c], by_first[c + 1]):
        start, end = offsets[k], offsets[k + 1]
        if i + end - start > buf.shape[0]:
            continue
        j = 1
        while j < end - start and buf[i + j] == literals[start + j]:
            j += 1
        if j == end - start:
            return True
    return False


@njit(cache=True, nogil=True)
def _scan(buf, space, brk, ascii_class, literals, offsets, by_first):  # pragma: no cover
    """Rows ``(start, end, gap, words, simple, ascii, named)`` of the non-blank lines."""
    n = buf.shape[0]
    rows = np.empty((n // 2 + 2, 7), dtype=np.int64)  # a non-blank line and its break: 2 bytes
    count = 0
    gap = 0
    i = 0
    cp = 0  # code point index of buf[i]
    while i <= n:
        # one line: from here to the next break (or the end)
        first = -1
        last = -1
        words = 0
        simple = 1
        ascii_ = 1
        named = 0
        prev_space = True
        run = 0  # whitespace characters since the last non-space
        only_spaces = True  # that run holds nothing but " "
        while i < n:
            b = buf[i]
            width = 1
            if b < 0x80:  # ASCII: most bytes of most pages
                k = ascii_class[b]
                if k == _BREAK_CLASS:
                    break
                if k >= _SPACE_CLASS:  # a space of either kind
                    run += 1
                    if k == _OTHER_SPACE_CLASS:
                        only_spaces = False
                    prev_space = True
                    i += 1
                    cp += 1
                    continue
                is_space = False
                c = np.int64(b)
            else:
                if b < 0xE0:
                    c = ((np.int64(b) & 0x1F) << 6) | (np.int64(buf[i + 1]) & 0x3F)
                    width = 2
                elif b < 0xF0:
                    c = (((np.int64(b) & 0x0F) << 12) | ((np.int64(buf[i + 1]) & 0x3F) << 6)
                         | (np.int64(buf[i + 2]) & 0x3F))
                    width = 3
                else:
                    c = (((np.int64(b) & 0x07) << 18) | ((np.int64(buf[i + 1]) & 0x3F) << 12)
                         | ((np.int64(buf[i + 2]) & 0x3F) << 6) | (np.int64(buf[i + 3]) & 0x3F))
                    width = 4
                if c < 0x3001 and brk[c]:
                    break
                is_space = c < 0x3001 and space[c]
                k = _PLAIN_CLASS
            if is_space:
                run += 1
                only_spaces = False
                prev_space = True
            else:
                if prev_space:  # a word starts
                    if first < 0:
                        first = cp
                    elif run > 1 or not only_spaces:
                        simple = 0
                    words += 1
                    run = 0
                    only_spaces = True
                    prev_space = False
                last = cp + 1
                if width > 1:
                    ascii_ = 0
                elif (k == _LITERAL_CLASS and named == 0
                      and _literal_at(buf, i, literals, offsets, by_first)):
                    named = 1
            i += width
            cp += 1
        if first < 0:
            gap += 1
        else:
            rows[count, 0] = first
            rows[count, 1] = last
            rows[count, 2] = gap
            rows[count, 3] = words
            rows[count, 4] = simple
            rows[count, 5] = ascii_
            rows[count, 6] = named
            count += 1
            gap = 0
        if i >= n:
            break
        # the break itself: "\r\n" is one
        if buf[i] == 13 and i + 1 < n and buf[i + 1] == 10:
            i += 2
            cp += 2
        else:
            b = buf[i]
            i += 1 if b < 0x80 else (2 if b < 0xE0 else (3 if b < 0xF0 else 4))
            cp += 1
        if i == n:
            break  # a final break opens no line (as in splitlines)
    return rows[:count]


def scan_lines(text: str) -> list[list[int]]:
    """One row ``[start, end, gap, words, simple, ascii, named]`` per non-blank line of
    ``text`` (``str.splitlines`` order): see the module docstring."""
    if not text:
        return []
    buf = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    return _scan(buf, _SPACE, _BREAK, _ASCII_CLASS, LITERAL_BYTES, LITERAL_OFFSETS, BY_FIRST).tolist()
