"""The compare stage on an invented wire story and its rewrites (no seed text here)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.clean.credits import credited
from wiretrace.compare import (
    diff_texts,
    explain,
    explain_pair,
    explain_story,
    extract_figures,
    find_conflicts,
    split_sentences,
)
from wiretrace.model import Article, Pair, Passage, Result, Story

# An invented story: a fictional country, fictional places and people.
WIRE = [
    "KORVAN, Estrava: Insurgents of the Ardent Front stormed a border post near Korvan on "
    "Tuesday in an apparent bid to reopen a smuggling route, officials said.",
    "The insurgents crossed the river at dawn and attacked the post with rifles, regional "
    "governor Tomas Velik told AFP.",
    "\u201cThe post was retaken within hours,\u201d he said, using the local name for the "
    "Kilometer Nine crossing.",
    "A police source said three soldiers were killed and 11 civilians injured in the fighting.",
    "The Ardent Front, which the government calls a terrorist movement, has stepped up attacks "
    "this year.",
    "The insurgents\u2019 last raid on the crossing, in March, was repelled by the army.",
    "Estrava has asked its neighbours for help to patrol the long river border.",
    "Talks on a joint patrol force are due to resume in Lenmark next month.",
]

REWRITE = [
    "Rebels of the Ardent Front stormed a border post near Korvan on Tuesday in an apparent bid "
    "to reopen a smuggling route, officials said.",
    "The rebels crossed the river at dawn and attacked the post with rifles, rocket launchers "
    "and armoured trucks, regional governor Tomas Velik told AFP.",
    "The Ardent Front has stepped up attacks this year.",  # reordered, clause cut
    '"The post was retaken within hours," he said, using the local name for the Kilometre '
    "Nine crossing.",
    "A police source said three soldiers were killed and 11 civilians injured in the fighting.",
    "But Reuters said that according to a hospital official, at least nine troops were dead "
    "and 20 wounded.",
    "The rebel group's last raid on the crossing, in March, was repelled by the army.",
]


def article(aid: str, paragraphs: list[str], credits: list[str] | None = None) -> Article:
    return Article(
        id=aid,
        source=aid,
        index=1,
        paragraphs=paragraphs,
        text="\n\n".join(paragraphs),
        credits=credits or [],
    )


@pytest.fixture(scope="module")
def explained() -> Pair:
    a = article("wire#1", WIRE, ["AFP"])
    b = article("outlet#1", REWRITE, ["Photo: AFP/Getty Images"])
    return explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"))


def test_substitutions_are_grouped_counted_and_case_kept(explained: Pair) -> None:
    subs = {(s.a, s.b): s.count for s in explained.substitutions}
    assert subs == {
        ("insurgents", "rebels"): 1,
        ("Insurgents", "Rebels"): 1,
        ("Kilometer", "Kilometre"): 1,
        ("insurgents'", "rebel group's"): 1,
    }


def test_typography_alone_is_not_a_swap(explained: Pair) -> None:
    # curly quotes in the wire, straight quotes in the rewrite: no substitution
    assert all('"' not in s.a and "\u201c" not in s.a for s in explained.substitutions)


def test_only_in_a_lists_cut_clauses_and_paragraphs_in_order(explained: Pair) -> None:
    # the two-word dateline is below the clause threshold (and masked out when the cleaning
    # stage records it in Article.dateline: see test_compare_dateline)
    assert explained.only_in_a == [
        "which the government calls a terrorist movement",
        WIRE[6],
        WIRE[7],
    ]


def test_only_in_b_lists_added_clause_and_paragraph_in_order(explained: Pair) -> None:
    assert explained.only_in_b == ["rocket launchers and armoured trucks", REWRITE[5]]


def test_conflict_is_the_added_toll_against_the_carried_one(explained: Pair) -> None:
    assert len(explained.conflicts) == 1
    conflict = explained.conflicts[0]
    assert conflict.what == "soldiers / troops dead"
    assert (conflict.a.value, conflict.a.text, conflict.a.predicate) == (3.0, "three", "killed")
    assert conflict.a.attribution == "a police source"
    assert conflict.a.sentence == WIRE[3]
    assert (conflict.b.value, conflict.b.qualifier, conflict.b.attribution) == (
        9.0,
        "at least",
        "Reuters",
    )
    assert conflict.b.sentence == REWRITE[5]
    assert REWRITE[5][slice(*_local(conflict.b.span, REWRITE, 5))].startswith("at least nine")


def _local(span: tuple[int, int], paragraphs: list[str], k: int) -> tuple[int, int]:
    offset = sum(len(p) + 2 for p in paragraphs[:k])
    return span[0] - offset, span[1] - offset


def test_credits_added_and_dropped(explained: Pair) -> None:
    assert explained.credits is not None
    assert explained.credits.a == ["AFP"]
    assert explained.credits.b == ["AFP", "Getty Images", "Reuters"]
    assert explained.credits.added == ["Getty Images", "Reuters"]
    assert explained.credits.dropped == []


def test_reordered_identical_paragraphs_differ_in_nothing() -> None:
    a = article("a#1", WIRE)
    b = article("b#1", list(reversed(WIRE)))
    pair = explain_pair(a, b, Pair(a="a#1", b="b#1", relation="reuse"))
    assert (pair.substitutions, pair.only_in_a, pair.only_in_b, pair.conflicts) == ([], [], [], [])


def test_sentence_split_in_two_is_not_an_addition() -> None:
    a = article("a#1", ["Troops retook the town on Monday and the governor lifted the curfew."])
    b = article("b#1", ["Troops retook the town on Monday. The governor lifted the curfew."])
    pair = explain_pair(a, b, Pair(a="a#1", b="b#1", relation="reuse"))
    assert pair.only_in_a == [] and pair.only_in_b == []


def test_three_sentences_merged_into_one_are_not_additions() -> None:
    a = article(
        "a#1",
        [
            "Rescue teams searched the streets for residents trapped on roofs.",
            "The mayor said the flood defences had been overwhelmed within an hour.",
            "Forecasters warned that more rain was expected on Tuesday.",
        ],
    )
    b = article(
        "b#1",
        [
            "Rescue teams searched the streets for residents trapped on roofs, and "
            "the mayor said the flood defenses had been overwhelmed within an hour, "
            "and forecasters warned that more rain was expected on Tuesday."
        ],
    )
    pair = explain_pair(a, b, Pair(a="a#1", b="b#1", relation="reuse"))
    assert pair.only_in_a == [] and pair.only_in_b == []
    assert [(s.a, s.b, s.count) for s in pair.substitutions] == [("defences", "defenses", 1)]


def test_a_short_added_quote_is_not_absorbed_by_a_long_shared_sentence() -> None:
    lead = (
        "Fighters of the Ardent Front stormed three villages outside Korvan on Tuesday in a "
        "bid to draw troops away from the front, officials said."
    )
    quote = '"Not one of the Ardent Front gunmen escaped," he said.'
    pair = explain_pair(
        article("a#1", [lead]),
        article("b#1", [lead, quote]),
        Pair(a="a#1", b="b#1", relation="reuse"),
    )
    assert pair.only_in_b == [quote] and pair.only_in_a == [] and pair.substitutions == []


def test_alignment_passages_let_a_heavily_rewritten_sentence_match() -> None:
    a = article("a#1", ["Daesh fighters hit the old bridge at dawn, residents said."])
    b = article("b#1", ["ISIS militants struck the old bridge in the morning, locals reported."])
    bare = explain_pair(a, b, Pair(a="a#1", b="b#1", relation="reuse"))
    assert bare.substitutions == [] and bare.only_in_a == [a.text] and bare.only_in_b == [b.text]
    linked = Pair(
        a="a#1",
        b="b#1",
        relation="reuse",
        passages=[Passage(a=(0, len(a.text)), b=(0, len(b.text)))],
    )
    assert explain_pair(a, b, linked) is linked  # filled in place
    assert [(s.a, s.b) for s in linked.substitutions] == [
        ("Daesh fighters hit", "ISIS militants struck")
    ]
    assert linked.only_in_a == ["at dawn, residents said"]
    assert linked.only_in_b == ["in the morning, locals reported"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Two security personnel were killed and 18 civilians wounded.",
            [(2, "security personnel", "killed", None), (18, "civilians", "wounded", None)],
        ),
        (
            "Police said at least 7 soldiers were dead and 16 wounded.",
            [(7, "soldiers", "dead", "at least"), (16, "soldiers", "wounded", None)],
        ),
        (
            "Government forces had killed twenty-five jihadists.",
            [(25, "jihadists", "killed", None)],
        ),
        ("The death toll rose to 1,200 on Friday.", [(1200, "", "dead", None)]),
        (
            "More than a dozen protesters were arrested.",
            [(12, "protesters", "arrested", "more than")],
        ),
        ("Dozens were killed in the blast.", []),
        ("Three areas were retaken in 2016.", [(3, "areas", "", None)]),  # a bare count
        ("Nach Angaben der Polizei wurden 20 Menschen getötet.", []),
    ],
)
def test_figures(sentence: str, expected: list[tuple]) -> None:
    got = [(f.value, f.noun, f.predicate, f.qualifier) for f in extract_figures(sentence)]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("A military source told AFP that 3 soldiers were killed.", "AFP"),
        (
            "Three soldiers were killed, according to the interior ministry.",
            "the interior ministry",
        ),
        ("A hospital official said 3 soldiers were killed.", "a hospital official"),
        ('"Three soldiers were killed," he said.', None),
        ("Three soldiers were killed, said the army spokesman.", "the army spokesman"),
    ],
)
def test_attribution(sentence: str, who: str | None) -> None:
    assert extract_figures(sentence)[0].attribution == who


def test_identical_figures_and_other_classes_are_not_conflicts() -> None:
    a = extract_figures("Two soldiers were killed on Monday. Five soldiers were killed on Friday.")
    b = extract_figures("Five soldiers were killed on Friday. Two soldiers were killed on Monday.")
    assert find_conflicts(a, b) == []
    civilians = extract_figures("Nine civilians were killed.")
    assert find_conflicts(a, civilians) == []
    wounded = extract_figures("Nine soldiers were wounded.")
    assert find_conflicts(a, wounded) == []
    changed = extract_figures(
        "Two soldiers were killed on Monday. Six soldiers were killed on Friday."
    )
    # changed in place: 5 -> 6 conflict; the 2 both carry is left alone
    assert [(c.a.value, c.b.value) for c in find_conflicts(a, changed)] == [(5.0, 6.0)]


def test_added_toll_conflicts_with_the_carried_one_only() -> None:
    a = extract_figures("A hospital source said two policemen were killed and 9 civilians wounded.")
    b = extract_figures(
        "A hospital source said two policemen were killed and 9 civilians wounded. "
        "Reuters said at least 7 soldiers were dead and 16 wounded."
    )
    conflicts = find_conflicts(a, b)
    assert [(c.what, c.a.value, c.b.value) for c in conflicts] == [
        ("policemen / soldiers dead", 2.0, 7.0)
    ]
    assert (conflicts[0].a.attribution, conflicts[0].b.attribution) == (
        "a hospital source",
        "Reuters",
    )


def test_credits_from_article_credits_and_text() -> None:
    art = Article(
        id="x#1",
        source="x",
        index=1,
        credits=["Jane Roe/Agence France-Presse"],
        text="The minister told the Associated Press that... Apart from that, no.",
    )
    assert credited(art) == ["AFP", "AP"]


def test_non_english_versions_flow_through() -> None:
    a = article("de#1", ["Die Armee meldete am Dienstag 20 Tote.", "Der Gouverneur schwieg."])
    b = article("ar#1", ["قال الجيش إن 20 شخصا قتلوا يوم الثلاثاء.", "Der Gouverneur schwieg."])
    pair = explain_pair(a, b, Pair(a="de#1", b="ar#1", relation="reuse"))
    assert pair.only_in_a == ["Die Armee meldete am Dienstag 20 Tote."]
    assert pair.only_in_b == ["قال الجيش إن 20 شخصا قتلوا يوم الثلاثاء."]
    assert pair.conflicts == []
    es_a = article("es#1", ["Los yihadistas atacaron la ciudad de Korvan el martes."])
    es_b = article("es#2", ["Los terroristas atacaron la ciudad de Korvan el martes."])
    swaps = explain_pair(es_a, es_b, Pair(a="es#1", b="es#2", relation="reuse")).substitutions
    assert [(s.a, s.b, s.count) for s in swaps] == [("yihadistas", "terroristas", 1)]


def test_explain_story_core_additions_cuts_terminology() -> None:
    wire = article("wire#1", WIRE)
    outlet = article("outlet#1", REWRITE)
    third = article("third#1", WIRE[:5])
    arts = {a.id: a for a in (wire, outlet, third)}
    story = explain_story(Story(id="s1", articles=list(arts)), arts, [])
    assert set(story.additions) == {"outlet#1", "third#1"}  # the base (longest) has no entry
    assert story.cuts["third#1"] == WIRE[5:]
    assert story.additions["third#1"] == []
    assert story.additions["outlet#1"] == ["rocket launchers and armoured trucks", REWRITE[5]]
    assert WIRE[3] in story.core and WIRE[6] not in story.core
    assert {
        "wire#1": "Kilometer",
        "outlet#1": "Kilometre",
        "third#1": "Kilometer",
    } in story.terminology
    assert {
        "wire#1": "insurgents",
        "outlet#1": "rebel group / rebels",
        "third#1": "insurgents",
    } in (story.terminology)


def test_explain_result_skips_same_event_pairs_and_fills_stories() -> None:
    wire, outlet = article("wire#1", WIRE), article("outlet#1", REWRITE)
    other = article("other#1", ["A different report on the same raid, with no shared text."])
    result = Result(
        articles=[wire, outlet, other],
        stories=[Story(id="s1", articles=["wire#1", "outlet#1", "other#1"])],
        pairs=[
            Pair(a="wire#1", b="outlet#1", relation="reuse"),
            Pair(a="wire#1", b="other#1", relation="same-event"),
        ],
    )
    explain(result)
    assert result.pairs[0].substitutions and result.pairs[0].conflicts
    assert result.pairs[1].substitutions == [] and result.pairs[1].credits is None
    assert set(result.stories[0].cuts) == {"outlet#1"}  # same-event article is no version
    assert result.problems == []


def test_a_bug_in_the_compare_stage_raises_instead_of_becoming_a_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Our own errors must fail the run (and the tests), never be filed as a problem of
    the user's article."""
    import wiretrace.compare as compare

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("a bug of ours")

    monkeypatch.setattr(compare, "explain_pair", broken)
    wire, outlet = article("wire#1", WIRE), article("outlet#1", REWRITE)
    result = Result(
        articles=[wire, outlet],
        stories=[Story(id="s1", articles=["wire#1", "outlet#1"])],
        pairs=[Pair(a="wire#1", b="outlet#1", relation="reuse")],
    )
    with pytest.raises(TypeError, match="a bug of ours"):
        explain(result)
    assert result.problems == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_splitter_covers_every_visible_character_once(text: str) -> None:
    spans = split_sentences(text)
    assert all(s < e for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(text.split()) == "".join(covered.split())


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(WIRE + REWRITE + ["Dos muertos.", "قتل 3 جنود.", "\u3002x"]), max_size=6
    ),
    st.text(max_size=80),
)
def test_a_text_against_itself_differs_in_nothing_and_never_crashes(
    paras: list[str], junk: str
) -> None:
    a = article("a#1", paras + [junk])
    same = explain_pair(a, a, Pair(a="a#1", b="a#1", relation="reuse"))
    assert (same.substitutions, same.only_in_a, same.only_in_b, same.conflicts) == ([], [], [], [])
    b = article("b#1", WIRE)
    other = explain_pair(a, b, Pair(a="a#1", b="b#1", relation="reuse"))
    # whatever the text, every difference reported is read from the two texts as they are
    assert all(cut in a.text for cut in other.only_in_a)
    assert all(added in b.text for added in other.only_in_b)
    kinds = {"spelling", "abbreviation", "term", "name", "wording"}
    assert all(s.a and s.b and s.count >= 1 and s.kind in kinds for s in other.substitutions)
    assert all(c.a.sentence in a.text and c.b.sentence in b.text for c in other.conflicts)
    assert other.credits is not None and other.credits.b == ["AFP"]


