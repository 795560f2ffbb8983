"""Reading and cleaning HTML pages with ``--jobs 1`` and ``--jobs 2`` (issue 13, item 5).

    python -m benchmarks --only read

The command timed is ``wiretrace articles FOLDER --format jsonl -o OUT -q --jobs J``, in a
child process, wall-clock time (the figure ``--jobs`` changes; the CPU time of all processes
together stays about the same). Two folders of HTML pages:

- the real pages of ``../shared/corpora`` (scrapinghub-aeb, fundus-eval and WCXB, 963
  pages of about 900 sites), when that folder exists;
- synthetic pages: the benchmark corpus's texts set in a news-site template (navigation,
  headline, paragraphs, footer), always.

Runs alternate between the two settings (``repeat`` rounds, fastest kept), so a slow spell
of the shared machine costs both alike. The goal: ``--jobs 2`` at most 0.6x the time of
``--jobs 1`` on this 2-core machine.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
REAL = [ROOT.parent / "shared" / "corpora" / sub for sub in (
    "scrapinghub-aeb/html", "fundus-eval/dataset/html", "wcxb-dev-articles/html")]
TEMPLATE = """<!doctype html><html><head><meta charset="utf-8"><title>{title} | The Courier</title>
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/sport">Sport</a></nav></header><main><article><h1>{title}</h1>
<p class="byline">By Staff Reporter</p>{paragraphs}</article></main>
<footer><p>Copyright The Courier. All rights reserved.</p></footer></body></html>
"""


def synthetic_pages(folder: Path, n: int, seed: int) -> list[str]:
    """``n`` pages of the benchmark corpus as HTML files in ``folder``."""
    corpus = generate(n, seed=seed)
    for k, page in enumerate(corpus.pages):
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in page.text.split("\n\n"))
        title = html.escape(page.title or f"Story {k}")
        (folder / f"page{k:06}.html").write_text(
            TEMPLATE.format(title=title, paragraphs=paragraphs), encoding="utf-8")
    return [str(folder)]


def time_read(paths: list[str], jobs: int, out: Path) -> float:
    """Wall seconds of the ``wiretrace articles`` command on ``paths`` with ``jobs``."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wiretrace", "articles", *paths, "--format",
                    "jsonl", "-o", str(out), "-q", "--jobs", str(jobs)],
                   env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def run(n: int, seed: int, repeat: int = 2) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="wiretrace-read-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        sets = [("synthetic pages in a site template", n, synthetic_pages(folder, n, seed))]
        real = [str(p) for p in REAL if p.is_dir()]
        if real:
            count = sum(1 for p in real for f in Path(p).iterdir() if f.is_file())
            sets.insert(0, ("real pages (../shared/corpora)", count, real))
        for label, pages, paths in sets:
            walls: dict[int, list[float]] = {1: [], 2: []}
            time_read(paths, 1, Path(tmp) / "warm.jsonl")  # numba's cache and the OS's, warm
            for round_ in range(repeat):
                for jobs in (1, 2):
                    print(f"  round {round_ + 1} of {repeat}: reading {label} with --jobs "
                          f"{jobs}...", file=sys.stderr, flush=True)
                    walls[jobs].append(time_read(paths, jobs, Path(tmp) / "out.jsonl"))
            one, two = min(walls[1]), min(walls[2])
            rows.append({"label": label, "pages": pages, "one": one, "two": two})
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| pages | count | --jobs 1 | --jobs 2 | pages/s (2 jobs) | jobs 2 / jobs 1 |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['label']} | {r['pages']:,} | {r['one']:.1f} s | {r['two']:.1f} s | "
                     f"{r['pages'] / r['two']:.1f} | {r['two'] / r['one']:.2f}x |")
    return "\n".join(lines)
