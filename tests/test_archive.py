"""The SQLite archive: round-trip, idempotent adds, matching, clear errors, crash safety."""

from __future__ import annotations

import contextlib
import itertools
import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from wiretrace.index.archive import SCHEMA_VERSION, Archive, ArchiveError, SQLiteStore
from wiretrace.model import Article
from wiretrace.text import tokenize_many

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


def buckets_lookup(keys: np.ndarray, docs: np.ndarray, query: np.ndarray,
                   max_bucket: int) -> list[tuple[int, int]]:
    """The plain definition: the distinct stored (key, doc) whose key is asked for, the
    ``max_bucket`` smallest docs of a bigger bucket (never none of them)."""
    buckets: dict[int, set[int]] = {}
    for key, doc in zip(keys.tolist(), docs.tolist(), strict=True):
        buckets.setdefault(key, set()).add(doc)
    return sorted((key, doc) for key in set(query.tolist())
                  for doc in sorted(buckets.get(key, ()))[:max_bucket])


def test_sqlite_store_lookup_matches_its_definition() -> None:
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 2**64 - 1, size=300, dtype=np.uint64, endpoint=True)
    keys = np.concatenate([keys, keys[:40], keys[:5], keys[:5]])  # some shared buckets
    docs = np.arange(len(keys)) % 37
    store = SQLiteStore(sqlite3.connect(":memory:"))
    store.insert(keys, docs)
    store.insert(keys[:10], docs[:10])  # storing a membership twice is harmless
    query = np.concatenate([keys[::7], rng.integers(0, 2**63, size=20, dtype=np.uint64)])
    k, d = store.lookup(query, max_bucket=3)
    found = sorted(zip(k.tolist(), d.tolist(), strict=True))
    assert found == buckets_lookup(keys, docs, query, max_bucket=3) and len(found) > 40
    assert max(sum(1 for k, _ in found if k == key) for key, _ in found) <= 3
    assert len(store) == len(set(zip(keys.tolist(), docs.tolist(), strict=True)))


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
    from wiretrace.text import tokenize_many
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


# --------------------------------------------------------------------------- faults and abuse


