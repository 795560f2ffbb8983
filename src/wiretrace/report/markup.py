"""Cutting an article text into marked-up runs for the HTML report.

Highlights come as char spans into ``Article.text`` (end exclusive) of two sorts:

- *layer* marks (shared text, additions, sentences cut elsewhere, a conflicting sentence)
  may overlap freely; a run carries every layer that covers it;
- *inline* marks (a swapped term, a conflicting figure) are atomic: they never overlap each
  other (the first one given wins) and a run boundary never falls inside one, so a swap is
  always one element in the page and its tooltip covers the whole term.

The text is split into paragraphs on blank lines ("\\n\\n", as ``Article.text`` is built),
then each paragraph into runs at every mark boundary. The runs of a paragraph joined back
give the paragraph exactly: markup never adds, drops or reorders text.

    >>> paras = segment("The harbour was shut.", [Mark(4, 11, "swap", note="B: harbor")])
    >>> [(r.text, r.inline is not None) for r in paras[0].runs]
    [('The ', False), ('harbour', True), (' was shut.', False)]

Locating a sentence given as a string (compare lists sentences, not spans) is
``find_sentence``: exact first, then whitespace-insensitive.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

INLINE_KINDS = frozenset({"swap", "figure"})
APOSTROPHE = re.compile("['’‘ʼ]")


@dataclass(frozen=True)
class Mark:
    """A highlight: ``kind`` over ``text[start:end]``, with a tooltip ``note``, a ``group``
    that links marks of the same thing across versions (one swaps-table row, one changed
    figure) and a ``variant`` of the kind (``changed``/``competing`` figure, a swap's class)."""

    start: int
    end: int
    kind: str
    note: str = ""
    group: str = ""
    variant: str = ""


@dataclass
class Run:
    """A stretch of text with the layer kinds covering it and at most one inline mark."""

    text: str
    kinds: tuple[str, ...] = ()
    inline: Mark | None = None
    notes: tuple[str, ...] = ()  # tooltips of the layers covering the run


@dataclass
class Paragraph:
    """One paragraph's runs; ``kinds`` are the layers covering all its non-blank text."""

    runs: list[Run] = field(default_factory=list)
    kinds: tuple[str, ...] = ()


def find_sentence(text: str, sentence: str, start: int = 0) -> tuple[int, int] | None:
    """The span of ``sentence`` in ``text`` (from ``start``), tolerant of whitespace changes."""
    sentence = sentence.strip()
    if not sentence:
        return None
    at = text.find(sentence, start)
    if at >= 0:
        return (at, at + len(sentence))
    pattern = r"\s+".join(re.escape(word) for word in sentence.split())
    found = re.compile(pattern).search(text, start)
    return found.span() if found else None


def find_term(text: str, term: str) -> list[tuple[int, int]]:
    """Every whole-word, case-sensitive occurrence of ``term`` (Unicode word boundaries).

    Any apostrophe matches any other ("group's" finds "group’s"): the compare stage gives
    terms with a straight one whatever the page printed."""
    term = term.strip()
    if not term:
        return []
    words = r"\s+".join(APOSTROPHE.sub(lambda _: "['’‘ʼ]", re.escape(w)) for w in term.split())
    return [m.span() for m in re.finditer(rf"(?<!\w){words}(?!\w)", text)]


def _inline_marks(marks: list[Mark], length: int) -> list[Mark]:
    """Atomic marks clipped to the text, without overlaps (earlier marks win), sorted."""
    kept: list[Mark] = []
    for m in marks:
        if m.kind not in INLINE_KINDS:
            continue
        s, e = max(0, m.start), min(length, m.end)
        if s >= e or any(s < k.end and k.start < e for k in kept):
            continue
        kept.append(Mark(s, e, m.kind, m.note, m.group, m.variant))
    return sorted(kept, key=lambda m: m.start)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in text.split("\n\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 2
    return spans


def segment(text: str, marks: list[Mark]) -> list[Paragraph]:
    """Split ``text`` into paragraphs of runs carrying the marks that cover them."""
    inline = _inline_marks(marks, len(text))
    layers = [m for m in marks if m.kind not in INLINE_KINDS and m.start < m.end]
    starts = [m.start for m in inline]

    def snap(pos: int) -> int:
        """Move a boundary that falls inside an inline mark to the mark's end."""
        i = bisect_right(starts, pos) - 1
        if i >= 0 and inline[i].start < pos < inline[i].end:
            return inline[i].end
        return pos

    cuts = {snap(p) for m in layers for p in (m.start, m.end)}
    cuts |= {p for m in inline for p in (m.start, m.end)}
    paragraphs: list[Paragraph] = []
    for p_start, p_end in _paragraph_spans(text):
        bounds = sorted({p_start, p_end} | {c for c in cuts if p_start < c < p_end})
        para = Paragraph()
        for s, e in zip(bounds, bounds[1:], strict=False):
            covering = [m for m in layers if m.start < e and s < m.end]
            kinds = tuple(sorted({m.kind for m in covering}))
            notes = tuple(dict.fromkeys(m.note for m in covering if m.note))
            mark = next((m for m in inline if m.start <= s and e <= m.end), None)
            para.runs.append(Run(text[s:e], kinds, mark, notes))
        para.kinds = _common_kinds(para.runs)
        paragraphs.append(para)
    return paragraphs


def _common_kinds(runs: list[Run]) -> tuple[str, ...]:
    """Layers covering every non-blank run of a paragraph (for paragraph-level styling)."""
    common: set[str] | None = None
    for run in runs:
        if not run.text.strip():
            continue
        common = set(run.kinds) if common is None else common & set(run.kinds)
    return tuple(sorted(common or ()))
