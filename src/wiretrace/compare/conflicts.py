"""Conflicting figures: a figure changed in place, or different sentences of two versions
that count the same thing.

A figure's *slot* is ``(noun class, predicate class)``: "two security personnel were killed"
and "at least 7 soldiers were dead" share the slot (security forces, dead); "18 civilians
wounded" is (civilians, wounded); a bare count ("270 workers") has an empty predicate class. A
figure changed in place inside a sentence both versions share is found by the word diff
(``touched`` reads the figures a changed block overlaps, ``changed_in_place`` makes the
``changed`` conflict); otherwise only figures of a sentence one version alone has start a
conflict (a toll another agency reports, added or cut), when they are not *carried* (the other
version states no figure of the same slot and value). Each such figure is paired with one
figure of the same slot and another value on the other side: one with the same noun if any,
then the claim it answers: the nearest one that sits next to it in the story (within one
sentence, the positions of both versions read on one axis: an added "But Reuters said at least
7 ..." follows the sentence it contests), then one whose sentence names the same years, then
the one whose sentence shares most words with its own. A one-off figure of a sentence naming
years competes only with figures of those years ("53,000 killed in the 2023 quake" is
background, see ``same_time``). A bare count competes only when its sentence cites a source.
Figures stated identically by both versions never conflict; no figure is ever invented: both
sides of a conflict are figures read from the texts.

    >>> from wiretrace.compare.figures import extract_figures
    >>> a = extract_figures("Two soldiers were killed, the army said.")
    >>> b = extract_figures("Two soldiers were killed. Reuters said 7 troops were dead.")
    >>> [(c.what, c.a.value, c.b.value) for c in find_conflicts(a, b)]
    [('soldiers / troops dead', 2.0, 7.0)]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from wiretrace.compare.figures import (
    attribution,
    states_figures,
)
from wiretrace.compare.matching import Analysed, Span
from wiretrace.model import Conflict, Figure
from wiretrace.vocabulary import GENERIC_CLASS, NOUN_CLASS, PREDICATE_CLASS

if TYPE_CHECKING:
    from wiretrace.compare.pairs import Diff


def noun_class(noun: str) -> str:
    """The class a counted noun compares within ("security personnel" -> "security forces")."""
    words = noun.lower().split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            cls = NOUN_CLASS.get(" ".join(words[start : start + size]))
            if cls:
                return cls
    return words[-1] if words else GENERIC_CLASS


def predicate_class(predicate: str) -> str:
    """The class of a predicate word ("killed" -> "dead")."""
    return PREDICATE_CLASS.get(predicate.lower(), predicate.lower())


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


def touched(doc: Analysed, spans: list[Span]) -> list[tuple[Span, float]]:
    """The figures of ``doc`` (whole tokens) that overlap the words ``spans``, in order."""
    if not spans:
        return []
    lo, hi = spans[0][0], spans[-1][1]
    figures = doc.figures_around(lo, hi)
    if not figures:
        return []
    k = bisect_left(figures, ((lo, -1), 0.0))
    if k and figures[k - 1][0][1] > lo:
        k -= 1
    out: list[tuple[Span, float]] = []
    while k < len(figures) and figures[k][0][0] < hi:
        (s, e), _ = figures[k]
        if any(s < we and ws < e for ws, we in spans):
            out.append(figures[k])
        k += 1
    return out


_UNIT = re.compile(r"[ \u00a0]?([^\W\d_][\w-]*)")


def _figure(doc: Analysed, span: Span, value: float) -> Figure:
    """The changed figure at ``span`` of ``doc``: its sentence, the word after it (what it
    counts: "1,200 hectares") and the sentence's attribution."""
    s, e = span
    k = max(0, bisect_right([x for x, _ in doc.full], s) - 1)
    ss, se = doc.full[k] if doc.full else (0, len(doc.text))
    sentence = doc.text[ss:se]
    unit = _UNIT.match(doc.text, e)
    noun = unit.group(1) if unit and unit.group(1).islower() else ""
    return Figure(value=value, text=doc.text[s:e], noun=noun, predicate="", sentence=sentence,
                  span=span, attribution=attribution(sentence))


