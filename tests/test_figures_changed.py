"""Figures as whole tokens, changed and competing conflicts, and the class of each swap
(invented text)."""

from __future__ import annotations

import pytest

from wiretrace.compare import explain_pair
from wiretrace.compare.conflicts import find_conflicts
from wiretrace.compare.figures import extract_figures, figure_tokens
from wiretrace.compare.worddiff import swap_kind
from wiretrace.model import Article, Pair


def explain(text_a: str, text_b: str) -> Pair:
    a = Article(id="a#1", source="a", index=1, text=text_a)
    b = Article(id="b#1", source="b", index=1, text=text_b)
    return explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"))


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("10,000", 10_000.0),
        ("10.000", 10_000.0),
        ("1.5 million", 1_500_000.0),
        ("$3bn", 3e9),
        ("5.9", 5.9),
        ("40%", 40.0),
        ("40 percent", 40.0),
        ("2-1", 2.0),
        ("1,200", 1_200.0),
        ("No. 44", 44.0),
        ("2023", 2023.0),
        ("1.234.567,8", 1_234_567.8),
        ("$1.725 billion", 1.725e9),  # one group of three before a scale: decimals
        ("0.107%", 0.107),  # after a leading zero: decimals
        ("1,200 million", 1.2e9),  # a comma group before a scale stays a group
    ],
)
def test_each_figure_shape_is_one_token_with_its_value(written: str, value: float) -> None:
    text = f"The board said {written} hectares were sold on Monday."
    tokens = figure_tokens(text)
    assert [(text[s:e], v) for (s, e), v in tokens] == [(written, value)]


def test_number_words_are_figures_too() -> None:
    text = "Two boats and a dozen canoes."
    assert [(text[s:e], v) for (s, e), v in figure_tokens(text)] == [
        ("Two", 2.0), ("a dozen", 12.0)
    ]


@pytest.mark.parametrize(
    ("before", "after", "values"),
    [
        ("the Varnex 270 sedan", "the Varnex 300 sedan", (270.0, 300.0)),
        ("about 10,000 visitors", "about 12,000 visitors", (10_000.0, 12_000.0)),
        ("a 1.5 million budget", "a 2 million budget", (1.5e6, 2e6)),
        ("rents rose 40% this year", "rents rose 45% this year", (40.0, 45.0)),
        ("the final ended 2-1 late", "the final ended 3-1 late", (2.0, 3.0)),
        ("5.9 magnitude tremor", "6.1 magnitude tremor", (5.9, 6.1)),
        ("opened in 1998 near", "opened in 1999 near", (1998.0, 1999.0)),
        ("five pupils were hurt", "six pupils were hurt", (5.0, 6.0)),
    ],
)
def test_a_number_changed_in_place_is_a_changed_conflict_not_a_swap(
    before: str, after: str, values: tuple[float, float]
) -> None:
    lead = "Officials in the river town of Ostrel gave an update on Tuesday about"
    text_a = f"{lead} {before} and the new plan. The mayor thanked the volunteers."
    text_b = f"{lead} {after} and the new plan. The mayor thanked the volunteers."
    pair = explain(text_a, text_b)
    assert pair.substitutions == []
    assert [(c.kind, c.a.value, c.b.value) for c in pair.conflicts] == [("changed", *values)]
    conflict = pair.conflicts[0]
    assert text_a[slice(*conflict.a.span)] == conflict.a.text
    assert text_b[slice(*conflict.b.span)] == conflict.b.text
    assert conflict.a.sentence.startswith(lead) and conflict.b.sentence.startswith(lead)


def test_the_unit_after_a_changed_figure_names_what_changed() -> None:
    pair = explain(
        "Fire swept across 1,200 hectares of pine forest near Ostrel, the agency said.",
        "Fire swept across 1,500 hectares of pine forest near Ostrel, the agency said.",
    )
    (conflict,) = pair.conflicts
    assert (conflict.what, conflict.a.text, conflict.b.text) == ("hectares", "1,200", "1,500")
    assert conflict.a.attribution == "the agency"


def test_a_toll_another_agency_gives_is_a_competing_conflict_with_its_source() -> None:
    base = "Three guards were killed in the raid on the depot, a police source said."
    pair = explain(base, base + " Reuters said at least five guards were killed.")
    (conflict,) = pair.conflicts
    assert conflict.kind == "competing"
    assert (conflict.a.value, conflict.b.value) == (3.0, 5.0)
    assert (conflict.a.attribution, conflict.b.attribution) == ("a police source", "Reuters")
    assert conflict.b.qualifier == "at least"
    assert "  " not in conflict.what and conflict.what == "guards dead"


