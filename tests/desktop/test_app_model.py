"""The review model, the facts adapter and the geometry, without a window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from app_helpers import recorded_extraction

from desktop_app.case_facts import build_case_facts
from desktop_app.case_store import CaseStore
from desktop_app.page_render import pdf_box_to_pixels
from desktop_app.review_model import ValueItem, describe, find_conflicts, values_from_extraction
from desktop_app.session import ReviewSession


def _items() -> list[ValueItem]:
    return values_from_extraction("case", "doc", recorded_extraction("referral.pdf"))


def test_every_extracted_value_becomes_a_found_item_with_evidence() -> None:
    items = _items()
    texts = [describe(i) for i in items]
    assert "PaO₂: 54 mm Hg · rest · room air · ABG · 2026-03-14" in texts
    assert "Finding: dependent edema" in texts
    assert {i.status for i in items} == {"found"}
    tests = [i for i in items if i.key == "test"]
    assert all(i.evidence and i.evidence["page"] == 1 for i in tests)


def test_only_confirmed_values_reach_the_facts() -> None:
    items = _items()
    assert "tests" not in build_case_facts(items, {}).facts
    pao2 = next(i for i in items if i.key == "test" and i.value["kind"] == "pao2")
    pao2.status = "confirmed"
    cf = build_case_facts(items, {"mobile_within_home": True}, request_type="initial",
                          request_date="2026-03-16")
    assert cf.facts["tests"] == [{"kind": "pao2", "value": 54.0, "setting": "rest",
                                  "oxygen": "room_air", "method": "abg",
                                  "date": "2026-03-14"}]
    assert cf.facts["mobile_within_home"] is True
    assert cf.counted == 1
    assert pao2 not in cf.excluded and len(cf.excluded) == len(items) - 1


def test_performer_is_copied_onto_tests_only_once_confirmed() -> None:
    items = _items()
    for item in items:
        if item.key == "test":
            item.status = "confirmed"
    assert all("performed_by" not in t for t in build_case_facts(items, {}).facts["tests"])
    next(i for i in items if i.key == "performed_by").status = "confirmed"
    tests = build_case_facts(items, {}).facts["tests"]
    assert {t["performed_by"] for t in tests} == {"hospital_lab"}


def test_two_documents_disagreeing_are_conflicts_and_neither_counts() -> None:
    a = values_from_extraction("case", "a", recorded_extraction("a.pdf"))
    b = values_from_extraction("case", "b", recorded_extraction("b.pdf"))
    dob_b = next(i for i in b if i.key == "date_of_birth")
    dob_b.value = "1953-02-07"
    pao2_b = next(i for i in b if i.key == "test" and i.value["kind"] == "pao2")
    pao2_b.value = {**pao2_b.value, "value": 61.0}
    conflicts = find_conflicts(a + b)
    assert dob_b.id in conflicts and pao2_b.id in conflicts
    for item in a + b:
        item.status = "confirmed"
    cf = build_case_facts(a + b, {}, request_date="2026-03-16")
    assert "age_years" not in cf.facts
    assert [t["value"] for t in cf.facts["tests"] if t["kind"] == "pao2"] == []
    assert dob_b in cf.conflicts and pao2_b in cf.conflicts
    pao2_b.status = "rejected"
    dob_b.status = "rejected"
    cf = build_case_facts(a + b, {}, request_date="2026-03-16")
    assert cf.facts["age_years"] == 72
    assert [t["value"] for t in cf.facts["tests"] if t["kind"] == "pao2"] == [54.0]


@pytest.mark.parametrize(("bbox", "scale", "expected"), [
    ((72.0, 268.0, 111.5, 278.0), 1.0, (72.0, 268.0, 39.5, 10.0)),
    ((72.0, 268.0, 111.5, 278.0), 2.0, (144.0, 536.0, 79.0, 20.0)),
    ([0, 0, 612, 792], 200 / 72, (0.0, 0.0, 1700.0, 2200.0)),
])
def test_pdf_points_map_to_pixels_at_the_render_scale(
        bbox: tuple[float, ...], scale: float, expected: tuple[float, ...]) -> None:
    assert pdf_box_to_pixels(bbox, scale) == pytest.approx(expected)


def test_audit_log_refuses_updates_and_deletes(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    session = ReviewSession(store, reviewer="R")
    doc = session.add_document(tmp_path / "x.pdf")
    session.finish_reading(doc.id, recorded_extraction("x.pdf"))
    session.confirm(session.case_items(doc.case_id)[0].id)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit SET reviewer = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit")
    assert len(store.audit.entries()) == 1


def test_session_survives_reopening_and_logs_each_action_once(tmp_path: Path) -> None:
    session = ReviewSession(CaseStore(tmp_path), reviewer="R")
    doc = session.add_document(tmp_path / "x.pdf")
    waiting = session.add_document(tmp_path / "y.pdf")
    session.set_status(waiting.id, "reading")
    session.finish_reading(doc.id, recorded_extraction("x.pdf"))
    items = session.case_items(doc.case_id)
    session.confirm(items[0].id)
    session.confirm(items[0].id)  # a second confirm changes nothing and logs nothing
    session.reject(items[1].id)
    session.answer(doc.case_id, "mobile_within_home", True)
    # the process is killed here: nothing is closed or flushed
    again = ReviewSession(CaseStore(tmp_path))
    assert again.items[items[0].id].status == "confirmed"
    assert again.items[items[1].id].status == "rejected"
    assert again.items[items[0].id].reviewer == "R"
    assert again.answers[doc.case_id] == {"mobile_within_home": True}
    assert [d.id for d in again.pending_documents()] == [waiting.id]
    actions = [(e.action, e.subject) for e in again.store.audit.entries()]
    assert actions == [("confirm", items[0].id), ("reject", items[1].id),
                       ("answer", "mobile_within_home")]


def test_fax_tiff_pages_and_images_render_at_their_size_in_points(tmp_path: Path) -> None:
    from PIL import Image

    from desktop_app.page_render import page_count, render_pages

    tiff = tmp_path / "fax.tif"
    pages = [Image.new("L", (1700, 2200), 255), Image.new("L", (1700, 2200), 0)]
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(200, 200))
    assert page_count(tiff) == 2
    rendered = render_pages(tiff, 2.0)
    assert [(p.width_pt, p.height_pt) for p in rendered] == [(612.0, 792.0)] * 2
    assert rendered[0].scale == pytest.approx(200 / 72)
    assert rendered[1].image.pixelColor(5, 5).black() == 255
    fine = tmp_path / "fine-mode.tif"  # fax "fine" mode: 204 x 196 dpi, pixels not square
    Image.new("L", (1734, 2156), 255).save(fine, dpi=(204, 196))
    (page,) = render_pages(fine, 2.0)
    assert (page.width_pt, page.height_pt) == pytest.approx((612.0, 792.0))
    assert page.image.height() / page.height_pt == pytest.approx(page.scale, rel=0.002)
    png = tmp_path / "photo.png"
    Image.new("RGB", (300, 200), (255, 0, 0)).save(png)
    (only,) = render_pages(png, 2.0)
    assert (only.width_pt, only.height_pt) == (300.0, 200.0)  # no dpi stored: 72 dpi


def test_letter_paper_in_us_locales_and_a4_elsewhere() -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    from desktop_app.summary_printer import default_page_size

    assert default_page_size(QLocale("en_US")) == QPageSize.PageSizeId.Letter
    assert default_page_size(QLocale("en_CA")) == QPageSize.PageSizeId.Letter
    assert default_page_size(QLocale("de_DE")) == QPageSize.PageSizeId.A4
    assert default_page_size(QLocale("en_GB")) == QPageSize.PageSizeId.A4


def _with_assertions() -> list[ValueItem]:
    from extractors.pipeline import read_text

    extraction = read_text("Plan: rule out pulmonary hypertension.\n"
                           "History of cor pulmonale.\n"
                           "No pedal edema.\n"
                           "Exam: P pulmonale on EKG.\n")
    return values_from_extraction("case", "doc", extraction)


def test_uncertain_findings_are_offered_with_their_status_and_count_only_once_confirmed(
        ) -> None:
    items = _with_assertions()
    by_value = {i.value: i for i in items if i.key == "finding"}
    assert describe(by_value["p_pulmonale"]) == "Finding: p pulmonale"
    possible = by_value["pulmonary_hypertension"]
    assert possible.assertion == "possible"
    assert describe(possible) == "Finding (possible): pulmonary hypertension"
    assert by_value["cor_pulmonale"].assertion == "historical"
    for item in items:
        item.status = "confirmed" if item.value != "pulmonary_hypertension" else "found"
    findings = build_case_facts(items, {}).facts["findings"]
    assert "pulmonary_hypertension" not in findings  # not confirmed: does not count
    assert "cor_pulmonale" in findings  # the reviewer confirmed it is present now


def test_a_denied_finding_is_shown_and_never_counts() -> None:
    items = _with_assertions()
    denied = [i for i in items if i.key == "denied_finding"]
    assert [i.value for i in denied] == ["dependent_edema"]
    assert describe(denied[0]) == "Denied finding: dependent edema"
    assert denied[0].evidence is not None and "edema" in denied[0].evidence["text"]
    denied[0].status = "confirmed"
    assert "dependent_edema" not in build_case_facts(items, {}).facts.get("findings", [])


def test_the_parts_of_a_packet_are_named_with_their_pages() -> None:
    from desktop_app.segments import segment_parts, segments_html
    from extractors.models import DocumentExtraction, Segment

    doc = DocumentExtraction(source="x", segments=[
        Segment(pages=[1], doc_type="fax_cover", confidence=0.9),
        Segment(pages=[2, 3, 4], doc_type="abg_lab_report", confidence=0.95),
        Segment(pages=[5], doc_type="unknown", confidence=0.3),
        Segment(pages=[6], doc_type="written_order", confidence=0.5)])
    assert segment_parts(doc) == [(1, "p. 1 Fax cover sheet"),
                                  (2, "pp. 2–4 ABG / blood gas lab report"),
                                  (5, "p. 5 Other pages"),
                                  (6, "p. 6 Written order / prescription (?)")]
    assert segments_html(doc).count('<a href="page:') == 4
    assert segments_html(None) == ""
