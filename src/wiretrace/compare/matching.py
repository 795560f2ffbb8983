"""Matching the sentences of two versions of a text, whatever their order.

Outlets reorder paragraphs, merge or split sentences, and rewrite words inside them, so the
match is order-independent. Each sentence is a sequence of word ids (``wiretrace.text``:
case and typography folded). For sentences ``x`` (``m`` words) and ``y`` (``n`` words) with
longest common subsequence ``l``, the Indel distance is ``d = m + n - 2l`` and

    similarity(x, y) = 1 - d / (m + n) = 2l / (m + n)        containment(x in y) = l / m

1. Identical sentences pair up first, by hashing their word ids (similarity 1: the pairs
   step 2 would accept first); the others are scored with rapidfuzz's ``cdist`` (C).
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

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from wiretrace.compare.figures import figure_lines, figure_tokens, may_touch
from wiretrace.compare.sentences import Span, sentence_array
from wiretrace.text import Tokens, normalize, tokenize

Group = tuple[list[int], list[int]]


@dataclass
class Analysed:
    """A text split once into sentences, each with its word ids and their char spans.

    ``skip`` chars at the start (a dateline prefix, see ``clean.lines.dateline_end``) belong to no sentence.
    ``tokens`` may be given when the caller already has them (the pipeline tokenises every
    article once); they must be ``tokenize(text)``.
    """

    text: str
    sentences: list[Span]
    ids: list[list[int]]
    spans: _Spans
    full: list[Span] = field(default_factory=list)  # every sentence, the masked prefix's too
    _norm: str | None = field(default=None, repr=False, compare=False)
    _keys: list[tuple[int, ...]] | None = field(default=None, repr=False, compare=False)
    _lengths: np.ndarray | None = field(default=None, repr=False, compare=False)
    _where: dict[tuple[int, ...], list[int]] | None = field(
        default=None, repr=False, compare=False
    )
    _figures: list[tuple[Span, float]] | None = field(default=None, repr=False, compare=False)
    _lines: list[int] | None = field(default=None, repr=False, compare=False)
    _line_figures: dict[int, list[tuple[Span, float]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def figures(self) -> list[tuple[Span, float]]:
        """Every figure of the text as one whole token (``figures.figure_tokens``)."""
        if self._figures is None:
            self._figures = figure_tokens(self.text)
        return self._figures

    def figures_around(self, lo: int, hi: int) -> list[tuple[Span, float]]:
        """Figure tokens of the text (``figures.figure_tokens``), in order, among them every
        one that overlaps ``[lo, hi)``: those of the lines it overlaps, each line's read once
        (``figures.figure_lines``: a token never runs across lines), or of the whole text
        when a token may; none when none can overlap it (``figures.may_touch``)."""
        if self._figures is not None:
            return self._figures
        lines, known = self._lines, self._line_figures
        if lines:
            span = range(bisect_right(lines, lo) - 1, bisect_left(lines, hi))
            if all(k in known for k in span):
                return [f for k in span for f in known[k]]
        if not may_touch(self.text, lo, hi):
            return []
        if lines is None:
            lines = self._lines = figure_lines(self.text) or []
        if len(lines) < 2:  # a token may run across lines (or no text)
            return self.figures
        out: list[tuple[Span, float]] = []
        for k in range(bisect_right(lines, lo) - 1, bisect_left(lines, hi)):
            found = known.get(k)
            if found is None:
                s, e = lines[k], lines[k + 1]
                found = known[k] = [
                    ((s + a, s + b), value) for (a, b), value in figure_tokens(self.text[s:e])
                ]
            out.extend(found)
        return out

    @property
    def keys(self) -> list[tuple[int, ...]]:
        """Each sentence's word ids as a tuple (hashable: identical sentences match by it)."""
        if self._keys is None:
            self._keys = [tuple(x) for x in self.ids]
        return self._keys

    @property
    def where(self) -> dict[tuple[int, ...], list[int]]:
        """The indices of the sentences of each word-id tuple (``keys``; empty ones left
        out), in order."""
        if self._where is None:
            self._where = {}
            for j, y in enumerate(self.keys):
                if y:
                    self._where.setdefault(y, []).append(j)
        return self._where

    @property
    def lengths(self) -> np.ndarray:
        """Each sentence's number of words (float64)."""
        if self._lengths is None:
            self._lengths = np.array([len(x) for x in self.ids], dtype=np.float64)
        return self._lengths

    @classmethod
    def of(cls, text: str, tokens: Tokens | None = None, skip: int = 0) -> Analysed:
        found = sentence_array(text)
        sentences = full = list(map(tuple, found.tolist()))
        last = found[:, 1]  # each sentence's end
        if skip:
            sentences = [(max(s, skip), e) for s, e in sentences if e > skip]
            sentences = [(s, e) for s, e in sentences if s < e]
            last = np.array([e for _, e in sentences], dtype=np.int64)
        tokens = tokenize(text) if tokens is None else tokens
        starts, ends, ids = tokens.starts, tokens.ends, tokens.ids
        if skip:
            keep = starts >= skip
            starts, ends, ids = starts[keep], ends[keep], ids[keep]
        # token k belongs to the first sentence ending after its start (none past the last)
        which = np.searchsorted(last, starts, side="right")
        bounds = np.searchsorted(which, np.arange(len(sentences) + 1), side="left").tolist()
        id_list = ids.tolist()
        return cls(
            text=text,
            sentences=sentences,
            ids=[id_list[lo:hi] for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)],
            spans=_Spans(starts, ends, bounds),
            full=full,
        )

    def sentence(self, index: int) -> str:
        s, e = self.sentences[index]
        return self.text[s:e]

    def word(self, span: Span) -> str:
        """``normalize`` of the text of one span (see ``words``)."""
        s, e = span
        if self._norm is None:
            if "\u03a3" in self.text:
                return normalize(self.text[s:e])
            self._norm = normalize(self.text)
        return self._norm[s:e]

    def words(self, spans: Sequence[Span]) -> list[str]:
        """``normalize`` of the text of each span.

        Sliced from the text normalised once: equal to normalising each word alone, since
        folding is char by char except for the Greek capital sigma, whose lower case depends
        on its neighbours (texts holding one take the word-by-word path).
        """
        if "\u03a3" in self.text:
            return [normalize(self.text[s:e]) for s, e in spans]
        if self._norm is None:
            self._norm = normalize(self.text)
        norm = self._norm
        return [norm[s:e] for s, e in spans]


