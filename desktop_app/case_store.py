"""The local case store: one SQLite file (standard library) in the user's data folder.

Holds documents (path, status, what the extractor read), cases (which documents belong
together, policy, request type and date), every value under review with its status, the
answers to the yes/no/unknown questions, and the reviewer's name. Every change is committed at
once (autosave): if the app is killed mid-review, reopening it finds the queue and every
confirmation. The sealed, append-only audit trail (`audit_log.py`) shares the database file;
its key is kept outside it (`audit_key.py`).

One process writes a store at a time (`store_lock.py`); queue positions are assigned inside
the write transaction, so even writers the lock cannot keep apart (a network drive) never get
the same position. A read-only store (``read_only=True``: the ``audit`` commands) takes no
lock and changes nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app import audit_key, store_lock
from desktop_app.audit_log import AuditLog, immediate, prepare, utc_now
from desktop_app.review_model import ValueItem
from desktop_app.store_lock import StoreInUseError

__all__ = ["CaseRow", "CaseStore", "DocumentRow", "StoreInUseError", "default_data_dir"]

DATA_DIR_ENV = "OXYGEN_INTAKE_DATA_DIR"
DB_NAME = "cases.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, created_at TEXT NOT NULL,
    policy TEXT NOT NULL DEFAULT 'medicare', request_type TEXT NOT NULL DEFAULT 'initial',
    request_date TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, case_id TEXT NOT NULL, position INTEGER NOT NULL, path TEXT NOT NULL,
    status TEXT NOT NULL, error TEXT, extraction TEXT
);
CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    case_id TEXT NOT NULL, fact TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (case_id, fact)
);
"""


def default_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``override``, else ``$OXYGEN_INTAKE_DATA_DIR``, else the platform's user data folder."""
    if override:
        return Path(override)
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("oxygen-intake", "OxygenIntake"))


@dataclass
class CaseRow:
    id: str
    position: int
    policy: str = "medicare"
    request_type: str = "initial"
    request_date: str | None = None


@dataclass
class DocumentRow:
    id: str
    case_id: str
    position: int
    path: str
    status: str = "queued"
    error: str | None = None
    extraction: dict[str, Any] | None = None


