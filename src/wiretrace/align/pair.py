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

from wiretrace.align.chain import TokenPassage
from wiretrace.align.extend import BOUNDARY
from wiretrace.align.kernel import extend_kernel, passages_kernel
from wiretrace.index.tokens import Tokens
from wiretrace.model import Article, Pair, Passage

MIN_WORDS = 12
MIN_EXTRA_WORDS = 6
NGRAM = 4
MAX_GAP = 6
MAX_OCCURRENCES = 8  # n-grams more frequent than this in ``b`` seed nothing (boilerplate)
_BOUNDARY = np.array(sorted(map(ord, BOUNDARY)), dtype=np.uint32)


def _code_points(text: str) -> np.ndarray:
    """``text`` as a uint32 array of code points (the indexing of token offsets)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


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
    found = passages_kernel(a, b, ngram, MAX_OCCURRENCES, min_words, min_extra_words, max_gap)
    return [tuple(p) for p in found.tolist()]


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
    found = passages_kernel(
        ta.ids, tb.ids, ngram, MAX_OCCURRENCES, min_words, min_extra_words, max_gap
    )
    if len(found) == 0:
        return None
    found = extend_kernel(
        found,
        _code_points(a.text),
        ta.starts,
        ta.ends,
        _code_points(b.text),
        tb.starts,
        tb.ends,
        max_gap,
        _BOUNDARY,
    ).tolist()
    sa, ea, sb, eb = ta.starts, ta.ends, tb.starts, tb.ends
    passages = [
        Passage(a=(int(sa[a0]), int(ea[a1 - 1])), b=(int(sb[b0]), int(eb[b1 - 1])))
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
