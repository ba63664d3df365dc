"""The inbox without a window: completeness, one scan at a time (fake clock), the ledger,
settings, and the background watcher with a slow writer."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from inbox_helpers import SlowWriter, fax_pdf, fax_tiff, sha256, twenty_faxes

from desktop_app.inbox.completeness import is_complete
from desktop_app.inbox.ledger import InboxLedger
from desktop_app.inbox.scanner import InboxScanner, PollResult
from desktop_app.inbox.settings import InboxSettings, load_settings, save_settings
from desktop_app.inbox.watcher import InboxWatcher


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _prefixes_judged_complete(tmp_path: Path, data: bytes) -> list[int]:
    """Prefix lengths judged whole: every 5th length, and every one of the last 80."""
    target = tmp_path / "partial"
    out = []
    lengths = sorted({*range(0, len(data), 5), *range(max(0, len(data) - 80), len(data))})
    for n in lengths:
        target.write_bytes(data[:n])
        if is_complete(target):
            out.append(n)
    return out


@pytest.mark.parametrize("kind", ["pdf", "tiff", "tiff1", "png", "jpeg"])
def test_no_truncated_file_looks_complete_and_whole_ones_do(tmp_path: Path, kind: str) -> None:
    from io import BytesIO

    from PIL import Image

    if kind == "pdf":
        data = fax_pdf(7)
    elif kind.startswith("tiff"):
        data = fax_tiff(7, pages=1 if kind == "tiff1" else 3)
    else:
        buf = BytesIO()
        Image.new("L", (64, 40), 200).save(buf, format=kind.upper())
        data = buf.getvalue()
    whole = tmp_path / f"whole.{kind}"
    whole.write_bytes(data)
    assert is_complete(whole)
    judged = _prefixes_judged_complete(tmp_path, data)
    # only a prefix that lacks nothing but trailing padding (a PDF's last newline, the zero
    # bytes Pillow pads a TIFF with) may count as whole
    padding_only = {n for n in judged if not data[n:].strip(b"\x00\r\n ")}
    assert set(judged) == padding_only


def test_a_file_that_is_no_known_format_is_not_waited_for(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a document at all")
    assert is_complete(junk)


def _scanner(folder: Path, clock: Clock, **kw: Any) -> InboxScanner:
    return InboxScanner([folder], clock=clock, now=lambda: "2026-03-16T09:00:00+01:00", **kw)


def test_a_file_is_ready_after_two_unchanged_scans_and_reported_once(tmp_path: Path) -> None:
    clock = Clock()
    scanner = _scanner(tmp_path, clock)
    data = fax_pdf(1)
    (tmp_path / "a.pdf").write_bytes(data)
    first = scanner.poll()
    assert (first.ready, first.waiting) == ([], 1)
    second = scanner.poll()
    assert [r.sha256 for r in second.ready] == [sha256(data)]
    assert second.ready[0].arrived_at == "2026-03-16T09:00:00+01:00"
    assert second.ready[0].complete and second.waiting == 0
    assert scanner.poll().ready == [] and scanner.poll().ready == []


def test_a_growing_file_waits_until_it_stops_changing(tmp_path: Path) -> None:
    clock = Clock()
    scanner = _scanner(tmp_path, clock)
    data = fax_pdf(2)
    target = tmp_path / "b.pdf"
    for end in (200, 600, len(data)):
        target.write_bytes(data[:end])
        assert scanner.poll().ready == []
    ready = scanner.poll().ready
    assert [r.sha256 for r in ready] == [sha256(data)]


def test_a_truncated_file_is_retried_then_handed_over_marked_incomplete(tmp_path: Path) -> None:
    clock = Clock()
    scanner = _scanner(tmp_path, clock, truncated_grace_s=60.0)
    data = fax_pdf(3)
    (tmp_path / "c.pdf").write_bytes(data[:500])  # the writer stalled for a long time
    for _ in range(5):
        result = scanner.poll()
        assert result.ready == [] and result.waiting == 1
        clock.t += 10
    clock.t += 30
    ready = scanner.poll().ready
    assert len(ready) == 1 and not ready[0].complete
    # and the writer finishing later makes it a new arrival (other content)
    (tmp_path / "c.pdf").write_bytes(data)
    scanner.poll()
    again = scanner.poll().ready
    assert [r.sha256 for r in again] == [sha256(data)] and again[0].complete


def test_a_file_locked_by_its_writer_waits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """On Windows a writer's lock makes opening fail; here opening is made to fail."""
    import desktop_app.inbox.scanner as scanner_module

    clock = Clock()
    scanner = _scanner(tmp_path, clock)
    (tmp_path / "d.pdf").write_bytes(fax_pdf(4))

    def locked(path: object) -> bool:
        raise PermissionError(13, "locked")

    monkeypatch.setattr(scanner_module, "is_complete", locked)
    assert scanner.poll().ready == [] and scanner.poll().ready == []
    assert scanner.poll().waiting == 1
    monkeypatch.undo()
    assert len(scanner.poll().ready) == 1


