"""The window with a recorded extractor: import, review, decide, cases, cancel, restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from app_helpers import (
    answer_questions,
    confirm_all_with_enter,
    drop,
    set_request_date,
    statuses,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop_app import dialogs


def test_empty_window_invites_a_drop_and_every_menu_action_has_a_shortcut(
        make_main_window: Callable[..., Any]) -> None:
    window = make_main_window()
    assert window.document.placeholder.isVisible()
    assert "Drop PDFs" in window.document.placeholder.text()
    assert window.decision.decision.text() == "No case selected"
    without = []
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            if action.shortcut().isEmpty() and not action.text().startswith(
                    ("Open &sample", "&Reviewer", "Queue", "Values", "Decision")):
                without.append(action.text())
    assert without == []
    assert window.act_open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.act_print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)


def test_drop_review_confirm_decide_and_export(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any, tmp_path: Path) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        drop(window, [sample_copy("referral.pdf")])
    # values appear, each with its box on the page
    assert len(window.values._rows) == 10
    assert set(window.document.boxes) == set(window.values._rows)
    assert statuses(window) == ["found"] * 10
    # nothing confirmed: nothing counts, the engine asks for a test
    result = window.last_result
    assert result.decision.decision == "insufficient_information"
    assert "tests" in result.decision.missing_facts
    assert "10 value(s) not confirmed yet" in window.decision.counting.text()
    assert window.session.store.audit.entries() == []  # no decision logged before a review
    # the reviewer confirms every value with Enter, answers the questions, dates the request
    confirm_all_with_enter(window, qtbot)
    assert statuses(window) == ["confirmed"] * 10
    answer_questions(window)
    with qtbot.wait_signal(window.decision_updated, timeout=5000):
        set_request_date(window, "2026-03-16")
    decision = window.last_result.decision
    assert (decision.decision, decision.group) == ("qualifies", "I")
    assert window.decision.decision.text() == "Qualifies"
    assert window.decision.table.rowCount() == len(decision.rules)
    assert window.queue_panel.rows[next(iter(window.session.docs))].text(0).endswith("decided")
    # export the one-page summary and read it back
    out = tmp_path / "summary.pdf"
    dialogs.queue_answer(str(out))
    window.export_pdf()
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        text = " ".join((pdf.pages[0].extract_text() or "").split())
    assert "QUALIFIES" in text
    assert "Group I" in text
    assert "54 mm Hg" in text and "87 %" in text
    assert "Harriet Quill" in text
    assert "referral.pdf, page 1" in text
    assert "Test Reviewer" in text
    assert "MC-G1-REST" in text


def test_a_bad_file_shows_its_error_and_the_next_file_is_read(
        make_main_window: Callable[..., Any], fake_extractor: Any, broken_file: Path,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    good = sample_copy("referral.pdf")
    with qtbot.wait_signal(window.reader.idle, timeout=10000):
        window.add_files([str(broken_file), str(good)])
    docs = window.session.ordered_documents()
    assert [d.status for d in docs] == ["error", "review"]
    assert "damaged" in window.queue_panel.rows[docs[0].id].text(0)
    window.show_document(docs[0].id)
    assert "could not be read" in window.document.placeholder.text()
    window.show_document(docs[1].id)
    assert len(window.values._rows) == 10


def test_reading_can_be_cancelled_and_the_queue_goes_on(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    slow = sample_copy("slow.pdf")
    good = sample_copy("referral.pdf")
    with qtbot.wait_signal(window.document_read, timeout=10000,
                           check_params_cb=lambda doc_id: doc_id == docs_by_name["referral.pdf"]):
        ids = window.add_files([str(slow), str(good)])
        docs_by_name = {Path(window.session.docs[i].path).name: i for i in ids}
    assert window.session.docs[docs_by_name["slow.pdf"]].status == "reading"
    window.show_document(docs_by_name["slow.pdf"])
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.cancel_current()
    assert window.session.docs[docs_by_name["slow.pdf"]].status == "cancelled"
    assert window.session.docs[docs_by_name["referral.pdf"]].status == "review"


def test_selecting_a_value_highlights_its_box_and_clicking_a_box_selects_the_value(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("referral.pdf"))])
    items = {window.session.items[i].key: i for i in window.values._rows}
    discharge = items["discharge_date"]  # on page 3
    window.values.select(discharge)
    assert window.document.selected == discharge
    assert window.values.source.text() == "Source (p.3): “Discharge date: 2026-03-15”"
    assert window.document.current_page == 2
    dob = items["date_of_birth"]
    box = window.document.boxes[dob]
    point = window.document.view.mapFromScene(box.sceneBoundingRect().center())
    window.document.view.ensureVisible(box.sceneBoundingRect())
    point = window.document.view.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(window.document.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.values.current_id() == dob
    assert window.document.selected == dob


def test_zoom_fit_page_navigation_and_rotation(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("referral.pdf"))])
    view = window.document
    assert view.page_count() == 3
    zoom = view.zoom
    view.act_zoom_in.trigger()
    assert view.zoom == pytest.approx(zoom * 1.25)
    view.act_fit.trigger()
    assert view.zoom == pytest.approx(zoom, rel=0.02)
    view.act_next.trigger()
    assert view.current_page == 1
    assert view.page_label.text() == "Page 2 of 3"
    first = view.page_items[1].sceneBoundingRect()
    view.act_rotate.trigger()
    turned = view.page_items[1].sceneBoundingRect()
    assert turned.width() == pytest.approx(first.height(), rel=0.01)
    assert len(view.boxes) == 10  # the boxes turn with their page


def test_a_page_the_ocr_found_upside_down_is_shown_upright_with_its_boxes(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("upside-down.pdf"))])
    view = window.document
    assert view.rotations == [180, 0, 0]
    pao2 = next(i for i in window.values._rows
                if window.session.items[i].key == "test")
    page = view.page_items[0].sceneBoundingRect()
    box = view.boxes[pao2].sceneBoundingRect()
    # 268 pt from the top of the page as written: from the bottom once turned
    assert page.bottom() - box.bottom() == pytest.approx(268 - 2, abs=3)


def test_documents_put_into_one_case_feed_one_decision_and_conflicts_are_shown(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.reader.idle, timeout=10000):
        ids = window.add_files([str(sample_copy("referral.pdf")),
                                str(sample_copy("referral-copy.pdf"))])
    assert len(window.session.cases) == 2
    window.queue_panel.tree.clearSelection()
    for doc_id in ids:
        window.queue_panel.rows[doc_id].setSelected(True)
    window.group_selected()
    assert len(window.session.cases) == 1
    assert len(window.values._rows) == 20
    # the second document gives another birth date: both are shown, marked as a conflict
    other = next(i for i in window.session.items.values()
                 if i.doc_id == ids[1] and i.key == "date_of_birth")
    dialogs.queue_answer("1953-02-07")
    window.edit(other.id)
    row = window.values._rows[other.id]
    assert "conflict" in row.text(1)
    window.confirm(list(window.values._rows))
    assert "disagree" in window.decision.counting.text()
    window.reject([other.id])
    assert "disagree" not in window.decision.counting.text()
    # and apart again
    window.show_document(ids[1])
    window.ungroup_current()
    assert len(window.session.cases) == 2
    assert len(window.values._rows) == 10


def test_edit_and_hand_entered_values_are_marked_and_audited(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("referral.pdf"))])
    pao2 = next(i for i in window.values._rows
                if window.session.items[i].key == "test"
                and window.session.items[i].value["kind"] == "pao2")
    item = window.session.items[pao2]
    dialogs.queue_answer({**item.value, "value": 56.0})
    window.edit(pao2)
    assert item.status == "edited" and item.value["value"] == 56.0
    dialogs.queue_answer({**item.value, "value": "lots"})
    window.edit(pao2)
    assert "This value cannot be used" in dialogs.shown
    assert item.value["value"] == 56.0
    dialogs.queue_answer(("prescribed_flow_lpm", 2))
    window.add_manual()
    manual = [i for i in window.session.items.values() if i.doc_id is None]
    assert [(i.key, i.value, i.status) for i in manual] == [("prescribed_flow_lpm", 2, "entered")]
    assert "typed by hand" in window.values.tree.topLevelItem(1).text(0).lower()
    all_entries = window.session.store.audit.entries()
    entries = [e for e in all_entries if e.action != "decision"]
    assert [(e.action, e.before["value"]["value"] if e.action == "edit" else None)
            for e in entries] == [("edit", 54.0), ("enter", None)]
    decisions = [e.after for e in all_entries if e.action == "decision"]
    assert decisions == ["medicare:insufficient_information"]  # logged when it changes only
    assert entries[0].after["value"]["value"] == 56.0
    assert entries[0].reviewer == "Test Reviewer"


def test_killed_mid_review_reopens_with_queue_and_confirmations(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.reader.idle, timeout=10000):
        window.add_files([str(sample_copy("referral.pdf"))])
    first, second = list(window.values._rows)[:2]
    window.confirm([first])
    window.reject([second])
    window.values.combos["mobile_within_home"].setCurrentIndex(1)
    set_request_date(window, "2026-03-16")
    # "kill": the first window is never closed; a new one opens on the same store
    again = make_main_window(fake_extractor)
    assert again.current_case is not None
    assert again.session.items[first].status == "confirmed"
    assert again.session.items[second].status == "rejected"
    assert again.values.combos["mobile_within_home"].currentText() == "yes"
    assert again.decision.request_date.text() == "2026-03-16"
    entries = again.session.store.audit.entries()
    actions = [(e.action, e.subject) for e in entries if e.action != "decision"]
    assert actions == [("confirm", first), ("reject", second), ("answer", "mobile_within_home")]
    assert len({e.seq for e in entries}) == len(entries)


def test_a_document_still_reading_when_killed_is_read_again(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    slow = sample_copy("slow.pdf")
    window.add_files([str(slow)])
    assert next(iter(window.session.docs.values())).status == "reading"
    fake_extractor.release.set()
    qtbot.waitUntil(lambda: not window.reader.busy(), timeout=5000)
    # reopen on a store where that document was left "reading"
    doc = next(iter(window.session.docs.values()))
    window.session.set_status(doc.id, "reading")
    again = make_main_window(fake_extractor)
    with qtbot.wait_signal(again.document_read, timeout=10000):
        pass  # start_pending runs from the event loop right after the window opens
    assert again.session.docs[doc.id].status == "review"


def test_window_layout_is_remembered(make_main_window: Callable[..., Any], qtbot: Any) -> None:
    window = make_main_window()
    window.resize(window.width(), 480)  # the offscreen screen is only 800 x 600
    window.values_dock.hide()
    window.close()
    again = make_main_window()
    assert again.height() == 480
    assert not again.values_dock.isVisible()


def test_print_goes_through_the_headless_dialog_and_paints_one_page(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from desktop_app.summary_printer import build_summary, paint_to_printer, summary_html

    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("referral.pdf"))])
    assert window.print_summary() is False  # headless: the print dialog was "cancelled"
    assert "Print summary" in dialogs.shown
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    paint_to_printer(printer, summary_html(build_summary(window.session, window.current_case)))
    del printer
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        assert "INSUFFICIENT INFORMATION" in (pdf.pages[0].extract_text() or "")


def test_a_dropped_folder_queues_the_documents_inside_it(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any, tmp_path: Path) -> None:
    window = make_main_window(fake_extractor)
    folder = sample_copy("referral.pdf").parent
    (folder / "notes.txt").write_text("not a document")
    (folder / "inner").mkdir()
    (folder / "inner" / "scan.PNG").write_bytes(b"")
    with qtbot.wait_signal(window.reader.idle, timeout=10000):
        drop(window, [folder])
    assert sorted(Path(d.path).name for d in window.session.docs.values()) == [
        "referral.pdf", "scan.PNG"]
    with qtbot.assert_not_emitted(window.reader.finished):
        assert window.reader.cancel("no-such-document") is False


def test_the_sample_summary_fits_one_letter_page(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QPageSize

    from desktop_app.summary_printer import build_summary, render_to_pdf, summary_html

    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("referral.pdf"))])
    confirm_all_with_enter(window, qtbot)
    answer_questions(window)
    out = tmp_path / "letter.pdf"
    html = summary_html(build_summary(window.session, window.current_case))
    assert render_to_pdf(html, out, QPageSize.PageSizeId.Letter) == 1
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (612, 792)
        assert "Signature" in (page.extract_text() or "")


def test_the_extractors_warnings_are_shown_with_the_values(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("ambiguous.pdf"))])
    assert window.values.warnings.isVisibleTo(window)
    assert window.values.warnings.text() == (
        "⚠ ambiguous.pdf: some dates are ambiguous (day/month order); check them")


def test_every_shortcut_of_the_window_is_used_once(
        make_main_window: Callable[..., Any]) -> None:
    from PySide6.QtGui import QAction

    window = make_main_window()
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)!r} and {action.text()!r}"
            seen[text] = action.text()
    assert len(seen) > 20
