"""What the reports show per story: versions, additions/cuts, swaps, conflicts, credits."""

from __future__ import annotations

from report_fixtures import A_ID, B_ID, C_ID, D_ID, P6_A, P7, REUTERS, example_result
from wiretrace.model import Article, CreditsDiff, Pair, Result, Story, Substitution
from wiretrace.report.console import excerpt_around, truncate
from wiretrace.report.storyview import letters, story_views


def test_versions_are_lettered_and_singletons_come_last():
    views = story_views(example_result())
    assert [v.story.id for v in views] == ["story-1", "story-2"]
    assert [(v.letter, v.name) for v in views[0].versions] == [
        ("A", "Coastal Herald"), ("B", "Harbor Times"), ("C", "Island Post")]
    assert views[0].relation == "reuse" and not views[0].singleton
    assert views[1].singleton and views[1].versions[0].article.id == D_ID


def test_story_fields_give_additions_cuts_and_who_cut_what():
    view = story_views(example_result())[0]
    assert view.additions[B_ID] == [REUTERS]
    assert view.cuts[C_ID] == [P6_A, P7]
    assert view.cut_by[A_ID] == {P6_A: ["C"], P7: ["C"]}
    # B's own wording of the closing paragraph comes from the B/C pair
    assert set(view.cut_by[B_ID]) == {P6_A.replace("the archipelago", "the island chain"), P7}
    assert REUTERS not in view.cut_by[B_ID]


def test_additions_and_cuts_derived_from_pairs_when_story_fields_are_empty():
    result = example_result()
    story = result.stories[0]
    story.additions, story.cuts = {}, {}
    view = story_views(result)[0]
    assert view.additions[B_ID] == [REUTERS]  # missing from both partners: an addition
    assert view.additions[A_ID] == [] and view.additions[C_ID] == []
    assert P6_A in view.cuts[C_ID] and P7 in view.cuts[C_ID]
    assert REUTERS not in view.cuts[C_ID]  # B's addition is not C's cut


def test_swap_rows_keep_only_differing_terms():
    result = example_result()
    result.stories[0].terminology.append({A_ID: "Tuesday", B_ID: "Tuesday", C_ID: "Tuesday"})
    view = story_views(result)[0]
    assert {A_ID: "heavy swell", B_ID: "heavy swell", C_ID: "rough seas"} in view.swaps
    assert all(len(set(row.values())) > 1 for row in view.swaps)
    assert len(view.swaps) == 5


def test_swap_rows_fall_back_to_pair_substitutions():
    result = example_result()
    result.stories[0].terminology = []
    rows = story_views(result)[0].swaps
    assert {A_ID: "harbour", B_ID: "harbor"} in rows
    assert {B_ID: "coast guard", C_ID: "coastguard"} in rows


def test_conflicts_grouped_by_what_each_version_once():
    view = story_views(example_result())[0]
    assert len(view.conflicts) == 2
    (group,) = view.conflict_groups()
    assert group.what == "people dead"
    sides = [(v.letter, f.text, f.attribution) for v, f in group.sides]
    assert sides == [("A", "three", "a coastguard official"), ("B", "nine", "Reuters"),
                     ("C", "three", "a coastguard official")]


def test_credits_relative_to_first_version():
    view = story_views(example_result())[0]
    assert view.credits[A_ID].credits == ["AFP"]
    assert view.credits[B_ID].added == ["Reuters"] and view.credits[B_ID].dropped == []
    assert view.credits[C_ID].added == ["Getty Images"]


def test_credits_from_reversed_pair_and_without_pair():
    a = Article(id="a#1", source="a", index=1, credits=["AFP", "AP"], text="x")
    b = Article(id="b#1", source="b", index=1, credits=["AFP"], text="x")
    c = Article(id="c#1", source="c", index=1, credits=["Reuters"], text="x")
    pair = Pair(a="b#1", b="a#1", relation="reuse",
                credits=CreditsDiff(a=["AFP"], b=["AFP", "AP"], added=["AP"]))
    result = Result(articles=[a, b, c], stories=[Story("s", ["a#1", "b#1", "c#1"])],
                    pairs=[pair])
    view = story_views(result)[0]
    assert view.credits["b#1"].dropped == ["AP"] and view.credits["b#1"].added == []
    assert view.credits["c#1"].added == ["Reuters"]
    assert view.credits["c#1"].dropped == ["AFP", "AP"]


def test_same_event_version_outside_the_family_drops_nothing():
    a = Article(id="a#1", source="a", index=1, credits=["AFP"], text="x")
    b = Article(id="b#1", source="b", index=1, credits=["AFP"], text="x")
    c = Article(id="c#1", source="c", index=1, credits=[], text="other words")
    story = Story("s", ["a#1", "b#1", "c#1"], families=[["a#1", "b#1"], ["c#1"]])
    result = Result(articles=[a, b, c], stories=[story],
                    pairs=[Pair("a#1", "b#1", "reuse"), Pair("b#1", "c#1", "same-event")])
    view = story_views(result)[0]
    assert view.credits["c#1"].dropped == [] and view.credits["c#1"].added == []
    assert view.credits["b#1"].dropped == []


def test_unlisted_articles_become_singletons_and_unknown_ids_are_ignored():
    a = Article(id="a#1", source="a", index=1, text="x")
    b = Article(id="b#1", source="b", index=1, text="y")
    result = Result(articles=[a, b], stories=[Story("s", ["a#1", "ghost#1"])],
                    pairs=[Pair("a#1", "ghost#1", "reuse",
                                substitutions=[Substitution("x", "y")])])
    views = story_views(result)
    assert [[v.article.id for v in view.versions] for view in views] == [["a#1"], ["b#1"]]
    assert all(view.singleton and not view.pairs for view in views)
    assert views[0].relation == "single"


def test_truncate_and_excerpt_and_letters():
    assert truncate("short  text\n", 40) == "short text"
    cut = truncate("one two three four five six seven", 16)
    assert cut.endswith("…") and len(cut) <= 16 and cut.startswith("one two")
    long = "word " * 40 + "killing 3 passengers at the pier " + "tail " * 20
    out = excerpt_around(long, "3 passengers", 60)
    assert "3 passengers" in out and len(out) <= 61 and out.startswith("…")
    assert letters(3) == ["A", "B", "C"] and letters(28)[26:] == ["A2", "B2"]
