"""The clean stage's compiled cue scan: where the boilerplate pass's cues stand in a text.

The stage's other compiled pass, the line scan of a page, inlines the UTF-8 decoder of
:mod:`wiretrace._text_kernels` and so lives there (numba caches per file: a kernel and every
helper it inlines share one file). This file holds ``scan_cues``, read by
:mod:`wiretrace.clean.boilerplate`, and its own helpers only.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# --- the boilerplate cues of a text -----------------------------------------------------------


@njit(cache=True)
def scan_cues(data: np.ndarray, table: np.ndarray, patterns: np.ndarray,
              offsets: np.ndarray, tail: np.ndarray) -> int:  # pragma: no cover (compiled)
    """Where the cues stand in ``data`` (UTF-8 bytes of a lower-cased text): -2 when it holds
    a cue of ``BOILERPLATE_SHAPES``, else the start of the last cue of ``TAIL_SHAPES``, else
    -1.

    One pass from the end, one look-up of the byte pair at each position in ``table`` (almost
    always 0), the candidates' remaining bytes compared: a cue is a substring of the text
    exactly when its bytes are a substring of the text's UTF-8 (a multi-byte character's
    bytes never look like an ASCII one, nor open inside another character)."""
    n = data.shape[0]
    last_tail = -1
    following = 0
    for i in range(n - 1, -1, -1):
        mask = table[(data[i] << 8) | following]
        following = data[i]
        c = 0
        while mask:
            if mask & 1:
                low, size = offsets[c], offsets[c + 1] - offsets[c]
                found = i + size <= n
                for j in range(2, size if found else 0):
                    if data[i + j] != patterns[low + j]:
                        found = False
                        break
                if found:
                    if not tail[c]:
                        return -2
                    if last_tail < 0:
                        last_tail = i
            mask >>= 1
            c += 1
    return last_tail
