"""Cluster stage: reuse families and stories, with same-event links on strong evidence.

    >>> from wiretrace.cluster import build_stories

``build_stories(articles, pairs, tokens)`` returns ``(stories, pairs)``; the feature
extraction, the inverted-index linker and the connected components are usable alone
(``article_features``, ``batch_features``, ``same_event_links``, ``component_labels``, and
``UnionFind``, its readable form) for batch or distributed runners.
"""

from wiretrace.cluster._kernels import component_labels
from wiretrace.cluster.features import Features, article_features, batch_features
from wiretrace.cluster.same_event import EventRule, same_event_links
from wiretrace.cluster.stories import UnionFind, build_stories

__all__ = [
    "EventRule",
    "Features",
    "UnionFind",
    "article_features",
    "batch_features",
    "build_stories",
    "component_labels",
    "same_event_links",
]
