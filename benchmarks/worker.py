"""One measured run in a fresh process, so that peak memory (ru_maxrss) is its own.

    python -m benchmarks.worker MODE ARTICLES SEED     (prints one JSON line)

MODE ``wiretrace``: cleaning (``wiretrace.clean.clean_text`` on each page) and
``wiretrace.pipeline.compare_articles`` with the explanations of issue 4; ``pairs``: the same
without explanations (``wiretrace compare --no-explain``: clean, index, align, cluster, the job
issue 3 measures); ``candidates``: tokenising and ``find_candidates`` only; ``baseline``:
baseline.py.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from benchmarks import baseline
from benchmarks.synthetic import Corpus, generate, score


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_wiretrace(corpus: Corpus, explain: bool = True) -> set[tuple[int, int]]:
    from wiretrace.clean import clean_text
    from wiretrace.options import Options
    from wiretrace.pipeline import compare_articles

    page_of = {p.id.split("#")[0]: n for n, p in enumerate(corpus.pages)}
    articles = []
    for page in corpus.pages:
        for art in clean_text(page.page_text(), source=page.id.split("#")[0], date=page.date,
                              outlet=page.outlet):
            articles.append(art)
    result = compare_articles(articles, Options(quiet=True, explain=explain))
    source = {a.id: page_of[a.source] for a in result.articles}
    found = set()
    for pair in result.pairs:
        if pair.relation == "reuse":
            i, j = source[pair.a], source[pair.b]
            if i != j:
                found.add((min(i, j), max(i, j)))
    return found


def run_candidates(corpus: Corpus) -> set[tuple[int, int]]:
    from wiretrace.index.candidates import find_candidates
    from wiretrace.index.tokens import tokenize_many

    tokens = tokenize_many([p.text for p in corpus.pages])
    return {(c.i, c.j) for c in find_candidates(tokens)}


def main(argv: list[str]) -> None:
    mode, n, seed = argv[0], int(argv[1]), int(argv[2])
    corpus = generate(n, seed=seed)
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    if mode in ("wiretrace", "pairs"):
        found = run_wiretrace(corpus, explain=mode == "wiretrace")
    elif mode == "candidates":
        found = run_candidates(corpus)
    else:
        found = baseline.find_pairs([p.text for p in corpus.pages])
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    recall, precision = score(found, corpus)
    print(json.dumps({"mode": mode, "articles": n, "mb": corpus.megabytes, "wall": wall,
                      "cpu": cpu, "recall": recall, "precision": precision,
                      "pairs": len(found), "truth": len(corpus.truth),
                      "rss_corpus_mb": before, "rss_peak_mb": rss_mb()}))


if __name__ == "__main__":
    main(sys.argv[1:])
