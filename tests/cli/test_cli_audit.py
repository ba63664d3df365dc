"""`oxygen-intake audit verify|cases|export`: what an auditor runs, on an intact and on a
tampered trail, and while the window has the store open."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from desktop_app.case_store import CaseStore
from desktop_app.cli import main

CASE = "c0ffee00case"


def _store(data: Path) -> None:
    store = CaseStore(data)
    for n, (action, subject, after) in enumerate((
            ("confirm", "item-1", {"value": 54, "status": "confirmed"}),
            ("answer", "mobile_within_home", True),
            ("decision", "medicare", "medicare:qualifies"))):
        store.audit.append(reviewer="Dana Reviewer", case_id=CASE, action=action,
                           subject=subject, before=None, after=after)
        store.audit.append(reviewer="Lee Reviewer", case_id="other-case", action="answer",
                           subject="chronic_stable_state", before=None, after=bool(n % 2))
    store.close()


def _tamper(data: Path, seq: int) -> None:
    conn = sqlite3.connect(data / "cases.sqlite3")
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute(f"UPDATE audit SET reviewer = 'someone else' WHERE seq = {seq}")
    conn.commit()
    conn.close()


def test_verify_says_ok_on_an_intact_trail(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _store(tmp_path)
    assert main(["audit", "verify", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "ok  audit trail intact: 6 row(s)" in out
    assert "audit key: the file" in out


def test_verify_names_the_first_broken_row(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _store(tmp_path)
    _tamper(tmp_path, 3)
    assert main(["audit", "verify", "--data-dir", str(tmp_path)]) == 1
    assert "BROKEN  audit trail broken at row 3" in capsys.readouterr().out


def test_cases_lists_the_cases_of_the_trail(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _store(tmp_path)
    assert main(["audit", "cases", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{CASE}  3 row(s)", "other-case  3 row(s)"]


def test_csv_export_has_the_case_rows_and_their_seal_status(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _store(tmp_path)
    assert main(["audit", "export", CASE[:6], "--csv", "--data-dir", str(tmp_path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["row"] for r in rows] == ["1", "3", "5"]
    assert [r["action"] for r in rows] == ["confirm", "answer", "decision"]
    assert rows[1]["concerning"] == "Patient is mobile within the home"
    assert {r["reviewer"] for r in rows} == {"Dana Reviewer"}
    assert {r["seal_verified"] for r in rows} == {"yes"}
    _tamper(tmp_path, 3)
    out = tmp_path / "trail.csv"
    assert main(["audit", "export", CASE, "--csv", "-o", str(out),
                 "--data-dir", str(tmp_path)]) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["seal_verified"] for r in rows] == ["yes", "NO", "NO"]
    assert "broken at row 3" in capsys.readouterr().err


def test_pdf_export_states_whether_the_seals_hold(tmp_path: Path) -> None:
    _store(tmp_path)
    _tamper(tmp_path, 5)
    out = tmp_path / "trail.pdf"
    assert main(["audit", "export", CASE, "--pdf", "-o", str(out),
                 "--data-dir", str(tmp_path)]) == 1
    with pdfplumber.open(out) as pdf:
        text = " ".join((p.extract_text() or "") for p in pdf.pages)
    text = " ".join(text.split())
    assert f"Audit trail of case {CASE}" in text
    assert "The trail is broken at row 5" in text
    assert "Dana Reviewer" in text


def test_unknown_case_and_missing_store_are_errors(tmp_path: Path) -> None:
    assert main(["audit", "verify", "--data-dir", str(tmp_path / "none")]) == 2
    _store(tmp_path)
    assert main(["audit", "export", "nope", "--csv", "--data-dir", str(tmp_path)]) == 2


def test_verify_works_while_the_window_holds_the_store(tmp_path: Path) -> None:
    _store(tmp_path)
    writer = CaseStore(tmp_path)  # as the open window does: the store's lock is held
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "audit", "verify", "--data-dir",
         str(tmp_path)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "OXYGEN_INTAKE_KEYRING": "off"})
    writer.close()
    assert done.returncode == 0, done.stderr
    assert "audit trail intact" in done.stdout
