"""A story stored in more copies than ``max_bucket`` is still matched (never skipped)."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from wiretrace.index.archive import Archive
from wiretrace.index.sketch import DEFAULT_PARAMS
from wiretrace.model import Article
from wiretrace.text import tokenize_many

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vu", "pel", "dor", "an", "si", "ur", "be"]


def story(seed: int, words: int = 300) -> list[str]:
    rng = random.Random(seed)
    vocab = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(300)]
    return [rng.choice(vocab) for _ in range(words)]


def copy(words: list[str], n: int) -> str:
    edited = list(words)
    edited[(n * 37) % len(edited)] = f"edit{n}"  # every copy lightly edited, each its own way
    return " ".join(edited) + "."


def test_a_story_in_more_stored_copies_than_max_bucket_is_still_matched(tmp_path: Path) -> None:
    params = dataclasses.replace(DEFAULT_PARAMS, max_bucket=4)
    words = story(5)
    texts = [copy(words, n) for n in range(12)]  # 12 copies: every bucket of it is "big"
    arts = [Article(id=f"c{n}#1", source=f"c{n}", index=1, paragraphs=[t], text=t)
            for n, t in enumerate(texts)]
    with Archive(tmp_path / "a.sqlite", params) as archive:
        archive.add(arts, tokenize_many(texts))
        found = archive.match(tokenize_many([copy(words, 99), copy(story(6), 1)]))
    assert {i for i, _, _ in found} == {0}  # the new copy matches; the unrelated text does not
    assert len(found) >= 1 and all(c > 0.9 for _, _, c in found)
