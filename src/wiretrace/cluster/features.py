"""Rare identifying features of an article: names, places, dates, figures, repeated rare words.

Why: two outlets reporting one event in their own words share almost no word n-grams, but
they name the same town, the same officials, the same date and often the same figures. Those
features are what the same-event linker (:mod:`wiretrace.cluster.same_event`) counts.

Kinds (each feature is a 63-bit int mixing its kind and word ids, so features of all
articles fit in one numpy array for the inverted index):

* ``NAME``: a run of two or more capitalised words ("Red Cross", "Hadi Kassar"), Unicode-aware
  (``str.isupper`` on the first letter, so Überlingen, Ángel, Élysée count); the last word of a
  two- or three-word name is also a ``WORD`` (an alias: "Jane Harlow" is later "Harlow");
* ``WORD``: a single capitalised word that is not a function word (:mod:`wiretrace.vocabulary`) and is
  not capitalised merely because it starts a sentence (it must also appear capitalised inside
  a sentence, or start a multi-word name);
* ``FIGURE``: a number written in digits with the word after it ("18 civilians");
* ``DATE``: a day with a month name ("27 September", "Sept. 27", "3 mars");
* ``RARE``: for text without case (Arabic) or capitalising every noun (German), a word of at
  least 4 letters used at least twice in the article.

Each feature also records whether it is *key*: named in the title (or, when the title names
nothing, in the first paragraph). Reports of one event name its town or person in their
headlines; two floods on one day share the Red Cross, not the headline town.

How: :func:`feature_table` handles a whole batch at once, into flat arrays (the form the
same-event linker reads); ``batch_features`` splits them per article and ``article_features``
is a batch of one. The bodies' and titles' code points and tokens are laid end to end
(:mod:`.features_batch`) and one compiled pass (:mod:`.features_kernels`) classifies each
article's tokens (:mod:`.features_tokens`) and emits its distinct features
(:mod:`.features_rules`). Output is identical to the plain per-article definition in
``tests/reference/features.py`` (tested).

    >>> from wiretrace.index.tokens import tokenize
    >>> from wiretrace.model import Article
    >>> art = Article(id="x", source="x", index=1, text="Floods hit Kellby on 3 May. The Red "
    ...     "Cross said 40 homes were lost in Kellby.")
    >>> f = article_features(art, tokenize(art.text))
    >>> sorted(KIND_NAMES[k] for k in f.kinds.tolist())  # 3 May, 40 homes, Red Cross, Cross, Kellby
    ['DATE', 'FIGURE', 'NAME', 'WORD', 'WORD']
"""

from __future__ import annotations

from collections.abc import Sequence

from wiretrace.cluster.features_batch import FeatureTable, feature_table
from wiretrace.cluster.features_tables import (
    DATE,
    FIGURE,
    KIND_NAMES,
    NAME,
    RARE,
    WORD,
    Features,
    feature_id,
)
from wiretrace.index.tokens import Tokens
from wiretrace.model import Article

__all__ = [
    "DATE",
    "FIGURE",
    "KIND_NAMES",
    "NAME",
    "RARE",
    "WORD",
    "FeatureTable",
    "Features",
    "article_features",
    "batch_features",
    "feature_id",
    "feature_table",
]


def batch_features(
    articles: Sequence[Article],
    tokens: Sequence[Tokens | None] | None = None,
    chunk_chars: int = 1 << 22,
) -> list[Features]:
    """The features of every article: ``article_features`` of each, the same output.

    ``tokens[k]`` is ``tokenize(articles[k].text)`` (or None: tokenised here). Articles are
    handled in runs of about ``chunk_chars`` characters, so the transient memory (the run's
    joined text and token arrays) stays a few tens of MB.

        >>> from wiretrace.model import Article
        >>> arts = [Article(id="x", source="x", index=1, text="Rain hit Kellby, Kellby said.")]
        >>> [KIND_NAMES[k] for k in batch_features(arts)[0].kinds.tolist()]
        ['WORD']
    """
    return feature_table(articles, tokens, chunk_chars).split()


def article_features(article: Article, tokens: Tokens | None = None) -> Features:
    """The features of ``article`` (title included); ``tokens`` is ``tokenize(article.text)``."""
    return batch_features([article], [tokens])[0]