def test_background_figures_of_another_year_do_not_compete() -> None:
    a = extract_figures(
        "At least 12 people were killed in the landslide, the disaster agency said. "
        "A quake in 2019 left more than 900 people dead."
    )
    b = extract_figures("Reuters said 15 people were killed in the landslide.")
    conflicts = find_conflicts(a, b)
    assert [(c.a.value, c.b.value) for c in conflicts] == [(12.0, 15.0)]


def test_attribution_is_the_sentence_own_source() -> None:
    (figure,) = extract_figures(
        "Twelve people were killed, the country's disaster agency said on Sunday."
    )
    assert figure.attribution == "the country's disaster agency"


def test_a_bare_count_competes_only_when_its_sentence_cites_a_source() -> None:
    base = "The plant near Ostrel employs 270 workers on two shifts."
    cited = explain(base, base + " But Reuters said there were 400 workers.")
    assert [(c.kind, c.a.value, c.b.value) for c in cited.conflicts] == [
        ("competing", 270.0, 400.0)
    ]
    uncited = explain(base, base + " A second plant has 400 workers.")
    assert uncited.conflicts == []


def test_a_reworded_clause_is_no_swap() -> None:
    pair = explain(
        "The council said the bridge would reopen after the engineers finished their "
        "inspection of the old piers in the spring.",
        "The council said the bridge would reopen once a team of divers had checked every "
        "one of the piers in the spring.",
    )
    assert pair.substitutions == []
    assert pair.only_in_a and pair.only_in_b


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("colour", "color", "spelling"),
        ("Kilometer", "Kilometre", "spelling"),
        ("organised", "organized", "spelling"),
        ("December", "Dec.", "abbreviation"),
        ("Street", "St", "abbreviation"),
        ("Governor", "Gov.", "abbreviation"),
        ("those", "the", "wording"),
        ("can't", "can", "wording"),
        ("Daesh", "ISIS", "term"),
        ("jihadists", "militants", "term"),
        ("jihadists", "terrorist group", "term"),
        ("Kiev", "Kyiv", "name"),
        ("Varnia City", "Varnaville", "name"),
        ("blaze", "fire", "wording"),
    ],
)
def test_swap_kinds(a: str, b: str, kind: str) -> None:
    assert swap_kind(a, b) == kind


def test_a_swap_made_in_several_places_is_a_term() -> None:
    assert swap_kind("blaze", "fire", count=1) == "wording"
    assert swap_kind("blaze", "fire", count=3) == "term"


def test_abbreviation_keeps_its_period_in_the_swap() -> None:
    pair = explain(
        "Texas Governor Ann Weller visited the flooded county on Monday afternoon.",
        "Texas Gov. Ann Weller visited the flooded county on Monday afternoon.",
    )
    assert [(s.a, s.b, s.kind) for s in pair.substitutions] == [
        ("Governor", "Gov.", "abbreviation")
    ]


def test_an_agency_named_elsewhere_does_not_replace_the_sentence_source() -> None:
    (figure,) = extract_figures(
        "Twelve people were killed, the disaster agency said, as AP photos showed the damage."
    )
    assert figure.attribution == "the disaster agency"


def test_an_active_predicate_reads_as_what_happened() -> None:
    (figure,) = extract_figures("The quake struck at dawn, killing at least 15 people.")
    assert (figure.value, figure.noun, figure.predicate) == (15.0, "people", "killed")


def test_an_added_toll_competes_with_the_claim_next_to_it() -> None:
    """Several sentences count the same noun: the one-off figure answers the sentence it
    follows, not the first of them nor the one sharing most words."""
    base = (
        "The Ostrel plant employs 1,000 workers on three shifts. "
        "The mayor visited the town hall on Monday. "
        "Its rival plant in Varnex employs 1,400 workers who build the new pumps. "
        "The union met the board on Friday."
    )
    reprint = base.replace(
        "build the new pumps.", "build the new pumps. But Reuters said there were 1,960 workers."
    )
    pair = explain(base, reprint)
    assert [(c.kind, c.a.value, c.b.value) for c in pair.conflicts] == [
        ("competing", 1400.0, 1960.0)
    ]


