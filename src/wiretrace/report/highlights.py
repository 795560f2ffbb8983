"""Which parts of a version's text the HTML report highlights, as ``Mark`` spans, and the
marked-up runs the text is cut into (below: **Runs**).

For version V of a story (see ``storyview``):

- ``shared``: the union of V's side of every passage of every pair V belongs to;
- ``added``: V's additions; ``cut``: V's sentences some other version cut (note: which);
- ``swap``: the aligned spans of each substitution of each pair V belongs to (``swap_spans``,
  below: never a term both versions share, never inside cut or added text), noted
  with the other version's term and the swap's class; ``group`` names the swaps-table row
  so the page lights up both sides and the row at once;
- ``figure`` / ``conflict``: each conflicting figure's span and its sentence, in every
  version of the conflict, noted with the other sides' figures; ``group`` links them.

Figures come before swaps so that, where they overlap, the figure wins. ``LEGEND`` names the
kinds and what the legend says about each: ``report.css`` styles the classes ``hl-<kind>``,
and the template renders the list as the legend (whose entries also toggle each layer on and
off).

    >>> marks = version_marks(view, view.versions[1], "s1")  # doctest: +SKIP

**Where a swap is** (``swap_spans``): the aligned spans of each substitution of a pair, in
both versions.

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

**Runs** (``segment``): cutting an article text into marked-up runs for the HTML report.

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

from rapidfuzz.distance import Indel

from wiretrace.model import Figure, Pair, Span, Substitution
from wiretrace.report.storyview import StoryView, Version, cell_terms

# --- runs: a text cut at every mark boundary ------------------------------------------------

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


# --- marks: what to highlight in a version ---------------------------------------------------

LEGEND: list[tuple[str, str, str]] = [
    # (kind, label, explanation)
    ("shared", "Shared text", "text this version shares with another version"),
    ("added", "Addition", "sentences this version carries and the base lacks"),
    ("cut", "Cut elsewhere", "sentences here that another version cut (hover: which)"),
    ("swap", "Swap", "a word or phrase another version words differently (hover: how)"),
    ("figure", "Conflicting figure", "a figure another version changed, or counts "
     "differently elsewhere (hover: how)"),
    ("conflict", "Conflicting sentence", "the sentence around a conflicting figure"),
]


def describe_figure(fig: Figure, *, cited: bool = True) -> str:
    """ "at least nine people dead (Reuters)": the figure as a reader wants it."""
    parts = [fig.qualifier or "", fig.text or _number(fig.value), fig.noun, fig.predicate]
    said = " ".join(p for p in parts if p)
    return f"{said} ({fig.attribution})" if cited and fig.attribution else said


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def story_marks(view: StoryView, group_prefix: str) -> dict[str, list[Mark]]:
    """All highlights of every version's text, by article id (figures first, then swaps,
    then layers); the swaps of each pair are aligned once for both its versions."""
    swaps = _swap_marks(view, group_prefix)
    return {v.article.id: _figure_marks(view, v, group_prefix) + swaps[v.article.id]
            + _layer_marks(view, v) for v in view.versions}


def version_marks(view: StoryView, version: Version, group_prefix: str) -> list[Mark]:
    """All highlights of one version's text (see ``story_marks``)."""
    return story_marks(view, group_prefix)[version.article.id]


def figure_group(group_prefix: str, number: int) -> str:
    """The ``data-group`` linking one conflict group's figures across versions and panel."""
    return f"{group_prefix}-f{number}"


