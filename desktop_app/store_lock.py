"""One writer process per case store: an exclusive lock on ``cases.lock`` in the data folder.

The operating system holds the lock (``flock`` on Linux and macOS, ``LockFileEx`` through
``msvcrt.locking`` on Windows) and drops it when the process ends, however it ends: a crash
never leaves a stale lock behind. A second process that opens the same store gets
`StoreInUseError`, whose message names the process that holds it. Inside one process the
lock is shared (counted), so opening the store twice there is harmless.

Locks on network drives are not dependable; the store's own transactions still keep every
write whole (queue positions are assigned inside them).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from pathlib import Path
from typing import IO

LOCK_NAME = "cases.lock"
_WINDOWS_LOCK_OFFSET = 1 << 20
"""Windows locks a byte range that readers then cannot read: lock a byte far past the process
id written at the start of the file, so a second process can still read who holds it."""

_held: dict[str, tuple[IO[str], int]] = {}
_guard = threading.Lock()


class StoreInUseError(RuntimeError):
    """Another process is writing this case store."""

    def __init__(self, data_dir: Path, pid: int | None) -> None:
        self.data_dir = data_dir
        self.pid = pid
        who = f" (process {pid})" if pid else ""
        super().__init__(
            f"The case store in {data_dir} is open in another Oxygen Intake{who}. Only one "
            "window may work on it at a time: use that window, or close it and try again.")


def _try_lock(fh: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        fh.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def acquire(data_dir: Path) -> Path:
    """Take the store's lock for this process (counted); raise `StoreInUseError` if another
    process has it. Returns the lock file's path (the key for `release`)."""
    path = (data_dir / LOCK_NAME).resolve()
    with _guard:
        if str(path) in _held:
            fh, count = _held[str(path)]
            _held[str(path)] = (fh, count + 1)
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+", encoding="ascii")  # noqa: SIM115 - held until release
        if not _try_lock(fh):
            fh.close()
            raise StoreInUseError(data_dir, _holder(path))
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        _held[str(path)] = (fh, 1)
        return path


@atexit.register
def _release_all() -> None:
    """At exit the operating system drops the locks anyway; close the files tidily."""
    with _guard:
        for fh, _ in _held.values():
            fh.close()
        _held.clear()


def release(path: Path) -> None:
    """Give back one hold; the last one unlocks (closing the file drops the lock)."""
    with _guard:
        entry = _held.get(str(path))
        if entry is None:
            return
        fh, count = entry
        if count > 1:
            _held[str(path)] = (fh, count - 1)
            return
        del _held[str(path)]
        fh.close()
