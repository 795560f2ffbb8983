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

Modules: ``sentences`` (splitter; its compiled pass in ``_kernels``), ``matching`` (sentence
matching), ``worddiff`` (word diff
into swaps and clauses, and the class of each swap), ``figures`` and ``conflicts``, ``pairs``
and ``stories`` (the two entry points); its word lists are in ``wiretrace.vocabulary``. The dateline prefix left
out of the comparison and the credits of each version are the clean stage's concepts
(``wiretrace.clean.lines.dateline_end``, ``wiretrace.clean.credits.credits_diff``).
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from wiretrace.clean.credits import credited, credits_diff
from wiretrace.compare.conflicts import find_conflicts
from wiretrace.compare.figures import extract_figures
from wiretrace.compare.pairs import Analyses, diff_texts, explain_pair
from wiretrace.compare.sentences import split_sentences
from wiretrace.compare.stories import base_version, explain_story
from wiretrace.model import Result
from wiretrace.run import Progress
from wiretrace.text import Tokens


def explain(
    result: Result,
    tokens: Mapping[str, Tokens] | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> Result:
    """Explain every reuse pair and every story of ``result`` (in place; returned).

    ``tokens`` maps article ids to their ``Tokens`` when the caller has them (the pipeline
    tokenises every article once), else each text is tokenised here. Work goes story by
    story, each article analysed once per story and forgotten after it (memory stays flat on
    large corpora). Nothing here is caught: the stage reads only the texts the cleaning
    stage made (any string compares, odd characters included), so an exception raised
    while explaining is a bug of ours and must fail loudly, never turn into a "problem"
    of the user's article. ``progress`` shows a bar over the stories (explaining is the
    longest step of a large run).

    With ``jobs > 1`` the stories are explained in ``jobs`` forked processes, in runs of
    consecutive stories (each story's explanation depends on its own articles and pairs
    alone); the filled fields come back in story order, so the result is the one of
    ``jobs=1``.
    """
    progress = progress or Progress(enabled=False)
    work = _Work(result, tokens)
    order = [*range(len(result.stories)), -1]
    if jobs <= 1 or len(order) < 2 * jobs:
        for k in progress.track(order, "Explaining", total=len(order)):
            work.story(k)
        return result
    runs = work.runs(order, jobs * RUNS_PER_JOB)
    global _SHARED
    _SHARED = work
    try:
        with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
            done = pool.map(_explain_run, runs)
            for filled in progress.track(done, "Explaining", total=len(runs)):
                work.fill(filled)
    finally:
        _SHARED = None
    return result


def pair_groups(result: Result) -> dict[int, list[int]]:
    """Story index -> the indexes of the pairs of ``result`` whose two articles both belong
    to that story, in order; -1 -> every other pair (across stories): the units ``explain``
    works in, one pass over the pairs."""
    story_of = {aid: k for k, story in enumerate(result.stories) for aid in story.articles}
    groups: dict[int, list[int]] = {}
    for n, pair in enumerate(result.pairs):
        k = story_of.get(pair.a, -1)
        groups.setdefault(k if story_of.get(pair.b, -2) == k else -1, []).append(n)
    return groups


#: Runs of stories per process (``explain`` with ``jobs > 1``): enough that one long story
#: does not leave the other processes idle at the end, few enough that each run's results
#: travel back in one message.
RUNS_PER_JOB = 16

PairFields = tuple[int, list, list[str], list[str], list, object]
StoryFields = tuple[int, str | None, list[str], dict, dict, list]


class _Work:
    """The stories of ``result`` with the pairs of each, explained one story at a time."""

    def __init__(self, result: Result, tokens: Mapping[str, Tokens] | None) -> None:
        self.result, self.tokens = result, tokens
        self.articles = {art.id: art for art in result.articles}
        self.by_story = pair_groups(result)

    def story(self, k: int) -> None:
        """Explain the reuse pairs of story ``k`` (-1: the pairs across stories) and the story."""
        result, articles = self.result, self.articles
        analyses = Analyses(self.tokens)
        for n in self.by_story.get(k, ()):
            pair = result.pairs[n]
            if pair.relation != "reuse" or pair.a not in articles or pair.b not in articles:
                continue
            explain_pair(articles[pair.a], articles[pair.b], pair, analyses)
        if k < 0 or len(result.stories[k].articles) < 2:
            return
        story = result.stories[k]
        pairs = [result.pairs[n] for n in self.by_story.get(k, ())]
        explain_story(story, articles, pairs, analyses)

    def runs(self, order: list[int], count: int) -> list[list[int]]:
        """``order`` cut into about ``count`` runs of consecutive stories of similar work
        (a story's pairs and articles)."""
        cost = [
            1 + len(self.by_story.get(k, ())) + (len(self.result.stories[k].articles) if k >= 0
                                                 else 0)
            for k in order
        ]
        share = sum(cost) / count
        runs: list[list[int]] = [[]]
        total = 0.0
        for k, c in zip(order, cost, strict=True):
            if runs[-1] and total >= share:
                runs.append([])
                total = 0.0
            runs[-1].append(k)
            total += c
        return runs

    def filled(self, run: list[int]) -> tuple[list[PairFields], list[StoryFields]]:
        """Explain the stories ``run`` and return the fields it filled."""
        pairs: list[PairFields] = []
        stories: list[StoryFields] = []
        for k in run:
            self.story(k)
            for n in self.by_story.get(k, ()):
                p = self.result.pairs[n]
                pairs.append((n, p.substitutions, p.only_in_a, p.only_in_b, p.conflicts,
                              p.credits))
            if k >= 0:
                s = self.result.stories[k]
                stories.append((k, s.base, s.core, s.additions, s.cuts, s.terminology))
        return pairs, stories

    def fill(self, filled: tuple[list[PairFields], list[StoryFields]]) -> None:
        """Set the fields a process filled (``filled``) on this process's pairs and stories."""
        pairs, stories = filled
        for n, substitutions, only_in_a, only_in_b, conflicts, credits in pairs:
            p = self.result.pairs[n]
            p.substitutions, p.only_in_a, p.only_in_b = substitutions, only_in_a, only_in_b
            p.conflicts, p.credits = conflicts, credits  # type: ignore[assignment]
        for k, base, core, additions, cuts, terminology in stories:
            s = self.result.stories[k]
            s.base, s.core, s.additions, s.cuts, s.terminology = (
                base, core, additions, cuts, terminology
            )


#: The work a forked process of ``explain`` reads (set in the parent before the fork).
_SHARED: _Work | None = None


def _explain_run(run: list[int]) -> tuple[list[PairFields], list[StoryFields]]:
    assert _SHARED is not None, "explain's processes are forked from the one that set it"
    return _SHARED.filled(run)


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
    "pair_groups",
    "split_sentences",
]
