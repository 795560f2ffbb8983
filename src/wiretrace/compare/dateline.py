"""The dateline prefix of a text, masked out of the comparison.

Wire copy opens with a dateline ("DRASNO, Veltra: Fighters of the ..." or "DRASNO, Veltra
(AFP) - Fighters of the ..."). Outlets keep it, drop it or rewrite it at will, so it says
nothing about how two versions differ: the compare stage leaves it out of sentence matching and
word diffs. The cleaning stage records the place (``Article.dateline``); this finds where the
prefix it opens ends: the place, an optional date ("Sept 27"), an optional parenthesis
("(AFP)") and the separator (":" or a dash), with the white space after it.

    >>> text = "DRASNO, Veltra (AFP) - Fighters of the front attacked."
    >>> text[dateline_end(text, ["DRASNO, Veltra"]):]
    'Fighters of the front attacked.'
    >>> dateline_end("Fighters attacked DRASNO: again.", ["DRASNO"])
    0
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TAIL = re.compile(
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
        match = _TAIL.match(text, lead + len(place))
        if match:
            return match.end()
    return 0
