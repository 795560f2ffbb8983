"""Content-anchored windows of a shingle sequence: why partial reprints are still found.

Whole-document MinHash estimates Jaccard ``|A∩B| / |A∪B|``, which is small when B reprints
only half of A, or a few of A's paragraphs glued into unrelated text. So each text is cut into
windows of consecutive shingles and every window is sketched on its own: a window lying inside
the shared passage has the same content in both texts, whatever surrounds it.

For that to hold, windows must start at places chosen by content, not by position (fixed
windows would be shifted by any insertion). Shingle ``s`` is an *anchor* when
``mix(s) mod spacing == 0`` (probability ``1/spacing``, the same shingles in every text), and
each anchor opens a window of the next ``width`` shingles. A shared passage of ``L`` shingles
then holds about ``(L - width) / spacing`` windows that are *identical* in both texts
(Jaccard 1, or ~0.75 when a word swap spoils ``k`` of them), each independently, with no need
for the two texts to agree on any earlier boundary. The first shingle of a text, and any
shingle ``width`` past the previous anchor, is an anchor too, so every shingle is covered.
Defaults (spacing 8, width 16) put ~4 identical windows in a reprinted 50-word paragraph and
cover each shingle about twice.

    >>> sh = np.arange(1000, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    >>> starts, ends, doc = chunk_batch(sh, np.array([0, 1000]), 12, 24)
    >>> int(starts[0]), int(ends.max()), bool(np.all(ends - starts <= 24))
    (0, 1000, True)
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.index.shingles import mix64


@njit(cache=True, nogil=True)
def chunk_batch(shingles, offsets, spacing, width):  # pragma: no cover - compiled
    """Windows of every text: returns ``(starts, ends, doc)`` (int64, int64, int32 arrays).

    Window ``c`` is ``shingles[starts[c]:ends[c]]`` of text ``doc[c]``; a non-empty text
    yields at least one window. The reference definition: the index itself finds the same
    windows text by text inside sketch_kernel.py.
    """
    ndoc = offsets.shape[0] - 1
    total = offsets[ndoc] - offsets[0]
    cap = total
    starts = np.empty(cap, dtype=np.int64)
    ends = np.empty(cap, dtype=np.int64)
    doc_of = np.empty(cap, dtype=np.int32)
    div = np.uint64(spacing)
    c = 0
    for d in range(ndoc):
        lo = offsets[d]
        hi = offsets[d + 1]
        last = lo - width
        for i in range(lo, hi):
            anchor = i == lo or i - last >= width
            if not anchor:
                anchor = (mix64(shingles[i] ^ np.uint64(0x5BD1E995)) % div) == 0
            if anchor:
                starts[c] = i
                ends[c] = min(i + width, hi)
                doc_of[c] = d
                c += 1
                last = i
                if i + width >= hi:  # this window reaches the end: later ones add nothing new
                    break
    return starts[:c].copy(), ends[:c].copy(), doc_of[:c].copy()
