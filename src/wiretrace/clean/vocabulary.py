"""The page-chrome word lists under their old import path, for ``chrome`` and ``boilerplate``.

The lists live in :mod:`wiretrace.vocabulary` (one vocabulary for every stage); this module
only re-exports the names those two modules import, and goes once they import from there.
"""

from __future__ import annotations

from wiretrace.vocabulary import (
    ABOUT_HEADING,
    BOILERPLATE_SHAPES,
    BYLINE,
    CREDIT_LINE_PATTERNS,
    PROMO_MAX_WORDS,
    PROMO_NOUN,
    PROMO_NOUN_CORES,
    PROMO_VERB,
    TAIL_SHAPES,
    UI_PATTERNS,
    UI_PHRASES,
)

__all__ = [
    "ABOUT_HEADING",
    "BOILERPLATE_SHAPES",
    "BYLINE",
    "CREDIT_LINE_PATTERNS",
    "PROMO_MAX_WORDS",
    "PROMO_NOUN",
    "PROMO_NOUN_CORES",
    "PROMO_VERB",
    "TAIL_SHAPES",
    "UI_PATTERNS",
    "UI_PHRASES",
]
