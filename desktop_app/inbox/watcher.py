"""Runs an `InboxScanner` on a background thread: every ``interval_s``, or at once when woken.

Scanning touches the file system, which on a network share that went away can block for
tens of seconds; on this thread that never freezes the window. Each scan's `PollResult` goes
to ``on_result`` on this thread (the window's adapter forwards it through a Qt signal). A
scanner that raises is caught and reported as an unreachable folder set, never a crash.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable

from desktop_app.inbox.scanner import InboxScanner, PollResult

log = logging.getLogger(__name__)

_RECEIVER_GONE = re.compile(r"\b(?:already|has been) deleted\b")
"""What Qt's bindings say when a signal's object was destroyed ("Signal source has been
deleted", "Internal C++ object … already deleted")."""


class InboxWatcher:
    """Scans on a daemon thread until `stop`. `pause` keeps counting but queues nothing."""

    def __init__(self, scanner: InboxScanner, on_result: Callable[[PollResult], None], *,
                 interval_s: float = 5.0) -> None:
        self.scanner = scanner
        self.on_result = on_result
        self.interval_s = interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="inbox-watcher", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop scanning; True when the thread ended within ``timeout`` (a scan blocked on a
        dead network share may not, and the daemon thread then ends with the process)."""
        self._stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def pause(self) -> None:
        self._paused.set()
        self._wake.set()

    def resume(self) -> None:
        self._paused.clear()
        self._wake.set()

    def wake(self) -> None:
        """Scan now (a folder changed)."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                result = self.scanner.poll(release=not self._paused.is_set())
            except Exception as exc:  # a scan must never kill the watcher
                log.warning("inbox scan failed (%s)", type(exc).__name__)
                result = PollResult(unreachable={f: "could not be scanned"
                                                 for f in self.scanner.folders})
            if self._stop.is_set():
                break
            try:
                self.on_result(result)
            except RuntimeError as exc:
                if _RECEIVER_GONE.search(str(exc)):
                    break  # the window the results went to was closed: nobody left to tell
                log.warning("inbox result handler failed (%s)", type(exc).__name__)
            except Exception as exc:
                log.warning("inbox result handler failed (%s)", type(exc).__name__)
            self._wake.wait(self.interval_s)
            self._wake.clear()
