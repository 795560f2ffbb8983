"""Derivation links: within a reuse family, each version linked to its closest source.

A family (the connected component of the ``reuse`` pairs) is a derivation structure, not a
clique: a wire story carried by 2,000 sites is 1,999 reprints of one text, not two million
pairs. This module picks, in each family, a spanning tree of the reuse pairs whose edges
point from a source to a version derived from it, and grades each edge.

Rank. Versions are ranked by date, earliest first (undated ones last). Dates are to the day
and a burst is carried the same day, so on a tie the likelier source is the version that
shares most with its partners both ways: the larger mean, over its reuse pairs, of
``shared_fraction_a + shared_fraction_b``. A copy that adds a paragraph of its own is less
covered by the others, a copy that cuts one covers less of them; the original loses
neither way. Then the longest text, the id and the input position, so ranks are unique.
The family's first-ranked version is its base.

1. Source link. Every version takes, among its reuse partners ranked before it, the one that
   covers most of its text (its own ``shared_fraction``), the earlier-ranked one on a tie:
   "the earliest-dated version it shares most with". Ranks fall strictly along these links,
   so they form a forest.
2. Completion. A version with no partner ranked before it (found against later copies only)
   joins its family by its strongest remaining pair (the larger shared fraction), by
   Kruskal's rule: in that order, a pair is a link when it joins two parts not yet joined.
   Every family of ``m`` versions ends as one tree of ``m - 1`` links (a version's relation
   to the family base is the path of links), each pointing from its earlier-ranked end.
3. Grade, in the terms METER (Clough et al. 2002) uses for press-agency copy: ``wholly``
   derived when the source covers at least ``WHOLLY`` of the derived version's text (the
   source with edits), else ``partially`` derived (some passages in otherwise own text).
4. Other pairs. A reuse pair that is not a link is listed only when its evidence does not
   follow from the links: when one of its ends shares with the other at least
   ``UNEXPLAINED_CHARS`` chars, and ``UNEXPLAINED_SHARE`` of what the pair shares on that
   side, that it shares with none of its link partners (a version that took a paragraph of
   another version's own addition, or two partial reprints of parts of a source that is
   not in the corpus). ``all_pairs`` lists every pair.

Each story lists the root of each family's links (``Story.roots``): a version's relation to
its family's base is the one path of links between them in the tree. Every pair gets the
dates of its two ends (``date_a``, ``date_b``), so a reader sees who
published first. Same-event pairs are kept as they are.

    >>> from wiretrace.model import Article, Pair, Story
    >>> arts = [Article(id=i, source=i, index=1, date=d, text="x" * n)
    ...         for i, d, n in (("a", "2024-01-02", 100), ("b", "2024-01-01", 90),
    ...                         ("c", "2024-01-03", 100))]
    >>> pairs = [Pair("a", "b", "reuse", 0.9, 1.0), Pair("a", "c", "reuse", 1.0, 1.0),
    ...          Pair("b", "c", "reuse", 1.0, 0.9)]
    >>> [(p.a, p.b, p.source, p.link) for p in derivation_links(arts, pairs)]
    [('a', 'b', 'b', 'wholly'), ('a', 'c', 'a', 'wholly')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import numpy as np

from wiretrace.cluster._kernels import spanning_edges
from wiretrace.model import Article, Pair, Story

WHOLLY = 0.8  # share of the derived text its source covers, at least, for "wholly"
UNEXPLAINED_CHARS = 80  # shared text a pair adds to the links (about a sentence), at least
UNEXPLAINED_SHARE = 0.1  # ... and this share of what the pair shares on that side


def ranks(articles: Sequence[Article], carried: np.ndarray) -> np.ndarray:
    """Rank of each article, 0 = the likeliest source: earliest date (undated last), then
    the most ``carried`` (mean shared fractions over its pairs), the longest text, the id
    and the input position."""
    values = carried.tolist()
    order = sorted(range(len(articles)), key=lambda k: (
        articles[k].date or "9999", -values[k], -len(articles[k].text), articles[k].id, k))
    rank = np.empty(len(articles), dtype=np.int64)
    rank[order] = np.arange(len(articles))
    return rank


def date_pairs(articles: Sequence[Article], pairs: Sequence[Pair]) -> dict[str, int]:
    """Give each of ``pairs`` its ends' dates (``date_a``, ``date_b``; in place; a repeated id
    stands for its first occurrence); return each id's position in ``articles``."""
    position: dict[str, int] = {}
    for k, article in enumerate(articles):
        position.setdefault(article.id, k)
    for pair in pairs:
        pair.date_a = articles[position[pair.a]].date
        pair.date_b = articles[position[pair.b]].date
    return position


