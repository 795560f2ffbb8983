"""The Spark engine gives the local engine's answers (issue 15); one shared local session.

Skipped, with the reason, only where pyspark or Java is missing (`.ci/run` installs a JRE).
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import orjson
import pytest

pytestmark = pytest.mark.spark

ROOT = Path(__file__).resolve().parent.parent


def _missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'wiretrace[spark]')"
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if "JAVA_HOME" in os.environ \
        else shutil.which("java")
    if not java or not os.path.exists(java):
        return "no Java runtime (Spark needs Java 17 or 21; .ci/run installs one with apt)"
    return None


@pytest.fixture(scope="session")
def spark():
    reason = _missing()
    if reason:
        pytest.skip(reason)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from wiretrace.spark import session

    spark = session("local[2]", partitions=4)
    yield spark
    spark.stop()


@pytest.fixture(scope="session")
def engines(spark):
    """The 2,000-article synthetic corpus compared by both engines: (local, spark)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import generate

    from wiretrace import pipeline
    from wiretrace import spark as engine
    from wiretrace.run import Options

    articles = generate(2000, seed=3).articles()
    options = Options(quiet=True)
    local = pipeline.compare_articles(copy.deepcopy(articles), options)
    distributed = engine.compare_articles(spark, copy.deepcopy(articles), options)
    return local, distributed


def test_same_stories_pairs_and_explanations_as_the_local_engine(engines) -> None:
    local, distributed = engines
    assert len(local.stories) < len(local.articles)  # reprints were found: not a vacuous check
    assert sum(1 for p in local.pairs if p.relation == "reuse" and p.substitutions) > 0
    assert [s.to_dict() for s in distributed.stories] == [s.to_dict() for s in local.stories]
    assert [p.to_dict() for p in distributed.pairs] == [p.to_dict() for p in local.pairs]
    assert orjson.dumps(distributed.to_dict()) == orjson.dumps(local.to_dict())


def test_all_pairs_and_a_repeated_id_as_the_local_engine(spark) -> None:
    """With --all-pairs every pair is listed as locally; a repeated id's pairs name its first
    occurrence, so its component, family and root are those of the local engine (compared
    without explanations, which tell a repeated id's texts apart by id in neither engine)."""
    from wiretrace import pipeline
    from wiretrace import spark as engine
    from wiretrace.model import Article
    from wiretrace.run import Options

    wire = " ".join(f"Harbour{i} officials said the ferry{i} would resume on Monday."
                    for i in range(30))
    other = " ".join(f"Garden{i} growers in Tollby counted their marrows{i} again."
                     for i in range(30))
    texts = [("a", wire), ("b", wire + " Local reaction followed."), ("c", other),
             ("a", other + " A later note."),
             ("d", "Extra words. " + wire), ("e", other + " The end.")]
    articles = [Article(id=aid, source=aid, index=1, text=text, title=f"Title {k}",
                        date=f"2024-05-0{1 + k % 3}")
                for k, (aid, text) in enumerate(texts)]
    options = Options(quiet=True, all_pairs=True, explain=False)
    local = pipeline.compare_articles(copy.deepcopy(articles), options)
    distributed = engine.compare_articles(spark, copy.deepcopy(articles), options)
    assert [s.articles for s in local.stories] == [["a", "b", "c", "d", "e"], ["a"]]
    assert len(local.pairs) == 6  # every pair of {a, b, d} and of {a (its text 4), c, e}
    assert orjson.dumps(distributed.to_dict()) == orjson.dumps(local.to_dict())


