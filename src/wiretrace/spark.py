"""The Spark engine: the pipeline of ``pipeline.py`` over a cluster, with the same answers.

    python -m wiretrace.spark pages/ --format json -o out.json        # local[*]
    wiretrace compare pages/ --engine spark --master spark://host:7077
    spark-submit --master yarn run.py crawl/ --format parquet -o out/  # docs/spark.md

(``run.py``: ``from wiretrace.spark import main; main()``; under ``spark-submit`` the
master is the one ``spark-submit`` was given.)

Every stage calls the same functions as ``pipeline.compare_articles``, in Arrow batches
through ``mapInPandas`` (never a row-at-a-time UDF):

1. ingest + clean: local paths on the driver (``pipeline.read_articles``); Parquet given as
   URIs read by Spark and cleaned per partition (``read_parquet_articles``). Then the
   corpus-wide site boilerplate pass on the driver (``strip_boilerplate``: counts of
   paragraphs per host).
2. index: each partition tokenises its texts and sketches them (``block_keys``), and packs
   each bucket membership as the local engine does (``index.sketch.pack`` with ``doc_bits`` of the
   whole corpus), so a bucket here is exactly a bucket there.
3. buckets: a DataFrame shuffle by bucket; each member is ranked by text index inside its
   bucket, and paired with every earlier member of a bucket of at most ``STAR_ABOVE`` texts,
   or with the bucket's first ``REPS`` members in a bigger one (the star of ``wiretrace.index``): one
   join of members against representatives, ``REPS * size`` rows for a burst, never
   ``size^2``. Distinct pairs, then the date window.
4. verify + align: each candidate row carries both articles; a partition tokenises them once,
   counts shared shingles (``shingle_sets``, ``count_shared``, ``accept``) and aligns the
   kept pairs (``align_candidates``).
5. cluster, split where the work is local to a component and where it is not:

   a. ``components`` labels the connected components of the verified pairs by the
      large-star / small-star iteration (Kiveris et al. 2014: DataFrame joins, no
      GraphFrames). Each component's articles and pairs are grouped by label
      (``applyInPandas``), and one task runs ``build_stories(same_event=False)`` and
      ``derivation_links`` on it (``_families``): the excerpt decision, the reuse families
      and their derivation links depend only on the pairs of one component (every group,
      family and link lies inside one), and the ranks' order inside a component is their
      order in the corpus, so each pair comes back marked exactly as locally.
   b. each partition computes its articles' rare features (``feature_table``); the
      driver gets numbers, never texts.
   c. on the driver, over ids, dates, sites and those numbers (``join_families``): the
      same-event links, which join families that share no text and so no component (an
      inverted index over the whole corpus's features, ``event_links``), the strongest
      link per pair of families, the stories as components of families and links (a
      linear union-find over positions) and the stories' and pairs' layout, by the steps
      of ``build_stories`` itself (its second half).
6. compare: one row per story (and one for the pairs between stories), explained in
   ``mapInPandas`` by ``explain`` on that story alone, which is what ``explain`` does story
   by story locally.

pyspark is imported by this module only; the single-machine path never loads it.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Sequence

import numpy as np

from wiretrace.align import align_candidates
from wiretrace.clean import strip_boilerplate
from wiretrace.clean.boilerplate import fold_emptied
from wiretrace.cluster import EventRule, build_stories, date_pairs, derivation_links, join_families
from wiretrace.cluster.features import FeatureTable, feature_table
from wiretrace.compare import explain, pair_groups
from wiretrace.index import REPS, STAR_ABOVE, UNKNOWN, accept, count_shared, day_numbers
from wiretrace.index.sketch import (
    DEFAULT_PARAMS,
    SketchParams,
    block_keys,
    doc_bits,
    pack,
    shingle_sets,
)
from wiretrace.model import Article, Pair, Result
from wiretrace.run import Options, ProblemLog
from wiretrace.text import tokenize_many

DEFAULT_MASTER = "local[*]"


def session(master: str | None = None, partitions: int | None = None):
    """A SparkSession for the engine (an active one is reused).

    ``master=None``: the one ``spark-submit`` was given when launched by it, else
    ``local[*]``. Local masters bind to loopback (``SPARK_LOCAL_IP``); Arrow carries every
    batch.
    """
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this Python
    if master is None and not submitted:
        master = DEFAULT_MASTER
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder if master is None else SparkSession.builder.master(master)
    builder = (
        builder.appName("wiretrace")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if partitions is None and master and master.startswith("local"):  # Spark's 200 are for clusters
        partitions = 2 * (os.cpu_count() or 1)
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    if master and master.startswith("local") and not submitted:
        builder = builder.config("spark.driver.memory", local_memory())
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def local_memory() -> str:
    """The JVM heap of a local session: ``WIRETRACE_SPARK_MEMORY`` (e.g. ``"8g"``), else a
    third of the machine's memory.

    In local mode one JVM is driver and executors at once, and Spark's default heap (1 GB)
    cannot take the articles the driver hands over: 200,000 articles (591 MB of text) ran it
    out of memory. A third, not more: the Python driver holds the articles and the result
    too (half of 24 GB for the JVM, beside a Python process holding both engines' results,
    had the JVM killed by the kernel). A session that ``spark-submit`` started keeps the
    memory it was given.
    """
    if "WIRETRACE_SPARK_MEMORY" in os.environ:
        return os.environ["WIRETRACE_SPARK_MEMORY"]
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(1024, total // 3 // 2**20)}m"


def _partitions(spark, n: int) -> int:
    """Input partitions: twice the cluster's parallelism, but no fewer than ~500 texts each
    (a partition's batch amortises the Python worker's per-batch cost)."""
    return max(1, min(spark.sparkContext.defaultParallelism * 2, -(-n // 500)))


# --- stage functions over Arrow batches ------------------------------------------------------


def _memberships(bits: int, params: SketchParams):
    """mapInPandas: (idx, text) -> (bucket, doc), packed exactly as ``sketch_batch`` packs."""
    mask = np.uint64((1 << bits) - 1)

    def run(batches):
        import pandas as pd

        for frame in batches:
            tokens = tokenize_many(frame["text"].tolist())
            keys, local = block_keys(tokens, params)  # distinct per partition
            docs = frame["idx"].to_numpy(np.int64)[local]
            packed = pack(keys, docs, bits)
            yield pd.DataFrame({"bucket": (packed >> np.uint64(bits)).astype(np.int64),
                                "doc": (packed & mask).astype(np.int64)})

    return run


def _verified(params: SketchParams):
    """mapInPandas: candidate rows (i, j, article_i, article_j) -> (i, j, pair) of the pairs
    that pass verification and alignment, each article tokenised once per batch."""

    def run(batches):
        import pandas as pd

        for frame in batches:
            index: dict[int, int] = {}
            articles: list[Article] = []
            for col, blob in (("i", "art_i"), ("j", "art_j")):
                for idx, data in zip(frame[col].tolist(), frame[blob].tolist(), strict=True):
                    if idx not in index:
                        index[idx] = len(articles)
                        articles.append(pickle.loads(data))
            tokens = tokenize_many([a.text for a in articles])
            sets, offsets = shingle_sets(tokens, params)
            pi = np.array([index[i] for i in frame["i"].tolist()], dtype=np.int64)
            pj = np.array([index[j] for j in frame["j"].tolist()], dtype=np.int64)
            shared = count_shared(sets, offsets, sets, offsets, pi, pj)
            sizes = np.diff(offsets)
            keep, _ = accept(shared, sizes[pi], sizes[pj], params)
            gi, gj = frame["i"].to_numpy()[keep], frame["j"].to_numpy()[keep]
            local = list(zip(pi[keep].tolist(), pj[keep].tolist(), strict=True))
            by_ids = {(articles[x].id, articles[y].id): (a, b) for (x, y), a, b
                      in zip(local, gi.tolist(), gj.tolist(), strict=True)}
            rows = [(*by_ids[(p.a, p.b)], pickle.dumps(p))
                    for p in align_candidates(articles, tokens, local)]
            yield pd.DataFrame(rows, columns=["i", "j", "pair"]).astype({"i": "int64",
                                                                         "j": "int64"})

    return run


def _features(batches):
    """mapInPandas: (idx, text, title) -> (idx, ids, kinds, key) of each article's rare
    features (``feature_table``, what ``build_stories`` computes), as raw numpy bytes."""
    import pandas as pd

    for frame in batches:
        texts = frame["text"].tolist()
        shells = [Article(id="", source="", index=0, text=text, title=title)
                  for text, title in zip(texts, frame["title"].tolist(), strict=True)]
        table = feature_table(shells, tokenize_many(texts))
        bounds = table.row_off.tolist()
        spans = list(zip(bounds[:-1], bounds[1:], strict=True))
        yield pd.DataFrame({
            "idx": frame["idx"].to_numpy(np.int64),
            "ids": [table.ids[x:y].tobytes() for x, y in spans],
            "kinds": [table.kinds[x:y].tobytes() for x, y in spans],
            "key": [table.key[x:y].tobytes() for x, y in spans],
        })


def _families(all_pairs: bool):
    """applyInPandas, one connected component of the verified pairs per group: its article
    rows (idx, art) and pair rows (i, j, pair) -> each pair marked as ``build_stories`` and
    ``derivation_links`` mark it (excerpts; links, sources and dates) with whether
    ``derivation_links`` lists it, and one row (i = -1) of the roots of its reuse families.

    Both functions are local to a component: excerpts are decided among the groups and
    families that the component's reuse pairs make, and a family's links among its pairs,
    with ranks whose order inside the component is their order in the corpus (dates, shares,
    lengths, ids, then input position: the component's articles keep input order)."""

    def run(frame):
        import pandas as pd

        arts = frame[frame["idx"] >= 0].sort_values("idx")
        rows = frame[frame["idx"] < 0].sort_values(["i", "j"])
        articles = [pickle.loads(b) for b in arts["blob"].tolist()]
        pairs: list[Pair] = [pickle.loads(b) for b in rows["blob"].tolist()]
        stories, ordered = build_stories(articles, pairs, same_event=False)
        listed = {id(p) for p in derivation_links(articles, ordered, all_pairs=all_pairs,
                                                  stories=stories)}
        roots = {family[0]: root for story in stories
                 for family, root in zip(story.families, story.roots, strict=True)}
        out = [(i, j, id(p) in listed, pickle.dumps(p)) for i, j, p
               in zip(rows["i"].tolist(), rows["j"].tolist(), pairs, strict=True)]
        out.append((-1, -1, False, pickle.dumps(roots)))
        return pd.DataFrame(out, columns=["i", "j", "listed", "blob"])

    return run


def _explained(batches):
    """mapInPandas: one pickled (articles, stories, pairs) group per row -> explained."""
    import pandas as pd

    for frame in batches:
        out = []
        for group, data in zip(frame["group"].tolist(), frame["work"].tolist(), strict=True):
            articles, stories, pairs = pickle.loads(data)
            done = explain(Result(articles=articles, stories=stories, pairs=pairs))
            out.append((group, pickle.dumps((done.stories, done.pairs))))
        yield pd.DataFrame(out, columns=["group", "work"])


# --- DataFrame steps ---------------------------------------------------------------------------


def bucket_pairs(memberships, star_above: int | None = STAR_ABOVE, reps: int = REPS):
    """Distinct candidate pairs (i < j) of a DataFrame of (bucket, doc) memberships.

    The index stage's rule (``bucket_pairs``): every pair of a bucket of at most ``star_above``
    distinct texts; in a bigger one each member against the bucket's first ``reps`` texts.
    ``star_above=None``: every pair (``--all-pairs``). One shuffle gathers each bucket's
    sorted texts ``d``; pairs ``(d[x], d[y])``, ``x < y``, take ``x`` up to ``size - 2`` in a
    clique and up to ``reps - 1`` in a star.
    """
    from pyspark.sql import functions as F

    buckets = (memberships.groupBy("bucket").agg(F.sort_array(F.collect_set("doc")).alias("d"))
               .select("d", F.size("d").alias("size")).where("size >= 2"))
    last = F.col("size") - 2
    if star_above is not None:
        last = F.when(F.col("size") <= star_above, last).otherwise(reps - 1)
    return (buckets.select("d", "size", F.explode(F.sequence(F.lit(0), last)).alias("x"))
            .select("d", "x", F.explode(F.sequence(F.col("x") + 1, F.col("size") - 1)).alias("y"))
            .select(F.col("d")[F.col("x")].alias("i"), F.col("d")[F.col("y")].alias("j"))
            .distinct())


def components(edges, max_rounds: int = 64):
    """Connected components of an undirected edge DataFrame (columns u, v): (node, label),
    the label being the smallest node of the component; nodes without edges are absent.

    Large-star / small-star (Kiveris et al. 2014): large-star links every neighbour larger
    than a node to the node's smallest neighbourhood member; small-star links a node and its
    smaller neighbours to the smallest of them. Alternating both until small-star changes no
    edge leaves stars around each component's minimum, in O(log n) rounds.
    """
    from pyspark.sql import functions as F

    def neighbourhood_min(e):
        return e.groupBy("u").agg(F.least(F.min("v"), F.first("u")).alias("m"))

    edges = edges.where("u != v").select(F.least("u", "v").alias("u"),
                                         F.greatest("u", "v").alias("v")).distinct()
    for _ in range(max_rounds):
        # large-star: for each u, link every larger neighbour v to m(u)
        both = edges.union(edges.select(F.col("v").alias("u"), F.col("u").alias("v")))
        large = (both.join(neighbourhood_min(both), "u").where("v > u")
                 .select(F.col("v").alias("u"), F.col("m").alias("v")).distinct())
        large = large.where("u != v").select(F.least("u", "v").alias("u"),
                                             F.greatest("u", "v").alias("v")).distinct()
        # small-star: for each u, link u and its smaller neighbours to their minimum
        down = large.select(F.col("v").alias("u"), F.col("u").alias("v"))  # v < u
        star = down.join(neighbourhood_min(down), "u")
        small = star.select(F.col("v").alias("a"), F.col("m").alias("b")).union(
            star.select(F.col("u").alias("a"), F.col("m").alias("b")))
        small = small.where("a != b").select(F.least("a", "b").alias("u"),
                                             F.greatest("a", "b").alias("v")).distinct()
        edges = small.localCheckpoint()
        # done when the edges are disjoint stars: no node is both a centre and a leaf, and
        # no leaf hangs from two centres (then each centre is its component's minimum)
        shared = edges.groupBy("v").count().where("count > 1").select("v")
        centre = edges.select(F.col("u").alias("v")).intersect(edges.select("v"))
        if shared.union(centre).isEmpty():
            break
    else:
        raise RuntimeError(f"components did not converge in {max_rounds} rounds")
    return (edges.select(F.col("v").alias("node"), F.col("u").alias("label"))
            .union(edges.select(F.col("u").alias("node"), F.col("u").alias("label")))
            .distinct())


# --- the engine ----------------------------------------------------------------------------


def compare_articles(spark, articles: Sequence[Article], options: Options,
                     params: SketchParams = DEFAULT_PARAMS,
                     timings: dict[str, float] | None = None) -> Result:
    """``pipeline.compare_articles`` on Spark: the same Result (module docstring).

    ``timings``, when given, receives the wall seconds of each step (the benchmark's rows).
    """
    import time

    import pandas as pd
    from pyspark.sql import functions as F

    if options.db:
        raise ValueError("the Spark engine does not match an archive (--db); "
                         "use the local engine")
    timings = timings if timings is not None else {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = timings.get(step, 0.0) + now - clock
        clock = now

    articles = list(articles)
    strip_boilerplate(articles)
    articles = fold_emptied(articles)
    n = len(articles)
    parts = _partitions(spark, n)
    frame = pd.DataFrame({
        "idx": np.arange(n, dtype=np.int64),
        "text": [a.text for a in articles],
        "title": [a.title for a in articles],
        "day": day_numbers([a.date for a in articles]),
        "art": [pickle.dumps(a) for a in articles],
    })
    docs = spark.createDataFrame(frame).repartition(parts, "idx").cache()
    del frame
    lap("driver: boilerplate, to Spark")

    memberships = docs.select("idx", "text").mapInPandas(
        _memberships(doc_bits(n), params), "bucket long, doc long")
    candidates = bucket_pairs(memberships, None if options.all_pairs else STAR_ABOVE)
    if options.window_days is not None:
        days = docs.select("idx", "day")
        candidates = (candidates
                      .join(days.select(F.col("idx").alias("i"), F.col("day").alias("di")), "i")
                      .join(days.select(F.col("idx").alias("j"), F.col("day").alias("dj")), "j")
                      .where((F.col("di") == UNKNOWN) | (F.col("dj") == UNKNOWN)
                             | (F.abs(F.col("di") - F.col("dj")) <= options.window_days))
                      .select("i", "j"))
    blobs = docs.select("idx", "art")
    verified = (candidates
                .join(blobs.select(F.col("idx").alias("i"), F.col("art").alias("art_i")), "i")
                .join(blobs.select(F.col("idx").alias("j"), F.col("art").alias("art_j")), "j")
                .select("i", "j", "art_i", "art_j")
                .mapInPandas(_verified(params), "i long, j long, pair binary")
                .localCheckpoint())
    lap("spark: sketch, buckets, verify, align")

    pairs, listed, roots = _clustered(spark, docs, verified, articles, options.all_pairs)
    lap("spark: components, excerpts, derivation links")
    table = _feature_table(docs, n)
    docs.unpersist()
    lap("spark: same-event features")
    window = options.window_days if options.window_days is not None else EventRule.window_days
    stories, pairs = join_families(articles, pairs, table, EventRule(window_days=window))
    # the same-event links are new here (derivation_links dated the others per component)
    date_pairs(articles, [pair for pair in pairs if pair.relation == "same-event"])
    for story in stories:
        # a family of several articles has its root from its component; one article (a
        # later occurrence of a repeated id, too) is its own root
        story.roots = [roots[family[0]] if len(family) > 1 else family[0]
                       for family in story.families]
    pairs = pairs if options.all_pairs else [p for p in pairs if listed.get(id(p), True)]
    result = Result(articles=articles, stories=stories, pairs=pairs)
    lap("driver: same-event links, stories")
    if options.explain:
        _explain(spark, result)
        lap("spark: explain")
    return result


def _clustered(spark, docs, verified, articles: Sequence[Article], all_pairs: bool
               ) -> tuple[list[Pair], dict[int, bool], dict[str, str]]:
    """The per-component half of the cluster stage, on the executors.

    ``components`` labels the connected components of the verified pairs (large-star /
    small-star joins); each component's articles (from ``docs``) and pairs are grouped by
    label and handled by ``_families``. Returns the pairs in (i, j) order (the order the
    local engine hands them to ``build_stories``), whether ``derivation_links`` lists each
    (by ``id``), and the root of every reuse family by the id of its first member.
    Pairs name a repeated id's first occurrence, so its edges join that one."""
    import pandas as pd
    from pyspark.sql import functions as F

    first: dict[str, int] = {}
    for k, article in enumerate(articles):
        first.setdefault(article.id, k)
    edges = verified.select("i", "j", F.col("i").alias("ci"), F.col("j").alias("cj"), "pair")
    if len(first) < len(articles):
        where = spark.createDataFrame(pd.DataFrame({
            "idx": np.arange(len(articles), dtype=np.int64),
            "at": np.array([first[a.id] for a in articles], dtype=np.int64)}))
        edges = (verified
                 .join(where.select(F.col("idx").alias("i"), F.col("at").alias("ci")), "i")
                 .join(where.select(F.col("idx").alias("j"), F.col("at").alias("cj")), "j")
                 .select("i", "j", "ci", "cj", "pair"))
    labels = components(edges.select(F.col("ci").alias("u"), F.col("cj").alias("v")))
    labels = labels.select(F.col("node").alias("idx"), "label").localCheckpoint()
    # a pair of an article with itself (one id twice) makes no edge: its own component
    pair_rows = (edges.join(labels.withColumnRenamed("idx", "ci"), "ci", "left")
                 .select(F.coalesce("label", "ci").alias("label"),
                         F.lit(-1).cast("long").alias("idx"), "i", "j",
                         F.col("pair").alias("blob")))
    nodes = edges.select(F.col("ci").alias("idx")).union(
        edges.select(F.col("cj").alias("idx"))).distinct()
    art_rows = (nodes.join(labels, "idx", "left").join(docs.select("idx", "art"), "idx")
                .select(F.coalesce("label", "idx").alias("label"), "idx",
                        F.lit(-1).cast("long").alias("i"), F.lit(-1).cast("long").alias("j"),
                        F.col("art").alias("blob")))
    done = (art_rows.unionByName(pair_rows).groupBy("label")
            .applyInPandas(_families(all_pairs), "i long, j long, listed boolean, blob binary")
            .toPandas())
    rows = done[done["i"] >= 0].sort_values(["i", "j"])
    pairs = [pickle.loads(b) for b in rows["blob"].tolist()]
    listed = {id(p): bool(flag) for p, flag in zip(pairs, rows["listed"].tolist(), strict=True)}
    roots: dict[str, str] = {}
    for data in done.loc[done["i"] < 0, "blob"].tolist():
        roots.update(pickle.loads(data))
    return pairs, listed, roots


def _feature_table(docs, n: int) -> FeatureTable:
    """``feature_table`` of the whole corpus, computed per partition on the executors and
    laid end to end on the driver in input order: numbers only, no text."""
    got = (docs.select("idx", "text", "title")
           .mapInPandas(_features, "idx long, ids binary, kinds binary, key binary")
           .toPandas().sort_values("idx"))
    if len(got) != n:
        raise AssertionError(f"features of {len(got)} articles, not {n}")
    ids = got["ids"].tolist()
    row_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, ids), np.int64, n) // 8, out=row_off[1:])

    def joined(column: list[bytes], dtype) -> np.ndarray:
        return np.frombuffer(b"".join(column), dtype=dtype).copy()

    return FeatureTable(row_off, joined(ids, np.int64), joined(got["kinds"].tolist(), np.int8),
                        joined(got["key"].tolist(), np.bool_))


