"""The reviewer's name: asked on the first start, kept in the settings, changed in
Preferences (Ctrl+,); the audit trail, the values and the printed summary carry it, never the
computer's account."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from app_helpers import confirm_all_with_enter, drop
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

import desktop_app
from desktop_app import dialogs, reviewer
from desktop_app.app import NoReviewer, make_window
from desktop_app.case_store import CaseStore
from desktop_app.session import ReviewSession


@pytest.fixture
def computer_account_is_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on the shared workstation of the issue: every account variable says "root"."""
    for name in ("USER", "LOGNAME", "USERNAME", "LNAME"):
        monkeypatch.setenv(name, "root")


def _window(qtbot: Any, data: Path, **kwargs: Any) -> Any:
    window = make_window(data, **kwargs)
    qtbot.add_widget(window)
    window.show()
    qtbot.wait_exposed(window)
    return window


def test_first_start_asks_the_name_keeps_it_and_records_it_not_the_account(
        qtbot: Any, tmp_path: Path, fake_extractor: Any, sample_copy: Callable[[str], Path],
        computer_account_is_root: None) -> None:
    dialogs.queue_answer("  Dana   Okafor ")
    window = _window(qtbot, tmp_path / "data", extractor=fake_extractor)
    assert dialogs.shown == [reviewer.FIRST_START_TITLE]
    assert window.session.reviewer == "Dana Okafor"
    assert "reviewer: Dana Okafor" in window.status.text()
    with qtbot.wait_signal(window.document_read, timeout=10000):
        drop(window, [sample_copy("referral.pdf")])
    confirm_all_with_enter(window, qtbot)
    entries = window.session.store.audit.entries()
    assert entries and {e.reviewer for e in entries} == {"Dana Okafor"}
    assert {i.reviewer for i in window.session.items.values()} == {"Dana Okafor"}
    window.close()
    dialogs.shown.clear()
    again = _window(qtbot, tmp_path / "data", extractor=fake_extractor)
    assert dialogs.shown == []  # asked once: the settings keep it
    assert again.session.reviewer == "Dana Okafor"


def test_quitting_the_first_start_dialog_opens_nothing_and_records_nothing(
        qtbot: Any, tmp_path: Path) -> None:
    dialogs.queue_answer(None)
    with pytest.raises(NoReviewer):
        make_window(tmp_path / "data")
    assert dialogs.shown == [reviewer.FIRST_START_TITLE]
    settings = QSettings(str(tmp_path / "data" / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value(reviewer.SETTINGS_KEY) is None


def test_preferences_change_the_name_for_the_trail_and_the_summary(
        qtbot: Any, tmp_path: Path, fake_extractor: Any,
        sample_copy: Callable[[str], Path]) -> None:
    dialogs.queue_answer("Dana Okafor")
    window = _window(qtbot, tmp_path / "data", extractor=fake_extractor)
    assert window.act_preferences.shortcut() == QKeySequence("Ctrl+,")
    with qtbot.wait_signal(window.document_read, timeout=10000):
        drop(window, [sample_copy("referral.pdf")])
    dialogs.queue_answer("Lee Park")
    window.act_preferences.trigger()
    assert dialogs.shown[-1] == reviewer.PREFERENCES_TITLE
    assert "reviewer: Lee Park" in window.status.text()
    confirm_all_with_enter(window, qtbot)
    assert {e.reviewer for e in window.session.store.audit.entries()} == {"Lee Park"}
    out = tmp_path / "summary.pdf"
    dialogs.queue_answer(str(out))
    window.export_pdf()
    with pdfplumber.open(out) as pdf:
        text = " ".join((pdf.pages[0].extract_text() or "").split())
    assert "Reviewer: Lee Park" in text
    settings = QSettings(str(tmp_path / "data" / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value(reviewer.SETTINGS_KEY) == "Lee Park"
    dialogs.queue_answer(None)  # cancelled: nothing changes
    window.act_preferences.trigger()
    assert window.session.reviewer == "Lee Park"


def test_the_command_line_name_is_for_the_session_only(qtbot: Any, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path / "data", reviewer="Sam Ruiz")
    assert dialogs.shown == [] and window.session.reviewer == "Sam Ruiz"
    settings = QSettings(str(tmp_path / "data" / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value(reviewer.SETTINGS_KEY) is None


def test_nothing_is_recorded_without_a_name(tmp_path: Path,
                                           computer_account_is_root: None) -> None:
    session = ReviewSession(CaseStore(tmp_path))
    assert session.reviewer == ""
    doc = session.add_document(tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="reviewer's name"):
        session.answer(doc.case_id, "mobile_within_home", True)


def test_the_dialog_accepts_only_a_real_name(qtbot: Any) -> None:
    dialog = reviewer.ReviewerDialog(None, first_start=True)
    qtbot.add_widget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.edit.setText("   ")
    assert not dialog.ok.isEnabled()
    dialog.edit.setText("Dana Okafor")
    assert dialog.ok.isEnabled() and dialog.name() == "Dana Okafor"
    assert dialog.ok.text() == "Start"
    assert reviewer.clean_name("a\tb") == "a b"
    assert reviewer.clean_name("x" * (reviewer.MAX_LENGTH + 1)) is None
    assert reviewer.clean_name("bad\x00name") is None


def test_no_module_reads_the_computer_account() -> None:
    forbidden = {"getpass", "getlogin", "getpwuid", "USER", "LOGNAME", "USERNAME"}
    package = Path(desktop_app.__file__).parent
    found = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ({a.name for a in node.names} if isinstance(node, ast.Import | ast.ImportFrom)
                     else {node.attr} if isinstance(node, ast.Attribute)
                     else {node.value} if isinstance(node, ast.Constant)
                     and isinstance(node.value, str) else set())
            if names & forbidden:
                found.append(f"{path.name}:{getattr(node, 'lineno', 0)}")
    assert found == []
