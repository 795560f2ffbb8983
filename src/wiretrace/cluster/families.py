"""Reuse families: the excerpts between them, and the derivation links inside each.

A reuse family is a connected component of the ``reuse`` pairs. Two questions are asked of
its pairs, one before the families are drawn and one after:

**Excerpts** (``excerpt_pairs``): a few paragraphs of another story are a link between
stories, not a merge.

A roundup, a digest or a clipping page carries a few paragraphs of stories it is not about.
Taken as ordinary reuse, its pairs would make one family, and one story, of every story it
quotes. Which reuse pairs are excerpts:

1. A pair is *weak* when both ends have less than ``EXCERPT_SHARE`` of their text in
   common with the other: neither version is mostly the other's text (a half-story reprint
   is all wire text, so its pair with the wire story is not weak). A pair without passages
   (given without its alignment) is never weak: it says nothing of which parts are shared.
   The other pairs are *core*; their connected components are the *groups*.
2. A weak pair between two groups is an excerpt when, for one of its ends, what it shares
   with the other end is not its own group's text: when fewer than half of that end's core
   partners share (at least half of) that same span of its text. A page mostly about one
   story quotes paragraphs that the reports of its story do not carry; a partial rewrite's
   quoted paragraphs are in the copies of the rewrite.
3. A group whose text is made of paragraphs of several groups is a roundup group, even
   when it has copies of its own (a syndicated roundup: its reprints carry the same
   paragraphs, so step 2 finds them its own text, as they are the quoted story's). A weak
   pair between two groups left by step 2 is *carried* by the end where the shared passage
   is the smaller share of the text: the passage is mostly the other end's text (a roundup
   holds each story's part among several, so each is a smaller share of it than of the
   story it is taken from). A member's carried pairs are sorted into parts as in step 4,
   first by the quoted groups, then by the families the other weak pairs make of them.
   Several parts at one member: its group is a roundup group, its pairs with the groups
   it quotes are excerpts (those of a cut copy too, where a part is the larger share of
   the copy), and it joins none. One part (a partial rewrite, a page quoting one story),
   or a passage of equal share at both ends (no carrier): nothing changes. The shares are
   all that tells a roundup from an original quoted by two syndicated pages: an original
   whose paragraphs are a smaller share of it than of both pages is taken as their roundup.
4. The groups joined by the weak pairs that are not excerpts are the *families so far*. An
   article in no group (no core pair: a roundup of several stories, none dominant) has its
   weak pairs sorted into parts: two pairs are one part when their other ends are of one
   family so far, or when the spans of its text they share overlap (by ``COVERED`` of the
   shorter). One part: it joins that family. Several: its text is made of paragraphs of
   several stories, each of its weak pairs is an excerpt, and it joins none. (Pieces of one
   story that share the same paragraphs with each other are one part, so they join.)

Weak pairs inside one group stay reuse. An excerpt pair keeps its passages and fractions;
the cluster stage gives it ``relation`` and ``link`` ``"excerpt"`` and names as its
``source`` the end that was quoted (the one in a family of its own making: step 2's other
end, step 3's and step 4's partner), and it joins neither families nor stories.

**Derivation links** (``derivation_links``): within a reuse family, each version linked
to its closest source.

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
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from wiretrace.cluster._graph_kernels import component_labels, spanning_edges
from wiretrace.model import Article, Pair, Story

EXCERPT_SHARE = 0.5  # a carrier sharing less of its text than this is not mostly the other's
COVERED = 0.5  # share of a span a partner must share for the span to be the partner's too

WHOLLY = 0.8  # share of the derived text its source covers, at least, for "wholly"
UNEXPLAINED_CHARS = 80  # shared text a pair adds to the links (about a sentence), at least
UNEXPLAINED_SHARE = 0.1  # ... and this share of what the pair shares on that side

Spans = list[tuple[int, int]]  # spans of one text


def excerpt_pairs(
    n: int, pairs: Sequence[Pair], x: np.ndarray, y: np.ndarray, reuse: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Which ``pairs`` are excerpts (a mask, among the ``reuse`` ones), and the position of
    the quoted end of each (``x`` or ``y``: the positions of its two articles, of ``n``)."""
    fa = np.array([p.shared_fraction_a for p in pairs], dtype=np.float64)
    fb = np.array([p.shared_fraction_b for p in pairs], dtype=np.float64)
    aligned = np.array([bool(p.passages) for p in pairs], dtype=bool)
    weak = reuse & aligned & (np.maximum(fa, fb) < EXCERPT_SHARE)
    core = reuse & ~weak
    group = component_labels(n, x[core], y[core])
    alone = np.bincount(group, minlength=n) == 1
    crossing = np.flatnonzero(weak & (group[x] != group[y]))
    out = np.zeros(len(pairs), dtype=bool)
    quoted = y.copy()
    if len(crossing) == 0:
        return out, quoted

    # 2. between two groups: not the group's own text at one end
    between = [k for k in crossing.tolist() if not alone[x[k]] and not alone[y[k]]]
    if between:
        ends = {int(e) for k in between for e in (x[k], y[k])}
        partners = _core_spans(pairs, x, y, core, ends)
        for k in between:
            pair = pairs[k]
            for end, other, side in ((x[k], y[k], [p.a for p in pair.passages]),
                                     (y[k], x[k], [p.b for p in pair.passages])):
                own = partners[int(end)]
                if 2 * sum(_covered(side, spans) >= COVERED for spans in own) < len(own):
                    out[k], quoted[k] = True, other
                    break
    # 3. a group made of paragraphs of several groups
    joined = crossing[~out[crossing]]
    joined = joined[~alone[x[joined]] & ~alone[y[joined]]]
    carried, their = _roundup_pairs(n, pairs, x, y, fa, fb, core, group, joined)
    out[carried], quoted[carried] = True, their
    joined = joined[~out[joined]]
    # 4. an article in no group reaching several families
    family = component_labels(n, np.concatenate((x[core], x[joined])),
                              np.concatenate((y[core], y[joined])))
    reached: dict[int, list[int]] = defaultdict(list)
    for k in crossing.tolist():
        for end in (x[k], y[k]):
            if alone[end]:
                reached[int(end)].append(k)
    for end, ks in reached.items():
        others = [int(y[k] if x[k] == end else x[k]) for k in ks]
        if len({int(family[o]) for o in others}) > 1 and _parts(
                [[p.a if x[k] == end else p.b for p in pairs[k].passages] for k in ks],
                [int(family[o]) for o in others]) > 1:
            out[ks] = True
            quoted[ks] = others
    return out, quoted


