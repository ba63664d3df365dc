"""The secret that seals the audit trail: one per case store, kept outside the database.

Where the platform has a key store that answers (Windows Credential Manager, the macOS
Keychain, a Secret Service such as GNOME Keyring or KWallet on Linux), the key is kept there,
through the `keyring` package. Otherwise (a headless Linux, no backend, a locked or silent
service) it is a file only the user may read (``audit-<store id>.key``, mode 0600) in the
data folder, or in ``$OXYGEN_INTAKE_KEY_DIR``. The case store records which of the two holds
the key, so a key store that is slow one day never makes the app start a new key.

Calls into `keyring` run in a helper thread with a time limit: a Secret Service that never
answers (a D-Bus session without a keyring daemon) costs a few seconds once, never a hang.
``OXYGEN_INTAKE_KEYRING=off`` keeps everything in the file (tests use it: they never touch
the user's real key store). No secret, and nothing about patients, is ever logged.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Oxygen Intake audit key"
KEYRING_ENV = "OXYGEN_INTAKE_KEYRING"
"""``off`` (or ``0``/``no``): never use the system key store; the key is a file."""
KEY_DIR_ENV = "OXYGEN_INTAKE_KEY_DIR"
"""Folder for key files (default: the case store's data folder)."""
PROBE_SECONDS = 3.0
"""Time allowed to a key store not yet known to hold this store's key."""
READ_SECONDS = 60.0
"""Time allowed to the key store known to hold it (the system may ask to unlock it)."""

Location = Literal["keyring", "file"]
T = TypeVar("T")


class AuditKeyUnavailable(RuntimeError):
    """The key is kept in the system key store, which did not give it."""


@dataclass(frozen=True)
class AuditKey:
    secret: bytes
    location: Location
    created: bool
    """Made just now (a new store, or a store whose trail had no seals yet)."""
    where: str
    """Where it is kept, in words (for the auditor; no secret in it)."""


def keyring_enabled() -> bool:
    return os.environ.get(KEYRING_ENV, "").strip().lower() not in ("off", "0", "no", "false")


def _with_timeout(call: Callable[[], T], seconds: float) -> tuple[bool, T | None]:
    """Run ``call`` in a daemon thread; ``(False, None)`` if it raised or did not finish."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except Exception as exc:  # any backend error means "not available"
            box["error"] = type(exc).__name__

    worker = threading.Thread(target=run, name="audit-key", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        log.warning("the system key store did not answer within %.0f s", seconds)
        return False, None
    if "error" in box:
        log.info("the system key store is not usable (%s)", box["error"])
        return False, None
    return True, box.get("value")


def _backend(seconds: float) -> Any | None:
    """The `keyring` backend if one with a positive priority answers, else None."""
    if not keyring_enabled():
        return None

    def find() -> Any | None:
        import keyring

        backend = keyring.get_keyring()
        return backend if getattr(backend, "priority", 0) > 0 else None

    ok, backend = _with_timeout(find, seconds)
    return backend if ok else None


def _backend_name(backend: Any) -> str:
    return str(getattr(backend, "name", type(backend).__name__))


def key_file(data_dir: Path, store_id: str) -> Path:
    folder = Path(os.environ.get(KEY_DIR_ENV) or data_dir)
    return folder / f"audit-{store_id}.key"


def _read_file(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)  # someone widened it: only the user may read a key
    return bytes.fromhex(text)


def _write_file(path: Path, secret: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secret.hex() + "\n")
    if os.name == "posix":
        path.chmod(0o600)  # the umask may have taken bits off, never added: make it exact


def _keyring_get(backend: Any, store_id: str, seconds: float) -> tuple[bool, bytes | None]:
    ok, text = _with_timeout(lambda: backend.get_password(KEYRING_SERVICE, store_id), seconds)
    if not ok:
        return False, None
    return True, bytes.fromhex(text) if text else None


def _keyring_put(backend: Any, store_id: str, secret: bytes) -> bool:
    """Store the key and read it back: a backend that silently drops it does not count."""
    ok, _ = _with_timeout(
        lambda: backend.set_password(KEYRING_SERVICE, store_id, secret.hex()), PROBE_SECONDS)
    if not ok:
        return False
    ok, back = _keyring_get(backend, store_id, PROBE_SECONDS)
    return ok and back == secret


def open_key(data_dir: Path, store_id: str, recorded: str | None, *,
             create: bool) -> AuditKey | None:
    """This store's key: from where ``recorded`` says, else looked for, else made (``create``).

    Raises `AuditKeyUnavailable` when the key is recorded as kept in the system key store and
    that store does not answer: a new key then would make the whole trail unverifiable.
    Returns None when the key is nowhere and ``create`` is false.
    """
    path = key_file(data_dir, store_id)
    from_file = _read_file(path)
    if from_file is not None:
        return AuditKey(from_file, "file", False, f"the file {path}")
    if recorded == "keyring" or recorded is None:
        seconds = READ_SECONDS if recorded == "keyring" else PROBE_SECONDS
        backend = _backend(seconds)
        if backend is not None:
            ok, secret = _keyring_get(backend, store_id, seconds)
            if ok and secret is not None:
                return AuditKey(secret, "keyring", False,
                                f"the system key store ({_backend_name(backend)})")
            if not ok and recorded == "keyring":
                raise AuditKeyUnavailable("the system key store did not give the audit key")
        elif recorded == "keyring":
            raise AuditKeyUnavailable("the system key store is not available")
    if not create:
        return None
    secret = secrets.token_bytes(32)
    backend = _backend(PROBE_SECONDS)
    if backend is not None and _keyring_put(backend, store_id, secret):
        log.info("audit key kept in the system key store")
        return AuditKey(secret, "keyring", True,
                        f"the system key store ({_backend_name(backend)})")
    _write_file(path, secret)
    log.info("audit key kept in a user-only file")
    return AuditKey(secret, "file", True, f"the file {path}")
