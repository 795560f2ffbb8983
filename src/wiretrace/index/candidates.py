"""Candidate reuse pairs within a batch: LSH over chunk sketches, then exact verification.

    >>> from wiretrace.index.tokens import tokenize_many
    >>> story = " ".join(f"word{i} of the wire story" for i in range(60))
    >>> other = " ".join(f"other{i} unrelated text here" for i in range(60))
    >>> found = find_candidates(tokenize_many([story, other, story[: len(story) // 2]]))
    >>> [(c.i, c.j, round(c.containment, 2)) for c in found]
    [(0, 2, 0.99)]

This is orchestration only: the work is done by the pure functions ``sketch_batch`` and
``shingle_sets`` (sketch.py), ``pairs_from_packed`` (lsh.py) and ``intersections``
(verify.py), which any orchestrator can run over partitions of a corpus. The shingle sets come from
the sketch pass itself when the batch is small enough (``KEEP_SETS_SHINGLES``), else they are
built afterwards for the texts that have a candidate only (bounded memory at 200k texts).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np

from wiretrace.index.dates import day_numbers, in_window
from wiretrace.index.lsh import STAR_ABOVE, pairs_from_packed
from wiretrace.index.sketch import DEFAULT_PARAMS, SketchParams, shingle_sets, sketch_batch
from wiretrace.index.tokens import Tokens
from wiretrace.index.verify import containment, intersections

# Up to this many words in a batch, the sketch pass keeps every text's shingle set for
# verification instead of hashing the candidates' shingles again: 8 bytes a word, 256 MB at
# most (~80,000 articles). Bigger batches (200,000 articles: 80M words) build the sets of the
# texts with a candidate only, after the keys are freed, to keep the peak well under 4 GB.
KEEP_SETS_SHINGLES = 1 << 25


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
    """The verification rule (verify.py): mask of kept pairs, and their containment.

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
) -> list[Candidate]:
    """Verified pairs of texts in ``tokens`` that share running text, sorted by (i, j).

    Every such pair when ``all_pairs``; else a bucket of more than ``STAR_ABOVE`` texts (one
    story carried by hundreds of sites) is checked as a star against its first members
    (lsh.py), which finds every text that reuses the story, in time linear in its copies,
    without every pair among the copies. ``dates`` (ISO, one per text, None =
    unknown) with ``window_days`` drops pairs dated further apart; unknown dates always pass.
    """
    keep_sets = sum(len(t.ids) for t in tokens) <= KEEP_SETS_SHINGLES
    packed, bits, sets, offsets = sketch_batch(tokens, params, jobs, keep_sets=keep_sets)
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
