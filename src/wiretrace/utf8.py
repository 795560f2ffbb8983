"""UTF-8 decoding inside compiled kernels (the clean and index stages both scan raw bytes).

Why by hand: numba kernels get a page as its UTF-8 bytes (``str.encode`` once, then no
Python objects per character) and must step through it one code point at a time. The input
is always what Python encoded (``surrogatepass`` included), so the sequence is well formed
and no check is made.

    >>> import numpy as np
    >>> buf = np.frombuffer("aé€😀".encode(), dtype=np.uint8)
    >>> [decode_at(buf, i) for i in (0, 1, 3, 6)] == [(97, 1), (0xE9, 2), (0x20AC, 3), (0x1F600, 4)]
    True
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True, inline="always")
def decode_at(buf, i):  # pragma: no cover - compiled
    """The code point starting at byte ``i`` of well-formed UTF-8 ``buf``, and its width."""
    b0 = np.int64(buf[i])
    if b0 < 0x80:
        return b0, 1
    if b0 < 0xE0:
        return ((b0 & 0x1F) << 6) | (np.int64(buf[i + 1]) & 0x3F), 2
    if b0 < 0xF0:
        return (((b0 & 0x0F) << 12) | ((np.int64(buf[i + 1]) & 0x3F) << 6)
                | (np.int64(buf[i + 2]) & 0x3F)), 3
    return (((b0 & 0x07) << 18) | ((np.int64(buf[i + 1]) & 0x3F) << 12)
            | ((np.int64(buf[i + 2]) & 0x3F) << 6) | (np.int64(buf[i + 3]) & 0x3F)), 4
