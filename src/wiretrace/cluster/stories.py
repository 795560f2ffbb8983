"""Stories: reuse families (shared text) joined by strong same-event evidence.

1. Reuse families are the connected components of the ``reuse`` pairs (union-find).
2. Same-event links (:mod:`wiretrace.cluster.same_event`) between articles of *different*
   families join those families into one story; per pair of families only the strongest link
   is kept and reported as a ``same-event`` Pair (no passages, shared fractions 0).
3. Every article lands in exactly one story, singletons included.

Determinism: stories are numbered ``story-1``, ``story-2``, ... in order of their first
article in the input; articles and families inside a story keep input order; the returned
pairs are ordered by story, then by the input positions of their two articles.

    >>> from wiretrace.model import Article, Pair
    >>> arts = [Article(id=i, source=i, index=1, text="...") for i in ("x", "y", "z")]
    >>> stories, pairs = build_stories(arts, [Pair(a="z", b="x", relation="reuse")])
    >>> [(s.id, s.articles, s.families) for s in stories]
    [('story-1', ['x', 'z'], [['x', 'z']]), ('story-2', ['y'], [['y']])]
"""

from __future__ import annotations

from wiretrace.cluster.features import batch_features
from wiretrace.cluster.same_event import EventRule, same_event_links
from wiretrace.cluster.unionfind import UnionFind
from wiretrace.index.tokens import Tokens
from wiretrace.model import Article, Pair, Story


def _position(articles: list[Article], pairs: list[Pair]) -> dict[str, int]:
    position: dict[str, int] = {}
    for k, a in enumerate(articles):
        position.setdefault(a.id, k)  # a repeated id: pairs refer to its first occurrence
    for pair in pairs:
        for aid in (pair.a, pair.b):
            if aid not in position:
                raise ValueError(f"pair refers to unknown article {aid!r}")
    return position


def build_stories(
    articles: list[Article],
    pairs: list[Pair],
    tokens: list[Tokens] | None = None,
    *,
    rule: EventRule | None = None,
    same_event: bool = True,
) -> tuple[list[Story], list[Pair]]:
    """Group ``articles`` into stories; return the stories and the pairs inside them.

    ``pairs`` are the verified reuse pairs (and any ``same-event`` pairs already known);
    ``tokens[k]`` is ``tokenize(articles[k].text)`` when available (saves re-tokenising).
    ``rule`` tunes the same-event evidence (``EventRule(window_days=...)``); ``same_event=False``
    gives stories made of reuse families only. Raises ValueError when a pair names an unknown
    article (a programming error, not user input); a repeated article id is tolerated (pairs
    refer to its first occurrence, later ones stay in stories of their own unless linked).
    """
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

    added: list[Pair] = []
    if same_event and n > 1:
        features = batch_features(articles, tokens)
        best: dict[tuple[int, int], tuple[float, int, int]] = {}
        for x, y, points in same_event_links(features, [a.date for a in articles], rule):
            fam = (family_of[x], family_of[y])
            if fam[0] == fam[1]:
                continue
            fam = (min(fam), max(fam))
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
