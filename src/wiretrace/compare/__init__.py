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
into swaps and clauses, and the class of each swap), ``figures`` and ``conflicts``, ``pairs``
and ``stories`` (the two entry points), ``words`` (the word lists). The dateline prefix left
out of the comparison and the credits of each version are the clean stage's concepts
(``wiretrace.clean.dates.dateline_end``, ``wiretrace.clean.credits.credits_diff``).
"""

from __future__ import annotations

from collections.abc import Mapping

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
    result: Result, tokens: Mapping[str, Tokens] | None = None, progress: Progress | None = None
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
    """
    progress = progress or Progress(enabled=False)
    articles = {art.id: art for art in result.articles}
    story_of = {aid: k for k, story in enumerate(result.stories) for aid in story.articles}
    by_story: dict[int, list[int]] = {}
    for n, pair in enumerate(result.pairs):
        k = story_of.get(pair.a, -1)
        by_story.setdefault(k if story_of.get(pair.b, -2) == k else -1, []).append(n)
    order = [*range(len(result.stories)), -1]
    for k in progress.track(order, "Explaining", total=len(order)):
        analyses = Analyses(tokens)
        for n in by_story.get(k, ()):
            pair = result.pairs[n]
            if pair.relation != "reuse" or pair.a not in articles or pair.b not in articles:
                continue
            explain_pair(articles[pair.a], articles[pair.b], pair, analyses)
        if k < 0 or len(result.stories[k].articles) < 2:
            continue
        story = result.stories[k]
        pairs = [result.pairs[n] for n in by_story.get(k, ())]
        explain_story(story, articles, pairs, analyses)
    return result


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
