"""The lines of a page by their shape: the normal forms lines are compared in, what a headline
looks like (and when two headlines are related), and when and where a story was filed (publication dates written in page text,
the wire dateline opening the first body paragraph).

The cleaner works line by line: HTML extraction and plain-text scrapes both put one paragraph
(or one piece of chrome) per line (the lines themselves come from :mod:`wiretrace._text_kernels`). Lines
are compared by ``normalise`` (headline copies, repeated captions) and UI words by
``normalise_ui``.

    >>> normalise("“Storm”  Hits COAST")
    '"storm" hits coast'

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
import unicodedata
from collections.abc import Iterable

from wiretrace.vocabulary import AGENCIES, DATE_LINE_PREFIX, MONTHS

# --- normal forms and headlines --------------------------------------------------------------

_QUOTES: tuple[tuple[str, str], ...] = (
    ("‘", "'"), ("’", "'"), ("‚", "'"), ("‛", "'"), ("“", '"'), ("”", '"'), ("„", '"'),
    ("«", '"'), ("»", '"'), ("–", "-"), ("—", "-"),
)


def normalise(text: str) -> str:
    """Comparison key: NFKC, casefolded, quotes and dashes unified, whitespace collapsed.

    Headline copies differ from the page title in case and in typography ("Booker's" in the
    title, "Booker’s" in the text). Every line of a page gets a key, so this is on the hot
    path: ASCII text is its own NFKC form and casefolds like ``lower``, and the few quote
    characters are replaced with ``str.replace`` (a C scan each) rather than ``translate``
    (a dictionary look-up per character of non-ASCII text).
    """
    if text.isascii():
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", text).casefold()
    for typographic, plain in _QUOTES:
        if typographic in text:
            text = text.replace(typographic, plain)
    return " ".join(text.split())


class _UiChars(dict[int, str]):
    """``str.translate`` table for ``normalise_ui``: letters, digits, spaces, "-" and "'"
    kept, any other character (punctuation, symbols, emoji, controls) turned into a space.
    Filled on first sight of each code point, so a page costs one C-level look-up per
    character instead of a ``unicodedata.category`` call."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        kept = ch if unicodedata.category(ch)[0] in "LNZ" or ch in "-'" else " "
        self[code] = kept
        return kept


_UI_CHARS = _UiChars()


def normalise_ui(text: str) -> str:
    """Key for UI words: ``normalise`` without punctuation, symbols or emoji ("Share »" -> "share")."""
    if text.isascii():  # its own NFKC form, casefolded by ``lower``
        kept = text.lower().translate(_UI_CHARS)
    else:
        kept = unicodedata.normalize("NFKC", text).casefold().translate(_UI_CHARS)
    return " ".join(kept.split()).strip("-' ")


def title_keys(title: str) -> set[str]:
    """Keys of a headline and of its parts around a site separator.

    Page titles often carry the site name ("Storm hits coast | The Daily Example") while the
    headline printed in the text does not, or the reverse; a line equal to any part of at
    least three words (or to the whole) is a copy of the headline.

        >>> sorted(title_keys("Storm hits coast | Daily Example"))
        ['storm hits coast', 'storm hits coast | daily example']
    """
    keys = {normalise(title)}
    for sep in _TITLE_SEPARATORS:
        for part in title.split(sep):
            if len(part.split()) >= 3:
                keys.add(normalise(part))
    keys.discard("")
    return keys


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", " • ", " · ")
_SITE_PREFIX_SEPARATORS = (*_TITLE_SEPARATORS, ": ")  # "LinkNaija: Storm hits coast"
MIN_SITE_CHARS = 4  # a shorter name is matched whole only ("BBC", never a start of it)


def _squash(text: str) -> str:
    """Letters and digits only, casefolded: "Move.org" -> "moveorg", "SiliconANGLE" alike."""
    return "".join(ch for ch in normalise(text) if ch.isalnum())


def is_site_name(segment: str, *sites: str | None) -> bool:
    """Is ``segment`` (a part of a page title) one of the site's names?

    ``sites`` are the names the page gives itself: its declared site name
    ("Soliant Health"), its host's main label ("move" for move.org). Titles shorten or
    lengthen them ("Soliant", "Move.org", "Encore Realty" for encorerealtysc.com), so the
    segment matches a name that equals it, starts with it, or that it starts with, letters
    and digits only, when the shorter of the two has at least ``MIN_SITE_CHARS`` of them.

        >>> is_site_name("Move.org", "move"), is_site_name("Soliant", "Soliant Health")
        (True, True)
        >>> is_site_name("Storm hits coast", "Daily Example")
        False
    """
    seg = _squash(segment)
    if not seg:
        return False
    for site in sites:
        name = _squash(site) if site else ""
        if not name:
            continue
        if seg == name:
            return True
        if min(len(seg), len(name)) >= MIN_SITE_CHARS and (
                name.startswith(seg) or seg.startswith(name)):
            return True
    return False