def _explain(spark, result: Result) -> None:
    """``explain(result)`` with one task row per story (and one for the pairs between
    stories), each explained on its own, as ``explain`` goes story by story; in place."""
    import pandas as pd

    by_group = pair_groups(result)
    position = {a.id: a for a in reversed(result.articles)}  # a repeated id: its first
    work = []
    for k, members in sorted(by_group.items()):
        pairs = [result.pairs[n] for n in members]
        stories = [result.stories[k]] if k >= 0 else []
        ids = {aid for p in pairs for aid in (p.a, p.b)} | {
            aid for s in stories for aid in s.articles}
        chosen = [position[aid] for aid in sorted(ids) if aid in position]
        work.append((k, pickle.dumps((chosen, stories, pairs))))
    for k, story in enumerate(result.stories):  # stories without pairs: nothing to explain
        if k not in by_group and len(story.articles) >= 2:
            raise AssertionError(f"story {story.id} has articles but no pairs")
    if not work:
        return
    frame = pd.DataFrame(work, columns=["group", "work"])
    parts = max(1, min(len(work), spark.sparkContext.defaultParallelism * 4))
    done = (spark.createDataFrame(frame).repartition(parts)
            .mapInPandas(_explained, "group long, work binary").toPandas())
    for k, data in zip(done["group"].tolist(), done["work"].tolist(), strict=True):
        stories, pairs = pickle.loads(data)
        if k >= 0:
            result.stories[k] = stories[0]
        for n, pair in zip(by_group[k], pairs, strict=True):
            result.pairs[n] = pair


