"""macOS "Open With" and Finder double-clicks reach a running app as a Qt FileOpen event,
not as a command-line argument; this filter queues those files in the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpenFilter(QObject):
    """Application event filter: each FileOpen event queues its file."""

    def __init__(self, add_files: Callable[[list[str]], object],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._add_files = add_files

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self._add_files([path])
                return True
        return super().eventFilter(watched, event)
