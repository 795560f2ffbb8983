"""Which agencies each version credits, and what one version adds or drops.

Credits come from the cleaning stage's one agency table (``wiretrace.vocabulary``), so
the articles view and the comparison always name an agency alike: an article credits what
cleaning recorded (``Article.credits``: bylines, captions, datelines, attributions) plus any
attribution in its text ("told AFP", "Reuters said"), which covers articles built by hand.
A credit that names no agency (a photographer) is kept as written.

    >>> from wiretrace.model import Article
    >>> a = Article(id="a#1", source="a", index=1, text="He told AFP.", credits=["AFP"])
    >>> b = Article(id="b#1", source="b", index=1, text="Reuters said 3 died.")
    >>> credits_diff(a, b)
    CreditsDiff(a=['AFP'], b=['Reuters'], added=['Reuters'], dropped=['AFP'])
"""

from __future__ import annotations

from functools import lru_cache

from wiretrace.clean.credits import Credits, agencies_named
from wiretrace.model import Article, CreditsDiff


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
