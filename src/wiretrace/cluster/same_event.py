"""Same-event links between articles that share no text: an inverted index of rare features.

Why an inverted index: comparing all pairs is O(n²) (2·10¹⁰ pairs for 200k articles). Only
articles sharing at least one *rare* feature can be linked, so every feature with document
frequency ``2 <= df <= max_df`` links its ``df·(df-1)/2`` article pairs (features in more than
``max_df`` articles, "United States", are skipped: they identify nothing). Cost is
``sum(df²)`` over rare features, linear in the corpus for a bounded ``max_df``. One compiled
pass (``_kernels.event_pairs``) sums each pair's evidence; ``tests/reference/same_event.py`` is
the plain numpy definition it is tested against.

Decision: dates, when both known, at most ``window_days`` apart, and either of two rules.
Every shared feature is one point, so a shared two-word name counts twice, as itself and by
its alias; "entity points" are those of names (NAME, WORD, RARE), "anchors" figures and dates.

*Headline rule* (all must hold): the event named in both headlines.

* entity points shared ``>= min_entities`` and at least ``min_key`` of them key in both
  articles (named in both headlines, or leads when a headline names nothing: the event's own
  town or people, not a mention of the Red Cross);
* a shared anchor, unless entity points reach ``strong_entities``;
* overlap: shared points ``>= min_overlap`` of the smaller article's total (two floods in two
  towns share the country and the weather service, a small part of what each names).

*Body rule* (both must hold): the bodies name the same rare things, wherever they name them.

* entity points shared ``>= strong_entities`` (three names at least, with their aliases: two
  short reports of two floods share the Red Cross and the weather service, a large part of
  what each names);
* the cosine of the two articles' idf-weighted feature vectors reaches ``min_cosine``::

      w(f) = ln(1 + max_df / df(f))                  (an idf whose scale is the cut-off)
      cos(x, y) = Σ_{f ∈ x∩y} w(f)² / sqrt(Σ_{f ∈ x} w(f)² · Σ_{f ∈ y} w(f)²)

  over the usable features (``df <= max_df``). A feature of two articles weighs
  ``ln(1 + max_df/2)`` (3.9 for the default), one of twenty ``ln 6`` (1.8), one at the
  cut-off ``ln 2`` (0.7): squared, a name two articles share counts ~5 times one twenty carry
  and ~30 times one at the cut-off. The weights depend on df alone, not on the batch size
  (an idf over a batch of two would call every shared name common), so two articles are
  judged alike in a batch of two and among 200k.
  Reports of one event share a large, rare part of what they name (the town, the officials,
  the firms, the figures: cosine 0.3-0.8 on real pairs); topical neighbours, the same player
  at a game and in a contract row, share a few names among many of their own (0.12-0.14 on
  real pairs of one place or person in two stories, 0.26 for a hearing's preview beside the
  previous day's hearing, below 0.19 between pages of 400 different sites and subjects).

    >>> import numpy as np
    >>> from wiretrace.cluster.features import Features, NAME, WORD, DATE
    >>> f = Features(np.array([1, 2, 3, 4]), np.array([NAME, WORD, WORD, DATE]), np.ones(4, bool))
    >>> same_event_links([f, f], [None, None])
    [(0, 1, 4.0)]
    >>> names = np.full(8, NAME)
    >>> g = Features(np.arange(1, 9), names, np.zeros(8, bool))
    >>> h = Features(np.r_[1:7, 11, 12], names, np.zeros(8, bool))
    >>> same_event_links([g, h], [None, None])  # no key name, no anchor: the bodies decide
    [(0, 1, 6.0)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from wiretrace.cluster._kernels import EventRows, Scoring, event_pairs
from wiretrace.cluster.features import DATE, FIGURE, NAME, RARE, WORD, Features, FeatureTable
from wiretrace.index.candidates import day_numbers

_WEIGHT = np.zeros(5, dtype=np.float64)
_WEIGHT[[NAME, WORD, FIGURE, DATE, RARE]] = 1.0
_ENTITY = np.zeros(5, dtype=bool)
_ENTITY[[NAME, WORD, RARE]] = True
_HUGE = 1 << 62  # thresholds beyond this are as good as infinite
NO_DAY = -1  # the linker's "date missing" (any negative day: a real day is an ordinal >= 1)


@dataclass(frozen=True)
class EventRule:
    """Thresholds of the same-event decision (see the module docstring)."""

    max_df: int = 100
    window_days: int | None = 3
    min_entities: float = 3.0
    min_key: int = 1
    strong_entities: float = 6.0
    min_overlap: float = 0.3
    min_cosine: float = 0.28  # body rule; math.inf turns it off


def idf_weights(df: np.ndarray, max_df: float) -> np.ndarray:
    """``ln(1 + max_df / df)`` per row: the body rule's weight of a feature in ``df`` articles.

    ``max_df`` is read as the linker reads it (whole, at most 2⁶²), so both agree.
    """
    return np.log1p(max(min(math.floor(max_df), _HUGE), 0) / df)


def event_links(
    table: FeatureTable, dates: Sequence[str | None], rule: EventRule | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``same_event_links`` as arrays ``(x, y, points)`` over a batch's flat feature table."""
    rule = rule or EventRule()
    limits = (
        min(math.floor(rule.max_df), _HUGE),
        float(rule.min_entities),
        float(rule.min_key),
        float(rule.strong_entities),
        float(rule.min_overlap),
        float(rule.min_cosine),
    )
    window = rule.window_days
    rows = EventRows(table.row_off, table.ids, table.kinds, table.key,
                     day_numbers(dates, missing=NO_DAY))
    scoring = Scoring(_WEIGHT, _ENTITY, limits, window is not None,
                      0 if window is None else max(min(math.floor(window), _HUGE), -_HUGE))
    return event_pairs(rows, scoring)


def same_event_links(
    features: list[Features], dates: list[str | None], rule: EventRule | None = None
) -> list[tuple[int, int, float]]:
    """Article pairs ``(x, y, shared points)``, ``x < y``, passing ``rule``; sorted by (x, y)."""
    if len(features) < 2:
        return []
    lens = np.fromiter((len(f.ids) for f in features), dtype=np.int64, count=len(features))
    row_off = np.zeros(len(features) + 1, dtype=np.int64)
    np.cumsum(lens, out=row_off[1:])
    table = FeatureTable(
        row_off,
        np.concatenate([f.ids for f in features]).astype(np.int64, copy=False),
        np.concatenate([f.kinds for f in features]).astype(np.int8, copy=False),
        np.concatenate([f.key for f in features]).astype(bool, copy=False),
    )
    x, y, points = event_links(table, dates, rule)
    return list(zip(x.tolist(), y.tolist(), points.tolist(), strict=True))
