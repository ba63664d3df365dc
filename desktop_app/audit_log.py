"""The audit trail: every confirm, edit, reject, answer and decision, once, sealed in a chain.

Rows are only ever inserted, and SQLite triggers refuse UPDATE and DELETE on the table. The
triggers only hold while they exist, so each row also carries a seal: HMAC-SHA256, keyed by
the store's secret (`audit_key`, kept outside the database), over the previous row's seal and
this row's content (`canonical`). An end mark in the ``meta`` table (last row number and seal,
itself sealed) catches rows cut off the end. `AuditLog.verify` walks the chain and names the
first row that does not hold: edited, deleted, reordered or inserted rows are all found, as
long as whoever changed them did not have the key.

Rows written before sealing existed are sealed once, at the upgrade, and the trail says so
(an ``upgrade`` row, written by "Oxygen Intake"). Each row has the time (UTC), the
reviewer, the case, the value, the action, and the value before and after (JSON). Nothing here
writes patient values to the Python log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

TABLE = """
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    case_id TEXT NOT NULL,
    subject TEXT,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    prev_hash TEXT,
    hash TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
GUARDS = {
    name: f"CREATE TRIGGER IF NOT EXISTS audit_no_{name} BEFORE {name.upper()} ON audit "
          "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    for name in ("update", "delete")
}
GUARD_NAMES = tuple(f"audit_no_{name}" for name in GUARDS)

ACTIONS = ("confirm", "edit", "reject", "enter", "answer", "decision", "upgrade",
           "sign_off", "export", "move")
SYSTEM_AUTHOR = "Oxygen Intake"
"""The author of rows the program writes itself (the upgrade row), never a person."""
GENESIS = "0" * 64
"""The "previous seal" of the first row."""
_HEAD, _HEAD_MAC, _SEALED = "audit_head", "audit_head_mac", "audit_sealed_at"
_COLUMNS = "seq, at, reviewer, case_id, subject, action, before, after"


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
    hash: str | None = None


