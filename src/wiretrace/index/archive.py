"""A persistent archive of articles on SQLite (one file): store once, match forever after.

``wiretrace index add`` stores articles with their word ids and LSH bucket memberships;
``wiretrace compare --db`` matches a new batch against everything stored, with the same
sketching and exact verification as within a batch (``__init__.py``).

    >>> import tempfile, os
    >>> from wiretrace.model import Article
    >>> from wiretrace.text import tokenize_many
    >>> text = " ".join(f"word{i} of a wire story sent today" for i in range(40))
    >>> art = Article(id="wire.txt#1", source="wire.txt", index=1, text=text)
    >>> path = os.path.join(tempfile.mkdtemp(), "archive.sqlite")
    >>> with Archive(path) as archive:
    ...     archive.add([art], tokenize_many([text])), archive.add([art], tokenize_many([text]))
    ...     [(i, a, round(c, 2)) for i, a, c in archive.match(tokenize_many([text[:400]]))]
    (1, 0)
    [(0, 'wire.txt#1', 0.98)]

Tables: ``meta`` (``app``, ``schema_version``, ``sketch`` = the sketch parameters),
``articles`` (``doc`` integer key, unique ``id``, unique content ``hash``, ``day`` number for
the date window, the article as JSON, its word ids as a little-endian uint32 blob),
``buckets`` (``SQLiteStore``) and ``paragraphs`` (the site boilerplate counts: per paragraph key,
a hash of a host and a paragraph's text, ``df`` = stored articles of that host holding it
as read and ``witnesses`` = those of them that are mostly their own text; see
``clean/boilerplate.py``). One row per distinct paragraph of a host: the counts grow with
the text stored, never with pairs of articles.

* Each ``add`` is one transaction: a crash mid-add leaves the archive as it was before it
  (the pipeline adds every few seconds of work, so a kill loses at most those seconds).
* An article is stored once by id and once by content: the ``hash`` is SHA-256 over what
  the article says (title, date, dateline, body, captions, credits, url, outlet), so the same
  page read under another path is not stored again.
* The journal is SQLite's write-ahead log with a busy timeout: two ``index add`` runs at once
  wait for each other instead of failing, and readers never block the writer.
* Every failure is an ``ArchiveError`` with a one-line message naming the file and what to do:
  a file that is not an SQLite database, a database of another application, an archive of
  another schema version or sketch setting, an empty file opened for matching, a damaged
  ("malformed") or locked archive. ``check()`` is ``wiretrace index check``: SQLite's
  integrity check plus the archive's own invariants.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from wiretrace.index import (
    UNKNOWN,
    accept,
    count_shared,
    day_number,
    day_numbers,
    in_window,
    pairs_sharing_keys,
)
from wiretrace.index.sketch import DEFAULT_PARAMS, SketchParams, shingle_sets, sketch_keys
from wiretrace.model import Article
from wiretrace.text import Tokens

APP = "wiretrace"
SCHEMA_VERSION = 3  # 3: the paragraphs table
_CHUNK = 500  # ids per SQL "IN (...)" query
BUSY_TIMEOUT_S = 600.0  # how long a writer waits for another one to finish its transaction
F = TypeVar("F", bound=Callable[..., Any])


class ArchiveError(Exception):
    """The archive cannot be used; ``str(error)`` is a one-line message for the user."""


def _sqlite_errors(method: F) -> F:
    """Turn SQLite's errors during ``method`` into an ArchiveError saying what to do."""

    @functools.wraps(method)
    def wrapped(self: Archive, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise ArchiveError(f"{self.path}: the archive is busy ({_said(error)}): another "
                                   "wiretrace is writing it; try again when it is done") from None
            raise ArchiveError(f"{self.path}: the archive cannot be used ({_said(error)}); restore "
                               f"it, or run `wiretrace index check --db {self.path}`") from None
        except (sqlite3.DatabaseError, UnicodeDecodeError, json.JSONDecodeError) as error:
            # a damaged page can hold bytes that are not UTF-8 text or not JSON
            raise _damaged(self.path, error) from None

    return wrapped  # type: ignore[return-value]


def _damaged(path: str, error: Exception) -> ArchiveError:
    """The error of a damaged archive file, saying what to do."""
    return ArchiveError(f"{path}: the archive is damaged ({_said(error)}); restore it from a "
                        f"copy, or run `wiretrace index check --db {path}`")


def _said(error: Exception) -> str:
    """SQLite's message as one printable line (a damaged file can put its bytes in it)."""
    text = "".join(c if c.isprintable() else " " for c in str(error))
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:117] + "..."


