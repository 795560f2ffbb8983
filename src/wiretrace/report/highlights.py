"""Which parts of a version's text the HTML report highlights, as ``markup.Mark`` spans.

For version V of a story (see ``storyview``):

- ``shared``: the union of V's side of every passage of every pair V belongs to;
- ``added``: V's additions; ``cut``: V's sentences some other version cut (note: which);
- ``swap``: each occurrence of V's term in a swaps-table row, noted with the other
  versions' terms; ``group`` names the row so the page can light up all of them at once;
- ``figure`` / ``conflict``: a conflicting figure's span and its sentence, noted with the
  other side's figure and who each cites.

Figures come before swaps so that, where they overlap, the figure wins.

    >>> marks = version_marks(view, view.versions[1], "s1")  # doctest: +SKIP
"""

from __future__ import annotations

from wiretrace.model import Figure
from wiretrace.report.markup import Mark, find_sentence, find_term
from wiretrace.report.storyview import StoryView, Version


def describe_figure(fig: Figure, *, cited: bool = True) -> str:
    """ "at least nine people dead (Reuters)": the figure as a reader wants it."""
    parts = [fig.qualifier or "", fig.text or _number(fig.value), fig.noun, fig.predicate]
    said = " ".join(p for p in parts if p)
    return f"{said} ({fig.attribution})" if cited and fig.attribution else said


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def version_marks(view: StoryView, version: Version, group_prefix: str) -> list[Mark]:
    """All highlights of one version's text (figures first, then swaps, then layers)."""
    return (_figure_marks(view, version, group_prefix)
            + _swap_marks(view, version, group_prefix)
            + _layer_marks(view, version))


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


def _swap_marks(view: StoryView, version: Version, group_prefix: str) -> list[Mark]:
    text = version.article.text
    marks: list[Mark] = []
    for row_no, row in enumerate(view.swaps):
        term = row.get(version.article.id)
        if not term:
            continue
        others = "; ".join(f"{v.letter}: {row[v.article.id]}" for v in view.versions
                           if v is not version and v.article.id in row)
        note = f"Swap. Here: {term}; {others}"
        for s, e in find_term(text, term):
            marks.append(Mark(s, e, "swap", note, f"{group_prefix}-t{row_no}"))
    return marks


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
