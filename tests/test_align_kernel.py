"""The compiled alignment (align._kernels) against its numpy specification (seeds, chain, extend)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.align import chain_runs, exact_runs, extend_to_sentences, select_runs
from wiretrace.align import align_ids, align_pair
from wiretrace.model import Article
from wiretrace.text import tokenize

WORDS = ["rain", "town", "river", "mayor", "bridge", "rose", "said", "flood"]
SEPARATORS = [" ", " ", " ", " ", ", ", ". ", "? ", "\n"]


def reference_ids(a, b, min_words, min_extra_words, ngram, max_gap):
    """align_ids as the numpy modules define it."""
    runs = exact_runs(a, b, n=ngram)
    if len(runs) == 0 or int(runs[:, 2].sum()) < min_words:
        return []
    passages = chain_runs(select_runs(runs, ngram, len(a), len(b)), max_gap)
    if not passages or max(p[4] for p in passages) < min_words:
        return []
    return [p for p in passages if p[4] >= min(min_words, min_extra_words)]


def text_from(picks: list[tuple[int, int]]) -> str:
    return "".join(WORDS[w] + SEPARATORS[s] for w, s in picks)


words = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=120)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 2**32 - 1), max_size=150),
    st.lists(st.integers(0, 2**32 - 1), max_size=150),
    st.integers(2, 12),
    st.integers(2, 5),
    st.integers(0, 6),
)
def test_align_ids_equals_numpy_reference(xs, ys, vocab, ngram, max_gap):
    """Small vocabularies give repeats, frequent n-grams (> 8 in b), crossing and nested runs."""
    a = np.array([x % vocab for x in xs], dtype=np.uint32)
    b = np.array([y % vocab for y in ys], dtype=np.uint32)
    expected = reference_ids(a, b, 6, 4, ngram, max_gap)
    assert align_ids(a, b, min_words=6, min_extra_words=4, ngram=ngram, max_gap=max_gap) == expected


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 9), min_size=10, max_size=120),
    st.lists(st.tuples(st.integers(0, 119), st.integers(1, 40), st.integers(0, 9)), max_size=8),
    st.integers(2, 5),
    st.integers(0, 6),
)
def test_align_ids_on_copied_slices_equals_numpy_reference(xs, pieces, ngram, max_gap):
    """``b`` glues (repeated, overlapping) slices of ``a`` with a word between: long runs that
    compete for the same words, so selection splits them and chaining has rival links."""
    ys: list[int] = []
    for start, length, glue in pieces:
        ys += xs[start : start + length] + [glue]
    a, b = np.array(xs, dtype=np.uint32), np.array(ys, dtype=np.uint32)
    expected = reference_ids(a, b, 6, 4, ngram, max_gap)
    assert align_ids(a, b, min_words=6, min_extra_words=4, ngram=ngram, max_gap=max_gap) == expected


@settings(max_examples=150, deadline=None)
@given(words, words, st.integers(0, 30), st.integers(0, 30))
def test_align_pair_equals_numpy_reference(pa, pb, cut_a, cut_b):
    """Texts sharing a block with different edges, extended over sentence boundaries."""
    shared = text_from(pa)
    a = Article(id="a", source="a", index=1, text=text_from(pb[:cut_a]) + shared)
    b = Article(id="b", source="b", index=1, text="Ünï " + shared + text_from(pb[cut_b:]))
    ta, tb = tokenize(a.text), tokenize(b.text)
    pair = align_pair(a, ta, b, tb, min_words=5, min_extra_words=4)
    found = reference_ids(ta.ids, tb.ids, 5, 4, 4, 6)
    if not found:
        assert pair is None
        return
    found = extend_to_sentences(found, a.text, ta, b.text, tb, 6)
    spans = [
        ((int(ta.starts[a0]), int(ta.ends[a1 - 1])), (int(tb.starts[b0]), int(tb.ends[b1 - 1])))
        for a0, a1, b0, b1, _ in found
    ]
    assert pair is not None
    assert [(p.a, p.b) for p in pair.passages] == spans
    assert pair.shared_fraction_a == min(1.0, sum(p[1] - p[0] for p in found) / len(ta))
    assert pair.shared_fraction_b == min(1.0, sum(p[3] - p[2] for p in found) / len(tb))


def test_cheapest_link_wins_over_earlier_run():
    """Runs X, Y, Z: X could precede Z (cost 8) but Y -> Z is cheaper (cost 7) and wins."""
    x, y, z = list(range(1, 7)), list(range(11, 17)), list(range(21, 27))
    a = np.array(x + [99] + y + z, dtype=np.uint32)
    b = np.array(y + x + [98] + z, dtype=np.uint32)
    expected = [(0, 6, 6, 12, 6), (7, 19, 0, 19, 12)]
    assert reference_ids(a, b, 6, 4, 4, 10) == expected
    assert align_ids(a, b, min_words=6, min_extra_words=4, max_gap=10) == expected


def test_ngram_seen_up_to_eight_times_in_b_still_seeds():
    """An n-gram occurring 8 times in ``b`` seeds runs; at 9 times it is boilerplate."""
    phrase = list(range(1, 13))
    a = np.array(phrase, dtype=np.uint32)
    for times, found in ((8, True), (9, False)):
        b = np.array((phrase + [99]) * times, dtype=np.uint32)
        assert bool(align_ids(a, b)) is found
        assert align_ids(a, b) == reference_ids(a, b, 12, 6, 4, 6)