class _Spans:
    """Each sentence's word spans, ``spans[i]`` a list of (start, end): the text's spans are
    made when one is first read (one conversion for the text; only the texts a diff changes
    are ever read), each sentence's a slice of them."""

    def __init__(self, starts: np.ndarray, ends: np.ndarray, bounds: list[int]) -> None:
        self.starts, self.ends, self.bounds = starts, ends, bounds
        self.pairs: list[Span] | None = None

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def __getitem__(self, index: int) -> list[Span]:
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        if self.pairs is None:
            self.pairs = list(zip(self.starts.tolist(), self.ends.tolist(), strict=True))
        return self.pairs[self.bounds[index] : self.bounds[index + 1]]


class _Links:
    """Sentence pairs ``(i, j)`` that lie inside the two sides of one alignment passage.

    Kept as index ranges, one pair of ranges per passage (sentences are sorted and disjoint,
    so those overlapping a span form one range), and tested on demand.
    """

    def __init__(self, a: Analysed, b: Analysed, passages: Sequence[tuple[Span, Span]]) -> None:
        a_starts, a_ends = [s for s, _ in a.sentences], [e for _, e in a.sentences]
        b_starts, b_ends = [s for s, _ in b.sentences], [e for _, e in b.sentences]
        self.ranges = [
            (
                range(bisect_right(a_ends, as_), bisect_left(a_starts, ae)),
                range(bisect_right(b_ends, bs), bisect_left(b_starts, be)),
            )
            for (as_, ae), (bs, be) in passages
        ]

    def __contains__(self, pair: tuple[int, int]) -> bool:
        i, j = pair
        return any(i in ia and j in ib for ia, ib in self.ranges)


def _contained(
    common: np.ndarray, length: np.ndarray, min_containment: float, min_common: int
) -> list[bool]:
    """For each leftover, whether its words in common with its best sentence of the other
    side are at least ``min_common`` and ``min_containment`` of its own."""
    return ((common >= min_common) & (common >= min_containment * length)).tolist()


def _common(xs: list[list[int]], ys: list[list[int]]) -> np.ndarray:
    """Length of the longest common subsequence of every (x, y): ``(m + n - d) / 2``."""
    if not xs or not ys:
        return np.zeros((len(xs), len(ys)), dtype=np.float64)
    dist = process.cdist(xs, ys, scorer=Indel.distance, dtype=np.int32)
    lx = np.array([len(x) for x in xs], dtype=np.float64)
    ly = np.array([len(y) for y in ys], dtype=np.float64)
    return (lx[:, None] + ly[None, :] - dist) / 2.0


def _exact(a: Analysed, b: Analysed) -> dict[int, int]:
    """Identical sentences (similarity 1), paired one to one in (a index, b index) order:
    the pairs the best-first pass of ``match_sentences`` accepts first, found by hashing."""
    where = b.where
    taken: dict[tuple[int, ...], int] = {}
    pa: dict[int, int] = {}
    for i, x in enumerate(a.keys):
        same = where.get(x) if x else None
        if same:
            n = taken.get(x, 0)
            if n < len(same):
                pa[i] = same[n]
                taken[x] = n + 1
    return pa


