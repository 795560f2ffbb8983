"""Cluster stage: reuse families and stories, with same-event links on strong evidence. This
module holds the stories: reuse families (shared text) joined by strong same-event evidence.

``build_stories(articles, pairs, tokens)`` returns ``(stories, pairs)``; ``derivation_links``
then marks each family's links (``families.py``, with the excerpts told apart before the
families are drawn). The feature extraction, the inverted-index linker and the connected
components are usable alone (``article_features``, ``batch_features``, ``same_event_links``,
``component_labels``, and ``UnionFind``, its readable form) for batch or distributed runners;
``join_families`` and ``date_pairs`` are the corpus-wide steps the Spark engine runs on its
driver.

How a run's stories are drawn:

1. Reuse families are the connected components of the ``reuse`` pairs (union-find), once
   the pairs that carry a few paragraphs of another story are told apart as ``excerpt``
   pairs (:mod:`wiretrace.cluster.families`): those join neither families nor stories.
2. Same-event links (below) between articles of *different*
   families join those families into one story; per pair of families only the strongest link
   is kept and reported as a ``same-event`` Pair (no passages, shared fractions 0), and none
   where a ``same-event`` pair of the align stage (shared quotations) or an excerpt already
   links them.
3. Every article lands in exactly one story, singletons included.

Determinism: stories are numbered ``story-1``, ``story-2``, ... in order of their first
article in the input; articles and families inside a story keep input order; the returned
pairs are ordered by story, then by the input positions of their two articles.

How: articles are positions ``0..n-1`` throughout; components are labelled by their first
member (:func:`._graph_kernels.component_labels`), so sorting positions by (story label, family
label) lays out every story and its families in input order, and the pairs are ordered by
one ``lexsort``. Python only builds the result objects. ``tests/reference/stories.py`` is the plain
definition this is tested against.

    >>> from wiretrace.model import Article, Pair
    >>> arts = [Article(id=i, source=i, index=1, text="...") for i in ("x", "y", "z")]
    >>> stories, pairs = build_stories(arts, [Pair(a="z", b="x", relation="reuse")])
    >>> [(s.id, s.articles, s.families) for s in stories]
    [('story-1', ['x', 'z'], [['x', 'z']]), ('story-2', ['y'], [['y']])]

``UnionFind`` is the readable form of the components (disjoint sets over ``0..n-1``, union
by size, path halving: near-constant time per operation), the definition the compiled
labels are tested against and what a caller with a few edges at a time can use:

    >>> uf = UnionFind(4)
    >>> uf.union(0, 2); uf.union(3, 2)
    True
    True
    >>> uf.components()
    [[0, 2, 3], [1]]

**Same-event links** between articles that share no text: an inverted index of rare features.

Why an inverted index: comparing all pairs is O(n²) (2·10¹⁰ pairs for 200k articles). Only
articles sharing at least one *rare* feature can be linked, so every feature with document
frequency ``2 <= df <= max_df`` links its ``df·(df-1)/2`` article pairs (features in more than
``max_df`` articles, "United States", are skipped: they identify nothing). Cost is
``sum(df²)`` over rare features, linear in the corpus for a bounded ``max_df``. One compiled
pass (``_graph_kernels.event_pairs``) sums each pair's evidence; ``tests/reference/same_event.py`` is
the plain numpy definition it is tested against.

Decision: dates, when both known, at most ``window_days`` apart, and either of two rules.
Every shared feature is one point, so a shared two-word name counts twice, as itself and by
its alias; "entity points" are those of names (NAME, WORD, RARE), "anchors" figures and dates.

*Headline rule* (all must hold): the event named in both headlines.

* entity points shared ``>= min_entities`` and at least ``min_key`` of them key in both
  articles (named in both headlines, or leads when a headline names nothing: the event's own
  town or people, not a mention of the Red Cross);
* a shared anchor, unless entity points reach ``strong_entities``;
* overlap: shared points ``>= min_overlap`` of the smaller article's total (two floods in two
  towns share the country and the weather service, a small part of what each names).

*Body rule* (both must hold): the bodies name the same rare things, wherever they name them.

* entity points shared ``>= strong_entities`` (three names at least, with their aliases: two
  short reports of two floods share the Red Cross and the weather service, a large part of
  what each names);
* the cosine of the two articles' idf-weighted feature vectors reaches ``min_cosine``::

      w(f) = ln(1 + max_df / df(f))                  (an idf whose scale is the cut-off)
      cos(x, y) = Σ_{f ∈ x∩y} w(f)² / sqrt(Σ_{f ∈ x} w(f)² · Σ_{f ∈ y} w(f)²)

  over the usable features (``df <= max_df``). A feature of two articles weighs
  ``ln(1 + max_df/2)`` (3.9 for the default), one of twenty ``ln 6`` (1.8), one at the
  cut-off ``ln 2`` (0.7): squared, a name two articles share counts ~5 times one twenty carry
  and ~30 times one at the cut-off. The weights depend on df alone, not on the batch size
  (an idf over a batch of two would call every shared name common), so two articles are
  judged alike in a batch of two and among 200k.
  Reports of one event share a large, rare part of what they name (the town, the officials,
  the firms, the figures: cosine 0.3-0.8 on real pairs); topical neighbours, the same player
  at a game and in a contract row, share a few names among many of their own (0.12-0.14 on
  real pairs of one place or person in two stories, 0.26 for a hearing's preview beside the
  previous day's hearing, below 0.19 between pages of 400 different sites and subjects).

    >>> import numpy as np
    >>> from wiretrace.cluster.features import Features, NAME, WORD, DATE
    >>> f = Features(np.array([1, 2, 3, 4]), np.array([NAME, WORD, WORD, DATE]), np.ones(4, bool))
    >>> same_event_links([f, f], [None, None])
    [(0, 1, 4.0)]
    >>> names = np.full(8, NAME)
    >>> g = Features(np.arange(1, 9), names, np.zeros(8, bool))
    >>> h = Features(np.r_[1:7, 11, 12], names, np.zeros(8, bool))
    >>> same_event_links([g, h], [None, None])  # no key name, no anchor: the bodies decide
    [(0, 1, 6.0)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wiretrace.cluster._graph_kernels import EventRows, Scoring, component_labels, event_pairs
from wiretrace.cluster.families import date_pairs, derivation_links, excerpt_pairs
from wiretrace.cluster.features import (
    DATE,
    FIGURE,
    NAME,
    RARE,
    WORD,
    Features,
    FeatureTable,
    article_features,
    batch_features,
    feature_table,
)
from wiretrace.index import day_numbers
from wiretrace.model import Article, Pair, Story
from wiretrace.text import TextBatch, Tokens

__all__ = [
    "EventRule",
    "Features",
    "UnionFind",
    "article_features",
    "batch_features",
    "build_stories",
    "component_labels",
    "date_pairs",
    "derivation_links",
    "join_families",
    "same_event_links",
]

WEIGHT = np.zeros(5, dtype=np.float64)
WEIGHT[[NAME, WORD, FIGURE, DATE, RARE]] = 1.0
ENTITY = np.zeros(5, dtype=bool)
ENTITY[[NAME, WORD, RARE]] = True
HUGE = 1 << 62  # thresholds beyond this are as good as infinite
NO_DAY = -1  # the linker's "date missing" (any negative day: a real day is an ordinal >= 1)


@dataclass(frozen=True)
class EventRule:
    """Thresholds of the same-event decision (see the module docstring)."""

    max_df: int = 100
    window_days: int | None = 3
    min_entities: float = 3.0
    min_key: int = 1
    strong_entities: float = 6.0
    min_overlap: float = 0.3
    min_cosine: float = 0.28  # body rule; math.inf turns it off


def event_links(
    table: FeatureTable, dates: Sequence[str | None], rule: EventRule | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``same_event_links`` as arrays ``(x, y, points)`` over a batch's flat feature table."""
    rule = rule or EventRule()
    limits = (
        min(math.floor(rule.max_df), HUGE),
        float(rule.min_entities),
        float(rule.min_key),
        float(rule.strong_entities),
        float(rule.min_overlap),
        float(rule.min_cosine),
    )
    window = rule.window_days
    rows = EventRows(table.row_off, table.ids, table.kinds, table.key,
                     day_numbers(dates, missing=NO_DAY))
    scoring = Scoring(WEIGHT, ENTITY, limits, window is not None,
                      0 if window is None else max(min(math.floor(window), HUGE), -HUGE))
    return event_pairs(rows, scoring)


