"""Compiled UTF-8 scanning: the tokenizer pass, and the code point decoder it shares with the cleaner.

``decode_at`` steps through UTF-8 one code point at a time. Kernels get a text as its UTF-8
bytes (``str.encode`` once, then no Python objects per character); the input is always what
Python encoded (``surrogatepass`` included), so the sequence is well formed and no check is made.

    >>> buf = np.frombuffer("aé€😀".encode(), dtype=np.uint8)
    >>> [decode_at(buf, i) for i in (0, 1, 3, 6)] == [(97, 1), (0xE9, 2), (0x20AC, 3), (0x1F600, 4)]
    True

``scan``: texts lie end to end in one UTF-8 buffer; text ``d`` is the next ``nchars[d]`` code
points. A token is ``W+('W+)*`` over the code point classes of :mod:`wiretrace.text` (1 word
char, 2 apostrophe, 0 other) and never crosses a text's end; its offsets are code point indices
into its own text (as in a Python ``str``) and its id the FNV-1a hash of its bytes as
``normalize`` leaves them: A-Z folded to a-z, an apostrophe-class code point as "'".

Two loops, chosen per text. An ASCII text (most English news) is read byte by byte through
one 256-entry table holding each byte's class and folded value: no decoding, no case
branch, char offsets equal byte offsets. Any other text reaches the kernel
already lowered (text.py) and is decoded code point by code point, classified through
the code point table (BMP only until a text holds an astral code point: then the kernel
returns -1 and the caller runs again with the full table).
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True, inline="always")
def decode_at(buf, i):  # pragma: no cover - compiled
    """The code point starting at byte ``i`` of well-formed UTF-8 ``buf``, and its width."""
    b0 = np.int64(buf[i])
    if b0 < 0x80:
        return b0, 1
    if b0 < 0xE0:
        return ((b0 & 0x1F) << 6) | (np.int64(buf[i + 1]) & 0x3F), 2
    if b0 < 0xF0:
        return (((b0 & 0x0F) << 12) | ((np.int64(buf[i + 1]) & 0x3F) << 6)
                | (np.int64(buf[i + 2]) & 0x3F)), 3
    return (((b0 & 0x07) << 18) | ((np.int64(buf[i + 1]) & 0x3F) << 12)
            | ((np.int64(buf[i + 2]) & 0x3F) << 6) | (np.int64(buf[i + 3]) & 0x3F)), 4


FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def ascii_table(classes: np.ndarray) -> np.ndarray:
    """uint16 per byte: ``class << 8 | hashed byte`` (A-Z as ``str.lower`` folds them, an
    apostrophe as "'"); bytes >= 0x80 never occur in ASCII text and are left 0."""
    table = np.zeros(256, dtype=np.uint16)
    for byte in range(128):
        cls = int(classes[byte])
        value = ord(chr(byte).lower()) if cls == 1 else 0x27 if cls == 2 else 0
        table[byte] = (cls << 8) | value
    return table


@njit(cache=True, nogil=True, inline="always")
def _scan_ascii(text, table, ids, starts, ends, count):  # pragma: no cover - compiled
    """Tokens of one ASCII text (``text`` its bytes) from index ``count`` on; new count."""
    prime = np.uint32(FNV_PRIME)
    n = text.shape[0]
    i = 0
    while i < n:
        t = table[text[i]]
        if t >> 8 != 1:
            i += 1
            continue
        start = i
        h = np.uint32(FNV_OFFSET)
        while True:  # a run of word chars, then maybe "'" + another run
            h = (h ^ np.uint32(t & 0xFF)) * prime
            i += 1
            if i >= n:
                break
            t = table[text[i]]
            if t >> 8 == 1:
                continue
            if t >> 8 == 2 and i + 1 < n:
                t2 = table[text[i + 1]]
                if t2 >> 8 == 1:
                    h = (h ^ np.uint32(0x27)) * prime
                    i += 1
                    t = t2
                    continue
            break
        ids[count] = h
        starts[count] = start
        ends[count] = i
        count += 1
    return count


@njit(cache=True, nogil=True, inline="always")
def _scan_utf8(buf, i, end, classes, ids, starts, ends, count):  # pragma: no cover - compiled
    """Tokens of the ``end`` code points from byte ``i`` of ``buf``: ``(count, next byte)``,
    or ``(-1, i)`` on a code point beyond ``classes``."""
    size_cls = classes.shape[0]
    prime = np.uint32(FNV_PRIME)
    ch = 0
    while ch < end:
        cp, size = decode_at(buf, i)
        if cp >= size_cls:
            return -1, i
        if classes[cp] != 1:
            i += size
            ch += 1
            continue
        start = ch
        h = np.uint32(FNV_OFFSET)
        while True:
            for k in range(size):
                h = (h ^ np.uint32(buf[i + k])) * prime
            i += size
            ch += 1
            if ch >= end:
                break
            cp, size = decode_at(buf, i)
            if cp >= size_cls:
                return -1, i
            if classes[cp] == 1:
                continue
            if classes[cp] == 2 and ch + 1 < end:
                cp2, size2 = decode_at(buf, i + size)
                if cp2 >= size_cls:
                    return -1, i
                if classes[cp2] == 1:
                    h = (h ^ np.uint32(0x27)) * prime
                    i += size
                    ch += 1
                    cp, size = cp2, size2
                    continue
            break
        ids[count] = h
        starts[count] = start
        ends[count] = ch
        count += 1
    return count, i


@njit(cache=True, nogil=True)
def scan(buf, nchars, is_ascii, classes, table, ids, starts, ends,
         counts):  # pragma: no cover - compiled
    """Tokens of every text (see the module): ``counts[d]`` gets text ``d``'s token count.

    Returns the total, or -1 when a code point lies beyond ``classes``. ``is_ascii[d]``
    says text ``d`` is ASCII (read un-lowered through ``table``, see ``ascii_table``);
    other texts must be lowered already.
    """
    count = 0
    i = 0
    for d in range(nchars.shape[0]):
        first = count
        if is_ascii[d]:
            count = _scan_ascii(buf[i : i + nchars[d]], table, ids, starts, ends, count)
            i += nchars[d]
        else:
            count, i = _scan_utf8(buf, i, nchars[d], classes, ids, starts, ends, count)
            if count < 0:
                return -1
        counts[d] = count - first
    return count


@njit(cache=True, nogil=True)
def boundary_flags(text, char_len, ascii, starts, ends, tok_off, boundary, flags):  # pragma: no cover - compiled
    """Set ``flags[t]`` when a code point of ``boundary`` lies between token ``t - 1`` and
    token ``t`` of the same text (the first token of a text is left as it is).

    ``text`` holds texts end to end in UTF-8, text ``k`` the next ``char_len[k]`` code
    points, owning tokens ``tok_off[k]:tok_off[k + 1]`` (char offsets ``starts``/``ends``
    into its own text). For an ASCII text the bytes are the characters, so only the gaps
    between tokens are read; other text is decoded once, counting code points.
    """
    is_ascii_boundary = np.zeros(128, dtype=np.bool_)
    for c in boundary:
        if c < 128:
            is_ascii_boundary[c] = True
    pos = 0  # byte offset of the current text
    for k in range(len(char_len)):
        lo, hi = tok_off[k], tok_off[k + 1]
        if ascii[k]:
            for t in range(lo + 1, hi):
                for c in range(ends[t - 1], starts[t]):
                    if is_ascii_boundary[text[pos + c]]:
                        flags[t] = True
                        break
            pos += char_len[k]
            continue
        t = lo + 1  # the token whose gap (ends[t - 1], starts[t]) may hold the next char
        for c in range(char_len[k]):
            cp, width = decode_at(text, pos)
            pos += width
            if cp < 128:
                hit = is_ascii_boundary[cp]
            else:
                hit = False
                for x in boundary:
                    if cp == x:
                        hit = True
            if hit:
                while t < hi and starts[t] <= c:
                    t += 1
                if t < hi and ends[t - 1] <= c:
                    flags[t] = True
