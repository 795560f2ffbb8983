"""Where LSH buckets live between runs: a table in the archive's database file.

The bucket store keeps *memberships* ``(key, doc)``: text ``doc`` (an integer chosen by the
caller) has a window whose band hashed to bucket ``key``. It answers one question: for these
keys, which stored texts are in each bucket?

    >>> store = SQLiteStore(sqlite3.connect(":memory:"))
    >>> store.insert(np.array([10, 10, 11], dtype=np.uint64), np.array([1, 2, 3]))
    >>> keys, docs = store.lookup(np.array([10, 12], dtype=np.uint64), max_bucket=5)
    >>> list(zip(keys.tolist(), docs.tolist()))
    [(10, 1), (10, 2)]
"""

from __future__ import annotations

import sqlite3

import numpy as np


def as_signed(keys: np.ndarray) -> np.ndarray:
    """uint64 keys as the int64 SQLite stores (same bits)."""
    return np.ascontiguousarray(keys, dtype=np.uint64).view(np.int64)


class SQLiteStore:
    """Memberships in table ``buckets(key, doc)`` (clustered by key) of an open connection.

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
