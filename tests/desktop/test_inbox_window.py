"""The inbox in the window: slow-written faxes queued once each, pause, unreachable folders,
copies, sign-off with the move to done, the exports, and the settings page."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app_helpers import answer_questions, confirm_all_with_enter, set_request_date
from fhir.resources.R4B.bundle import Bundle
from inbox_helpers import SlowWriter, fax_pdf, sha256, twenty_faxes

from desktop_app import dialogs
from desktop_app.case_store import CaseStore
from desktop_app.inbox.settings import InboxSettings, save_settings
from desktop_app.inbox.settings_widget import InboxFoldersDialog, InboxSettingsWidget


def _configure(tmp_path: Path, folders: list[Path], **kw: Any) -> None:
    """Inbox settings saved in the store the window will open (fast rescans for tests)."""
    store = CaseStore(tmp_path / "data")
    save_settings(store, InboxSettings(folders=[str(f) for f in folders], interval_s=0.05,
                                       **kw))
    store.close()


def _paths(window: Any) -> list[str]:
    return [Path(d.path).name for d in window.session.ordered_documents()]


def test_twenty_slowly_written_faxes_are_queued_once_each(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        tmp_path: Path) -> None:
    inbox = tmp_path / "faxes"
    inbox.mkdir()
    _configure(tmp_path, [inbox])
    window = make_main_window(fake_extractor)
    assert window.inbox_bar.isVisible()
    files = twenty_faxes()
    writer = SlowWriter(inbox, files)
    writer.start()
    qtbot.waitUntil(lambda: not writer.is_alive(), timeout=120000)
    assert writer.error is None
    qtbot.waitUntil(lambda: len(window.session.docs) >= len(files), timeout=30000)
    qtbot.wait(400)  # a second hand-over of any file would arrive now
    assert sorted(_paths(window)) == sorted(files)  # none lost, none doubled
    assert window.inbox.taken == 20 and window.inbox.duplicates == 0
    qtbot.waitUntil(lambda: not window.reader.busy(), timeout=30000)
    assert sorted(fake_extractor.calls) == sorted(files)  # each read once
    # every row says when and where it arrived; the inbox line has nothing waiting
    for doc in window.session.docs.values():
        row = window.queue_panel.rows[doc.id]
        assert row.text(0).splitlines()[-1].startswith("arrived ")
        assert row.toolTip(0).startswith(str(inbox))
    assert "<b>0</b> waiting" in window.inbox_bar.summary.text()
    # nothing in the inbox was moved, renamed or changed
    assert {p.name: sha256(p.read_bytes()) for p in inbox.iterdir()} == {
        n: sha256(d) for n, d in files.items()}
    window.close()
    # a restart takes nothing again
    again = make_main_window(fake_extractor)
    qtbot.wait(500)
    assert len(again.session.docs) == 20 and again.inbox.taken == 0


def test_pause_counts_and_resume_queues(make_main_window: Callable[..., Any],
                                        fake_extractor: Any, qtbot: Any,
                                        tmp_path: Path) -> None:
    inbox = tmp_path / "faxes"
    inbox.mkdir()
    _configure(tmp_path, [inbox])
    window = make_main_window(fake_extractor)
    window.act_inbox_pause.trigger()
    assert window.inbox.paused and window.inbox_bar.pause.text() == "Resume"
    for n in range(3):
        (inbox / f"p{n}.pdf").write_bytes(fax_pdf(n))
    qtbot.waitUntil(lambda: window.inbox.waiting == 3, timeout=10000)
    qtbot.wait(300)
    assert window.session.docs == {}
    assert "paused" in window.inbox_bar.summary.text()
    assert "<b>3</b> waiting" in window.inbox_bar.summary.text()
    window.inbox_bar.pause.click()  # the button on the inbox line resumes
    qtbot.waitUntil(lambda: len(window.session.docs) == 3, timeout=10000)
    assert not window.inbox.paused


def test_an_unreachable_folder_shows_a_message_and_recovers(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        tmp_path: Path) -> None:
    share = tmp_path / "share"
    _configure(tmp_path, [share])
    window = make_main_window(fake_extractor)
    qtbot.waitUntil(lambda: window.inbox_bar.problems.isVisible(), timeout=10000)
    assert "share cannot be read: not found" in window.inbox_bar.problems.text()
    share.mkdir()
    (share / "late.pdf").write_bytes(fax_pdf(9))
    qtbot.waitUntil(lambda: len(window.session.docs) == 1, timeout=10000)
    assert not window.inbox_bar.problems.isVisible()


def test_a_copy_of_a_file_already_taken_is_not_queued(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        tmp_path: Path) -> None:
    inbox = tmp_path / "faxes"
    inbox.mkdir()
    _configure(tmp_path, [inbox])
    window = make_main_window(fake_extractor)
    (inbox / "a.pdf").write_bytes(fax_pdf(1))
    qtbot.waitUntil(lambda: len(window.session.docs) == 1, timeout=10000)
    shutil.copyfile(inbox / "a.pdf", inbox / "a (resent).pdf")
    qtbot.waitUntil(lambda: window.inbox.duplicates == 1, timeout=10000)
    assert _paths(window) == ["a.pdf"]


def test_sign_off_moves_the_files_to_done_and_the_case_exports(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        tmp_path: Path) -> None:
    inbox = tmp_path / "faxes"
    inbox.mkdir()
    _configure(tmp_path, [inbox], move_when_signed_off=True)
    window = make_main_window(fake_extractor)
    # exporting before a sign-off only explains what to do
    shutil.copyfile(Path(__file__).parents[2] / "desktop_app" / "samples"
                    / "sample_referral.pdf", inbox / "referral.pdf")
    with qtbot.wait_signal(window.document_read, timeout=15000):
        pass
    assert window.export_fhir() is None
    assert dialogs.shown[-1] == "Export case as FHIR"
    assert window.sign_off_current() is False
    assert dialogs.shown[-1] == "The case cannot be signed off yet"
    confirm_all_with_enter(window, qtbot)
    answer_questions(window)
    set_request_date(window, "2026-03-16")
    dialogs.queue_answer(True)  # "Sign off this case as Test Reviewer?" → Yes
    assert window.sign_off_current() is True
    (doc,) = window.session.docs.values()
    assert Path(doc.path) == inbox / "done" / "referral.pdf" and Path(doc.path).is_file()
    assert not (inbox / "referral.pdf").exists()
    assert "signed off" in window.queue_panel.rows[doc.case_id].text(0)
    actions = [e.action for e in window.session.store.audit.entries(doc.case_id)]
    assert actions[-2:] == ["sign_off", "move"]
    # the moved file is not taken in again, and the case exports
    out = tmp_path / "case.json"
    dialogs.queue_answer(str(out))
    assert window.export_fhir() == str(out)
    bundle = Bundle.model_validate_json(out.read_text("utf-8"))
    data = json.loads(bundle.model_dump_json())
    urls = [e["resource"]["content"][0]["attachment"]["url"] for e in data["entry"]
            if e["resource"]["resourceType"] == "DocumentReference"]
    assert urls and all("/done/referral.pdf#page=" in u for u in urls)
    sheet = tmp_path / "worklist.csv"
    dialogs.queue_answer(str(sheet))
    assert window.export_worklist() == str(sheet)
    (row,) = list(csv.DictReader(sheet.read_text("utf-8-sig").splitlines()))
    assert row["status"] == "signed off" and row["arrived"]
    # a later change undoes the sign-off, and the queue says so
    first = next(iter(window.values._rows))
    window.reject([first])
    assert "signed off" not in window.queue_panel.rows[doc.case_id].text(0)
    qtbot.wait(300)
    assert len(window.session.docs) == 1  # the file in done/ was not taken in again


def test_sign_off_can_be_declined(make_main_window: Callable[..., Any], fake_extractor: Any,
                                  qtbot: Any, sample_copy: Callable[[str], Path]) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("referral.pdf"))])
    confirm_all_with_enter(window, qtbot)
    answer_questions(window)
    assert window.sign_off_current() is False  # headless default: No
    assert [e.action for e in window.session.store.audit.entries()].count("sign_off") == 0


def test_settings_page_and_dialog(qtbot: Any, tmp_path: Path) -> None:
    page = InboxSettingsWidget()
    qtbot.add_widget(page)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    dialogs.queue_answer(str(a))
    page.add_folder()
    page.add_folder(str(b))  # b does not exist: listed with a warning
    assert page.folders.item(1).text().startswith("⚠")
    page.interval.setValue(9)
    page.move_done.setChecked(True)
    page.done_folder.setText("archive")
    assert page.settings() == InboxSettings(folders=[str(a), str(b)], interval_s=9.0,
                                            move_when_signed_off=True, done_folder="archive")
    page.folders.setCurrentRow(1)
    page.remove_button.click()
    assert page.settings().folders == [str(a)]
    dialog = InboxFoldersDialog(InboxSettings(folders=[str(a)]))
    qtbot.add_widget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.page.add_folder(str(a))  # the same folder twice
    assert not ok.isEnabled() and "listed twice" in dialog.page.problem.text()


def test_inbox_folders_menu_applies_the_settings(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        tmp_path: Path) -> None:
    window = make_main_window(fake_extractor)
    assert not window.inbox_bar.isVisible() and not window.act_inbox_pause.isEnabled()
    inbox = tmp_path / "faxes"
    inbox.mkdir()
    (inbox / "x.pdf").write_bytes(fax_pdf(3))
    dialogs.queue_answer(InboxSettings(folders=[str(inbox)], interval_s=1.0))
    window.act_inbox.trigger()
    assert window.inbox_bar.isVisible() and window.act_inbox_pause.isEnabled()
    qtbot.waitUntil(lambda: len(window.session.docs) == 1, timeout=10000)
    stored = json.loads(window.session.store.get_meta("inbox") or "{}")
    assert stored["folders"] == [str(inbox)]
