"""Photo captions: descriptive lines that end in a picture credit.

A caption describes a picture and names who took or distributes it, in a closing parenthesis:
"Troops patrol the city on Sept. 27, 2017. (AFP)", "... (Photo by Jane Doe / AFP)",
"... (Jane Doe/AFP/Getty Images)". ``credit_tail`` finds that parenthesis; the caller decides
with context (before the body starts, repeated, or a photo-style credit) whether the line is a
caption or a body paragraph that merely ends with an agency tag.

    >>> credit_tail("Troops patrol the city on Feb. 12, 2016. (Jane Doe/AFP/Getty Images)")
    'Jane Doe/AFP/Getty Images'
    >>> is_photo_credit("Jane Doe/AFP/Getty Images"), is_photo_credit("AFP")
    (True, False)
"""

from __future__ import annotations

import re

from wiretrace.clean.credits import agencies_named
from wiretrace.clean.lines import words
from wiretrace.clean.vocabulary import PHOTO_WORDS

_TAIL = re.compile(r"[(\[]([^()\[\]]{2,90})[)\]]\s*$")
_PHOTO_WORD = re.compile(r"\b(?:" + "|".join(map(re.escape, PHOTO_WORDS)) + r")\b", re.IGNORECASE)
MIN_CAPTION_WORDS = 5


def names_agency(text: str) -> bool:
    """True when ``text`` names an agency or photo agency from the vocabulary."""
    return bool(agencies_named(text))


def credit_tail(text: str) -> str | None:
    """The inside of a closing "(...)" that reads as a credit, or None."""
    if not text.rstrip().endswith((")", "]")):
        return None  # what ``_TAIL`` needs, checked without a regex scan of the whole line
    m = _TAIL.search(text)
    if not m:
        return None
    inner = m.group(1).strip()
    if names_agency(inner) or _PHOTO_WORD.search(inner):
        return inner
    return None


def is_photo_credit(inner: str) -> bool:
    """A credit that can only be a picture's: a photographer/agency slash, or a photo word."""
    return "/" in inner or bool(_PHOTO_WORD.search(inner))


def caption_candidate(text: str, n_words: int | None = None) -> bool:
    """A descriptive line (several words) that ends in a credit parenthesis.

    ``n_words`` is ``len(text.split())`` when the caller already knows it.
    """
    tail = credit_tail(text)
    if tail is None:
        return False
    n = len(words(text)) if n_words is None else n_words
    return n - len(words(tail)) >= MIN_CAPTION_WORDS
