"""The normal forms used to compare lines, and what a headline looks like.

The cleaner works line by line: HTML extraction and plain-text scrapes both put one paragraph
(or one piece of chrome) per line (the lines themselves come from :mod:`wiretrace._text_kernels`). Lines
are compared by ``normalise`` (headline copies, repeated captions) and UI words by
``normalise_ui``.

    >>> normalise("“Storm”  Hits COAST")
    '"storm" hits coast'
"""

from __future__ import annotations

import unicodedata

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
