"""A small rule-based sentence splitter with char spans, made for wire copy.

Why not pysbd or spaCy: the compare stage splits every article of every reuse pair, so speed
matters more than the last percent on hard prose: pysbd runs many rules over every
character and spaCy needs a model; these rules read each character once, in one compiled
pass, line by line, over a table of flags per character (``_kernels``, where the pass is
described; ``tests/reference/sentences.py`` states the same rules as one regex). Wire copy
is well-formed (one paragraph per line, full stops followed by a capital), and both versions
of a pair are split by the same rules, so a rare wrong split shows up identically on both
sides and does not create a spurious difference. The rules:

1. every line break ends a sentence (``Article.text`` holds one paragraph per line);
2. ``. ! ?`` (and the Arabic, CJK and Devanagari stops), optionally followed by closing
   quotes or brackets, end a sentence when followed by white space and then a character that
   is not a lower-case letter;
3. except after an abbreviation from ``vocabulary.ABBREVIATIONS`` ("Gen.", "Feb."), a single
   letter (an initial: "J. Smith") or a dotted acronym ("U.S.").

A CJK stop needs no white space after it. The flags come from a table of every code point
built with Python's own string methods (``flags_of``), so the compiled passes read each
character as ``str`` does.

    >>> text = 'Gen. Smith said 2 died. "It was over," he added.\\nNext line'
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Gen. Smith said 2 died.', '"It was over," he added.', 'Next line']
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from wiretrace.compare import _kernels
from wiretrace.compare._kernels import (
    BREAK,
    CJK,
    CLOSER,
    CR,
    DOT,
    LETTER,
    LF,
    LOWER,
    LOWERED_SHIFT,
    SPACE,
    STOP,
)
from wiretrace.vocabulary import ABBREVIATIONS, CJK_SENTENCE_ENDS, CLOSERS, SENTENCE_ENDS

Span = tuple[int, int]

BMP_END = 0x10000
UNICODE_END = 0x110000
#: The abbreviations as rows of ASCII codes, 0-padded (the kernel's ``words``).
_WORDS = np.zeros((len(ABBREVIATIONS), max(map(len, ABBREVIATIONS))), dtype=np.uint32)
for _row, _word in enumerate(sorted(ABBREVIATIONS)):
    _WORDS[_row, : len(_word)] = [ord(c) for c in _word]


def flags_of(lo: int, hi: int) -> np.ndarray:
    """The kernel flags (``_kernels``) of every code point in ``[lo, hi)``, read with
    Python's own string methods (lone surrogates included, as ``chr`` gives them), and
    above ``LOWERED_SHIFT`` the ASCII letter it lowers to (0: none)."""
    chars = np.arange(lo, hi, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    count = hi - lo

    def has(test) -> np.ndarray:  # noqa: ANN001 - a str -> bool function
        return np.fromiter(map(test, chars), dtype=np.bool_, count=count)

    def among(members: str) -> np.ndarray:
        return has(frozenset(members).__contains__)

    # the code points in order hold no "\r\n": each line ``splitlines`` cuts ends in one break
    lines = chars.splitlines(keepends=True)
    ends = np.cumsum([len(line) for line in lines]) - 1
    if lines and lines[-1].splitlines()[0] == lines[-1]:  # the last line has no break
        ends = ends[:-1]
    breaks = np.zeros(count, dtype=np.bool_)
    breaks[ends] = True
    parts = [
        (SPACE, has(str.isspace)),
        (LOWER, has(str.islower)),
        (LETTER, has(str.isalnum) & ~has(str.isdecimal)),
        (STOP, among(SENTENCE_ENDS)),
        (CJK, among(CJK_SENTENCE_ENDS)),
        (CLOSER, among(CLOSERS)),
        (BREAK, breaks),
        (DOT, among(".")),
        (LF, among("\n")),
        (CR, among("\r")),
    ]
    table = np.zeros(count, dtype=np.uint32)
    for bit, where in parts:
        table[where] |= bit
    letters = {c: ord(c) << LOWERED_SHIFT for c in "abcdefghijklmnopqrstuvwxyz"}
    table |= np.fromiter((letters.get(c.lower(), 0) for c in chars), dtype=np.uint32,
                         count=count)
    return table


@lru_cache(maxsize=1)
def bmp_flags() -> np.ndarray:
    """Flags of U+0000-U+FFFF (256 KB)."""
    return flags_of(0, BMP_END)


@lru_cache(maxsize=1)
def all_flags() -> np.ndarray:
    """Flags of every code point (4.4 MB), built once a text holds an astral one."""
    return np.concatenate((bmp_flags(), flags_of(BMP_END, UNICODE_END)))


def sentence_array(text: str) -> np.ndarray:
    """``split_sentences`` as an array of rows (start, end)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = bmp_flags() if text.isascii() or codes.max() < BMP_END else all_flags()
    out = np.empty((len(text), 2), dtype=np.int64)
    return out[: _kernels.split(codes, table, _WORDS, out)]


def split_sentences(text: str) -> list[Span]:
    """Char spans of the sentences of ``text``, in order, stripped of surrounding space."""
    return list(map(tuple, sentence_array(text).tolist()))


#: Where a clause ends inside a sentence: a comma, colon or semicolon before white space, a
#: bracket, an em dash, or a spaced en dash or hyphen ("10,000", "6:30" and "5-10" stay whole).
CLAUSE_MARK = re.compile(r"[,:;](?=\s)|[()\u2014]|\s[\u2013-](?=\s)")
#: A clause covering this share of its sentence's chars is the sentence reworded.
WHOLE_SHARE = 2 / 3


def clause_around(text: str, sentence: Span, lo: int, hi: int) -> tuple[Span, bool]:
    """The clause of ``sentence`` (a span of ``text``) holding the chars ``[lo, hi)``: from
    the clause mark before ``lo`` to the one after ``hi`` (``CLAUSE_MARK``; the sentence's
    ends where there is none), and whether it is most of the sentence (``WHOLE_SHARE`` of its
    chars: then the sentence is reworded, not a clause of it).

    >>> text = "The trail runs 17 miles through the city, one of the longest in Houston."
    >>> (s, e), whole = clause_around(text, (0, len(text)), 15, 23)
    >>> text[s:e], whole
    ('The trail runs 17 miles through the city', False)
    """
    s0, e0 = sentence
    lo, hi = max(s0, min(lo, e0)), max(s0, min(hi, e0))
    start = s0
    for mark in CLAUSE_MARK.finditer(text, s0, lo):
        start = mark.end()
    end = e0
    mark = CLAUSE_MARK.search(text, hi, e0)
    if mark is not None:
        end = mark.start()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end), end - start >= WHOLE_SHARE * (e0 - s0)