def _pages(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"page{n:04d}.txt"
        path.write_text(f"Invented headline number {n}\n\n{text_of(n, 120)}\n")
        paths.append(path)
    return paths


def _cli(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wiretrace", *argv], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def test_a_damaged_archive_is_one_line_never_a_traceback(tmp_path: Path) -> None:
    pages, more = tmp_path / "pages", tmp_path / "more"
    _pages(pages, 40)
    _pages(more, 40, 500)
    db = tmp_path / "a.sqlite"
    assert _cli("index", "add", str(pages), "--db", str(db), "-q").returncode == 0
    data = bytearray(db.read_bytes())
    rng = random.Random(7)
    middle = len(data) // 2
    data[middle : middle + 8192] = rng.randbytes(8192)
    db.write_bytes(bytes(data))
    for argv in (("compare", str(pages), "--db", str(db), "-q"),
                 ("index", "add", str(more), "--db", str(db), "-q"),
                 ("index", "check", "--db", str(db))):
        done = _cli(*argv)
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode in (1, 2), (argv, done.stderr)
        assert str(db) in done.stderr
    check = _cli("index", "check", "--db", str(db))
    assert check.returncode == 1 and "SQLite:" in check.stderr


def test_matching_never_turns_an_empty_file_into_an_archive(tmp_path: Path) -> None:
    _pages(tmp_path / "pages", 2)
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    done = _cli("compare", str(tmp_path / "pages"), "--db", str(empty), "-q")
    assert done.returncode == 2 and "an empty file" in done.stderr
    assert empty.read_bytes() == b""


def test_same_page_under_two_paths_is_stored_once_with_absolute_ids(tmp_path: Path) -> None:
    first = _pages(tmp_path / "one", 3)
    second = tmp_path / "two"
    second.mkdir()
    for path in first:
        (second / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "a.sqlite"
    done = _cli("index", "add", "one", "--db", str(db), "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = _cli("index", "add", "two", "--db", str(db), "-q", cwd=tmp_path)
    assert "0 new articles" in done.stderr
    with Archive(db) as archive:
        ids = [row[0] for row in archive.conn.execute("SELECT id FROM articles ORDER BY doc")]
    assert ids == [f"{path}#1" for path in first]  # absolute, whatever the working folder
    assert _cli("index", "check", "--db", str(db)).returncode == 0


def test_two_index_add_runs_at_once_both_store_everything(tmp_path: Path) -> None:
    _pages(tmp_path / "a", 60, 0)
    _pages(tmp_path / "b", 60, 1000)
    db = tmp_path / "a.sqlite"
    runs = [subprocess.Popen([sys.executable, "-m", "wiretrace", "index", "add",
                              str(tmp_path / name), "--db", str(db), "-q"],
                             stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    with Archive(db) as archive:
        assert len(archive) == 120 and archive.check() == []


def _stored(db: Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(db, timeout=30)) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


FIRST_COMMIT_WAIT = 180.0  # seconds a killed run may take to store its first batch


def kill_index_add_at_random_points(tmp_path: Path, kills: int, seed: int,
                                    articles: int = 40_000) -> list[tuple[float, int, float]]:
    """Kill `index add` of one JSONL dump at random moments (2 to 12 s into each run, or
    once it stored its first batch when that comes later).

    After each kill the archive must check sound and keep what earlier runs stored. While a
    run goes, the archive is polled twice a second, so the time from its last commit to the
    kill is known: the seconds of work the kill lost. Returns, per run, (seconds it ran,
    articles stored by then, seconds since its last commit when killed, or -1 when it made
    none yet: still starting, or re-reading what earlier runs stored).
    """
    dump = tmp_path / "dump.jsonl"
    words = text_of(seed, 2000).split()
    pick = random.Random(seed).choices
    with dump.open("w") as out:
        for n in range(articles):
            out.write(json.dumps({"id": f"s{n}", "text": " ".join(pick(words, k=150))}) + "\n")
    # One whole run on a slice first: numba compiles the kernels into its on-disk cache,
    # so the killed runs below spend their seconds on the dump, not on compiling.
    warm = tmp_path / "warm.jsonl"
    with dump.open() as lines:
        warm.write_text("".join(itertools.islice(lines, 300)))
    subprocess.run([sys.executable, "-m", "wiretrace", "index", "add", str(warm), "--db",
                    str(tmp_path / "warm.sqlite"), "-q"], check=True, stderr=subprocess.DEVNULL)
    db = tmp_path / "k.sqlite"
    rng = random.Random(seed)
    runs = []
    for _ in range(kills):
        before = _stored(db)
        proc = subprocess.Popen([sys.executable, "-m", "wiretrace", "index", "add", str(dump),
                                 "--db", str(db), "-q"], stderr=subprocess.DEVNULL)
        started = time.monotonic()
        deadline = started + rng.uniform(2.0, 12.0)
        count, last_commit = before, None
        # past the random moment, wait for the run's first commit (a loaded machine may
        # take longer to reach it), so that every kill lands on a run that stored work
        while proc.poll() is None and (time.monotonic() < deadline or (
                count == before and time.monotonic() < started + FIRST_COMMIT_WAIT)):
            time.sleep(0.5)
            now = _stored(db)
            if now > count:
                count, last_commit = now, time.monotonic()
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        killed = time.monotonic()
        with Archive(db) as archive:
            assert archive.check() == []
            stored = len(archive)
        assert stored >= before
        lost = round(killed - last_commit, 1) if last_commit is not None else -1.0
        runs.append((round(killed - started, 1), stored, lost))
    return runs


def test_killed_index_add_keeps_its_work_and_checks_sound(tmp_path: Path) -> None:
    runs = kill_index_add_at_random_points(tmp_path, kills=3, seed=1, articles=20_000)
    kept = [stored for _, stored, _ in runs]
    assert kept == sorted(kept) and kept[0] > 0  # every run kept what the ones before did


FOOTER = ("The Quillfern Gazette is published by the harbour cooperative of Quillfern; send "
          "your tide tables and letters to the editors at the old mill on Ferry Lane.")


def _story(seed: int) -> str:
    return "\n\n".join([*(text_of(seed * 10 + k, 60) for k in range(4)), FOOTER])


def test_a_footer_recurring_across_index_add_runs_is_removed_as_boilerplate(
        tmp_path: Path) -> None:
    from wiretrace.pipeline import index_add, run
    from wiretrace.run import Options, ProblemLog

    site = tmp_path / "gazette"
    site.mkdir()
    for n in (1, 2):
        (site / f"{n}.txt").write_text(_story(n), encoding="utf-8")
    db = tmp_path / "a.sqlite"
    options = Options(db=str(db), quiet=True)
    for n in (1, 2):  # one article of the host per run: the batch alone shows no recurrence
        assert index_add([str(site / f"{n}.txt")], options, ProblemLog()) == (1, 1)
    with Archive(db) as archive:
        first, second = archive.get([f"{site / '1.txt'}#1", f"{site / '2.txt'}#1"])
    assert FOOTER in first.text and not any("boilerplate" in r for r in first.removed)
    assert FOOTER not in second.text
    assert f"[boilerplate:recurring] {FOOTER}" in second.removed
    assert _cli("index", "check", "--db", str(db)).returncode == 0
    compared = run([str(site / "2.txt")], options).articles[0]  # compare --db learns it too
    assert f"[boilerplate:recurring] {FOOTER}" in compared.removed
    assert run([str(site / "2.txt")], Options(quiet=True)).articles[0].text.endswith(FOOTER)
    alone = tmp_path / "b.sqlite"  # the same article in an archive of its own keeps it
    index_add([str(site / "2.txt")], Options(db=str(alone), quiet=True), ProblemLog())
    with Archive(alone) as archive:
        assert FOOTER in archive.get([f"{site / '2.txt'}#1"])[0].text


def test_paragraph_counts_add_up_once_per_stored_article(tmp_path: Path) -> None:
    arts = [article(n, text_of(n)) for n in range(3)]
    footprints = [({7, 8}, True), ({8}, False), ({8, 9}, True)]
    with Archive(tmp_path / "a.sqlite") as archive:
        tokens = tokenize_many([a.text for a in arts])
        assert archive.add(arts, tokens, footprints) == 3
        assert archive.add(arts, tokens, footprints) == 0  # stored already: counted once
        assert archive.paragraph_counts([7, 8, 9, 10]) == {7: (1, 1), 8: (3, 2), 9: (1, 1)}
        assert archive.check() == []
        archive.conn.execute("UPDATE paragraphs SET witnesses = 5 WHERE key = 8")
        assert any("paragraph counts" in fault for fault in archive.check())


def _open_archive(path: str) -> str:
    try:
        with Archive(path):
            return "ok"
    except ArchiveError as error:
        return str(error)


def test_runs_creating_one_archive_at_once_all_open_it(tmp_path: Path) -> None:
    """SQLite does not wait on its busy handler to switch a new file to WAL: runs that
    create one archive at the same moment used to fail with "database is locked"."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(6) as pool:
        for trial in range(12):
            path = str(tmp_path / f"a{trial}.sqlite")
            assert pool.map(_open_archive, [path] * 6) == ["ok"] * 6
