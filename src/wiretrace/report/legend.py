"""The highlight kinds of the HTML report and what the legend says about each.

Kept apart from the logic: ``highlights`` emits these kinds, ``report.css`` styles the
classes ``hl-<kind>``, and the template renders this list as the legend (whose entries
also toggle each layer on and off).
"""

from __future__ import annotations

LEGEND: list[tuple[str, str, str]] = [
    # (kind, label, explanation)
    ("shared", "Shared text", "text this version shares with another version"),
    ("added", "Addition", "sentences this version carries and the base lacks"),
    ("cut", "Cut elsewhere", "sentences here that another version cut (hover: which)"),
    ("swap", "Swap", "a word or phrase another version words differently (hover: how)"),
    ("figure", "Conflicting figure", "a figure another version changed, or counts "
     "differently elsewhere (hover: how)"),
    ("conflict", "Conflicting sentence", "the sentence around a conflicting figure"),
]
