"""Where the time of ``wiretrace compare --no-explain`` goes: CPU seconds per stage.

    python -m benchmarks.stages                  # 20,000 articles
    python -m benchmarks.stages --articles 2000 --repeat 2

Each stage is timed alone on the synthetic corpus (benchmarks/synthetic.py), in the order
the pipeline runs them (one core, the garbage collector paused as in the pipeline), in user
and system CPU seconds: system time is mostly page faults, which on the virtual machines
here are costly the first time a process touches memory (``python -m benchmarks`` measures
it). The first round includes each kernel's first-call cost (loading compiled code; numba's own
start-up is done before, as in worker.py); with
``--repeat 2`` the second round shows the steady state. Used to decide what to speed up; the figures of record come from
``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import resource
import sys

from benchmarks.synthetic import generate
from benchmarks.worker import start_numba
from wiretrace.align import align_candidates
from wiretrace.cluster import build_stories
from wiretrace.index import find_candidates
from wiretrace.model import Document
from wiretrace.pipeline import clean_documents
from wiretrace.run import ProblemLog, paused_gc
from wiretrace.text import tokenize_many


def _times() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def one_round(corpus) -> list[tuple[str, float, float, str]]:
    documents = [Document(source=p.id.split("#")[0], text=p.page_text(), format="text",
                          date=p.date, outlet=p.outlet) for p in corpus.pages]
    rows = []
    clock = _times()

    def lap(name: str, note: str = "") -> None:
        nonlocal clock
        now = _times()
        rows.append((name, now[0] - clock[0], now[1] - clock[1], note))
        clock = now

    articles = list(clean_documents(documents, ProblemLog()))
    lap("clean", f"{len(articles)} articles")
    tokens = tokenize_many([a.text for a in articles])
    lap("tokenise")
    found = find_candidates(tokens, dates=[a.date for a in articles])
    lap("index (candidates)", f"{len(found)} candidates")
    pairs = align_candidates(articles, tokens, [(c.i, c.j) for c in found])
    lap("align", f"{len(pairs)} pairs")
    stories, _ = build_stories(articles, pairs, tokens)
    lap("cluster", f"{len(stories)} stories")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="rounds (2: steady state too)")
    args = parser.parse_args(argv)
    corpus = generate(args.articles, seed=args.seed)
    start_numba()
    print(f"{args.articles} articles, {corpus.megabytes:.0f} MB, CPU seconds per stage")
    for n in range(args.repeat):
        with paused_gc():  # as in the pipeline
            rows = one_round(corpus)
        print(f"round {n + 1}")
        print(f"  {'stage':20} {'user':>7} {'system':>7}")
        for name, user, system, note in rows:
            print(f"  {name:20} {user:7.2f} {system:7.2f}  {note}")
        print(f"  {'total':20} {sum(r[1] for r in rows):7.2f} {sum(r[2] for r in rows):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
