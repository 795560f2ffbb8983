"""The compare stage's compiled sentence splitter against its plain Python definition."""

from __future__ import annotations

import importlib
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numba.core.registry import CPUDispatcher

from reference.sentences import split_sentences as reference_split
from wiretrace.compare import _kernels
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


def test_compiled_functions_call_only_their_own_file() -> None:
    module = importlib.import_module("wiretrace.compare._kernels")
    compiled = [v for v in vars(module).values() if isinstance(v, CPUDispatcher)]
    assert compiled
    assert {v.py_func.__module__ for v in compiled} == {module.__name__}
