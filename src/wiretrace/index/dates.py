"""The optional date window: only pair articles published close enough in time.

Dates are ISO strings (``YYYY-MM-DD``, a longer timestamp is cut to its date); a missing or
unreadable date always passes, since it proves nothing either way.

    >>> in_window(day_numbers(["2017-09-27", None]), np.array([0]), np.array([1]), 3).tolist()
    [True]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

UNKNOWN = np.iinfo(np.int64).min


def day_number(date: str | None) -> int:
    """Days since 0001-01-01 of an ISO date, or ``UNKNOWN``."""
    if not date:
        return int(UNKNOWN)
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return int(UNKNOWN)


def day_numbers(dates: Sequence[str | None]) -> np.ndarray:
    return np.fromiter((day_number(d) for d in dates), dtype=np.int64, count=len(dates))


def in_window(days_a: np.ndarray, idx_a: np.ndarray, idx_b: np.ndarray, window: int,
              days_b: np.ndarray | None = None) -> np.ndarray:
    """Mask of pairs ``(idx_a[n], idx_b[n])`` dated at most ``window`` days apart."""
    da = days_a[idx_a]
    db = (days_a if days_b is None else days_b)[idx_b]
    unknown = (da == UNKNOWN) | (db == UNKNOWN)
    return unknown | (np.abs(da - db) <= window)