def match_sentences(
    a: Analysed, b: Analysed, passages: Sequence[tuple[Span, Span]] = (), **thresholds: float
) -> list[Group]:
    """Groups of matched sentences, in the order of version ``a`` then b-only ones
    (``thresholds``: those of :func:`match_groups`).

    Identical sentences are paired first by hashing; only the sentences left over are scored
    against the other side (the result is the same as scoring every pair).
    """
    return match_groups(a, b, passages, **thresholds)[0]


def match_groups(
    a: Analysed,
    b: Analysed,
    passages: Sequence[tuple[Span, Span]] = (),
    min_similarity: float = 0.5,
    linked_similarity: float = 0.2,
    min_containment: float = 0.5,
    min_common: int = 4,
) -> tuple[list[Group], bool]:
    """``match_sentences``, and whether a passage let a match through (False: the groups
    are the same without passages)."""
    linked = False
    na, nb = len(a.sentences), len(b.sentences)
    groups: list[Group] = []
    if na and nb:
        la, lb = a.lengths, b.lengths
        pa = _exact(a, b)
        pb = {j: i for i, j in pa.items()}
        rows = [i for i in range(na) if i not in pa]
        cols = [j for j in range(nb) if j not in pb]
        ri, ci = np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp)
        # words in common (LCS length) of the pairs a leftover is part of: its whole row
        # (leftovers of a against every sentence of b) or column (leftovers of b)
        if rows and cols and na * nb <= 1.5 * (len(rows) * nb + na * len(cols)):
            # many leftovers: both are blocks of every sentence of a against every one of b
            common = _common(a.ids, b.ids)
            row_common, col_common = common[ri], common[:, ci]
        elif rows and cols:  # few: the rows, then the columns' part not in them
            row_common = _common([a.ids[i] for i in rows], b.ids)
            col_common = np.empty((na, len(cols)), dtype=np.float64)
            col_common[ri] = row_common[:, ci]
            others = np.setdiff1d(np.arange(na), ri)
            if len(others):
                col_common[others] = _common([a.ids[i] for i in others.tolist()],
                                             [b.ids[j] for j in cols])
        else:
            row_common = _common([a.ids[i] for i in rows], b.ids)
            col_common = _common(a.ids, [b.ids[j] for j in cols])
        row_of = {i: r for r, i in enumerate(rows)}
        col_of = {j: c for c, j in enumerate(cols)}
        if rows and cols:
            sub = row_common[:, ci]
            total = la[ri][:, None] + lb[ci][None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                flat = np.where(total > 0, 2.0 * sub / total, 0.0).ravel()
            # best first (ties in index order), down to linked_similarity
            keep = np.flatnonzero(flat >= linked_similarity)
            order = keep[np.argsort(-flat[keep], kind="stable")]
            links: _Links | None = None  # built when a weak pair first needs it
            width = len(cols)
            for k, score in zip(order.tolist(), flat[order].tolist(), strict=True):
                r, c = divmod(k, width)
                i, j = rows[r], cols[c]
                if i in pa or j in pb:
                    continue
                if score >= min_similarity:
                    pa[i], pb[j] = j, i
                elif not passages:
                    break  # scores come best first: no later pair can be accepted
                else:
                    if links is None:
                        links = _Links(a, b, passages)
                    if (i, j) not in links:
                        continue
                    pa[i], pb[j], linked = j, i, True
        best_j = row_common.argmax(axis=1) if rows else np.zeros(0, dtype=np.int64)
        best_i = col_common.argmax(axis=0) if cols else np.zeros(0, dtype=np.int64)
        row_in = _contained(
            row_common.max(axis=1) if rows else np.zeros(0), la[ri], min_containment, min_common
        )
        col_in = _contained(
            col_common.max(axis=0) if cols else np.zeros(0), lb[ci], min_containment, min_common
        )
        best_j, best_i = best_j.tolist(), best_i.tolist()
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
            if i in pa:
                continue
            r = row_of[i]
            j = best_j[r]
            if not row_in[r]:
                continue
            g = gid_b.get(j, i)
            if group_sim(g, extra_a=i, extra_b=-1 if j in gid_b else j) > group_sim(g):
                gid_a[i] = gid_b.setdefault(j, i)
        for j in range(nb):
            if j in gid_b:
                continue
            c = col_of[j]
            i = best_i[c]
            if not col_in[c]:
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
    empty_a = {i for i, x in enumerate(a.ids) if not x}
    empty_b = {j for j, y in enumerate(b.ids) if not y}
    if not empty_a and not empty_b:
        return groups, linked
    return [
        (sa, sb)
        for sa, sb in groups
        if any(i not in empty_a for i in sa) or any(j not in empty_b for j in sb)
    ], linked
