"""Fixtures for the desktop app tests: offscreen Qt, a temp case store per test, headless
dialogs, a recorded extractor, and a guard that fails any test whose log records contain the
synthetic patient's name or values. The system key store is never touched
(``OXYGEN_INTAKE_KEYRING=off``: audit keys are files in each test's folder)."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["OXYGEN_INTAKE_KEYRING"] = "off"
os.environ.pop("OXYGEN_INTAKE_DATA_DIR", None)

import pytest
from app_helpers import PATIENT_STRINGS, FakeExtractor
from PySide6.QtWidgets import QApplication

from desktop_app import dialogs, gui_thread_gc
from desktop_app.app import sample_path


@pytest.fixture(autouse=True)
def _gui_thread_gc(qapp: QApplication) -> Iterator[None]:
    """As in the app: garbage is collected in the GUI thread only, never in a reader thread
    (a Qt object freed there crashes the process); each test's garbage goes with it."""
    gui_thread_gc.install(qapp)
    yield
    gui_thread_gc.uninstall()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("OXYGEN_INTAKE_DATA_DIR", str(tmp_path / "default-data"))
    dialogs.set_headless(True)
    dialogs._answers.clear()
    dialogs.shown.clear()
    yield
    dialogs._answers.clear()


@pytest.fixture(autouse=True)
def no_patient_values_in_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every desktop test also checks that no log record carries patient values."""
    caplog.set_level(logging.DEBUG)
    yield
    leaks = [r.getMessage() for r in caplog.records
             if any(s in r.getMessage() for s in PATIENT_STRINGS)]
    assert not leaks, f"patient values in log records: {len(leaks)}"


@pytest.fixture
def fake_extractor() -> FakeExtractor:
    return FakeExtractor()


@pytest.fixture
def sample_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy the bundled sample PDF into the test's folder under a given name."""

    def make(name: str = "referral.pdf") -> Path:
        target = tmp_path / "docs" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(sample_path(), target)
        return target

    return make


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    target = tmp_path / "docs" / "broken.pdf"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(b"%PDF-1.4 this is not really a PDF")
    return target


@pytest.fixture
def make_main_window(qtbot: Any, tmp_path: Path) -> Callable[..., Any]:
    """A MainWindow on a case store in ``tmp_path/data`` (the same store on every call)."""
    from desktop_app.app import make_window

    def make(extractor: Any = None, show: bool = True) -> Any:
        window = make_window(tmp_path / "data", reviewer="Test Reviewer", extractor=extractor)
        qtbot.add_widget(window)
        if show:
            window.show()
            qtbot.wait_exposed(window)
        return window

    return make
