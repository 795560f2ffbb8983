"""The Spark engine against the local engine (issue 15): same answers, time of each, and the
measured per-partition costs a cluster projection is made from.

    python -m benchmarks --only spark                     # 10,000 articles (make bench-spark)
    python -m benchmarks --only spark --articles 200000   # the issue's figure
    python -m benchmarks --only spark --project-cores 800

Both engines compare the same synthetic corpus (synthetic.py) in this process, explanations
on; wall seconds, since Spark's work runs in other processes. The Spark run is on
``--master`` (``local[2]``: the two cores here), its session started before the clock
(``session`` row). Per-partition costs: the engine's own batch functions (``_memberships``,
``_verified``, ``_explained``), timed here on one core over the corpus's data, per 1,000
articles; a cluster of C cores runs them C partitions at a time, so

    wall(N articles) ≈ Σ_stage cost_per_1000 * N / 1000 / C  (+ shuffles, + the driver steps)

which is what the projection prints for 100 million articles. Shuffle and driver times are
not in it (see the driver rows of the measured run: they grow with N on one machine).
"""

from __future__ import annotations

import copy
import hashlib
import os
import pickle
import time

import numpy as np
import orjson
import pandas as pd

from benchmarks.synthetic import generate
from wiretrace import pipeline
from wiretrace.index import find_candidates
from wiretrace.index.sketch import DEFAULT_PARAMS, doc_bits
from wiretrace.run import Options
from wiretrace.text import tokenize_many

PROJECT_ARTICLES = 100_000_000
COST_SAMPLE = 20_000


def _costs(articles, result, explain: bool) -> dict[str, float]:
    """One-core seconds per 1,000 articles of each batch stage of the engine."""
    from wiretrace import spark as engine

    n = len(articles)
    frame = pd.DataFrame({"idx": np.arange(n, dtype=np.int64), "text": [a.text for a in articles]})
    start = time.process_time()
    for _ in engine._memberships(doc_bits(n), DEFAULT_PARAMS)(iter([frame])):
        pass
    costs = {"sketch (tokenise, MinHash, band keys)": time.process_time() - start}

    tokens = tokenize_many([a.text for a in articles])
    found = find_candidates(tokens)  # verified pairs: a lower bound of the raw candidates
    blobs = [pickle.dumps(a) for a in articles]
    rows = pd.DataFrame({"i": [c.i for c in found], "j": [c.j for c in found],
                         "art_i": [blobs[c.i] for c in found],
                         "art_j": [blobs[c.j] for c in found]})
    start = time.process_time()
    for _ in engine._verified(DEFAULT_PARAMS)(iter([rows])):
        pass
    costs["verify + align"] = time.process_time() - start

    if explain:
        by_id = {a.id: a for a in articles}
        story_of = {aid: k for k, s in enumerate(result.stories) for aid in s.articles}
        pairs: dict[int, list] = {}
        for p in result.pairs:
            if story_of[p.a] == story_of[p.b]:
                pairs.setdefault(story_of[p.a], []).append(p)
        work = pd.DataFrame(
            [(k, pickle.dumps(([by_id[a] for a in s.articles], [s], pairs.get(k, []))))
             for k, s in enumerate(result.stories) if len(s.articles) > 1],
            columns=["group", "work"])
        start = time.process_time()
        for _ in engine._explained(iter([work])):
            pass
        costs["explain"] = time.process_time() - start
    return {k: v * 1000 / n for k, v in costs.items()}


def run(n: int, seed: int = 1, master: str = "local[2]", explain: bool = True,
        project_cores: int = 800) -> str:
    """The benchmark's report (lines of text)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from wiretrace import spark as engine

    articles = generate(n, seed=seed).articles()
    options = Options(quiet=True, explain=explain)
    lines = [f"The Spark engine (benchmarks/spark_bench.py): {n} synthetic articles, seed {seed}, "
             f"explanations {'on' if explain else 'off'}, wall seconds"]

    start = time.perf_counter()
    local = pipeline.compare_articles(copy.deepcopy(articles), options)
    local_s = time.perf_counter() - start
    # Only the digest of the local answer is kept: at 200,000 articles the result with its
    # explanations is gigabytes, which the Spark run's driver and JVM need on one machine.
    local_digest = hashlib.sha256(orjson.dumps(local.to_dict())).hexdigest()
    local_counts = (len(local.stories), len(local.pairs))
    del local

    start = time.perf_counter()
    spark = engine.session(master)
    session_s = time.perf_counter() - start
    timings: dict[str, float] = {}
    start = time.perf_counter()
    distributed = engine.compare_articles(spark, copy.deepcopy(articles), options,
                                          timings=timings)
    spark_s = time.perf_counter() - start
    same = hashlib.sha256(orjson.dumps(distributed.to_dict())).hexdigest() == local_digest
    spark_counts = (len(distributed.stories), len(distributed.pairs))
    del distributed

    lines += [
        f"  local engine, 1 core                     {local_s:9.1f} s",
        f"  Spark session start ({master})          {session_s:9.1f} s",
        f"  Spark engine ({master}), end to end     {spark_s:9.1f} s",
        *(f"    {step:<38}{seconds:9.1f} s" for step, seconds in timings.items()),
        f"  same answers: {'yes' if same else 'NO'} ({local_counts[0]} stories, "
        f"{local_counts[1]} pairs; Spark {spark_counts[0]} stories, {spark_counts[1]} pairs)",
    ]
    # Per-1,000-article costs are measured on at most COST_SAMPLE articles (the costs are
    # linear in the articles; a larger sample only costs memory and time).
    sample = articles[:COST_SAMPLE]
    costs = _costs(copy.deepcopy(sample), pipeline.compare_articles(copy.deepcopy(sample), options),
                   explain)
    lines.append(f"  per-partition costs measured on {len(sample):,} of the articles")
    total = sum(costs.values())
    lines.append("  per-partition costs, one core, s per 1,000 articles:")
    lines += [f"    {stage:<38}{cost:9.3f}" for stage, cost in costs.items()]
    minutes = total * PROJECT_ARTICLES / 1000 / project_cores / 60
    core_hours = total * PROJECT_ARTICLES / 1000 / 3600
    lines.append(f"  projection: {PROJECT_ARTICLES:,} articles = {core_hours:,.0f} core-hours"
                 f" of batch stages; on {project_cores} cores "
                 f"(e.g. 50 workers x 16 vCPU) {minutes:.0f} min, plus shuffles and the driver steps")
    if not same:
        raise SystemExit("\n".join(lines) + "\nthe engines disagree")
    return "\n".join(lines)