def test_parquet_of_the_spark_engine_loads_in_pandas(engines, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    from test_parquet import _documented_columns
    from wiretrace.report import write_parquet

    _, distributed = engines
    paths = write_parquet(distributed, str(tmp_path / "out"))
    frames = [pd.read_parquet(path) for path in paths]
    for name, frame in zip(("articles", "pairs", "stories"), frames, strict=True):
        assert list(frame.columns) == _documented_columns(name)
    articles, pairs, stories = frames
    assert len(articles) == 2000 and len(pairs) == len(distributed.pairs) > 0
    assert set(pairs["story"]) <= set(stories["id"])


def test_bucket_pairs_follow_the_local_star_rule(spark) -> None:
    """Small buckets give every pair, a burst bucket a star around its first members."""
    from benchmarks.stagewise import candidate_pairs

    from wiretrace.spark import bucket_pairs

    rng = np.random.default_rng(5)
    keys = np.concatenate([rng.integers(0, 40, 300), np.full(60, 99)])  # one bucket of 60
    docs = np.concatenate([rng.integers(0, 200, 300), np.arange(100, 160)])
    i, j = candidate_pairs(keys.astype(np.uint64) << np.uint64(40), docs, star_above=16, reps=3)
    frame = spark.createDataFrame([(int(k), int(d)) for k, d in zip(keys, docs, strict=True)],
                                  "bucket long, doc long")
    got = sorted((r.i, r.j) for r in bucket_pairs(frame, 16, 3).collect())
    assert got == sorted(zip(i.tolist(), j.tolist(), strict=True))
    assert len(got) < 60 * 59 // 2  # the burst is a star, not a clique


def test_components_by_large_and_small_stars(spark) -> None:
    from wiretrace.cluster import component_labels
    from wiretrace.spark import components

    rng = np.random.default_rng(7)
    u, v = rng.integers(0, 40, 30), rng.integers(0, 40, 30)
    u, v = np.concatenate([u, np.arange(400, 411)]), np.concatenate([v, np.arange(401, 412)])
    frame = spark.createDataFrame([(int(a), int(b)) for a, b in zip(u, v, strict=True)],
                                  "u long, v long")
    got = {r.node: r.label for r in components(frame).collect()}
    labels = component_labels(412, u, v)
    linked = set(u.tolist()) | set(v.tolist())
    want: dict[int, int] = {}
    for node in sorted(linked):  # the smallest member of each component names it
        want[node] = min(x for x in linked if labels[x] == labels[node])
    assert got == want
    assert got[411] == 400  # a path of 12 nodes is one component


def test_compare_engine_spark_from_the_command_line(spark, tmp_path: Path, capsys) -> None:
    from wiretrace.cli import main

    story = " ".join(f"Word{i} of the wire report about the harbour." for i in range(40))
    rows = [{"id": "a", "text": story}, {"id": "b", "text": story + " Local reaction."},
            {"id": "c", "text": "Something else entirely, about gardens. " * 20}]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in rows))
    assert main(["compare", str(source), "--engine", "spark", "--master", "local[2]",
                 "--format", "json", "-q"]) == 0
    spark_out = orjson.loads(capsys.readouterr().out)
    assert main(["compare", str(source), "--format", "json", "-q"]) == 0
    assert spark_out == orjson.loads(capsys.readouterr().out)
    assert [(p["a"], p["b"]) for p in spark_out["pairs"]] == [("a#1", "b#1")]


def test_parquet_at_a_uri_is_read_by_spark_like_a_local_file(spark, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from wiretrace import pipeline
    from wiretrace import spark as engine
    from wiretrace.run import Options, ProblemLog

    story = " ".join(f"Word{i} of the wire report about the harbour." for i in range(40))
    table = pa.table({"id": ["a", "b", "c", "a"], "title": ["A", None, "C", "D"],
                      "text": [story, story + " Local reaction.", "  ", "Gardens. " * 30]})
    path = tmp_path / "in.parquet"
    pq.write_table(table, path)
    local_log, spark_log = ProblemLog(), ProblemLog()
    local = pipeline.run([str(path)], Options(quiet=True), local_log)
    distributed = engine.run([path.as_uri()], Options(quiet=True), spark_log, spark=spark)
    assert [a.id for a in distributed.articles] == [a.id for a in local.articles] \
        == ["a#1", "b#1", "a#1~2"]
    assert [p.to_dict() for p in distributed.pairs] == [p.to_dict() for p in local.pairs]
    assert [(p.where, p.reason) for p in spark_log.problems] == [
        (p.where, p.reason) for p in local_log.problems]
    assert len(spark_log.problems) == 2  # the blank row, the repeated id


def test_options_of_one_engine_given_to_the_other_are_usage_errors(capsys) -> None:
    from wiretrace.cli import main

    assert main(["compare", "x.jsonl", "--engine", "spark", "--db", "a.sqlite"]) == 2
    assert "--db" in capsys.readouterr().err
    assert main(["compare", "x.jsonl", "--master", "local[2]"]) == 2
    assert "--engine spark" in capsys.readouterr().err


def test_the_local_engine_never_imports_pyspark(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "x", "text": "A short text of a few words."}\n', encoding="utf-8")
    code = ("import sys; from wiretrace.cli import main; "
            f"main(['compare', {str(source)!r}, '--format', 'json', '-q']); "
            "sys.exit(3 if any(m.split('.')[0] in ('pyspark', 'py4j') for m in sys.modules)"
            " else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert '"articles"' in done.stdout


def test_a_local_session_gets_more_than_sparks_default_heap(spark, monkeypatch) -> None:
    """In local mode one JVM is driver and executors: it gets a third of the machine's memory
    (Spark's 1 GB default ran out on 200,000 articles), or WIRETRACE_SPARK_MEMORY."""
    from wiretrace.spark import local_memory

    assert spark.sparkContext.getConf().get("spark.driver.memory") == local_memory()
    monkeypatch.delenv("WIRETRACE_SPARK_MEMORY", raising=False)
    assert int(local_memory().rstrip("m")) >= 1024
    monkeypatch.setenv("WIRETRACE_SPARK_MEMORY", "5g")
    assert local_memory() == "5g"
