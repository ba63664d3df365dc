"""The window checks the audit trail's seals as it opens: a green badge when they hold; a
clear warning naming the first broken row (and a red badge for the session) when not."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app_helpers import confirm_all_with_enter, drop

from desktop_app import audit_check, dialogs


def _reviewed_store(make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
                    sample_copy: Callable[[str], Path]) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        drop(window, [sample_copy("referral.pdf")])
    confirm_all_with_enter(window, qtbot)
    window.close()


def _shell(data: Path, *statements: str) -> None:
    conn = sqlite3.connect(data / "cases.sqlite3")
    conn.execute("DROP TRIGGER audit_no_update")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_an_intact_trail_gets_a_quiet_badge(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        sample_copy: Callable[[str], Path]) -> None:
    _reviewed_store(make_main_window, fake_extractor, qtbot, sample_copy)
    window = make_main_window(fake_extractor)
    qtbot.wait(50)
    rows = len(window.session.store.audit.entries())
    assert rows > 10  # ten confirmations and the decision they led to
    assert window.audit_badge.text() == "Audit trail: seals verified"
    assert f"{rows} row(s), every seal checked" in window.audit_badge.toolTip()
    assert audit_check.BROKEN_TITLE not in dialogs.shown


def test_a_rewritten_row_is_warned_about_at_start_and_named(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        sample_copy: Callable[[str], Path], tmp_path: Path) -> None:
    _reviewed_store(make_main_window, fake_extractor, qtbot, sample_copy)
    _shell(tmp_path / "data", "UPDATE audit SET reviewer = 'root' WHERE seq = 4")
    window = make_main_window(fake_extractor)
    qtbot.waitUntil(lambda: audit_check.BROKEN_TITLE in dialogs.shown, timeout=5000)
    assert window.audit_badge.text() == "⚠ Audit trail broken at row 4"
    report = window.session.store.audit.verify()
    _, text, advice = audit_check.warning_text(report)
    assert "Row 4 of the audit trail does not match its seal" in text
    assert "oxygen-intake audit verify" in advice
    # work goes on: the next action is still recorded and sealed
    window.values.combos["mobile_within_home"].setCurrentIndex(1)
    assert window.session.store.audit.entries()[-1].action == "answer"


def test_dropped_guards_alone_are_told_too(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        sample_copy: Callable[[str], Path], tmp_path: Path) -> None:
    _reviewed_store(make_main_window, fake_extractor, qtbot, sample_copy)
    _shell(tmp_path / "data")
    window = make_main_window(fake_extractor)
    qtbot.waitUntil(lambda: audit_check.NOTE_TITLE in dialogs.shown, timeout=5000)
    assert "seals verified" in window.audit_badge.text()
