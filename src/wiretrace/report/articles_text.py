"""Text output of ``wiretrace articles``: one readable block per article.

Each block: the title as a rule, then date, dateline, credits, outlet and id (with the
source), the first lines of the text, and counts of what cleaning set aside (captions,
removed chrome lines), so a reader can judge the cleaning at a glance.

    >>> render_articles_text(articles, sys.stdout, color=None)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from wiretrace.model import Article
from wiretrace.report.console import make_console
from wiretrace.report.excerpts import truncate

FIRST_LINES = 3  # paragraphs shown
LINE_CHARS = 230  # each truncated to this many characters


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _block(article: Article, number: int, total: int) -> list[object]:
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column(overflow="fold")
    for label, value in (
        ("date", article.date or "unknown"),
        ("dateline", article.dateline),
        ("credits", ", ".join(article.credits) if article.credits else None),
        ("outlet", article.outlet),
        ("id", article.id),
        ("source", article.source if article.source not in article.id else None),
        ("url", article.url),
    ):
        if value:
            facts.add_row(label, Text(value))
    paras = [p for p in article.paragraphs if p.strip()]
    body = Table.grid()
    body.add_column(overflow="fold")
    for para in paras[:FIRST_LINES]:
        body.add_row(Text(truncate(para, LINE_CHARS)))
    if len(paras) > FIRST_LINES:
        body.add_row(Text(f"… {_plural(len(paras) - FIRST_LINES, 'more paragraph')}",
                          style="dim"))
    counts = Text(
        f"{_plural(len(paras), 'paragraph')} · {len(article.text)} chars · "
        f"{_plural(len(article.captions), 'caption')} · "
        f"{_plural(len(article.removed), 'removed line')}",
        style="dim",
    )
    title = Text(f"{number}/{total}  ", style="dim")
    title.append(article.title or "(untitled)", style="bold")
    return [title, Padding(facts, (0, 0, 0, 2)), Padding(body, (0, 0, 0, 2)),
            Padding(counts, (0, 0, 0, 2)), Text("")]


def render_articles_text(articles: Sequence[Article], out: TextIO, *,
                         color: bool | None = None) -> None:
    """Write one block per article to ``out``."""
    console = make_console(out, color)
    if not articles:
        console.print("No articles.")
        return
    for n, article in enumerate(articles, 1):
        for item in _block(article, n, len(articles)):
            console.print(item, overflow="fold")