def test_an_added_undated_toll_prefers_the_claim_next_to_it_over_undated_ones() -> None:
    base = (
        "About 300 guards work at the depot today. "
        "The mayor visited the town hall on Monday. "
        "The depot will have 400 guards by March 2027, the board said. "
        "The union met the board on Friday."
    )
    reprint = base.replace("the board said.", "the board said. But AP said there were 560 guards.")
    pair = explain(base, reprint)
    assert [(c.a.value, c.b.value) for c in pair.conflicts] == [(400.0, 560.0)]


def test_a_competing_count_is_read_through_the_pair_swaps() -> None:
    base = (
        "The convoy had 32 trucks when it left the port. The drivers slept at the depot. "
        "The police escorted the trucks to the border."
    )
    reprint = (
        "The convoy had 32 lorries when it left the port. But AFP said there were 22 lorries. "
        "The drivers slept at the depot. The police escorted the lorries to the border."
    )
    pair = explain(base, reprint)
    assert [(s.a, s.b) for s in pair.substitutions] == [("trucks", "lorries")]
    assert [(c.kind, c.a.value, c.b.value) for c in pair.conflicts] == [
        ("competing", 32.0, 22.0)
    ]


@pytest.mark.parametrize(
    ("before", "after", "values"),
    [
        ("short lessons (5-10 minutes)", "short lessons (5-12 minutes)", (10.0, 12.0)),
        ("a fee of $30\u201360 each", "a fee of $30\u201336 each", (60.0, 36.0)),
        ("midsize (150,000\u2013349,999) towns", "midsize (150,000\u2013419,999) towns",
         (349_999.0, 419_999.0)),
        ("killed 99.9999% of germs", "killed 98.9999% of germs", (99.9999, 98.9999)),
        ("some 120 billion requests", "some 84 billion requests", (1.2e11, 8.4e10)),
    ],
)
def test_range_ends_and_long_decimals_change_in_place(
    before: str, after: str, values: tuple[float, float]
) -> None:
    lead = "Officials in the river town of Ostrel gave an update on Tuesday about"
    pair = explain(f"{lead} {before} and the plan.", f"{lead} {after} and the plan.")
    assert [(c.kind, c.a.value, c.b.value) for c in pair.conflicts] == [("changed", *values)]


def test_a_reworded_clause_holding_a_number_is_no_changed_figure() -> None:
    """Five or more words rewritten around a number are a reworded clause: "example, run
    at 80% for" replaced by "open seven days a week" is no figure changed in place."""
    lead = "One popular option in the Ostrel gym is interval running"
    pair = explain(
        f"{lead}, for example, run at 80% for 30 seconds, walk for a minute, and repeat.",
        f"{lead}, for open seven days a week 30 seconds, walk for a minute, and repeat.",
    )
    assert pair.conflicts == []


def test_a_swap_several_pairs_of_a_story_make_is_a_term_a_one_off_stays_wording() -> None:
    from wiretrace.compare import explain as explain_result
    from wiretrace.model import Result, Story

    base = (
        "A large blaze destroyed the old grain barn near Ostrel on Monday night. "
        "Firefighters from three towns worked until dawn to save the nearby mill. "
        "The owner said he would rebuild the barn before the harvest."
    )
    one = base.replace("large blaze", "large fire").replace("worked until", "toiled until")
    two = base.replace("large blaze", "large fire").replace("save the", "shield the")
    texts = {"base#1": base, "one#1": one, "two#1": two}
    dates = {"base#1": "2026-03-01", "one#1": "2026-03-02", "two#1": "2026-03-02"}
    articles = [Article(id=k, source=k, index=1, text=t, date=dates[k]) for k, t in texts.items()]
    result = Result(
        articles=articles,
        stories=[Story(id="s1", articles=list(texts))],
        pairs=[Pair(a="base#1", b="one#1", relation="reuse"),
               Pair(a="base#1", b="two#1", relation="reuse")],
    )
    explain_result(result)
    kinds = {(s.a, s.b): s.kind for p in result.pairs for s in p.substitutions}
    assert kinds == {
        ("blaze", "fire"): "term",  # both reprints make it: house style
        ("worked", "toiled"): "wording",  # one spot of one reprint
        ("save", "shield"): "wording",
    }
    assert result.stories[0].base == "base#1"


def test_a_swap_in_one_pair_alone_stays_wording() -> None:
    pair = explain(
        "A large blaze destroyed the old grain barn near Ostrel on Monday night.",
        "A large fire destroyed the old grain barn near Ostrel on Monday night.",
    )
    assert [(s.a, s.b, s.kind) for s in pair.substitutions] == [("blaze", "fire", "wording")]
