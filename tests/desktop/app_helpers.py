"""Helpers shared by the desktop tests: the recorded extractor, the synthetic patient's
strings that must never be logged, and the user's gestures (drop files, press Enter, …)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from extractors.models import DocumentExtraction
from extractors.progress import Progress

ANSWERS = ("mobile_within_home", "treating_practitioner_evaluated_test")
"""What a reviewer answers for the sample under Medicare (an inpatient test: the Medicare
questions panel does not ask whether it was the last before discharge)."""

FIXTURES = Path(__file__).parent / "fixtures"
PATIENT_STRINGS = ("Harriet", "Quill", "1953-07-02", "PaO2 54", "54 mm", "SaO2 87", "87 %",
                   "2026-03-14")
"""The synthetic patient's name and values: none of these may ever reach a log record."""


def recorded_extraction(source: str) -> DocumentExtraction:
    data = json.loads((FIXTURES / "sample_extraction.json").read_text(encoding="utf-8"))
    data["source"] = source
    return DocumentExtraction.model_validate(data)


class FakeExtractor:
    """Replays the recorded extraction of the sample for files named ``*referral*``; a file
    named ``broken*`` fails; ``slow*`` files wait until cancelled (or ``release``);
    ``upside*`` files report page 1 as read upside down; ``ambiguous*`` files warn."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls: list[str] = []

    def __call__(self, path: str, progress: Progress, cancel: threading.Event
                 ) -> DocumentExtraction:
        name = Path(path).name
        self.calls.append(name)
        if name.startswith("broken"):
            return DocumentExtraction(source=path, error="the file is damaged and cannot be read")
        if name.startswith("slow"):
            while not (cancel.is_set() or self.release.is_set()):
                cancel.wait(0.01)
            if cancel.is_set():
                return DocumentExtraction(source=path, error="cancelled")
        result = recorded_extraction(path)
        if name.startswith("upside"):  # as if OCR had found page 1 upside down
            result.page_info[0].rotation = 180
        if name.startswith("ambiguous"):
            result.warnings.append("some dates are ambiguous (day/month order); check them")
        for page in range(1, result.pages + 1):
            progress.page_done(page, result.pages, "text")
        return result


def drop(window: Any, paths: list[Path]) -> None:
    """Drag files from a file manager onto the window and let go."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)


def statuses(window: Any) -> list[str]:
    return [window.session.items[i].status for i in window.values._rows]


def confirm_all_with_enter(window: Any, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.values.tree.setFocus()
    count = len(window.values._rows)
    for _ in range(count):
        qtbot.keyClick(window.values.tree, Qt.Key.Key_Return)


def answer_questions(window: Any) -> None:
    for fact in ANSWERS:
        window.values.combos[fact].setCurrentIndex(1)  # "yes"


def set_request_date(window: Any, date: str) -> None:
    window.decision.request_date.setText(date)
    window.decision.request_date.editingFinished.emit()