class CaseStore:
    """Reads and writes the case database. All writes commit immediately.

    Raises `StoreInUseError` when another process has the store open for writing, and
    `audit_key.AuditKeyUnavailable` when the audit key is kept in a system key store that
    does not answer.
    """

    def __init__(self, data_dir: str | os.PathLike[str] | None = None, *,
                 read_only: bool = False) -> None:
        self.data_dir = default_data_dir(data_dir)
        self.path = self.data_dir / DB_NAME
        self.read_only = read_only
        self._lock: Path | None = None
        self.key: audit_key.AuditKey | None = None
        if read_only:
            if not self.path.is_file():
                raise FileNotFoundError(f"no case store in {self.data_dir}")
            self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            self.key = audit_key.open_key(self.data_dir, self.store_id,
                                          self.get_meta("audit_key"), create=False)
            self.audit = AuditLog(self.conn, self.key.secret if self.key else None,
                                  read_only=True)
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = store_lock.acquire(self.data_dir)
        try:
            self.conn = sqlite3.connect(self.path)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.executescript(SCHEMA)
            guards_missing = prepare(self.conn)
            if self.get_meta("store_id") is None:
                self.set_meta("store_id", uuid.uuid4().hex)
            self.key = audit_key.open_key(self.data_dir, self.store_id,
                                          self.get_meta("audit_key"), create=True)
            assert self.key is not None
            if self.get_meta("audit_key") != self.key.location:
                self.set_meta("audit_key", self.key.location)
            self.audit = AuditLog(self.conn, self.key.secret, new_key=self.key.created,
                                  guards_were_missing=guards_missing)
        except BaseException:
            store_lock.release(self._lock)
            raise

    @property
    def store_id(self) -> str:
        """A random id of this store (names its audit key); not secret."""
        return self.get_meta("store_id") or "unknown"

    def close(self) -> None:
        self.conn.close()
        if self._lock is not None:
            store_lock.release(self._lock)
            self._lock = None

    # meta -------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                              (key, value))

    # cases ------------------------------------------------------------------------------
    def add_case(self, case_id: str) -> CaseRow:
        with immediate(self.conn):  # the position is read and used in one transaction
            pos = int(self.conn.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM cases").fetchone()[0])
            self.conn.execute("INSERT INTO cases (id, position, created_at) VALUES (?, ?, ?)",
                              (case_id, pos, utc_now()))
        return CaseRow(case_id, pos)

    def update_case(self, row: CaseRow) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE cases SET policy = ?, request_type = ?, request_date = ? WHERE id = ?",
                (row.policy, row.request_type, row.request_date, row.id))

    def delete_case(self, case_id: str) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
            self.conn.execute("DELETE FROM answers WHERE case_id = ?", (case_id,))

    def cases(self) -> list[CaseRow]:
        rows = self.conn.execute(
            "SELECT id, position, policy, request_type, request_date FROM cases "
            "ORDER BY position").fetchall()
        return [CaseRow(*r) for r in rows]

    # documents --------------------------------------------------------------------------
    def add_document(self, doc_id: str, case_id: str, path: str) -> DocumentRow:
        with immediate(self.conn):
            pos = int(self.conn.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM documents").fetchone()[0])
            self.conn.execute(
                "INSERT INTO documents (id, case_id, position, path, status) "
                "VALUES (?, ?, ?, ?, 'queued')", (doc_id, case_id, pos, path))
        return DocumentRow(doc_id, case_id, pos, path)

    def update_document(self, row: DocumentRow) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE documents SET case_id = ?, status = ?, error = ?, extraction = ? "
                "WHERE id = ?",
                (row.case_id, row.status, row.error,
                 json.dumps(row.extraction) if row.extraction is not None else None, row.id))

    def update_document_path(self, doc_id: str, path: str) -> None:
        """The document's file moved (an inbox file moved to "done" at sign-off)."""
        with self.conn:
            self.conn.execute("UPDATE documents SET path = ? WHERE id = ?", (path, doc_id))

    def delete_document(self, doc_id: str) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def documents(self) -> list[DocumentRow]:
        rows = self.conn.execute(
            "SELECT id, case_id, position, path, status, error, extraction FROM documents "
            "ORDER BY position").fetchall()
        return [DocumentRow(r[0], r[1], r[2], r[3], r[4], r[5],
                            json.loads(r[6]) if r[6] else None) for r in rows]

    # values -----------------------------------------------------------------------------
    def save_item(self, item: ValueItem) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO items (id, case_id, data) VALUES (?, ?, ?)",
                              (item.id, item.case_id, json.dumps(item.to_dict())))

    def save_items(self, items: list[ValueItem]) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO items (id, case_id, data) VALUES (?, ?, ?)",
                [(i.id, i.case_id, json.dumps(i.to_dict())) for i in items])

    def delete_items_of_document(self, doc_id: str) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM items WHERE json_extract(data, '$.doc_id') = ?",
                              (doc_id,))

    def items(self) -> list[ValueItem]:
        rows = self.conn.execute("SELECT data FROM items ORDER BY rowid").fetchall()
        return [ValueItem.from_dict(json.loads(r[0])) for r in rows]

    # answers ----------------------------------------------------------------------------
    def set_answer(self, case_id: str, fact: str, value: Any) -> None:
        with self.conn:
            if value is None:
                self.conn.execute("DELETE FROM answers WHERE case_id = ? AND fact = ?",
                                  (case_id, fact))
            else:
                self.conn.execute(
                    "INSERT OR REPLACE INTO answers (case_id, fact, value) VALUES (?, ?, ?)",
                    (case_id, fact, json.dumps(value)))

    def answers(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for case_id, fact, value in self.conn.execute(
                "SELECT case_id, fact, value FROM answers").fetchall():
            out.setdefault(case_id, {})[fact] = json.loads(value)
        return out
