"""Parquet in and out: the streaming reader, the three output tables, ``wiretrace.frames``.

Tests that need pyarrow (or pandas) skip without it; those of the messages a user gets
without them hide the module (``sys.modules[name] = None``), so they run either way.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wiretrace
from wiretrace.cli import build_parser, main
from wiretrace.ingest import read
from wiretrace.model import Result
from wiretrace.pipeline import run
from wiretrace.run import Options, ProblemLog

ROOT = Path(__file__).resolve().parent.parent
BRIDGE = ("Rescue teams in the invented town of Brelmoor pulled eleven people from the river "
          "on Sunday after a footbridge gave way during the spring fair, the mayor said. "
          "Two people were still missing and divers would resume the search at dawn, she "
          "added. The bridge, built of timber in 1911, had been inspected in March.")
PORT = ("Dockworkers at the invented port of Halden extended their strike into a third week "
        "on Monday as pay talks stalled, the union said. Some 40 ships were waiting "
        "offshore and the port authority warned of shortages of fresh food by Friday. "
        "The union wants a raise of nine percent over two years.")
LONE = ("A choir from the invented village of Ostmark won the regional singing contest on "
        "Saturday with a programme of old harvest songs, the organisers said.")
RECORDS = [
    {"id": "b1", "date": "2024-05-05", "outlet": "Courier", "title": "Bridge collapse",
     "text": "BRELMOOR, Veltra (AFP) - " + BRIDGE},
    {"id": "b2", "date": "2024-05-05", "outlet": "Gazette", "url": "https://gazette.example/b2",
     "text": BRIDGE.replace("eleven", "twelve").replace("timber", "wood")},
    {"id": "b3", "date": "2024-05-06", "outlet": "Standard",
     "text": BRIDGE + " The town council will meet on Tuesday to discuss repairs."},
    {"id": "p1", "date": "2024-06-03", "outlet": "Courier", "text": PORT},
    {"id": "p2", "date": "2024-06-03", "outlet": "Metro", "text": PORT.replace("40", "45")},
    {"id": "l1", "date": "2024-07-01", "outlet": "Courier", "text": LONE},
]


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _parquet(path: Path, records: list[dict], **write_options) -> Path:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    names = list(dict.fromkeys(k for r in records for k in r))
    table = pa.table({name: [r.get(name) for r in records] for name in names})
    pq.write_table(table, path, **write_options)
    return path


def _read(path: Path | str, **kwargs) -> tuple[list, list[str]]:
    log = ProblemLog()
    docs = list(read([str(path)], problems=log, **kwargs))
    return docs, [str(p) for p in log.problems]


def _documented_columns(table: str) -> list[str]:
    """The column names docs/parquet.md lists for ``table``, in order."""
    doc = (ROOT / "docs" / "parquet.md").read_text(encoding="utf-8")
    section = doc.split(f"### {table}\n", 1)[1].split("\n### ", 1)[0]
    names = []
    for line in section.splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([a-z_]+)`", line.split("|")[1])
    return names


# -- input ------------------------------------------------------------------------------


def test_rows_read_like_jsonl_lines(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import datetime

    import pyarrow.parquet as pq

    page = ("<html><head><title>Fair ends | Invented Post</title></head><body><article>"
            f"<h1>Fair ends</h1><p>{LONE}</p><p>{LONE}</p></article></body></html>")
    table = pa.table({
        "id": pa.array([7, 8, None, 9], pa.int64()),
        "text": pa.array(["Rain in Lyon.\r\nMore rain.", None, "  ", "Sun in Nice."]),
        "html": pa.array([None, page, None, None]),
        "date": pa.array([datetime.date(2024, 3, 1), None, None,
                          datetime.date(2024, 3, 2)], pa.date32()),
        "outlet": pa.array(["Courier", "Post", None, "Courier"]).dictionary_encode(),
        "raw_headers": pa.array([[1], [2], [3], [4]]),  # not a known column: never read
    })
    pq.write_table(table, tmp_path / "a.parquet")
    docs, problems = _read(tmp_path / "a.parquet")
    assert [(d.id, d.source, d.format, d.date, d.outlet) for d in docs] == [
        ("7", f"{tmp_path / 'a.parquet'}:1", "parquet", "2024-03-01", "Courier"),
        ("8", f"{tmp_path / 'a.parquet'}:2", "parquet", None, "Post"),
        ("9", f"{tmp_path / 'a.parquet'}:4", "parquet", "2024-03-02", "Courier"),
    ]
    assert docs[0].text == "Rain in Lyon.\nMore rain."
    assert docs[1].title == "Fair ends" and "Ostmark" in docs[1].text
    assert problems == [f'{tmp_path / "a.parquet"}: row 3: no article: needs a non-empty '
                        f'"text" or "html"']


def test_timestamps_and_written_dates(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import datetime

    import pyarrow.parquet as pq

    stamp = datetime.datetime(2024, 3, 1, 23, 0, tzinfo=datetime.UTC)
    pq.write_table(pa.table({"text": ["One.", "Two."],
                             "date": pa.array([stamp, None], pa.timestamp("s", tz="UTC"))}),
                   tmp_path / "t.parquet")
    _parquet(tmp_path / "w.parquet", [{"text": "One.", "date": "Sept 28, 2017"},
                                      {"text": "Two.", "date": "soon"}])
    assert [d.date for d in _read(tmp_path / "t.parquet")[0]] == ["2024-03-01", None]
    docs, problems = _read(tmp_path / "w.parquet")
    assert [d.date for d in docs] == ["2017-09-28", None]
    assert problems == [f"{tmp_path / 'w.parquet'}: row 2: \"date\" is not a date (such as "
                        f"2024-03-01): 'soon'; the article is kept without it"]


def test_columns_of_another_type_are_one_problem_each(tmp_path: Path) -> None:
    _parquet(tmp_path / "a.parquet", [{"text": "One.", "title": 5, "id": 1.5}] * 3)
    docs, problems = _read(tmp_path / "a.parquet")
    assert [d.title for d in docs] == [None] * 3 and [d.id for d in docs] == [None] * 3
    assert problems == [f'{tmp_path / "a.parquet"}: column "id" holds double, not strings; '
                        f'it is not read',
                        f'{tmp_path / "a.parquet"}: column "title" holds int64, not strings; '
                        f'it is not read']
    _parquet(tmp_path / "b.parquet", [{"body": "One."}, {"body": "Two."}])
    docs, problems = _read(tmp_path / "b.parquet")
    assert docs == [] and problems == [
        f'{tmp_path / "b.parquet"}: no article: needs a "text" or "html" column of strings']


def test_a_file_that_is_not_parquet_is_one_problem(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    (tmp_path / "a.parquet").write_bytes(b"PAR1 and then nothing of the kind")
    (tmp_path / "b.txt").write_text("An invented article.\n")
    for name in ("a.parquet", "b.txt"):
        docs, problems = _read(tmp_path / name, input_format="parquet")
        assert docs == [] and len(problems) == 1
        assert problems[0].startswith(f"{tmp_path / name}: not a readable Parquet file (")


def test_damage_in_a_later_row_group_keeps_the_rows_before(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = _parquet(tmp_path / "a.parquet", [{"id": f"r{n}", "text": f"Row {n}."}
                                             for n in range(10)], row_group_size=4)
    column = pq.ParquetFile(path).metadata.row_group(1).column(1)  # "text" of rows 5-8
    data = bytearray(path.read_bytes())
    data[column.data_page_offset : column.data_page_offset + 16] = bytes(16)
    path.write_bytes(bytes(data))
    docs, problems = _read(path)
    assert [d.id for d in docs] == ["r0", "r1", "r2", "r3", "r8", "r9"]
    assert len(problems) == 1 and problems[0].startswith(
        f"{path}: row 5: damaged Parquet data (")
    assert problems[0].endswith("; rows 5 to 8 are skipped")


def test_a_string_that_is_not_utf8_is_a_problem_of_its_row(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    marker = "Qzqzqzqz"
    path = _parquet(tmp_path / "a.parquet",
                    [{"text": "Row one."}, {"text": f"Row {marker}."}, {"text": "Row three.",
                                                                         "title": marker}],
                    compression="none", use_dictionary=False)
    path.write_bytes(path.read_bytes().replace(marker.encode(), b"\xff" * len(marker)))
    docs, problems = _read(path)
    assert [d.text for d in docs] == ["Row one.", "Row three."] and docs[1].title is None
    assert problems == [f'{path}: row 2: "text" is not valid UTF-8; the row is skipped',
                        f'{path}: row 3: "title" is not valid UTF-8; the article is kept '
                        f'without it']


def test_gzip_and_stdin_are_read_through_a_temporary_copy(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "a.parquet", RECORDS)
    data = path.read_bytes()
    (tmp_path / "a.parquet.gz").write_bytes(gzip.compress(data))
    for source, stdin in ((tmp_path / "a.parquet.gz", None), ("-", io.BytesIO(data))):
        docs, problems = _read(source, stdin=stdin)
        assert [d.id for d in docs] == [r["id"] for r in RECORDS] and problems == []
    (tmp_path / "cut.parquet.gz").write_bytes(gzip.compress(data)[:-30])
    docs, problems = _read(tmp_path / "cut.parquet.gz")
    assert docs == [] and len(problems) == 1


def test_rows_stream_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first Document comes out before the later batches are decoded."""
    from wiretrace.ingest import records as parquet

    path = _parquet(tmp_path / "a.parquet", [{"text": f"Row {n}."} for n in range(40)])
    decoded: list[int] = []
    real = parquet._strings
    monkeypatch.setattr(parquet, "BATCH_ROWS", 8)
    monkeypatch.setattr(parquet, "_strings", lambda column: decoded.append(len(column))
                        or real(column))
    docs = read([str(path)], problems=ProblemLog())
    assert next(docs).text == "Row 0." and decoded == [8]
    assert len(list(docs)) == 39 and decoded == [8] * 5


