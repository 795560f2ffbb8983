"""Parquet output: ``compare --format parquet -o DIR`` writes DIR/articles.parquet,
DIR/pairs.parquet and DIR/stories.parquet, the tables of ``report.tables``.

pandas, polars, DuckDB and Spark read each file as it is (``pd.read_parquet(DIR +
"/pairs.parquet")``, ``SELECT * FROM 'DIR/*.parquet'`` per table); docs/parquet.md lists the
columns. The tables are streamed to disk ``tables.BATCH_ROWS`` rows at a time.

Written atomically, as the other outputs: each table goes to a temporary file in DIR, and
the three are renamed over their final names only once all three are complete, so an
interrupted or failed run never leaves a half-written table nor a mix of two runs' tables
beside files it could not finish. DIR is created when missing (its parent must exist).

    >>> write_parquet(result, "out")  # doctest: +SKIP
    ['out/articles.parquet', 'out/pairs.parquet', 'out/stories.parquet']
"""

from __future__ import annotations

import contextlib
import os
import tempfile

from wiretrace.gc_pause import paused_gc
from wiretrace.model import Result
from wiretrace.report.tables import (
    TABLES,
    all_stories,
    pyarrow_module,
    record_batches,
    schemas,
)


def table_paths(folder: str) -> list[str]:
    """The files ``write_parquet`` writes into ``folder``, in ``TABLES`` order."""
    return [os.path.join(folder, f"{name}.parquet") for name in TABLES]


@paused_gc()
def write_parquet(result: Result, folder: str) -> list[str]:
    """Write the three tables of ``result`` into ``folder``; returns their paths.

    The rows are built with the cyclic collector paused (``gc_pause``: the many small
    objects made here would set it off again and again, freeing nothing).

    ``ModuleNotFoundError`` (one line: how to install pyarrow) when pyarrow is missing,
    ``OSError`` when ``folder`` cannot be made or written.
    """
    pyarrow_module()
    import pyarrow.parquet as pq

    os.makedirs(folder, exist_ok=True)
    shapes, stories = schemas(), all_stories(result)
    finals = table_paths(folder)
    temporaries: list[str] = []
    try:
        for name in TABLES:
            fd, temporary = tempfile.mkstemp(prefix=f".wiretrace-{name}-", suffix=".part",
                                             dir=folder)
            os.close(fd)
            temporaries.append(temporary)
            with pq.ParquetWriter(temporary, shapes[name]) as writer:
                for batch in record_batches(result, name, shapes[name], stories):
                    writer.write_batch(batch)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as open() would make it, not mkstemp's 0600
        for temporary, final in zip(temporaries, finals, strict=True):
            os.replace(temporary, final)
    finally:
        for temporary in temporaries:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    return finals
