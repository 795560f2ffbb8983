"""wiretrace: which news articles tell the same story, which reproduce the same source text,
and exactly how each outlet's version differs.

The pipeline, one module or package per stage, each usable alone:

    ingest -> clean -> index -> align -> cluster -> compare -> report

``wiretrace.pipeline`` strings them together; ``wiretrace.cli`` only parses arguments.
Shared by the stages: ``model`` (the dataclasses they speak through), ``run`` (a run's
``Options``, problem log, progress bars and paused collector), ``vocabulary`` (word lists)
and ``text`` (the tokenizer and ``TextBatch``, read by index, align, cluster and
compare). Index, align and cluster each keep their compiled functions, with every helper
they inline, in ``_kernels.py`` (cluster's graph passes in ``_graph_kernels.py``); clean's
sit in ``_text_kernels.py`` beside the tokenizer's, with the UTF-8 decoder they share.
``frames(result)`` gives a result's articles, pairs and stories as pandas DataFrames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.model import (
    Article,
    Conflict,
    CreditsDiff,
    Document,
    Figure,
    Pair,
    Passage,
    Problem,
    Result,
    Story,
    Substitution,
)

if TYPE_CHECKING:
    from wiretrace.report.data import Frames

__version__ = "0.1.0"


def frames(result: Result) -> Frames:
    """``(articles, pairs, stories)``: the three tables of the Parquet output as pandas
    DataFrames (docs/parquet.md), each pair and article with its story id.

    Needs pandas and pyarrow (``pip install wiretrace[pandas]``); without them it raises
    ``ModuleNotFoundError`` saying so. Imported on call, so ``import wiretrace`` stays light.

        >>> articles, pairs, stories = frames(result)  # doctest: +SKIP
        >>> pairs.groupby("story").size()  # doctest: +SKIP
    """
    from wiretrace.report.data import frames as tables_as_frames

    return tables_as_frames(result)

__all__ = [
    "Article",
    "Conflict",
    "CreditsDiff",
    "Document",
    "Figure",
    "Pair",
    "Passage",
    "Problem",
    "Result",
    "Story",
    "Substitution",
    "__version__",
    "frames",
]
