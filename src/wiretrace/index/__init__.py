"""Index stage: which texts of a batch (or of an archive) share running text. This module finds
the candidate reuse pairs within a batch: LSH over window sketches, then exact verification.

``sketch.py`` turns tokens into LSH bucket keys of content-anchored windows and exact
shingle sets; this module turns shared buckets into candidate pairs and keeps those whose
containment ``|A∩B| / min(|A|, |B|)`` passes (``find_candidates``), with the optional date
window; ``archive.py`` keeps articles and their buckets in SQLite between runs.
``_kernels.py`` holds every compiled function of the stage with the helpers they inline.

Banding. A signature of ``bands * rows`` minima is cut into ``bands`` bands of ``rows``
values; each band is hashed to one uint64 bucket key (the band index is mixed in, so equal
values in different bands never meet). Two windows with Jaccard J share a given band with
probability ``J^rows`` and at least one band with

    P(candidate | J) = 1 - (1 - J^rows)^bands          (the S-curve)

whose steepest point is near ``t = (1/bands)^(1/rows)``. With the defaults (6 bands of 3
rows, t ≈ 0.55): J = 1.0 -> 1, J = 0.8 -> 0.987, J = 0.6 -> 0.77, J = 0.5 (a word swap in
a 16-shingle window) -> 0.55, J = 0.3 -> 0.15, J = 0.1 -> 0.006. A reprinted passage spans
several windows, each a fresh chance (a 50-word paragraph holds ~4), so a reprint is missed
only if every one of its windows fails; unrelated texts share no window (J ≈ 0) and rarely
collide, and every candidate is verified exactly afterwards anyway.

Grouping. Bucket memberships of all windows, packed as one uint64 each (key prefix + text
index), are sorted once in place (sketch.py); every run of equal keys is a bucket. Every
pair met is kept once in a hash set however many buckets it shares (``bucket_pairs``).

A bucket of up to ``star_above`` texts gives every pair of distinct texts in it. A bigger one
(one wire story carried by hundreds of sites: every copy of a paragraph lands in one bucket)
gives a star instead: each member is paired with the bucket's first ``reps`` members (the
lowest text indices), ``reps * size`` pairs rather than ``size^2 / 2``. Nothing is dropped:
every member shares the bucket's window with each representative, so a member that reuses
the story is verified against them and joins its family (the family is the connected
component of the verified pairs, which a star connects as well as a clique); and since the
members of a story's buckets are mostly the same texts, their first members are too, and the
distinct pairs over all the story's buckets stay about ``reps * copies`` (linear in the
outlets). Pairs between two non-representative members are left for the derivation links of
the cluster stage to do without. ``star_above=None`` gives every pair of every bucket
(``--all-pairs``; quadratic in a story's copies). Boilerplate is removed before indexing
(clean/boilerplate.py), not here.

Verification. LSH only proposes; the decision is exact. For sorted unique shingle sets A
and B (uint64), a merge walk counts ``|A ∩ B|`` in ``O(|A| + |B|)``, and the pair is kept when

    shared = |A ∩ B| >= min_shared      and
    containment = |A ∩ B| / min(|A|, |B|) >= min_containment.

Containment, not Jaccard: it is 1 when the shorter text is wholly inside the longer one (a
half-story reprint scores 1, where its Jaccard is 0.5). ``min_shared`` (in shingles, i.e.
about ``min_shared + k - 1`` words of common running text) keeps a shared stock phrase or two
from making two unrelated texts look related, while a reprinted paragraph easily clears it.

Dates. The optional date window keeps pairs dated at most ``window_days`` apart; dates are ISO
strings (``YYYY-MM-DD``, a longer timestamp is cut to its date) and a missing or unreadable
date always passes, since it proves nothing either way.

The shingle sets come from the sketch pass itself when the batch is small enough
(``KEEP_SETS_SHINGLES``), else they are built afterwards for the texts that have a candidate
only (bounded memory at 200k texts).

    >>> from wiretrace.text import tokenize_many
    >>> story = " ".join(f"word{i} of the wire story" for i in range(60))
    >>> other = " ".join(f"other{i} unrelated text here" for i in range(60))
    >>> found = find_candidates(tokenize_many([story, other, story[: len(story) // 2]]))
    >>> [(c.i, c.j, round(c.containment, 2)) for c in found]
    [(0, 2, 0.99)]
    >>> in_window(day_numbers(["2017-09-27", None]), np.array([0]), np.array([1]), 3).tolist()
    [True]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np

from wiretrace.index._kernels import bucket_pairs, intersections
from wiretrace.index.sketch import DEFAULT_PARAMS, SketchParams, shingle_sets, sketch_batch
from wiretrace.text import TextBatch, Tokens

# Up to this many words in a batch, the sketch pass keeps every text's shingle set for
# verification instead of hashing the candidates' shingles again: 8 bytes a word, 256 MB at
# most (~80,000 articles). Bigger batches (200,000 articles: 80M words) build the sets of the
# texts with a candidate only, after the keys are freed, to keep the peak well under 4 GB.
KEEP_SETS_SHINGLES = 1 << 25
STAR_ABOVE = 16  # buckets of more texts give a star of pairs, not every pair
REPS = 3  # representatives each member of a star bucket is paired with


UNKNOWN = np.iinfo(np.int64).min


def day_number(date: str | None) -> int:
    """Days since 0001-01-01 of an ISO date, or ``UNKNOWN``."""
    if not date:
        return int(UNKNOWN)
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return int(UNKNOWN)


def day_numbers(dates: Sequence[str | None], missing: int = int(UNKNOWN)) -> np.ndarray:
    """``day_number`` of each date (each distinct string parsed once), ``missing`` for a
    missing or unreadable one."""
    known: dict[str | None, int] = {}
    out = np.empty(len(dates), dtype=np.int64)
    for k, date in enumerate(dates):
        day = known.get(date)
        if day is None:
            day = day_number(date)
            day = known[date] = missing if day == UNKNOWN else day
        out[k] = day
    return out


def in_window(days_a: np.ndarray, idx_a: np.ndarray, idx_b: np.ndarray, window: int,
              days_b: np.ndarray | None = None) -> np.ndarray:
    """Mask of pairs ``(idx_a[n], idx_b[n])`` dated at most ``window`` days apart."""
    da = days_a[idx_a]
    db = (days_a if days_b is None else days_b)[idx_b]
    unknown = (da == UNKNOWN) | (db == UNKNOWN)
    return unknown | (np.abs(da - db) <= window)


def _halves(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs packed as uint64 ``i << 32 | j``, as the arrays of ``i`` and of ``j``."""
    return (codes >> np.uint64(32)).astype(np.int64), (codes & np.uint64(0xFFFFFFFF)).astype(
        np.int64
    )


