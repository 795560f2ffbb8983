"""Cluster stage: reuse families and stories, with same-event links on strong evidence.

    >>> from wiretrace.cluster import build_stories

``build_stories(articles, pairs, tokens)`` returns ``(stories, pairs)``; the feature
extraction and the inverted-index linker are usable alone (``article_features``, ``batch_features``,
``same_event_links``) for batch or distributed runners.
"""

from wiretrace.cluster.features import Features, article_features, batch_features
from wiretrace.cluster.same_event import EventRule, same_event_links
from wiretrace.cluster.stories import build_stories
from wiretrace.cluster.unionfind import UnionFind

__all__ = [
    "EventRule",
    "Features",
    "UnionFind",
    "article_features",
    "batch_features",
    "build_stories",
    "same_event_links",
]
