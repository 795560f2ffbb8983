"""Terminal text output: ``wiretrace articles`` (a block per article) and ``wiretrace
compare`` (a compact summary per story), 80 columns off a terminal (see ``console``).

``articles``: per article, the title as a rule, then date, dateline, credits, outlet and id
(with the source), the first lines of the text, and counts of what cleaning set aside
(captions, removed chrome lines), so a reader can judge the cleaning at a glance.

``compare``: per multi-version story, named as in every format ("Story 2" is JSON's ``story-2``): its
base (version A, the one every section measures against) and versions (letter, outlet,
date, title, id); the conflicting figures, changed ones first (one sentence, another
figure), then competing ones (both figures, what is counted, who is cited; versions stating
one figure alike share a line), their count equal to the pair table's total; how each pair
relates (relation, shared fractions; a story of many versions lists each version against
the base and a total) and the quotations same-event pairs share (who says them); the swaps
(``term`` swaps first, the rest by class; a column per version, or one line per swap for
many versions); each version's additions and cuts against the base, and the credits each
version adds or drops. Singleton stories follow as
one compact list. Colour only on a terminal (see ``console``).

    >>> render_articles_text(articles, sys.stdout, color=None)  # doctest: +SKIP
    >>> render_result_text(result, sys.stdout)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from wiretrace.model import Article, Pair, Result
from wiretrace.report.console import counted, excerpt_around, make_console, truncate, version_style
from wiretrace.report.storyview import (
    StoryView,
    Version,
    relation_label,
    source_first,
    story_views,
    summary_pairs,
)

SENTENCE_CHARS = 150  # additions and cuts are truncated to this
QUOTE_CHARS = 120  # conflicting sentences likewise
MAX_SENTENCES = 6  # per version and list, then "… N more"
MAX_SWAP_COLUMNS = 4  # versions shown as swaps-table columns; more: one line per swap
MAX_ALL_PAIRS_VERSIONS = 4  # versions whose every pair is listed; more: pairs with the base


def _letter(view: StoryView, v: Version) -> Text:
    return Text(v.letter, style=version_style(view.versions.index(v)))


def _who(view: StoryView, v: Version) -> Text:
    text = _letter(view, v)
    text.append(f" {v.name}")
    return text


def _versions(view: StoryView) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(max_width=18, overflow="fold")
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold", ratio=1)
    for v in view.versions:
        art = v.article
        title = Text(art.title or "(untitled)")
        title.append(f"\n{art.id}", style="dim")
        letter = _letter(view, v)
        if v is view.base:
            title.append("  base", style="bold")
        table.add_row(letter, Text(v.name), art.date or "", title)
    return table


def _pair_row(table: Table, view: StoryView, p: Pair) -> None:
    first, second = (p.b, p.a) if source_first(view, p) else (p.a, p.b)
    pair = _letter(view, view.version(first))
    pair.append("→" if p.link in ("wholly", "partially") else "↔")
    pair.append_text(_letter(view, view.version(second)))
    fa, fb = ((p.shared_fraction_a, p.shared_fraction_b) if first == p.a
              else (p.shared_fraction_b, p.shared_fraction_a))
    table.add_row(pair, relation_label(p), f"{fa:.0%} / {fb:.0%}",
                  str(sum(s.count for s in p.substitutions)),
                  Text(str(len(p.conflicts)), style="bold red" if p.conflicts else ""))


def _pairs(view: StoryView) -> Table:
    """Every pair of a small story; of a larger one, each version against its source (the
    derivation links; without links, against the base) and one total row over all pairs
    (whose figures column is the story header's count)."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, header_style="dim")
    for name in ("pair", "relation", "shared", "swaps", "conflicting figures"):
        table.add_column(name, no_wrap=True)
    shown = summary_pairs(view, MAX_ALL_PAIRS_VERSIONS)
    for p in shown:
        _pair_row(table, view, p)
    if len(shown) < len(view.pairs):
        table.add_row(Text(f"all {len(view.pairs)}", style="bold"), Text("pairs", style="dim"),
                      "", str(sum(s.count for p in view.pairs for s in p.substitutions)),
                      Text(str(view.conflict_count()), style="bold red" if view.conflicts else ""))
    return table


def _shared_quotes(view: StoryView) -> Table | None:
    """One row per quotation a pair shares: the pair, the quote (truncated), its speaker."""
    rows = [(p, q) for p in view.pairs for q in p.shared_quotes]
    if not rows:
        return None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for p, q in rows[:MAX_SENTENCES]:
        pair = _letter(view, view.version(p.a))
        pair.append("↔")
        pair.append_text(_letter(view, view.version(p.b)))
        line = Text(f"“{truncate(q.text, QUOTE_CHARS)}”", style="italic")
        line.append(f" — {q.speaker or 'speaker not named'}", style="dim")
        grid.add_row(pair, line)
    if len(rows) > MAX_SENTENCES:
        grid.add_row("", Text(f"… {len(rows) - MAX_SENTENCES} more", style="dim"))
    return grid


def _pairs_note(view: StoryView) -> Text | None:
    """Under a summarised pair table: what it left out, and where to find it."""
    if len(view.versions) <= MAX_ALL_PAIRS_VERSIONS:
        return None
    shown = summary_pairs(view, MAX_ALL_PAIRS_VERSIONS)
    against = ("its source (X→Y: Y was taken from X, wholly or partially)"
               if any(p.link for p in shown) else f"the base, {view.base.letter}")
    others = len(view.pairs) - len(shown)
    rest = (f" {others} other pairs are in the total; --format json --all-pairs lists "
            "every pair." if others else "")
    return Text(f"Each version against {against}.{rest}", style="dim")


def _swaps(view: StoryView) -> Table:
    """Swaps as a table (a column per version) for a few versions; for more, one line per
    row: the base's term, then each other term with the letters of the versions using it,
    so no column is ever narrower than a word."""
    kinds = any(view.swap_kinds)
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, header_style="dim",
                  title=f"Swaps (term per version, against the base, {view.base.letter})",
                  title_justify="left", title_style="bold")
    if kinds:
        table.add_column("class", no_wrap=True, style="dim")
    wide = len(view.versions) > MAX_SWAP_COLUMNS
    if wide:
        table.add_column(_who(view, view.base), overflow="fold", max_width=24)
        table.add_column("other versions", overflow="fold", ratio=1)
    else:
        for v in view.versions:
            table.add_column(_who(view, v), overflow="fold", ratio=1)
    base_id = view.base.article.id
    previous = None
    for row, kind in zip(view.swaps, view.swap_kinds, strict=True):
        cells: list[Text | str] = []
        if kinds:
            cells.append(kind or "other" if kind != previous else "")
            previous = kind
        if wide:
            cells.append(Text(row.get(base_id) or "—"))
            cells.append(_others(view, row))
        else:
            for v in view.versions:
                term = row.get(v.article.id)
                if term is None:
                    cells.append(Text("—", style="dim"))
                else:
                    cells.append(Text(term, style="bold yellow" if term != row.get(base_id)
                                      else ""))
        table.add_row(*cells)
    return table


