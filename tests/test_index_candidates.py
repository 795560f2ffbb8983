"""find_candidates against a plain-Python definition: buckets grouped in a dict, shingle
sets as Python sets; on every path (sets kept or recomputed, threads, small blocks)."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from wiretrace.index import candidates
from wiretrace.index.candidates import Candidate, find_candidates
from wiretrace.index.lsh import REPS, STAR_ABOVE, doc_bits, pack
from wiretrace.index.shingles import shingles
from wiretrace.index.sketch import DEFAULT_PARAMS, SketchParams, sketch_keys
from wiretrace.index.tokens import Tokens, tokenize_many


def corpus(seed: int, n: int = 60) -> list[str]:
    """Stories, partial and edited reprints of them, and short or empty texts."""
    rng = random.Random(seed)
    words = ["".join(rng.choice("aeioubdfgklmnprst") for _ in range(rng.randint(2, 8)))
             for _ in range(300)]
    stories = [" ".join(rng.choice(words) for _ in range(rng.randint(30, 400)))
               for _ in range(n // 3)]
    texts = list(stories)
    for story in stories:
        tokens = story.split()
        cut = tokens[rng.randrange(len(tokens)) :] if rng.random() < 0.5 else tokens
        edited = [rng.choice(words) if rng.random() < 0.05 else t for t in cut]
        texts.append(" ".join(edited))
    texts += ["", "one", "two words", "the same short title here", "the same short title here"]
    rng.shuffle(texts)
    return texts


def reference(tokens: list[Tokens], params: SketchParams) -> list[Candidate]:
    keys, docs = sketch_keys(tokens, params)
    bits = doc_bits(len(tokens))
    buckets: dict[int, set[int]] = {}
    for v in pack(keys, docs, bits).tolist():
        buckets.setdefault(v >> bits, set()).add(v & ((1 << bits) - 1))
    pairs = {(x, y) for b in buckets.values()
             for x in (b if len(b) <= STAR_ABOVE else sorted(b)[:REPS])
             for y in b if x < y}
    sets = [set(shingles(t.ids, params.k).tolist()) for t in tokens]
    found = []
    for i, j in sorted(pairs):
        shared = len(sets[i] & sets[j])
        smaller = min(len(sets[i]), len(sets[j]))
        needed = min(params.min_shared, max(1, int(np.ceil(0.8 * smaller))))
        cont = shared / smaller if smaller else 0.0
        if shared >= needed and cont >= params.min_containment and shared > 0:
            found.append(Candidate(i, j, cont))
    return found


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("keep", [True, False])
def test_find_candidates_equals_the_python_definition(
    seed: int, keep: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(candidates, "KEEP_SETS_SHINGLES", 1 << 40 if keep else 0)
    tokens = tokenize_many(corpus(seed))
    expected = reference(tokens, DEFAULT_PARAMS)
    assert len(expected) > 10
    assert find_candidates(tokens) == expected
    small = replace(DEFAULT_PARAMS, block=7)
    assert find_candidates(tokens, params=small, jobs=2) == expected
    assert find_candidates(tokens, params=small) == expected


def test_other_settings_equal_the_python_definition() -> None:
    tokens = tokenize_many(corpus(3))
    params = replace(DEFAULT_PARAMS, k=4, bands=8, rows=2, spacing=6, width=12, block=16,
                     max_bucket=5, min_shared=5)
    assert find_candidates(tokens, params=params) == reference(tokens, params)