@dataclass(frozen=True)
class ChainReport:
    """What `AuditLog.verify` found."""

    ok: bool
    rows: int
    first_broken: int | None = None
    """The number (``seq``) of the first row that does not hold, when broken."""
    problem: str | None = None
    notes: tuple[str, ...] = ()
    """Things worth telling even when the chain holds (guards found removed, …)."""

    def summary(self) -> str:
        if self.ok:
            return f"audit trail intact: {self.rows} row(s), every seal checked"
        return f"audit trail broken at row {self.first_broken}: {self.problem}"


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def canonical(row: tuple[Any, ...]) -> str:
    """The sealed content of one row: its number and every column, as stored (JSON text)."""
    names = _COLUMNS.split(", ")
    return json.dumps(dict(zip(names, row, strict=True)), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def seal(key: bytes, prev_hash: str, row: tuple[Any, ...]) -> str:
    """HMAC-SHA256 over the previous row's seal and this row's content."""
    message = f"{prev_hash}\n{canonical(row)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _head_mac(key: bytes, head: str) -> str:
    return hmac.new(key, f"end mark\n{head}".encode(), hashlib.sha256).hexdigest()


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction taken at its start (``BEGIN IMMEDIATE``): what it reads cannot
    change before it writes, whatever other connection writes the same file. Nested use
    joins the transaction already open."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def prepare(conn: sqlite3.Connection) -> bool:
    """Create or upgrade the table (seal columns). Returns True when the table existed but
    its append-only guards did not (someone dropped them); the guards are not restored here,
    `AuditLog` does that."""
    existed = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").fetchone()
    conn.executescript(TABLE)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(audit)")}
    for column in ("prev_hash", "hash"):
        if column not in columns:
            conn.execute(f"ALTER TABLE audit ADD COLUMN {column} TEXT")
    conn.commit()
    guards = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")}
    return bool(existed) and not set(GUARD_NAMES) <= guards


class AuditLog:
    """Appends sealed rows to, reads and verifies the ``audit`` table of a case store.

    ``key`` is None only for a reader that could not get the key (`verify` then says so);
    such a log refuses to append. Unsealed rows are sealed (the upgrade) only together with
    the store's first key (``new_key``): seals stripped from a trail already sealed are never
    taken for an old database.
    """

    def __init__(self, conn: sqlite3.Connection, key: bytes | None, *,
                 read_only: bool = False, guards_were_missing: bool = False,
                 new_key: bool = False) -> None:
        self._conn = conn
        self._key = key
        self.notes: list[str] = []
        if guards_were_missing:
            self.notes.append("the append-only guards of the audit trail had been removed "
                              "(they are now restored)")
        if not read_only:
            for guard in GUARDS.values():
                conn.execute(guard)
            conn.commit()
            if key is not None and new_key and self._needs_upgrade():
                self._seal_existing_rows()

    # writing ----------------------------------------------------------------------------
    def append(self, *, reviewer: str, case_id: str, action: str, subject: str | None,
               before: Any, after: Any) -> int:
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        if not reviewer.strip():
            raise ValueError("an audit row needs the reviewer's name")
        if self._key is None:
            raise RuntimeError("the audit key is not available: nothing can be recorded")
        with immediate(self._conn):
            last = self._conn.execute(
                "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            seq = int(last[0]) + 1 if last else 1
            prev = str(last[1] or "") if last else GENESIS
            row = (seq, utc_now(), reviewer, case_id, subject, action,
                   json.dumps(before, sort_keys=True), json.dumps(after, sort_keys=True))
            digest = seal(self._key, prev, row)
            self._conn.execute(
                f"INSERT INTO audit ({_COLUMNS}, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row, prev, digest))
            self._set_head(seq, digest)
        return seq

    def _set_head(self, seq: int, digest: str) -> None:
        assert self._key is not None
        head = f"{seq}:{digest}"
        self._conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                               [(_HEAD, head), (_HEAD_MAC, _head_mac(self._key, head))])

    def _needs_upgrade(self) -> bool:
        """Rows written before seals existed, none sealed yet, and never sealed before."""
        if self._conn.execute("SELECT 1 FROM meta WHERE key = ?", (_SEALED,)).fetchone():
            return False
        counts = self._conn.execute(
            "SELECT COUNT(*), COUNT(hash) FROM audit").fetchone()
        return bool(counts[0]) and counts[1] == 0

    def _seal_existing_rows(self) -> None:
        """The upgrade: seal the rows as they are, and say so in the trail."""
        assert self._key is not None
        with immediate(self._conn):
            self._conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
            rows = self._conn.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY seq").fetchall()
            prev = GENESIS
            for row in rows:
                digest = seal(self._key, prev, tuple(row))
                self._conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?",
                                   (prev, digest, row[0]))
                prev = digest
            self._conn.execute(GUARDS["update"])
            self._set_head(int(rows[-1][0]), prev)
            self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                               (_SEALED, utc_now()))
            self.append(reviewer=SYSTEM_AUTHOR, case_id="", action="upgrade", subject="seals",
                        before=None,
                        after={"rows_sealed": len(rows),
                               "note": "rows written before this version were sealed at the "
                                       "upgrade, as they stood then"})

    # reading ----------------------------------------------------------------------------
    def entries(self, case_id: str | None = None) -> list[AuditEntry]:
        sql = f"SELECT {_COLUMNS}, hash FROM audit"
        params: tuple[Any, ...] = ()
        if case_id is not None:
            sql += " WHERE case_id = ?"
            params = (case_id,)
        rows = self._conn.execute(sql + " ORDER BY seq", params).fetchall()
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], _loads(r[6]), _loads(r[7]),
                           r[8]) for r in rows]

    def verify(self) -> ChainReport:
        """Walk the chain from the first row; name the first row that does not hold."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, prev_hash, hash FROM audit ORDER BY seq").fetchall()
        notes = tuple(self.notes)

        def broken(seq: int, problem: str) -> ChainReport:
            return ChainReport(False, len(rows), seq, problem, notes)

        if self._key is None:
            return ChainReport(False, len(rows), rows[0][0] if rows else None,
                               "the audit key of this case store was not found, so no seal "
                               "can be checked", notes)
        prev, expected = GENESIS, 1
        for *content, prev_hash, digest in rows:
            seq = int(content[0])
            if seq != expected:
                gone = f"row {expected}" if seq == expected + 1 else f"rows {expected}–{seq - 1}"
                return broken(expected, f"{gone} {'is' if seq == expected + 1 else 'are'} "
                                        "missing: deleted outside Oxygen Intake")
            if digest is None:
                return broken(seq, "it has no seal: it was added outside Oxygen Intake")
            if not hmac.compare_digest(seal(self._key, prev_hash or "", tuple(content)),
                                       digest):
                return broken(seq, "its content is not what was sealed: it was changed, "
                                   "moved or added outside Oxygen Intake")
            if prev_hash != prev:
                return broken(seq, "it does not follow the row before it: rows were removed, "
                                   "added or reordered before it")
            prev, expected = digest, expected + 1
        head = self._conn.execute("SELECT value FROM meta WHERE key = ?", (_HEAD,)).fetchone()
        mac = self._conn.execute("SELECT value FROM meta WHERE key = ?",
                                 (_HEAD_MAC,)).fetchone()
        if head is None:
            if rows:
                return broken(len(rows) + 1, "the end mark of the trail is missing: rows may "
                                             "have been removed from the end")
            return ChainReport(True, 0, notes=notes)
        if mac is None or not hmac.compare_digest(_head_mac(self._key, str(head[0])),
                                                  str(mac[0])):
            return broken(len(rows) + 1, "the end mark of the trail was changed outside "
                                         "Oxygen Intake")
        head_seq, _, head_hash = str(head[0]).partition(":")
        if int(head_seq) > len(rows):
            return broken(len(rows) + 1, f"rows {len(rows) + 1}–{head_seq} were removed from "
                                         "the end")
        if int(head_seq) < len(rows) or head_hash != prev:
            return broken(int(head_seq) + 1, "rows after the end mark were added outside "
                                             "Oxygen Intake")
        return ChainReport(True, len(rows), notes=notes)


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)
