"""What was taken in from the inbox folders, by content: SHA-256 → the document it became.

Two tables in an SQLite database (the case store's, or a ``watch`` run's own file):

* ``inbox_files``: one row per distinct content (SHA-256), the first path it came from, when
  it arrived, and the document id it was queued as (the ``watch`` command: the JSON it wrote);
* ``inbox_paths``: every path seen, with the size and modification time it had, so an
  unchanged file is not hashed again after a restart, and a copy is known as a copy.

Rows are added, and a document id or path is updated when a case's files move to "done";
nothing else changes. Kept across restarts, so the same fax delivered twice (same bytes,
any name, any day) is recognised and not queued again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from desktop_app.inbox.scanner import ReadyFile

SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox_files (
    sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, folder TEXT NOT NULL, size INTEGER NOT NULL,
    arrived_at TEXT NOT NULL, doc_id TEXT, complete INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS inbox_paths (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, seen_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Arrival:
    """One distinct file taken in."""

    sha256: str
    path: str
    folder: str
    size: int
    arrived_at: str
    doc_id: str | None
    complete: bool


class InboxLedger:
    """Reads and appends to the inbox tables of an open SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        conn.executescript(SCHEMA)

    def known_paths(self) -> dict[str, tuple[int, int]]:
        """Path → (size, mtime_ns) as last seen: the scanner skips these while unchanged."""
        rows = self._conn.execute("SELECT path, size, mtime_ns FROM inbox_paths").fetchall()
        return {r[0]: (int(r[1]), int(r[2])) for r in rows}

    def lookup(self, sha256: str) -> Arrival | None:
        row = self._conn.execute(
            "SELECT sha256, path, folder, size, arrived_at, doc_id, complete FROM inbox_files "
            "WHERE sha256 = ?", (sha256,)).fetchone()
        return _arrival(row) if row else None

    def take(self, ready: ReadyFile, doc_id: str | None) -> bool:
        """Record a ready file. True when its content is new (queue it), False for a copy of
        something taken before (its path is remembered, nothing else happens)."""
        with self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO inbox_paths (path, size, mtime_ns, sha256, seen_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (ready.path, ready.size, ready.mtime_ns, ready.sha256, ready.arrived_at))
            cur = self._conn.execute(
                "INSERT OR IGNORE INTO inbox_files "
                "(sha256, path, folder, size, arrived_at, doc_id, complete) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ready.sha256, ready.path, ready.folder, ready.size, ready.arrived_at, doc_id,
                 int(ready.complete)))
        return cur.rowcount == 1

    def set_document(self, sha256: str, doc_id: str) -> None:
        with self._conn:
            self._conn.execute("UPDATE inbox_files SET doc_id = ? WHERE sha256 = ?",
                               (doc_id, sha256))

    def moved(self, sha256: str, new_path: str) -> None:
        """The file now lives at ``new_path`` (moved to "done")."""
        with self._conn:
            self._conn.execute("UPDATE inbox_files SET path = ? WHERE sha256 = ?",
                               (new_path, sha256))

    def by_document(self) -> dict[str, Arrival]:
        """Document id → its arrival, for documents that came from an inbox."""
        rows = self._conn.execute(
            "SELECT sha256, path, folder, size, arrived_at, doc_id, complete FROM inbox_files "
            "WHERE doc_id IS NOT NULL").fetchall()
        return {r[5]: _arrival(r) for r in rows}

    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM inbox_files").fetchone()[0])


def _arrival(row: tuple[object, ...]) -> Arrival:
    return Arrival(str(row[0]), str(row[1]), str(row[2]), int(str(row[3])), str(row[4]),
                   None if row[5] is None else str(row[5]), bool(row[6]))
