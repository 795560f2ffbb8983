"""Competing figures: different sentences of two versions that count the same thing.

A figure's *slot* is ``(noun class, predicate class)``: "two security personnel were killed"
and "at least 7 soldiers were dead" share the slot (security forces, dead); "18 civilians
wounded" is (civilians, wounded); a bare count ("270 workers") has an empty predicate class.
A figure changed in place inside a sentence both versions share is found by the word diff
(a ``changed`` conflict, see ``pairs``); here only figures of a sentence one version alone
has start a conflict (a toll another agency reports, added or cut), when they are not
*carried* (the other version states no figure of the same slot and value). Each such figure
is paired with one figure of the same slot and another value on the other side: one with
the same noun if any, then the claim it answers: the nearest one that sits next to it in
the story (within one sentence, the positions of both versions read on one axis: an added
"But Reuters said at least 7 ..." follows the sentence it contests), then one whose
sentence names the same years, then the one whose sentence shares most words with its own. A one-off figure of a sentence naming years competes only
with figures of those years ("53,000 killed in the 2023 quake" is background, see
``same_time``). A bare count competes only when its
sentence cites a source. Figures stated identically by both versions never conflict; no
figure is ever invented: both sides of a conflict are figures read from the texts.

    >>> from wiretrace.compare.figures import extract_figures
    >>> a = extract_figures("Two soldiers were killed, the army said.")
    >>> b = extract_figures("Two soldiers were killed. Reuters said 7 troops were dead.")
    >>> [(c.what, c.a.value, c.b.value) for c in find_conflicts(a, b)]
    [('soldiers / troops dead', 2.0, 7.0)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from wiretrace.compare.figures import noun_class, predicate_class
from wiretrace.model import Conflict, Figure
from wiretrace.vocabulary import GENERIC_CLASS


def slot(figure: Figure) -> tuple[str, str]:
    """What a figure counts, as (noun class, predicate class)."""
    return noun_class(figure.noun), predicate_class(figure.predicate)


def _what(fa: Figure, fb: Figure) -> str:
    na = fa.noun.lower() or GENERIC_CLASS
    nb = fb.noun.lower() or GENERIC_CLASS
    noun = na if na == nb else f"{na} / {nb}"
    return f"{noun} {predicate_class(fa.predicate)}".strip()


#: How far apart (in sentences, on the shared axis) a one-off figure and the claim it
#: answers may sit to count as next to each other.
NEAR = 1.0

_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@lru_cache(maxsize=16384)
def _years(sentence: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(sentence))


@lru_cache(maxsize=16384)
def _words(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(sentence) if w[0].isalpha())


def same_time(f: Figure, rival: Figure) -> bool:
    """Whether ``rival`` may count the same thing in time as ``f``, a figure of a sentence one
    version alone has: ``f``'s sentence names no year, or the same years as the rival's. A
    dated one-off figure is background ("more than 53,000 killed in the 2023 quake" answers
    no toll of this week); an undated one may answer a dated claim (ranked after a rival
    next to it and rivals of the same years, see ``find_conflicts``)."""
    years = _years(f.sentence)
    return not years or years == _years(rival.sentence)


def _renamed(noun: str, renamed: Mapping[str, str] | None) -> str:
    """``noun`` (lower case) with each word the other version writes another way replaced."""
    if not renamed or not noun:
        return noun
    return " ".join(renamed.get(word, word) for word in noun.split())


def find_conflicts(
    figures_a: Sequence[Figure],
    figures_b: Sequence[Figure],
    matched_a: Sequence[bool] | None = None,
    matched_b: Sequence[bool] | None = None,
    at_a: Sequence[float] | None = None,
    at_b: Sequence[float] | None = None,
    renamed: Mapping[str, str] | None = None,
) -> list[Conflict]:
    """``competing`` conflicts between the figures of version a and those of version b, in
    a's order.

    ``matched_a``/``matched_b`` flag the figures whose sentence is matched in the other
    version: such a figure changed in place is a ``changed`` conflict of the word diff, so
    only figures of a sentence one version alone has start a competing conflict (all of
    them when no flags are given). A figure without a predicate (a bare count, "270
    workers") competes only when its sentence cites a source. ``at_a``/``at_b`` place each
    figure on one axis shared by both versions (a's sentence index; a sentence of b at the
    index of the a sentence it matches, one b alone has just after the matched one before
    it): the nearest of several rivals is the claim a one-off figure answers. Without
    them every figure is equally near. ``renamed`` maps words of b to the words a writes
    in their place (the pair's swaps, lower case): "Reuters said 7 militants were killed"
    in b counts the people a calls "jihadists".
    """
    matched_a = matched_a or [False] * len(figures_a)
    matched_b = matched_b or [False] * len(figures_b)
    at_a = at_a or [0.0] * len(figures_a)
    at_b = at_b or [0.0] * len(figures_b)
    nouns_a = [f.noun.lower() for f in figures_a]
    nouns_b = [_renamed(f.noun.lower(), renamed) for f in figures_b]
    slots_a = [slot(f) for f in figures_a]
    slots_b = [
        (noun_class(noun), predicate_class(f.predicate)) if noun != f.noun.lower() else slot(f)
        for noun, f in zip(nouns_b, figures_b, strict=True)
    ]
    values_a = {(s, f.value) for s, f in zip(slots_a, figures_a, strict=True)}
    values_b = {(s, f.value) for s, f in zip(slots_b, figures_b, strict=True)}
    carried_a = [(s, f.value) in values_b for s, f in zip(slots_a, figures_a, strict=True)]
    carried_b = [(s, f.value) in values_a for s, f in zip(slots_b, figures_b, strict=True)]
    found: set[tuple[int, int]] = set()

    def starts(f: Figure, carried: bool, matched: bool) -> bool:
        return not carried and not matched and (bool(f.predicate) or f.attribution is not None)

    def rivals(
        f: Figure, noun: str, at: float, slot_: tuple[str, str], slots, figures, nouns, ats
    ) -> list[int]:
        same = [
            k for k, s in enumerate(slots)
            if s == slot_ and figures[k].value != f.value and same_time(f, figures[k])
        ]
        same = [k for k in same if nouns[k] == noun] or same
        if len(same) <= 1:
            return same
        # the claim it answers: the nearest rival next to it, then one of the same years,
        # then the one whose sentence shares most words with its own, then the first
        words, years = _words(f.sentence), _years(f.sentence)
        return [max(same, key=lambda k: (
            -abs(ats[k] - at) if abs(ats[k] - at) <= NEAR else -NEAR - 1.0,
            _years(figures[k].sentence) == years,
            len(words & _words(figures[k].sentence)),
            -k,
        ))]

    for i, fa in enumerate(figures_a):
        if starts(fa, carried_a[i], matched_a[i]):
            found.update(
                (i, j) for j in rivals(
                    fa, nouns_a[i], at_a[i], slots_a[i], slots_b, figures_b, nouns_b, at_b
                )
            )
    for j, fb in enumerate(figures_b):
        if starts(fb, carried_b[j], matched_b[j]):
            found.update(
                (i, j) for i in rivals(
                    fb, nouns_b[j], at_b[j], slots_b[j], slots_a, figures_a, nouns_a, at_a
                )
            )
    return [
        Conflict(what=_what(figures_a[i], figures_b[j]), a=figures_a[i], b=figures_b[j])
        for i, j in sorted(found)
    ]