def same_event_links(
    features: list[Features], dates: list[str | None], rule: EventRule | None = None
) -> list[tuple[int, int, float]]:
    """Article pairs ``(x, y, shared points)``, ``x < y``, passing ``rule``; sorted by (x, y)."""
    if len(features) < 2:
        return []
    lens = np.fromiter((len(f.ids) for f in features), dtype=np.int64, count=len(features))
    row_off = np.zeros(len(features) + 1, dtype=np.int64)
    np.cumsum(lens, out=row_off[1:])
    table = FeatureTable(
        row_off,
        np.concatenate([f.ids for f in features]).astype(np.int64, copy=False),
        np.concatenate([f.kinds for f in features]).astype(np.int8, copy=False),
        np.concatenate([f.key for f in features]).astype(bool, copy=False),
    )
    x, y, points = event_links(table, dates, rule)
    return list(zip(x.tolist(), y.tolist(), points.tolist(), strict=True))


# --- stories ------------------------------------------------------------------------------
class UnionFind:
    """Union-find with deterministic components (ordered by their smallest member)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> bool:
        """Join the sets of ``x`` and ``y``; False when they were already one set."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        if self.size[rx] < self.size[ry]:
            rx, ry = ry, rx
        self.parent[ry] = rx
        self.size[rx] += self.size[ry]
        return True

    def labels(self) -> list[int]:
        """For each element, the smallest element of its set (a stable component label)."""
        smallest: dict[int, int] = {}
        out = []
        for x in range(len(self.parent)):
            root = self.find(x)
            out.append(smallest.setdefault(root, x))
        return out

    def components(self) -> list[list[int]]:
        """Sets as sorted lists, ordered by their smallest element."""
        groups: dict[int, list[int]] = {}
        for x, label in enumerate(self.labels()):
            groups.setdefault(label, []).append(x)
        return list(groups.values())


