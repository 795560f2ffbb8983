"""Cluster stage: reuse families and stories, with same-event links on strong evidence.

    >>> from wiretrace.cluster import build_stories

``build_stories(articles, pairs, tokens)`` returns ``(stories, pairs)`` (``stories.py``: the
families joined by same-event links); ``derivation_links`` then marks each family's links
(``families.py``, with the excerpts told apart before the families are drawn). The feature
extraction, the inverted-index linker and the connected components are usable alone
(``article_features``, ``batch_features``, ``same_event_links``, ``component_labels``, and
``UnionFind``, its readable form) for batch or distributed runners; ``join_families`` and
``date_pairs`` are the corpus-wide steps the Spark engine runs on its driver.
"""

from wiretrace.cluster._graph_kernels import component_labels
from wiretrace.cluster.families import date_pairs, derivation_links
from wiretrace.cluster.features import Features, article_features, batch_features
from wiretrace.cluster.stories import (
    EventRule,
    UnionFind,
    build_stories,
    join_families,
    same_event_links,
)

__all__ = [
    "EventRule",
    "Features",
    "UnionFind",
    "article_features",
    "batch_features",
    "build_stories",
    "component_labels",
    "date_pairs",
    "derivation_links",
    "join_families",
    "same_event_links",
]
