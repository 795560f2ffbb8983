"""End-to-end tests of the ``wiretrace`` command on the bundled examples and the seeds."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from wiretrace.cli import main

KORVASH = "Army Says Repels Rebel Raid on Korvash Villages, Several Dead"
STRIKE = "Dockworkers Extend Strike at Port Halden as Pay Talks Stall"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_articles_json_on_examples(capsys, examples_dir: Path) -> None:
    code, out, err = run_cli(capsys, "articles", str(examples_dir), "--format", "json", "-q")
    assert code == 0, err
    articles = json.loads(out)["articles"]
    titles = [a["title"] for a in articles]
    assert KORVASH in titles and STRIKE in titles
    standard = [a for a in articles if a["source"].endswith("northern-standard.txt")]
    assert [a["index"] for a in standard] == [1, 2]
    assert standard[0]["date"] == "2023-03-15"
    assert "Reuters" in standard[0]["credits"] and "AFP" in standard[0]["credits"]
    for article in articles:
        assert article["title"] not in article["text"]
        for caption in article["captions"]:
            assert caption not in article["text"]
    assert err.strip().endswith(f"{len(articles)} articles, 0 problems")


def test_compare_json_pairs_the_reprints(capsys, examples_dir: Path) -> None:
    code, out, err = run_cli(capsys, "compare", str(examples_dir), "--format", "json", "-q")
    assert code == 0, err
    data = json.loads(out)
    ids = {a["id"] for a in data["articles"]}
    # every article is in exactly one story
    members = [m for story in data["stories"] for m in story["articles"]]
    assert sorted(members) == sorted(ids)
    by_title = {a["title"]: a["id"] for a in data["articles"]}
    courier = by_title["Army says repels insurgent raid on Korvash villages"]
    standard = by_title[KORVASH]
    strike = by_title[STRIKE]
    story_of = {m: s["id"] for s in data["stories"] for m in s["articles"]}
    assert story_of[courier] == story_of[standard]
    assert story_of[strike] != story_of[standard]
    pair = next(p for p in data["pairs"] if {p["a"], p["b"]} == {courier, standard})
    assert pair["relation"] == "reuse"
    assert pair["passages"] and 0.5 < pair["shared_fraction_a"] <= 1.0
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for passage in pair["passages"]:
        start, end = passage["a" if pair["a"] == courier else "b"]
        assert 0 <= start < end <= len(texts[courier])


def test_bad_inputs_are_reported_and_the_rest_is_processed(capsys, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A short invented headline\n\nSome body text that says a thing.\n")
    broken = tmp_path / "dump.jsonl"
    broken.write_text('{"text": "First line article body."}\n{not json\n')
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(gzip.compress(b"Body of a gzipped article. " * 200)[:60])
    missing = tmp_path / "missing.txt"
    code, out, err = run_cli(
        capsys, "articles", str(good), str(broken), str(truncated), str(missing), "--format",
        "jsonl", "-q",
    )
    assert code == 1
    assert len(out.splitlines()) == 2  # good.txt + the first JSONL line
    assert f"{broken}: line 2:" in err
    assert str(truncated) in err and str(missing) in err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].endswith("2 articles, 3 problems")


def test_strict_stops_at_first_problem(capsys, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("{broken\n{\"text\": \"An invented body.\"}\n")
    code, _, err = run_cli(capsys, "articles", str(tmp_path / "a.jsonl"), "--strict", "-q")
    assert code == 1 and "line 1" in err and "--strict" in err


def test_strict_stops_at_the_first_problem_in_file_order(capsys, tmp_path: Path) -> None:
    # the reused id (line 2) comes before the broken line 3: cleaning must not read ahead
    dump = tmp_path / "dup.jsonl"
    dump.write_text('{"id": "a", "text": "Storm hits the coast and many are missing."}\n'
                    '{"id": "a", "text": "Another story about floods in the old town."}\n'
                    "{not json\n")
    code, _, err = run_cli(capsys, "articles", str(dump), "--strict", "-q")
    assert code == 1 and "already used" in err and "not valid JSON" not in err


def test_index_add_is_idempotent_and_compare_matches_archive(capsys, tmp_path: Path,
                                                            examples_dir: Path) -> None:
    db = str(tmp_path / "archive.sqlite")
    courier = str(examples_dir / "daily-courier.html")
    code, _, err = run_cli(capsys, "index", "add", courier, "--db", db, "-q")
    assert code == 0 and "1 new" in err
    code, _, err = run_cli(capsys, "index", "add", courier, "--db", db, "-q")
    assert code == 0 and "0 new" in err
    code, out, err = run_cli(capsys, "compare", str(examples_dir / "northern-standard.txt"),
                             "--db", db, "--format", "json", "-q")
    assert code == 0, err
    data = json.loads(out)
    assert any(p["relation"] == "reuse" and "daily-courier" in p["a"] + p["b"]
               for p in data["pairs"])


def test_not_an_archive_is_a_clear_error(capsys, tmp_path: Path, examples_dir: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 10)
    code, _, err = run_cli(capsys, "compare", str(examples_dir), "--db", str(bogus), "-q")
    assert code == 2 and "Traceback" not in err and str(bogus) in err


def test_help_teaches(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "wiretrace compare" in out


def test_console_script_html_report(tmp_path: Path, examples_dir: Path) -> None:
    report = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "wiretrace", "compare", str(examples_dir), "--format", "html",
         "-o", str(report)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    html = report.read_text(encoding="utf-8")
    assert "Korvash" in html and "<script src=" not in html


def test_seeds_three_articles_and_one_reuse_pair(capsys, seeds_dir: Path) -> None:
    code, out, err = run_cli(capsys, "compare", str(seeds_dir), "--format", "json", "-q")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["articles"]) == 3
    by_title = {a["title"]: a for a in data["articles"]}
    first = by_title["Iraq says defeats Daesh infiltration near Ramadi"]
    second = by_title["Iraq Says Defeats ISIS Infiltration Near Ramadi, Several Dead"]
    third = by_title["Hezbollah Says Refuses to Disarm Until Israel Withdraws from South Lebanon"]
    assert first["date"] == "2017-09-27"
    story_of = {m: s["id"] for s in data["stories"] for m in s["articles"]}
    assert story_of[first["id"]] == story_of[second["id"]] != story_of[third["id"]]
    reuse = [p for p in data["pairs"] if p["relation"] == "reuse"]
    assert len(reuse) == 1 and {reuse[0]["a"], reuse[0]["b"]} == {first["id"], second["id"]}


def test_duplicate_ids_are_renamed_and_overlapping_paths_read_once(capsys, tmp_path: Path,
                                                                   monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("An invented headline\n\nAn invented body.\n")
    (tmp_path / "d.jsonl").write_text('{"id": "x", "text": "One body."}\n'
                                      '{"id": "x", "text": "Another body."}\n')
    code, out, err = run_cli(capsys, "articles", "pages", "./pages/a.txt", "d.jsonl",
                             "--format", "jsonl", "-q")
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == ["pages/a.txt#1", "x#1", "x#1~2"]
    assert code == 1 and "'x#1' was already used" in err


def test_missing_archive_and_unwritable_output_fail_before_work(capsys, tmp_path: Path,
                                                               examples_dir: Path) -> None:
    code, _, err = run_cli(capsys, "compare", str(examples_dir), "--db",
                           str(tmp_path / "typo.sqlite"), "-q")
    assert code == 2 and "no such archive" in err
    assert not (tmp_path / "typo.sqlite").exists()
    code, _, err = run_cli(capsys, "compare", str(examples_dir), "-o",
                           str(tmp_path / "missing" / "r.html"), "-q")
    assert code == 2 and "no such folder" in err


def test_window_days_keeps_far_apart_reprints_apart(capsys, tmp_path: Path) -> None:
    body = ("Rescue teams in the invented town of Brelmoor pulled eleven people from the "
            "river on Sunday after a footbridge gave way during the spring fair, the mayor "
            "said, adding that two people were still missing and divers would resume at dawn.")
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": "one", "date": "2024-05-01", "text": body}) + "\n"
        + json.dumps({"id": "two", "date": "2024-05-20", "text": body}) + "\n")
    pairs = {}
    for days in ("3", "30"):
        code, out, err = run_cli(capsys, "compare", str(tmp_path / "d.jsonl"), "--format",
                                 "json", "--window-days", days, "-q")
        assert code == 0, err
        pairs[days] = json.loads(out)["pairs"]
    assert pairs["3"] == [] and len(pairs["30"]) == 1


def test_german_and_arabic_reprints_are_compared(capsys, tmp_path: Path) -> None:
    de = ("Nach tagelangen Regenfällen haben Überflutungen im erfundenen Tal von Hohenbrück "
          "mehr als zweihundert Häuser beschädigt, teilte die Kreisverwaltung am Montag mit. "
          "Die Feuerwehr brachte in der Nacht viele Bewohner in Sicherheit.")
    ar = ("قالت السلطات المحلية في مدينة الواحة الخضراء إن الأمطار الغزيرة أدت إلى انهيار "
          "جسر قديم فوق النهر وإغلاق الطريق الرئيسي المؤدي إلى السوق لعدة ساعات يوم الأحد.")
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in [
        ("de1", de), ("de2", de.replace("Überflutungen", "Überschwemmungen")),
        ("ar1", ar), ("ar2", ar + " وأضافت أن فرق الصيانة بدأت العمل فوراً لإصلاح الأضرار."),
    ]) + "\n")
    code, out, err = run_cli(capsys, "compare", str(tmp_path / "d.jsonl"), "--format",
                             "json", "-q")
    assert code == 0, err
    pairs = {(p["a"], p["b"]): p for p in json.loads(out)["pairs"]}
    german = pairs[("de1#1", "de2#1")]
    assert {"a": "Überflutungen", "b": "Überschwemmungen", "count": 1} in [
        {k: s[k] for k in ("a", "b", "count")} for s in german["substitutions"]
    ]
    arabic = pairs[("ar1#1", "ar2#1")]
    assert arabic["relation"] == "reuse" and arabic["only_in_b"]


def test_paths_may_follow_options(capsys, tmp_path: Path) -> None:
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("An invented headline\n\nA body line that says one thing here.\n")
    second.write_text("Another invented headline\n\nA body line that says another thing.\n")
    code, out, err = run_cli(capsys, "articles", str(first), "--format", "json", "-q",
                             str(second))
    assert code == 0, err
    assert len(json.loads(out)["articles"]) == 2
    with pytest.raises(SystemExit):
        main(["articles", str(first), "--bogus", str(second)])
    assert "wiretrace articles: error: unrecognized arguments: --bogus" in capsys.readouterr().err


def test_output_is_never_an_input_and_is_written_whole(capsys, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = "An invented headline\n\nA body line that says one thing here.\n"
    page.write_text(text)
    code, _, err = run_cli(capsys, "articles", str(page), "-o", str(page), "-q")
    assert code == 2 and "the output file is also an input" in err
    assert page.read_text() == text  # untouched
    out = tmp_path / "out.json"
    code, _, err = run_cli(capsys, "articles", str(page), "-o", str(out), "--format", "json")
    assert code == 0, err
    assert json.loads(out.read_text())["articles"][0]["title"] == "An invented headline"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "page.txt"]  # no temp left


def test_a_report_written_into_the_input_folder_is_not_read_back(capsys, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("An invented headline\n\nA body line that says a thing.\n")
    report = tmp_path / "report.html"
    for _ in range(2):
        code, _, err = run_cli(capsys, "compare", str(tmp_path), "--format", "html", "-o",
                               str(report), "-q")
        assert code == 0, err
        assert err.strip().endswith("1 file, 1 article, 0 problems")


def test_api_parses_a_document_holding_raw_html() -> None:
    from wiretrace.model import Document
    from wiretrace.pipeline import compare_documents
    from wiretrace.run import Options

    body = "".join(f"<p>Paragraph {n} of an invented report on the harbour works, with "
                   f"enough words to count as body text for the extractor.</p>" for n in range(6))
    html = (f"<html><head><title>Harbour works begin | Invented Gazette</title></head><body>"
            f"<nav>Home News Sport</nav><article><h1>Harbour works begin</h1>{body}</article>"
            f"</body></html>")
    result = compare_documents([Document(source="mem-1", text=html, format="html",
                                         outlet="Given Outlet")], Options(quiet=True))
    [article] = result.articles
    assert "<p>" not in article.text and "Paragraph 5" in article.text
    assert article.title == "Harbour works begin" and article.outlet == "Given Outlet"


def test_problem_lines_have_one_form(capsys, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"id": "same", "text": "First invented body line."}\n'
                    '{"id": "same", "text": "Second invented body line."}\n')
    code, _, err = run_cli(capsys, "articles", str(dump), "-q", "--format", "jsonl")
    assert code == 1
    assert f"wiretrace: {dump}: line 2: article id 'same#1' was already used" in err


def test_the_cli_offers_the_formats_the_stages_read_and_write() -> None:
    """The CLI spells the format lists out (so ``--help`` loads no stage); they must not drift."""
    from wiretrace import ingest, report
    from wiretrace.cli import INPUT_FORMATS, build_parser

    assert INPUT_FORMATS == ingest.INPUT_FORMATS
    commands = build_parser().commands
    offered = {name: next(a.choices for a in commands[name]._actions if a.dest == "format")
               for name in ("articles", "compare")}
    assert offered == {"articles": report.ARTICLE_FORMATS,
                       "compare": (*report.RESULT_FORMATS, "parquet")}