def _positions(
    articles: list[Article], pairs: list[Pair]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Input positions of each pair's two articles, and of each article's id.

    A repeated id stands for its first occurrence, as pairs name articles by id.
    """
    ids = [a.id for a in articles]
    position = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
    try:
        xs = [position[p.a] for p in pairs]
        ys = [position[p.b] for p in pairs]
    except KeyError:
        for pair in pairs:
            for aid in (pair.a, pair.b):
                if aid not in position:
                    raise ValueError(f"pair refers to unknown article {aid!r}") from None
        raise
    if len(position) == len(ids):  # no repeated id
        first = np.arange(len(ids), dtype=np.int64)
    else:
        first = np.array([position[i] for i in ids], dtype=np.int64)
    return np.array(xs, dtype=np.int64), np.array(ys, dtype=np.int64), first


def _strongest_per_family_pair(
    family: np.ndarray, x: np.ndarray, y: np.ndarray, points: np.ndarray
) -> np.ndarray:
    """Indices of the links kept, ascending: per pair of different families, the link with
    the most points (the first in (x, y) order on a tie)."""
    fx, fy = family[x], family[y]
    between = np.flatnonzero(fx != fy)
    low, high = np.minimum(fx, fy)[between], np.maximum(fx, fy)[between]
    order = np.lexsort((between, -points[between], high, low))
    ranked_low, ranked_high = low[order], high[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (ranked_low[1:] != ranked_low[:-1]) | (ranked_high[1:] != ranked_high[:-1])
    return np.sort(between[order[first]])


def _linked_already(
    family: np.ndarray, x: np.ndarray, y: np.ndarray, lx: np.ndarray, ly: np.ndarray
) -> np.ndarray:
    """``out[k]``: the families of link ``(lx[k], ly[k])`` are already joined by one of the
    given pairs ``(x, y)`` (a same-event pair of the align stage: shared quotations)."""
    n = len(family) + 1

    def keys(p: np.ndarray, q: np.ndarray) -> np.ndarray:
        fp, fq = family[p], family[q]
        return np.minimum(fp, fq) * n + np.maximum(fp, fq)

    return np.isin(keys(lx, ly), keys(x, y))


def _other_sites(articles: list[Article], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which links join articles of two sites (or of unknown sites).

    Same-event links stand for independent reports: two articles of one site on one subject
    are its own coverage (a follow-up, a second post on one show), and what they share is
    often the site's template rather than the event.
    """
    sites = [a.site for a in articles]
    return np.array([sites[i] is None or sites[i] != sites[j]
                     for i, j in zip(x.tolist(), y.tolist(), strict=True)], dtype=bool)


def build_stories(
    articles: list[Article],
    pairs: list[Pair],
    tokens: list[Tokens] | None = None,
    *,
    rule: EventRule | None = None,
    same_event: bool = True,
    batch: TextBatch | None = None,
) -> tuple[list[Story], list[Pair]]:
    """Group ``articles`` into stories; return the stories and the pairs inside them.

    ``pairs`` are the verified reuse pairs (and any ``same-event`` pairs already known);
    ``tokens[k]`` is ``tokenize(articles[k].text)`` when available (saves re-tokenising);
    ``batch``, the ``TextBatch`` of the articles' texts (the pipeline's), saves laying the
    tokens out again.
    ``rule`` tunes the same-event evidence (``EventRule(window_days=...)``); ``same_event=False``
    gives stories made of reuse families only. Raises ValueError when a pair names an unknown
    article (a programming error, not user input); a repeated article id is tolerated (pairs
    refer to its first occurrence, later ones stay in stories of their own unless linked).
    """
    n = len(articles)
    x, y, _ = _positions(articles, pairs)
    if n == 0:
        return [], []
    reuse = np.array([p.relation == "reuse" for p in pairs], dtype=bool)
    excerpt, quoted = excerpt_pairs(n, pairs, x, y, reuse)
    for k in np.flatnonzero(excerpt).tolist():
        pair = pairs[k]
        pair.relation = pair.link = "excerpt"
        pair.source = pair.a if quoted[k] == x[k] else pair.b
    table = feature_table(articles, tokens, batch=batch) if same_event and n > 1 else None
    return join_families(articles, pairs, table, rule)


def join_families(
    articles: list[Article], pairs: list[Pair], table: FeatureTable | None,
    rule: EventRule | None = None,
) -> tuple[list[Story], list[Pair]]:
    """The corpus-wide half of ``build_stories``: pairs whose excerpts are already marked
    (``relation == "excerpt"``) are grouped into reuse families (components of the reuse
    pairs), the families are joined by same-event links found over ``table`` (the
    features of every article; None: no same-event links), and the stories (components of
    every non-excerpt pair and link) and their pairs are laid out.

    It reads ids, dates, sites and feature numbers only, no text, which is why the Spark
    engine runs it on its driver after marking excerpts per component on the executors.
    """
    n = len(articles)
    x, y, first = _positions(articles, pairs)
    if n == 0:
        return [], []
    reuse = np.array([p.relation == "reuse" for p in pairs], dtype=bool)
    excerpt = np.array([p.relation == "excerpt" for p in pairs], dtype=bool)
    family = component_labels(n, x[reuse], y[reuse])
    added: list[Pair] = []
    joined_x, joined_y = x[~excerpt], y[~excerpt]  # the edges of stories
    if table is not None and n > 1:
        lx, ly, points = event_links(table, [a.date for a in articles], rule)
        other = _other_sites(articles, lx, ly)
        lx, ly, points = lx[other], ly[other], points[other]
        kept = _strongest_per_family_pair(family, lx, ly, points)
        kept = kept[~_linked_already(family, x[~reuse], y[~reuse], lx[kept], ly[kept])]
        lx, ly = lx[kept], ly[kept]
        added = [
            Pair(a=articles[i].id, b=articles[j].id, relation="same-event")
            for i, j in zip(lx.tolist(), ly.tolist(), strict=True)
        ]
        joined_x, joined_y = np.concatenate((joined_x, lx)), np.concatenate((joined_y, ly))
        x, y = np.concatenate((x, first[lx])), np.concatenate((y, first[ly]))  # as named
    story = component_labels(n, joined_x, joined_y)
    number = np.cumsum(story == np.arange(n))  # at a story's first member: its 1-based number
    return _stories(articles, story, family), _ordered([*pairs, *added], number[story[x]], x, y)


def _stories(articles: list[Article], story: np.ndarray, family: np.ndarray) -> list[Story]:
    """The Story objects: articles in input order, families in order of their first member."""
    n = len(articles)
    ids = [a.id for a in articles]
    members = [ids[k] for k in np.argsort(story, kind="stable").tolist()]  # by story
    by_family = np.lexsort((family, story))  # by story, family, then input position
    family_ids = [ids[k] for k in by_family.tolist()]
    sorted_story, sorted_family = story[by_family], family[by_family]
    story_start = np.flatnonzero(np.r_[True, sorted_story[1:] != sorted_story[:-1]]).tolist()
    family_start = np.flatnonzero(np.r_[True, sorted_family[1:] != sorted_family[:-1]]).tolist()
    story_start.append(n)
    family_start.append(n)
    out: list[Story] = []
    f = 0
    for s in range(len(story_start) - 1):
        begin, end = story_start[s], story_start[s + 1]
        families = []
        while family_start[f] < end:
            families.append(family_ids[family_start[f] : family_start[f + 1]])
            f += 1
        out.append(Story(id=f"story-{s + 1}", articles=members[begin:end], families=families))
    return out


def _ordered(pairs: list[Pair], story_number: np.ndarray, x: np.ndarray, y: np.ndarray):
    """``pairs`` by story, then the input positions of their two articles (stable)."""
    order = np.lexsort((np.maximum(x, y), np.minimum(x, y), story_number))
    return [pairs[k] for k in order.tolist()]
