"""When and where a story was filed: publication dates written in page text, and the wire
dateline opening the first body paragraph.

Dates. Only two kinds of line give an article its date: a date line announced as such
("Updated 27 September 2017", "Published: Sept. 27, 2017 10:04 AM ET", "Aktualisiert am
27.09.2017") and a line holding nothing but a date. A date inside a sentence or a caption
("... patrol a road on Feb. 12, 2016") is the date of an event, never the publication date,
so it is not read.

    >>> parse_date("27 September 2017")
    '2017-09-27'
    >>> date_line("Updated 27 September 2017")
    '2017-09-27'
    >>> date_line("Members of the forces patrol a road on Feb. 12, 2016.") is None
    True

Datelines. Forms recognised at the start of the first body paragraph::

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

Outlets keep a dateline, drop it or rewrite it at will, so it says nothing about how two
versions differ: the compare stage leaves the prefix it opens out of sentence matching and
word diffs. ``dateline_end`` finds where that prefix ends: the place (as ``find_dateline``
records it), an optional date ("Sept 27"), an optional parenthesis ("(AFP)") and the
separator (":" or a dash), with the white space after it.

    >>> text = "DRASNO, Veltra (AFP) - Fighters of the front attacked."
    >>> text[dateline_end(text, ["DRASNO, Veltra"]):]
    'Fighters of the front attacked.'
    >>> dateline_end("Fighters attacked DRASNO: again.", ["DRASNO"])
    0
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from wiretrace.vocabulary import AGENCIES, DATE_LINE_PREFIX, MONTHS

# --- publication dates -----------------------------------------------------------------------

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"{_YEAR}-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})",  # 2017-09-27
        rf"(?P<day>\d{{1,2}})[./](?P<mnum>\d{{1,2}})[./]{_YEAR}",  # 27.09.2017 / 27/09/2017
        rf"{_DAY}\s+(?:de\s+)?{_MONTH}\s*,?\s+(?:de\s+)?{_YEAR}",  # 27 September 2017
        rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # September 27, 2017 / Sept. 27 2017
    )
)
DATE_LINE_MAX_CHARS = 80  # a longer line is never a date line
_DIGIT = re.compile(r"\d")

# What may follow a date on a date-only line: a time, a zone, a weekday separator, "|".
_TAIL = re.compile(
    r"^[\s,|·•—–-]*(?:(?:at|um|à|a las)\s+)?(?:\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,5}|GMT[+-]?\d*|UTC[+-]?\d*|Uhr))?)?[\s,|·•—–-]*$",
    re.IGNORECASE,
)
_WEEKDAY_HEAD = re.compile(r"^[^\W\d_]{3,12}\.?,?\s+(?=\d|[^\W\d_]{3,10}\.?\s+\d)")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    mnum, mname = groups.get("mnum"), groups.get("month")
    month = int(mnum) if mnum else MONTHS.get((mname or "").casefold(), 0)
    if not month:
        return None
    return _valid(int(groups["year"]), month, int(groups["day"]))


def parse_date(text: str) -> str | None:
    """The ISO date (YYYY-MM-DD) written in ``text`` if it holds one and nothing else.

    A leading weekday ("Wednesday, 27 September 2017") and a trailing time ("10:04 AM ET") are
    allowed; anything else around the date makes it not a bare date (returns None).
    """
    text = text.strip()
    head = _WEEKDAY_HEAD.match(text)
    if head and head.group(0).strip(" ,.").casefold() not in MONTHS:
        text = text[head.end() :]
    for form in _DATE_FORMS:
        m = form.match(text)
        if m and _TAIL.match(text[m.end() :]):
            iso = _from_match(m)
            if iso:
                return iso
    return None


def date_line(line: str) -> str | None:
    """The ISO date of a date line ("Updated 27 September 2017", "27.09.2017 10:00"), or None."""
    line = line.strip()
    if len(line) > DATE_LINE_MAX_CHARS or _DIGIT.search(line) is None:
        return None  # every date form holds a digit (the year at least)
    prefix = DATE_LINE_PREFIX.match(line)
    rest = line[prefix.end() :] if prefix else line
    return parse_date(rest)


# --- datelines -------------------------------------------------------------------------------

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


_DATELINE_TAIL = re.compile(
    r"(?:,\s*[^\W\d_]{3,10}\.?\s+\d{1,2})?"  # date: ", Sept 27"
    r"(?:\s*\([^()]{2,40}\))?"  # agency: " (AFP)"
    r"\s*(?::|[-\u2013\u2014]+)\s+"  # separator and the space after it
)


def dateline_end(text: str, places: Iterable[str | None]) -> int:
    """Where the dateline prefix of ``text`` ends (0 when it does not open with one of
    ``places``, each a dateline as the cleaning stage records it)."""
    lead = len(text) - len(text.lstrip())
    for place in places:
        if not place or not text.startswith(place, lead):
            continue
        match = _DATELINE_TAIL.match(text, lead + len(place))
        if match:
            return match.end()
    return 0
