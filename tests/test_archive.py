"""The SQLite archive: round-trip, idempotent adds, matching, clear errors, crash safety."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from wiretrace.index.archive import SCHEMA_VERSION, Archive, ArchiveError
from wiretrace.index.store import MemoryStore, SQLiteStore
from wiretrace.index.tokens import tokenize_many
from wiretrace.model import Article

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vu", "pel", "dor", "an", "si", "ur", "be"]


def text_of(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    vocab = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(300)]
    return " ".join(rng.choice(vocab) for _ in range(words)) + "."


def article(n: int, text: str, date: str | None = None) -> Article:
    return Article(id=f"feed/{n}.txt#1", source=f"feed/{n}.txt", index=1, title=f"Story {n}",
                   date=date, credits=["AFP"], paragraphs=[text], text=text,
                   removed=["Share"], outlet="Ünïcode Times")


def fill(path: Path, articles: list[Article]) -> int:
    with Archive(path) as archive:
        return archive.add(articles, tokenize_many([a.text for a in articles]))


def test_round_trip_and_idempotent_add(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    arts = [article(n, text_of(n), "2017-09-27") for n in range(5)]
    assert fill(db, arts) == 5
    assert fill(db, arts[:3] + [article(9, text_of(9))]) == 1  # only the new one
    with Archive(db) as archive:
        assert len(archive) == 6
        back = archive.get([arts[3].id, "missing#1", arts[0].id])
        assert [a.to_dict() for a in back] == [arts[3].to_dict(), arts[0].to_dict()]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite"]  # one file at rest


def test_same_id_twice_in_one_batch_is_stored_once(tmp_path: Path) -> None:
    art = article(1, text_of(1))
    assert fill(tmp_path / "a.sqlite", [art, art]) == 1


def test_match_finds_partial_reprints_only(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    stored = [article(n, text_of(n), "2017-09-20") for n in range(10)]
    fill(db, stored)
    half = text_of(3)[: len(text_of(3)) // 2]
    glued = text_of(50, 200) + " " + text_of(7)[400:1200] + " " + text_of(51, 200)
    new = [half, text_of(99), glued]
    with Archive(db) as archive:
        found = archive.match(tokenize_many(new))
        assert [(i, a) for i, a, _ in found] == [(0, stored[3].id), (2, stored[7].id)]
        assert found[0][2] > 0.95
        assert archive.match(tokenize_many(new), exclude_ids={stored[3].id})[0][0] == 2
        dated = archive.match(tokenize_many(new), dates=["2017-09-21", None, "2018-01-01"],
                              window_days=3)
        assert [(i, a) for i, a, _ in dated] == [(0, stored[3].id)]


def test_memory_and_sqlite_stores_agree() -> None:
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 2**64 - 1, size=300, dtype=np.uint64, endpoint=True)
    keys = np.concatenate([keys, keys[:40], keys[:5], keys[:5]])  # some shared buckets
    docs = np.arange(len(keys)) % 37
    memory, lite = MemoryStore(), SQLiteStore(sqlite3.connect(":memory:"))
    for store in (memory, lite):
        store.insert(keys, docs)
    query = np.concatenate([keys[::7], rng.integers(0, 2**63, size=20, dtype=np.uint64)])
    results = []
    for store in (memory, lite):
        k, d = store.lookup(query, max_bucket=3)
        results.append(sorted(zip(k.tolist(), d.tolist(), strict=True)))
    assert results[0] == results[1] and len(results[0]) > 40
    assert max(sum(1 for k, _ in results[0] if k == key) for key, _ in results[0]) <= 3


def test_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("these are my notes, not a database\n" * 20)
    with pytest.raises(ArchiveError) as err:
        Archive(notes)
    assert str(notes) in str(err.value) and "\n" not in str(err.value)
    assert notes.read_text().startswith("these are my notes")  # untouched


def test_other_sqlite_database_is_a_clear_error(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(ArchiveError, match="not a wiretrace archive"):
        Archive(other)


def test_other_schema_version_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    fill(db, [article(1, text_of(1))])
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                     (str(SCHEMA_VERSION + 1),))
    with pytest.raises(ArchiveError, match=f"version {SCHEMA_VERSION + 1}"):
        Archive(db)


CRASHER = textwrap.dedent("""
    import random, sys
    from wiretrace.index.archive import Archive
    from wiretrace.index.tokens import tokenize_many
    from wiretrace.model import Article
    words = [f"w{n}" for n in range(2000)]
    with Archive(sys.argv[1]) as archive:
        for batch in range(10_000):
            rng = random.Random(batch)
            texts = [" ".join(rng.choice(words) for _ in range(400)) for _ in range(200)]
            arts = [Article(id=f"b{batch}-{n}", source="x", index=1, text=t)
                    for n, t in enumerate(texts)]
            archive.add(arts, tokenize_many(texts))
            print(batch, flush=True)
""")


def test_killed_add_leaves_the_archive_consistent(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    script = tmp_path / "crasher.py"
    script.write_text(CRASHER)
    proc = subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None
        for _ in range(3):  # three batches committed, the fourth in flight
            assert proc.stdout.readline().strip()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    with Archive(db) as archive:
        stored = len(archive)
        assert stored >= 600 and stored % 200 == 0  # whole batches only
        conn = archive.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with_buckets = conn.execute("SELECT COUNT(DISTINCT doc) FROM buckets").fetchone()[0]
        assert with_buckets == stored
        arts = archive.get(["b0-5"])
        assert arts and json.dumps(arts[0].to_dict())
        assert archive.match(tokenize_many([arts[0].text]))[0][1] == "b0-5"
        before = stored
        assert archive.add(arts, tokenize_many([arts[0].text])) == 0 and len(archive) == before