def test_without_pyarrow_a_parquet_file_is_one_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.parquet"
    path.write_bytes(b"PAR1" + bytes(40) + b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    docs, problems = _read(path)
    assert docs == [] and problems == [
        f"{path}: reading Parquet needs pyarrow: pip install pyarrow"]


def _damaged(data: bytes, cuts: list[tuple[str, int, int]]) -> bytes:
    out = bytearray(data)
    for kind, at, value in cuts:
        at %= len(out) + 1
        if kind == "flip" and out:
            out[min(at, len(out) - 1)] ^= 1 << (value % 8)
        elif kind == "cut":
            del out[at : at + value]
        elif kind == "insert":
            out[at:at] = bytes([value % 256]) * (value % 17 + 1)
        else:
            out[at : at + 16] = bytes(16)
    return bytes(out)


@pytest.fixture(scope="module")
def seed_parquet(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    pytest.importorskip("pyarrow")
    path = tmp_path_factory.mktemp("seed") / "seed.parquet"
    records = [{**r, "html": None} for r in RECORDS] * 3
    records[1] = {"id": "h", "html": f"<html><body><article><p>{PORT}</p></article></body>"
                                     f"</html>"}
    return _parquet(path, records, row_group_size=5).read_bytes()


@settings(max_examples=80, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.tuples(st.sampled_from(["flip", "cut", "insert", "zero"]),
                               st.integers(0, 1 << 16), st.integers(1, 64)),
                     min_size=1, max_size=4),
       gz=st.booleans())
def test_damaged_parquet_gives_documents_and_problems_never_a_traceback(
        tmp_path: Path, seed_parquet: bytes, cuts: list[tuple[str, int, int]], gz: bool) -> None:
    data = _damaged(seed_parquet, cuts)
    path = tmp_path / ("d.parquet.gz" if gz else "d.parquet")
    path.write_bytes(gzip.compress(data) if gz else data)
    docs, problems = _read(path, input_format="parquet")
    assert all(isinstance(d.text, str) and d.text for d in docs)
    assert all("\n" not in p for p in problems)
    assert len(docs) <= len(RECORDS) * 3


# -- output -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result() -> Result:
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = _jsonl(folder / f"wiretrace-parquet-test-{os.getpid()}.jsonl", RECORDS)
    try:
        return run([str(path)], Options(quiet=True))
    finally:
        path.unlink()


def test_the_fixture_has_stories_pairs_and_explanations(result: Result) -> None:
    """Otherwise the table tests below would test empty columns."""
    sizes = sorted(len(s.articles) for s in result.stories)
    assert sizes[-2:] == [2, 3] and len(result.pairs) >= 3
    assert any(p.substitutions for p in result.pairs)
    assert any(p.conflicts for p in result.pairs)


def test_compare_writes_three_tables_with_the_documented_columns(
        capsys, tmp_path: Path, result: Result) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    code, out, err = _cli(capsys, "compare", str(source), "--format", "parquet",
                          "-o", str(tmp_path / "out"), "-q")
    assert code == 0, err
    assert out == "" and sorted(os.listdir(tmp_path / "out")) == [
        "articles.parquet", "pairs.parquet", "stories.parquet"]
    tables = {name: pq.read_table(tmp_path / "out" / f"{name}.parquet")
              for name in ("articles", "pairs", "stories")}
    for name, table in tables.items():
        assert table.schema.names == _documented_columns(name), name
    articles, pairs, stories = (tables[n].to_pylist() for n in ("articles", "pairs",
                                                                 "stories"))
    assert [a["id"] for a in articles] == [f"{r['id']}#1" for r in RECORDS]
    story_ids = [s["id"] for s in stories]
    assert len(set(story_ids)) == len(stories)
    assert sorted(aid for s in stories for aid in s["articles"]) == sorted(
        a["id"] for a in articles)  # every article in exactly one story
    story_of = {aid: s["id"] for s in stories for aid in s["articles"]}
    assert all(a["story"] == story_of[a["id"]] for a in articles)
    assert pairs and all(p["story"] == story_of[p["a"]] == story_of[p["b"]] for p in pairs)
    assert {s["size"] for s in stories} == {1, 2, 3}
    b1 = next(a for a in articles if a["id"] == "b1#1")
    assert str(b1["date"]) == "2024-05-05" and b1["site"] == "outlet:courier"
    assert b1["credits"] == ["AFP"] and b1["dateline"] == "BRELMOOR, Veltra"
    assert b1["text"].startswith("BRELMOOR, Veltra (AFP) - Rescue teams")
    swaps = [s for p in pairs for s in p["substitutions"]]
    assert {"a": "timber", "b": "wood"} in [{k: s[k] for k in "ab"} for s in swaps]
    conflict = next(c for p in pairs for c in p["conflicts"])
    assert {conflict["a"]["value"], conflict["b"]["value"]} in ({11.0, 12.0}, {40.0, 45.0})
    passage = pairs[0]["passages"][0]
    text_a = next(a["text"] for a in articles if a["id"] == pairs[0]["a"])
    assert 0 <= passage["a_start"] < passage["a_end"] <= len(text_a)
    # the same rows as the JSON output
    json_pairs = result.to_dict()["pairs"]
    assert [(p["a"], p["b"], p["relation"]) for p in pairs] == [
        (p["a"], p["b"], p["relation"]) for p in json_pairs]


def test_the_tables_load_in_pandas(tmp_path: Path, result: Result) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from wiretrace.report import write_parquet

    paths = write_parquet(result, str(tmp_path / "out"))
    frames = [pd.read_parquet(path) for path in paths]
    for name, frame in zip(("articles", "pairs", "stories"), frames, strict=True):
        assert list(frame.columns) == _documented_columns(name)
    articles, pairs, stories = frames
    assert len(articles) == len(RECORDS) and len(pairs) == len(result.pairs)
    assert set(pairs["story"]) <= set(stories["id"])


def test_frames_gives_the_three_tables_as_dataframes(result: Result) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    articles, pairs, stories = wiretrace.frames(result)
    assert list(articles.columns) == _documented_columns("articles")
    assert list(pairs.columns) == _documented_columns("pairs")
    assert list(stories.columns) == _documented_columns("stories")
    assert list(articles["id"]) == [a.id for a in result.articles]
    assert pairs.groupby("story").size().sum() == len(result.pairs)
    assert wiretrace.frames(result).stories["size"].sum() == len(result.articles)


def test_frames_without_pandas_says_what_to_install(
        result: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError) as raised:
        wiretrace.frames(result)
    assert str(raised.value) == ("wiretrace.frames needs pandas and pyarrow: "
                                 "pip install wiretrace[pandas]")


def test_parquet_output_needs_a_folder_and_pyarrow(
        capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS[:1])
    code, _, err = _cli(capsys, "compare", str(source), "--format", "parquet", "-q")
    assert code == 2 and err.strip() == (
        "wiretrace: error: Parquet output is a folder of three tables; add -o DIR")
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, "pyarrow", None)
        code, _, err = _cli(capsys, "compare", str(source), "--format", "parquet",
                            "-o", str(tmp_path / "out"), "-q")
    assert code == 2 and err.strip() == (
        "wiretrace: error: Parquet tables need pyarrow: pip install pyarrow")
    assert not (tmp_path / "out").exists()
    pytest.importorskip("pyarrow")
    (tmp_path / "file").write_text("")
    code, _, err = _cli(capsys, "compare", str(source), "--format", "parquet",
                        "-o", str(tmp_path / "file"), "-q")
    assert code == 2 and err.strip() == (f"wiretrace: error: {tmp_path / 'file'}: not a folder "
                                         f"(Parquet output is a folder of tables)")


