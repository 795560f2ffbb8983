"""The class of a word or phrase swap: spelling, abbreviation, term, name or wording.

Tested in this order, the first that holds:

* ``spelling``: the same words once British endings are folded to American ones (our -> or,
  tre -> ter, ise/isation -> ize/ization, yse -> yze, lled -> led, ence -> ense, ogue -> og,
  mme -> m): "colour" / "color", "Kilometre" / "Kilometer", "programme" / "program";
* ``abbreviation``: one side is one word that abbreviates the other (with a period or a
  capital): same first letter, its letters a subsequence of the other's, at least two
  letters shorter ("Gov." / "Governor", "Dept" / "Department", "St." / "Street"; not "the" /
  "those");
* ``term``: both sides name a framing term of ``words.TERM_WORDS`` (Daesh / ISIS, jihadists /
  militants, terrorist group): the house style of an outlet;
* ``name``: every word on both sides capitalised (a person or place written another way:
  "Kiev" / "Kyiv"), or the two nearly the same (rapidfuzz ratio >= 80, a transliteration);
* ``term`` again when the swap is made ``TERM_MIN_COUNT`` times or more in one pair: a
  replacement made wherever the word occurs is house style, not a one-off rewording;
* ``wording``: any other short rewording.

Recurrence across a story counts too (``promote_recurring``, run when a story is
explained): a ``wording`` swap of two terms that ``TERM_MIN_PAIRS`` or more versions of one
story make against its base, in either direction, is a ``term``; a one-off pair of
unrelated words in one spot of one version stays ``wording``.

    >>> [swap_kind(a, b) for a, b in [("Governor", "Gov."), ("colour", "color"),
    ...  ("Daesh", "ISIS"), ("Kiev", "Kyiv"), ("blaze", "fire")]]
    ['abbreviation', 'spelling', 'term', 'name', 'wording']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from wiretrace.compare.words import BRITISH_ENDINGS, TERM_WORDS
from wiretrace.model import Substitution

TERM_MIN_COUNT = 2
TERM_MIN_PAIRS = 2
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_ENDINGS = [(re.compile(british), american) for british, american in BRITISH_ENDINGS]


def _abbreviates(short: str, full: str) -> bool:
    if not (short.endswith(".") or short[:1].isupper()):
        return False  # "the" / "those", "can" / "can't": words of their own
    short, full = short.rstrip(".").lower(), full.lower()
    if " " in short or " " in full or len(short) < 2 or len(short) > len(full) - 2:
        return False
    if short[0] != full[0]:
        return False
    rest = iter(full[1:])
    return all(ch in rest for ch in short[1:])


@lru_cache(maxsize=16384)
def _american(word: str) -> str:
    for pattern, american in _ENDINGS:
        word = pattern.sub(american, word)
    return word


@lru_cache(maxsize=16384)
def swap_kind(a: str, b: str, count: int = 1) -> str:
    """The class of the swap ``a`` -> ``b`` made ``count`` times (see the module docstring)."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    la, lb = [w.lower() for w in wa], [w.lower() for w in wb]
    if la != lb and len(la) == len(lb) and [_american(w) for w in la] == [
        _american(w) for w in lb
    ]:
        return "spelling"
    if _abbreviates(a, b) or _abbreviates(b, a):
        return "abbreviation"
    if not TERM_WORDS.isdisjoint(la) and not TERM_WORDS.isdisjoint(lb):
        return "term"
    if wa and wb and all(w[0].isupper() for w in wa + wb):
        return "name"
    if fuzz.ratio(a.lower(), b.lower()) >= 80:
        return "name" if a[:1].isupper() else "spelling"
    if count >= TERM_MIN_COUNT:
        return "term"
    return "wording"


def _terms(sub: Substitution) -> frozenset[str]:
    return frozenset((sub.a.lower(), sub.b.lower()))


def promote_recurring(
    versions: Iterable[Sequence[Substitution]], pairs: Iterable[Sequence[Substitution]] = ()
) -> None:
    """Class as ``term`` (in place) each ``wording`` swap whose two terms ``TERM_MIN_PAIRS``
    or more versions of one story swap against its base (``versions``: the substitutions of
    the base against each version): a replacement several outlets make is house style. The
    same swap in the story's other ``pairs`` is promoted too. A version's own one-off edit
    shows in every pair that version is part of, so only the pairs with the base count.
    One pass to count, one to promote: linear in the swaps of the story."""
    versions = [list(subs) for subs in versions]
    seen: Counter[frozenset[str]] = Counter()
    for subs in versions:
        seen.update({_terms(sub) for sub in subs})
    recurring = {terms for terms, n in seen.items() if n >= TERM_MIN_PAIRS}
    if not recurring:
        return
    for subs in [*versions, *pairs]:
        for sub in subs:
            if sub.kind == "wording" and _terms(sub) in recurring:
                sub.kind = "term"