def _roundup_pairs(n: int, pairs: Sequence[Pair], x: np.ndarray, y: np.ndarray,
                   fa: np.ndarray, fb: np.ndarray, core: np.ndarray, group: np.ndarray,
                   joined: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of ``joined`` (weak, between two groups, not excerpts by step 2) between a
    roundup group and a group it quotes (step 3), and the quoted end of each: the roundup
    groups are those one of whose members' carried pairs (the pairs at whose end the
    passage is the smaller share) make several parts."""
    ends = np.where(fa[joined] < fb[joined], x[joined],
                    np.where(fb[joined] < fa[joined], y[joined], -1))
    others = np.where(x[joined] == ends, y[joined], x[joined])
    by_end: dict[int, list[int]] = defaultdict(list)
    for i, end in enumerate(ends.tolist()):
        if end >= 0:  # a passage of equal share at both ends has no carrier
            by_end[end].append(i)
    if not by_end:
        return joined[:0], joined[:0]

    def roundups(label: np.ndarray) -> set[int]:
        found: set[int] = set()
        for end, rows in by_end.items():
            families = [int(label[others[i]]) for i in rows]
            if len(set(families)) > 1 and _parts(
                    [[p.a if x[joined[i]] == end else p.b for p in pairs[joined[i]].passages]
                     for i in rows], families) > 1:
                found.add(int(group[end]))
        return found

    # parts by the quoted groups first, then by the families the other pairs make of them
    first = roundups(group)
    if not first:
        return joined[:0], joined[:0]
    keep = (ends < 0) | ~np.isin(group[ends], list(first))
    family = component_labels(n, np.concatenate((x[core], x[joined[keep]])),
                              np.concatenate((y[core], y[joined[keep]])))
    found = list(roundups(family))
    carried = (ends >= 0) & np.isin(group[ends], found)
    # and its other pairs with the groups it quotes (a copy sharing a part as a larger share)
    quoted = np.unique(group[others[carried]])
    gx, gy = group[x[joined]], group[y[joined]]
    at_x, at_y = np.isin(gx, found), np.isin(gy, found)
    excerpt = carried | (at_x & np.isin(gy, quoted)) | (at_y & np.isin(gx, quoted))
    their = np.where(carried, others, np.where(at_x, y[joined], x[joined]))
    return joined[excerpt], their[excerpt]


def _parts(spans: list[Spans], families: list[int]) -> int:
    """How many parts pairs make (steps 3 and 4): one part per family, parts whose spans of the
    one text overlap joined."""
    labels = {f: k for k, f in enumerate(dict.fromkeys(families))}
    xs, ys = [], []
    for i in range(len(spans)):
        for j in range(i + 1, len(spans)):
            if families[i] == families[j] or _overlap(spans[i], spans[j]):
                xs.append(labels[families[i]])
                ys.append(labels[families[j]])
    joined = component_labels(len(labels), np.array(xs, dtype=np.int64),
                              np.array(ys, dtype=np.int64))
    return len(set(joined.tolist()))


def _overlap(a: Spans, b: Spans) -> bool:
    """The spans overlap by ``COVERED`` of the shorter of the two."""
    shorter, longer = (a, b) if sum(e - s for s, e in a) <= sum(e - s for s, e in b) else (b, a)
    return _covered(shorter, longer) >= COVERED


def _core_spans(pairs: Sequence[Pair], x: np.ndarray, y: np.ndarray, core: np.ndarray,
                wanted: set[int]) -> dict[int, list[Spans]]:
    """For each article of ``wanted``, its side's spans of each of its core pairs."""
    out: dict[int, list[Spans]] = defaultdict(list)
    for k in np.flatnonzero(core).tolist():
        pair = pairs[k]
        if int(x[k]) in wanted:
            out[int(x[k])].append([p.a for p in pair.passages])
        if int(y[k]) in wanted:
            out[int(y[k])].append([p.b for p in pair.passages])
    return out


def _covered(spans: Spans, cover: Spans) -> float:
    """The share of the chars of ``spans`` that ``cover`` covers (spans of one text)."""
    total = sum(end - start for start, end in spans)
    if total == 0:
        return 0.0
    inside = sum(max(0, min(end, ce) - max(start, cs))
                 for start, end in spans for cs, ce in cover)
    return min(1.0, inside / total)  # a pair's passages do not overlap; a cap all the same


# --- derivation links --------------------------------------------------------------------


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