def derivation_links(
    articles: Sequence[Article], pairs: list[Pair], *, all_pairs: bool = False,
    stories: Sequence[Story] = (),
) -> list[Pair]:
    """Mark the derivation links among ``pairs`` (``link``, ``source``; in place) and
    return the pairs to list: the links, the pairs whose evidence does not follow from them
    and every non-reuse pair, in the given order (every pair when ``all_pairs``).
    Pairs name articles by id (a repeated id stands for its first occurrence). Each of
    ``stories`` gets the ``roots`` of its families: their first-ranked versions."""
    position = date_pairs(articles, pairs)
    reuse = [k for k, p in enumerate(pairs) if p.relation == "reuse"]
    if not reuse:
        for story in stories:
            story.roots = [family[0] for family in story.families]
        return pairs
    chosen = [pairs[k] for k in reuse]
    x = np.array([position[p.a] for p in chosen], dtype=np.int64)
    y = np.array([position[p.b] for p in chosen], dtype=np.int64)
    fa = np.array([p.shared_fraction_a for p in chosen], dtype=np.float64)
    fb = np.array([p.shared_fraction_b for p in chosen], dtype=np.float64)
    n = len(articles)
    both = fa + fb
    shared = np.bincount(x, both, n) + np.bincount(y, both, n)
    degree = np.bincount(x, minlength=n) + np.bincount(y, minlength=n)
    rank = ranks(articles, shared / np.maximum(degree, 1))
    for story in stories:
        story.roots = [min(family, key=lambda aid: rank[position[aid]])
                       for family in story.families]
    a_first = rank[x] < rank[y]
    src, dst = np.where(a_first, x, y), np.where(a_first, y, x)
    taken = np.where(a_first, fb, fa)  # share of the derived version its source covers

    # 1. each version's best source among the partners ranked before it
    order = np.lexsort((rank[src], -taken, dst))
    best = order[np.r_[True, dst[order][1:] != dst[order][:-1]]]
    # 2. then the other pairs, strongest first, where they join two parts
    rest = np.setdiff1d(np.arange(len(chosen)), best)
    rest = rest[np.lexsort((rank[src[rest]], rank[dst[rest]], -np.maximum(fa, fb)[rest]))]
    priority = np.concatenate((best, rest))
    is_link = np.zeros(len(chosen), dtype=bool)
    is_link[priority[spanning_edges(n, src[priority], dst[priority])]] = True

    for k in np.flatnonzero(is_link).tolist():
        pair = chosen[k]
        pair.source = articles[int(src[k])].id
        pair.link = "wholly" if taken[k] >= WHOLLY else "partially"
    if all_pairs:
        return pairs
    covered = _link_cover(chosen, is_link)
    keep = [True] * len(pairs)
    for n, k in enumerate(reuse):
        if not is_link[n]:
            keep[k] = _adds_evidence(pairs[k], covered)
    return [p for p, kept in zip(pairs, keep, strict=True) if kept]


Cover = tuple[list[int], list[int]]  # merged spans of one text: starts, ends (ascending)


def _link_cover(pairs: Sequence[Pair], is_link: np.ndarray) -> dict[str, Cover]:
    """For each article, the union of the spans of its text that its links share."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for pair, link in zip(pairs, is_link.tolist(), strict=True):
        if link:
            spans.setdefault(pair.a, []).extend(p.a for p in pair.passages)
            spans.setdefault(pair.b, []).extend(p.b for p in pair.passages)
    out: dict[str, Cover] = {}
    for aid, found in spans.items():
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(found):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        out[aid] = (starts, ends)
    return out


def _uncovered(spans: Sequence[tuple[int, int]], cover: Cover | None) -> tuple[int, int]:
    """(chars of ``spans`` outside ``cover``, chars of ``spans``)."""
    total = sum(end - start for start, end in spans)
    if cover is None:
        return total, total
    starts, ends = cover
    inside = 0
    for start, end in spans:
        k = max(bisect_right(starts, start) - 1, 0)
        while k < len(starts) and starts[k] < end:
            inside += max(0, min(end, ends[k]) - max(start, starts[k]))
            k += 1
    return total - inside, total


def _adds_evidence(pair: Pair, covered: dict[str, Cover]) -> bool:
    """True when one end of ``pair`` shares text with the other that its links do not."""
    for aid, spans in ((pair.a, [p.a for p in pair.passages]),
                       (pair.b, [p.b for p in pair.passages])):
        outside, total = _uncovered(spans, covered.get(aid))
        if outside >= UNEXPLAINED_CHARS and outside >= UNEXPLAINED_SHARE * total:
            return True
    return False