def _others(view: StoryView, row: dict[str, str]) -> Text:
    """ "harbor (B, D) · port (F)": the terms other than the base's, with who uses them."""
    base_term = row.get(view.base.article.id)
    users: dict[str, list[str]] = {}
    for v in view.versions[1:]:
        term = row.get(v.article.id)
        if term is not None and term != base_term:
            users.setdefault(term, []).append(v.letter)
    out = Text()
    for n, (term, letters) in enumerate(users.items()):
        if n:
            out.append(" · ", style="dim")
        out.append(term, style="bold yellow")
        out.append(f" ({', '.join(letters)})", style="dim")
    return out


def _sentences(console: Console, view: StoryView, title: str, sign: str, style: str,
               lists: dict[str, list[str]]) -> None:
    if not any(lists.values()):
        return
    console.print(Text(title, style="bold"))
    for v in view.versions:
        sentences = lists.get(v.article.id, [])
        if not sentences:
            continue
        head = _who(view, v)
        head.append(f" ({len(sentences)})", style="dim")
        console.print(Padding(head, (0, 0, 0, 1)))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold", ratio=1)
        for sentence in sentences[:MAX_SENTENCES]:
            grid.add_row(Text(sign, style=style), Text(truncate(sentence, SENTENCE_CHARS)))
        if len(sentences) > MAX_SENTENCES:
            grid.add_row("", Text(f"… {len(sentences) - MAX_SENTENCES} more", style="dim"))
        console.print(Padding(grid, (0, 0, 0, 3)))
    console.print()


FIGURE_SECTIONS = (
    ("changed", "Changed figures (one sentence, another figure)"),
    ("competing", "Competing figures (other sentences count the same thing)"),
)


