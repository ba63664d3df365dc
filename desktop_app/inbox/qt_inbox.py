"""The window's inbox: watcher thread → Qt signal → the review queue, each file once.

`InboxController` owns the `InboxWatcher` (scans on its thread) and a `QFileSystemWatcher`
that only wakes the scanner when a local folder changes (network shares are covered by the
periodic rescan). Each scan result arrives in the GUI thread through a queued signal; there a
ready file is looked up by its SHA-256 in the ledger: a copy of something taken before is
counted and left alone, anything new is queued through ``queue_file`` (the window's) and
recorded. It also moves a signed-off case's files to the done folder when the user chose so.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from desktop_app.case_store import CaseStore
from desktop_app.inbox.ledger import Arrival, InboxLedger
from desktop_app.inbox.scanner import InboxScanner, PollResult
from desktop_app.inbox.settings import InboxSettings, load_settings, save_settings
from desktop_app.inbox.watcher import InboxWatcher
from desktop_app.session import ReviewSession

log = logging.getLogger(__name__)


class InboxController(QObject):
    """Signals:
        queued(doc_ids): new files from the inbox were added to the session.
        changed(): the waiting count, reachability or pause state changed.
    """

    queued = Signal(list)
    changed = Signal()
    _scanned = Signal(object)

    def __init__(self, session: ReviewSession, queue_file: Callable[[str], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store: CaseStore = session.store
        self.queue_file = queue_file
        self.ledger = InboxLedger(self.store.conn)
        self.settings: InboxSettings = load_settings(self.store)
        self.waiting = 0
        self.unreachable: dict[str, str] = {}
        self.duplicates = 0
        self.taken = 0
        self.last_arrival: str | None = None
        self.arrivals: dict[str, Arrival] = self.ledger.by_document()
        self.watcher: InboxWatcher | None = None
        self.fs_watcher = QFileSystemWatcher(self)
        self.fs_watcher.directoryChanged.connect(self._folder_changed)
        self._scanned.connect(self._on_scan)

    # control ----------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self.settings.paused

    def start(self) -> None:
        """(Re)start watching the folders in the settings."""
        self.stop()
        self.waiting, self.unreachable = 0, {}
        folders = [str(Path(f)) for f in self.settings.folders]
        if folders:
            scanner = InboxScanner(folders, known=self.ledger.known_paths())
            self.watcher = InboxWatcher(scanner, self._scanned.emit,
                                        interval_s=self.settings.interval_s)
            if self.settings.paused:
                self.watcher.pause()
            self.watcher.start()
            existing = [f for f in folders if Path(f).is_dir()]
            if existing:
                self.fs_watcher.addPaths(existing)
        self.changed.emit()

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop(timeout=2.0)
            self.watcher = None
        watched = self.fs_watcher.directories()
        if watched:
            self.fs_watcher.removePaths(watched)

    def set_paused(self, paused: bool) -> None:
        self.settings.paused = paused
        save_settings(self.store, self.settings)
        if self.watcher is not None:
            if paused:
                self.watcher.pause()
            else:
                self.watcher.resume()
        self.changed.emit()

    def apply(self, settings: InboxSettings) -> None:
        """Save new settings and watch accordingly."""
        self.settings = settings
        save_settings(self.store, settings)
        self.start()

    def rescan(self) -> None:
        if self.watcher is not None:
            self.watcher.wake()

    # scanning ---------------------------------------------------------------------------
    def _folder_changed(self, _path: str) -> None:
        self.rescan()

    def _on_scan(self, result: PollResult) -> None:
        if self.watcher is None:
            return  # stopped while this result was on its way
        new_ids: list[str] = []
        for ready in result.ready:
            if self.ledger.lookup(ready.sha256) is not None:
                self.ledger.take(ready, None)
                self.duplicates += 1
                continue
            doc_id = self.queue_file(ready.path)
            self.ledger.take(ready, doc_id)
            new_ids.append(doc_id)
            self.last_arrival = ready.arrived_at
        if new_ids:
            self.taken += len(new_ids)
            self.arrivals = self.ledger.by_document()
            log.info("inbox: %d file(s) queued", len(new_ids))
        gone = set(self.unreachable) - set(result.unreachable)
        came = set(result.unreachable) - set(self.unreachable)
        if came:
            log.warning("inbox: %d folder(s) cannot be read", len(came))
        for folder in gone:
            if Path(folder).is_dir():
                self.fs_watcher.addPath(folder)  # watch it again now that it is back
        state = (result.waiting, result.unreachable)
        if new_ids or state != (self.waiting, self.unreachable):
            self.waiting, self.unreachable = result.waiting, dict(result.unreachable)
            if new_ids:
                self.queued.emit(new_ids)
            self.changed.emit()

    # the queue --------------------------------------------------------------------------
    def arrival_note(self, doc_id: str) -> str | None:
        """``arrived 09:14`` (today) or ``arrived 2026-03-14 09:14`` for a document that came
        from an inbox (its folder is in the row's tooltip, the file's path)."""
        arrival = self.arrivals.get(doc_id)
        if arrival is None:
            return None
        from desktop_app.export_csv import local_time

        when = local_time(arrival.arrived_at)
        return f"arrived {when[-5:] if when[:10] == _today() else when}"

    def move_case_to_done(self, case_id: str) -> int:
        """Move the case's inbox files to the done folder (only when the user chose so).
        Returns how many files were moved; a file that cannot be moved stays where it is."""
        if not self.settings.move_when_signed_off:
            return 0
        moved = 0
        for doc in self.session.case_documents(case_id):
            arrival = self.arrivals.get(doc.id)
            if arrival is None or not Path(doc.path).is_file():
                continue
            done = self.settings.done_dir(arrival.folder)
            try:
                done.mkdir(parents=True, exist_ok=True)
                target = _free_name(done / Path(doc.path).name)
                shutil.move(doc.path, target)
            except OSError as exc:
                log.warning("inbox: a file could not be moved to done (%s)", type(exc).__name__)
                continue
            self.store.update_document_path(doc.id, str(target))
            doc.path = str(target)
            self.ledger.moved(arrival.sha256, str(target))
            self.store.audit.append(reviewer=self.session.reviewer, case_id=case_id,
                                    action="move", subject=doc.id,
                                    before={"folder": "inbox"}, after={"folder": "done"})
            moved += 1
        if moved:
            self.arrivals = self.ledger.by_document()
        return moved


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def _free_name(target: Path) -> Path:
    """``target``, or ``name (2).pdf`` … when a file of that name is already in done."""
    n = 2
    candidate = target
    while candidate.exists():
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
        n += 1
    return candidate
