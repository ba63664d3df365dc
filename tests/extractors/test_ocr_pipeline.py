"""OCR pages without the OCR engine: recorded output, failing and missing engines."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from conftest import FIXTURES
from PIL import Image

from extractors import extract_document
from extractors.errors import OcrFailedError
from extractors.read.ocr.engine import GrayImage, OcrSegment
from extractors.read.ocr.recorded import RecordedEngine
from extractors.testing.pdf_writer import TextItem, image_pdf, text_pdf

FAX = FIXTURES / "fax_two_pages_upside_down.tif"


def test_recorded_fax_reads_values_on_upside_down_page_two() -> None:
    engine = RecordedEngine.load(FIXTURES / "fax_two_pages_upside_down.ocr.json")
    result = extract_document(FAX, ocr_engine=engine)
    truth = json.loads((FIXTURES / "fax_two_pages_upside_down.truth.json").read_text("utf-8"))
    assert result.error is None
    assert result.ocr_pages == [1, 2]
    assert [p.rotation for p in result.page_info] == [0, 180]
    keys = ("kind", "value", "setting", "oxygen", "flow_lpm", "method", "date", "minutes")
    got = sorted(tuple(m.model_dump()[k] for k in keys) for m in result.measurements)
    assert got == sorted(tuple(m[k] for k in keys) for m in truth["measurements"])
    assert result.facts.date_of_birth == truth["facts"]["date_of_birth"]
    assert {m.evidence.page for m in result.measurements} == {2}
    assert all(m.evidence.source == "ocr" for m in result.measurements)


def test_evidence_boxes_of_an_upside_down_page_are_in_page_coordinates() -> None:
    engine = RecordedEngine.load(FIXTURES / "fax_two_pages_upside_down.ocr.json")
    result = extract_document(FAX, ocr_engine=engine)
    page2 = result.page_info[1]
    # page 2 was faxed upside down: text that reads at the top sits at the bottom of the page
    for m in result.measurements:
        x0, top, x1, bottom = m.evidence.bbox
        assert 0 <= x0 < x1 <= page2.width + 1 and 0 <= top < bottom <= page2.height + 1
        assert top > page2.height / 2


class FailingEngine:
    name = "failing"

    def availability(self) -> str | None:
        return None

    def read(self, image: GrayImage) -> list[OcrSegment]:
        raise OcrFailedError("OCR failed on this page (RuntimeError)")


class MissingEngine:
    name = "missing"

    def availability(self) -> str | None:
        return "OCR is not installed (the rapidocr package is missing); reinstall the app"

    def read(self, image: GrayImage) -> list[OcrSegment]:
        raise AssertionError("must not be called")


def _text_pdf(path: Path) -> Path:
    path.write_bytes(text_pdf([[TextItem(54, 54, "Progress note   Date of service: 04/02/2026"),
                                TextItem(54, 70, "SpO2 87% on room air at rest.")]]))
    return path


def test_failing_engine_marks_the_page_unread_with_a_clear_error(tmp_path: Path) -> None:
    result = extract_document(FAX, ocr_engine=FailingEngine())
    assert result.error == "OCR failed on this page (RuntimeError)"
    assert result.measurements == []
    ok = extract_document(_text_pdf(tmp_path / "text.pdf"), ocr_engine=FailingEngine())
    assert ok.error is None and ok.measurements[0].value == 87.0


def test_missing_engine_is_reported_not_crashed() -> None:
    result = extract_document(FAX, ocr_engine=MissingEngine())
    assert result.error is not None and "reinstall" in result.error
    assert result.ocr_pages == [1, 2]


def test_image_only_pdf_page_goes_to_ocr(tmp_path: Path) -> None:
    seen: list[tuple[int, ...]] = []

    class Probe:
        name = "probe"

        def availability(self) -> str | None:
            return None

        def read(self, image: GrayImage) -> list[OcrSegment]:
            seen.append(image.shape)
            w = image.shape[1]
            return [OcrSegment("SpO2 86% on RA at rest", (10, 10, w - 10, 40), 0.97)]

    img = Image.new("L", (850, 1100), 255)
    arr = np.asarray(img).copy()
    arr[100:140, 100:700] = 0  # some ink so the page is not blank
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([Image.fromarray(arr)], 100))
    result = extract_document(path, ocr_engine=Probe())
    assert result.ocr_pages == [1]
    assert seen and result.measurements[0].value == 86.0
    assert result.page_info[0].width == 612.0




def test_scan_with_a_text_stamp_is_still_ocrd(tmp_path: Path) -> None:
    """Fax servers stamp a line of real text on an image page; the image must be read."""
    calls: list[int] = []

    class Probe:
        name = "probe"

        def availability(self) -> str | None:
            return None

        def read(self, image: GrayImage) -> list[OcrSegment]:
            calls.append(1)
            return [OcrSegment("SpO2 86% on RA at rest", (10, 10, image.shape[1] - 10, 40),
                               0.97)]

    arr = np.full((1100, 850), 255, dtype=np.uint8)
    arr[100:140, 100:700] = 0
    path = tmp_path / "stamped.pdf"
    path.write_bytes(image_pdf([Image.fromarray(arr)], 100,
                               stamp="03/14/2026 10:22 FROM 555-0100 TO INTAKE  P. 1/1"))
    result = extract_document(path, ocr_engine=Probe())
    assert result.ocr_pages == [1] and calls
    assert [m.value for m in result.measurements] == [86.0]


def test_one_unreadable_page_is_reported_and_the_rest_is_kept() -> None:
    recorded = RecordedEngine.load(FIXTURES / "fax_two_pages_upside_down.ocr.json")
    state = {"page_one_done": False}

    class FailsOnPageTwo:
        name = "fails-on-page-two"

        def availability(self) -> str | None:
            return None

        def read(self, image: GrayImage) -> list[OcrSegment]:
            if state["page_one_done"]:
                raise OcrFailedError("OCR failed on this page (RuntimeError)")
            return recorded.read(image)

    class Progress:
        def page_done(self, page: int, total: int, stage: str) -> None:
            state["page_one_done"] = page >= 1

    result = extract_document(FAX, ocr_engine=FailsOnPageTwo(), progress=Progress())
    assert result.error is None
    assert result.page_info[1].error == "OCR failed on this page (RuntimeError)"
    assert result.warnings == ["page 2 was not read: OCR failed on this page (RuntimeError)"]
    assert result.facts.date_of_birth is not None  # page 1 was read
    assert result.measurements == []  # the values were on page 2


class EdgeTextEngine:
    """Reads a note, and stray characters of a line printed sideways along the left edge."""

    name = "edge"

    def availability(self) -> str | None:
        return None

    def read(self, image: GrayImage) -> list[OcrSegment]:
        width = image.shape[1]
        return [OcrSegment("Progress note 04/02/2026", (300, 200, 900, 240), 0.99),
                OcrSegment("12", (2, 520, 20, 545), 0.97),  # within the edge strip
                OcrSegment("P", (width - 18, 560, width - 4, 585), 0.9),
                OcrSegment("SpO2 87% on room air at rest.", (300, 520, 1100, 560), 0.99),
                OcrSegment("1", (330, 600, 345, 630), 0.99)]  # a lone digit in the body


def test_stray_characters_along_the_page_edge_are_not_words() -> None:
    from extractors.read.images import PageImage
    from extractors.read.ocr_page import ocr_page

    image = np.full((2200, 1700), 255, dtype=np.uint8)
    for y, x in ((0, 0), (0, 1694), (2194, 0), (2194, 1694)):
        image[y:y + 6, x:x + 6] = 0  # ink at the corners: the page is read whole
    words = [w.text for w in ocr_page(EdgeTextEngine(), PageImage(image, 200.0), 1).page.words]
    assert "12" not in words and "P" not in words
    assert "1" in words and "87%" in words