def _conflicts(console: Console, view: StoryView, kind: str, title: str) -> None:
    groups = view.conflict_groups(kind)
    if not groups:
        return
    console.print(Text(title, style="bold red"))
    for group in groups:
        console.print(Text(f" ⚠ {group.what}: {group.note}", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(overflow="fold", max_width=12)
        grid.add_column(overflow="fold", ratio=1)
        same: dict[tuple[str, str, str, str | None], list[Version]] = {}
        for v, fig in group.sides:  # versions stating one figure in one sentence: one line
            key = (fig.qualifier or "", fig.text, " ".join(fig.sentence.split()),
                   fig.attribution)
            same.setdefault(key, []).append(v)
        for versions in same.values():
            v = versions[0]
            fig = next(f for ver, f in group.sides if ver is v)
            line = Text(f"{fig.qualifier + ' ' if fig.qualifier else ''}{fig.text}",
                        style="bold red")
            counted = " ".join(part for part in (fig.noun, fig.predicate) if part)
            line.append(f" {counted}" if counted else "", style="bold")
            who = v.name if len(versions) == 1 else f"{len(versions)} versions"
            line.append(f", per {fig.attribution or 'nobody named'} ({who})")
            letters = Text(",").join(_letter(view, ver) for ver in versions)
            grid.add_row(letters, line)
            excerpt = excerpt_around(fig.sentence, fig.text, QUOTE_CHARS)
            quote = Text(f"“{excerpt}”", style="dim italic")
            grid.add_row("", quote)
        console.print(Padding(grid, (0, 0, 0, 3)))
    console.print()


def _credits(view: StoryView) -> Table | None:
    if not any(c.credits for c in view.credits.values()):
        return None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for v in view.versions:
        cv = view.credits[v.article.id]
        line = Text(", ".join(cv.credits) or "none named")
        if cv.added:
            line.append("  +" + ", +".join(cv.added), style="green")
        if cv.dropped:
            line.append("  −" + ", −".join(cv.dropped), style="red")
        grid.add_row(_who(view, v), line)
    return grid


def _story(console: Console, view: StoryView, number: int, total: int) -> None:
    first = view.versions[0].article
    console.rule(Text(f"{view.label} · {len(view.versions)} versions · {view.relation} "
                      f"({number} of {total} shared)", style="bold"), align="left")
    console.print(Text(first.title or truncate(first.text, 76), style="bold"))
    base = Text("base: ")
    base.append_text(_who(view, view.base))
    base.append(" (the version the others are measured against)", style="dim")
    console.print(base)
    console.print(_versions(view))
    console.print()
    if view.conflicts:
        console.print(Text(view.conflict_summary(), style="bold red"))
        for kind, title in FIGURE_SECTIONS:
            _conflicts(console, view, kind, title)
    console.print(_pairs(view))
    note = _pairs_note(view)
    if note is not None:
        console.print(note)
    quotes = _shared_quotes(view)
    if quotes is not None:
        console.print(Text("Shared quotes (same statement, no shared prose)", style="bold"))
        console.print(Padding(quotes, (0, 0, 0, 1)))
        console.print()
    if view.swaps:
        console.print(_swaps(view))
    base = view.base.letter
    _sentences(console, view, f"Added (not in the base, {base})", "+", "green", view.additions)
    _sentences(console, view, f"Cut (in the base, {base}, missing here)", "−", "red", view.cuts)
    credits = _credits(view)
    if credits is not None:
        console.print(Text(f"Credits (+ added, − dropped, relative to the base, "
                           f"{view.base.letter})", style="bold"))
        console.print(credits)
    console.print()


def _singles(console: Console, views: list[StoryView]) -> None:
    console.rule(Text(f"Single articles ({len(views)})", style="bold"), align="left")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for view in views:
        art = view.versions[0].article
        line = Text(art.title or truncate(art.text, 70))
        meta = " · ".join(x for x in (view.versions[0].name, art.date or "", art.id) if x)
        line.append(f"\n{meta}", style="dim")
        grid.add_row("•", line)
    console.print(grid)


def render_result_text(result: Result, out: TextIO, *, color: bool | None = None) -> None:
    """Write the per-story text summary of ``result`` to ``out``."""
    console = make_console(out, color)
    views = story_views(result)
    multi = [v for v in views if not v.singleton]
    singles = [v for v in views if v.singleton]
    if not views:
        console.print("No articles.")
        return
    if not multi:
        console.print(Text("No article shares a story with another.", style="dim"))
    for n, view in enumerate(multi, 1):
        _story(console, view, n, len(multi))
    if singles:
        _singles(console, singles)


# --- wiretrace articles ---------------------------------------------------------------------

FIRST_LINES = 3  # paragraphs shown
LINE_CHARS = 230  # each truncated to this many characters


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
        body.add_row(Text(f"… {counted(len(paras) - FIRST_LINES, 'more paragraph')}",
                          style="dim"))
    counts = Text(
        f"{counted(len(paras), 'paragraph')} · {len(article.text)} chars · "
        f"{counted(len(article.captions), 'caption')} · "
        f"{counted(len(article.removed), 'removed line')}",
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
