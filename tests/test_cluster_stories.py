"""The array/compiled cluster stage agrees with its plain definitions.

``build_stories`` against ``build_stories_reference`` (Python lists, the reference features
and links), ``same_event_links`` against the numpy definition, ``component_labels`` against
``UnionFind``: on a slice of the synthetic benchmark corpus and on generated inputs (Unicode
text, repeated ids, empty texts, missing titles and dates, self and duplicate pairs).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.same_event import same_event_links_reference
from reference.stories import build_stories_reference
from wiretrace.align import align_candidates
from wiretrace.cluster import (
    EventRule,
    UnionFind,
    build_stories,
    component_labels,
    same_event_links,
)
from wiretrace.cluster.features import Features
from wiretrace.index import find_candidates
from wiretrace.model import Article, Pair
from wiretrace.text import tokenize, tokenize_many

ROOT = Path(__file__).resolve().parent.parent


def same_result(got, expected, pairs: list[Pair]) -> None:
    """Equal stories and pairs, in order; the input pairs come back as the same objects."""
    (stories, kept), (ref_stories, ref_kept) = got, expected
    assert [s.to_dict() for s in stories] == [s.to_dict() for s in ref_stories]
    assert [p.to_dict() for p in kept] == [p.to_dict() for p in ref_kept]
    given_ids = {id(p) for p in pairs}
    assert [id(p) if id(p) in given_ids else None for p in kept] == [
        id(p) if id(p) in given_ids else None for p in ref_kept
    ]


@pytest.fixture(scope="module")
def synthetic_slice():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import generate

    articles = [page.article() for page in generate(600, seed=7).pages]
    tokens = tokenize_many([a.text for a in articles])
    found = find_candidates(tokens, dates=[a.date for a in articles])
    pairs = align_candidates(articles, tokens, [(c.i, c.j) for c in found])
    return articles, tokens, pairs


def test_synthetic_corpus_slice_gives_the_reference_stories(synthetic_slice):
    articles, tokens, pairs = synthetic_slice
    got = build_stories(articles, pairs, tokens)
    same_result(got, build_stories_reference(articles, pairs, tokens), pairs)
    stories, kept = got
    assert any(p.relation == "same-event" for p in kept)  # the slice exercises every step
    assert any(len(s.families) > 1 for s in stories) and len(stories) < len(articles)
    wide = EventRule(window_days=None, min_overlap=0.1)
    same_result(
        build_stories(articles, pairs, tokens, rule=wide),
        build_stories_reference(articles, pairs, tokens, rule=wide),
        pairs,
    )


PIECES = [
    "Kellby", "Millbrook", "Jane", "Harlow", "Harlow's", "Red", "Cross", "Überlingen",
    "Ángel", "Élysée", "Zoë", "the", "said", "in", "on", "3", "27", "May", "September",
    "18", "120", "homes", "civilians", "der", "die", "und", "Hochwasser", "Feuerwehr",
    "Bürgermeisterin", "Bad", "Kellheim", "مدينة", "الزرقاء", "الدفاع", "المدني", "١٤",
    "🌊", "ΣΟΦΙΑΣ's", "1\U0001d7d0",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", ". ", ", ", "\n\n", "? ", "\u00a0", "؟ "]
texts = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=0, max_size=30
).map(lambda parts: "".join(w + s for w, s in parts))
EVENTS = [
    ["Floods hit Kellby on 3 May.", "Mayor Jane Harlow said 120 homes were lost in Kellby.",
     "The Red Cross opened a shelter in Kellby.", "Harlow's office counted 18 civilians hurt."],
    ["Hochwasser in Bad Kellheim.", "Bürgermeisterin Anna Roth sagte, die Feuerwehr in Bad "
     "Kellheim zählte 80 Keller.", "Die Feuerwehr und die Polizei waren am 3 Mai im Einsatz."],
    ["ضرب زلزال مدينة الزرقاء وقال الدفاع المدني إن 14 شخصا أصيبوا",
     "وأعلن الدفاع المدني في الزرقاء أن فرق الإنقاذ تعمل في حي الهاشمية"],
    ["Ángel Ruiz met Zoë Élysée in Überlingen on 27 September 🌊.",
     "Überlingen police said Ángel Ruiz paid 1\U0001d7d0 fines; ΣΟΦΙΑΣ's aide agreed."],
]  # fmt: skip
event_texts = st.tuples(
    st.sampled_from(EVENTS).flatmap(lambda e: st.lists(st.sampled_from(e), max_size=len(e))),
    texts,
).map(lambda parts: "\n\n".join([*parts[0], parts[1]]))
texts = st.one_of(texts, event_texts, event_texts)
titles = st.one_of(st.none(), st.just(""), texts)
dates = st.sampled_from([None, "2024-06-04", "2024-06-05", "2024-06-20", "soon", "2024-06-04T09"])
articles_strategy = st.lists(
    st.tuples(st.sampled_from("abcde"), texts, titles, dates), min_size=0, max_size=10
)
rules = st.sampled_from(
    [
        None,
        EventRule(window_days=None),
        EventRule(min_entities=1, min_key=0, strong_entities=1, min_overlap=0.0),
        EventRule(max_df=2, min_entities=1, min_key=0, strong_entities=2, window_days=0),
        EventRule(min_cosine=float("inf")),  # the headline rule alone
        EventRule(min_key=99, strong_entities=2, min_cosine=0.5),  # the body rule alone
        EventRule(min_key=99, strong_entities=1, min_cosine=0.0, max_df=3),
    ]
)


def make_articles(items) -> list[Article]:
    return [
        Article(id=aid, source=aid, index=1, title=title, date=date, text=text,
                paragraphs=text.split("\n\n"))
        for aid, text, title, date in items
    ]  # fmt: skip


@settings(max_examples=120, deadline=None)
@given(
    articles_strategy,
    st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8), st.booleans()), max_size=8),
    rules,
    st.booleans(),
    st.sampled_from(["given", "none", "some"]),
)
def test_generated_batches_give_the_reference_stories(items, links, rule, same_event, tokens_as):
    articles = make_articles(items)
    ids = [a.id for a in articles]
    pairs = [
        Pair(a=ids[i % len(ids)], b=ids[j % len(ids)], relation="reuse" if r else "same-event")
        for i, j, r in links
        if ids
    ]
    tokens = [tokenize(a.text) for a in articles]
    if tokens_as == "none":
        tokens = None
    elif tokens_as == "some":
        tokens = [t if k % 2 else None for k, t in enumerate(tokens)]
    got = build_stories(articles, pairs, tokens, rule=rule, same_event=same_event)
    expected = build_stories_reference(articles, pairs, tokens, rule=rule, same_event=same_event)
    same_result(got, expected, pairs)


def test_repeated_ids_empty_texts_and_unknown_ids():
    articles = make_articles(
        [("a", "Kellby floods. Jane Harlow said 40 homes hit Kellby.", None, "2024-06-04"),
         ("b", "", "", None),
         ("a", "Jane Harlow said Kellby lost 40 homes in Kellby.", "Kellby", "2024-06-04"),
         ("c", "Jane Harlow: Kellby lost 40 homes. Kellby is quiet.", "Kellby floods", None)]
    )  # fmt: skip
    pairs = [Pair(a="a", b="b", relation="reuse"), Pair(a="b", b="a", relation="reuse")]
    same_result(build_stories(articles, pairs), build_stories_reference(articles, pairs), pairs)
    assert build_stories([], []) == ([], [])
    with pytest.raises(ValueError, match="'zzz'"):
        build_stories(articles, [Pair(a="a", b="zzz", relation="reuse")])


feature_rows = st.lists(
    st.tuples(st.integers(0, 12), st.integers(0, 4), st.booleans()), min_size=0, max_size=12
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(feature_rows, dates), min_size=0, max_size=12),
    rules,
)
def test_same_event_links_equal_the_numpy_definition(items, rule):
    """Ids from a small pool (shared often, repeated inside an article too), any kinds."""
    features = [
        Features(
            ids=np.array([r[0] * 7919 - 40000 for r in rows], dtype=np.int64),
            kinds=np.array([r[1] for r in rows], dtype=np.int8),
            key=np.array([r[2] for r in rows], dtype=bool),
        )
        for rows, _ in items
    ]
    day_list = [d for _, d in items]
    got = same_event_links(features, day_list, rule)
    assert got == same_event_links_reference(features, day_list, rule)
    assert all(isinstance(v, int) for x, y, _ in got for v in (x, y))


def test_same_event_links_with_crowded_feature_groups():
    """Many rows sharing few ids (more than a hash bucket holds): grouping stays exact."""
    rng = np.random.default_rng(5)
    features = [
        Features(
            ids=np.unique(rng.integers(0, 40, size=rng.integers(0, 30))).astype(np.int64) << 40,
            kinds=np.zeros(0, np.int8),
            key=np.zeros(0, bool),
        )
        for _ in range(300)
    ]
    features = [
        Features(
            f.ids, rng.integers(0, 5, len(f.ids)).astype(np.int8), rng.random(len(f.ids)) < 0.7
        )
        for f in features
    ]
    dates = [None] * len(features)
    rule = EventRule(max_df=400, min_entities=1, min_key=0, min_overlap=0.2)
    got = same_event_links(features, dates, rule)
    assert got == same_event_links_reference(features, dates, rule) and len(got) > 100


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 30), st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29))))
def test_component_labels_equal_union_find(n, edges):
    edges = [(x % n, y % n) for x, y in edges] if n else []
    uf = UnionFind(n)
    for x, y in edges:
        uf.union(x, y)
    xs = np.array([e[0] for e in edges], dtype=np.int64)
    ys = np.array([e[1] for e in edges], dtype=np.int64)
    assert component_labels(n, xs, ys).tolist() == uf.labels()
