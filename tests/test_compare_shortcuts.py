"""The compare stage's shortcuts give what the long way gives: figure tokens found on a
lower-cased text, a change's figures looked up only near digits and number words, a pair's
figures read only when a sentence one version alone has states one, word spans built when
first read, identical sentences paired from an index built once per text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.compare.conflicts import competing_conflicts
from wiretrace.compare.figures import figure_tokens, may_touch
from wiretrace.compare.matching import Analysed, match_sentences
from wiretrace.compare.pairs import Analyses, explain_pair, masked
from wiretrace.model import Article, Pair
from wiretrace.text import tokenize


def test_number_words_are_found_in_any_case_on_ascii_and_other_text() -> None:
    text = "Twenty soldiers and TWO medics left; a Dozen stayed, 1.5 million dollars"
    expected = [((0, 6), 20.0), ((20, 23), 2.0), ((37, 44), 12.0), ((53, 64), 1.5e6)]
    assert figure_tokens(text) == expected
    # a non-ASCII char after them: the case-blind pattern on the text itself
    assert figure_tokens(text + " \u00e9t\u00e9") == expected


_PIECES = ["two", "Seven", "a dozen", "one hundred", "No. 4", "$ 5", "12", "3,000", "4.5",
           "per cent", "million", "%", "bn", "fighters", "said", "the", "-", ",", ".", "caf\u00e9"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14),
       st.lists(st.sampled_from([" ", "", "\n"]), min_size=14, max_size=14))
def test_a_span_no_figure_may_touch_overlaps_no_figure(pieces: list[str], gaps: list[str]) -> None:
    text = "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    tokens = figure_tokens(text)
    for lo in range(len(text) + 1):
        for hi in range(lo + 1, len(text) + 1):
            if not may_touch(text, lo, hi):
                assert not any(s < hi and lo < e for (s, e), _ in tokens), (text, lo, hi)


def test_word_spans_are_built_per_sentence_as_the_tokens_say() -> None:
    text = "The army said two died. Then it rained hard.\nA third line"
    doc = Analysed.of(text)
    tokens = tokenize(text)
    every = list(zip(tokens.starts.tolist(), tokens.ends.tolist(), strict=True))
    assert [span for i in range(len(doc.spans)) for span in doc.spans[i]] == every
    assert doc.spans[-1] == doc.spans[len(doc.spans) - 1] == every[-3:]
    assert [text[s:e] for s, e in doc.spans[1]] == ["Then", "it", "rained", "hard"]


def test_repeated_identical_sentences_pair_up_in_order() -> None:
    a = Analysed.of("Rain fell here. Rain fell here. Wind rose.")
    b = Analysed.of("Rain fell here. Snow came. Rain fell here. Rain fell here.")
    groups = match_sentences(a, b)
    assert ([0], [0]) in groups and ([1], [2]) in groups
    assert ([], [3]) in groups and ([2], []) in groups


def _article(name: str, text: str, dateline: str = "") -> Article:
    return Article(id=f"{name}#1", source=name, index=1, text=text, dateline=dateline)


_CASES = [
    # the toll changed in a shared sentence only: no competing conflict can start
    ("Two soldiers were killed on Monday, the army said. Rain fell.",
     "Three soldiers were killed on Monday, the army said. Rain fell."),
    # an added sentence with a rival toll: a competing conflict
    ("Two soldiers were killed on Monday, the army said.",
     "Two soldiers were killed on Monday, the army said. Reuters said 7 troops were dead."),
    # figures only in shared sentences, an added sentence without any
    ("Five people were hurt in the blast, police said. The road was shut.",
     "Five people were hurt in the blast, police said. The road was shut. Traffic slowed."),
    # a dateline holding a figure, masked on one side
    ("KABUL, May 3 (AFP) - Two soldiers were killed, the army said.",
     "Two soldiers were killed, the army said. Officials said 9 soldiers were dead."),
]


def test_the_figures_gate_gives_the_conflicts_of_the_long_way() -> None:
    for text_a, text_b in _CASES:
        a, b = _article("a", text_a), _article("b", text_b)
        analyses = Analyses()
        pair = explain_pair(a, b, Pair(a=a.id, b=b.id, relation="reuse"), analyses)
        diff = analyses.diff(a, b, [])
        doc_a, doc_b = analyses(a, masked(a, [b])), analyses(b, masked(b, [a]))
        competing = competing_conflicts(
            analyses.figures_of(a, doc_a), doc_a, analyses.figures_of(b, doc_b), doc_b, diff
        )
        long_way = sorted([*diff.changed, *competing], key=lambda c: c.a.span)
        assert pair.conflicts == long_way, (text_a, text_b)
    kinds = [
        [c.kind for c in explain_pair(_article("a", x), _article("b", y),
                                      Pair(a="a#1", b="b#1", relation="reuse")).conflicts]
        for x, y in _CASES[:2]
    ]
    assert kinds == [["changed"], ["competing"]]


_TEXT_CHARS = st.sampled_from(list("abKk_1 .-'\n") + ["\u0130", "\u0131", "\u017f", "\u212a",
                                                      "\u00e9", "\u03a3", "\u00df", "\u2160"])


@settings(max_examples=300, deadline=None)
@given(st.text(_TEXT_CHARS, max_size=30), st.sampled_from(
    ["k", "K", "ab", "AB", "b_1", "s", "i", "ka", "a b", "a-b", "k."]))
def test_a_term_is_used_as_the_whole_word_regex_says(text: str, term: str) -> None:
    from wiretrace.compare.stories import _plain, _term_pattern, _TermUses

    expected = _term_pattern(term).search(text) is not None
    searched, listed = _TermUses(text), _TermUses(text)
    listed.FIND_FIRST = 0  # the text's set of words from the first term on
    assert searched.uses(term, _plain(term)) == expected, (text, term)
    assert listed.uses(term, _plain(term)) == expected, (text, term)


@settings(max_examples=300, deadline=None)
@given(st.text("aeiourstlmgdnyc", max_size=5), st.sampled_from(
    ["", "our", "ours", "ourite", "tre", "tred", "ise", "isation", "yse", "ysing", "lled",
     "llers", "ence", "ogue", "ogues", "mme", "mmes", "is", "ll"]))
def test_a_spelling_is_americanised_as_every_substitution_in_turn_says(stem: str,
                                                                       ending: str) -> None:
    from wiretrace.compare.worddiff import _ENDINGS, _american

    word = expected = stem + ending
    for pattern, american in _ENDINGS:
        expected = pattern.sub(american, expected)
    assert _american.__wrapped__(word) == expected, word


def test_british_spellings_become_american() -> None:
    from wiretrace.compare.worddiff import _american

    british = ["colour", "centred", "centre", "organisation", "analysing", "travelled",
               "defence", "catalogues", "programmes", "harbour", "grey"]
    american = ["color", "centered", "center", "organization", "analyzing", "traveled",
                "defense", "catalogs", "programs", "harbor", "gray"]
    assert [_american.__wrapped__(w) for w in british] == american
    assert [_american.__wrapped__(w) for w in american] == american  # already American

