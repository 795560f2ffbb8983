"""wiretrace: which news articles tell the same story, which reproduce the same source text,
and exactly how each outlet's version differs.

The pipeline, one module or package per stage, each usable alone:

    ingest -> clean -> index -> align -> cluster -> compare -> report

``wiretrace.pipeline`` strings them together; ``wiretrace.cli`` only parses arguments.
"""

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

__version__ = "0.1.0"

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
]
