"""Where the audit key is kept: the system key store when one answers, else a user-only file;
a key store that fails, hangs or drops the key never blocks the app or loses the key.

Every test installs its own stand-in backend: the user's real key store is never touched.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from desktop_app import audit_key
from desktop_app.case_store import CaseStore


class MemoryKeyring(KeyringBackend):
    """A key store that works (as Windows Credential Manager or the macOS Keychain do)."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


class HangingKeyring(MemoryKeyring):
    """A Secret Service that never answers (a D-Bus session with no keyring daemon)."""

    release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(30)
        return None


class ForgetfulKeyring(MemoryKeyring):
    """Accepts the key and keeps nothing."""

    def set_password(self, service: str, username: str, password: str) -> None:
        return None


@pytest.fixture
def use_backend(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setenv(audit_key.KEYRING_ENV, "on")

    def install(backend: KeyringBackend) -> KeyringBackend:
        monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
        return backend

    return install


def test_a_working_key_store_holds_the_key_and_no_file_is_written(
        tmp_path: Path, use_backend: object) -> None:
    backend = use_backend(MemoryKeyring())  # type: ignore[operator]
    store = CaseStore(tmp_path)
    store.audit.append(reviewer="Dana", case_id="c", action="answer", subject="x",
                       before=None, after=True)
    assert store.key is not None and store.key.location == "keyring"
    assert (audit_key.KEYRING_SERVICE, store.store_id) in backend.items
    assert not list(tmp_path.glob("audit-*.key"))
    store.close()
    again = CaseStore(tmp_path, read_only=True)
    assert again.key is not None and again.key.location == "keyring"
    assert again.audit.verify().ok


def test_no_backend_falls_back_to_the_file_at_once_without_warnings(
        tmp_path: Path, use_backend: object) -> None:
    use_backend(fail.Keyring())  # type: ignore[operator]
    started = time.monotonic()
    store = CaseStore(tmp_path)  # filterwarnings=error: any warning fails the test
    assert time.monotonic() - started < 2.0
    assert store.key is not None and store.key.location == "file"
    assert store.get_meta("audit_key") == "file"


def test_keyrings_own_discovery_ends_in_time_without_warnings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No stand-in: keyring's own backend discovery (on a machine without a key store, such
    as CI, it finds none). Only discovery runs: no key is read or written."""
    monkeypatch.setenv(audit_key.KEYRING_ENV, "on")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    started = time.monotonic()
    backend = audit_key._backend(audit_key.PROBE_SECONDS)
    assert time.monotonic() - started < audit_key.PROBE_SECONDS + 1
    assert backend is None or backend.priority > 0


def test_a_key_store_that_never_answers_costs_seconds_not_a_hang(
        tmp_path: Path, use_backend: object, monkeypatch: pytest.MonkeyPatch) -> None:
    use_backend(HangingKeyring())  # type: ignore[operator]
    monkeypatch.setattr(audit_key, "PROBE_SECONDS", 0.3)
    started = time.monotonic()
    store = CaseStore(tmp_path)
    assert time.monotonic() - started < 3.0
    assert store.key is not None and store.key.location == "file"
    HangingKeyring.release.set()


def test_a_key_store_that_drops_the_key_is_not_trusted(tmp_path: Path,
                                                       use_backend: object) -> None:
    use_backend(ForgetfulKeyring())  # type: ignore[operator]
    store = CaseStore(tmp_path)
    assert store.key is not None and store.key.location == "file"


def test_a_key_kept_in_the_key_store_is_never_replaced_when_the_store_is_silent(
        tmp_path: Path, use_backend: object) -> None:
    use_backend(MemoryKeyring())  # type: ignore[operator]
    CaseStore(tmp_path).close()
    use_backend(fail.Keyring())  # type: ignore[operator]
    with pytest.raises(audit_key.AuditKeyUnavailable):
        CaseStore(tmp_path)
    assert not list(tmp_path.glob("audit-*.key"))


def test_switched_off_means_the_file_whatever_backend_there_is(
        tmp_path: Path, use_backend: object, monkeypatch: pytest.MonkeyPatch) -> None:
    backend = use_backend(MemoryKeyring())  # type: ignore[operator]
    monkeypatch.setenv(audit_key.KEYRING_ENV, "off")
    store = CaseStore(tmp_path)
    assert store.key is not None and store.key.location == "file"
    assert backend.items == {}


def test_a_widened_key_file_is_made_user_only_again(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    path = tmp_path / f"audit-{store.store_id}.key"
    store.close()
    path.chmod(0o644)
    CaseStore(tmp_path).close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_key_folder_can_be_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(audit_key.KEY_DIR_ENV, str(tmp_path / "keys"))
    store = CaseStore(tmp_path / "data")
    assert (tmp_path / "keys" / f"audit-{store.store_id}.key").is_file()
