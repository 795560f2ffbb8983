"""Figures that disagree between two versions, compared slot by slot.

A figure's *slot* is ``(noun class, predicate class)``: "two security personnel were killed"
and "at least 7 soldiers were dead" share the slot (security forces, dead); "18 civilians
wounded" is (civilians, wounded). Sentence similarity is no guide (a conflicting toll is
usually a different sentence from another agency), so only slots are compared.

A figure is *carried* when the other version has a figure with the same slot and value.
A conflict pairs a figure that is not carried with the figures of the same slot and another
value on the other side, preferring those that are not carried either (a toll changed in
place: 5 -> 6 pairs 5 with 6, not with a 2 both versions state), else the carried ones (a toll
one version adds from another source conflicts with the toll both carry). Figures stated
identically by both versions never conflict with each other (two tolls for two different
days carried by both stay silent). No figure is ever invented: both sides of a conflict are
figures read from the texts.

    >>> from wiretrace.compare.figures import extract_figures
    >>> a = extract_figures("Two soldiers were killed, the army said.")
    >>> b = extract_figures("Two soldiers were killed. Reuters said 7 troops were dead.")
    >>> [(c.what, c.a.value, c.b.value) for c in find_conflicts(a, b)]
    [('soldiers / troops dead', 2.0, 7.0)]
"""

from __future__ import annotations

from collections.abc import Sequence

from wiretrace.compare.figures import noun_class, predicate_class
from wiretrace.compare.words import GENERIC_CLASS
from wiretrace.model import Conflict, Figure


def slot(figure: Figure) -> tuple[str, str]:
    """What a figure counts, as (noun class, predicate class)."""
    return noun_class(figure.noun), predicate_class(figure.predicate)


def _what(fa: Figure, fb: Figure) -> str:
    na = fa.noun.lower() or GENERIC_CLASS
    nb = fb.noun.lower() or GENERIC_CLASS
    noun = na if na == nb else f"{na} / {nb}"
    return f"{noun} {predicate_class(fa.predicate)}"


def find_conflicts(figures_a: Sequence[Figure], figures_b: Sequence[Figure]) -> list[Conflict]:
    """Conflicts between the figures of version a and those of version b, in a's order."""
    slots_a = [slot(f) for f in figures_a]
    slots_b = [slot(f) for f in figures_b]
    values_a = {(s, f.value) for s, f in zip(slots_a, figures_a, strict=True)}
    values_b = {(s, f.value) for s, f in zip(slots_b, figures_b, strict=True)}
    carried_a = [(s, f.value) in values_b for s, f in zip(slots_a, figures_a, strict=True)]
    carried_b = [(s, f.value) in values_a for s, f in zip(slots_b, figures_b, strict=True)]
    found: set[tuple[int, int]] = set()

    def rivals(slot_: tuple[str, str], value: float, slots, figures, carried) -> list[int]:
        same = [k for k, s in enumerate(slots) if s == slot_ and figures[k].value != value]
        free = [k for k in same if not carried[k]]
        return free or same

    for i, fa in enumerate(figures_a):
        if not carried_a[i]:
            found.update(
                (i, j) for j in rivals(slots_a[i], fa.value, slots_b, figures_b, carried_b)
            )
    for j, fb in enumerate(figures_b):
        if not carried_b[j]:
            found.update(
                (i, j) for i in rivals(slots_b[j], fb.value, slots_a, figures_a, carried_a)
            )
    return [
        Conflict(what=_what(figures_a[i], figures_b[j]), a=figures_a[i], b=figures_b[j])
        for i, j in sorted(found)
    ]
