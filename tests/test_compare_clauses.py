"""Cuts and additions are whole clauses or sentences, never dangling fragments (invented
text)."""

from __future__ import annotations

from wiretrace.compare import explain_pair
from wiretrace.compare.sentences import clause_around
from wiretrace.model import Article, Pair

REST = (
    " The army sent two helicopters to the valley after the attack. "
    "Residents of the nearby villages fled to the hills overnight."
)


def explain(text_a: str, text_b: str) -> Pair:
    a = Article(id="a#1", source="a", index=1, text=text_a + REST)
    b = Article(id="b#1", source="b", index=1, text=text_b + REST)
    return explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"))


def test_a_reworded_opening_sentence_is_a_cut_and_an_addition() -> None:
    old = "Grey Lantern fighters attacked an army post near Ostrel on Monday, killing five guards."
    new = "An army post close to Ostrel came under a rebel assault early Monday that left five " \
        "guards dead."
    pair = explain(old, new)
    assert (pair.only_in_a, pair.only_in_b, pair.substitutions) == ([old], [new], [])


def test_words_rewritten_inside_a_clause_give_the_whole_clause_on_each_side() -> None:
    pair = explain(
        "The Ostrel river trail runs 17 miles through the old town, one of the longest "
        "trails in the province.",
        "The Ostrel river trail takes walkers past every bakery of the old town, one of the "
        "longest trails in the province.",
    )
    assert pair.only_in_a == ["The Ostrel river trail runs 17 miles through the old town"]
    assert pair.only_in_b == [
        "The Ostrel river trail takes walkers past every bakery of the old town"
    ]
    assert pair.substitutions == [] and pair.conflicts == []


def test_an_added_run_ending_mid_clause_is_no_fragment() -> None:
    old = "The Ostrel sawmill will close in March after forty years."
    new = "A company spokesperson said in an email that the Ostrel sawmill will close in " \
        "March after forty years."
    pair = explain(old, new)
    assert pair.only_in_b == [new]  # not "A company spokesperson said in an email that"
    assert pair.only_in_a == [old]


def test_a_reworded_subject_is_the_whole_phrase_on_each_side() -> None:
    old = "Fighters of the Grey Lantern front attacked an army post near Ostrel on Monday, " \
        "killing five guards."
    new = "Grey Lantern fighters attacked an army post near Ostrel on Monday, killing five " \
        "guards."
    pair = explain(old, new)
    assert pair.only_in_a == ["Fighters of the Grey Lantern front"]  # never "Fighters of the"
    assert pair.only_in_b == ["Grey Lantern fighters"]


def test_a_whole_clause_cut_or_added_stays_as_it_is() -> None:
    base = "Rescuers reached the village, where the water reached the first floor of many " \
        "houses, on Tuesday."
    added = explain(base, base[:-1] + ", as the rain eased in the afternoon.")
    assert (added.only_in_a, added.only_in_b) == ([], ["as the rain eased in the afternoon"])
    cut = explain(base, "Rescuers reached the village on Tuesday.")
    assert (cut.only_in_a, cut.only_in_b) == (
        ["where the water reached the first floor of many houses"], []
    )


def test_clause_around_stops_at_clause_marks_but_not_inside_numbers() -> None:
    text = "Fees rose to 10,000 euros at 6:30 each day - the board said - for 5-10 years."
    (s, e), whole = clause_around(text, (0, len(text)), 14, 19)
    assert text[s:e] == "Fees rose to 10,000 euros at 6:30 each day" and not whole
    (s, e), whole = clause_around(text, (0, len(text)), 70, 72)
    assert text[s:e] == "for 5-10 years." and not whole