def test_other_files_hidden_files_and_subfolders_are_ignored(tmp_path: Path) -> None:
    clock = Clock()
    scanner = _scanner(tmp_path, clock)
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / ".partial.pdf").write_bytes(fax_pdf(5))
    (tmp_path / "~lock.pdf").write_bytes(fax_pdf(6))
    (tmp_path / "done").mkdir()
    (tmp_path / "done" / "old.pdf").write_bytes(fax_pdf(7))
    (tmp_path / "FAX.PDF").write_bytes(fax_pdf(8))
    scanner.poll()
    assert [Path(r.path).name for r in scanner.poll().ready] == ["FAX.PDF"]


def test_pause_counts_waiting_files_and_releases_them_on_resume(tmp_path: Path) -> None:
    clock = Clock()
    scanner = _scanner(tmp_path, clock)
    for n in range(3):
        (tmp_path / f"p{n}.pdf").write_bytes(fax_pdf(n))
    for _ in range(3):
        paused = scanner.poll(release=False)
        assert paused.ready == [] and paused.waiting == 3
    assert len(scanner.poll().ready) == 3


def test_an_unreachable_folder_is_reported_and_recovers(tmp_path: Path) -> None:
    clock = Clock()
    share = tmp_path / "share"
    share.mkdir()
    scanner = _scanner(share, clock)
    (share / "e.pdf").write_bytes(fax_pdf(9))
    scanner.poll()
    moved = tmp_path / "share-offline"
    share.rename(moved)  # the share disconnects
    result = scanner.poll()
    assert result.ready == []
    assert "not found" in result.unreachable[str(share)]
    moved.rename(share)  # and comes back
    back = scanner.poll()
    assert back.unreachable == {}
    assert [Path(r.path).name for r in back.ready] == ["e.pdf"]