def _figure_marks(view: StoryView, version: Version, group_prefix: str) -> list[Mark]:
    """Each conflicting figure of ``version`` at its span, and the sentence around it.

    Every version of a conflict group gets its mark, so a changed figure is marked in both
    versions, linked by the group (``data-group``) and tagged with its kind."""
    text = version.article.text
    marks: list[Mark] = []
    sentences: list[tuple[int, int]] = []
    for number, group in enumerate(view.conflict_groups()):
        for ver, fig in group.sides:
            if ver is not version:
                continue
            others = "; ".join(f"{v.letter} ({v.name}): {describe_figure(f)}"
                               for v, f in group.sides if v is not version)
            note = (f"{group.kind.capitalize()} figure, {group.what}: {group.note}. "
                    f"Here: {describe_figure(fig)}; {others}")
            span = tuple(fig.span)
            if not (0 <= span[0] < span[1] <= len(text)):
                found = find_sentence(text, fig.text)
                if found is None:
                    continue
                span = found
            marks.append(Mark(span[0], span[1], "figure", note,
                              figure_group(group_prefix, number), group.kind))
            sentence = find_sentence(text, fig.sentence) if fig.sentence else None
            if sentence is not None and sentence not in sentences:
                sentences.append(sentence)
    return marks + [Mark(s, e, "conflict") for s, e in sentences]


def _row_index(view: StoryView) -> dict[tuple[str, str], list[int]]:
    """(article id, term) -> the swaps-table rows giving that version that term."""
    index: dict[tuple[str, str], list[int]] = {}
    for number, row in enumerate(view.swaps):
        for aid, cell in row.items():
            for term in cell_terms(cell):
                index.setdefault((aid, term), []).append(number)
    return index


def swap_row(rows: dict[tuple[str, str], list[int]], pair_a: str, pair_b: str,
             sub: Substitution) -> int | None:
    """The swaps-table row showing ``sub`` of the pair (a, b): the first row that gives each
    side its term (a term of "a / b" cells counts), or None."""
    b_rows = set(rows.get((pair_b, sub.b), ()))
    return next((n for n in rows.get((pair_a, sub.a), ()) if n in b_rows), None)


def _swap_marks(view: StoryView, group_prefix: str) -> dict[str, list[Mark]]:
    """Each version's swap marks: only the aligned spans of each pair's substitutions (see
    ``swap_spans``), both sides linked by the swaps-table row (or the pair's swap)."""
    out: dict[str, list[Mark]] = {v.article.id: [] for v in view.versions}
    rows = _row_index(view)
    for pair_no, pair in enumerate(view.pairs):
        va, vb = view.version(pair.a), view.version(pair.b)
        found = swap_spans(pair, va.article.text, vb.article.text)
        for sub, span_a, span_b in found:
            row = swap_row(rows, pair.a, pair.b, sub)
            group = (f"{group_prefix}-t{row}" if row is not None
                     else f"{group_prefix}-p{pair_no}-{sub.a}-{sub.b}")
            kind = sub.kind
            label = f"Swap ({kind})" if kind else "Swap"
            out[pair.a].append(Mark(*span_a, "swap", f"{label}. Here: {sub.a}; {vb.letter} "
                                    f"({vb.name}): {sub.b}", group, kind))
            out[pair.b].append(Mark(*span_b, "swap", f"{label}. Here: {sub.b}; {va.letter} "
                                    f"({va.name}): {sub.a}", group, kind))
    return out


def _layer_marks(view: StoryView, version: Version) -> list[Mark]:
    art = version.article
    marks: list[Mark] = []
    for pair in view.pairs:
        if art.id not in (pair.a, pair.b):
            continue
        for p in pair.passages:
            s, e = p.a if pair.a == art.id else p.b
            marks.append(Mark(s, e, "shared"))
    for sentence in view.additions.get(art.id, []):
        span = find_sentence(art.text, sentence)
        if span:
            marks.append(Mark(*span, "added", f"Not in the base ({view.base.letter}): "
                                              f"added by {version.letter} ({version.name})"))
    for sentence, who in view.cut_by.get(art.id, {}).items():
        span = find_sentence(art.text, sentence)
        if span:
            marks.append(Mark(*span, "cut", "Cut by " + ", ".join(who)))
    return marks


# --- where a swap is ------------------------------------------------------------------------

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
