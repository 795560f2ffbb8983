"""The plain definition of ``build_stories``, kept as the specification.

:func:`wiretrace.cluster.build_stories` gives the same stories and pairs from
arrays and compiled passes (tested against this one); this version walks Python lists and
dicts with a :class:`~wiretrace.cluster.UnionFind`, on the reference features and links. See
:mod:`wiretrace.cluster` for the rules and the ordering.
"""

from __future__ import annotations

from reference.features import article_features_reference
from reference.same_event import same_event_links_reference
from wiretrace.cluster import EventRule, UnionFind
from wiretrace.model import Article, Pair, Story
from wiretrace.text import Tokens


def _position(articles: list[Article], pairs: list[Pair]) -> dict[str, int]:
    position: dict[str, int] = {}
    for k, a in enumerate(articles):
        position.setdefault(a.id, k)  # a repeated id: pairs refer to its first occurrence
    for pair in pairs:
        for aid in (pair.a, pair.b):
            if aid not in position:
                raise ValueError(f"pair refers to unknown article {aid!r}")
    return position


def build_stories_reference(
    articles: list[Article],
    pairs: list[Pair],
    tokens: list[Tokens] | None = None,
    *,
    rule: EventRule | None = None,
    same_event: bool = True,
) -> tuple[list[Story], list[Pair]]:
    """``build_stories``, plainly (same arguments, same result)."""
    position = _position(articles, pairs)
    n = len(articles)
    families = UnionFind(n)
    story_sets = UnionFind(n)
    for pair in pairs:
        x, y = position[pair.a], position[pair.b]
        if pair.relation == "reuse":
            families.union(x, y)
        story_sets.union(x, y)
    family_of = families.labels()
    joined = {  # families already joined by a given same-event pair (shared quotations)
        tuple(sorted((family_of[position[p.a]], family_of[position[p.b]])))
        for p in pairs
        if p.relation != "reuse"
    }

    added: list[Pair] = []
    if same_event and n > 1:
        body = tokens if tokens is not None else [None] * n
        features = [article_features_reference(a, t) for a, t in zip(articles, body, strict=True)]
        best: dict[tuple[int, int], tuple[float, int, int]] = {}
        dates = [a.date for a in articles]
        for x, y, points in same_event_links_reference(features, dates, rule):
            fam = (family_of[x], family_of[y])
            if fam[0] == fam[1] or (articles[x].site and articles[x].site == articles[y].site):
                continue
            fam = (min(fam), max(fam))
            if fam in joined:
                continue
            if fam not in best or points > best[fam][0]:
                best[fam] = (points, x, y)
        for _, x, y in sorted(best.values(), key=lambda v: (v[1], v[2])):
            story_sets.union(x, y)
            added.append(Pair(a=articles[x].id, b=articles[y].id, relation="same-event"))

    story_of = story_sets.labels()  # smallest member = first article in input order
    number = {label: k + 1 for k, label in enumerate(sorted(set(story_of)))}
    stories = [Story(id=f"story-{k}", articles=[]) for k in range(1, len(number) + 1)]
    family_index: dict[int, list[str]] = {}
    for k, art in enumerate(articles):
        story = stories[number[story_of[k]] - 1]
        story.articles.append(art.id)
        if family_of[k] not in family_index:
            family_index[family_of[k]] = []
            story.families.append(family_index[family_of[k]])
        family_index[family_of[k]].append(art.id)

    def order(pair: Pair) -> tuple[int, int, int]:
        x, y = position[pair.a], position[pair.b]
        return number[story_of[x]], min(x, y), max(x, y)

    return stories, sorted([*pairs, *added], key=order)
