"""The clean stage's compiled functions: the lines of a page in one pass over its UTF-8 bytes.

Why: the cleaner looks at every line of every page, and in Python each look is a pass over
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

The boilerplate pass's cue scan (``scan_cues``, read by :mod:`wiretrace.clean.boilerplate`)
is here too: numba caches per file, so every compiled function of the stage lives in this one.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace._text_kernels import decode_at
from wiretrace.clean.credits import BY_FIRST, LITERAL_BYTES, LITERAL_OFFSETS

# Every str.isspace character and every str.splitlines boundary is below U+3001 (tested).
TABLE_SIZE = 0x3001
_SPACE = np.array([chr(c).isspace() for c in range(TABLE_SIZE)], dtype=np.bool_)
_BREAK = np.array([len(f"a{chr(c)}b".splitlines()) == 2 for c in range(TABLE_SIZE)],
                  dtype=np.bool_)
# Bytes by what the byte-by-byte path does with them
_SPACE_FLAG, _OTHER_SPACE_FLAG, _SLOW_FLAG, _BREAK_FLAG, _LITERAL_FLAG, _WIDE_FLAG = (
    1, 2, 4, 8, 16, 32)


def _byte_flags(b: int) -> int:
    if b >= 0x80:
        return _SLOW_FLAG | _WIDE_FLAG  # a byte of a multi-byte character
    if _BREAK[b]:
        return _SLOW_FLAG | _BREAK_FLAG
    if b == 32:
        return _SPACE_FLAG
    if _SPACE[b]:
        return _SPACE_FLAG | _OTHER_SPACE_FLAG
    if BY_FIRST[b] < BY_FIRST[b + 1]:
        return _SLOW_FLAG | _LITERAL_FLAG  # an agency literal may start here
    return 0


_BYTE_FLAGS = np.array([_byte_flags(b) for b in range(256)], dtype=np.int64)


def _literal_ranges() -> np.ndarray:
    """For the agency literals opening with an upper-case letter, then for the others: the
    range ``lo..hi`` of their first bytes and the range of their second bytes (one range over
    both cases would take in most lower-case letters)."""
    literals = [bytes(LITERAL_BYTES[a:b]) for a, b in zip(LITERAL_OFFSETS, LITERAL_OFFSETS[1:], strict=False)]
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


_LITERAL_RANGES = _literal_ranges()

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
def _scan_rows(blocks, n, max_chars, max_words, edges):  # pragma: no cover - compiled
    """The non-blank lines of the ``n`` bytes held by ``blocks`` (the page's UTF-8 as 64-bit
    words, zero-padded to whole words and one byte more by ``scan_pages``):
    ``(rows, count)``, line ``k`` in column ``k`` of
    ``rows`` (start, end, gap, words, named, irregular, flagged). The tables are globals,
    frozen into the compiled code, so a call unboxes no array argument for them."""
    buf = blocks.view(np.uint8)[:n]
    last_block = n >> 3  # the blocks before it are whole
    flags, space_cp, break_cp = _BYTE_FLAGS, _SPACE, _BREAK
    literals, offsets, by_first, ranges = LITERAL_BYTES, LITERAL_OFFSETS, BY_FIRST, _LITERAL_RANGES
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
def scan_many(blocks, first_block, nbytes, max_chars, max_words,
               edges):  # pragma: no cover - compiled
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
                                 max_chars, max_words, edges)
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


# --- the boilerplate cues of a text -----------------------------------------------------------


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
