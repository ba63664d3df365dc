"""The sealed audit trail: with its triggers dropped (as anyone with the sqlite3 shell can),
every edit, deletion, reordering and insertion is found and the first broken row named;
databases from before the seals are sealed once at the upgrade, and the trail says so."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.audit_log import SYSTEM_AUTHOR, ChainReport
from desktop_app.case_store import CaseStore

ROWS = 6


def _store_with_rows(data: Path, rows: int = ROWS) -> CaseStore:
    store = CaseStore(data)
    for n in range(1, rows + 1):
        store.audit.append(reviewer="Dana Reviewer", case_id="case-a", action="confirm",
                           subject=f"value-{n}", before={"status": "found"},
                           after={"value": n, "status": "confirmed"})
    return store


def shell(data: Path, *statements: str) -> None:
    """What someone with the sqlite3 shell does: drop the guards, change rows, commit."""
    conn = sqlite3.connect(data / "cases.sqlite3")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def verify_fresh(data: Path) -> ChainReport:
    """Verify as the app does at its next start (and as `audit verify` does)."""
    return CaseStore(data, read_only=True).audit.verify()


def test_an_untouched_trail_verifies(tmp_path: Path) -> None:
    store = _store_with_rows(tmp_path)
    report = store.audit.verify()
    assert report == ChainReport(True, ROWS)
    assert verify_fresh(tmp_path).ok
    assert all(e.hash and len(e.hash) == 64 for e in store.audit.entries())


def test_the_guards_still_refuse_updates_and_deletes(tmp_path: Path) -> None:
    store = _store_with_rows(tmp_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit SET reviewer = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit WHERE seq = 1")


TAMPERING: dict[str, tuple[tuple[str, ...], int, str]] = {
    # name: (statements, first broken row, words of the problem)
    "reviewer rewritten": (("UPDATE audit SET reviewer = 'someone else' WHERE seq = 3",),
                           3, "content is not what was sealed"),
    "value rewritten": (("UPDATE audit SET after = '{\"status\": \"confirmed\", \"value\": 99}' "
                         "WHERE seq = 4",), 4, "content is not what was sealed"),
    "time rewritten": (("UPDATE audit SET at = '2020-01-01T00:00:00+00:00' WHERE seq = 2",),
                       2, "content is not what was sealed"),
    "row deleted": (("DELETE FROM audit WHERE seq = 3",), 3, "row 3 is missing"),
    "two rows deleted": (("DELETE FROM audit WHERE seq IN (2, 3)",), 2, "rows 2–3 are missing"),
    "last row deleted": (("DELETE FROM audit WHERE seq = 6",), 6, "removed from the end"),
    "first row deleted": (("DELETE FROM audit WHERE seq = 1",), 1, "row 1 is missing"),
    "rows reordered": (("UPDATE audit SET seq = 100 WHERE seq = 2",
                        "UPDATE audit SET seq = 2 WHERE seq = 3",
                        "UPDATE audit SET seq = 3 WHERE seq = 100"),
                       2, "content is not what was sealed"),
    "contents swapped, numbers kept": (
        ("CREATE TEMP TABLE t AS SELECT * FROM audit WHERE seq IN (4, 5)",
         "UPDATE audit SET subject = (SELECT subject FROM t WHERE seq = 5), "
         "after = (SELECT after FROM t WHERE seq = 5), hash = (SELECT hash FROM t WHERE seq = 5),"
         " prev_hash = (SELECT prev_hash FROM t WHERE seq = 5) WHERE seq = 4"),
        4, "content is not what was sealed"),
    "row inserted at the end without a seal": (
        ("INSERT INTO audit (at, reviewer, case_id, subject, action, before, after) VALUES "
         "('2026-01-01T00:00:00+00:00', 'x', 'case-a', 'v', 'confirm', 'null', 'null')",),
        7, "no seal"),
    "row inserted at the end with a copied seal": (
        ("INSERT INTO audit SELECT 7, at, reviewer, case_id, 'forged', action, before, after, "
         "prev_hash, hash FROM audit WHERE seq = 6",), 7, "content is not what was sealed"),
    "row inserted in the middle": (
        ("UPDATE audit SET seq = seq + 100 WHERE seq >= 4",
         "UPDATE audit SET seq = seq - 99 WHERE seq >= 104",
         "INSERT INTO audit SELECT 4, at, reviewer, case_id, 'inserted', action, before, after, "
         "prev_hash, hash FROM audit WHERE seq = 3"), 4, "content is not what was sealed"),
    "end mark removed with the last row": (
        ("DELETE FROM audit WHERE seq = 6",
         "DELETE FROM meta WHERE key IN ('audit_head', 'audit_head_mac')"),
        6, "end mark of the trail is missing"),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_tampering_with_the_guards_dropped_is_found_and_the_first_broken_row_named(
        tmp_path: Path, name: str) -> None:
    statements, first, words = TAMPERING[name]
    _store_with_rows(tmp_path).close()
    shell(tmp_path, *statements)
    report = verify_fresh(tmp_path)
    assert not report.ok
    assert report.first_broken == first
    assert words in (report.problem or "")
    assert f"row {first}" in report.summary()


def test_a_seal_recomputed_without_the_key_is_refused(tmp_path: Path) -> None:
    """Plain SHA-256 (what a forger without the key can compute) does not match the keyed
    seal, even when the rest of the chain is rebuilt consistently from the edited row on."""
    _store_with_rows(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "cases.sqlite3")
    rows = conn.execute("SELECT seq, at, reviewer, case_id, subject, action, before, after, "
                        "prev_hash FROM audit ORDER BY seq").fetchall()
    conn.close()
    statements = ["UPDATE audit SET reviewer = 'forger' WHERE seq = 5"]
    prev = rows[3][8]
    for row in rows[4:]:
        content = list(row[:8])
        if content[0] == 5:
            content[2] = "forger"
        digest = hashlib.sha256((prev + json.dumps(content)).encode()).hexdigest()
        statements.append(f"UPDATE audit SET prev_hash = '{prev}', hash = '{digest}' "
                          f"WHERE seq = {content[0]}")
        prev = digest
    shell(tmp_path, *statements)
    report = verify_fresh(tmp_path)
    assert (report.ok, report.first_broken) == (False, 5)


def test_reopening_restores_the_guards_and_says_they_had_been_removed(tmp_path: Path) -> None:
    _store_with_rows(tmp_path).close()
    shell(tmp_path)  # guards dropped, nothing else changed
    again = CaseStore(tmp_path)
    report = again.audit.verify()
    assert report.ok
    assert any("guards" in note for note in report.notes)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        again.conn.execute("DELETE FROM audit")


def test_new_rows_after_a_break_still_append_and_the_break_stays_reported(
        tmp_path: Path) -> None:
    _store_with_rows(tmp_path).close()
    shell(tmp_path, "UPDATE audit SET reviewer = 'x' WHERE seq = 2")
    store = CaseStore(tmp_path)
    store.audit.append(reviewer="Dana Reviewer", case_id="case-a", action="answer",
                       subject="mobile_within_home", before=None, after=True)
    assert store.audit.verify().first_broken == 2


def test_the_key_is_outside_the_database_and_only_the_user_may_read_it(tmp_path: Path) -> None:
    store = _store_with_rows(tmp_path)
    assert store.key is not None and store.key.location == "file"
    key_file = tmp_path / f"audit-{store.store_id}.key"
    assert key_file.is_file()
    assert key_file.stat().st_mode & 0o777 == 0o600
    store.close()
    secret = key_file.read_text(encoding="ascii").strip()
    for path in tmp_path.glob("cases.sqlite3*"):
        assert secret.encode() not in path.read_bytes()
        assert bytes.fromhex(secret) not in path.read_bytes()


def test_without_the_key_nothing_can_be_vouched_for(tmp_path: Path) -> None:
    store = _store_with_rows(tmp_path)
    store_id = store.store_id
    store.close()
    (tmp_path / f"audit-{store_id}.key").unlink()
    report = verify_fresh(tmp_path)
    assert (report.ok, report.first_broken) == (False, 1)
    assert "key" in (report.problem or "")


OLD_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, reviewer TEXT NOT NULL,
    case_id TEXT NOT NULL, subject TEXT, action TEXT NOT NULL, before TEXT, after TEXT);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


def _old_database(data: Path, rows: int) -> None:
    """A case store as the previous version wrote it: no seals."""
    data.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(data / "cases.sqlite3")
    conn.executescript(OLD_SCHEMA)
    for n in range(rows):
        conn.execute("INSERT INTO audit (at, reviewer, case_id, subject, action, before, after) "
                     "VALUES (?, 'R', 'c', 's', 'confirm', 'null', ?)",
                     (f"2026-01-0{n + 1}T10:00:00+00:00", f'{{"value": {n}}}'))
    conn.commit()
    conn.close()


def test_an_old_trail_is_sealed_once_at_the_upgrade_and_the_trail_says_so(
        tmp_path: Path) -> None:
    _old_database(tmp_path, 4)
    store = CaseStore(tmp_path)
    entries = store.audit.entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    upgrade = entries[-1]
    assert (upgrade.action, upgrade.reviewer) == ("upgrade", SYSTEM_AUTHOR)
    assert upgrade.after["rows_sealed"] == 4
    assert store.audit.verify() == ChainReport(True, 5)
    store.close()
    again = CaseStore(tmp_path)  # a second start seals nothing again
    assert len(again.audit.entries()) == 5
    again.close()
    shell(tmp_path, "UPDATE audit SET after = '{\"value\": 7}' WHERE seq = 2")
    assert verify_fresh(tmp_path).first_broken == 2


def test_stripping_the_seals_is_not_taken_for_an_old_database(tmp_path: Path) -> None:
    _store_with_rows(tmp_path).close()
    shell(tmp_path, "UPDATE audit SET hash = NULL, prev_hash = NULL",
          "UPDATE audit SET reviewer = 'x' WHERE seq = 2")
    store = CaseStore(tmp_path)
    report = store.audit.verify()
    assert (report.ok, report.first_broken) == (False, 1)
    assert not any(e.action == "upgrade" for e in store.audit.entries())


@pytest.mark.parametrize("build", [lambda d: _store_with_rows(d, 0).close()])
def test_an_empty_trail_verifies(tmp_path: Path, build: Callable[[Path], None]) -> None:
    build(tmp_path)
    assert verify_fresh(tmp_path) == ChainReport(True, 0)