def test_the_base_is_the_earliest_dated_version_then_the_longest() -> None:
    from wiretrace.compare.stories import base_version
    from wiretrace.model import Article

    def version(aid: str, date: str | None, words: int) -> Article:
        return Article(id=aid, source=aid, index=1, date=date, text="word " * words)

    articles = {a.id: a for a in (version("long-late", "2024-05-03", 500),
                                  version("short-early", "2024-05-02", 200),
                                  version("undated", None, 900))}
    assert base_version(list(articles), articles) == "short-early"  # the source, not the fullest
    same_day = {a.id: a for a in (version("a", "2024-05-02", 200), version("b", "2024-05-02", 300))}
    assert base_version(list(same_day), same_day) == "b"  # a tie on the day: the longest
    undated = {a.id: a for a in (version("a", None, 200), version("b", None, 300))}
    assert base_version(list(undated), undated) == "b"


def test_word_spans_are_plain_ints_and_the_tokens_own() -> None:
    from wiretrace.compare.matching import Analysed
    from wiretrace.text import tokenize

    text = "Gen. Smith said 2 died.\nThen it rained on Drasno."
    doc = Analysed.of(text)
    tokens = tokenize(text)
    spans = [span for i in range(len(doc.sentences)) for span in doc.spans[i]]
    assert spans == list(zip(tokens.starts.tolist(), tokens.ends.tolist(), strict=True))
    assert all(type(s) is int and type(e) is int for s, e in spans)
    assert doc.spans[-1] == doc.spans[len(doc.sentences) - 1]


def test_a_changed_sentence_among_identical_ones_is_still_diffed() -> None:
    a = "The army said two died.\nThen it rained.\nDaesh fighters fled the town."
    b = "The army said two died.\nThen it rained.\nISIS fighters fled the town."
    diff = diff_texts(a, b)
    assert [(s.a, s.b, s.count) for s in diff.substitutions] == [("Daesh", "ISIS", 1)]
    assert diff.shared_a == [0, 1, 2] and diff.a_of_b == {0: 0, 1: 1, 2: 2}
    assert diff.only_a == [] and diff.only_b == []
