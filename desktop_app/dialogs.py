"""Every dialog the window opens goes through this module.

With the headless switch on (`set_headless(True)`, or ``OXYGEN_INTAKE_HEADLESS=1``), no modal
dialog is shown: each call returns the next answer queued with `queue_answer` (or its
default), and messages are logged by title only — never with patient values. Tests and the
``--screenshot`` mode use it so nothing ever blocks on a modal dialog.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import rules

log = logging.getLogger(__name__)

_state: dict[str, bool] = {"headless": os.environ.get("OXYGEN_INTAKE_HEADLESS") == "1"}
_answers: deque[Any] = deque()
shown: list[str] = []
"""Titles of the dialogs requested while headless (for tests)."""

OPEN_FILTER = "Documents (*.pdf *.tif *.tiff *.png *.jpg *.jpeg);;All files (*)"


def set_headless(on: bool) -> None:
    _state["headless"] = on


def headless() -> bool:
    return _state["headless"]


def queue_answer(value: Any) -> None:
    """While headless: the next dialog returns ``value``."""
    _answers.append(value)


def _headless_answer(title: str, default: Any = None) -> Any:
    shown.append(title)
    log.info("dialog (headless): %s", title)
    return _answers.popleft() if _answers else default


def answer_headless(title: str, default: Any = None) -> Any:
    """For dialogs defined in other modules: record ``title`` and return the queued answer."""
    return _headless_answer(title, default)


def error(parent: QWidget | None, title: str, text: str) -> None:
    if headless():
        _headless_answer(title)
        return
    QMessageBox.warning(parent, title, text)


def info(parent: QWidget | None, title: str, text: str) -> None:
    if headless():
        _headless_answer(title)
        return
    QMessageBox.information(parent, title, text)


def open_files(parent: QWidget | None) -> list[str]:
    if headless():
        return list(_headless_answer("Open documents", []))
    files, _ = QFileDialog.getOpenFileNames(parent, "Open documents", "", OPEN_FILTER)
    return list(files)


def save_pdf_path(parent: QWidget | None, suggested: str) -> str | None:
    if headless():
        answer = _headless_answer("Export summary as PDF")
        return None if answer is None else str(answer)
    path, _ = QFileDialog.getSaveFileName(parent, "Export summary as PDF", suggested,
                                          "PDF (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path or None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    if headless():
        answer = _headless_answer(title)
        return None if answer is None else str(answer)
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def print_with_preview(parent: QWidget | None, printer: QPrinter,
                       paint: Callable[[QPrinter], None]) -> bool:
    """The system print dialog, then a preview; False when the user cancelled."""
    if headless():
        return bool(_headless_answer("Print summary", False))
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    preview = QPrintPreviewDialog(printer, parent)
    preview.paintRequested.connect(paint)
    return preview.exec() == QDialog.DialogCode.Accepted


# values --------------------------------------------------------------------------------

TEST_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": ("pao2", "spo2", "hematocrit"),
    "setting": ("", "rest", "sleep", "exercise"),
    "oxygen": ("", "room_air", "supplemental"),
    "method": ("", "abg", "oximetry"),
}
_SPECIAL_KEYS = ("test", "finding", "equipment", "tests", "findings", "requested_equipment")


def addable_facts() -> list[str]:
    """What can be typed by hand: a test, a finding, an item of equipment, any other fact."""
    return ["test", "finding", "equipment",
            *[f for f in rules.FACT_NAMES if f not in _SPECIAL_KEYS]]


def parse_text_value(text: str) -> Any:
    """``yes``/``no`` → bool, numbers → int/float, a list ``a, b`` for list facts, else text."""
    t = text.strip()
    low = t.lower()
    if low in ("yes", "true", "y"):
        return True
    if low in ("no", "false", "n"):
        return False
    try:
        return int(t)
    except ValueError:
        pass
    try:
        return float(t)
    except ValueError:
        return t


class ValueDialog(QDialog):
    """Edit one value, or add one by hand. A measurement gets one field per circumstance."""

    def __init__(self, parent: QWidget | None, key: str | None = None, value: Any = None,
                 *, list_facts: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit value" if key else "Add a value by hand")
        self.list_facts = list_facts
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fact = QComboBox()
        self.fact.addItems(addable_facts())
        if key:
            self.fact.setCurrentText(key)
            self.fact.setEnabled(False)
        form.addRow("&What:", self.fact)
        layout.addLayout(form)
        self.stack = QStackedWidget()
        test_page = QWidget()
        test_form = QFormLayout(test_page)
        self.test_fields: dict[str, QComboBox | QLineEdit] = {}
        for name in ("kind", "value", "setting", "oxygen", "flow_lpm", "method", "date",
                     "minutes"):
            widget: QComboBox | QLineEdit
            if name in TEST_CHOICES:
                widget = QComboBox()
                widget.addItems(list(TEST_CHOICES[name]))
            else:
                widget = QLineEdit()
                if name == "date":
                    widget.setPlaceholderText("YYYY-MM-DD")
            self.test_fields[name] = widget
            test_form.addRow(name.replace("_", " ").capitalize() + ":", widget)
        self.stack.addWidget(test_page)
        text_page = QWidget()
        text_form = QFormLayout(text_page)
        self.text = QLineEdit()
        self.text.setPlaceholderText("yes / no, a number, a date YYYY-MM-DD, or a word")
        text_form.addRow("&Value:", self.text)
        self.stack.addWidget(text_page)
        layout.addWidget(self.stack)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fact.currentTextChanged.connect(self._switch)
        self._switch(self.fact.currentText())
        if key == "test" and isinstance(value, dict):
            for name, widget in self.test_fields.items():
                v = value.get(name)
                text = "" if v is None else str(v)
                if isinstance(widget, QComboBox):
                    widget.setCurrentText(text)
                else:
                    widget.setText(text)
        elif key is not None:
            self.text.setText(", ".join(value) if isinstance(value, list) else str(value))

    def _switch(self, key: str) -> None:
        self.stack.setCurrentIndex(0 if key == "test" else 1)

    def result_value(self) -> tuple[str, Any]:
        key = self.fact.currentText()
        if key == "test":
            out: dict[str, Any] = {}
            for name, widget in self.test_fields.items():
                text = (widget.currentText() if isinstance(widget, QComboBox)
                        else widget.text()).strip()
                if not text:
                    out[name] = None
                elif name in ("value", "flow_lpm", "minutes"):
                    try:
                        out[name] = float(text)
                    except ValueError:
                        out[name] = text
                else:
                    out[name] = text
            return key, out
        if key in self.list_facts:
            return key, [p.strip() for p in self.text.text().split(",") if p.strip()]
        return key, parse_text_value(self.text.text())


def edit_value(parent: QWidget | None, key: str, value: Any,
               list_facts: tuple[str, ...] = ()) -> Any:
    """The new value, or None when cancelled."""
    if headless():
        return _headless_answer("Edit value")
    dialog = ValueDialog(parent, key, value, list_facts=list_facts)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_value()[1]


def add_value(parent: QWidget | None, preset: str | None = None,
              list_facts: tuple[str, ...] = ()) -> tuple[str, Any] | None:
    """``(fact, value)`` typed by hand, or None when cancelled."""
    if headless():
        answer = _headless_answer("Add a value by hand")
        return None if answer is None else (answer[0], answer[1])
    dialog = ValueDialog(parent, list_facts=list_facts)
    if preset:
        dialog.fact.setCurrentText(preset)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_value()
