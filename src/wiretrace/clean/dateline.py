"""The dateline that opens a wire story: where (and when, by whom) it was filed.

Forms recognised at the start of the first body paragraph::

    RAMADI, Iraq: Fighters seized ...               -> "RAMADI, Iraq"
    RAMADI (AFP) - Fighters seized ...              -> "RAMADI"
    BAGHDAD, Sept 27 (Reuters) - Fighters ...       -> "BAGHDAD"
    BEIRUT, Lebanon (AP) — Fighters ...             -> "BEIRUT, Lebanon"
    KAIRO (dpa) - Kämpfer ...                       -> "KAIRO"

The place must start with a word in capitals (the wire convention), so an ordinary sentence
opening with "However, officials: ..." is not taken. An agency in the parenthesis is
reported separately (it is a credit). The paragraph text itself is never changed.

    >>> find_dateline("RAMADI, Iraq: Fighters seized areas on Wednesday.")
    ('RAMADI, Iraq', None)
    >>> find_dateline("BAGHDAD, Sept 27 (Reuters) - Fighters seized areas.")
    ('BAGHDAD', 'Reuters')
"""

from __future__ import annotations

import re

from wiretrace.vocabulary import AGENCIES, MONTHS

_CITY = r"(?P<city>[^\W\d_a-z][^\W\d_]*['’.]?(?:[ \-][^\W\d_a-z][^\W\d_]*['’.]?){0,3})"
_REGION = r"(?:,\s*(?P<region>[^\W\d_](?:[^\W\d_]|[.'’\- ]){1,30}?))?"
_WHEN = r"(?:,\s*(?P<when>[^\W\d_]{3,10}\.?\s+\d{1,2}))?"
_AGENCY = r"(?:\s*\((?P<agency>[^()]{2,40})\))?"
_SEP = r"\s*(?P<sep>:|[-–—]+)\s+"
_DATELINE = re.compile("^" + _CITY + _REGION + _WHEN + _AGENCY + _SEP)


def _canonical_agency(text: str) -> str | None:
    for name, pattern in AGENCIES:
        if pattern.search(text):
            return name
    return None


def find_dateline(paragraph: str) -> tuple[str, str | None] | None:
    """``(place, agency)`` of a dateline opening ``paragraph``, or None.

    ``place`` is "CITY" or "CITY, Region" without the date, agency or separator.
    """
    if len(paragraph) > 1 and paragraph[1].islower():
        # the first word is all of its letters (nothing after a letter but a letter may
        # continue the place name) and must be in capitals: no dateline, no regex scan
        return None
    return _dateline_of(paragraph)


def _dateline_of(paragraph: str) -> tuple[str, str | None] | None:
    """``find_dateline`` without its quick rejection (tests hold the two equal)."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    city, region, when = m.group("city"), m.group("region"), m.group("when")
    letters = [ch for ch in city if ch.isalpha()]
    if len(letters) < 3 or not city.isupper():
        return None
    if when and when.split()[0].rstrip(".").casefold() not in MONTHS:
        return None
    agency = _canonical_agency(m.group("agency")) if m.group("agency") else None
    if m.group("agency") and agency is None:
        return None  # "(population 2,000) -" and the like: not a dateline
    if region and (region.isupper() or len(region.split()) > 3):
        return None
    if m.group("sep") != ":" and not (agency or when) and len(letters) < 4:
        return None  # "CITY — text" needs a city name of some length
    place = f"{city}, {region.strip()}" if region else city
    return place, agency
