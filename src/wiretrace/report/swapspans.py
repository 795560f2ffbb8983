"""Where a swap is: the aligned spans of each substitution of a pair, in both versions.

A ``Substitution`` names two terms ("harbour" -> "harbor") and how often, not where. The
report marks a swap only where one version's term stands in the other's place, so it aligns
the two sides of each shared passage word by word and keeps a term's occurrence only when
it overlaps a change block whose other side holds the other term:

- the words of each side of a ``Passage`` (``\\w+`` runs, compared case-folded) are aligned
  with rapidfuzz's Indel opcodes (longest common subsequence, as the compare stage aligns
  words: "replace" steps would pair unrelated words);
- adjacent non-equal opcodes form one change block ``a[a0:a1]`` -> ``b[b0:b1]``;
- an occurrence of ``s.a`` overlapping the block's a-side, with an occurrence of ``s.b``
  overlapping its b-side, is one swap: both spans are kept, linked.

So a term both versions share (every other "plan") is never marked, nor a term outside the
passages (text one version added or cut), and the reprint's side is marked wherever the
base's side is. Sentences a pair lists as only in one version are excluded even inside a
passage. Linear in the passages' length (Indel's LCS is bit-parallel per passage).

    >>> from wiretrace.model import Pair, Passage, Substitution
    >>> a, b = "The plan failed. The plan was new.", "The law failed. The plan was new."
    >>> pair = Pair("a", "b", "reuse", passages=[Passage((0, len(a)), (0, len(b)))],
    ...             substitutions=[Substitution("plan", "law")])
    >>> swap_spans(pair, a, b)
    [(Substitution(a='plan', b='law', count=1, kind='wording'), (4, 8), (4, 7))]
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel

from wiretrace.model import Pair, Span, Substitution
from wiretrace.report.markup import find_sentence, find_term

WORD = re.compile(r"\w+")


def _words(text: str, span: Span) -> tuple[list[str], list[Span]]:
    found = list(WORD.finditer(text, span[0], span[1]))
    return [m.group().casefold() for m in found], [m.span() for m in found]


def _blocks(wa: list[str], wb: list[str]) -> list[tuple[int, int, int, int]]:
    """Change blocks (a0, a1, b0, b1): runs of adjacent non-equal Indel opcodes."""
    blocks: list[list[int]] = []
    last_end = (-1, -1)
    for op in Indel.opcodes(wa, wb):
        if op.tag == "equal":
            continue
        if blocks and (op.src_start, op.dest_start) == last_end:
            blocks[-1][1], blocks[-1][3] = op.src_end, op.dest_end
        else:
            blocks.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
        last_end = (op.src_end, op.dest_end)
    return [(a0, a1, b0, b1) for a0, a1, b0, b1 in blocks]


def _region(spans: list[Span], w0: int, w1: int) -> Span | None:
    return (spans[w0][0], spans[w1 - 1][1]) if w1 > w0 else None


def _overlapping(text: str, term: str, window: Span, region: Span) -> list[Span]:
    return [(s, e) for s, e in find_term(text[window[0]:window[1]], term)
            if window[0] + s < region[1] and region[0] < window[0] + e
            for s, e in [(window[0] + s, window[0] + e)]]


def _only_in(text: str, sentences: list[str]) -> list[Span]:
    return [span for s in sentences if (span := find_sentence(text, s)) is not None]


def swap_spans(pair: Pair, text_a: str, text_b: str) -> list[tuple[Substitution, Span, Span]]:
    """Each aligned swap of ``pair``: (substitution, its span in ``text_a``, in ``text_b``)."""
    if not pair.substitutions or not pair.passages:
        return []
    only_a, only_b = _only_in(text_a, pair.only_in_a), _only_in(text_b, pair.only_in_b)
    out: list[tuple[Substitution, Span, Span]] = []
    seen: set[tuple[Span, Span]] = set()
    for passage in pair.passages:
        wa, sa = _words(text_a, passage.a)
        wb, sb = _words(text_b, passage.b)
        for a0, a1, b0, b1 in _blocks(wa, wb):
            ra, rb = _region(sa, a0, a1), _region(sb, b0, b1)
            if ra is None or rb is None:
                continue
            for sub in pair.substitutions:
                hits_a = _overlapping(text_a, sub.a, passage.a, ra)
                hits_b = _overlapping(text_b, sub.b, passage.b, rb)
                for span_a, span_b in zip(hits_a, hits_b, strict=False):
                    if (span_a, span_b) in seen or _inside(span_a, only_a) \
                            or _inside(span_b, only_b):
                        continue
                    seen.add((span_a, span_b))
                    out.append((sub, span_a, span_b))
    return out


def _inside(span: Span, regions: list[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in regions)
