"""The one options object for a run, shared by the CLI, the driver and the stages.

The CLI only turns arguments into an ``Options``; library users build one directly:

    >>> opts = Options(window_days=3, jobs=2)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Options:
    """Settings of a run. Defaults are what ``wiretrace compare`` uses."""

    input_format: str = "auto"  # "auto" | "text" | "html" | "jsonl" | "warc"
    strict: bool = False  # stop at the first problem instead of keeping going
    quiet: bool = False  # no progress bar
    jobs: int = 1  # processes reading and cleaning input files; threads of the candidate check
    window_days: int | None = None  # only pair articles dated this close (None: no limit)
    db: str | None = None  # SQLite archive to add to / match against
    explain: bool = True  # run the compare stage (substitutions, conflicts, ...)
    all_pairs: bool = False  # every pair sharing text, not the derivation links (cluster stage)
    exclude: tuple[str, ...] = ()  # files never read as input (the run's own output file)