def content_hash(article: Article) -> str:
    """SHA-256 of what an article says, whatever its id or source path."""
    said = [article.title, article.date, article.dateline, article.text, article.captions,
            article.credits, article.url, article.outlet]
    return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()


def _rows_in(conn: sqlite3.Connection, query: str, values: Sequence) -> Iterator[tuple]:
    """The rows of ``query``, whose ``{marks}`` is the placeholders of an ``IN (...)`` list,
    over ``values`` in parts of ``_CHUNK`` (SQLite bounds the variables of one statement)."""
    for start in range(0, len(values), _CHUNK):
        part = values[start : start + _CHUNK]
        yield from conn.execute(query.format(marks=",".join("?" * len(part))), part)


def as_signed(keys: np.ndarray) -> np.ndarray:
    """uint64 keys as the int64 SQLite stores (same bits)."""
    return np.ascontiguousarray(keys, dtype=np.uint64).view(np.int64)


class SQLiteStore:
    """Memberships in table ``buckets(key, doc)`` (clustered by key) of an open connection:
    text ``doc`` has a window whose band hashed to bucket ``key``. It answers one question:
    for these keys, which stored texts are in each bucket?

    >>> store = SQLiteStore(sqlite3.connect(":memory:"))
    >>> store.insert(np.array([10, 10, 11], dtype=np.uint64), np.array([1, 2, 3]))
    >>> keys, docs = store.lookup(np.array([10, 12], dtype=np.uint64), max_bucket=5)
    >>> list(zip(keys.tolist(), docs.tolist()))
    [(10, 1), (10, 2)]

    Transactions are the caller's: ``insert`` joins whatever transaction is open, so an
    archive can store articles and their buckets atomically.
    """

    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS buckets (key INTEGER NOT NULL, doc INTEGER NOT NULL, "
        "PRIMARY KEY (key, doc)) WITHOUT ROWID"
    )

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute(self.SCHEMA)

    def insert(self, keys: np.ndarray, docs: np.ndarray) -> None:
        rows = zip(as_signed(keys).tolist(), np.asarray(docs, np.int64).tolist(), strict=True)
        self.conn.executemany("INSERT OR IGNORE INTO buckets (key, doc) VALUES (?, ?)", rows)

    def lookup(self, keys: np.ndarray, max_bucket: int) -> tuple[np.ndarray, np.ndarray]:
        """Every stored ``(key, doc)`` whose key is in ``keys`` (any order), at most the
        ``max_bucket`` smallest docs (the earliest stored) of each key: a story stored in
        thousands of copies is still matched, against its first copies, at a bounded cost
        per key (a new text that reuses any copy shares that key's window with the first)."""
        query = np.unique(as_signed(keys))
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS lookup (key INTEGER PRIMARY KEY)")
        self.conn.execute("DELETE FROM temp.lookup")
        self.conn.executemany("INSERT INTO temp.lookup (key) VALUES (?)",
                              ((k,) for k in query.tolist()))
        rows = self.conn.execute(
            "SELECT key, doc FROM (SELECT b.key, b.doc, ROW_NUMBER() OVER "
            "(PARTITION BY b.key ORDER BY b.doc) AS r "
            "FROM temp.lookup l JOIN buckets b ON b.key = l.key) WHERE r <= ?",
            (max_bucket,),
        ).fetchall()
        self.conn.execute("DELETE FROM temp.lookup")
        if not rows:
            return np.empty(0, np.uint64), np.empty(0, np.int64)
        arr = np.array(rows, dtype=np.int64)
        return arr[:, 0].view(np.uint64), arr[:, 1].copy()

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM buckets").fetchone()[0])


