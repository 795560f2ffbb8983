"""Text for people, common to the report formats: a rich ``Console`` set up for reports, and
article text cut down to a line without losing what matters.

The console: colour only on a terminal, 80 columns otherwise. ``color=None`` means "colour
when ``out`` is a terminal"; ``True``/``False`` force it (the CLI's ``--color``). Off a
terminal the width is fixed to 80 columns, so piped or saved text reads the same everywhere
and tests can check it. Markup parsing is off: article text with square brackets is printed
as is, never read as rich markup.

Cutting: ``truncate`` cuts at a word boundary and marks the cut with "…"; ``excerpt_around``
keeps a given phrase (a conflicting figure) in view when a long sentence must be shortened;
``counted`` writes a count with its noun in the right number ("1 figure", "6 figures").

    >>> truncate("one two three four", 12)
    'one two…'
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console

VERSION_STYLES = ["bold blue", "bold magenta", "bold cyan", "bold yellow", "bold green",
                  "bold red"]


def is_terminal(out: TextIO) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class _RstripLines:
    """A file wrapper dropping the trailing blanks rich pads table rows with (plain text only)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.pending = ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        for line in lines:
            self.out.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        if self.pending:  # an unfinished line: written as is, its end may still follow
            self.out.write(self.pending)
            self.pending = ""
        self.out.flush()

    def isatty(self) -> bool:
        return False


def make_console(out: TextIO, color: bool | None) -> Console:
    """The console to render a report on ``out`` (see the module docstring)."""
    tty = is_terminal(out)
    use_color = tty if color is None else color
    return Console(
        file=out if use_color else _RstripLines(out),  # type: ignore[arg-type]
        force_terminal=use_color,
        no_color=not use_color,
        color_system=("auto" if tty else "standard") if use_color else None,
        width=None if tty else 80,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


def version_style(index: int) -> str:
    """The style of the index-th version's letter (cycles through six colours)."""
    return VERSION_STYLES[index % len(VERSION_STYLES)]



def truncate(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` chars with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def excerpt_around(text: str, needle: str, limit: int) -> str:
    """``text`` on one line, at most about ``limit`` chars, keeping ``needle`` in view.

    A long sentence is cut on both sides of its figure ("… killing 3 passengers, a …")
    rather than from the end, which could cut the very figure the reader is shown.
    """
    flat = " ".join(text.split())
    at = flat.find(" ".join(needle.split())) if needle else -1
    if len(flat) <= limit or at < 0 or at + len(needle) <= limit - 1:
        return truncate(flat, limit)
    start = max(0, min(at - limit // 3, len(flat) - limit + 1))
    space = flat.find(" ", start)
    start = space + 1 if 0 <= space < at else start
    rest = truncate(flat[start:], limit - 1)
    return "…" + rest


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 conflicting figure", "6 conflicting figures": ``n`` and ``noun`` agreeing."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
