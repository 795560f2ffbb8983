"""The numpy definition of same-event links, kept as the specification.

:func:`wiretrace.cluster.same_event_links` gives the same links from a compiled
pass (tested against this one on invented and generated features); the rule itself is
described there. This version is plain numpy: easy to read.

Every rare feature (``2 <= df <= max_df``) emits its ``df·(df-1)/2`` article pairs, one
vectorised step per group size; pairs are keyed ``x * n + y`` and their points summed with
``bincount``. Each row's idf weight is ``ln(1 + max_df / df)``; an article's squared norm
sums its usable rows' squared weights, a pair's dot product its shared rows' (see
:mod:`wiretrace.cluster` for the cosine rule).

    >>> import numpy as np
    >>> from wiretrace.cluster.features import Features, NAME, WORD, DATE
    >>> f = Features(np.array([1, 2, 3, 4]), np.array([NAME, WORD, WORD, DATE]), np.ones(4, bool))
    >>> same_event_links_reference([f, f], [None, None])
    [(0, 1, 4.0)]
"""

from __future__ import annotations

import math

import numpy as np

from wiretrace.cluster import ENTITY, HUGE, NO_DAY, WEIGHT, EventRule
from wiretrace.cluster.features import Features
from wiretrace.index import day_numbers


def idf_weights(df: np.ndarray, max_df: float) -> np.ndarray:
    """``ln(1 + max_df / df)`` per row: the body rule's weight of a feature in ``df`` articles.

    ``max_df`` is read as the linker reads it (whole, at most 2⁶²), so both agree.
    """
    return np.log1p(max(min(math.floor(max_df), HUGE), 0) / df)


def pairs_in_groups(starts: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(p, q)``, ``p < q``, of every pair inside each group ``[start, start+size)``.

    One vectorised step per distinct group size: ``triu_indices`` gives the pairs of a group of
    that size, broadcast over all groups of the size.
    """
    ps, qs = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for size in np.unique(sizes).tolist():
        if size < 2:
            continue
        firsts = starts[sizes == size].astype(np.int64)[:, None]
        p, q = np.triu_indices(size, 1)
        ps.append((firsts + p).ravel())
        qs.append((firsts + q).ravel())
    return np.concatenate(ps), np.concatenate(qs)


def same_event_links_reference(
    features: list[Features], dates: list[str | None], rule: EventRule | None = None
) -> list[tuple[int, int, float]]:
    """Article pairs ``(x, y, shared points)``, ``x < y``, passing ``rule``; sorted by (x, y)."""
    rule = rule or EventRule()
    n = len(features)
    if n < 2:
        return []
    lens = np.array([len(f.ids) for f in features], dtype=np.int64)
    if lens.sum() == 0:
        return []
    art = np.repeat(np.arange(n, dtype=np.int64), lens)
    fid = np.concatenate([f.ids for f in features])
    kind = np.concatenate([f.kinds for f in features]).astype(np.int64)
    key = np.concatenate([f.key for f in features])
    _, inverse, df = np.unique(fid, return_inverse=True, return_counts=True)
    df = df[inverse]
    weight = WEIGHT[kind]
    usable = df <= rule.max_df
    totals = np.bincount(art[usable], weights=weight[usable], minlength=n)
    idf2 = idf_weights(df, rule.max_df) ** 2
    norms = np.bincount(art[usable], weights=idf2[usable], minlength=n)

    shared = (df >= 2) & usable
    post = np.flatnonzero(shared)
    post = post[np.lexsort((art[post], inverse[post]))]  # by feature, then article
    feat = inverse[post]
    brk = np.flatnonzero(np.concatenate(([True], feat[1:] != feat[:-1])))
    sizes = np.diff(np.append(brk, len(post)))
    p, q = pairs_in_groups(brk, sizes)
    if len(p) == 0:
        return []
    pp, qq = post[p], post[q]
    pair_keys, pair_index = np.unique(art[pp] * n + art[qq], return_inverse=True)
    is_entity = ENTITY[kind[pp]]

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(pair_index, weights=values.astype(np.float64), minlength=len(pair_keys))

    pts = total(weight[pp])
    ent = total(np.where(is_entity, weight[pp], 0.0))
    anc = total(~is_entity)
    kyd = total(is_entity & key[pp] & key[qq])
    dot = total(idf2[pp])
    x, y = pair_keys // n, pair_keys % n
    smaller = np.minimum(totals[x], totals[y])
    headline = (ent >= rule.min_entities) & (kyd >= rule.min_key)
    headline &= (anc >= 1) | (ent >= rule.strong_entities)
    headline &= pts >= rule.min_overlap * np.maximum(smaller, 1e-9)
    body = (ent >= rule.strong_entities) & (dot >= rule.min_cosine * np.sqrt(norms[x] * norms[y]))
    ok = headline | body
    if rule.window_days is not None:
        days = day_numbers(dates, missing=NO_DAY)
        dx, dy = days[x], days[y]
        ok &= (dx < 0) | (dy < 0) | (np.abs(dx - dy) <= rule.window_days)
    return [(int(a), int(b), float(s)) for a, b, s in zip(x[ok], y[ok], pts[ok], strict=True)]
