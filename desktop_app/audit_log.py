"""The append-only audit log: every confirm, edit, reject, answer and decision, once.

Rows are only ever inserted. SQLite triggers refuse UPDATE and DELETE on the table, so even
a bug elsewhere cannot rewrite history. Each row has the time (UTC), the reviewer, the case,
the value, the action, and the value before and after (JSON). The log lives in the case store
database on the user's machine; nothing is sent anywhere, and nothing here writes to the
Python log (patient values never go to logs).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    case_id TEXT NOT NULL,
    subject TEXT,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

ACTIONS = ("confirm", "edit", "reject", "enter", "answer", "decision",
           "sign_off", "export", "move")


@dataclass(frozen=True)
class AuditEntry:
    """One row of the log."""

    seq: int
    at: str
    reviewer: str
    case_id: str
    subject: str | None
    action: str
    before: Any
    after: Any


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class AuditLog:
    """Appends to and reads the ``audit`` table of an open case-store connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        conn.executescript(SCHEMA)

    def append(self, *, reviewer: str, case_id: str, action: str, subject: str | None,
               before: Any, after: Any) -> int:
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        with self._conn:
            cur = self._conn.execute(
                "INSERT INTO audit (at, reviewer, case_id, subject, action, before, after) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (utc_now(), reviewer, case_id, subject, action,
                 json.dumps(before, sort_keys=True), json.dumps(after, sort_keys=True)))
        return int(cur.lastrowid or 0)

    def entries(self, case_id: str | None = None) -> list[AuditEntry]:
        sql = "SELECT seq, at, reviewer, case_id, subject, action, before, after FROM audit"
        params: tuple[Any, ...] = ()
        if case_id is not None:
            sql += " WHERE case_id = ?"
            params = (case_id,)
        rows = self._conn.execute(sql + " ORDER BY seq", params).fetchall()
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]),
                           json.loads(r[7])) for r in rows]
