"""One measured run in a fresh process, so that peak memory (ru_maxrss) is its own.

    python -m benchmarks.worker MODE ARTICLES SEED     (prints one JSON line)

MODE ``cli``: the ``wiretrace compare --no-explain --format jsonl`` command itself, in a
child process, on the corpus written to a JSONL file beforehand (its CPU time and peak
memory are the child's own: reading, cleaning, comparing and writing the report);
``wiretrace``: ``wiretrace.pipeline.compare_documents`` on the pages as scraped text
(cleaning, then index, align, cluster and the explanations of issue 4); ``pairs``: the same
without explanations (``wiretrace compare --no-explain``, the job issue 3 measures);
``candidates``: tokenising and ``find_candidates`` only; ``baseline``: baseline.py;
``burst``: the ``wiretrace compare --format json`` command on one story in ARTICLES copies
(burst.py).

Both sides are treated alike: libraries are imported and inputs built before the clock
starts (the pages' text for the baseline, in-memory ``Document`` objects for wiretrace);
the clock covers the work from input to pairs, first-call costs of compiled kernels
included. Importing numba includes its start-up (``start_numba``): numba builds its type
registries on the first compiled call of any program, whatever the function, the
counterpart of the baseline's imports; loading each of wiretrace's own kernels from
numba's cache stays on the clock. The ``cli`` row pays all of it. ``cpu`` is user + system
time; ``sys`` the system part (page faults, mostly).
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numba
import orjson

from benchmarks import baseline, burst
from benchmarks.synthetic import Corpus, generate, score
from wiretrace.cluster import UnionFind
from wiretrace.index import find_candidates
from wiretrace.model import Document, Result
from wiretrace.pipeline import compare_documents
from wiretrace.run import Options
from wiretrace.text import tokenize_many


def start_numba() -> None:
    """numba's one-off start-up, done by compiling a trivial function (no wiretrace code)."""
    numba.njit("int64(int64)", cache=False)(lambda x: x + 1)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def page_pairs(pairs: Iterable[tuple[str, str, str]], corpus: Corpus) -> set[tuple[int, int]]:
    """The pages two reuse pairs join, given as ``(relation, article id, article id)``, as
    (page, page) indices, i < j (an article id is its page's id, "#", its index in the page).

    Every two pages of one reuse family count as found: by default wiretrace lists each
    version's link to its closest source, not every pair (``--all-pairs``), and the family
    is exact; the generator's families have no two members that share nothing but a "don't
    care" pair (synthetic.py), so precision still counts every wrong join."""
    page_of = {p.id.split("#")[0]: n for n, p in enumerate(corpus.pages)}
    uf = UnionFind(len(corpus.pages))
    for relation, a, b in pairs:
        if relation == "reuse":
            uf.union(page_of[a.rsplit("#", 1)[0]], page_of[b.rsplit("#", 1)[0]])
    return {(i, j) for group in uf.components() if len(group) > 1
            for i, j in itertools.combinations(group, 2)}


def reuse_pairs(result: Result, corpus: Corpus) -> set[tuple[int, int]]:
    """The result's reuse pairs as (page, page) indices, i < j."""
    return page_pairs(((p.relation, p.a, p.b) for p in result.pairs), corpus)


CLI_MODES = {"cli": (False, 1), "command": (True, 1), "command2": (True, 2)}  # explain, jobs


def run_cli(corpus: Corpus, folder: Path, explain: bool = False, jobs: int = 1) -> dict:
    """``wiretrace compare`` on a JSONL dump of the corpus, in a child process: with
    ``--no-explain`` and a JSONL report, or as a user runs it (explanations on, one JSON
    report written) with ``--jobs``. CPU time counts the command's own worker processes."""
    dump, report = folder / "corpus.jsonl", folder / "report.jsonl"
    corpus.write_jsonl(dump)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    how = (["--format", "json", "--jobs", str(jobs)] if explain
           else ["--no-explain", "--format", "jsonl"])
    subprocess.run([sys.executable, "-m", "wiretrace", "compare", str(dump), *how,
                    "-o", str(report), "-q"], check=True,
                   env=dict(os.environ), capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with report.open("rb") as fh:
        parts = [orjson.loads(fh.read())] if explain else map(orjson.loads, fh)
        found = page_pairs(((p["relation"], p["a"], p["b"]) for part in parts
                            for p in part["pairs"]), corpus)
    system = after.ru_stime - before.ru_stime
    cpu = after.ru_utime - before.ru_utime + system
    return {"wall": wall, "cpu": cpu, "sys": system, "found": found,
            "rss_peak_mb": after.ru_maxrss / 1024}


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
    if mode == "burst":
        with tempfile.TemporaryDirectory(prefix="wiretrace-burst-") as tmp:
            print(json.dumps(burst.run(n, Path(tmp), seed)))
        return
    corpus = generate(n, seed=seed)
    if mode in CLI_MODES:
        with tempfile.TemporaryDirectory(prefix="wiretrace-bench-") as tmp:
            run = run_cli(corpus, Path(tmp), *CLI_MODES[mode])
        recall, precision = score(run["found"], corpus)
        print(json.dumps({"mode": mode, "articles": n, "mb": corpus.megabytes,
                          "wall": run["wall"], "cpu": run["cpu"], "sys": run["sys"],
                          "recall": recall,
                          "precision": precision, "pairs": len(run["found"]),
                          "truth": len(corpus.truth), "rss_corpus_mb": 0.0,
                          "rss_peak_mb": run["rss_peak_mb"]}))
        return
    work, pairs_of = prepare(mode, corpus)
    if mode != "baseline":
        start_numba()
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    system = resource.getrusage(resource.RUSAGE_SELF).ru_stime
    output = work()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    system = resource.getrusage(resource.RUSAGE_SELF).ru_stime - system
    found = pairs_of(output)
    recall, precision = score(found, corpus)
    print(json.dumps({"mode": mode, "articles": n, "mb": corpus.megabytes, "wall": wall,
                      "cpu": cpu, "sys": system, "recall": recall, "precision": precision,
                      "pairs": len(found), "truth": len(corpus.truth),
                      "rss_corpus_mb": before, "rss_peak_mb": rss_mb()}))


if __name__ == "__main__":
    main(sys.argv[1:])
