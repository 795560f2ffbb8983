"""Pausing Python's cyclic garbage collector while a batch is processed.

Why: a run holds tens of thousands of articles and allocates millions of short-lived small
objects (lines, tuples, arrays). Every few hundred allocations the collector runs, and each
full collection walks every live object. None of it is garbage the collector could find:
the data model has no reference cycles, so reference counting frees everything, and the
collections would only walk the batch's objects again and again. The collector is switched
back on (if it was on) when the batch ends, whatever happens inside it.

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the previous state is restored after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
