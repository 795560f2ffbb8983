"""Cutting article text down to a line for reports, without losing what matters.

``truncate`` cuts at a word boundary and marks the cut with "…"; ``excerpt_around`` keeps a
given phrase (a conflicting figure) in view when a long sentence must be shortened;
``counted`` writes a count with its noun in the right number ("1 figure", "6 figures").

    >>> truncate("one two three four", 12)
    'one two…'
"""

from __future__ import annotations


def truncate(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` chars with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def excerpt_around(text: str, needle: str, limit: int) -> str:
    """``text`` on one line, at most about ``limit`` chars, keeping ``needle`` in view.

    A long sentence is cut on both sides of its figure ("… killing 3 passengers, a …")
    rather than from the end, which could cut the very figure the reader is shown.
    """
    flat = " ".join(text.split())
    at = flat.find(" ".join(needle.split())) if needle else -1
    if len(flat) <= limit or at < 0 or at + len(needle) <= limit - 1:
        return truncate(flat, limit)
    start = max(0, min(at - limit // 3, len(flat) - limit + 1))
    space = flat.find(" ", start)
    start = space + 1 if 0 <= space < at else start
    rest = truncate(flat[start:], limit - 1)
    return "…" + rest


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 conflicting figure", "6 conflicting figures": ``n`` and ``noun`` agreeing."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
