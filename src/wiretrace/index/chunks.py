"""Content-defined chunks of a shingle sequence: why partial reprints are still found.

Whole-document MinHash estimates Jaccard ``|A∩B| / |A∪B|``, which is small when B reprints
only half of A, or a few of A's paragraphs glued into unrelated text. So each text is cut into
chunks of consecutive shingles and every chunk is sketched on its own: a chunk lying inside
the shared passage has the same content in both texts, whatever surrounds it.

For that to hold, chunk boundaries must depend on content, not on position (fixed windows
would be shifted by any insertion): a chunk ends after shingle ``s`` when
``mix(s) mod divisor == 0`` and the chunk holds at least ``min_len`` shingles, or when it
reaches ``max_len`` (rare: probability ``(1 - 1/divisor)^(max_len - min_len)``). The expected
chunk length is ``min_len + divisor``. Inside a shared passage both texts cut at the same
shingles once the first common boundary is met, so their chunks are identical (Jaccard 1,
or ~0.8 when a word swap spoils ``k`` of ~40 shingles).

    >>> sh = np.arange(1000, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    >>> bounds = chunk_batch(sh, np.array([0, 1000]), 8, 24, 128)[0]
    >>> int(bounds[0]), int(bounds[-1])
    (0, 1000)
"""

from __future__ import annotations

import numpy as np
from numba import njit

from wiretrace.index.shingles import mix64


@njit(cache=True, nogil=True)
def chunk_batch(shingles, offsets, min_len, divisor, max_len):  # pragma: no cover - compiled
    """Chunk every text: returns ``(chunk_offsets, chunk_doc)``.

    ``chunk_offsets`` (int64, length n_chunks + 1) indexes ``shingles``; ``chunk_doc[c]`` is
    the text chunk ``c`` belongs to. A non-empty text yields at least one chunk.
    """
    ndoc = offsets.shape[0] - 1
    total = offsets[ndoc] - offsets[0]
    cap = total // max(min_len, 1) + ndoc + 1
    bounds = np.empty(cap + 1, dtype=np.int64)
    doc_of = np.empty(cap, dtype=np.int32)
    div = np.uint64(divisor)
    c = 0
    bounds[0] = offsets[0]
    for d in range(ndoc):
        start = offsets[d]
        end = offsets[d + 1]
        for i in range(offsets[d], end):
            length = i + 1 - start
            cut = length >= max_len or (
                length >= min_len and (mix64(shingles[i] ^ np.uint64(0x5BD1E995)) % div) == 0
            )
            if cut and i + 1 < end:
                doc_of[c] = d
                c += 1
                bounds[c] = i + 1
                start = i + 1
        if end > start:
            doc_of[c] = d
            c += 1
            bounds[c] = end
    return bounds[: c + 1].copy(), doc_of[:c].copy()
