"""The reviewer's name: asked for on the first start, kept in the settings, changed in
File ▸ Preferences (Ctrl+,).

The name is what the audit trail, each confirmed value and the printed summary carry. It is
never taken from the computer's account (a shared intake workstation is often logged in as
one account, or as "root"): until a person gives a name, nothing is recorded. ``--reviewer
NAME`` sets it for one session without changing the settings.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app import dialogs

SETTINGS_KEY = "reviewer/name"
MAX_LENGTH = 80
FIRST_START_TITLE = "Welcome to Oxygen Intake"
PREFERENCES_TITLE = "Preferences"


def clean_name(text: str | None) -> str | None:
    """The name with its spaces tidied, or None if it is empty, too long or not printable."""
    name = " ".join((text or "").split())
    if not name or len(name) > MAX_LENGTH or re.search(r"[\x00-\x1f\x7f]", name):
        return None
    return name


def saved_name(settings: QSettings | None) -> str | None:
    if settings is None:
        return None
    value = settings.value(SETTINGS_KEY)
    return clean_name(str(value)) if value is not None else None


def save_name(settings: QSettings | None, name: str) -> None:
    if settings is not None:
        settings.setValue(SETTINGS_KEY, name)
        settings.sync()


class ReviewerDialog(QDialog):
    """Asks for the reviewer's name: on the first start (OK or Quit), or as Preferences."""

    def __init__(self, parent: QWidget | None, *, first_start: bool, current: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("ReviewerDialog")
        self.setWindowTitle(FIRST_START_TITLE if first_start else PREFERENCES_TITLE)
        layout = QVBoxLayout(self)
        if first_start:
            heading = QLabel("<b>Who is reviewing?</b>")
            layout.addWidget(heading)
        explain = QLabel(
            "Your name is recorded with every value you confirm, in the audit trail and on "
            "the printed summaries. It stays on this computer"
            + (", and you can change it later in File ▸ Preferences (Ctrl+,)." if first_start
               else "."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.edit = QLineEdit(current)
        self.edit.setPlaceholderText("First and last name")
        self.edit.setMaxLength(MAX_LENGTH)
        self.edit.setAccessibleName("Reviewer name")
        form.addRow("Reviewer &name:", self.edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if first_start:
            self.ok.setText("Start")
            cancel.setText("Quit")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.textChanged.connect(self._check)
        self._check(self.edit.text())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))

    def _check(self, text: str) -> None:
        self.ok.setEnabled(clean_name(text) is not None)

    def name(self) -> str | None:
        return clean_name(self.edit.text())


def ask_name(parent: QWidget | None, *, first_start: bool, current: str = "") -> str | None:
    """The name given, or None when the person quit (first start) or cancelled."""
    title = FIRST_START_TITLE if first_start else PREFERENCES_TITLE
    if dialogs.headless():
        answer = dialogs.answer_headless(title)
        return clean_name(str(answer)) if answer is not None else None
    dialog = ReviewerDialog(parent, first_start=first_start, current=current)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name()


def resolve(settings: QSettings | None, *, given: str | None, suggested: str = "",
            parent: QWidget | None = None) -> str | None:
    """The reviewer for this session: ``--reviewer``, else the saved name, else asked (and
    saved). None when nobody gave a name: the window does not open then."""
    if given and clean_name(given):
        return clean_name(given)
    name = saved_name(settings)
    if name:
        return name
    name = ask_name(parent, first_start=True, current=suggested)
    if name:
        save_name(settings, name)
    return name