class Archive:
    """An article archive in the SQLite file ``path``.

    ``create=True`` (storing) makes the archive when the file is missing; ``create=False``
    (matching) refuses a missing or empty file rather than silently making an archive of it.
    """

    def __init__(self, path: str | Path, params: SketchParams = DEFAULT_PARAMS,
                 create: bool = True) -> None:
        self.path = str(path)
        self.params = params
        if not create and not os.path.exists(self.path):
            raise ArchiveError(f"{self.path}: no such archive (create it with: wiretrace index "
                               f"add PATH... --db {self.path})")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None,
                                        timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as error:
            raise ArchiveError(f"{self.path}: cannot open archive ({_said(error)})") from None
        try:
            self._check_or_create(create)
        except sqlite3.OperationalError as error:
            self.conn.close()
            raise ArchiveError(f"{self.path}: cannot open archive ({_said(error)})") from None
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            self.conn.close()
            if "malformed" in str(error) or isinstance(error, UnicodeDecodeError):
                raise _damaged(self.path, error) from None
            raise ArchiveError(f"{self.path}: not a wiretrace archive ({_said(error)})") from None
        except ArchiveError:
            self.conn.close()
            raise
        self.store = SQLiteStore(self.conn)

    def _check_or_create(self, create: bool) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        if not tables:
            if not create:
                raise ArchiveError(f"{self.path}: not a wiretrace archive (an empty file); "
                                   f"create one with: wiretrace index add PATH... --db "
                                   f"{self.path}")
            self._wal()
            self._create()  # another run may create it at the same time: both end the same
            tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        if "meta" not in tables:
            raise ArchiveError(f"{self.path}: not a wiretrace archive (an SQLite database "
                               "of another application)")
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("app") != APP:
            raise ArchiveError(f"{self.path}: not a wiretrace archive (no wiretrace metadata)")
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            raise ArchiveError(
                f"{self.path}: archive schema version {meta.get('schema_version')}, this "
                f"wiretrace reads version {SCHEMA_VERSION}; rebuild it with `wiretrace index add`"
            )
        if create and self.conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            # a writer first reads the whole file once: storing into a damaged archive
            # would bury the damage under new articles
            raise sqlite3.DatabaseError("database disk image is malformed")
        if meta.get("sketch") != self.params.signature():
            raise ArchiveError(
                f"{self.path}: archive built with other index settings ({meta.get('sketch')}); "
                "rebuild it with `wiretrace index add`"
            )

    def _wal(self) -> None:
        """Switch a new archive to write-ahead logging. SQLite does not wait on its busy
        handler for this switch, so two runs creating one archive at once would see
        "database is locked": wait here instead, as long as the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _create(self) -> None:
        with self._transaction():
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self.conn.executemany(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                [("app", APP), ("schema_version", str(SCHEMA_VERSION)),
                 ("sketch", self.params.signature())],
            )
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS articles (doc INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
                "hash TEXT NOT NULL UNIQUE, day INTEGER, data TEXT NOT NULL, ids BLOB NOT NULL)"
            )
            self.conn.execute(SQLiteStore.SCHEMA)
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS paragraphs (key INTEGER PRIMARY KEY, "
                "df INTEGER NOT NULL, witnesses INTEGER NOT NULL)"
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: all of it commits, or (error, crash) none of it."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- context manager -------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @_sqlite_errors
    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # -- storing ---------------------------------------------------------------------
    @_sqlite_errors
    def known(self, ids: Sequence[str], column: str = "id") -> set[str]:
        """Which of ``ids`` (or of content hashes, ``column="hash"``) are stored already."""
        if column not in ("id", "hash"):
            raise ValueError(f"unknown column {column!r}")
        query = f"SELECT {column} FROM articles WHERE {column} IN ({{marks}})"
        return {r[0] for r in _rows_in(self.conn, query, list(ids))}

    @_sqlite_errors
    def add(self, articles: list[Article], tokens: list[Tokens],
            paragraphs: Sequence[tuple[Iterable[int], bool]] | None = None) -> int:
        """Store the articles not stored yet (by id and by content), in one transaction;
        how many were new.

        ``paragraphs`` (one per article: its paragraph keys as read, and whether it is a
        witness; ``clean.boilerplate.Footprint``) are added to the ``paragraphs`` counts
        for the new articles only, so storing a page twice counts it once."""
        if len(articles) != len(tokens):
            raise ValueError("one Tokens per article expected")
        if paragraphs is not None and len(paragraphs) != len(articles):
            raise ValueError("one paragraph footprint per article expected")
        hashes = [content_hash(a) for a in articles]
        with self._transaction():  # the check and the insert see one state of the archive
            seen = self.known([a.id for a in articles]) | self.known(hashes, "hash")
            fresh: list[int] = []
            for n, article in enumerate(articles):
                if article.id not in seen and hashes[n] not in seen:
                    seen.update((article.id, hashes[n]))
                    fresh.append(n)
            if not fresh:
                return 0
            keys, local = sketch_keys([tokens[n] for n in fresh], self.params)
            first = self.conn.execute("SELECT COALESCE(MAX(doc), 0) + 1 FROM articles")
            base = int(first.fetchone()[0])
            self.conn.executemany(
                "INSERT INTO articles (doc, id, hash, day, data, ids) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (base + k, articles[n].id, hashes[n], _day(articles[n].date),
                     json.dumps(articles[n].to_dict(), ensure_ascii=False),
                     np.asarray(tokens[n].ids, dtype="<u4").tobytes())
                    for k, n in enumerate(fresh)
                ),
            )
            self.store.insert(keys, local + base)
            if paragraphs is not None:
                self._count_paragraphs([paragraphs[n] for n in fresh])
        return len(fresh)

    def _count_paragraphs(self, footprints: Sequence[tuple[Iterable[int], bool]]) -> None:
        """Add the articles' paragraph keys to the ``paragraphs`` counts (in the caller's
        transaction)."""
        df: Counter[int] = Counter()
        witnesses: Counter[int] = Counter()
        for keys, witness in footprints:
            df.update(keys)
            if witness:
                witnesses.update(keys)
        self.conn.executemany(
            "INSERT INTO paragraphs (key, df, witnesses) VALUES (?, ?, ?) ON CONFLICT(key) "
            "DO UPDATE SET df = df + excluded.df, witnesses = witnesses + excluded.witnesses",
            ((key, n, witnesses[key]) for key, n in df.items()),
        )

    @_sqlite_errors
    def paragraph_counts(self, keys: Sequence[int]) -> dict[int, tuple[int, int]]:
        """``key -> (df, witnesses)`` for the stored paragraph keys among ``keys``."""
        query = "SELECT key, df, witnesses FROM paragraphs WHERE key IN ({marks})"
        return {key: (df, w) for key, df, w in _rows_in(self.conn, query, list(keys))}

    @_sqlite_errors
    def check(self) -> list[str]:
        """The archive's own invariants, one line per fault (see ``check_archive``)."""
        faults = []
        for art_id, digest, data, blob in self.conn.execute(
            "SELECT id, hash, data, ids FROM articles"
        ):
            try:
                stored = Article.from_dict(json.loads(data))
            except (ValueError, TypeError) as error:
                faults.append(f"article {art_id!r}: unreadable ({_said(error)})")
                continue
            if stored.id != art_id or content_hash(stored) != digest:
                faults.append(f"article {art_id!r}: its id or content hash does not match")
            if len(blob) % 4:
                faults.append(f"article {art_id!r}: word ids cut short")
        orphans = self.conn.execute(
            "SELECT COUNT(*) FROM buckets WHERE doc NOT IN (SELECT doc FROM articles)"
        ).fetchone()[0]
        if orphans:
            faults.append(f"{orphans} bucket entries name no stored article")
        bad = self.conn.execute(
            "SELECT COUNT(*) FROM paragraphs WHERE df < 1 OR witnesses < 0 OR witnesses > df"
            " OR df > (SELECT COUNT(*) FROM articles)"
        ).fetchone()[0]
        if bad:
            faults.append(f"{bad} paragraph counts are impossible (a count below zero, more "
                          "witnesses than articles, or more articles than are stored)")
        return faults

    # -- reading ---------------------------------------------------------------------
    @_sqlite_errors
    def get(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in that order (unknown ids are skipped)."""
        query = "SELECT id, data FROM articles WHERE id IN ({marks})"
        by_id = {art_id: Article.from_dict(json.loads(data))
                 for art_id, data in _rows_in(self.conn, query, list(ids))}
        return [by_id[i] for i in ids if i in by_id]

    def _rows(self, docs: np.ndarray) -> dict[int, tuple[str, int, np.ndarray]]:
        query = "SELECT doc, id, day, ids FROM articles WHERE doc IN ({marks})"
        return {doc: (art_id, int(UNKNOWN) if day is None else day,
                      np.frombuffer(blob, dtype="<u4").astype(np.uint32))
                for doc, art_id, day, blob in _rows_in(self.conn, query, docs.tolist())}

    @_sqlite_errors
    def match(
        self,
        tokens: Sequence[Tokens],
        *,
        dates: Sequence[str | None] | None = None,
        window_days: int | None = None,
        exclude_ids: Iterable[str] = (),
    ) -> list[tuple[int, str, float]]:
        """Stored articles sharing text with each new text: ``(batch index, stored id,
        containment)``, verified exactly, sorted; ``exclude_ids`` are never returned."""
        qkeys, qdocs = sketch_keys(tokens, self.params)
        hkeys, hdocs = self.store.lookup(qkeys, self.params.max_bucket)
        qi, sd = pairs_sharing_keys(qkeys, qdocs, hkeys, hdocs)
        if len(qi) == 0:
            return []
        rows = self._rows(np.unique(sd))
        excluded = set(exclude_ids)
        sdocs = np.array(sorted(d for d, r in rows.items() if r[0] not in excluded), np.int64)
        ok = np.isin(sd, sdocs)
        qi, sd = qi[ok], sd[ok]
        if window_days is not None and dates is not None and len(qi):
            sdays = np.array([rows[d][1] for d in sdocs.tolist()], dtype=np.int64)
            ok = in_window(day_numbers(dates), qi, np.searchsorted(sdocs, sd), window_days,
                           days_b=sdays)
            qi, sd = qi[ok], sd[ok]
        if len(qi) == 0:
            return []
        qrows = np.unique(qi)
        qsets, qoff = shingle_sets([tokens[i] for i in qrows], self.params)
        stored = [Tokens(rows[d][2], np.empty(0, np.int32), np.empty(0, np.int32))
                  for d in sdocs.tolist()]
        ssets, soff = shingle_sets(stored, self.params)
        ri, rj = np.searchsorted(qrows, qi), np.searchsorted(sdocs, sd)
        shared = count_shared(qsets, qoff, ssets, soff, ri, rj)
        keep, cont = accept(shared, np.diff(qoff)[ri], np.diff(soff)[rj], self.params)
        found = [(int(i), rows[int(d)][0], float(c))
                 for i, d, c in zip(qi[keep], sd[keep], cont[keep], strict=True)]
        return sorted(found)


def check_archive(path: str) -> tuple[int, list[str]]:
    """``wiretrace index check``: (articles stored, faults), one line per fault.

    SQLite's integrity check first (a damaged file gives its findings and nothing more),
    then the archive's invariants (``Archive.check``): every stored article reads back as an
    Article whose content hash is the stored one, its word ids are whole uint32 values,
    every bucket membership names a stored article, and the paragraph counts are possible.
    """
    if not os.path.exists(path):
        raise ArchiveError(f"{path}: no such archive")
    try:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            faults = [" ".join(row[0].split()) for row in conn.execute("PRAGMA integrity_check")
                      if row[0] != "ok"]
    except sqlite3.DatabaseError as error:
        faults = [str(error)]
    if faults:
        return 0, [f"SQLite: {fault}" for fault in faults]
    with Archive(path, create=False) as archive:
        return len(archive), archive.check()


def _day(date: str | None) -> int | None:
    day = day_number(date)
    return None if day == UNKNOWN else day
