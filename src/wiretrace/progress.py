"""Progress bars for long work, on stderr, only when a person is watching.

A bar is shown when stderr is a terminal and the run is not ``quiet``; otherwise ``track``
is a plain pass-through, so pipes, CI logs and library callers see nothing extra.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class Progress:
    """Wraps iterables in rich progress bars when enabled."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        """Yield ``items`` unchanged, advancing a bar labelled ``description``."""
        if not self.enabled:
            yield from items
            return
        from rich.console import Console
        from rich.progress import track

        console = Console(stderr=True)
        yield from track(
            items, description=description, total=total, console=console, transient=True
        )

    @contextmanager
    def status(self, description: str) -> Iterator[None]:
        """A spinner labelled ``description`` while a step without countable items runs."""
        if not self.enabled:
            yield
            return
        from rich.console import Console

        with Console(stderr=True).status(description):
            yield
