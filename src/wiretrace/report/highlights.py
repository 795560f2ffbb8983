"""Which parts of a version's text the HTML report highlights, as ``markup.Mark`` spans.

For version V of a story (see ``storyview``):

- ``shared``: the union of V's side of every passage of every pair V belongs to;
- ``added``: V's additions; ``cut``: V's sentences some other version cut (note: which);
- ``swap``: the aligned spans of each substitution of each pair V belongs to (see
  ``swapspans``: never a term both versions share, never inside cut or added text), noted
  with the other version's term and the swap's class; ``group`` names the swaps-table row
  so the page lights up both sides and the row at once;
- ``figure`` / ``conflict``: each conflicting figure's span and its sentence, in every
  version of the conflict, noted with the other sides' figures; ``group`` links them.

Figures come before swaps so that, where they overlap, the figure wins.

    >>> marks = version_marks(view, view.versions[1], "s1")  # doctest: +SKIP
"""

from __future__ import annotations

from wiretrace.model import Figure, Substitution
from wiretrace.report.markup import Mark, find_sentence
from wiretrace.report.storyview import StoryView, Version, cell_terms
from wiretrace.report.swapspans import swap_spans


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
    ``swapspans``), both sides linked by the swaps-table row (or the pair's swap)."""
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
