"""Recognising a line of page chrome on its own, without context.

Four kinds of line are chrome wherever they appear:

* ``ui``: interface words and counters ("Follow", "Share", "TT", "Advertisement", "20",
  "Teilen", "مشاركة"), matched after ``normalise_ui`` against ``vocabulary.UI_PHRASES`` and
  ``vocabulary.UI_PATTERNS`` ("Read more: ...", "Also on site.com ..."), and newsletter
  promotions (a short line naming a newsletter or inbox and a sign-up verb);
* ``date``: a date line ("Updated 27 September 2017"), which also gives the article its date;
* ``credit``: a line carrying only a picture credit ("Photo: Jane Doe/AFP");
* ``byline``: "By Jane Doe and John Roe" (no sentence: at most a dozen words, no full stop).

    >>> chrome_kind("Follow"), chrome_kind("1.2K"), chrome_kind("Updated 27 September 2017")
    ('ui', 'ui', 'date')
    >>> chrome_kind("The army said 20 people died.") is None
    True
"""

from __future__ import annotations

import re

from wiretrace.clean.dates import DATE_LINE_MAX_CHARS, date_line
from wiretrace.clean.lines import normalise_ui, words
from wiretrace.vocabulary import (
    BYLINE,
    CREDIT_LINE_PATTERNS,
    PROMO_MAX_WORDS,
    PROMO_NOUN,
    PROMO_NOUN_CORES,
    PROMO_VERB,
    UI_PATTERNS,
    UI_PHRASES,
)

UI_MAX_CHARS = 160  # a longer line is never interface text
CREDIT_LINE_MAX_WORDS = 14
BYLINE_MAX_WORDS = 13  # "By" and at most a dozen names and joiners (<= CREDIT_LINE_MAX_WORDS)
BYLINE_FIRST_CHARS = "bBvVpPب"  # what BYLINE can match first (case-insensitive; tested)

# One pass instead of one ``match`` per pattern: ``match`` of an alternation of anchored
# patterns succeeds exactly when one of them does (all share the IGNORECASE flag).
_UI_PATTERN = re.compile("|".join(f"(?:{p.pattern})" for p in UI_PATTERNS), re.IGNORECASE)
_CREDIT_LINE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in CREDIT_LINE_PATTERNS), re.IGNORECASE
)


def is_ui(text: str, n_words: int | None = None) -> bool:
    """True for interface words, counters and "share on"/"read more" link lines.

    ``n_words`` is ``len(text.split())`` when the caller already knows it.
    """
    if len(text) > UI_MAX_CHARS:
        return False
    key = normalise_ui(text)
    if not key:
        return not any(ch.isalnum() for ch in text)  # only symbols: "•", "|", "»"
    if key in UI_PHRASES:
        return True
    if _UI_PATTERN.match(text):
        return True
    return is_promo(text, n_words) or (n_words is None or n_words % 2 == 0) and is_doubled(text)


def is_doubled(text: str) -> bool:
    """A teaser headline rendered twice in one line: "Big news today Big news today"."""
    parts = text.split()
    half = len(parts) // 2
    return len(parts) >= 4 and len(parts) % 2 == 0 and parts[:half] == parts[half:]


_CASE_FOLDS = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def names_promo_noun(text: str) -> bool:
    """Can ``PROMO_NOUN`` match ``text``? A substring test first: the case-insensitive regex
    scan reads every character of the line, and every short line is asked."""
    folded = text.lower() if text.isascii() else text.translate(_CASE_FOLDS).lower()
    if not any(core in folded for core in PROMO_NOUN_CORES):
        return False
    return PROMO_NOUN.search(text) is not None


def is_promo(text: str, n_words: int | None = None) -> bool:
    """A newsletter promotion: "Get the top headlines in your inbox. Subscribe to our newsletter."."""
    return (
        (len(words(text)) if n_words is None else n_words) <= PROMO_MAX_WORDS
        and names_promo_noun(text)
        and PROMO_VERB.search(text) is not None
    )


def is_byline(text: str) -> bool:
    """True for "By Jane Doe", "Von Max Muster und Eva Beispiel", "By J. Doe, Reuters"."""
    if not BYLINE.match(text) or text.endswith((".", "?", "!", ":")):
        return False
    rest = words(text)[1:]
    if not rest or len(rest) >= BYLINE_MAX_WORDS or not rest[0][:1].isupper():
        return False
    return sum(w[:1].isupper() for w in rest) * 2 >= len(rest)


def chrome_kind(text: str, n_words: int | None = None) -> str | None:
    """``"ui"``, ``"date"``, ``"credit"``, ``"byline"`` or None for a stripped line.

    ``n_words`` is ``len(text.split())`` when the caller already knows it. Every line of every
    page comes here, most of them body paragraphs, so each test is skipped when the line is
    too long for it, or, for bylines, does not open with a letter a byline can open with.
    """
    if n_words is None:
        n_words = len(words(text))
    if len(text) <= DATE_LINE_MAX_CHARS and date_line(text):
        return "date"
    if len(text) <= UI_MAX_CHARS and is_ui(text, n_words):
        return "ui"
    if n_words <= CREDIT_LINE_MAX_WORDS and _CREDIT_LINE.match(text) is not None:
        return "credit"
    if text[:1] in BYLINE_FIRST_CHARS and is_byline(text):
        return "byline"
    return None
