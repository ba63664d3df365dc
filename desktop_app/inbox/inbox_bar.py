"""The inbox line above the queue: how many folders are watched, how many files wait, the
last arrival, a Pause button, and a red line for each folder that cannot be read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop_app.export_csv import local_time


class InboxBar(QWidget):
    """Signals: pause_toggled(paused), settings_requested()."""

    pause_toggled = Signal(bool)
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.pause = QToolButton()
        self.pause.setCheckable(True)
        self.pause.setText("Pause")
        self.pause.setToolTip("Stop queueing new inbox files (they are still counted)")
        self.pause.toggled.connect(self._toggled)
        self.problems = QLabel("")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020")
        self.problems.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.pause)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 4)
        layout.addLayout(top)
        layout.addWidget(self.problems)
        self._updating = False

    def show_state(self, *, folders: list[str], waiting: int, paused: bool,
                   unreachable: dict[str, str], last_arrival: str | None,
                   interval_s: float) -> None:
        self.setVisible(bool(folders))
        self._updating = True
        self.pause.setChecked(paused)
        self.pause.setText("Resume" if paused else "Pause")
        self._updating = False
        state = "paused" if paused else "watching"
        where = (Path(folders[0]).name or folders[0]) if len(folders) == 1 else \
            f"{len(folders)} folders"
        text = f"<b>Inbox</b> {state} {where}<br><b>{waiting}</b> waiting"
        if last_arrival:
            text += f" · last arrival {local_time(last_arrival)[-5:]}"
        self.summary.setText(text)
        self.summary.setToolTip("Watched folders:\n" + "\n".join(folders))
        if unreachable:
            self.problems.setText("\n".join(
                f"⚠ {Path(f).name or f} cannot be read: {reason}. Trying again every "
                f"{interval_s:g} s." for f, reason in unreachable.items()))
            self.problems.setToolTip("\n".join(unreachable))
        self.problems.setVisible(bool(unreachable))

    def _toggled(self, on: bool) -> None:
        if not self._updating:
            self.pause.setText("Resume" if on else "Pause")
            self.pause_toggled.emit(on)