def test_a_failed_write_leaves_the_previous_tables(
        tmp_path: Path, result: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    from wiretrace.report import data as tables

    folder = tmp_path / "out"
    before = {p: Path(p).read_bytes() for p in tables.write_parquet(Result(), str(folder))}
    real = tables.record_batches

    def failing(result, name, schema=None, stories=None):
        if name == "stories":
            raise RuntimeError("a bug while building the last table")
        return real(result, name, schema, stories)

    monkeypatch.setattr(tables, "record_batches", failing)
    with pytest.raises(RuntimeError):
        tables.write_parquet(result, str(folder))
    assert {p: Path(p).read_bytes() for p in before} == before
    assert sorted(os.listdir(folder)) == ["articles.parquet", "pairs.parquet",
                                          "stories.parquet"]


def test_output_tables_are_not_read_back_as_input(capsys, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    _jsonl(tmp_path / "in.jsonl", RECORDS)
    for _ in range(2):
        code, _, err = _cli(capsys, "compare", str(tmp_path), "--format", "parquet",
                            "-o", str(tmp_path / "out"), "-q")
        assert code == 0, err
        assert err.strip().endswith(f"1 file, {len(RECORDS)} articles, 0 problems")


def test_parquet_input_gives_the_same_stories_as_jsonl(capsys, tmp_path: Path) -> None:
    """Round trip: the same articles as JSONL lines and as Parquet rows."""
    _jsonl(tmp_path / "in.jsonl", RECORDS)
    _parquet(tmp_path / "in.parquet", RECORDS)
    outputs = {}
    for name in ("in.jsonl", "in.parquet"):
        code, out, err = _cli(capsys, "compare", str(tmp_path / name), "--format", "json",
                              "-q")
        assert code == 0, err
        outputs[name] = json.loads(out)
    jsonl, parquet = outputs["in.jsonl"], outputs["in.parquet"]
    assert parquet["stories"] == jsonl["stories"]
    assert parquet["pairs"] == jsonl["pairs"]
    assert [a["format"] for a in parquet["articles"]] == ["parquet"] * len(RECORDS)
    # the articles table written from it reads back as input, to the same stories
    code, _, err = _cli(capsys, "compare", str(tmp_path / "in.parquet"), "--format",
                        "parquet", "-o", str(tmp_path / "out"), "-q")
    assert code == 0, err
    code, out, err = _cli(capsys, "compare", str(tmp_path / "out" / "articles.parquet"),
                          "--format", "json", "-q")
    assert code == 0, err
    again = json.loads(out)
    rename = {f"{r['id']}#1#1": f"{r['id']}#1" for r in RECORDS}  # its ids get a new #1
    assert [[rename[i] for i in s["articles"]] for s in again["stories"]] == [
        s["articles"] for s in jsonl["stories"]]


# -- the JSON outputs and the help -------------------------------------------------------


def test_every_pair_names_its_story_in_json_and_jsonl(capsys, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    code, out, err = _cli(capsys, "compare", str(source), "--format", "json", "-q")
    assert code == 0, err
    data = json.loads(out)
    story_of = {aid: s["id"] for s in data["stories"] for aid in s["articles"]}
    assert data["pairs"] and all(p["story"] == story_of[p["a"]] == story_of[p["b"]]
                                 for p in data["pairs"])
    code, out, err = _cli(capsys, "compare", str(source), "--format", "jsonl", "-q")
    records = [json.loads(line) for line in out.splitlines()]
    assert [p["story"] for r in records for p in r["pairs"]] and all(
        p["story"] == r["story"]["id"] for r in records for p in r["pairs"])


def test_help_shows_parquet_in_and_out(capsys) -> None:
    parser = build_parser()
    main_help = parser.format_help()
    assert "--format parquet -o" in main_help and "Parquet" in main_help
    compare_help = parser.commands["compare"].format_help()
    assert "parquet" in compare_help and "docs/parquet.md" in compare_help


def test_other_formats_never_import_pyarrow(tmp_path: Path) -> None:
    """pyarrow is an optional extra: a run without Parquet never loads it."""
    import subprocess

    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    code = ("import sys; from wiretrace.cli import main; "
            f"main(['compare', {str(source)!r}, '--format', 'jsonl', '-q']); "
            "sys.exit(3 if 'pyarrow' in sys.modules else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert '"story":"story-1"' in done.stdout
