"""One scan of the inbox folders: which files are new and complete, how many still wait.

Plain Python, no Qt and no threads (`watcher` runs it on a thread). A file is *ready* when

1. its size and modification time are the same on two scans in a row (a writer that is still
   appending changes one or the other),
2. it opens for reading (on Windows a writer's lock makes opening fail), and
3. its content looks whole (`completeness.is_complete`). A file that stays truncated is
   retried on every scan for ``truncated_grace_s`` and then handed over anyway, marked
   incomplete, so it shows up in the queue with the reader's error instead of vanishing.

Then it is hashed (SHA-256) and reported once; it is reported again only if it changes
(another size or modification time). Nothing here writes to, moves or deletes anything in
the folders. File names are never logged (they may carry a patient's name).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.inbox.completeness import is_complete

__all__ = ["SUFFIXES", "TRUNCATED_GRACE_S", "InboxScanner", "PollResult", "ReadyFile",
           "is_complete", "sha256_of"]

log = logging.getLogger(__name__)

SUFFIXES = frozenset({".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"})
"""What is taken from an inbox (what the reader reads)."""
TRUNCATED_GRACE_S = 600.0
"""How long a file that stays truncated (or locked) is waited for before it is queued anyway."""
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ReadyFile:
    """A file that is complete and may be queued."""

    path: str
    folder: str
    size: int
    mtime_ns: int
    sha256: str
    arrived_at: str
    """When the scan first saw it (local time, ISO 8601, minutes)."""
    complete: bool = True
    """False when it was handed over after ``truncated_grace_s`` although it looks truncated."""


@dataclass
class PollResult:
    """What one scan found."""

    ready: list[ReadyFile] = field(default_factory=list)
    waiting: int = 0
    """Files seen but not queued yet (still being written, locked, truncated, or paused)."""
    unreachable: dict[str, str] = field(default_factory=dict)
    """Folder → a short reason, for folders that could not be listed this time."""


@dataclass
class _Candidate:
    size: int
    mtime_ns: int
    seen_at: float
    arrived_at: str
    stable: int = 1
    blocked_since: float | None = None


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "not found (disconnected, moved or removed)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, NotADirectoryError):
        return "not a folder"
    return exc.strerror or type(exc).__name__


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _local_now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class InboxScanner:
    """Scans folders (top level only; sub-folders such as ``done`` are never entered).

    ``known`` maps a path to the (size, mtime_ns) it had when it was last taken in: such a
    file is not hashed again while it stays the same (the ledger supplies this at start).
    """

    def __init__(self, folders: Iterable[str | os.PathLike[str]], *,
                 known: Mapping[str, tuple[int, int]] | None = None,
                 stable_scans: int = 2, truncated_grace_s: float = TRUNCATED_GRACE_S,
                 clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], str] = _local_now) -> None:
        self.folders = [str(Path(f)) for f in folders]
        self.known: dict[str, tuple[int, int]] = dict(known or {})
        self.stable_scans = max(2, stable_scans)
        self.truncated_grace_s = truncated_grace_s
        self._clock = clock
        self._now = now
        self._pending: dict[str, _Candidate] = {}

    def mark_handled(self, path: str, size: int, mtime_ns: int) -> None:
        self.known[path] = (size, mtime_ns)
        self._pending.pop(path, None)

    def poll(self, release: bool = True) -> PollResult:
        """Scan every folder once. With ``release=False`` (paused) nothing is hashed or
        reported ready; files are only counted as waiting."""
        result = PollResult()
        for folder in self.folders:
            try:
                with os.scandir(folder) as it:
                    entries = list(it)
            except OSError as exc:
                result.unreachable[folder] = _reason(exc)
                result.waiting += sum(1 for p in self._pending if Path(p).parent == Path(folder))
                continue
            present: set[str] = set()
            for entry in entries:
                ready = self._look(folder, entry, present, release)
                if ready is not None:
                    result.ready.append(ready)
            for gone in [p for p in self._pending
                         if Path(p).parent == Path(folder) and p not in present]:
                del self._pending[gone]  # deleted or renamed before it was complete
        result.waiting += len(self._pending)
        if result.ready or result.unreachable:
            log.debug("inbox scan: %d ready, %d waiting, %d folder(s) unreachable",
                      len(result.ready), result.waiting, len(result.unreachable))
        return result

    def _look(self, folder: str, entry: os.DirEntry[str], present: set[str],
              release: bool) -> ReadyFile | None:
        name = entry.name
        if name.startswith((".", "~")) or Path(name).suffix.lower() not in SUFFIXES:
            return None
        try:
            if not entry.is_file():
                return None
            st = entry.stat()
        except OSError:
            return None  # vanished between listing and looking
        path = entry.path
        stat_key = (st.st_size, st.st_mtime_ns)
        if self.known.get(path) == stat_key:
            return None
        present.add(path)
        now = self._clock()
        cand = self._pending.get(path)
        if cand is None or (cand.size, cand.mtime_ns) != stat_key:
            self._pending[path] = _Candidate(st.st_size, st.st_mtime_ns, now, self._now()
                                             if cand is None else cand.arrived_at)
            return None
        cand.stable += 1
        if cand.stable < self.stable_scans or not release:
            return None
        try:
            whole = st.st_size > 0 and is_complete(path)
        except OSError:
            whole = False  # locked by its writer, or gone: try again next scan
        if not whole:
            if cand.blocked_since is None:
                cand.blocked_since = now
            if now - cand.blocked_since < self.truncated_grace_s:
                return None
        try:
            digest = sha256_of(path)
            after = os.stat(path)
        except OSError:
            return None
        if (after.st_size, after.st_mtime_ns) != stat_key:
            cand.size, cand.mtime_ns, cand.stable = after.st_size, after.st_mtime_ns, 1
            return None  # changed while it was hashed
        self.mark_handled(path, *stat_key)
        return ReadyFile(path=path, folder=folder, size=st.st_size, mtime_ns=st.st_mtime_ns,
                         sha256=digest, arrived_at=cand.arrived_at, complete=whole)
