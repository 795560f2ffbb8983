"""Matching the sentences of two versions of a text, whatever their order.

Outlets reorder paragraphs, merge or split sentences, and rewrite words inside them, so the
match is order-independent. Each sentence is a sequence of word ids (``wiretrace.index.tokens``:
case and typography folded). For sentences ``x`` (``m`` words) and ``y`` (``n`` words) with
longest common subsequence ``l``, the Indel distance is ``d = m + n - 2l`` and

    similarity(x, y) = 1 - d / (m + n) = 2l / (m + n)        containment(x in y) = l / m

1. Every pair is scored with rapidfuzz's ``cdist`` (C, all pairs at once).
2. Pairs are accepted one-to-one, best first, when ``similarity >= min_similarity`` (0.5), or
   ``>= linked_similarity`` (0.2) when an alignment passage of the pair already links them.
3. A sentence left over whose words are at least half contained in one sentence of the
   other version (``containment >= min_containment``, 0.5, and at least ``min_common`` (4)
   words in common) joins that sentence's group, matched or not, if joining raises the
   group's similarity (of the concatenated word sequences): this catches a sentence split in
   two, or several merged into one (a cut clause may lower the containment of a sentence
   merged into another, hence only half), while a short quote sharing "of the ... said" with
   a long sentence stays apart. A group made of leftovers only must reach ``min_similarity``.

The result is a list of groups ``(a sentence indices, b sentence indices)``; a group with an
empty side is a sentence present in one version only.

    >>> a = Analysed.of("The army said two died. Then it rained.")
    >>> b = Analysed.of("Then it rained. The army said 2 died.")
    >>> match_sentences(a, b)
    [([0], [1]), ([1], [0])]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from wiretrace.compare.sentences import Span, split_sentences
from wiretrace.index.tokens import tokenize

Group = tuple[list[int], list[int]]


@dataclass
class Analysed:
    """A text split once into sentences, each with its word ids and their char spans."""

    text: str
    sentences: list[Span]
    ids: list[list[int]]
    spans: list[list[Span]]

    @classmethod
    def of(cls, text: str) -> Analysed:
        sentences = split_sentences(text)
        tokens = tokenize(text)
        ends = np.array([e for _, e in sentences], dtype=np.int64)
        which = np.searchsorted(ends, tokens.starts, side="right")
        ids: list[list[int]] = [[] for _ in sentences]
        spans: list[list[Span]] = [[] for _ in sentences]
        for k, s in enumerate(which.tolist()):
            if s < len(sentences):
                ids[s].append(int(tokens.ids[k]))
                spans[s].append((int(tokens.starts[k]), int(tokens.ends[k])))
        return cls(text=text, sentences=sentences, ids=ids, spans=spans)

    def sentence(self, index: int) -> str:
        s, e = self.sentences[index]
        return self.text[s:e]


def _linked(
    a: Analysed, b: Analysed, passages: Sequence[tuple[Span, Span]]
) -> set[tuple[int, int]]:
    """Sentence pairs that lie inside the two sides of one alignment passage."""
    links: set[tuple[int, int]] = set()
    for (as_, ae), (bs, be) in passages:
        ia = [i for i, (s, e) in enumerate(a.sentences) if s < ae and e > as_]
        ib = [j for j, (s, e) in enumerate(b.sentences) if s < be and e > bs]
        links.update((i, j) for i in ia for j in ib)
    return links


def _contained(common: float, length: float, min_containment: float, min_common: int) -> bool:
    return common >= min_common and common >= min_containment * length


def match_sentences(
    a: Analysed,
    b: Analysed,
    passages: Sequence[tuple[Span, Span]] = (),
    min_similarity: float = 0.5,
    linked_similarity: float = 0.2,
    min_containment: float = 0.5,
    min_common: int = 4,
) -> list[Group]:
    """Groups of matched sentences, in the order of version ``a`` then b-only ones."""
    na, nb = len(a.sentences), len(b.sentences)
    groups: list[Group] = []
    if na and nb:
        dist = process.cdist(a.ids, b.ids, scorer=Indel.distance, dtype=np.int32)
        la = np.array([len(x) for x in a.ids], dtype=np.float64)
        lb = np.array([len(y) for y in b.ids], dtype=np.float64)
        total = la[:, None] + lb[None, :]
        common = (total - dist) / 2.0
        with np.errstate(divide="ignore", invalid="ignore"):
            sim = np.where(total > 0, 2.0 * common / total, 0.0)
        links = _linked(a, b, passages)
        order = np.argsort(-sim, axis=None, kind="stable")
        pa: dict[int, int] = {}
        pb: dict[int, int] = {}
        for flat in order.tolist():
            i, j = divmod(flat, nb)
            score = sim[i, j]
            if score < linked_similarity:
                break
            if i in pa or j in pb:
                continue
            if score >= min_similarity or (i, j) in links:
                pa[i], pb[j] = j, i
        # leftovers mostly contained in one sentence of the other side join its group (a
        # sentence split in two, or several merged into one, matched or not) when joining
        # raises the group's similarity
        gid_a = {i: i for i in pa}
        gid_b = {j: i for j, i in pb.items()}

        def group_sim(g: int, extra_a: int = -1, extra_b: int = -1) -> float:
            sa = sorted(
                [i for i, h in gid_a.items() if h == g] + ([extra_a] if extra_a >= 0 else [])
            )
            sb = sorted(
                [j for j, h in gid_b.items() if h == g] + ([extra_b] if extra_b >= 0 else [])
            )
            xa = [w for i in sa for w in a.ids[i]]
            xb = [w for j in sb for w in b.ids[j]]
            return Indel.normalized_similarity(xa, xb) if xa and xb else 0.0

        for i in range(na):
            j = int(np.argmax(common[i]))
            if i in pa or not _contained(common[i, j], la[i], min_containment, min_common):
                continue
            g = gid_b.get(j, i)
            if group_sim(g, extra_a=i, extra_b=-1 if j in gid_b else j) > group_sim(g):
                gid_a[i] = gid_b.setdefault(j, i)
        for j in range(nb):
            i = int(np.argmax(common[:, j]))
            if j in gid_b or not _contained(common[i, j], lb[j], min_containment, min_common):
                continue
            g = gid_a.get(i, -2 - i)
            if group_sim(g, extra_a=-1 if i in gid_a else i, extra_b=j) > group_sim(g):
                gid_b[j] = gid_a.setdefault(i, g)
        # a group built from leftovers alone must end up as similar as a direct match
        for g in {h for h in gid_a.values() if h not in pa}:
            if group_sim(g) < min_similarity:
                gid_a = {i: h for i, h in gid_a.items() if h != g}
                gid_b = {j: h for j, h in gid_b.items() if h != g}
        members: dict[int, tuple[list[int], list[int]]] = {}
        for i, g in gid_a.items():
            members.setdefault(g, ([], []))[0].append(i)
        for j, g in gid_b.items():
            members.setdefault(g, ([], []))[1].append(j)
        entries = [(min(sa), sorted(sa), sorted(sb)) for sa, sb in members.values() if sa and sb]
        entries += [(i, [i], []) for i in range(na) if i not in gid_a]
        groups = [(sa, sb) for _, sa, sb in sorted(entries)]
        groups.extend(([], [j]) for j in range(nb) if j not in gid_b)
    else:
        groups = [([i], []) for i in range(na)] + [([], [j]) for j in range(nb)]
    # a "sentence" without a word (a lone ":" or "*") is nobody's addition or cut
    return [(sa, sb) for sa, sb in groups if any(a.ids[i] for i in sa) or any(b.ids[j] for j in sb)]
