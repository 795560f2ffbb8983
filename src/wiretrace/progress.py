"""Progress bars for long work, on stderr, only when a person is watching.

A bar is shown when stderr is a terminal and the run is not ``quiet``; otherwise ``track``
is a plain pass-through, so pipes, CI logs and library callers see nothing extra. Every bar
shows the count done, the total when it is known, the elapsed time and the time remaining.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def compile_note() -> str:
    """" (first run: compiling once, about a minute)" when numba has cached no kernel yet.

    The compiled kernels are cached next to their modules (``__pycache__/*.nbi``); with none
    there, the first compiled call builds them all, and a silent minute looks like a hang.
    """
    package = Path(__file__).parent
    cached = next(package.glob("*/__pycache__/*.nbi"), None) or next(
        package.glob("__pycache__/*.nbi"), None)
    return "" if cached else " (first run: compiling the kernels once, about a minute)"


class Progress:
    """Wraps iterables in rich progress bars when enabled."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        """Yield ``items`` unchanged, advancing a bar labelled ``description``."""
        if not self.enabled:
            yield from items
            return
        with _bar() as bar:
            task = bar.add_task(description, total=total)
            for item in items:
                yield item
                bar.advance(task)

    def track_files(
        self, items: Iterable[T], description: str, files: int, opened: Callable[[], int]
    ) -> Iterator[T]:
        """Yield ``items`` (documents read from ``files`` input files) unchanged.

        The bar counts files, the unit whose total is known before reading (a JSONL or WARC
        file holds an unknown number of documents); ``opened()`` tells how many are open so
        far. The documents are counted beside it.
        """
        if not self.enabled:
            yield from items
            return
        with _bar() as bar:
            task = bar.add_task(description, total=files)
            for count, item in enumerate(items, 1):
                yield item
                bar.update(task, completed=max(opened() - 1, 0),
                           description=f"{description} ({count:,} documents)")

    @contextmanager
    def status(self, description: str) -> Iterator[None]:
        """A spinner labelled ``description`` while a step without countable items runs."""
        if not self.enabled:
            yield
            return
        from rich.console import Console

        with Console(stderr=True).status(description):
            yield


def _bar():  # type: ignore[no-untyped-def]
    """A rich bar on stderr: description, bar, done/total, elapsed, remaining."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