def pairs_from_packed(
    packed: np.ndarray, bits: int, star_above: int | None = STAR_ABOVE, reps: int = REPS
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs ``i < j`` of texts paired by a bucket, sorted; ``packed`` sorted.

    ``star_above=None``: every pair of every bucket."""
    codes = bucket_pairs(packed, bits, -1 if star_above is None else star_above, reps)
    return _halves(codes)


def pairs_sharing_keys(qkeys: np.ndarray, qdocs: np.ndarray, hkeys: np.ndarray,
                       hdocs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``(query doc, stored doc)`` pairs sharing a bucket key: the query's
    memberships ``(qkeys, qdocs)`` against the stored ones ``(hkeys, hdocs)`` (an archive's
    buckets, ``archive.py``), sorted."""
    order = np.argsort(qkeys, kind="stable")
    qk, qd = qkeys[order], qdocs[order]
    lo = np.searchsorted(qk, hkeys, side="left")
    hi = np.searchsorted(qk, hkeys, side="right")
    counts = hi - lo
    if counts.sum() == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    starts = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    qidx = starts + np.arange(counts.sum())
    codes = np.unique((qd[qidx].astype(np.uint64) << np.uint64(32))
                      | np.repeat(hdocs, counts).astype(np.uint64))
    return _halves(codes)


def containment(shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """``shared / min(size_a, size_b)`` (0 where a set is empty)."""
    smaller = np.minimum(size_a, size_b)
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0)


class Candidate(NamedTuple):
    """Texts ``i < j`` of the batch share text: ``containment`` = |A∩B| / min(|A|, |B|)."""

    i: int
    j: int
    containment: float


def count_shared(sets_a, off_a, sets_b, off_b, pi, pj, jobs: int = 1) -> np.ndarray:
    """``intersections`` split over ``jobs`` threads (the kernel releases the GIL)."""
    if jobs <= 1 or len(pi) < 10_000:
        return intersections(sets_a, off_a, sets_b, off_b, pi, pj)
    parts = np.array_split(np.arange(len(pi)), jobs)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        out = pool.map(
            lambda ix: intersections(sets_a, off_a, sets_b, off_b, pi[ix], pj[ix]), parts
        )
        return np.concatenate(list(out))


def accept(shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray,
           params: SketchParams) -> tuple[np.ndarray, np.ndarray]:
    """The verification rule (module docstring): mask of kept pairs, and their containment.

    A text with fewer than ``min_shared`` shingles must be 80% contained instead.
    """
    cont = containment(shared, size_a, size_b)
    smaller = np.minimum(size_a, size_b)
    needed = np.minimum(params.min_shared, np.maximum(1, np.ceil(0.8 * smaller)))
    keep = (shared >= needed) & (cont >= params.min_containment) & (shared > 0)
    return keep, cont


def find_candidates(
    tokens: Sequence[Tokens],
    *,
    dates: Sequence[str | None] | None = None,
    window_days: int | None = None,
    jobs: int = 1,
    params: SketchParams = DEFAULT_PARAMS,
    all_pairs: bool = False,
    batch: TextBatch | None = None,
) -> list[Candidate]:
    """Verified pairs of texts in ``tokens`` that share running text, sorted by (i, j).

    Every such pair when ``all_pairs``; else a bucket of more than ``STAR_ABOVE`` texts (one
    story carried by hundreds of sites) is checked as a star against its first members
    (module docstring), which finds every text that reuses the story, in time linear in its copies,
    without every pair among the copies. ``dates`` (ISO, one per text, None =
    unknown) with ``window_days`` drops pairs dated further apart; unknown dates always pass.
    ``batch``, the ``TextBatch`` of the texts (the pipeline's), gives the word ids in place.
    """
    keep_sets = sum(len(t.ids) for t in tokens) <= KEEP_SETS_SHINGLES
    packed, bits, sets, offsets = sketch_batch(tokens, params, jobs, keep_sets=keep_sets,
                                               batch=batch)
    pi, pj = pairs_from_packed(packed, bits, None if all_pairs else STAR_ABOVE)
    del packed
    if window_days is not None and dates is not None:
        ok = in_window(day_numbers(dates), pi, pj, window_days)
        pi, pj = pi[ok], pj[ok]
    if sets is None or offsets is None:
        # Exact sets only for the texts that have a candidate (row r holds text involved[r]).
        involved = np.unique(np.concatenate([pi, pj]))
        sets, offsets = shingle_sets([tokens[d] for d in involved], params)
        ri, rj = np.searchsorted(involved, pi), np.searchsorted(involved, pj)
    else:
        ri, rj = pi, pj
    shared = count_shared(sets, offsets, sets, offsets, ri, rj, jobs)
    sizes = np.diff(offsets)
    keep, cont = accept(shared, sizes[ri], sizes[rj], params)
    return list(map(Candidate, pi[keep].tolist(), pj[keep].tolist(), cont[keep].tolist()))
