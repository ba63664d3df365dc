"""Python's cyclic garbage collection, run only in the GUI thread while the window is open.

Qt objects must be destroyed in the thread that owns them. Python's automatic collector runs
in whichever thread happens to allocate when a generation's count passes its threshold; with
documents read on pool threads that is often a reader thread, and a Qt object left in a
reference cycle (a closed dialog, a slot's closure) freed there crashes the whole process
(a segmentation fault "Garbage-collecting" inside a reader). So, as qutebrowser and other Qt
applications do, automatic collection is switched off while the window runs, and a timer in
the GUI thread collects, generation by generation, when the counts pass the usual thresholds.
Reference counting still frees everything that is not in a cycle at once, in any thread.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_INTERVAL_MS = 500
"""How often the GUI thread looks at the collector's counts (a cheap call when under them)."""


class GuiThreadCollector(QObject):
    """Switches automatic collection off and collects from a GUI-thread timer instead."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_INTERVAL_MS)

    def check(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold; returns it."""
        if threading.current_thread() is not threading.main_thread():
            return None
        counts = gc.get_count()
        generation = None
        for level, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=True)):
            if threshold and count > threshold:
                generation = level
            else:
                break  # an older generation is only due once the younger ones are
        if generation is not None:
            gc.collect(generation)
        return generation

    def on_quit(self) -> None:
        uninstall()

    def stop(self) -> None:
        """Collect everything now (in this, the GUI thread) and give collection back."""
        self.timer.stop()
        gc.collect()
        if self.was_enabled:
            gc.enable()


_installed: GuiThreadCollector | None = None


def install(app: QCoreApplication) -> GuiThreadCollector:
    """Collect garbage only in ``app``'s thread from now on (once per process)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
        app.aboutToQuit.connect(_installed.on_quit)
    return _installed


def uninstall() -> None:
    """Back to Python's automatic collection, after one full collection in this thread."""
    global _installed
    collector, _installed = _installed, None
    if collector is not None:
        collector.stop()
        collector.deleteLater()


def installed() -> GuiThreadCollector | None:
    return _installed
