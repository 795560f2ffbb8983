"""Who an article credits: agencies named in credit text and attributed in body text, and
the photo captions that carry picture credits.

Agencies. Two kinds of evidence, because the short names are ambiguous in running text ("AP"
is a word in some languages, "EPA" is also an American ministry):

* credit text (captions, credit lines, bylines, the dateline's parenthesis): every agency
  named counts;
* body text: only an attribution counts: "told AFP", "Reuters said", "according to the
  Associated Press", "(AFP)", a trailing "— Reuters".

    >>> c = Credits()
    >>> c.add_credit_text("Troops on patrol. (Jane Doe/AFP/Getty Images)")
    >>> c.add_body_text("But Reuters said at least seven soldiers died.")
    >>> c.names
    ['AFP', 'Getty Images', 'Reuters']

Literal openings. Every agency pattern in ``wiretrace.vocabulary.AGENCIES`` opens each
alternative with a literal ("AFP", "Agence France", "Reuters", "Getty", ...), so a line
holding none of those literals cannot match any agency pattern, nor any attribution pattern
built on them. Python's ``re`` scans a union of patterns character by character (at each
capital letter it tries every alternative in turn); the compiled line scan
(:mod:`wiretrace._text_kernels`) instead looks for these literals in the page's UTF-8 bytes
(they are ASCII, and no byte of a multi-byte UTF-8 character is ASCII) and marks the lines
holding one; only those go on to the regular expressions. The answer is exact: a line left
unmarked is one where every pattern fails.

    >>> literal_openings([re.compile(r"\\bAFP\\b|\\bAgence France[- ]Presse\\b")])
    ['AFP', 'Agence France']

Captions. A caption describes a picture and names who took or distributes it, in a closing
parenthesis: "Troops patrol the city on Sept. 27, 2017. (AFP)", "... (Photo by Jane Doe /
AFP)", "... (Jane Doe/AFP/Getty Images)". ``credit_tail`` finds that parenthesis; the caller
decides with context (before the body starts, repeated, or a photo-style credit) whether the
line is a caption or a body paragraph that merely ends with an agency tag.

    >>> credit_tail("Troops patrol the city on Feb. 12, 2016. (Jane Doe/AFP/Getty Images)")
    'Jane Doe/AFP/Getty Images'
    >>> is_photo_credit("Jane Doe/AFP/Getty Images"), is_photo_credit("AFP")
    (True, False)

Between two versions (the compare stage): an article credits what cleaning recorded
(``Article.credits``: bylines, captions, datelines, attributions) plus any attribution in its
text ("told AFP", "Reuters said"), which covers articles built by hand; both read this one
agency table, so the articles view and the comparison always name an agency alike. A credit
that names no agency (a photographer) is kept as written.

    >>> from wiretrace.model import Article
    >>> a = Article(id="a#1", source="a", index=1, text="He told AFP.", credits=["AFP"])
    >>> b = Article(id="b#1", source="b", index=1, text="Reuters said 3 died.")
    >>> credits_diff(a, b)
    CreditsDiff(a=['AFP'], b=['Reuters'], added=['Reuters'], dropped=['AFP'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from wiretrace.clean.lines import words
from wiretrace.model import Article, CreditsDiff
from wiretrace.vocabulary import AGENCIES, ATTRIBUTION_TEMPLATES, PHOTO_ONLY_AGENCIES, PHOTO_WORDS

# --- agencies credited and attributed ---------------------------------------------------------

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


# --- what two versions credit ----------------------------------------------------------------


@lru_cache(maxsize=8192)
def _attributed(text: str) -> tuple[str, ...]:
    found = Credits()
    found.add_body_text(text)
    return tuple(found.names)


def credited(article: Article) -> list[str]:
    """Everything ``article`` credits: its recorded credits, then attributions in its text
    (cached: every pair of a story reads the same texts)."""
    names: dict[str, None] = {}
    for credit in article.credits:
        for name in agencies_named(credit) or [credit.strip()]:
            if name:
                names.setdefault(name, None)
    for name in _attributed(article.text):
        names.setdefault(name, None)
    return list(names)


def credits_diff(a: Article, b: Article) -> CreditsDiff:
    """The credits of ``a`` and ``b``; ``added``/``dropped`` are relative to ``a``."""
    ca, cb = credited(a), credited(b)
    return CreditsDiff(
        a=ca,
        b=cb,
        added=[name for name in cb if name not in ca],
        dropped=[name for name in ca if name not in cb],
    )


# --- literal openings of the agency patterns, for the compiled line scan --------------------

_META = re.compile(r"[\\\[\]().?*+{}|^$]")


def literal_openings(patterns: Sequence[re.Pattern[str]]) -> list[str]:
    """The literal text each top-level alternative of each pattern opens with (after ``\\b``).

    Raises ValueError for an alternative that opens with no literal: the scan would then
    miss its matches, so the vocabulary must keep every alternative literal-first.
    """
    out = []
    for pattern in patterns:
        for alternative in pattern.pattern.split("|"):
            body = alternative.removeprefix(r"\b")
            cut = _META.search(body)
            literal = body[: cut.start()] if cut else body
            if not literal or not literal.isascii() or pattern.flags & re.IGNORECASE:
                raise ValueError(f"agency pattern {pattern.pattern!r} does not open with an "
                                 f"ASCII literal in {alternative!r}")
            out.append(literal)
    return sorted(set(out))


def _table(literals: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Literals as one byte array with offsets, sorted, and for each byte value the range of
    literals opening with it (``by_first[c]:by_first[c + 1]``)."""
    literals = sorted(literals)
    data = "".join(literals).encode("ascii")
    offsets = np.cumsum([0] + [len(x) for x in literals]).astype(np.int64)
    firsts = np.array([ord(x[0]) for x in literals], dtype=np.int64)
    by_first = np.searchsorted(firsts, np.arange(257)).astype(np.int64)
    return np.frombuffer(data, dtype=np.uint8), offsets, by_first


LITERAL_BYTES, LITERAL_OFFSETS, BY_FIRST = _table(literal_openings([p for _, p in AGENCIES]))


# --- photo captions --------------------------------------------------------------------------

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
