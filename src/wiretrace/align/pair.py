"""Exact verification of a candidate pair: the shared passages of two articles, or None.

Candidate generation (MinHash/LSH in the index stage) is approximate; this step decides.
It runs on tens of thousands of pairs, so it is array code: seeds by n-gram hashing
(:mod:`wiretrace.align.seeds`), one-to-one selection and chaining across small edits
(:mod:`wiretrace.align.chain`), then two thresholds:

* the pair is reuse only when some passage has at least ``min_words`` identical words
  (same-topic articles share short phrases, "the security forces said on", never a dozen
  identical words in a row plus their neighbours);
* passage ends are stretched over a swap at a sentence edge (:mod:`wiretrace.align.extend`);
* once it is reuse, shorter passages (at least ``min_extra_words`` identical words, e.g. a
  reprinted headline) are kept too: in a known reprint they are reuse, not coincidence.

``shared_fraction_a`` is the share of ``a``'s tokens inside passages (gaps inside a passage,
i.e. swapped words, count as covered), likewise for ``b``.

    >>> from wiretrace.index.tokens import tokenize
    >>> from wiretrace.model import Article
    >>> a = Article(id="a", source="a", index=1, text="Heavy rain flooded the old town of "
    ...     "Kellby on Monday and the river rose above the bridge, the mayor said.")
    >>> b = Article(id="b", source="b", index=1, text="Torrential rain flooded the old town of "
    ...     "Kellby on Monday and the river rose above the bridge, the mayor told reporters.")
    >>> pair = align_pair(a, tokenize(a.text), b, tokenize(b.text), min_words=8)
    >>> b.text[slice(*pair.passages[0].b)]  # stretched over the swaps at both sentence edges
    'Torrential rain flooded the old town of Kellby on Monday and the river rose above the \
bridge, the mayor told reporters'
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from wiretrace.align.chain import TokenPassage, chain_runs, select_runs
from wiretrace.align.extend import extend_to_sentences
from wiretrace.align.seeds import exact_runs
from wiretrace.index.tokens import Tokens
from wiretrace.model import Article, Pair, Passage

MIN_WORDS = 12
MIN_EXTRA_WORDS = 6
NGRAM = 4
MAX_GAP = 6


def align_ids(
    a: np.ndarray,
    b: np.ndarray,
    *,
    min_words: int = MIN_WORDS,
    min_extra_words: int = MIN_EXTRA_WORDS,
    ngram: int = NGRAM,
    max_gap: int = MAX_GAP,
) -> list[TokenPassage]:
    """Shared passages of two word-id arrays as token spans ``(a0, a1, b0, b1, matched)``.

    A pure function over arrays (no articles, no offsets), so batch and distributed runners
    can call it directly. Empty when no passage reaches ``min_words`` identical words.
    """
    runs = exact_runs(a, b, n=ngram)
    if len(runs) == 0 or int(runs[:, 2].sum()) < min_words:
        return []  # fast exit for unrelated pairs: too few shared words in all
    chosen = select_runs(runs, ngram, len(a), len(b))
    passages = chain_runs(chosen, max_gap)
    if not passages or max(p[4] for p in passages) < min_words:
        return []
    floor = min(min_words, min_extra_words)
    return [p for p in passages if p[4] >= floor]


def _covered(passages: list[TokenPassage], side: int, total: int) -> float:
    if total == 0:
        return 0.0
    covered = sum(p[2 * side + 1] - p[2 * side] for p in passages)
    return min(1.0, covered / total)


def align_pair(
    a: Article,
    ta: Tokens,
    b: Article,
    tb: Tokens,
    *,
    min_words: int = MIN_WORDS,
    min_extra_words: int = MIN_EXTRA_WORDS,
    ngram: int = NGRAM,
    max_gap: int = MAX_GAP,
) -> Pair | None:
    """A ``reuse`` Pair with char-offset passages, or None when ``a`` and ``b`` share too little.

    ``ta``/``tb`` are ``tokenize(a.text)``/``tokenize(b.text)``. Passages are sorted by their
    start in ``a`` and snapped to token boundaries (first char of the first word to the last
    char of the last one); a swap within ``max_gap`` words of a sentence edge on both sides is
    taken inside the passage (:mod:`wiretrace.align.extend`), so the compare stage sees it.
    """
    found = align_ids(
        ta.ids,
        tb.ids,
        min_words=min_words,
        min_extra_words=min_extra_words,
        ngram=ngram,
        max_gap=max_gap,
    )
    if not found:
        return None
    found = extend_to_sentences(found, a.text, ta, b.text, tb, max_gap)
    passages = [
        Passage(
            a=(int(ta.starts[a0]), int(ta.ends[a1 - 1])),
            b=(int(tb.starts[b0]), int(tb.ends[b1 - 1])),
        )
        for a0, a1, b0, b1, _ in found
    ]
    return Pair(
        a=a.id,
        b=b.id,
        relation="reuse",
        shared_fraction_a=_covered(found, 0, len(ta)),
        shared_fraction_b=_covered(found, 1, len(tb)),
        passages=passages,
    )


def align_candidates(
    articles: list[Article],
    tokens: list[Tokens],
    candidates: Iterable[tuple[int, int]],
    **options: int,
) -> list[Pair]:
    """Verify candidate pairs given as article indices; returns the reuse pairs found, in order.

    ``options`` are passed to :func:`align_pair` (``min_words``, ``max_gap``, ...).
    """
    pairs = []
    for x, y in candidates:
        pair = align_pair(articles[x], tokens[x], articles[y], tokens[y], **options)
        if pair is not None:
            pairs.append(pair)
    return pairs
