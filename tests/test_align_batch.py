"""The batch path (align_candidates) against align_pair and the numpy/str reference, pair by pair.

The batch shares state between pairs (each article packed once, the n-gram table of ``b``
reused with generation stamps, scratch reused), so the corpora here are built to make that
state matter: several versions of one text (reordered, swapped, cut, extended), the same
article in many pairs on both sides, pairs repeated or reversed, an article paired with
itself, empty and tiny articles, and Unicode text whose char offsets are code points
(accents, Arabic, CJK, an emoji, a lone surrogate; Arabic and CJK sentence ends).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.align import chain_runs, exact_runs, extend_to_sentences, select_runs
from wiretrace import align as align_module
from wiretrace.align import align_candidates, align_pair, aligned_batches
from wiretrace.align._kernels import Settings, fill_table, hashes_into, new_table, pair_passages
from wiretrace.model import Article, Pair, Passage
from wiretrace.text import text_batch, tokenize

WORDS = ["rain", "town", "río", "señor", "café", "Straße", "مدينة", "قالت", "東京", "naïve"]
WORDS += ["river", "mayor", "bridge", "said", "flood", "police"]
SEPARATORS = [" ", " ", " ", " ", ", ", ". ", "? ", "\n", "؟ ", "۔ ", "。", " 😀 ", " — ", "! "]
PREFIXES = ["", "😀 ", "Ünï ", "\n", "\ud800 ", "«مدينة» "]
OPTIONS = dict(min_words=5, min_extra_words=3)


def reference_pair(a: Article, b: Article, *, min_words=12, min_extra_words=6, ngram=4,
                   max_gap=6) -> Pair | None:  # fmt: skip
    """align_pair as the readable modules define it (numpy seeds and chains, str extension),
    on the same tokens as the batch path (the tokenizer is tested on its own)."""
    ta, tb = tokenize(a.text), tokenize(b.text)
    runs = exact_runs(ta.ids, tb.ids, n=ngram)
    if len(runs) == 0 or int(runs[:, 2].sum()) < min_words:
        return None
    found = chain_runs(select_runs(runs, ngram, len(ta), len(tb)), max_gap)
    if not found or max(p[4] for p in found) < min_words:
        return None
    found = [p for p in found if p[4] >= min(min_words, min_extra_words)]
    found = extend_to_sentences(found, a.text, ta, b.text, tb, max_gap)
    return Pair(
        a=a.id,
        b=b.id,
        relation="reuse",
        shared_fraction_a=min(1.0, sum(p[1] - p[0] for p in found) / len(ta)),
        shared_fraction_b=min(1.0, sum(p[3] - p[2] for p in found) / len(tb)),
        passages=[
            Passage(
                a=(int(ta.starts[a0]), int(ta.ends[a1 - 1])),
                b=(int(tb.starts[b0]), int(tb.ends[b1 - 1])),
            )
            for a0, a1, b0, b1, _ in found
        ],
    )


def text_from(picks: list[tuple[int, int]]) -> str:
    return "".join(WORDS[w] + SEPARATORS[s] for w, s in picks)


@st.composite
def versions(draw) -> list[str]:
    """Versions of one random text: each rotated (paragraph reorder), with swapped words, a
    cut, an insertion and a repeated stretch, behind a prefix that shifts the char offsets."""
    vocabulary = draw(st.sampled_from([3, 5, len(WORDS)]))  # small: n-grams seen twice or more
    word = st.integers(0, vocabulary - 1)
    pick = st.tuples(word, st.integers(0, len(SEPARATORS) - 1))
    base = draw(st.lists(pick, max_size=120))
    texts = []
    for _ in range(draw(st.integers(1, 5))):
        words = list(base)
        if words and draw(st.booleans()):
            cut = draw(st.integers(0, len(words)))
            words = words[cut:] + words[:cut]
        for _ in range(draw(st.integers(0, 4))):
            if words:
                at = draw(st.integers(0, len(words) - 1))
                words[at] = (draw(word), words[at][1])
        if words and draw(st.booleans()):
            start = draw(st.integers(0, len(words) - 1))
            del words[start : draw(st.integers(start, len(words)))]
        at = draw(st.integers(0, len(words)))
        words[at:at] = draw(st.lists(pick, max_size=12))
        if words and draw(st.booleans()):  # a repeated paragraph: n-grams seen twice in b
            start = draw(st.integers(0, len(words) - 1))
            end = draw(st.integers(start, len(words)))
            words[end:end] = words[start:end]
        texts.append(draw(st.sampled_from(PREFIXES)) + text_from(words))
    return texts


def articles_of(texts: list[str]) -> list[Article]:
    return [Article(id=f"v{k}", source=f"v{k}", index=1, text=t) for k, t in enumerate(texts)]


def one_by_one(articles, tokens, candidates, **options) -> list[Pair]:
    found = [align_pair(articles[x], tokens[x], articles[y], tokens[y], **options)
             for x, y in candidates]  # fmt: skip
    return [pair for pair in found if pair is not None]


@settings(max_examples=150, deadline=None)
@given(versions(), st.data())
def test_batch_equals_align_pair_and_reference(texts, data):
    articles = articles_of(texts)
    tokens = [tokenize(a.text) for a in articles]
    n = len(articles)
    candidates = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
    options = data.draw(
        st.sampled_from([OPTIONS, {}, dict(min_words=8, min_extra_words=4, ngram=3, max_gap=2)])
    )
    batch = align_candidates(articles, tokens, candidates, **options)
    assert batch == one_by_one(articles, tokens, candidates, **options)
    reference = [reference_pair(articles[x], articles[y], **options) for x, y in candidates]
    # the reference defines what is shared; reuse or same-event is align.evidence's rule
    # (tests/test_align_quotes.py)
    assert [shared(p) for p in batch] == [shared(p) for p in reference if p is not None]


def shared(pair: Pair) -> tuple:
    return pair.a, pair.b, pair.shared_fraction_a, pair.shared_fraction_b, pair.passages


def test_batch_of_stories_equals_reference_pair_by_pair(monkeypatch):
    """Three stories of four versions, every pair within a story and across stories, both
    orders, in two calls of batches of 5 pairs (a story's articles span batches): the same
    article sits in many pairs as ``a`` and as ``b``."""
    rng = np.random.default_rng(7)
    texts = []
    for _ in range(3):
        base = [(int(w), int(s)) for w, s in rng.integers(0, [len(WORDS), len(SEPARATORS)],
                                                          size=(150, 2))]  # fmt: skip
        for v in range(4):
            words = base[v * 10 :] + base[: v * 10]  # rotated
            words[v * 7] = (int(rng.integers(len(WORDS))), words[v * 7][1])  # a swap
            texts.append(PREFIXES[v] + text_from(words[: 150 - v * 5]))  # a cut at the end
    articles = articles_of(texts)
    tokens = [tokenize(a.text) for a in articles]
    candidates = [(x, y) for x in range(len(texts)) for y in range(len(texts)) if x != y]
    expected = [reference_pair(articles[x], articles[y], **OPTIONS) for x, y in candidates]
    expected = [pair for pair in expected if pair is not None]
    assert len(expected) >= 36  # at least every pair within a story
    assert align_candidates(articles, tokens, candidates, **OPTIONS) == expected
    batch = text_batch([a.text for a in articles], tokens)  # the pipeline's: every article
    assert align_candidates(articles, tokens, candidates, batch=batch, **OPTIONS) == expected
    monkeypatch.setattr(align_module, "BATCH", 5)
    steps = list(aligned_batches(articles, tokens, candidates, batch=batch, **OPTIONS))
    assert len(steps) == -(-len(candidates) // 5)
    assert [pair for step in steps for pair in step] == expected
    half = len(candidates) // 2
    found = align_candidates(articles, tokens, candidates[:half], **OPTIONS)
    found += align_candidates(articles, tokens, candidates[half:], **OPTIONS)
    assert found == expected


def test_offsets_are_code_points_after_astral_and_arabic_text():
    """An emoji (one code point, two UTF-16 units, four UTF-8 bytes) and Arabic text before
    the shared passage: its spans must still slice the very words out of each text."""
    shared = (
        "Heavy rain flooded the old town of Kellby on Monday and the river rose above the "
        "bridge, the mayor said."
    )
    a = Article(id="a", source="a", index=1, text="😀 قالت مصادر أمنية؟ " + shared)
    b = Article(id="b", source="b", index=1, text="Breaking 😀😀 news. " + shared + " Ende.")
    [pair] = align_candidates([a, b], [tokenize(a.text), tokenize(b.text)], [(0, 1)])
    [passage] = pair.passages
    assert a.text[slice(*passage.a)] == shared[:-1]
    assert b.text[slice(*passage.b)] == shared[:-1]
    assert pair == reference_pair(a, b)


def test_arabic_and_cjk_sentence_ends_bound_the_extension():
    """A swap at a sentence start is taken in up to the sentence end before it, whatever the
    script of that end ("؟", "。"), as in :mod:`extend`."""
    tail = " ".join(f"word{k}" for k in range(20))
    a = Article(id="a", source="a", index=1, text="قالت مصادر؟ Rebel fighters seized " + tail)
    b = Article(id="b", source="b", index=1, text="東京の雨。Insurgents seized " + tail)
    [pair] = align_candidates([a, b], [tokenize(a.text), tokenize(b.text)], [(0, 1)])
    assert a.text[slice(*pair.passages[0].a)].startswith("Rebel fighters seized")
    assert b.text[slice(*pair.passages[0].b)].startswith("Insurgents seized")
    assert pair == reference_pair(a, b)


def test_empty_tiny_and_self_pairs_in_one_batch():
    full = Article(id="f", source="f", index=1, text=text_from([(k % 16, 0) for k in range(60)]))
    empty = Article(id="e", source="e", index=1, text="")
    tiny = Article(id="t", source="t", index=1, text="rain town")
    articles = [full, empty, tiny, full]
    tokens = [tokenize(a.text) for a in articles]
    candidates = [(0, 1), (1, 0), (1, 1), (0, 2), (2, 0), (0, 0), (0, 3), (3, 0)]
    found = align_candidates(articles, tokens, candidates)
    assert found == one_by_one(articles, tokens, candidates)
    assert [(p.a, p.b) for p in found] == [("f", "f")] * 3
    assert align_candidates(articles, tokens, []) == []


def test_candidates_may_be_any_iterable_and_options_are_checked():
    a = Article(id="a", source="a", index=1, text=text_from([(k % 16, 0) for k in range(40)]))
    articles, tokens = [a, a], [tokenize(a.text)] * 2
    assert align_candidates(articles, tokens, iter([(0, 1)])) == align_candidates(
        articles, tokens, [(0, 1)]
    )
    with pytest.raises(TypeError):
        align_candidates(articles, tokens, [(0, 1)], min_word=3)


def test_runs_beyond_the_scratch_are_still_all_found():
    """More runs than the scratch holds force the retry with more rows, in the batch (room
    for 4 runs per word) and with a scratch of one row: same passages as the reference.

    ``b`` repeats a de Bruijn sequence 8 times, so every bigram of ``a`` seeds 8 times (not
    too frequent) and most seeds start a run."""
    rng = np.random.default_rng(3)
    a = rng.integers(0, 3, size=300).astype(np.uint32)
    b = np.array([0, 0, 1, 0, 2, 1, 1, 2, 2] * 8, dtype=np.uint32)
    assert len(exact_runs(a, b, n=2)) > 4 * len(a) + 16
    expected = chain_runs(select_runs(exact_runs(a, b, n=2), 2, len(a), len(b)), 1)
    assert max(p[4] for p in expected) >= 3

    ha, hb = np.empty(len(a), np.int64), np.empty(len(b), np.int64)
    ha, hb = ha[: hashes_into(a, 2, ha)], hb[: hashes_into(b, 2, hb)]
    table = new_table(len(hb))
    fill_table(table, hb, 1)
    used_a, used_b = np.zeros(len(a) + 1, np.int64), np.zeros(len(b) + 1, np.int64)
    scratch = np.empty((1, 3), np.int64)
    found = pair_passages(table, 1, ha, hb, used_a, used_b, 1, scratch, Settings(2, 8, 3, 2, 1))
    assert [tuple(p) for p in found.tolist()] == [p for p in expected if p[4] >= 2]

    x, y = (Article(id=k, source=k, index=1, text=" ".join(f"w{i}" for i in ids))
            for k, ids in (("a", a), ("b", b)))  # fmt: skip
    options = dict(ngram=2, min_words=3, min_extra_words=2, max_gap=1)
    pairs = align_candidates([x, y], [tokenize(x.text), tokenize(y.text)], [(0, 1)], **options)
    assert pairs == [reference_pair(x, y, **options)]
