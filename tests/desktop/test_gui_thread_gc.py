"""Garbage is collected in the GUI thread only while the window runs: a reader thread's
allocations never run the collector, so a Qt object in a cycle is never freed there."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from pytestqt.qtbot import QtBot

from desktop_app import gui_thread_gc
from desktop_app.app import make_application


class _Cycle:
    """An object in a reference cycle that records the thread it was freed in."""

    freed_in: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_in.append(threading.current_thread().name)


def _allocate_in_reader(count: int) -> None:
    def run() -> None:  # cyclic garbage, far past the youngest generation's threshold
        for _ in range(count):
            loop: list[object] = []
            loop.append(loop)

    reader = threading.Thread(target=run, name="reader")
    reader.start()
    reader.join()


def test_a_reader_threads_allocations_never_collect_the_cycles_of_the_gui_thread(
        qtbot: QtBot) -> None:
    assert gui_thread_gc.installed() is not None
    assert not gc.isenabled()
    gc.collect()
    _Cycle.freed_in.clear()
    _Cycle()
    _allocate_in_reader(50 * gc.get_threshold()[0])
    assert _Cycle.freed_in == []  # the reader allocated plenty, and collected nothing
    qtbot.waitUntil(lambda: bool(_Cycle.freed_in), timeout=5000)
    assert _Cycle.freed_in == [threading.main_thread().name]


def test_without_it_the_reader_thread_would_collect_them() -> None:
    """The hazard the module exists for, shown with Python's automatic collection on."""
    gui_thread_gc.uninstall()
    assert gc.isenabled()
    gc.collect()
    _Cycle.freed_in.clear()
    _Cycle()
    _allocate_in_reader(50 * gc.get_threshold()[0])
    assert _Cycle.freed_in == ["reader"]


def test_check_collects_the_oldest_generation_that_is_due() -> None:
    collector = gui_thread_gc.installed()
    assert collector is not None
    gc.collect()
    assert collector.check() is None  # nothing is due right after a full collection
    keep = [[] for _ in range(2 * collector.thresholds[0])]
    assert collector.check() == 0
    del keep


def test_uninstall_collects_everything_and_gives_collection_back() -> None:
    gc.collect()
    _Cycle.freed_in.clear()
    _Cycle()
    gui_thread_gc.uninstall()
    assert gc.isenabled()
    assert _Cycle.freed_in == [threading.main_thread().name]
    assert gui_thread_gc.installed() is None


def test_the_application_installs_it_once() -> None:
    gui_thread_gc.uninstall()
    app = make_application()
    first = gui_thread_gc.installed()
    assert first is not None and not gc.isenabled()
    make_application()
    assert gui_thread_gc.installed() is first
    app.aboutToQuit.emit()
    assert gui_thread_gc.installed() is None and gc.isenabled()
