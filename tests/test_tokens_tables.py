"""The code-point table and the batch paths of the tokenizer: ASCII texts folded in the
kernel, other texts lowered in Python, astral code points loading the full table."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.tokens import tokenize_reference
from wiretrace import text as text_module
from wiretrace.text import (
    BMP_END,
    QUOTES,
    UNICODE_END,
    WORD,
    Tokens,
    all_classes,
    bmp_classes,
    tokenize,
    tokenize_many,
)

ASCII = "abcXYZ019 \n\t.,;:!?-_'`\"()"
ASTRAL = "\U0001d400\U0001d41a\U00010400\U00010428\U0001f600\U00020000\U000e0041"


def same(a: Tokens, b: Tokens) -> bool:
    return (a.ids.dtype == b.ids.dtype and a.starts.dtype == b.starts.dtype
            and np.array_equal(a.ids, b.ids) and np.array_equal(a.starts, b.starts)
            and np.array_equal(a.ends, b.ends))


def test_table_agrees_with_the_regex_on_every_code_point() -> None:
    word = re.compile(WORD)
    table = all_classes()
    assert table.shape == (UNICODE_END,) and np.array_equal(table[:BMP_END], bmp_classes())
    apostrophes = {ord(c) for c in "'" + QUOTES}
    expected = np.fromiter(
        (2 if cp in apostrophes else 1 if word.fullmatch(chr(cp)) else 0
         for cp in range(UNICODE_END)),
        dtype=np.uint8, count=UNICODE_END,
    )
    mismatch = np.flatnonzero(table != expected)
    assert mismatch.size == 0, [hex(int(c)) for c in mismatch[:10]]


def test_astral_text_loads_the_full_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "_astral_seen", False)
    texts = ["Plain ASCII text, 42 words", "Straße \U0001d400\U0001d41ab \U00010400x \U0001f600!"]
    assert same(tokenize_many(texts[:1])[0], tokenize_reference(texts[0]))
    assert not text_module._astral_seen
    for text, toks in zip(texts, tokenize_many(texts), strict=True):
        assert same(toks, tokenize_reference(text))
    assert text_module._astral_seen
    assert same(tokenize(texts[1]), tokenize_reference(texts[1]))


@pytest.mark.parametrize("text", [
    "a b c d e f g", "a", "ab", "a'b'c d'e", "A" * 1000, "I'M LOUD", "x\u00b4y z`w",
    "ΣΑΣ σας Σ", "İstanbul ΣΑΣ", "\U00010400\U00010401 \U0001d400", "K\u212a", "",
])
def test_edge_texts_alone_and_in_batches(text: str) -> None:
    ref = tokenize_reference(text)
    assert same(tokenize(text), ref)
    batch = tokenize_many([text, "Tail TEXT", text], chunk_chars=3)
    assert same(batch[0], ref) and same(batch[2], ref)
    assert same(batch[1], tokenize_reference("Tail TEXT"))


def test_densest_texts_fill_the_buffers_exactly() -> None:
    texts = ["a b c", "a", "a b", "x y z w v", "q"] * 50  # ceil(n / 2) tokens each
    for text, toks in zip(texts, tokenize_many(texts), strict=True):
        assert len(toks) == (len(text) + 1) // 2 and same(toks, tokenize_reference(text))


mixed_texts = st.one_of(
    st.text(alphabet=ASCII, max_size=80),
    st.text(alphabet=ASCII + "äÖß’“—İΣσ\u0301قَ" + ASTRAL, max_size=80),
    st.text(max_size=40),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(mixed_texts, max_size=10), st.integers(1, 200))
def test_batches_of_ascii_and_unicode_texts_equal_the_reference(texts: list[str],
                                                                chunk: int) -> None:
    batch = tokenize_many(texts, chunk_chars=chunk)
    assert len(batch) == len(texts)
    for text, toks in zip(texts, batch, strict=True):
        assert same(toks, tokenize_reference(text))
