"""The compiled batch feature extraction agrees with the plain per-article reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.features import article_features_reference
from wiretrace.cluster.features import (
    DATE,
    FIGURE,
    WORD,
    article_features,
    batch_features,
    feature_id,
    feature_table,
)
from wiretrace.model import Article
from wiretrace.text import tokenize, word_id

# Invented pieces covering every rule: names, aliases, sentence starts, possessives, figures,
# dates, years, long numbers, Arabic digits and text, German nouns, odd spacing and scripts.
WORDS = [
    "Kellby",
    "Red",
    "Cross",
    "Jane",
    "Harlow",
    "Harlow's",
    "Harlow’s",
    "The",
    "the",
    "river",
    "18",
    "27",
    "2024",
    "September",
    "Sept",
    "mars",
    "3",
    "homes",
    "civilians",
    "Überlingen",
    "Ángel",
    "der",
    "die",
    "und",
    "Hochwasser",
    "Feuerwehr",
    "مدينة",
    "قالت",
    "٣",
    "١٨",
    "12345678901234567890",
    "007",
    "İstanbul",
    "ΣΟΦΙΑ",
    "𝐀lpha",
    "Mr",
    "al-Qaeda",
    "rock'n'roll",
    "1\U0001d7d0",
    "\U0001d7d1",
    "ΣΟΦΙΑΣ's",
    "Zürich's",
    "Mc’Harlow‘s",
    "Harlow`s",
    "A's",
    "²",
    "1²",
    "Bürgermeisterin",
    "🌊",
    "Zoë",
]
SEPARATORS = [
    " ",
    " ",
    " ",
    ". ",
    ", ",
    "\n",
    "\n\n",
    "? ",
    "\u00a0",
    " - ",
    "؟ ",
    ": ",
    ".\n\n",
    " \n\n ",
    "\n \n",
    '" ',
    "...",
    "\u00a0\u00a0",
    "🔥",
]


def make(aid: str, text: str, title: str | None = None) -> Article:
    paragraphs = text.split("\n\n")
    return Article(id=aid, source=aid, index=1, title=title, paragraphs=paragraphs, text=text)


def same(a, b) -> bool:
    return (
        a.ids.tolist() == b.ids.tolist()
        and a.kinds.tolist() == b.kinds.tolist()
        and a.key.tolist() == b.key.tolist()
        and (a.ids.dtype, a.kinds.dtype, a.key.dtype) == (b.ids.dtype, b.kinds.dtype, b.key.dtype)
    )


texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=0, max_size=40
).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(texts, st.one_of(st.none(), texts)), min_size=1, max_size=5))
def test_batch_equals_reference_on_generated_text(items):
    articles = [make(f"a{k}", text, title) for k, (text, title) in enumerate(items)]
    tokens = [tokenize(a.text) for a in articles]
    expected = [article_features_reference(a, t) for a, t in zip(articles, tokens, strict=True)]
    got = batch_features(articles, tokens)
    assert len(got) == len(expected)
    assert all(same(g, e) for g, e in zip(got, expected, strict=True))
    small_runs = batch_features(articles, tokens, chunk_chars=60)
    assert all(same(g, e) for g, e in zip(small_runs, expected, strict=True))
    assert all(same(article_features(a), e) for a, e in zip(articles, expected, strict=True))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=20)))
def test_batch_equals_reference_on_any_text(text, title):
    a = make("x", text, title)
    try:
        expected = article_features_reference(a, tokenize(text))
    except UnicodeEncodeError:  # lone surrogates: no code points
        return
    assert same(batch_features([a], None)[0], expected)


def test_rare_tokens_python_decides_agree_with_the_reference_in_one_run():
    """A "Σ" possessive and an astral digit make the compiled pass ask; both runs agree."""
    texts = [
        ("Kellby said. ΣΟΦΙΑΣ's Harlow met Zürich's Jane Harlow in Kellby.", "ΣΟΦΙΑΣ's day"),
        ("Paid 1\U0001d7d0 dollars to 40 homes near Kellby on 3 May.", None),
        ("Überlingen’s Ángel Ruiz and Harlow's aide saw 12345678901234567890 fish.", ""),
        ("", "İstanbul: Σ and 3 May"),
    ]
    articles = [make(f"a{k}", text, title) for k, (text, title) in enumerate(texts)]
    tokens = [tokenize(a.text) for a in articles]
    expected = [article_features_reference(a, t) for a, t in zip(articles, tokens, strict=True)]
    assert all(same(g, e) for g, e in zip(batch_features(articles, tokens), expected, strict=True))
    assert all(same(g, e) for g, e in zip(batch_features(articles), expected, strict=True))
    mixed = [tokens[0], None, tokens[2], None]  # some tokens given, some made here
    assert all(same(g, e) for g, e in zip(batch_features(articles, mixed), expected, strict=True))
    assert len(expected[0].ids) > 0 and len(expected[1].ids) > 0


def test_feature_table_rows_are_the_articles_features():
    articles = [make("a", "Kellby said Kellby."), make("b", ""), make("c", "Red Cross in Kellby")]
    table = feature_table(articles, chunk_chars=10)
    assert table.row_off.tolist()[0] == 0 and table.row_off[-1] == len(table.ids)
    for k, f in enumerate(table.split()):
        assert same(f, article_features_reference(articles[k], tokenize(articles[k].text)))


def test_features_of_a_small_article():
    a = make("x", "Floods hit Kellby on 3 May. The Red Cross said 40 homes were lost in Kellby.")
    f = article_features(a)
    got = dict(zip(f.ids.tolist(), f.kinds.tolist(), strict=True))
    assert got[feature_id(DATE, 5, 3)] == DATE
    assert got[feature_id(FIGURE, 40, word_id("homes"))] == FIGURE
    assert got[feature_id(WORD, word_id("kellby"))] == WORD
    assert f.key.all()  # no title: everything is in the lead paragraph


def test_superscript_digit_is_not_a_figure_and_does_not_fail():
    f = article_features(make("x", "Area of 40 km ² houses near Kellby"))
    assert f.kinds.tolist().count(FIGURE) == 1  # "40 km"; "²" is skipped


def test_long_numbers_hash_their_value_modulo_63_bits():
    value = 10**25 + 7
    f = article_features(make("x", f"Paid {value} dollars"))
    assert f.ids.tolist() == [feature_id(FIGURE, value, word_id("dollars"))]


def test_empty_batch_and_empty_articles():
    assert batch_features([]) == []
    (f,) = batch_features([make("x", "")])
    assert f.ids.dtype == np.int64 and len(f.ids) == 0


def test_lone_surrogate_fails_as_in_the_reference():
    bad = make("x", "Kellby \ud800 said")
    with pytest.raises(UnicodeEncodeError):
        article_features_reference(bad, tokenize(bad.text))
    with pytest.raises(UnicodeEncodeError):
        batch_features([make("ok", "Kellby said Kellby."), bad])


@pytest.mark.parametrize(("text", "month"), [("3 Okt", 10), ("3 Dez", 12), ("3 okt.", 10)])
def test_german_month_abbreviations_make_dates(text: str, month: int) -> None:
    a = make("x", f"Hochwasser in Kellby am {text}, teilte die Feuerwehr mit.")
    f = article_features(a)
    assert feature_id(DATE, month, 3) in f.ids.tolist()
    assert same(f, article_features_reference(a, tokenize(a.text)))
