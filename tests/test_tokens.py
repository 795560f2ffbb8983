"""The fast tokenizer must give exactly the reference tokenizer's output, on any text."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.tokens import tokenize_reference
from wiretrace.text import (
    DASHES,
    DQUOTES,
    QUOTES,
    Tokens,
    all_classes,
    tokenize,
    tokenize_many,
    word_id,
)

# Pieces of several scripts plus the characters the tokenizer treats specially.
ALPHABET = (
    "abcXYZ019 \n\t.,;:!?-_'\"()"
    "äöüßÄÖÜẞ"  # German
    "ñáéíóúü¿¡"  # Spanish
    "àâçèêëîïôœùûÿ"  # French
    "قالالجيشفيبيانإنَُِّٰ"  # Arabic letters and harakat
    "\u0301\u0308İıΣσς"  # combining accents, dotted I, Greek sigma
    "٣٤"  # Arabic-Indic digits
    + QUOTES
    + DQUOTES
    + DASHES
)


def same(a: Tokens, b: Tokens) -> bool:
    return (
        a.ids.dtype == b.ids.dtype == np.uint32
        and a.starts.dtype == b.starts.dtype == np.int32
        and a.ends.dtype == b.ends.dtype == np.int32
        and np.array_equal(a.ids, b.ids)
        and np.array_equal(a.starts, b.starts)
        and np.array_equal(a.ends, b.ends)
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200))
def test_fast_equals_reference_on_mixed_scripts(text: str) -> None:
    assert same(tokenize(text), tokenize_reference(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_fast_equals_reference_on_any_unicode(text: str) -> None:
    assert same(tokenize(text), tokenize_reference(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=60), max_size=8))
def test_batch_equals_one_by_one(texts: list[str]) -> None:
    for batch in (tokenize_many(texts), tokenize_many(texts, chunk_chars=40)):
        assert len(batch) == len(texts)
        for text, toks in zip(texts, batch, strict=True):
            assert same(toks, tokenize_reference(text))


def test_known_tokens_offsets_and_ids() -> None:
    text = "Daesh’s fighters — 20 of them; Straße İstanbul l’été «Großen» قالَ"
    toks = tokenize(text)
    words = [text[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)]
    assert words == ["Daesh’s", "fighters", "20", "of", "them", "Straße", "İstanbul",
                     "l’été", "Großen", "قالَ"]
    assert toks.ids[0] == word_id("daesh's")  # curly apostrophe folded, case folded
    assert toks.ids[1] == word_id("fighters")


def test_apostrophe_rule_and_modifier_letter() -> None:
    # U+02BC is a letter for \w but folds to an apostrophe first.
    for text, expected in [("a''b", ["a", "b"]), ("'tis x'", ["tis", "x"]),
                           ("don\u02bct", ["don\u02bct"]), ("rock`n`roll", ["rock`n`roll"])]:
        toks = tokenize(text)
        assert [text[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)] == expected


def test_char_classes_cover_unicode() -> None:
    table = all_classes()
    assert table.shape == (0x110000,)
    assert table[ord("a")] == 1 and table[ord("_")] == 0 and table[ord("'")] == 2
    assert table[0x064E] == 1  # Arabic fatha is part of a word
    assert table[0xD800] == 0  # a lone surrogate is not


def test_empty_batch_and_empty_text() -> None:
    assert tokenize_many([]) == []
    assert len(tokenize("")) == 0 and len(tokenize(" \n—")) == 0
