"""The compare stage on the two Ramadi versions in ../shared/seeds (skipped when absent).

Checks every point of the first paragraph of issue 4. The pages are split crudely here (this
test is about the compare stage, not cleaning): the second page's second article starts at
its headline line; page chrome is dropped by keeping lines of six words or more that occur
once and do not end in a parenthesised credit.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from wiretrace.compare import explain_pair, explain_story
from wiretrace.model import Article, Pair, Story

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FIRST, SECOND = "000_2242158b115b75a8.txt", "002_891f048a54a096e6.txt"


def body(lines: list[str]) -> str:
    counts = Counter(line.strip() for line in lines)
    kept = [
        line.strip()
        for line in lines
        if len(line.split()) >= 6 and counts[line.strip()] == 1 and not line.rstrip().endswith(")")
    ]
    return "\n\n".join(kept)


@pytest.fixture(scope="module")
def versions() -> tuple[Article, Article]:
    if not (SEEDS / FIRST).is_file() or not (SEEDS / SECOND).is_file():
        pytest.skip(f"seed pages not found in {SEEDS}")
    first = (SEEDS / FIRST).read_text(encoding="utf-8").splitlines()
    second = (SEEDS / SECOND).read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(second) if line.startswith("Hezbollah"))
    a = Article(id="first#1", source=FIRST, index=1, text=body(first), credits=["AFP"])
    b = Article(
        id="second#1",
        source=SECOND,
        index=1,
        text=body(second[:cut]),
        credits=["AFP", "Getty Images"],
    )
    return a, b


@pytest.fixture(scope="module")
def pair(versions: tuple[Article, Article]) -> Pair:
    a, b = versions
    return explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"))


def test_house_style_swaps(pair: Pair) -> None:
    swaps = {(s.a, s.b): s.count for s in pair.substitutions}
    assert swaps[("Daesh", "ISIS")] == 3
    assert swaps[("jihadists", "militants")] == 2
    assert ("jihadists", "terrorist group") in swaps
    assert ("jihadists'", "terrorist organization's") in swaps
    assert swaps[("Kilometer", "Kilometre")] == 1
    kinds = {(s.a, s.b): s.kind for s in pair.substitutions}
    assert kinds[("Daesh", "ISIS")] == "term"
    assert kinds[("jihadists", "militants")] == "term"
    assert kinds[("jihadists", "terrorist group")] == "term"
    assert kinds[("Kilometer", "Kilometre")] == "spelling"


def test_added_reuters_toll_conflicts_with_carried_military_source_toll(pair: Pair) -> None:
    dead = [c for c in pair.conflicts if c.what.endswith("dead")]
    assert len(dead) == 1
    conflict = dead[0]
    assert conflict.kind == "competing"
    assert conflict.b.attribution == "Reuters"
    assert (conflict.a.value, conflict.a.noun, conflict.a.predicate) == (
        2.0,
        "security personnel",
        "killed",
    )
    assert conflict.a.attribution is not None and "military source" in conflict.a.attribution
    assert (conflict.b.value, conflict.b.noun, conflict.b.qualifier) == (
        7.0,
        "soldiers",
        "at least",
    )
    assert conflict.b.attribution == "Reuters"
    assert conflict.what == "security personnel / soldiers dead"


def test_added_weapons_and_cut_acronym_clause(pair: Pair) -> None:
    assert any("suicide car bombs, mortars and machine guns" in x for x in pair.only_in_b)
    assert "using an Arabic acronym for Daesh" in pair.only_in_a


def test_cut_closing_paragraphs(pair: Pair) -> None:
    cut = " ".join(pair.only_in_a)
    for place in ("Raqqa", "Deir Ezzor", "Sharqat", "Anna"):
        assert place in cut
    assert not any("Raqqa" in x or "Sharqat" in x for x in pair.only_in_b)


def test_credits(pair: Pair) -> None:
    assert pair.credits is not None
    assert "Reuters" in pair.credits.added and "AFP" in pair.credits.b and "AFP" in pair.credits.a
    assert pair.credits.dropped == []


def test_story_terminology(versions: tuple[Article, Article]) -> None:
    a, b = versions
    story = explain_story(Story(id="ramadi", articles=[a.id, b.id]), {a.id: a, b.id: b}, [])
    assert {a.id: "Daesh", b.id: "ISIS"} in story.terminology
    assert {a.id: "Kilometer", b.id: "Kilometre"} in story.terminology
    assert any("Raqqa" in x for x in story.cuts[b.id])
