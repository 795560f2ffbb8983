"""Excerpts: a few paragraphs of another story are a link between stories, not a merge.

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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from wiretrace.cluster._kernels import component_labels
from wiretrace.model import Pair

EXCERPT_SHARE = 0.5  # a carrier sharing less of its text than this is not mostly the other's
COVERED = 0.5  # share of a span a partner must share for the span to be the partner's too

Spans = list[tuple[int, int]]


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
