"""What a run carries beside its articles: its options, its problem log, its progress bars,
and the paused garbage collector. Shared by the CLI, the pipeline and the stages.

**Options.** The one settings object of a run. The CLI only turns arguments into an
``Options``; library users build one directly:

    >>> opts = Options(window_days=3, jobs=2)

**Problems with user input** never stop the batch. A user's mistake (a missing path, a broken
JSONL line, a truncated gzip) must never end in a traceback, and must never be skipped
silently either. Every stage that meets bad input calls ``ProblemLog.add``; the log prints one
line per problem (when given a stream), keeps them for the final summary "N files, M
articles, K problems", and, in ``strict`` mode, stops the run at the first one by raising
``StrictStop``.

    >>> log = ProblemLog()
    >>> log.add("dump.jsonl", "not valid JSON", where="line 3")
    Problem(source='dump.jsonl', reason='not valid JSON', where='line 3')
    >>> str(log.problems[0])
    'dump.jsonl: line 3: not valid JSON'

**Progress bars** for long work, on stderr, only when a person is watching. A bar is shown
when stderr is a terminal and the run is not ``quiet``; otherwise ``track`` is a plain
pass-through, so pipes, CI logs and library callers see nothing extra. Every bar shows the
count done, the total when it is known, the elapsed time and the time remaining.

**The cyclic garbage collector is paused** while a batch is processed (``paused_gc``). A run
holds tens of thousands of articles and allocates millions of short-lived small objects
(lines, tuples, arrays). Every few hundred allocations the collector runs, and each full
collection walks every live object. None of it is garbage the collector could find: the
data model has no reference cycles, so reference counting frees everything, and the
collections would only walk the batch's objects again and again. The collector is switched
back on (if it was on) when the batch ends, whatever happens inside it.

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeVar

from wiretrace.model import Problem

T = TypeVar("T")


@dataclass
class Options:
    """Settings of a run. Defaults are what ``wiretrace compare`` uses."""

    input_format: str = "auto"  # "auto" | "text" | "html" | "jsonl" | "warc"
    strict: bool = False  # stop at the first problem instead of keeping going
    quiet: bool = False  # no progress bar
    jobs: int = 1  # processes reading, cleaning and explaining; threads of the candidate check
    window_days: int | None = None  # only pair articles dated this close (None: no limit)
    db: str | None = None  # SQLite archive to add to / match against
    explain: bool = True  # run the compare stage (substitutions, conflicts, ...)
    all_pairs: bool = False  # every pair sharing text, not the derivation links (cluster stage)
    exclude: tuple[str, ...] = ()  # files never read as input (the run's own output file)


class StrictStop(Exception):
    """Raised by ``ProblemLog.add`` in strict mode: the run stops at the first problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class ProblemLog:
    """Problems met during a run, plus the number of input files read."""

    def __init__(self, strict: bool = False, stream: TextIO | None = None) -> None:
        self.strict = strict
        self.stream = stream
        self.problems: list[Problem] = []
        self.files = 0

    def add(self, source: str, reason: str, where: str | None = None) -> Problem:
        """Record one problem; print it if a stream was given; raise in strict mode.

        ``source`` may be a Document's source: ``path:LINE`` (a JSONL line) and
        ``path@OFFSET`` (a WARC record) are written like the readers' own problems,
        ``path: line LINE:`` and ``path: byte OFFSET:``, so every problem line has one form.
        """
        if where is None:
            source, where = _split_place(source)
        problem = Problem(source=source, reason=reason, where=where)
        self.problems.append(problem)
        if self.stream is not None:
            print(f"wiretrace: {problem}", file=self.stream)
        if self.strict:
            raise StrictStop(problem)
        return problem

    def __len__(self) -> int:
        return len(self.problems)

    def summary(self, articles: int) -> str:
        """The closing line: "3 files, 4 articles, 1 problem"."""

        def plural(n: int, word: str) -> str:
            return f"{n} {word}" + ("" if n == 1 else "s")

        return ", ".join(
            [plural(self.files, "file"), plural(articles, "article"), plural(len(self), "problem")]
        )


_PLACE = re.compile(r"^(?P<path>.+?)(?:(?P<line>:\d+)|(?P<byte>@\d+))$")


def _split_place(source: str) -> tuple[str, str | None]:
    """``("dump.jsonl", "line 5")`` from ``"dump.jsonl:5"``; ``(source, None)`` otherwise."""
    match = _PLACE.match(source)
    if match is None:
        return source, None
    if match["line"]:
        return match["path"], f"line {match['line'][1:]}"
    return match["path"], f"byte {match['byte'][1:]}"


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


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the previous state is restored after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
