"""Collecting problems with user input without stopping the batch.

A user's mistake (a missing path, a broken JSONL line, a truncated gzip) must never end in a
traceback, and must never be skipped silently either. Every stage that meets bad input calls
``ProblemLog.add``; the log prints one line per problem (when given a stream), keeps them for
the final summary "N files, M articles, K problems", and, in ``strict`` mode, stops the run
at the first one by raising ``StrictStop``.

    >>> log = ProblemLog()
    >>> log.add("dump.jsonl", "not valid JSON", where="line 3")
    Problem(source='dump.jsonl', reason='not valid JSON', where='line 3')
    >>> str(log.problems[0])
    'dump.jsonl: line 3: not valid JSON'
"""

from __future__ import annotations

import re
from typing import TextIO

from wiretrace.model import Problem


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
