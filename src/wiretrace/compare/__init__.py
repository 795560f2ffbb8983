"""The compare stage: how each version of a story differs from the others.

For every ``reuse`` pair: word and phrase swaps with counts (``substitutions``), sentences and
clauses present in one version only (``only_in_a``/``only_in_b``), figures that disagree
(``conflicts``) and credits; for every story: the shared core, each version's additions and
cuts, and a terminology table. Works from the articles' texts alone (alignment passages,
when present, only help), English figures only; any language flows through.

    from wiretrace.compare import explain, explain_pair, explain_story
    result = explain(result)                      # every reuse pair and every story
    pair = explain_pair(article_a, article_b, pair)
    story = explain_story(story, {a.id: a for a in articles}, pairs)

Modules: ``sentences`` (splitter), ``matching`` (sentence matching), ``worddiff`` (word diff
into swaps and clauses), ``figures`` and ``conflicts``, ``credits``, ``pairs`` and ``stories``
(the two entry points), ``words`` (the word lists).
"""

from __future__ import annotations

from wiretrace.compare.conflicts import find_conflicts
from wiretrace.compare.credits import credited, credits_diff
from wiretrace.compare.figures import extract_figures
from wiretrace.compare.pairs import diff_texts, explain_pair
from wiretrace.compare.sentences import split_sentences
from wiretrace.compare.stories import base_version, explain_story
from wiretrace.model import Result


def explain(result: Result) -> Result:
    """Explain every reuse pair and every story of ``result`` (in place; returned).

    A failure on one pair or story is recorded as a problem of that article and the run goes
    on: one odd article must not cost the whole report.
    """
    articles = {art.id: art for art in result.articles}
    for pair in result.pairs:
        if pair.relation != "reuse" or pair.a not in articles or pair.b not in articles:
            continue
        try:
            explain_pair(articles[pair.a], articles[pair.b], pair)
        except Exception as exc:  # noqa: BLE001 - reported, never a traceback
            result.problems.append(_problem(articles[pair.a].source, pair.b, exc))
    for story in result.stories:
        if len(story.articles) < 2:
            continue
        members = set(story.articles)
        pairs = [p for p in result.pairs if p.a in members and p.b in members]
        try:
            explain_story(story, articles, pairs)
        except Exception as exc:  # noqa: BLE001
            result.problems.append(_problem(story.id, None, exc))
    return result


def _problem(source: str, other: str | None, exc: Exception):
    from wiretrace.model import Problem

    where = f"compared with {other}" if other else "story"
    return Problem(
        source=source, reason=f"compare stage failed: {type(exc).__name__}: {exc}", where=where
    )


__all__ = [
    "base_version",
    "credited",
    "credits_diff",
    "diff_texts",
    "explain",
    "explain_pair",
    "explain_story",
    "extract_figures",
    "find_conflicts",
    "split_sentences",
]
