"""Compiled UTF-8 scanning: the tokenizer pass and the clean stage's line scan, beside the
code point decoder both inline (numba caches per file, so the decoder lives with its users),
and the clean stage's cue scan, so the stage's compiled functions all live in this one file.

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

The line scan (``scan_many``, read by :mod:`wiretrace.clean.tagging`). Why: the cleaner looks at every line of every page, and in Python each look is a pass over
the line's characters (``splitlines``, ``strip``, ``split`` to count words, ``isprintable``,
a regular expression for agency names), several passes per line. One pass over the page's UTF-8 bytes gives, for every
line, what those passes gave, exactly:

* the lines are those of ``str.splitlines`` (``\\n``, ``\\r``, ``\\r\\n``, ``\\x0b``, ``\\x0c``,
  ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028``, ``\\u2029`` end a line), blank ones left out;
* ``starts``/``ends``: code point offsets of the line stripped as ``str.strip`` strips;
  ``gaps``: the blank lines before it;
* ``words``: ``len(line.split())`` (runs of ``str.isspace`` characters separate words);
* ``named``: 1 when the line holds one of the literals every agency pattern opens with
  (:mod:`wiretrace.clean.credits`), so only those lines are searched for credits;
* ``irregular``: the lines holding whitespace other than single spaces, or a non-ASCII
  character (for the others ``normalise`` is ``lower``: ASCII is its own NFKC form and
  casefolds like ``lower``);
* ``flagged``: the lines a caller's quick test does not clear (see
  ``wiretrace.clean.tagging.scan_lines``, which calls ``scan_many`` here and unpacks its
  answer).

The bytes go eight at a time while they are printable ASCII or single spaces (most bytes of
most pages): word starts are then counted with a few integer operations on the eight bytes
as one 64-bit word (``_plain_block``) instead of a branch per byte.
Any other block (a line break, a tab, a non-ASCII character) goes byte by byte.

The cue scan (``scan_cues``, read by :mod:`wiretrace.clean.boilerplate`): where the
boilerplate pass's cues stand in a lower-cased text, one pass over its UTF-8 bytes.
"""

from __future__ import annotations

from typing import NamedTuple

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


# --- the lines of a page: the clean stage's line scan ------------------------------------------
#
# It decodes wide characters with ``decode_at`` and so lives beside it (numba caches per file).

# Every str.isspace character and every str.splitlines boundary is below U+3001 (tested).
TABLE_SIZE = 0x3001
_SPACE = np.array([chr(c).isspace() for c in range(TABLE_SIZE)], dtype=np.bool_)
_BREAK = np.array([len(f"a{chr(c)}b".splitlines()) == 2 for c in range(TABLE_SIZE)],
                  dtype=np.bool_)
# Bytes by what the byte-by-byte path does with them
_SPACE_FLAG, _OTHER_SPACE_FLAG, _SLOW_FLAG, _BREAK_FLAG, _LITERAL_FLAG, _WIDE_FLAG = (
    1, 2, 4, 8, 16, 32)


def _byte_flags(b: int, by_first: np.ndarray) -> int:
    if b >= 0x80:
        return _SLOW_FLAG | _WIDE_FLAG  # a byte of a multi-byte character
    if _BREAK[b]:
        return _SLOW_FLAG | _BREAK_FLAG
    if b == 32:
        return _SPACE_FLAG
    if _SPACE[b]:
        return _SPACE_FLAG | _OTHER_SPACE_FLAG
    if by_first[b] < by_first[b + 1]:
        return _SLOW_FLAG | _LITERAL_FLAG  # an agency literal may start here
    return 0


class Literals(NamedTuple):
    """The literals a line scan looks for (the openings of the agency patterns, from
    :mod:`wiretrace.clean.credits`), as the arrays the compiled scan reads: passed as an
    argument, not frozen in as globals, so numba's cache of this file never keeps a stale list.

    ``data`` holds the literals end to end, literal ``k`` being ``data[offsets[k]:offsets[k+1]]``,
    sorted by first byte, those opening with byte ``b`` being ``by_first[b]..by_first[b+1]``;
    ``flags`` is each byte's class for the byte-by-byte path; ``ranges`` the ranges of the
    literals' first and second bytes (``_literal_ranges``)."""

    flags: np.ndarray
    data: np.ndarray
    offsets: np.ndarray
    by_first: np.ndarray
    ranges: np.ndarray


