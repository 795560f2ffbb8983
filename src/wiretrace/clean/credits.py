"""Which agencies and photo agencies an article credits, in first-seen order.

Two kinds of evidence, because the short names are ambiguous in running text ("AP" is a
word in some languages, "EPA" is also an American ministry):

* credit text (captions, credit lines, bylines, the dateline's parenthesis): every agency
  named counts;
* body text: only an attribution counts: "told AFP", "Reuters said", "according to the
  Associated Press", "(AFP)", a trailing "— Reuters".

    >>> c = Credits()
    >>> c.add_credit_text("Troops on patrol. (Jane Doe/AFP/Getty Images)")
    >>> c.add_body_text("But Reuters said at least seven soldiers died.")
    >>> c.names
    ['AFP', 'Getty Images', 'Reuters']
"""

from __future__ import annotations

import re

from wiretrace.clean.vocabulary import ATTRIBUTION_TEMPLATES
from wiretrace.vocabulary import AGENCIES, PHOTO_ONLY_AGENCIES

_TRAILER = r"[—–-]\s*(?:{a})\s*\.?$"


def _loose(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without its ``\b`` assertions: it matches wherever ``pattern`` does (and
    more), and, with every branch opening on a literal, ``re`` skips ahead to the possible
    first letters instead of trying each branch at every position."""
    return re.compile(pattern.pattern.replace(r"\b", ""), pattern.flags)


def _attribution_patterns() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """``(name, loose agency pattern, attribution pattern)`` for every agency body text can
    credit (the loose pattern is a quick necessary test, see ``_mentions``)."""
    out = []
    for name, pattern in AGENCIES:
        if name in PHOTO_ONLY_AGENCIES:
            continue
        alternatives = "|".join(ATTRIBUTION_TEMPLATES + (_TRAILER,))
        out.append((name, _loose(pattern), re.compile(alternatives.replace("{a}", pattern.pattern))))
    return tuple(out)


_ATTRIBUTIONS = _attribution_patterns()
_CREDITS = tuple((name, _loose(pattern), pattern) for name, pattern in AGENCIES)
# Every attribution pattern embeds its agency's pattern, so a text in which no agency pattern
# matches names no agency at all: one scan with the loose union settles most paragraphs, and
# the costly patterns run only for the agencies whose loose pattern matches.
ANY_AGENCY = _loose(re.compile("|".join(pattern.pattern for _, pattern in AGENCIES)))


def _mentions(
    text: str, table: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]
) -> list[str]:
    """Agencies found in ``text`` (by each row's last pattern), ordered by first position."""
    if ANY_AGENCY.search(text) is None:
        return []
    found = []
    for name, loose, pattern in table:
        if loose.search(text) is None:
            continue
        m = pattern.search(text)
        if m:
            found.append((m.start(), name))
    return [name for _, name in sorted(found)]


def agencies_named(text: str) -> list[str]:
    """Every agency ``text`` names, attribution or not, ordered by first position."""
    return _mentions(text, _CREDITS)


class Credits:
    """An ordered, de-duplicated list of credited agencies, fed line by line."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def _extend(self, names: list[str]) -> None:
        for name in names:
            if name not in self.names:
                self.names.append(name)

    def add_credit_text(self, text: str) -> None:
        """A caption, credit line or byline: every agency named is credited."""
        self._extend(agencies_named(text))

    def add_body_text(self, text: str) -> None:
        """A body paragraph: agencies count only inside an attribution phrase."""
        self._extend(_mentions(text, _ATTRIBUTIONS))

    def add(self, name: str | None) -> None:
        """One agency already recognised (e.g. from the dateline)."""
        if name:
            self._extend([name])

