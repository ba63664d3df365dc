"""A FileOpen event (macOS "Open With", Finder double-click) queues the file in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent
from pytestqt.qtbot import QtBot

from desktop_app.file_open import FileOpenFilter


def test_file_open_event_queues_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    queued: list[list[str]] = []
    target = QObject()
    target.installEventFilter(FileOpenFilter(lambda paths: queued.append(list(paths)), target))
    path = str(tmp_path / "fax.tif")
    QCoreApplication.sendEvent(target, QFileOpenEvent(path))
    assert queued == [[path]]


def test_other_events_pass_through(qtbot: QtBot) -> None:
    queued: list[list[str]] = []
    target = QObject()
    target.installEventFilter(FileOpenFilter(lambda paths: queued.append(list(paths)), target))
    QCoreApplication.sendEvent(target, QEvent(QEvent.Type.User))
    assert queued == []
