"""One window per case store: "Open with" on a second fax while the window is open hands the
file to that window (a local socket) and the second launch exits; a launch that finds the
store locked and nobody answering says so and opens nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.app import listen_for_launches
from desktop_app.case_store import CaseStore
from desktop_app.single_instance import server_name


def _launch(*args: str) -> subprocess.Popen[str]:
    """`oxygen-intake …` in its own process, as a file manager's "Open with" starts it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OXYGEN_INTAKE_HEADLESS": "1",
           "OXYGEN_INTAKE_KEYRING": "off"}
    return subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait(qtbot: Any, process: subprocess.Popen[str], seconds: float = 60) -> tuple[str, str]:
    """Keep this window's event loop running while the other process works."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        qtbot.wait(50)
    out, err = process.communicate(timeout=5)
    return out, err


def test_a_second_launch_hands_its_file_to_the_open_window_and_exits(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any, tmp_path: Path) -> None:
    window = make_main_window(fake_extractor)
    server = listen_for_launches(window)
    assert server.listening()
    fax = sample_copy("second-referral.pdf")
    with qtbot.wait_signal(window.document_read, timeout=60000):
        second = _launch(str(fax), "--data-dir", str(tmp_path / "data"))
        out, err = _wait(qtbot, second)
    assert second.returncode == 0, err
    assert "already open on this case store: 1 file(s) handed to it" in out
    assert [Path(d.path).name for d in window.session.docs.values()] == ["second-referral.pdf"]
    assert fake_extractor.calls == ["second-referral.pdf"]


def test_files_handed_over_before_the_window_is_ready_are_kept(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any, tmp_path: Path) -> None:
    from desktop_app.single_instance import InstanceServer

    window = make_main_window(fake_extractor)
    server = InstanceServer(server_name(tmp_path / "data"))
    second = _launch(str(sample_copy("early-referral.pdf")), "--data-dir",
                     str(tmp_path / "data"))
    _, err = _wait(qtbot, second)
    assert second.returncode == 0, err
    assert [Path(p).name for p in server.pending] == ["early-referral.pdf"]
    with qtbot.wait_signal(window.document_read, timeout=10000):
        server.connect_window(window.add_files)
    assert server.pending == []
    assert len(window.session.docs) == 1


def test_a_launch_on_a_store_locked_by_a_silent_process_opens_nothing(
        qtbot: Any, tmp_path: Path, sample_copy: Callable[[str], Path]) -> None:
    holder = CaseStore(tmp_path / "data")  # holds the lock, listens for nobody
    second = _launch(str(sample_copy("referral.pdf")), "--data-dir", str(tmp_path / "data"))
    out, err = _wait(qtbot, second, 90)
    holder.close()
    assert second.returncode == 3, (out, err)
    assert f"open in another Oxygen Intake (process {os.getpid()})" in err
    assert len(CaseStore(tmp_path / "data").documents()) == 0


def test_the_socket_name_is_per_store() -> None:
    assert server_name(Path("/a/store")) == server_name(Path("/a/store"))
    assert server_name(Path("/a/store")) != server_name(Path("/b/store"))