def test_ledger_recognises_the_same_content_under_another_name_after_a_restart(
        tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = fax_pdf(10)
    (inbox / "first.pdf").write_bytes(data)
    conn = sqlite3.connect(db)
    ledger = InboxLedger(conn)
    scanner = _scanner(inbox, Clock(), known=ledger.known_paths())
    scanner.poll()
    (ready,) = scanner.poll().ready
    assert ledger.take(ready, "doc-1") is True
    conn.close()
    # restart: the unchanged file is not even hashed again; a copy is known by its content
    conn = sqlite3.connect(db)
    ledger = InboxLedger(conn)
    scanner = _scanner(inbox, Clock(), known=ledger.known_paths())
    shutil.copyfile(inbox / "first.pdf", inbox / "copy of first.pdf")
    scanner.poll()
    (copy,) = scanner.poll().ready
    assert Path(copy.path).name == "copy of first.pdf"
    assert ledger.lookup(copy.sha256) is not None
    assert ledger.take(copy, None) is False
    assert ledger.count() == 1
    assert ledger.by_document()["doc-1"].path.endswith("first.pdf")
    conn.close()


def test_settings_round_trip_and_problems(tmp_path: Path) -> None:
    class Meta:
        def __init__(self) -> None:
            self.data: dict[str, str] = {}

        def get_meta(self, key: str, default: str | None = None) -> str | None:
            return self.data.get(key, default)

        def set_meta(self, key: str, value: str) -> None:
            self.data[key] = value

    meta = Meta()
    assert load_settings(meta) == InboxSettings()
    chosen = InboxSettings(folders=[str(tmp_path / "a"), str(tmp_path / "b")], interval_s=3.0,
                           move_when_signed_off=True, done_folder="archive")
    save_settings(meta, chosen)
    assert load_settings(meta) == chosen
    assert chosen.problems() == []
    assert chosen.done_dir(tmp_path / "a") == tmp_path / "a" / "archive"
    bad = InboxSettings(folders=["relative", str(tmp_path), str(tmp_path)], interval_s=0.1,
                        move_when_signed_off=True, done_folder=str(tmp_path))
    problems = " | ".join(bad.problems())
    for expected in ("listed twice", "full path", "must differ", "rescan every"):
        assert expected in problems
    meta.data["inbox"] = "{not json"
    assert load_settings(meta) == InboxSettings()


def test_watcher_takes_twenty_slowly_written_faxes_each_exactly_once(tmp_path: Path) -> None:
    files = twenty_faxes()
    seen: list[tuple[str, str, bool]] = []
    lock = threading.Lock()
    waiting: list[int] = []

    def on_result(result: PollResult) -> None:
        with lock:
            waiting.append(result.waiting)
            for r in result.ready:
                # read at hand-over time: the content must be the final one
                seen.append((Path(r.path).name, sha256(Path(r.path).read_bytes()), r.complete))

    watcher = InboxWatcher(InboxScanner([tmp_path]), on_result, interval_s=0.02)
    watcher.start()
    writer = SlowWriter(tmp_path, files)
    writer.start()
    writer.join(120)
    assert writer.error is None and not writer.is_alive()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with lock:
            if len(seen) >= len(files):
                break
        time.sleep(0.05)
    time.sleep(0.3)  # a doubled hand-over would show up now
    assert watcher.stop()
    names = [name for name, _, _ in seen]
    assert sorted(names) == sorted(files)  # none lost, none doubled
    assert all(digest == sha256(files[name]) and whole for name, digest, whole in seen)
    assert max(waiting) >= 1  # the scans did see files still being written


def test_watcher_survives_a_scanner_that_raises_and_stops(tmp_path: Path) -> None:
    calls: list[PollResult] = []

    class Broken(InboxScanner):
        def poll(self, release: bool = True) -> PollResult:
            raise RuntimeError("boom")

    watcher = InboxWatcher(Broken([tmp_path]), calls.append, interval_s=0.01)
    watcher.start()
    deadline = time.monotonic() + 5
    while len(calls) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert watcher.stop()
    assert calls and calls[0].unreachable == {str(tmp_path): "could not be scanned"}


def test_scanner_never_changes_the_inbox(tmp_path: Path) -> None:
    for n, data in enumerate((fax_pdf(1), fax_tiff(2))):
        (tmp_path / f"f{n}.{'pdf' if n == 0 else 'tif'}").write_bytes(data)
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    scanner = _scanner(tmp_path, Clock())
    for _ in range(3):
        scanner.poll()
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    assert after == before
    assert os.listdir(tmp_path) == os.listdir(tmp_path)


def test_watcher_ends_when_the_window_taking_its_results_is_gone(tmp_path: Path) -> None:
    """The results go out through a Qt signal; once its object is destroyed (the window
    closed), the watcher stops instead of warning on every scan."""
    import shiboken6
    from PySide6.QtCore import QObject, Signal

    class Relay(QObject):
        scanned = Signal(object)

    relay = Relay()
    watcher = InboxWatcher(InboxScanner([tmp_path]), relay.scanned.emit, interval_s=0.01)
    shiboken6.delete(relay)
    watcher.start()
    assert watcher._thread is not None
    watcher._thread.join(5)
    assert not watcher._thread.is_alive()
