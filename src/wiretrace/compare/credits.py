"""Which agencies each version credits, and what one version adds or drops.

An article credits an agency when the cleaning stage recorded it (``Article.credits``: bylines,
photo credits) or when its text names one ("told AFP", "Reuters said"; aliases such as
"Agence France-Presse" fold to "AFP", list in ``words.AGENCIES``; matched case-sensitively so
"ap" or "Reutersville" do not count). Credits that are not agencies (a photographer's name)
are kept as the cleaning stage wrote them.

    >>> from wiretrace.model import Article
    >>> a = Article(id="a#1", source="a", index=1, text="He told AFP.", credits=["AFP"])
    >>> b = Article(id="b#1", source="b", index=1, text="Reuters said 3 died.")
    >>> credits_diff(a, b)
    CreditsDiff(a=['AFP'], b=['Reuters'], added=['Reuters'], dropped=['AFP'])
"""

from __future__ import annotations

import re
from functools import lru_cache

from wiretrace.compare.words import AGENCIES
from wiretrace.model import Article, CreditsDiff

AGENCY_PATTERN = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True))
    + r")(?![\w-])"
)


@lru_cache(maxsize=8192)
def _agencies_in(text: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for match in AGENCY_PATTERN.finditer(text):
        found.setdefault(AGENCIES[match.group(1)], None)
    return tuple(found)


def agencies_in(text: str) -> list[str]:
    """Agencies named in ``text``, canonical names, in order of first mention (cached: every
    pair of a story reads the same texts)."""
    return list(_agencies_in(text))


def credited(article: Article) -> list[str]:
    """Everything ``article`` credits: its recorded credits, then agencies named in the text."""
    names: dict[str, None] = {}
    for credit in article.credits:
        for name in agencies_in(credit) or [credit.strip()]:
            if name:
                names.setdefault(name, None)
    for name in agencies_in(article.text):
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
