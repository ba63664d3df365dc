"""Long and hostile documents in the window: Case ▸ Read pages… reads a page range, the view
renders only the pages on screen, and a page over the read budgets is named, not rendered."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app import dialogs
from desktop_app.document_view import PAGE_CACHE_PIXELS
from desktop_app.page_render import MAX_VIEW_PIXELS, PageSource
from extractors.models import DocumentExtraction, PageInfo
from extractors.progress import Progress
from extractors.testing import crafted
from extractors.testing.pdf_writer import TextItem, text_pdf


class PagesExtractor:
    """Records each call's page range; ``slow*`` files wait until cancelled. Every page is
    reported read, so the document opens in review with no values."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def __call__(self, path: str, progress: Progress, cancel: threading.Event,
                 pages: str | None = None) -> DocumentExtraction:
        self.calls.append((Path(path).name, pages))
        if Path(path).name.startswith("slow") and pages is None:
            while not cancel.is_set():
                cancel.wait(0.01)
            return DocumentExtraction(source=path, error="cancelled")
        with PageSource(path) as source:
            count = source.count
        return DocumentExtraction(source=path, pages=count, page_info=[
            PageInfo(page=1, width=612.0, height=792.0, source="text_layer")])


def _chart(path: Path, pages: int, value_on: int) -> Path:
    items = [[TextItem(54, 54, f"Progress note, chart page {i + 1}: nothing new today.")]
             for i in range(pages)]
    items[value_on - 1].append(TextItem(54, 70, "SpO2 87% on room air at rest."))
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text_pdf(items))
    return path


def test_read_pages_reads_only_the_chosen_pages(
        make_main_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    window = make_main_window()  # the real extractor
    chart = _chart(tmp_path / "docs" / "chart.pdf", 12, value_on=8)
    with qtbot.wait_signal(window.document_read, timeout=60000):
        (doc_id,) = window.add_files([str(chart)])
    assert [p.page for p in window.session.extraction(doc_id).page_info] == list(range(1, 13))
    dialogs.queue_answer("8, 11-")
    with qtbot.wait_signal(window.document_read, timeout=60000):
        assert window.read_pages_current()
    extraction = window.session.extraction(doc_id)
    assert [p.page for p in extraction.page_info] == [8, 11, 12]
    assert extraction.warnings[0].startswith("only pages 8,11-12 of 12 were read")
    assert {i.evidence["page"] for i in window.session.case_items(extraction_case(window))
            if i.evidence} == {8}
    assert window.document.page_count() == 12  # the whole file is still shown
    assert window.page_choice[doc_id] == "8,11-"


def extraction_case(window: Any) -> str:
    case_id = window.current_case
    assert case_id is not None
    return str(case_id)


def test_a_bad_page_range_is_explained_and_nothing_is_read_again(
        make_main_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    extractor = PagesExtractor()
    window = make_main_window(extractor)
    chart = _chart(tmp_path / "docs" / "chart.pdf", 3, value_on=1)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(chart)])
    dialogs.queue_answer("9-2")
    assert not window.read_pages_current()
    assert dialogs.shown[-2:] == ["Read pages", "Read pages"]  # the question, then why not
    assert extractor.calls == [("chart.pdf", None)]


def test_read_pages_while_reading_cancels_and_reads_the_range(
        make_main_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    extractor = PagesExtractor()
    window = make_main_window(extractor)
    slow = _chart(tmp_path / "docs" / "slow.pdf", 3, value_on=1)
    (doc_id,) = window.add_files([str(slow)])
    qtbot.wait_until(lambda: extractor.calls == [("slow.pdf", None)], timeout=10000)
    dialogs.queue_answer("2-3")
    with qtbot.wait_signal(window.document_read, timeout=10000):
        assert window.read_pages_current()
    assert extractor.calls == [("slow.pdf", None), ("slow.pdf", "2-3")]
    assert window.session.docs[doc_id].status == "review"


def test_read_pages_keeps_reviewed_values(
        make_main_window: Callable[..., Any], fake_extractor: Any,
        sample_copy: Callable[[str], Path], qtbot: Any) -> None:
    window = make_main_window(fake_extractor)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(sample_copy("referral.pdf"))])
    window.confirm([window.session.case_items(window.current_case)[0].id])
    dialogs.queue_answer("1")
    assert not window.read_pages_current()
    assert dialogs.shown[-1] == "Read pages"
    assert fake_extractor.calls == ["referral.pdf"]


def _paint(window: Any) -> None:
    window.document.view.viewport().grab()
    QApplication.processEvents()


def test_the_view_renders_only_the_pages_in_view(
        make_main_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    window = make_main_window(PagesExtractor())
    (tmp_path / "docs").mkdir()
    chart = crafted.text_chart(tmp_path / "docs" / "chart.pdf", 150)
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(chart)])
    view = window.document
    _paint(window)
    assert view.page_count() == 150
    assert 1 <= len(view.cache) <= 3
    for page in range(150):
        view.go_to_page(page)
        _paint(window)
    pixels = sum(p.width() * p.height() for p in view.cache.values() if not isinstance(p, str))
    assert pixels <= PAGE_CACHE_PIXELS and len(view.cache) < 40
    assert 149 in view.cache and 0 not in view.cache  # the last pages seen are kept


def test_hostile_pages_are_named_in_the_view_not_rendered(
        make_main_window: Callable[..., Any], qtbot: Any, tmp_path: Path) -> None:
    window = make_main_window(PagesExtractor())
    docs = tmp_path / "docs"
    docs.mkdir()
    fan = crafted.fanout_forms(docs / "fan.pdf")
    with qtbot.wait_signal(window.document_read, timeout=10000):
        window.add_files([str(fan)])
    pixmap, message = window.document.page_pixmap(0)
    assert pixmap is None
    assert message == "it draws 67,108,863 forms and images (more than 200,000)"
    _paint(window)  # painting the page shows the message and renders nothing
    with PageSource(crafted.annotation_bomb(docs / "annot.pdf")) as source:
        assert source.refusal(0) == ("it draws 67,108,862 forms and images (more than "
                                     "200,000)")


@pytest.mark.parametrize("scale", [1.5, 4.0])
def test_the_view_never_renders_a_page_beyond_its_pixel_budget(
        tmp_path: Path, scale: float) -> None:
    with PageSource(crafted.huge_page_box(tmp_path / "box.pdf")) as source:
        page = source.render(0, scale)
    assert page.image.width() * page.image.height() <= MAX_VIEW_PIXELS
    assert (page.width_pt, page.height_pt) == (14400.0, 14400.0)
    with PageSource(crafted.tiff_large(tmp_path / "large.tif", 8000)) as source:
        page = source.render(0, scale)
    assert page.image.width() * page.image.height() <= MAX_VIEW_PIXELS


def test_images_over_the_decode_budget_are_not_decoded_for_the_view(tmp_path: Path) -> None:
    with PageSource(crafted.tiff_over_budget(tmp_path / "rgb.tif")) as source:
        assert source.size(0) == pytest.approx((9500.0, 9500.0))
        with pytest.raises(ValueError, match="too large to decode in memory"):
            source.render(0, 2.0)
    with pytest.raises(Exception, match="larger than 179 million pixels"):
        PageSource(crafted.tiff_bomb(tmp_path / "bomb.tif"))