def changed_in_place(a: Analysed, span_a: Span, va: float, b: Analysed, span_b: Span,
                     vb: float) -> Conflict:
    """The ``changed`` conflict of a figure the word diff found changed in place (value
    ``va`` at ``span_a`` of ``a``, ``vb`` at ``span_b`` of ``b``)."""
    fa, fb = _figure(a, span_a, va), _figure(b, span_b, vb)
    what = fa.noun if fa.noun and fa.noun == fb.noun else "figure"
    return Conflict(what=what, a=fa, b=fb, note="figure changed in place", kind="changed")


#: Where a sentence one version alone has sits after the matched sentence before it.
AFTER = 0.4


def _sentence_of(doc: Analysed, figures: list[Figure]) -> list[int]:
    """The index of the sentence of ``doc`` each figure starts in (-1: the masked prefix)."""
    starts = [s for s, _ in doc.sentences]
    return [bisect_right(starts, f.span[0]) - 1 for f in figures]


def _axis(diff: Diff, doc_b: Analysed, figures_a: list[Figure], doc_a: Analysed,
          figures_b: list[Figure]) -> tuple[list[float], list[float]]:
    """Both versions' figures on one axis, a's sentence index: a sentence of b sits at the
    a sentence it matches; one b alone has, ``AFTER`` a step after the matched one before
    it (nearer to it than to the next: an added sentence follows the one it answers), or
    before the first matched one, ``AFTER`` a step before it."""
    place: list[float] = []
    last: float | None = None
    pending = 0
    for j in range(len(doc_b.sentences)):
        i = diff.a_of_b.get(j)
        if i is None:
            place.append(-1.0 if last is None else last + AFTER)
            pending += last is None
            continue
        if pending:  # b alone opens with these: just before its first matched sentence
            place[:pending] = [i - AFTER] * pending
            pending = 0
        place.append(float(i))
        last = float(i)
    at_a = [float(i) for i in _sentence_of(doc_a, figures_a)]
    at_b = [place[j] if j >= 0 else -1.0 for j in _sentence_of(doc_b, figures_b)]
    return at_a, at_b


def _in_sentences(figures: list[Figure], spans: list[Span]) -> list[bool]:
    """For each figure, whether it lies in one of the sentences ``spans``."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    out = []
    for f in figures:
        k = bisect_right(starts, f.span[0]) - 1
        out.append(k >= 0 and f.span[0] < spans[k][1])
    return out


def may_compete(doc: Analysed, shared: list[int]) -> bool:
    """Whether a figure of ``doc`` may lie outside its sentences ``shared`` (matched in the
    other version): only such a figure starts a competing conflict (``find_conflicts``), so
    when neither version has one the texts' figures need not be read. A sentence (as
    ``extract_figures`` splits the text: the masked dateline's included) that is not one of
    the shared ones is read for figures (cached by sentence), the shared ones are not."""
    covered = {doc.sentences[i] for i in shared}
    return any(
        states_figures(doc.text[s:e]) for s, e in doc.full if (s, e) not in covered
    )


def competing_conflicts(
    figures_a: list[Figure], doc_a: Analysed, figures_b: list[Figure], doc_b: Analysed,
    diff: Diff,
) -> list[Conflict]:
    """The ``competing`` conflicts of a pair (``find_conflicts``) from both texts' figures
    (``figures_a`` read from ``doc_a``, ``figures_b`` from ``doc_b``) and their ``diff``."""
    return find_conflicts(
        figures_a, figures_b,
        _in_sentences(figures_a, [doc_a.sentences[i] for i in diff.shared_a]),
        _in_sentences(figures_b, [doc_b.sentences[j] for j in diff.shared_b]),
        *_axis(diff, doc_b, figures_a, doc_a, figures_b),
        {
            sub.b.lower(): sub.a.lower()
            for sub in diff.substitutions
            if " " not in sub.a and " " not in sub.b
        },
    )
