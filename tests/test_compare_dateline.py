"""The compare stage leaves the dateline opening a version out of the comparison, sets the
story's base, and gives the same answers from the pipeline's tokens. Invented text only."""

from __future__ import annotations

import copy

import pytest

from wiretrace.clean.lines import dateline_end
from wiretrace.compare import explain, explain_pair, explain_story
from wiretrace.model import Article, Pair, Result, Story
from wiretrace.text import tokenize

BODY = [
    "Fighters of the Grey Lantern front stormed two hamlets outside Ostrel on Monday, "
    "officials said.",
    "A hospital source said four guards were killed and nine villagers wounded.",
    "The front has lost most of its ground along the Vessa river since the spring.",
]


def version(aid: str, first_prefix: str, dateline: str | None, body: list[str]) -> Article:
    paragraphs = [first_prefix + body[0], *body[1:]]
    return Article(
        id=aid, source=aid, index=1, dateline=dateline, paragraphs=paragraphs,
        text="\n\n".join(paragraphs),
    )


@pytest.mark.parametrize(
    ("prefix", "place"),
    [
        ("NEW OSTREL, Varnia: ", "NEW OSTREL, Varnia"),
        ("OSTREL, Varnia (AFP) - ", "OSTREL, Varnia"),
        ("OSTREL, Sept 4 (Reuters) \u2014 ", "OSTREL"),
    ],
)
def test_dateline_in_one_version_only_is_no_difference(prefix: str, place: str) -> None:
    a = version("a#1", prefix, place, BODY)
    b = version("b#1", "", None, BODY)
    pair = explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"))
    assert (pair.only_in_a, pair.only_in_b, pair.substitutions) == ([], [], [])
    # the other way round, and with the dateline recorded on the version without it only
    back = explain_pair(b, a, Pair(a=b.id, b=a.id, relation="reuse"))
    assert (back.only_in_a, back.only_in_b, back.substitutions) == ([], [], [])
    a.dateline, b.dateline = None, place
    again = explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"))
    assert (again.only_in_a, again.only_in_b) == ([], [])


def test_dateline_is_masked_but_real_edits_next_to_it_still_show() -> None:
    a = version("a#1", "OSTREL, Varnia: ", "OSTREL, Varnia", BODY)
    edited = ["Grey Lantern rebels stormed two hamlets outside Ostrel on Monday, officials said.",
              *BODY[1:]]
    b = version("b#1", "OSTREL (AFP) - ", "OSTREL", edited)
    pair = explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"))
    # a reworded clause, whole on each side (no fragment "Fighters of the", no swap)
    assert pair.only_in_a == ["Fighters of the Grey Lantern front"]
    assert pair.only_in_b == ["Grey Lantern rebels"]
    assert pair.substitutions == []
    assert not any("OSTREL" in text for text in pair.only_in_a + pair.only_in_b)


def test_story_base_is_set_and_datelines_stay_out_of_additions_and_cuts() -> None:
    arts = {
        "a#1": version("a#1", "OSTREL, Varnia: ", "OSTREL, Varnia", BODY),
        "b#1": version("b#1", "", None, BODY[:2]),
        "c#1": version("c#1", "OSTREL (AFP) - ", "OSTREL", BODY),
    }
    story = explain_story(Story(id="s1", articles=list(arts)), arts, [])
    assert story.base == "a#1"  # undated versions: the longest
    assert story.cuts == {"b#1": [BODY[2]], "c#1": []}
    assert story.additions == {"b#1": [], "c#1": []}
    assert story.core == [BODY[0], BODY[1]]


def test_dateline_end_needs_the_place_then_a_separator() -> None:
    assert dateline_end("OSTREL: Fighters came.", ["OSTREL"]) == len("OSTREL: ")
    assert dateline_end("OSTRELIA is far: they said.", ["OSTREL"]) == 0
    assert dateline_end("OSTREL fighters: came.", ["OSTREL"]) == 0
    assert dateline_end("Fighters came.", [None, ""]) == 0


def test_explain_from_pipeline_tokens_matches_explain_from_text() -> None:
    arts = [
        version("a#1", "OSTREL, Varnia: ", "OSTREL, Varnia", BODY),
        version("b#1", "", None, [BODY[0].replace("front", "movement"), BODY[1]]),
    ]
    pairs = [Pair(a="a#1", b="b#1", relation="reuse")]
    result = Result(articles=arts, stories=[Story(id="s1", articles=["a#1", "b#1"])], pairs=pairs)
    plain = explain(copy.deepcopy(result))
    tokens = {art.id: tokenize(art.text) for art in arts}
    fast = explain(copy.deepcopy(result), tokens=tokens)
    assert plain.to_dict() == fast.to_dict()
    assert [(s.a, s.b) for s in fast.pairs[0].substitutions] == [("front", "movement")]
    assert fast.stories[0].base == "a#1"
