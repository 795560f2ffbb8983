"""A burst: one wire story carried by ``n`` outlets on the same days, each copy lightly edited.

Real wire copy is one AP or AFP story reprinted by hundreds or thousands of sites within a
day or two; this is that shape in invented text (the writer of synthetic.py). Copy 0 is the
agency's own, verbatim and dated first; every other copy is dated 0 to 2 days later, edits
about 1% of its words, drops a paragraph one time in three and adds a paragraph of its own
one time in three. Every copy carries most of the story, so all ``n`` belong to one story.

    >>> records = burst(5)
    >>> len(records), records[0]["id"], len({r["outlet"] for r in records})
    (5, 'copy00000', 5)

``run(n, folder)`` measures the ``wiretrace compare --format json`` command (explanations
on) on the burst written as JSONL, in a child process: its CPU time and peak RSS, the size
of the JSON it writes, how many copies its largest story holds and how many pairs it lists.
``table`` prints the rows and the growth from the smallest to the largest burst: the goal is
at most 1.5x linear (time and memory), and at 2,000 copies peak RSS under 2 GB, the JSON
under 200 MB and every copy in one story.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import orjson

from benchmarks.synthetic import _edit_words, _Writer

PARAGRAPHS = 14  # ~2.6 KB a copy


def burst(n: int, seed: int = 1) -> list[dict]:
    """``n`` JSONL records (id, text, date, outlet, url) of one story."""
    rng = np.random.default_rng(seed)
    w = _Writer(rng)
    names = [w.name() for _ in range(3)]
    story = w.paragraphs(names, PARAGRAPHS, PARAGRAPHS + 1)
    day = dt.date(2026, 3, 2).toordinal()
    records = []
    for k in range(n):
        paragraphs = list(story)
        if k:
            if rng.random() < 1 / 3:
                del paragraphs[int(rng.integers(1, len(paragraphs)))]
            paragraphs = [_edit_words(w, p, 0.01, {}) for p in paragraphs]
            if rng.random() < 1 / 3:
                paragraphs.append(w.paragraph([]))
        date = dt.date.fromordinal(day + (int(rng.integers(3)) if k else 0)).isoformat()
        records.append({"id": f"copy{k:05d}", "text": "\n\n".join(paragraphs), "date": date,
                        "outlet": f"site{k:05d}", "url": f"https://site{k:05d}.example/story"})
    return records


def run(n: int, folder: Path, seed: int = 1) -> dict:
    """One measured ``wiretrace compare`` of a burst of ``n`` copies (see the docstring)."""
    dump, report = folder / "burst.jsonl", folder / "burst.json"
    with dump.open("w", encoding="utf-8") as fh:
        for record in burst(n, seed):
            fh.write(json.dumps(record) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wiretrace", "compare", str(dump), "--format", "json",
                    "-o", str(report), "-q"], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    size = report.stat().st_size
    data = orjson.loads(report.read_bytes())
    return {"mode": "burst", "copies": n, "wall": wall,
            "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            "rss_peak_mb": after.ru_maxrss / 1024, "json_mb": size / 1e6,
            "in_one_story": max(len(s["articles"]) for s in data["stories"]),
            "pairs": len(data["pairs"])}


def table(rows: list[dict]) -> str:
    """The burst rows, then the growth from the smallest to the largest burst."""
    lines = [f"  {'copies':>7} {'CPU s':>8} {'wall s':>7} {'peak RSS':>9} {'JSON':>9} "
             f"{'in one story':>12} {'pairs':>7}"]
    good = [r for r in rows if "error" not in r]
    for r in rows:
        if "error" in r:
            lines.append(f"  {r['copies']:7d}  failed: {r['error']}")
            continue
        lines.append(f"  {r['copies']:7d} {r['cpu']:8.1f} {r['wall']:7.1f} "
                     f"{r['rss_peak_mb']:6.0f} MB {r['json_mb']:6.1f} MB "
                     f"{r['in_one_story']:12d} {r['pairs']:7d}")
    if len(good) >= 2:
        small, big = good[0], good[-1]
        size = big["copies"] / small["copies"]
        lines.append(f"  {size:.0f}x the copies ({small['copies']} -> {big['copies']}): "
                     f"{big['cpu'] / small['cpu'] / size:.2f}x linear in CPU time, "
                     f"{big['json_mb'] / small['json_mb'] / size:.2f}x linear in JSON size, "
                     f"peak RSS {big['rss_peak_mb'] / small['rss_peak_mb']:.1f}x")
    return "\n".join(lines)
