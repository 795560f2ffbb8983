"""Scores for body extraction, as the two benchmarks define them.

**Shingle F1** (scrapinghub article-extraction-benchmark): tokens are ``\\w+`` runs, a page's
text becomes the multiset of its word 4-grams; per page, with counts matched as multisets,
``tp, fp, fn`` are normalised by their sum and turned into precision ``tp/(tp+fp)`` and
recall ``tp/(tp+fn)`` (both 1 when the texts agree exactly). Precision and recall are averaged
over pages, and F1 = 2PR/(P+R) of the averages. ``lower=True`` casefolds tokens first.

**ROUGE-LSum F1** (fundus benchmark): ``rouge_score``'s RougeScorer(["rougeLsum"]) between
the gold paragraphs and the extracted paragraphs, each joined with "\\n" (so sentences are
lines: the union-LCS summary-level variant), averaged over pages.

    >>> shingle_prf("a b c d e", "a b c d e")
    (1.0, 1.0)
    >>> round(f1(*mean_pr([(1.0, 0.5), (0.5, 1.0)])), 3)
    0.75
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4, lower: bool = False) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams (a text shorter than n gives one shorter shingle)."""
    tokens = _TOKEN.findall(text.casefold() if lower else text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_prf(gold: str, predicted: str, lower: bool = False) -> tuple[float, float]:
    """(precision, recall) of one page's shingles, the benchmark's edge cases included."""
    truth, pred = shingles(gold, lower=lower), shingles(predicted, lower=lower)
    tp = sum((truth & pred).values())
    fp = sum((pred - truth).values())
    fn = sum((truth - pred).values())
    if fp == fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return precision, recall


def mean_pr(pairs: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """Average precision and average recall over pages."""
    pairs = list(pairs)
    return statistics.mean(p for p, _ in pairs), statistics.mean(r for _, r in pairs)


def f1(precision: float, recall: float) -> float:
    """Harmonic mean (0 when both are 0)."""
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


class RougeLsum:
    """ROUGE-LSum F1 between paragraph lists (``rouge_score`` is imported lazily)."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(["rougeLsum"])

    def f1(self, gold: list[str], predicted: list[str]) -> float:
        score = self._scorer.score("\n".join(gold), "\n".join(predicted))
        return score["rougeLsum"].fmeasure
