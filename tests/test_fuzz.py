"""Fault campaign: random and damaged inputs through every reader, the cleaner and the archive.

Every case must end in Documents and problems, never an exception: a user's bad file is one
problem line, not a traceback. Each test runs a bounded number of cases in ``make test``;
``make fuzz`` (``WIRETRACE_FUZZ_SECONDS``) runs each for a share of its time budget and
prints what it tried, for the README's reliability section.

Inputs: random bytes under each file name and input format; valid files of each format
(text, HTML, JSONL, WARC, each also gzipped) damaged by random flips, cuts and insertions;
every cut of a small gzip and WARC file; random bytes written into an archive.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wiretrace.clean import clean_batch
from wiretrace.index.archive import Archive, ArchiveError
from wiretrace.ingest import INPUT_FORMATS, read
from wiretrace.model import Article
from wiretrace.run import ProblemLog
from wiretrace.text import tokenize_many

BUDGET = float(os.environ.get("WIRETRACE_FUZZ_SECONDS", "0"))  # 0: bounded cases (make test)
SHARE = 1 / 5  # each of the five campaigns below gets a fifth of the budget
CASES = 60  # cases per campaign in make test

BODY = ("The harbour board of an invented town voted on Tuesday to dredge the old channel, "
        "a plan that fishermen had opposed for years, the board's chair said. ")


def _html(title: str) -> bytes:
    paragraphs = "".join(f"<p>{BODY * 2}</p>" for _ in range(4))
    return (f"<html><head><meta charset='utf-8'><title>{title} | Invented Post</title></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>").encode()


def _warc(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for n in range(3):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://invented.example/{n}", "response", payload=io.BytesIO(_html(f"Story {n}")),
            http_headers=http))
    return buf.getvalue()


SEEDS: dict[str, bytes] = {
    "page.txt": f"An invented headline\n\n{BODY * 4}\n".encode(),
    "page.html": _html("Channel to be dredged"),
    "dump.jsonl": "\n".join(json.dumps({"text": BODY * 3, "id": f"x{n}", "date": "2024-03-01"})
                            for n in range(3)).encode(),
    "crawl.warc": _warc(gz=False),
}
SEEDS.update({name + ".gz": gzip.compress(data) for name, data in list(SEEDS.items())})
SEEDS["crawl.warc.gz"] = _warc(gz=True)  # warcio's own per-record members


class Campaign:
    """Counts the cases a campaign ran and stops it at its case count or time share."""

    def __init__(self, name: str) -> None:
        self.name, self.cases, self.started = name, 0, time.monotonic()

    def more(self) -> bool:
        if BUDGET:
            return time.monotonic() - self.started < BUDGET * SHARE
        return self.cases < CASES

    def report(self) -> None:
        if BUDGET:
            print(f"\nfuzz: {self.name}: {self.cases} inputs, 0 failures, "
                  f"{time.monotonic() - self.started:.0f} s")


def _read_and_clean(path: Path, input_format: str = "auto") -> ProblemLog:
    """Read ``path`` and clean what it gives; problems are collected, never raised."""
    log = ProblemLog()
    documents = list(read([str(path)], input_format=input_format, problems=log))
    for articles in clean_batch(documents):
        for article in articles:
            assert isinstance(article.text, str)
    for problem in log.problems:
        assert "\n" not in str(problem)  # one line each
    return log


def _damaged(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("flip", "cut", "insert", "zero"))
        at = rng.randrange(len(out) + 1)
        if kind == "flip" and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif kind == "cut":
            del out[at : at + rng.randint(1, 64)]
        elif kind == "insert":
            out[at:at] = rng.randbytes(rng.randint(1, 32))
        else:
            out[at : at + 16] = bytes(16)
    return bytes(out)


def test_random_bytes_through_every_reader(tmp_path: Path) -> None:
    rng, campaign = random.Random(1), Campaign("random bytes, every reader and name")
    names = [*SEEDS, "blob.bin"]
    while campaign.more():
        path = tmp_path / rng.choice(names)
        path.write_bytes(rng.randbytes(rng.randint(0, 3000)))
        _read_and_clean(path, rng.choice(INPUT_FORMATS))
        campaign.cases += 1
    campaign.report()


def test_damaged_valid_files_of_every_format(tmp_path: Path) -> None:
    rng, campaign = random.Random(2), Campaign("damaged text/HTML/JSONL/WARC, plain and gzip")
    while campaign.more():
        name = rng.choice(list(SEEDS))
        path = tmp_path / name
        path.write_bytes(_damaged(SEEDS[name], rng))
        _read_and_clean(path)
        campaign.cases += 1
    campaign.report()


@pytest.mark.parametrize("name", ["page.txt.gz", "crawl.warc", "crawl.warc.gz"])
def test_every_cut_of_a_small_file_is_named(tmp_path: Path, name: str) -> None:
    data = SEEDS[name]
    path = tmp_path / name
    whole = len(list(read([str(path)], problems=ProblemLog()))) if path.write_bytes(data) else 0
    step = 1 if BUDGET else 7
    start = b"\x1f\x8b\x08" if name.endswith(".gz") else b"WARC/1.0\r\n"
    boundaries = {k for k in range(len(data)) if data.startswith(start, k)}  # whole files
    for cut in range(1, len(data), step):
        path.write_bytes(data[:cut])
        log = ProblemLog()
        documents = list(read([str(path)], problems=log))
        # a cut file gives fewer documents and says why, unless it was cut between records
        if cut not in boundaries:
            assert log.problems, (cut, len(documents))
        assert len(documents) <= whole


def test_random_bytes_in_an_archive_give_archive_errors_only(tmp_path: Path) -> None:
    rng, campaign = random.Random(3), Campaign("damaged archives")
    texts = [" ".join(f"w{rng.randrange(500)}" for _ in range(200)) for _ in range(30)]
    articles = [Article(id=f"a{n}", source="mem", index=1, text=t) for n, t in enumerate(texts)]
    clean_db = tmp_path / "clean.sqlite"
    with Archive(clean_db) as archive:
        archive.add(articles, tokenize_many(texts))
    pristine = clean_db.read_bytes()
    db = tmp_path / "a.sqlite"
    actions: list[Callable[[Archive], object]] = [
        lambda a: a.match(tokenize_many(texts[:3])),
        lambda a: a.add(articles[:2], tokenize_many(texts[:2])),
        lambda a: a.get(["a1", "a2"]),
        lambda a: a.check(),
    ]
    while campaign.more():
        data = bytearray(pristine)
        at = rng.randrange(len(data))
        data[at : at + rng.choice((8, 512, 4096))] = rng.randbytes(rng.choice((8, 512, 4096)))
        db.write_bytes(bytes(data))
        try:
            with Archive(db, create=rng.random() < 0.5) as archive:
                rng.choice(actions)(archive)
        except ArchiveError as error:
            assert "\n" not in str(error) and str(db) in str(error)
        except sqlite3.Error as error:  # pragma: no cover - the failure this test looks for
            pytest.fail(f"raw SQLite error escaped: {error!r}")
        campaign.cases += 1
    campaign.report()


def test_killed_index_add_at_random_points(tmp_path: Path) -> None:
    from test_archive import kill_index_add_at_random_points

    kills = 20 if BUDGET else 0
    if not kills:
        pytest.skip("the 20-kill run is part of make fuzz; make test kills 3 times "
                    "(test_archive.py)")
    runs = kill_index_add_at_random_points(tmp_path, kills=kills, seed=5, articles=300_000)
    lost = [gap for _, _, gap in runs if gap >= 0]
    print(f"\nfuzz: index add of 300,000 articles killed {kills} times; archive sound after "
          f"each; at most {max(lost, default=0):.1f} s since the last commit when killed; "
          f"(seconds run, articles stored, seconds since last commit): {runs}")
