"""Lines of a document, and the normal forms used to compare them.

The cleaner works line by line: HTML extraction and plain-text scrapes both put one paragraph
(or one piece of chrome) per line. ``split_lines`` uses ``str.splitlines`` (so CRLF, lone CR and
the Unicode line separators all end a line) and keeps, for each non-blank line, its number,
its stripped text and how many blank lines preceded it (a gap is a hint of a page boundary).

    >>> [(l.number, l.text, l.gap) for l in split_lines("Title\\n\\n\\nBody.")]
    [(0, 'Title', 0), (3, 'Body.', 2)]
"""

from __future__ import annotations

import unicodedata


class Line:
    """One non-blank input line: ``text`` is the line stripped of surrounding whitespace."""

    __slots__ = ("number", "text", "gap")

    def __init__(self, number: int, text: str, gap: int) -> None:
        self.number = number  # 0-based index in ``text.splitlines()``
        self.text = text
        self.gap = gap  # blank lines just before this one


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, with their position and preceding gap."""
    out: list[Line] = []
    gap = 0
    for number, raw in enumerate(text.splitlines()):
        stripped = raw.strip()
        if not stripped:
            gap += 1
            continue
        out.append(Line(number, stripped, gap))
        gap = 0
    return out


def key_and_count(line: str) -> tuple[str, int]:
    """``(normalise(line), len(line.split()))`` of a stripped line, cheaply when it can be.

    Both run on every line of every page, and both build a list of the line's words. Most
    lines have no whitespace but single spaces between words (``isprintable`` is False for
    every other whitespace character: they are all controls or separators): then the count
    is one more than the spaces, and for ASCII the key is ``lower`` (ASCII is its own NFKC
    form and casefolds like ``lower``).
    """
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        count = line.count(" ") + 1 if line else 0
        return (line.lower() if line.isascii() else normalise(line)), count
    return normalise(line), len(line.split())


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


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ")


def words(text: str) -> list[str]:
    """Whitespace-separated words (Unicode-aware enough for length heuristics)."""
    return text.split()


TITLE_MAX_WORDS = 25


def is_title_like(
    text: str, max_words: int = TITLE_MAX_WORDS, n_words: int | None = None
) -> bool:
    """A headline: short, starts with a letter or digit, not ending like a sentence or a label.

    Headlines rarely end in a full stop, a colon or a comma; body paragraphs almost always do.
    A closing quote or question mark is allowed ("Who pays?").
    """
    n = len(words(text)) if n_words is None else n_words
    if n < 2 or n > max_words or len(text) > 220:
        return False
    if not (text[0].isalnum() or text[0] in "\"'“‘«¿¡"):
        return False
    return text[-1] not in ".:;,…" and not text.endswith(("(AFP)", "(Reuters)", ")"))
