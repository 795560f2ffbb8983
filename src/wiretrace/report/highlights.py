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
    return (_figure_marks(view, version) + _swap_marks(view, version, group_prefix)
            + _layer_marks(view, version))


def _figure_marks(view: StoryView, version: Version) -> list[Mark]:
    text = version.article.text
    notes: dict[tuple[int, int], list[str]] = {}
    sentences: list[tuple[int, int]] = []
    for c in view.conflicts:
        for mine, ver, theirs, other in ((c.fig_a, c.a, c.fig_b, c.b),
                                         (c.fig_b, c.b, c.fig_a, c.a)):
            if ver is not version:
                continue
            note = (f"{c.what}: {c.note}. Here: {describe_figure(mine)}; "
                    f"{other.letter} ({other.name}): {describe_figure(theirs)}")
            span = tuple(mine.span)
            if not (0 <= span[0] < span[1] <= len(text)):
                found = find_sentence(text, mine.text)
                if found is None:
                    continue
                span = found
            notes.setdefault(span, [])
            if note not in notes[span]:
                notes[span].append(note)
            sentence = find_sentence(text, mine.sentence) if mine.sentence else None
            if sentence is not None and sentence not in sentences:
                sentences.append(sentence)
    marks = [Mark(s, e, "figure", " | ".join(n)) for (s, e), n in notes.items()]
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
