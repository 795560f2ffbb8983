"""Quote- and list-aware reuse (align.evidence): invented reports that share quotations, lists,
attributed speech or prose, and the quotation parser on every quotation style."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.align import align_pair
from wiretrace.align.evidence import list_spans, quote_spans, speaker
from wiretrace.cluster import build_stories
from wiretrace.model import Article, Pair, SharedQuote
from wiretrace.text import tokenize

ROOT = Path(__file__).resolve().parent.parent


def quotes(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said “we will rebuild every bridge in the valley” on Monday.',
         "“we will rebuild every bridge in the valley”"),
        ('He said "we will rebuild every bridge in the valley" on Monday.',
         '"we will rebuild every bridge in the valley"'),
        ("He said 'we will rebuild every bridge in the valley' on Monday.",
         "'we will rebuild every bridge in the valley'"),
        ("He said ‘we won’t leave a single bridge broken’ on Monday.",
         "‘we won’t leave a single bridge broken’"),
        ("Il a dit « nous reconstruirons chaque pont de la vallée » lundi.",
         "« nous reconstruirons chaque pont de la vallée »"),
        ("Er sagte „wir bauen jede Brücke im Tal wieder auf“ am Montag.",
         "„wir bauen jede Brücke im Tal wieder auf“"),
        ("Er sagte »wir bauen jede Brücke im Tal wieder auf« am Montag.",
         "»wir bauen jede Brücke im Tal wieder auf«"),
        ("Er sagte ‚wir bauen jede Brücke wieder auf‘ am Montag.",
         "‚wir bauen jede Brücke wieder auf‘"),
        ("Il a dit ‹ nous reconstruirons chaque pont › lundi.",
         "‹ nous reconstruirons chaque pont ›"),
        ("彼は「we will rebuild every bridge」と述べた。", "「we will rebuild every bridge」"),
    ],
)
def test_each_quotation_style_is_a_quotation(text, quoted):
    assert quotes(text) == [quoted]


def test_apostrophes_open_no_quotation():
    text = (
        "The mayor's office said it didn't know why the jihadists’ gains of the '90s and "
        "the rebels' ’80s raids were left out of the villagers’ rock ’n’ roll archive."
    )
    assert quotes(text) == []


def test_a_single_mark_quotation_keeps_its_apostrophes_inside():
    text = "'We don't leave anyone behind, and we won't start now,' the captain said."
    assert quotes(text) == ["'We don't leave anyone behind, and we won't start now,'"]


def test_a_quotation_over_several_paragraphs_leaves_its_paragraphs_open():
    paras = [
        "The minister spoke for an hour.",
        "“We will rebuild every bridge in the valley before winter comes.",
        "“Nobody will be left without a road to the market town,” she said.",
        "The opposition called the plan too costly.",
    ]
    text = "\n\n".join(paras)
    assert quotes(text) == [paras[1], paras[2].split(" she said")[0]]


def test_titles_and_scare_quotes_stay_prose():
    assert quotes('Fighters of the so-called "caliphate" crossed the "Red Line" river.') == []


def test_lists_are_runs_of_short_items():
    paras = [
        "The academy named its winners on Saturday night in the old harbour theatre.",
        "Best Album",
        "Marrow Lane – WINNER",
        "June 10 -- Kessel Arena, Dornhaven",
        "June 12 -- Old Pier Hall, Eastmarch",
        "Tickets go on sale on Friday at the box office and online.",
    ]
    text = "\n\n".join(paras)
    start = text.index("Best Album")
    end = text.index("Eastmarch") + len("Eastmarch")
    assert list_spans(text) == [(start, end)]


def test_short_sentences_are_not_a_list():
    text = "\n\n".join(["He was 45.", "She was 38.", "Both were farmers.", "Police said so."])
    assert list_spans(text) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ('"The harbour will reopen in spring," said John Smith, the port director.', "John Smith"),
        ('"The harbour will reopen in spring," Smith told reporters.', "Smith"),
        ('"The harbour will reopen in spring," said CEO Jane Doe.', "Jane Doe"),
        ('President Anna Berg said: "The harbour will reopen in spring."', "Anna Berg"),
        ('Port director Jane Doe said: "The harbour will reopen in spring."', "Jane Doe"),
        ('According to Anna Berg, "the harbour will reopen in spring."', "Anna Berg"),
        ('"The harbour will reopen in spring," he said.', None),
        ('"The harbour will reopen in spring," the company said.', None),
    ],
)
def test_speaker(text, who):
    assert speaker(text, quote_spans(text)[0]) == who


def article(name: str, paragraphs: list[str]) -> Article:
    return Article(id=f"{name}#1", source=name, index=1, paragraphs=paragraphs)


def align(a: Article, b: Article) -> Pair | None:
    return align_pair(a, tokenize(a.text), b, tokenize(b.text))


STATEMENT = (
    "“We are deeply disappointed by the decision of the regional court and we will appeal it "
    "with every means at our disposal,”"
)


def test_a_pair_sharing_only_a_quotation_is_same_event_with_the_quote():
    a = article("a", [
        "Harbour operator Kessel Lines lost its case against the port authority of Dornhaven "
        "on Tuesday after a two-year dispute over berth fees and dredging costs.",
        f"{STATEMENT} said Mara Quist, the company's chief executive.",
        "Shares of the operator fell sharply in early trading in the capital.",
    ])
    b = article("b", [
        "A judge in Dornhaven sided with the port authority in its long quarrel with a ferry "
        "firm, ending a fight that had delayed the new terminal by many months.",
        f"Chief executive Mara Quist said: {STATEMENT} and the firm would keep its ferries "
        "running through the winter season.",
    ])
    pair = align(a, b)
    assert pair is not None and pair.relation == "same-event"
    assert pair.passages  # everything shared is kept for the reports
    (quote,) = pair.shared_quotes
    assert quote.text.startswith("We are deeply disappointed") and quote.text.endswith("disposal")
    assert a.text[slice(*quote.a)] == quote.text == b.text[slice(*quote.b)]
    assert quote.speaker == "Mara Quist"


def test_a_shared_list_is_not_reuse():
    winners = ["Best Album", "Marrow Lane – WINNER", "Best Song", "Kessel Ridge, “Old Pier”",
               "Best Newcomer", "Anna Berg – WINNER", "Best Group", "The Eastmarch Five – WINNER",
               "Best Live Act", "Halvard Oystrem – WINNER"]
    a = article("a", ["The academy handed out its prizes in the harbour theatre on a wet "
                      "Saturday night, with the usual speeches.", *winners])
    b = article("b", ["Here is the full list of winners from a long night of music at the "
                      "awards in Dornhaven.", *winners, "The show was broadcast live."])
    pair = align(a, b)
    assert pair is not None and pair.relation == "same-event" and pair.passages


PROSE = [
    "Rebel fighters seized two villages near Dornhaven, north of the capital, on Tuesday in "
    "what officials called an attempt to draw troops away from the siege of their last "
    "northern strongholds, but were pushed back by evening, police sources said.",
    "The attackers briefly held the villages of Kessel Ridge and Old Marrow, which lie on the "
    "main road between the river port and the mountain passes, the sources said.",
    "A hospital official in Dornhaven said three police officers were killed and eleven "
    "civilians wounded, while the army said it had killed fourteen rebels in the operation.",
]
QUOTES = [
    "“Our forces and local volunteers have restored order in the whole district and the "
    "roads are open again,” regional governor Halvard Oystrem told reporters.",
    "“Every one of the attackers was killed or captured,” he added.",
    "“A curfew has been imposed on the villages to prevent any new infiltration,” the "
    "governor said.",
]


def test_a_wire_reprint_that_quotes_a_lot_is_reuse():
    wire = [PROSE[0], QUOTES[0], PROSE[1], QUOTES[1], PROSE[2], QUOTES[2]]
    a = article("a", wire)
    b = article("b", ["DORNHAVEN (Agency) -", *wire[:5], "Reporting by the Agency."])
    pair = align(a, b)
    assert pair is not None and pair.relation == "reuse" and not pair.shared_quotes


def test_speech_without_quotation_marks_is_prose():
    a = article("a", PROSE)
    b = article("b", [PROSE[0], "The army sent two more battalions to the northern front.",
                      PROSE[2]])
    pair = align(a, b)
    assert pair is not None and pair.relation == "reuse"


def test_a_short_edited_reprint_is_reuse():
    brief = [PROSE[0], "Nine people were hurt, a spokeswoman for the regional hospital said."]
    edited = [PROSE[0].replace("Tuesday", "Monday"),
              "Relatives waited for news outside the hospital in the capital."]
    pair = align(article("a", brief), article("b", edited))
    assert pair is not None and pair.relation == "reuse"


def test_quotations_with_a_little_shared_prose_are_still_same_event():
    # the quotations plus one speech tag: identical words in a row, but prose is a few words
    shared = f"{QUOTES[0]} {QUOTES[1]}"
    a = article("a", ["Fighting flared again in the north this week.", shared,
                      "Aid groups asked for safe passage for the wounded."])
    b = article("b", ["The governor declared the district safe on Wednesday evening.", shared])
    pair = align(a, b)
    assert pair is not None and pair.relation == "same-event" and len(pair.shared_quotes) == 2
    assert pair.shared_quotes[0].speaker == "Halvard Oystrem"


def test_shared_quote_to_dict_is_the_generic_dataclass_form():
    quote = SharedQuote("we will appeal", (3, 17), (40, 54), "Mara Quist")
    assert quote.to_dict() == json.loads(json.dumps(dataclasses.asdict(quote)))
    pair = Pair("a", "b", "same-event", shared_quotes=[quote])
    assert pair.to_dict()["shared_quotes"] == [quote.to_dict()]


MARKS = "“”\"'‘’‚„«»‹›「」『』"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([*MARKS, " ", "\n\n", "'s", "n't", ", "]),
                          st.text(alphabet="abc XY.", min_size=1, max_size=6)), max_size=60))
def test_quote_spans_are_ordered_nonoverlapping_and_inside_the_text(parts):
    text = "".join(parts)
    spans = quote_spans(text)
    ends = 0
    for start, end in spans:
        assert ends <= start < end <= len(text)
        assert text[start] in MARKS
        ends = end
    for start, end in list_spans(text):
        assert 0 <= start < end <= len(text)


@pytest.fixture(scope="module")
def synthetic_slice():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import generate

    from wiretrace.align import align_candidates
    from wiretrace.index import find_candidates
    from wiretrace.text import tokenize_many

    articles = [page.article() for page in generate(400, seed=7).pages]
    tokens = tokenize_many([a.text for a in articles])
    found = find_candidates(tokens, dates=[a.date for a in articles])
    return articles, tokens, align_candidates(articles, tokens, [(c.i, c.j) for c in found])


def test_stories_add_no_second_pair_where_the_align_stage_found_shared_quotes(synthetic_slice):
    articles, tokens, pairs = synthetic_slice
    _, kept = build_stories(articles, pairs, tokens)
    linked = [p for p in kept if p.relation == "same-event" and not p.passages]
    assert linked  # the slice has same-event links to stand for
    quoted = Pair(linked[0].a, linked[0].b, "same-event", shared_quotes=[
        SharedQuote("invented", (0, 1), (0, 1))])
    _, again = build_stories(articles, [*pairs, quoted], tokens)
    between = [p for p in again if {p.a, p.b} == {quoted.a, quoted.b}]
    assert between == [quoted]
    assert len(again) == len(kept)  # the given pair stands for the link it replaces


def filler(prefix: str, n: int) -> str:
    """``n`` invented words no other filler shares."""
    return " ".join(f"{prefix}{k}" for k in range(n)) + "."


LONG = ("Rebel fighters seized two villages near Dornhaven on Tuesday in what officials called "
        "an attempt to draw troops away from the siege of their strongholds.")  # 26 words
SHORT = "The attackers briefly held the villages of Kessel Ridge and Old Marrow on Tuesday."


@pytest.mark.parametrize(
    ("shared", "relation"),
    [(LONG, "reuse"), (f"“{LONG}” the governor said.", "same-event"), (SHORT, "same-event")],
)
def test_one_shared_sentence_in_long_reports(shared, relation):
    """One long copied sentence of prose is a reprint; the same words quoted, or a sentence
    of 14 words, are not (too few words, and too little of the shorter text)."""
    a = article("a", [filler("ka", 300), shared, filler("kb", 20)])
    b = article("b", [filler("qa", 320), shared])
    pair = align(a, b)
    assert pair is not None and pair.relation == relation