def _cleaned_rows(batches):
    """mapInPandas: Parquet rows (the input columns, file, row) -> each row's articles and
    problems, pickled: the row rule of ``ingest.records``, then ``clean_batch``."""
    import pandas as pd

    from wiretrace.clean import clean_batch
    from wiretrace.ingest.records import document_from_row

    for frame in batches:
        out = []
        for record in frame.to_dict("records"):
            log = ProblemLog()
            path, row = record.pop("file_path"), int(record.pop("row_index")) + 1
            obj = {k: (None if isinstance(v, float) and v != v else v) for k, v in record.items()}
            doc = document_from_row(obj, path, row, log)
            articles = clean_batch([doc])[0] if doc is not None else []
            out.append((path, row, pickle.dumps((articles, log.problems))))
        yield pd.DataFrame(out, columns=["file_path", "row", "work"])


def read_parquet_articles(spark, paths: Sequence[str], problems: ProblemLog) -> list[Article]:
    """The articles of Parquet tables read by Spark (any URI Spark reads: ``s3a://``,
    ``gs://``, ``abfss://``, ``hdfs://``, ``file://``), each row read by the local reader's
    rule and cleaned on the executors; in file then row order, ids made unique as
    ``pipeline.unique_ids`` makes them. A row's source is ``URI:ROW``."""
    from pyspark.sql import functions as F

    from wiretrace.ingest.records import COLUMNS
    from wiretrace.pipeline import unique_ids

    frame = spark.read.parquet(*paths)
    present = [c for c in COLUMNS if c in frame.columns]
    rows = (frame.select(*present, F.col("_metadata.file_path").alias("file_path"),
                         F.col("_metadata.row_index").alias("row_index"))
            .mapInPandas(_cleaned_rows, "file_path string, row long, work binary")
            .toPandas().sort_values(["file_path", "row"]))
    articles: list[Article] = []
    for data in rows["work"].tolist():
        found, logged = pickle.loads(data)
        for problem in logged:
            problems.add(problem.source, problem.reason, where=problem.where)
        articles.extend(found)
    problems.files += int(rows["file_path"].nunique())
    return list(unique_ids(articles, set(), problems))


def run(paths: Sequence[str], options: Options, problems: ProblemLog | None = None,
        master: str | None = None, spark=None) -> Result:
    """``pipeline.run`` on Spark. Local paths are read and cleaned on the driver by the local
    readers; when every path is a URI (``s3a://bucket/crawl/``), they are Parquet tables
    read by Spark and cleaned on the executors (``read_parquet_articles``)."""
    from wiretrace.pipeline import read_articles

    problems = problems if problems is not None else ProblemLog(strict=options.strict)
    spark = spark or session(master)
    if paths and all("://" in path for path in paths):
        articles = read_parquet_articles(spark, paths, problems)
    else:
        articles = list(read_articles(paths, options, problems))
    result = compare_articles(spark, articles, options)
    for problem in result.problems:
        problems.add(problem.source, problem.reason, where=problem.where)
    result.problems = list(problems.problems)
    result.files = problems.files
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m wiretrace.spark``: ``wiretrace compare`` with the Spark engine."""
    from wiretrace.cli import main as cli_main

    args = list(sys.argv[1:] if argv is None else argv)
    if "--engine" not in args:
        args += ["--engine", "spark"]
    return cli_main(["compare", *args])


if __name__ == "__main__":
    sys.exit(main())
