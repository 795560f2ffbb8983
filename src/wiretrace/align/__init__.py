"""Align stage: exact verification of candidate pairs and the shared passages of each.

    >>> from wiretrace.align import align_pair, passage_edits

``align_pair`` turns two tokenised articles into a ``reuse`` Pair (passages as char spans) or
None; ``passage_edits`` gives the word-level edits inside one passage (to inspect an
alignment; the compare stage diffs matched sentences itself, ``compare.worddiff``);
``align_ids`` is the same verification over bare id arrays, for batch/distributed runners.

``align_candidates`` verifies many candidate pairs (``aligned_batches``: the same, one list per
``BATCH`` candidates, a run's progress steps), reading the texts from the pipeline's
``TextBatch`` when given one.

``pair.py`` holds these functions and the pair rules, ``evidence.py`` what counts as prose,
quotation and list (with ``token_edits``, the LCS word edits it pairs a passage's words by), and
``_kernels.py`` every compiled function (seeds, one-to-one selection, chaining, sentence
edges, a whole batch of pairs in one call over a ``TextBatch``).
"""

from wiretrace.align.evidence import token_edits
from wiretrace.align.pair import (
    Edit,
    align_candidates,
    align_ids,
    align_pair,
    aligned_batches,
    passage_edits,
)
from wiretrace.text import token_range

__all__ = [
    "Edit",
    "align_candidates",
    "align_ids",
    "align_pair",
    "aligned_batches",
    "passage_edits",
    "token_edits",
    "token_range",
]
