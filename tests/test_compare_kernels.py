"""The compare stage's compiled sentence splitter, and its other fast paths, against their
plain definitions."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.sentences import split_sentences as reference_split
from wiretrace.compare import _kernels, figures
from wiretrace.compare.matching import Analysed
from wiretrace.compare.sentences import (
    BMP_END,
    bmp_flags,
    flags_of,
    split_sentences,
)
from wiretrace.vocabulary import CJK_SENTENCE_ENDS, CLOSERS, SENTENCE_ENDS

#: The characters the rules look at, and some they do not, so random text hits every rule.
PIECES = [
    *SENTENCE_ENDS, *CJK_SENTENCE_ENDS, *CLOSERS, " ", "  ", "\n", "\r", "\r\n", "\t", "\x0b",
    "\x85", "\u2028", "\u00a0", "a", "b", "Z", "\u00e9", "\u00c9", "\u0131", "\u212a", "7", "\u0663",
    "\u00b2", "_", "-", ",", "Gen", "gen", "U.S", "J", "etc", "approx", "Sept", "\U0001d400",
    "\U0001f600", "Mr", "co", "word", "Word", "\u4f60\u597d", "GEN", "Gén", "M\u00e9", "C\u00d6",
    "Dept", "s\u0130", "Ge", "Ap", "P\u00e9", "v\u00e9",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_splitter_equals_reference_on_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert split_sentences(text) == reference_split(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_splitter_equals_reference_on_any_text(text: str) -> None:
    assert split_sentences(text) == reference_split(text)


def test_splitter_equals_reference_on_invented_wire_copy() -> None:
    text = (
        "KORVAN, Estrava (AFP) \u2014 Gen. J. Smith of the U.S. army said 2 died. \u201cIt was "
        "over,\u201d he added.\nThe raid, on Feb. 3, hit Korvan... Then it rained!\r\n"
        "Tolls rose?  yes. No. 4 road was shut.\u3002\u300d\n\u4f60\u597d\u3002 \u4e16\u754c\u3002"
    )
    assert split_sentences(text) == reference_split(text)
    assert [text[s:e] for s, e in split_sentences(text)][:3] == [
        "KORVAN, Estrava (AFP) \u2014 Gen. J. Smith of the U.S. army said 2 died.",
        "\u201cIt was over,\u201d he added.",
        "The raid, on Feb. 3, hit Korvan...",
    ]


WORDS = ["Gen", "GEN", "Ge", "Gé", "Ap", "Approx", "Approxi", "P", "Pé", "v", "vé", "U.S", "Co",
         "Co\u212a", "s\u0130", "Sept", "Sep", "Kelvin", "7", "M\u00e9"]


def test_splitter_equals_reference_on_words_before_a_full_stop() -> None:
    for word in WORDS:
        for gap in [" ", "\n", " \u201c", "\n\n "]:
            for after in ["Next", "next", "\u4f60", "7"]:
                text = f"Then {word}.{gap}{after} came."
                assert split_sentences(text) == reference_split(text), text


def test_flags_read_characters_as_python_does() -> None:
    table = bmp_flags()
    chars = np.arange(0, BMP_END, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    spaces = {m.start() for m in re.finditer(r"\s", chars)}
    assert {int(k) for k in np.flatnonzero(table & _kernels.SPACE)} == spaces
    assert table[ord("a")] & _kernels.LOWER and table[ord("a")] & _kernels.LETTER
    assert not table[ord("7")] & _kernels.LETTER and table[0xB2] & _kernels.LETTER
    assert table[ord("\u2029")] & _kernels.BREAK and not table[ord(" ")] & _kernels.BREAK
    astral = flags_of(0x1D400, 0x1D401)
    assert astral[0] & _kernels.LETTER and not astral[0] & _kernels.LOWER
    lowered = table >> _kernels.LOWERED_SHIFT
    assert [int(lowered[ord(c)]) for c in "aA\u212a\u00e9-"] == [97, 97, 107, 0, 0]
    assert split_sentences("\U0001d400. \U0001d400.") == [(0, 5)]  # an initial: astral flags read


FIGURE_PIECES = [
    "7", "10,000", "1.5", "No.", "No", "#", "$", "\u20ac", "%", "per cent", "percent", "cent", "per",
    "million", "bn", "two", "Twenty", "a dozen", "one hundred", "-", "\u2013", "x", "Sept", " ",
    "\n", "\r\n", "\u2028", "\x85", ".", ",", "p", "m", "t", "\u0663", "b",
]


def check_lines(text: str) -> None:
    """The figure tokens of each line read alone are the text's, unless ``figure_lines``
    says a token may run across lines."""
    whole = figures.figure_tokens(text)
    starts = figures.figure_lines(text)
    if starts is None:
        return
    by_line = [
        ((s + a, s + b), value)
        for s, e in zip(starts, starts[1:], strict=False)
        for (a, b), value in figures.figure_tokens(text[s:e])
    ]
    assert by_line == whole, text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_PIECES), max_size=30))
def test_figure_tokens_line_by_line_equal_those_of_the_text(pieces: list[str]) -> None:
    check_lines("".join(pieces))


def test_figure_tokens_across_every_kind_of_line_break() -> None:
    across = ["5 per\ncent", "5\nmillion", "No.\n4", "no\n4", "$\n5", "5\n%", "5\npercent",
              "2\u2028trillion", "\u20ac\x855", "5\nmen, two"]
    for text in [*across, "5 per cent.\nThree"]:
        for whole in (text, f"The toll, {text} dead.\r\nThen"):
            check_lines(whole)
            # a token that may run across a break sends the reader to the whole text
            assert (figures.figure_lines(whole) is None) == (text in across), whole


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_PIECES), min_size=1, max_size=30), st.data())
def test_figures_around_a_span_hold_every_token_overlapping_it(pieces: list[str], data) -> None:
    text = "".join(pieces)
    lo = data.draw(st.integers(0, len(text) - 1))
    hi = data.draw(st.integers(lo + 1, len(text)))
    doc = Analysed.of(text)
    around = doc.figures_around(lo, hi)
    assert around == sorted(around)
    overlapping = [f for f in figures.figure_tokens(text) if f[0][0] < hi and lo < f[0][1]]
    assert [f for f in around if f[0][0] < hi and lo < f[0][1]] == overlapping


def test_a_figure_across_lines_reads_the_whole_text() -> None:
    text = "The toll was 5\nmillion, No.\n4 said."
    assert figures.figure_lines(text) is None
    assert Analysed.of(text).figures_around(12, 16) == figures.figure_tokens(text)
    assert figures.figure_tokens(text)[0] == ((13, 22), 5e6)
