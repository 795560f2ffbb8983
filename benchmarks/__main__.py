"""``python -m benchmarks``: the speed, memory and quality figures of issue 3.

    python -m benchmarks                     # 20,000 articles (make bench)
    python -m benchmarks --large             # 200,000 articles (make bench-large)
    python -m benchmarks --only minhash      # MinHash throughput vs datasketch only
    python -m benchmarks --only compare --no-end-to-end
    python -m benchmarks --only burst --burst 250 1000 2000 5000
    python -m benchmarks --only read         # HTML pages read with --jobs 1 and 2
    python -m benchmarks --only spark        # the Spark engine vs the local one (make bench-spark)

One core throughout (the default of ``wiretrace``); times are CPU seconds of the measuring
process, each the fastest of ``--repeat`` fresh-process runs (3 at 20,000 articles, 1 at
200,000): the shared machines here vary by +-30% between runs, so every row, baseline
included, is measured the same number of times, in interleaved rounds (one run of every row
per round).
"""

from __future__ import annotations

import argparse
import sys

from benchmarks import burst, compare_bench, minhash_bench, reading
from benchmarks.synthetic import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000, help="corpus size (20000)")
    parser.add_argument("--large", action="store_true", help="200,000 articles")
    parser.add_argument("--only", choices=["minhash", "compare", "burst", "read", "spark"],
                        help="run one benchmark")
    parser.add_argument("--burst", type=int, nargs="+", default=[250, 1000, 2000, 5000],
                        metavar="N", help="copies of the burst rows (250 1000 2000 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minhash-articles", type=int, default=4000,
                        help="articles timed by the MinHash benchmark (4000, ~12 MB)")
    parser.add_argument("--baseline-max", type=int, default=20000,
                        help="run the (slow) baseline only up to this many articles")
    parser.add_argument("--repeat", type=int, default=None,
                        help="fresh-process runs per measurement, fastest kept (3; 1 with --large)")
    parser.add_argument("--no-end-to-end", action="store_true",
                        help="skip the full pipeline (cleaning + compare_articles)")
    parser.add_argument("--master", default="local[2]",
                        help="the Spark master of --only spark (local[2])")
    parser.add_argument("--project-cores", type=int, default=800,
                        help="cluster cores of --only spark's projection (800)")
    args = parser.parse_args(argv)
    n = 200000 if args.large else args.articles

    if args.only == "spark":  # pyspark and Java: only when asked for (not in make bench)
        from benchmarks import spark_bench

        print(spark_bench.run(n, args.seed, args.master, project_cores=args.project_cores),
              flush=True)
        return 0

    if args.only in (None, "minhash"):
        corpus = generate(min(n, args.minhash_articles), seed=args.seed)
        texts = [p.text for p in corpus.pages]
        print(minhash_bench.report(minhash_bench.run(texts), corpus.megabytes), flush=True)
        print(flush=True)

    if args.only in (None, "burst"):
        print("One story in N lightly edited copies (benchmarks/burst.py): the `wiretrace "
              "compare --format json` command, explanations on, 1 run each", flush=True)
        # one small untimed run first: a fresh checkout compiles its kernels into numba's
        # cache on its first command, which would land on the first row alone
        compare_bench.measure("burst", 20, args.seed)
        rows = []
        for copies in args.burst:
            print(f"  burst of {copies} copies...", file=sys.stderr, flush=True)
            rows.append(compare_bench.measure("burst", copies, args.seed))
            rows[-1].setdefault("copies", copies)
        print(burst.table(rows))
        print("  goals: at most 1.5x linear from 250 to 5,000 copies; at 2,000 copies peak RSS "
              "< 2 GB, JSON < 200 MB, all copies in one story", flush=True)
        print(flush=True)

    if args.only in (None, "read"):
        print("Reading and cleaning HTML pages (benchmarks/reading.py): the `wiretrace "
              "articles` command, wall time, fastest of 2 interleaved runs", flush=True)
        print(reading.table(reading.run(min(n, 2000), args.seed)))
        print("  goal: --jobs 2 at most 0.6x the time of --jobs 1 (2 cores)", flush=True)
        print(flush=True)

    if args.only in (None, "compare"):
        print(f"Fresh memory here: {compare_bench.page_touch_us():.1f} µs of system time per "
              "4 KB page touched the first time (256 MB)", flush=True)
        small = max(n // 10, 100)
        plan = [("candidates", small), ("candidates", n)]
        if not args.no_end_to_end:
            plan += [("pairs", small), ("pairs", n), ("cli", n), ("wiretrace", n),
                     ("command", n), ("command2", n)]
        if n <= args.baseline_max:
            plan.append(("baseline", n))
        repeat = args.repeat or (1 if n > 20000 else 3)
        # rounds, each running every row once: a slow spell of the machine then costs every
        # row, baseline included, one run, instead of all the runs of the rows it falls on
        runs: list[list[dict]] = [[] for _ in plan]
        for round_ in range(repeat):
            for k, (mode, size) in enumerate(plan):
                print(f"  round {round_ + 1} of {repeat}: {compare_bench.LABELS[mode]} on "
                      f"{size} articles...", file=sys.stderr, flush=True)
                runs[k].append(compare_bench.measure(mode, size, args.seed))
        rows = [compare_bench.fastest(r) for r in runs]
        print(f"Finding reprints in a synthetic corpus (seed {args.seed}), 1 core, "
              f"fastest of {repeat} runs each, taken in {repeat} interleaved rounds "
              "(peak RSS: the largest)")
        print(compare_bench.table(rows))
        print("  goals: recall >= 0.97 at precision >= 0.99; >= 10x the baseline; "
              "< 4 GB at 200k")
        print("  CPU s = user + system ('sys': page faults, mostly); peak RSS of an in-process")
        print("  row includes what was in memory before the clock started (column 'before': the")
        print("  generated corpus and the libraries); the command row is the wiretrace process")
        print("  alone, reading a JSONL file and writing its report; the command rows count the")
        print("  CPU of its worker processes too (--jobs 2: compare its wall time, not its CPU)")
        print("Time growth:")
        print("\n".join(compare_bench.growth(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
