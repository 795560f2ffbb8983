"""Candidates: partial, edited reprints are found; unrelated texts on one topic are not."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from benchmarks.stagewise import candidate_pairs, jaccard, minhash, shingles

from wiretrace.index import find_candidates
from wiretrace.index.sketch import Permutations, sketch_keys
from wiretrace.text import tokenize_many

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vu", "pel", "dor", "an", "si", "ur", "be", "nok",
             "fa", "tri", "gel", "mo", "za", "pi", "ste"]
FUNCTION = ["the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "said", "was",
            "by", "at", "from", "is", "as", "were"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def paragraph(rng: random.Random, words: list[str], sentences: int = 3) -> str:
    out = []
    for _ in range(sentences):
        n = rng.randint(12, 22)
        sent = [rng.choice(FUNCTION) if rng.random() < 0.35 else rng.choice(words)
                for _ in range(n)]
        out.append(" ".join(sent).capitalize() + ".")
    return " ".join(out)


def story(seed: int, paragraphs: int = 10, topic: list[str] | None = None) -> list[str]:
    rng = random.Random(seed)
    words = vocabulary(rng, 400) + (topic or [])
    return [paragraph(rng, words) for _ in range(paragraphs)]


def pairs(texts: list[str], **kw) -> set[tuple[int, int]]:
    return {(c.i, c.j) for c in find_candidates(tokenize_many(texts), **kw)}


def test_shingles_count_and_order_sensitivity() -> None:
    ids = np.arange(10, dtype=np.uint32)
    assert len(shingles(ids)) == 6 and shingles(ids).dtype == np.uint64
    assert len(shingles(ids[:3])) == 1  # short text: one shingle, not none
    assert len(shingles(ids[:0])) == 0
    assert shingles(ids)[0] != shingles(ids[[1, 0, 2, 3, 4]])[0]
    assert len(set(shingles(ids).tolist())) == 6


def test_identical_sets_identical_signatures() -> None:
    perms = Permutations(num_perm=64, seed=3)
    sh = shingles(np.arange(100, dtype=np.uint32))
    assert np.array_equal(minhash(sh, perms), minhash(sh[::-1].copy(), perms))
    assert not np.array_equal(minhash(sh, perms), minhash(sh, Permutations(64, seed=4)))


@pytest.mark.parametrize("overlap", [0.2, 0.5, 0.8])
def test_estimated_jaccard_close_to_true(overlap: float) -> None:
    perms = Permutations(num_perm=512, seed=7)
    rng = np.random.default_rng(int(overlap * 10))
    universe = rng.integers(0, 2**63, size=4000, dtype=np.uint64)
    common = int(1000 * overlap)
    a = universe[:1000]
    b = np.concatenate([universe[:common], universe[1000 : 2000 - common]])
    true = common / (2000 - common)
    assert abs(jaccard(minhash(a, perms), minhash(b, perms)) - true) < 0.07


def test_candidate_pairs_groups_and_stars_big_buckets() -> None:
    k5, k8, k9 = (np.uint64(x) << np.uint64(40) for x in (5, 8, 9))  # keys are hashes
    keys = np.array([k5, k5, k5, k8, k8, k9], dtype=np.uint64)
    docs = np.array([0, 1, 1, 1, 2, 3])
    i, j = candidate_pairs(keys, docs, star_above=10)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 1), (1, 2)]
    # one giant bucket: never dropped; each member is paired with the first 3 members
    i, j = candidate_pairs(np.zeros(50, np.uint64), np.arange(50), star_above=10, reps=3)
    assert len(i) == 3 + 3 * 47 and set(j.tolist()) == set(range(1, 50))
    assert set(i.tolist()) == {0, 1, 2}
    i, _ = candidate_pairs(np.zeros(50, np.uint64), np.arange(50), star_above=None)
    assert len(i) == 50 * 49 // 2  # every pair, as --all-pairs asks


def test_half_story_reprint_is_found() -> None:
    wire = story(1, paragraphs=12)
    half = wire[:6]
    tail = wire[6:]
    other = story(2)
    texts = ["\n\n".join(wire), "\n\n".join(other), "\n\n".join(half), "\n\n".join(tail)]
    assert pairs(texts) == {(0, 2), (0, 3)}
    found = {(c.i, c.j): c.containment for c in find_candidates(tokenize_many(texts))}
    assert found[(0, 2)] > 0.95


def test_paragraphs_glued_into_other_text_are_found() -> None:
    wire = story(3, paragraphs=14)
    host = story(4, paragraphs=12)
    glued = host[:5] + [wire[9], wire[2]] + host[5:]  # two paragraphs, reordered
    texts = ["\n\n".join(wire), "\n\n".join(glued), "\n\n".join(host[:4])]
    assert (0, 1) in pairs(texts)
    assert (0, 2) not in pairs(texts)


def test_edited_reprint_with_swaps_cuts_and_inserts() -> None:
    rng = random.Random(5)
    wire = story(5, paragraphs=10)
    edited = [p for k, p in enumerate(wire) if k not in (3, 7)]  # cuts
    edited[1], edited[4] = edited[4], edited[1]  # reorder
    edited.insert(2, story(6, paragraphs=1)[0])  # another agency's paragraph
    words = "\n\n".join(edited).split(" ")
    for _ in range(25):  # word swaps all over
        words[rng.randrange(len(words))] = "Daesh"
    texts = ["\n\n".join(wire), " ".join(words)]
    assert pairs(texts) == {(0, 1)}


def test_unrelated_articles_on_the_same_topic_are_not_paired() -> None:
    rng = random.Random(8)
    topic = vocabulary(rng, 30)  # shared names and places
    stock = "said in a statement on tuesday that the"
    texts = [
        "\n\n".join(p + " " + stock.capitalize() + " " + rng.choice(topic) + "."
                    for p in story(seed, paragraphs=8, topic=topic * 3))
        for seed in range(10, 22)
    ]
    assert pairs(texts) == set()


def test_date_window_drops_distant_pairs_but_not_undated_ones() -> None:
    wire = "\n\n".join(story(9, paragraphs=8))
    texts = [wire, wire, wire, wire]
    dates = ["2017-09-27", "2017-09-29", "2018-01-01", None]
    assert pairs(texts) == {(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)}
    assert pairs(texts, dates=dates, window_days=3) == {(0, 1), (0, 3), (1, 3), (2, 3)}


def test_jobs_and_blocks_do_not_change_the_result() -> None:
    texts = ["\n\n".join(story(s, paragraphs=6)) for s in range(30, 40)]
    texts += [t[: len(t) // 2] for t in texts]
    toks = tokenize_many(texts)
    one = find_candidates(toks)
    assert {(c.i, c.j) for c in one} == {(k, k + 10) for k in range(10)}
    from dataclasses import replace

    from wiretrace.index.sketch import DEFAULT_PARAMS

    small = replace(DEFAULT_PARAMS, block=3)
    assert find_candidates(toks, jobs=2, params=small) == one
    keys, docs = sketch_keys(toks, small)
    assert np.array_equal(np.sort(keys), np.sort(sketch_keys(toks)[0]))
    assert set(docs.tolist()) == set(range(20))


def test_empty_and_tiny_texts() -> None:
    assert find_candidates([]) == []
    assert pairs(["", "", "one word"]) == set()
    assert pairs(["Breaking: flood warning issued", "Breaking: flood warning issued"]) == {(0, 1)}


def test_seed_versions_are_paired(seeds_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    found = pairs(texts)
    assert len(texts) == 2 and found == {(0, 1)}