def without_site_name(title: str, *sites: str | None) -> str:
    """``title`` without the site's name glued to it by a separator, at either end.

    Page titles carry the site ("Best gadgets of 2019 | ZDNet", "LinkNaija: Storm hits
    coast", "Artlyst piece – Artlyst - Artlyst"); the headline readers see does not. Each end
    segment that names the site (``is_site_name``: the site names the page declares) is cut,
    as long as at least two words remain. A declared name that holds the headline itself (a
    template that fills the site field with the page title) is no site name.

        >>> without_site_name("Best gadgets of 2019 | ZDNet", "ZDNet")
        'Best gadgets of 2019'
        >>> without_site_name("ZDNet: the year in review", "ZDNet")
        'the year in review'
        >>> without_site_name("Storm hits coast - Daily", "Weekly")
        'Storm hits coast - Daily'
        >>> without_site_name("Storm hits coast – Example - Example News", "example")
        'Storm hits coast'
        >>> without_site_name("Storm hits: a coast guide", "Storm hits: a coast guide | Daily")
        'Storm hits: a coast guide'
    """
    # a "site name" holding the headline is the page's title copied into the site field
    whole = normalise(title)
    sites = tuple(site for site in sites if site and site.strip() and whole not in normalise(site))
    if not sites:
        return title
    cut = True
    while cut:
        cut = False
        for sep in _SITE_PREFIX_SEPARATORS:
            head, _, tail = title.rpartition(sep)
            if (head and sep != ": " and len(head.split()) >= 2
                    and is_site_name(tail, *sites)):
                title, cut = head.strip(), True
                break
            head, _, tail = title.partition(sep)
            if tail and len(tail.split()) >= 2 and is_site_name(head, *sites):
                title, cut = tail.strip(), True
                break
    return title


def words(text: str) -> list[str]:
    """Whitespace-separated words (Unicode-aware enough for length heuristics)."""
    return text.split()


TITLE_MAX_WORDS = 25


def is_title_like(
    text: str, max_words: int = TITLE_MAX_WORDS, n_words: int | None = None
) -> bool:
    """A headline: short, starts with a letter or digit, not ending like a sentence or a label.

    Headlines rarely end in a full stop, a colon or a comma; body paragraphs almost always do.
    A closing quote or question mark is allowed ("Who pays?"); a closing parenthesis is not
    (a credit tail: "... (AFP)").
    """
    n = len(words(text)) if n_words is None else n_words
    if n < 2 or n > max_words or len(text) > 220:
        return False
    if not (text[0].isalnum() or text[0] in "\"'“‘«¿¡"):
        return False
    return text[-1] not in ".:;,…)"


# a title word: four letters or more; a word holding a digit (a year, a count, a date: "Top 25
# ... (Updated 2025)") tells a page's edition, not its story, and one site's listicles all carry
# this year, so it is no title word
_TITLE_WORD = re.compile(r"(?<!\w)[^\W\d]{4,}(?!\w)")


def related_titles(x: str | None, y: str | None) -> bool:
    """Whether two titles share at least half the words of four or more letters of the
    shorter one, words holding a digit aside (``_TITLE_WORD``; a missing title relates to
    everything: nothing tells them apart)."""
    if not x or not y:
        return True
    return _related_words(_title_words(x), _title_words(y))


def _title_words(title: str) -> set[str]:
    return set(_TITLE_WORD.findall(title.casefold()))


def _related_words(wx: set[str], wy: set[str]) -> bool:
    return 2 * len(wx & wy) >= min(len(wx), len(wy))


def unrelated_count(titles: tuple[str | None, ...]) -> int:
    """How many of ``titles`` are unrelated (``related_titles``) to at least one other."""
    words = [_title_words(t) if t else None for t in titles]
    marked = [False] * len(titles)
    for j, wj in enumerate(words):
        for m in range(j + 1, len(words)):
            wm = words[m]
            if wj is not None and wm is not None and not _related_words(wj, wm):
                marked[j] = marked[m] = True
    return sum(marked)


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
