"""File ▸ Inbox folders…: the settings page (embeddable in a Preferences dialog) and its dialog.

`InboxSettingsWidget` is self-contained: `set_settings` / `settings` / `problems`, and a
``changed`` signal; a Preferences dialog can add it as a page as it is. `InboxFoldersDialog`
wraps it with OK / Cancel and refuses OK while the settings have a problem.
`edit_inbox_settings` opens the dialog (headless: returns the next queued answer).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import dialogs
from desktop_app.inbox.settings import (
    DEFAULT_DONE,
    MAX_INTERVAL_S,
    MIN_INTERVAL_S,
    InboxSettings,
)

_ROLE_PATH = Qt.ItemDataRole.UserRole


class InboxSettingsWidget(QWidget):
    """Folders to watch, rescan interval, and the move-to-done option."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paused = False
        intro = QLabel("Files your e-fax service, synced folder or mail rule puts in these "
                       "folders are queued once they are complete, each only once (a copy of "
                       "a file already taken is recognised by its content).")
        intro.setWordWrap(True)
        self.folders = QListWidget()
        self.folders.setAccessibleName("Inbox folders")
        self.folders.setMinimumHeight(110)
        self.add_button = QPushButton("&Add folder…")
        self.remove_button = QPushButton("&Remove")
        self.add_button.clicked.connect(self.add_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.folders.currentRowChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        self.interval = QDoubleSpinBox()
        self.interval.setRange(MIN_INTERVAL_S, MAX_INTERVAL_S)
        self.interval.setDecimals(0)
        self.interval.setSuffix(" s")
        self.interval.setAccessibleName("Rescan interval in seconds")
        interval_row = QHBoxLayout()
        interval_label = QLabel("Rescan e&very")
        interval_label.setBuddy(self.interval)
        interval_row.addWidget(interval_label)
        interval_row.addWidget(self.interval)
        interval_row.addStretch(1)
        interval_hint = QLabel("Network shares report new files only through a rescan.")
        interval_hint.setStyleSheet("color: #555")

        self.move_done = QCheckBox("When a case is &signed off, move its files to:")
        self.done_folder = QLineEdit()
        self.done_folder.setPlaceholderText(DEFAULT_DONE)
        self.done_folder.setAccessibleName("Done folder")
        done_hint = QLabel("A folder name (made inside each inbox folder) or a full path. "
                           "Otherwise nothing in an inbox folder is ever moved, renamed or "
                           "deleted.")
        done_hint.setWordWrap(True)
        done_hint.setStyleSheet("color: #555")
        self.move_done.toggled.connect(self.done_folder.setEnabled)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.folders, 1)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addLayout(interval_row)
        layout.addWidget(interval_hint)
        layout.addSpacing(6)
        layout.addWidget(self.move_done)
        layout.addWidget(self.done_folder)
        layout.addWidget(done_hint)
        layout.addWidget(self.problem)
        for signal in (self.interval.valueChanged, self.move_done.toggled,
                       self.done_folder.textChanged):
            signal.connect(self._changed)
        self.set_settings(InboxSettings())

    # data -------------------------------------------------------------------------------
    def set_settings(self, settings: InboxSettings,
                     unreachable: dict[str, str] | None = None) -> None:
        self.folders.clear()
        for folder in settings.folders:
            self._add_row(folder, (unreachable or {}).get(folder))
        self.interval.setValue(settings.interval_s)
        self.move_done.setChecked(settings.move_when_signed_off)
        self.done_folder.setText(settings.done_folder)
        self.done_folder.setEnabled(settings.move_when_signed_off)
        self._paused = settings.paused
        self._update_buttons()
        self._changed()

    def settings(self) -> InboxSettings:
        folders = [str(self.folders.item(i).data(_ROLE_PATH))
                   for i in range(self.folders.count())]
        return InboxSettings(folders=folders, interval_s=float(self.interval.value()),
                             move_when_signed_off=self.move_done.isChecked(),
                             done_folder=self.done_folder.text().strip() or DEFAULT_DONE,
                             paused=self._paused)

    def problems(self) -> list[str]:
        return self.settings().problems()

    # editing ----------------------------------------------------------------------------
    def add_folder(self, folder: str | None = None) -> None:
        if not folder:
            if dialogs.headless():
                answer = dialogs._headless_answer("Choose an inbox folder")
                folder = None if answer is None else str(answer)
            else:
                folder = QFileDialog.getExistingDirectory(self, "Choose an inbox folder") or None
        if folder:
            self._add_row(str(Path(folder)), None)
            self._changed()

    def remove_selected(self) -> None:
        row = self.folders.currentRow()
        if row >= 0:
            self.folders.takeItem(row)
            self._changed()

    def _add_row(self, folder: str, problem: str | None) -> None:
        reachable = Path(folder).is_dir() and problem is None
        text = folder if reachable else f"{folder}  — cannot be read"
        item = QListWidgetItem(("✓  " if reachable else "⚠  ") + text)
        item.setData(_ROLE_PATH, folder)
        item.setToolTip(folder if reachable else f"{folder}\n{problem or 'not found'}")
        if not reachable:
            item.setForeground(QColor(176, 0, 32))
        self.folders.addItem(item)
        self.folders.setCurrentItem(item)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.folders.currentRow() >= 0)

    def _changed(self) -> None:
        self.problem.setText("; ".join(self.problems()))
        self._update_buttons()
        self.changed.emit()


class InboxFoldersDialog(QDialog):
    """The settings widget with OK / Cancel; OK is refused while there is a problem."""

    def __init__(self, settings: InboxSettings, unreachable: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Inbox folders")
        self.page = InboxSettingsWidget()
        self.page.set_settings(settings, unreachable)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.page.changed.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(self.buttons)
        self.resize(620, 440)
        self._validate()

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(not self.page.problems())


def edit_inbox_settings(parent: QWidget | None, current: InboxSettings,
                        unreachable: dict[str, str] | None = None) -> InboxSettings | None:
    """Show the dialog; the new settings, or None when cancelled. Headless: the next queued
    answer (an `InboxSettings`, or None)."""
    if dialogs.headless():
        answer = dialogs._headless_answer("Inbox folders")
        return answer if isinstance(answer, InboxSettings) else None
    dialog = InboxFoldersDialog(current, unreachable, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.page.settings()
