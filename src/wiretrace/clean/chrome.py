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

from wiretrace.clean.dates import date_line
from wiretrace.clean.lines import normalise_ui, words
from wiretrace.clean.vocabulary import (
    BYLINE,
    CREDIT_LINE_PATTERNS,
    PROMO_MAX_WORDS,
    PROMO_NOUN,
    PROMO_VERB,
    UI_PATTERNS,
    UI_PHRASES,
)


def is_ui(text: str) -> bool:
    """True for interface words, counters and "share on"/"read more" link lines."""
    if len(text) > 160:
        return False
    key = normalise_ui(text)
    if not key:
        return not any(ch.isalnum() for ch in text)  # only symbols: "•", "|", "»"
    if key in UI_PHRASES:
        return True
    if any(p.match(text) for p in UI_PATTERNS):
        return True
    return is_promo(text) or is_doubled(text)


def is_doubled(text: str) -> bool:
    """A teaser headline rendered twice in one line: "Big news today Big news today"."""
    parts = text.split()
    half = len(parts) // 2
    return len(parts) >= 4 and len(parts) % 2 == 0 and parts[:half] == parts[half:]


def is_promo(text: str) -> bool:
    """A newsletter promotion: "Get the top headlines in your inbox. Subscribe to our newsletter."."""
    return (
        len(words(text)) <= PROMO_MAX_WORDS
        and PROMO_NOUN.search(text) is not None
        and PROMO_VERB.search(text) is not None
    )


def is_credit_line(text: str) -> bool:
    """True for a line that is only a picture credit: "Photo: X/AFP", "(Getty Images)"."""
    if len(words(text)) > 14:
        return False
    return any(p.match(text) for p in CREDIT_LINE_PATTERNS)


def is_byline(text: str) -> bool:
    """True for "By Jane Doe", "Von Max Muster und Eva Beispiel", "By J. Doe, Reuters"."""
    if not BYLINE.match(text) or text.endswith((".", "?", "!", ":")):
        return False
    rest = words(text)[1:]
    if not rest or len(rest) > 12 or not rest[0][:1].isupper():
        return False
    return sum(w[:1].isupper() for w in rest) * 2 >= len(rest)


def chrome_kind(text: str) -> str | None:
    """``"ui"``, ``"date"``, ``"credit"``, ``"byline"`` or None for a stripped line."""
    if date_line(text):
        return "date"
    if is_ui(text):
        return "ui"
    if is_credit_line(text):
        return "credit"
    if is_byline(text):
        return "byline"
    return None