def literal_table(data: np.ndarray, offsets: np.ndarray, by_first: np.ndarray) -> Literals:
    """The ``Literals`` of literals laid out as ``Literals.data``, ``offsets`` and ``by_first``."""
    flags = np.array([_byte_flags(b, by_first) for b in range(256)], dtype=np.int64)
    return Literals(flags, data, offsets, by_first, _literal_ranges(data, offsets))


def _literal_ranges(data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """For the agency literals opening with an upper-case letter, then for the others: the
    range ``lo..hi`` of their first bytes and the range of their second bytes (one range over
    both cases would take in most lower-case letters)."""
    literals = [bytes(data[a:b]) for a, b in zip(offsets, offsets[1:], strict=False)]
    if min(map(len, literals)) < 2:
        raise ValueError("the block scan needs agency literals of two bytes at least")
    out = []
    for group in ([x for x in literals if x[0] < 0x60], [x for x in literals if x[0] >= 0x60]):
        if group:
            out += [min(x[0] for x in group), max(x[0] for x in group),
                    min(x[1] for x in group), max(x[1] for x in group)]
        else:
            out += [0x80, 0x7F, 0x80, 0x7F]  # lo > hi: an empty range
    return np.array(out, dtype=np.uint64)


# Eight bytes as one 64-bit word: a mask holds bit 7 of each byte it selects.
_ONES = np.uint64(0x0101010101010101)
_HIGH = np.uint64(0x8080808080808080)
_LOW = np.uint64(0x7F7F7F7F7F7F7F7F)
_U7 = np.uint64(7)
_U8 = np.uint64(8)
_U56 = np.uint64(56)
_U63 = np.uint64(63)
_SPACES = _ONES * np.uint64(32)
_BELOW_33 = _ONES * np.uint64(0x5F)  # adding it sets bit 7 of the bytes >= 33 (below 0x80)
BLOCK = np.dtype("<u8")  # byte j of a block is its bits 8j..8j+7


@njit(cache=True, nogil=True, inline="always")
def _at_least(low7, lo):  # pragma: no cover - compiled
    """Mask of the bytes of ``low7`` (all below 0x80) that are >= ``lo`` (<= 0x80)."""
    return (low7 + (np.uint64(0x80) - lo) * _ONES) & _HIGH


@njit(cache=True, nogil=True, inline="always")
def _count(mask):  # pragma: no cover - compiled
    """How many bytes a mask selects."""
    return np.int64(((mask >> _U7) * _ONES) >> _U56)


@njit(cache=True, nogil=True, inline="always")
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


@njit(cache=True, nogil=True, inline="always")
def _in_range(low7, lo, hi):  # pragma: no cover - compiled
    """Mask of the bytes of ``low7`` (all below 0x80) in ``lo..hi``."""
    return _at_least(low7, lo) & ~_at_least(low7, hi + np.uint64(1))


@njit(cache=True, nogil=True, inline="always")
def _literal_starts(block, after, ranges):  # pragma: no cover - compiled
    """Mask of the bytes of a plain block where an agency literal may start: its byte and
    the next (``after``: the block shifted by one byte) fall in the ranges of the literals'
    first and second bytes."""
    ahead = after & _LOW
    may = ((_in_range(block, ranges[0], ranges[1]) & _in_range(ahead, ranges[2], ranges[3]))
           | (_in_range(block, ranges[4], ranges[5]) & _in_range(ahead, ranges[6], ranges[7])))
    return may & ~after  # the next byte is ASCII


@njit(cache=True, nogil=True, inline="always")
def _named_in_block(buf, i, cand, literals, offsets, by_first):  # pragma: no cover
    """Does a literal start at one of the bytes ``cand`` selects in the block at ``i``?"""
    while cand:
        lowest = cand & (~cand + np.uint64(1))
        j = i + _count((lowest - np.uint64(1)) & _HIGH)
        if _literal_at(buf, j, literals, offsets, by_first):
            return True
        cand ^= lowest
    return False


@njit(cache=True, nogil=True)
def _scan_rows(blocks, n, max_chars, max_words, edges, lit):  # pragma: no cover - compiled
    """The non-blank lines of the ``n`` bytes held by ``blocks`` (the page's UTF-8 as 64-bit
    words, zero-padded to whole words and one byte more by ``scan_pages``):
    ``(rows, count)``, line ``k`` in column ``k`` of
    ``rows`` (start, end, gap, words, named, irregular, flagged); ``lit``: the ``Literals``."""
    buf = blocks.view(np.uint8)[:n]
    last_block = n >> 3  # the blocks before it are whole
    space_cp, break_cp = _SPACE, _BREAK  # Unicode's own tables, frozen into the code
    flags, literals, offsets, by_first, ranges = lit
    rows = np.empty((7, 64), dtype=np.int64)  # one column a line, widened when full
    count = 0
    gap = 0
    extra = 0  # continuation bytes before byte i: its code point index is i - extra
    i = 0
    while True:
        # one line: from here to the next break (or the end)
        line_start = i
        start_cp = i - extra
        words = 0
        spaces = 0  # whitespace characters
        others = 0  # whitespace characters other than " "
        ascii_ = 1
        named = 0
        prev = 1  # the previous character is whitespace (or the line starts)
        while i < n:
            if i & 7 == 0:
                # a run of plain blocks: printable ASCII and " " only (no break, no other
                # whitespace), eight bytes per step
                q = i >> 3
                while q < last_block:
                    block = blocks[q]
                    sp = ~((block ^ _SPACES) + _LOW) & _HIGH  # the " " bytes
                    if block & _HIGH or ~(block + _BELOW_33) & _HIGH != sp:
                        break
                    words += _count(~sp & _HIGH & ((sp << _U8) | (np.uint64(prev) << _U7)))
                    spaces += _count(sp)
                    prev = np.int64(sp >> _U63)
                    if named == 0:
                        cand = _literal_starts(block, (block >> _U8) | (blocks[q + 1] << _U56),
                                               ranges)
                        if cand and _named_in_block(buf, q << 3, cand, literals, offsets,
                                                    by_first):
                            named = 1
                    q += 1
                i = q << 3
                if i == n:
                    break
            b = buf[i]
            f = flags[b]
            width = 1
            if f & 4:  # _SLOW_FLAG
                if f & 32:  # _WIDE_FLAG: a multi-byte character
                    c, width = decode_at(buf, i)
                    if c < 0x3001 and break_cp[c]:
                        break
                    if c < 0x3001 and space_cp[c]:
                        f = 3  # _SPACE_FLAG | _OTHER_SPACE_FLAG
                    else:
                        f = 0
                        ascii_ = 0
                    extra += width - 1
                elif f & 8:  # _BREAK_FLAG
                    break
                elif named == 0 and _literal_at(buf, i, literals, offsets, by_first):
                    named = 1
            space = f & 1
            words += (space ^ 1) & prev
            prev = space
            spaces += space
            others += (f >> 1) & 1
            i += width
        if words == 0:
            gap += 1
        else:
            # the stripped extent: leading and trailing whitespace characters
            j = line_start
            lead = 0
            while True:
                first, width = decode_at(buf, j)
                if not (first < 0x3001 and space_cp[first]):
                    break
                lead += 1
                others -= first != 32
                j += width
            j = i
            trail = 0
            while True:
                k = j - 1
                while buf[k] & 0xC0 == 0x80:
                    k -= 1
                last, width = decode_at(buf, k)
                if not (last < 0x3001 and space_cp[last]):
                    break
                trail += 1
                others -= last != 32
                j = k
            start = start_cp + lead
            end = i - extra - trail
            simple = spaces - lead - trail == words - 1 and others == 0
            if count == rows.shape[1]:
                wider = np.empty((7, 2 * count), dtype=np.int64)
                wider[:, :count] = rows
                rows = wider
            rows[0, count] = start
            rows[1, count] = end
            rows[2, count] = gap
            rows[3, count] = words
            rows[4, count] = named
            rows[5, count] = 0 if simple and ascii_ else 1
            rows[6, count] = 1 if (
                end - start <= max_chars or words <= max_words
                or (first < edges.shape[0] and edges[first] & 1)
                or (last < edges.shape[0] and edges[last] & 2)) else 0
            count += 1
            gap = 0
        if i >= n:
            break
        # the break itself: "\r\n" is one
        if buf[i] == 13 and i + 1 < n and buf[i + 1] == 10:
            i += 2
        else:
            c, width = decode_at(buf, i)
            extra += width - 1
            i += width
        if i == n:
            break  # a final break opens no line (as in splitlines)
    return rows, count


@njit(cache=True, nogil=True)
def scan_many(blocks, first_block, nbytes, max_chars, max_words, edges,
              lit):  # pragma: no cover - compiled
    """``_scan_rows`` of every page of a batch, packed (``_pack_into``): page ``d`` is the
    ``nbytes[d]`` bytes from block ``first_block[d]`` (each page zero-padded to whole blocks
    and one byte more: a block's literal test reads the next block). Returns the packed
    pages end to end and where each starts."""
    pages = nbytes.shape[0]
    out = np.empty(max(64, 3 * pages + blocks.shape[0]), dtype=np.int64)
    starts = np.empty(pages + 1, dtype=np.int64)
    at = 0
    for d in range(pages):
        rows, count = _scan_rows(blocks[first_block[d] : first_block[d + 1]], nbytes[d],
                                 max_chars, max_words, edges, lit)
        if at + 3 + 7 * count > out.shape[0]:
            wider = np.empty(2 * out.shape[0] + 3 + 7 * count, dtype=np.int64)
            wider[:at] = out[:at]
            out = wider
        starts[d] = at
        at = _pack_into(rows, count, out, at)
    starts[pages] = at
    return out[:at], starts


@njit(cache=True, nogil=True)
def _pack_into(rows, count, out, at):  # pragma: no cover - compiled
    """Write at ``out[at:]`` ``count``, the number of irregular and of flagged lines, then
    the columns start, end, gap, words and named, then the indices of the irregular and of
    the flagged lines (at most ``3 + 7 * count`` values); returns the new end. One array,
    turned into Python ints by one ``tolist``."""
    irregular = rows[5, :count].sum()
    flagged = rows[6, :count].sum()
    out[at], out[at + 1], out[at + 2] = count, irregular, flagged
    at += 3
    for c in range(5):
        out[at + c * count : at + (c + 1) * count] = rows[c, :count]
    at += 5 * count
    for c in (5, 6):
        for k in range(count):
            if rows[c, k]:
                out[at] = k
                at += 1
    return at


# --- the boilerplate cues of a text: the clean stage's cue scan --------------------------------


@njit(cache=True)
def scan_cues(data: np.ndarray, table: np.ndarray, patterns: np.ndarray,
              offsets: np.ndarray, tail: np.ndarray) -> int:  # pragma: no cover (compiled)
    """Where the cues stand in ``data`` (UTF-8 bytes of a lower-cased text): -2 when it holds
    a cue of ``BOILERPLATE_SHAPES``, else the start of the last cue of ``TAIL_SHAPES``, else
    -1.

    One pass from the end, one look-up of the byte pair at each position in ``table`` (almost
    always 0), the candidates' remaining bytes compared: a cue is a substring of the text
    exactly when its bytes are a substring of the text's UTF-8 (a multi-byte character's
    bytes never look like an ASCII one, nor open inside another character)."""
    n = data.shape[0]
    last_tail = -1
    following = 0
    for i in range(n - 1, -1, -1):
        mask = table[(data[i] << 8) | following]
        following = data[i]
        c = 0
        while mask:
            if mask & 1:
                low, size = offsets[c], offsets[c + 1] - offsets[c]
                found = i + size <= n
                for j in range(2, size if found else 0):
                    if data[i + j] != patterns[low + j]:
                        found = False
                        break
                if found:
                    if not tail[c]:
                        return -2
                    if last_tail < 0:
                        last_tail = i
            mask >>= 1
            c += 1
    return last_tail
