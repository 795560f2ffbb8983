"""One measured run in a fresh process, so that peak memory (ru_maxrss) is its own.

    python -m benchmarks.worker MODE ARTICLES SEED     (prints one JSON line)

MODE ``wiretrace``: ``wiretrace.pipeline.compare_documents`` on the pages as scraped text
(cleaning, then index, align, cluster and the explanations of issue 4); ``pairs``: the same
without explanations (``wiretrace compare --no-explain``, the job issue 3 measures);
``candidates``: tokenising and ``find_candidates`` only; ``baseline``: baseline.py.

Both sides are treated alike: libraries are imported and inputs built before the clock
starts (the pages' text for the baseline, in-memory ``Document`` objects for wiretrace);
the clock covers the work from input to pairs, first-call costs of compiled kernels
included.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable

from benchmarks import baseline
from benchmarks.synthetic import Corpus, generate, score
from wiretrace.index.candidates import find_candidates
from wiretrace.index.tokens import tokenize_many
from wiretrace.model import Document, Result
from wiretrace.options import Options
from wiretrace.pipeline import compare_documents


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reuse_pairs(result: Result, corpus: Corpus) -> set[tuple[int, int]]:
    """The result's reuse pairs as (page, page) indices, i < j."""
    page_of = {p.id.split("#")[0]: n for n, p in enumerate(corpus.pages)}
    source = {a.id: page_of[a.source] for a in result.articles}
    found = set()
    for pair in result.pairs:
        if pair.relation == "reuse":
            i, j = source[pair.a], source[pair.b]
            if i != j:
                found.add((min(i, j), max(i, j)))
    return found


def prepare(mode: str, corpus: Corpus) -> tuple[Callable[[], object], Callable[[object], set]]:
    """The timed work of ``mode`` (its input already built), and how to read its pairs."""
    if mode in ("wiretrace", "pairs"):
        documents = [
            Document(source=p.id.split("#")[0], text=p.page_text(), format="text",
                     date=p.date, outlet=p.outlet)
            for p in corpus.pages
        ]
        options = Options(quiet=True, explain=mode == "wiretrace")
        return (lambda: compare_documents(documents, options)), (
            lambda result: reuse_pairs(result, corpus))
    texts = [p.text for p in corpus.pages]
    if mode == "candidates":
        return (lambda: find_candidates(tokenize_many(texts))), (
            lambda found: {(c.i, c.j) for c in found})
    return (lambda: baseline.find_pairs(texts)), (lambda found: found)


def main(argv: list[str]) -> None:
    mode, n, seed = argv[0], int(argv[1]), int(argv[2])
    corpus = generate(n, seed=seed)
    work, pairs_of = prepare(mode, corpus)
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    output = work()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    found = pairs_of(output)
    recall, precision = score(found, corpus)
    print(json.dumps({"mode": mode, "articles": n, "mb": corpus.megabytes, "wall": wall,
                      "cpu": cpu, "recall": recall, "precision": precision,
                      "pairs": len(found), "truth": len(corpus.truth),
                      "rss_corpus_mb": before, "rss_peak_mb": rss_mb()}))


if __name__ == "__main__":
    main(sys.argv[1:])
