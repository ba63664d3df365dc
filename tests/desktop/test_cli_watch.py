"""`oxygen-intake watch FOLDER --out DIR`: one JSON per arriving file, each file once."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from inbox_helpers import SlowWriter, fax_pdf, sha256, twenty_faxes

from desktop_app.app import sample_path
from desktop_app.cli import main
from desktop_app.cli_watch import LEDGER_NAME, watch


class RecordingExtract:
    """Stands in for the extractor: records what it was given to read (name and the SHA-256
    of the bytes it read), returns a contract-shaped object."""

    def __init__(self) -> None:
        self.read: list[tuple[str, str]] = []

    def __call__(self, path: str) -> dict[str, Any]:
        data = Path(path).read_bytes()
        self.read.append((Path(path).name, sha256(data)))
        return {"source": path, "pages": 2, "ocr_pages": [], "error": None,
                "measurements": [], "facts": {}}


def _run_in_thread(folder: Path, out: Path, extract: RecordingExtract, stop: threading.Event,
                   written: list[Path]) -> threading.Thread:
    thread = threading.Thread(target=watch, args=([str(folder)], out), kwargs={
        "interval_s": 0.02, "extract": extract, "stop": stop, "note": lambda _m: None,
        "written": written.append}, daemon=True)
    thread.start()
    return thread


def test_twenty_slowly_written_faxes_give_twenty_jsons_each_once(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    files = twenty_faxes()
    extract = RecordingExtract()
    stop = threading.Event()
    written: list[Path] = []
    thread = _run_in_thread(inbox, out, extract, stop, written)
    writer = SlowWriter(inbox, files)
    writer.start()
    writer.join(120)
    assert writer.error is None
    deadline = time.monotonic() + 30
    while len(written) < len(files) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # would a file be taken a second time?
    stop.set()
    thread.join(10)
    assert not thread.is_alive()
    # each file read exactly once, complete (its final content), none lost
    assert sorted(n for n, _ in extract.read) == sorted(files)
    assert all(digest == sha256(files[name]) for name, digest in extract.read)
    assert sorted(p.name for p in written) == sorted(f"{n}.json" for n in files)
    jsons = sorted(p.name for p in out.glob("*.json"))
    assert jsons == sorted(f"{n}.json" for n in files)
    assert not list(out.glob(".*.part"))
    # the inbox is untouched
    assert {p.name: p.read_bytes() for p in inbox.iterdir()} == files
    # a second run over the same folder (a restart) takes nothing again, and a copy under a
    # new name is recognised by its content
    shutil.copyfile(inbox / "fax-03.pdf", inbox / "fax-03 (resent).pdf")
    again = RecordingExtract()
    notes: list[str] = []
    summary = watch([str(inbox)], out, interval_s=0.01, once=True, extract=again,
                    note=notes.append, written=lambda _p: None)
    assert again.read == [] and summary.written == [] and summary.duplicates == 1
    assert any("same content as fax-03.pdf" in n for n in notes)


def test_watch_json_is_what_extract_prints_for_that_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    shutil.copyfile(sample_path(), inbox / "referral.pdf")
    rc = main(["watch", str(inbox), "--out", str(out), "--once", "--interval", "0.05",
               "--quiet"])
    printed = capsys.readouterr().out.split()
    assert rc == 0
    assert printed == [str(out / "referral.pdf.json")]
    from_watch = json.loads((out / "referral.pdf.json").read_text("utf-8"))
    assert main(["extract", str(inbox / "referral.pdf"), "--json", "--quiet"]) == 0
    (from_extract,) = json.loads(capsys.readouterr().out)
    assert from_watch == from_extract
    assert from_watch["measurements"]  # the sample's values were read


def test_a_new_file_with_a_name_taken_before_gets_its_own_json(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "fax.pdf").write_bytes(fax_pdf(1))
    extract = RecordingExtract()
    first = watch([str(inbox)], out, interval_s=0.01, once=True, extract=extract,
                  note=lambda _m: None, written=lambda _p: None)
    (inbox / "fax.pdf").write_bytes(fax_pdf(2))  # the service reuses the name
    second = watch([str(inbox)], out, interval_s=0.01, once=True, extract=extract,
                   note=lambda _m: None, written=lambda _p: None)
    assert [p.name for p in first.written] == ["fax.pdf.json"]
    assert [p.name for p in second.written] == [f"fax.pdf.{sha256(fax_pdf(2))[:12]}.json"]
    assert (out / LEDGER_NAME).exists()


def test_an_unreachable_folder_is_a_message_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "share-not-mounted"
    rc = main(["watch", str(missing), "--out", str(tmp_path / "out"), "--once",
               "--interval", "0.01"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "cannot be read (not found" in err and "still watching" in err


def test_a_folder_that_comes_back_is_read(tmp_path: Path) -> None:
    share, out = tmp_path / "share", tmp_path / "out"
    notes: list[str] = []
    stop = threading.Event()
    written: list[Path] = []
    thread = threading.Thread(target=watch, args=([str(share)], out), kwargs={
        "interval_s": 0.02, "extract": RecordingExtract(), "stop": stop,
        "note": notes.append, "written": written.append}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not notes and time.monotonic() < deadline:
        time.sleep(0.02)
    share.mkdir()
    (share / "late.pdf").write_bytes(fax_pdf(5))
    while not written and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    thread.join(10)
    assert [p.name for p in written] == ["late.pdf.json"]
    assert "cannot be read" in notes[0] and any("reachable again" in n for n in notes)


def test_bad_interval_is_an_argument_error(tmp_path: Path) -> None:
    assert main(["watch", str(tmp_path), "--out", str(tmp_path / "o"), "--interval", "0"]) == 2
