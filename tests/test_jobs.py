"""``--jobs N`` reads and cleans files in N processes with the output of one process."""

from __future__ import annotations

import gzip
from pathlib import Path

from wiretrace.pipeline import read_articles, run
from wiretrace.run import Options, ProblemLog

PAGE = """<html><head><title>{title} - The Gazette</title></head><body>
<nav>Home | World | Sport</nav><article><h1>{title}</h1>
<p>{body} The harbour board met on Tuesday to weigh the plan for the northern quay.</p>
<p>Engineers told the board that the old wall would need work before the winter storms.</p>
</article><footer>Copyright The Gazette</footer></body></html>"""


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(30):
        (folder / f"p{n:02}.html").write_text(
            PAGE.format(title=f"Quay plan number {n} goes ahead", body=f"Story {n}."))
    (folder / "feed.jsonl").write_text(
        '{"id": "same", "text": "First text of the feed, long enough to be kept."}\n'
        "not json\n"
        '{"id": "same", "text": "Second text of the feed, with the id used twice."}\n')
    (folder / "cut.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>")[:12])
    return folder


def read_all(folder: Path, jobs: int) -> tuple[list[dict], list[str], int]:
    problems = ProblemLog()
    articles = list(read_articles([str(folder), str(folder / "missing.html")],
                                  Options(quiet=True, jobs=jobs), problems))
    return [a.to_dict() for a in articles], [str(p) for p in problems.problems], problems.files


def test_two_processes_read_what_one_reads_in_the_same_order(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    one, two = read_all(folder, 1), read_all(folder, 2)
    assert one[0] == two[0] and one[2] == two[2]  # the articles in order, the files opened
    # the same problem lines (one process reads a batch ahead before it cleans, so a
    # renamed id may be told after the next file's problems there)
    assert sorted(one[1]) == sorted(two[1])
    articles, problems, files = two
    assert files == 32 and len(articles) == 32
    assert [a["id"] for a in articles].count("same#1~2") == 1  # ids unique across the workers
    assert any("missing.html" in p for p in problems) and any("line 2" in p for p in problems)


def test_the_command_gives_the_same_result_with_two_jobs(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    results = [run([str(folder)], Options(quiet=True, jobs=j)) for j in (1, 2)]
    assert results[0].to_dict() == results[1].to_dict()
