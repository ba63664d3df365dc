"""Bounded reading: hostile files are scaled down or refused with one line, never read whole;
charts of any length are read page by page; a page range reads only those pages.

The crafted files (`extractors.testing.crafted`) are a few kilobytes that would cost a naive
reader minutes or gigabytes. These tests check what the reader does with them (the warning,
the message, what reaches OCR); `benchmarks/bounds.py` measures the time and memory.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1
from PIL import Image

from extractors import extract_document
from extractors.read import MIN_TEXT_CHARS, page_count, read_pages
from extractors.read.budget import MAX_DECODE_BYTES, MAX_RENDER_PIXELS, MAX_STREAM_BYTES
from extractors.read.ocr.engine import GrayImage, OcrSegment
from extractors.read.page_ranges import PageSelection, parse_pages
from extractors.read.pdf_guard import bounded_data, check_page
from extractors.read.pdf_text import dedupe_chars, parse_text_layer, text_words
from extractors.testing import crafted
from extractors.testing.generator import generate, write_text_pdf
from extractors.testing.pdf_writer import TextItem, text_pdf


class Probe:
    """An OCR engine that reads nothing and records the size of every image it is given."""

    name = "probe"

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def availability(self) -> str | None:
        return None

    def read(self, image: GrayImage) -> list[OcrSegment]:
        self.shapes.append(image.shape)
        return []


def _one_line(message: str | None) -> str:
    assert message is not None and "\n" not in message and len(message) < 300
    return message


# -- point 1: bounded work per page ------------------------------------------------------------

@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The size of every page image the read stage renders or loads for OCR."""
    import extractors.read as reader

    shapes: list[tuple[int, ...]] = []
    render, to_image = reader._render, reader.to_page_image  # type: ignore[attr-defined]

    def recording_render(*args: object) -> np.ndarray:
        gray = render(*args)  # type: ignore[arg-type]
        shapes.append(gray.shape)
        return gray

    def recording_to_image(*args: object) -> object:
        page = to_image(*args)  # type: ignore[arg-type]
        shapes.append(page.image.shape)
        return page

    monkeypatch.setattr(reader, "_render", recording_render)
    monkeypatch.setattr(reader, "to_page_image", recording_to_image)
    return shapes


def test_a_200_inch_page_is_rendered_within_the_pixel_budget_and_says_so(
        tmp_path: Path, rendered: list[tuple[int, ...]]) -> None:
    result = extract_document(crafted.huge_page_box(tmp_path / "box.pdf"), ocr_engine=Probe())
    assert result.error is None and result.ocr_pages == [1]
    assert result.page_info[0].width == 14400.0
    assert rendered == [(4000, 4000)] and MAX_RENDER_PIXELS >= 4000 * 4000
    assert result.warnings == ["page 1 is very large (200 × 200 in); it was read at 20 dpi "
                               "instead of 200, so small print may be missed"]


def test_an_ordinary_page_is_rendered_at_full_resolution_without_a_warning(
        tmp_path: Path, rendered: list[tuple[int, ...]]) -> None:
    arr = np.full((1100, 850), 255, dtype=np.uint8)
    arr[100:140, 100:700] = 0
    from extractors.testing.pdf_writer import image_pdf

    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([Image.fromarray(arr)], 100))
    result = extract_document(path, ocr_engine=Probe())
    assert result.warnings == [] and result.error is None
    assert rendered == [(2200, 1700)]  # 11 × 8.5 in at 200 dpi


def test_a_page_holding_a_huge_image_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    probe = Probe()
    result = extract_document(crafted.huge_image(tmp_path / "image.pdf"), ocr_engine=probe)
    assert _one_line(result.error) == ("the page is too large to read safely (it holds a "
                                       "20,000 × 20,000 pixel image, too large to decode in "
                                       "memory)")
    assert probe.shapes == [] and result.measurements == []


def test_a_page_of_thousands_of_tiny_images_is_read(tmp_path: Path) -> None:
    probe = Probe()
    result = extract_document(crafted.many_tiny_images(tmp_path / "tiles.pdf", 5000),
                              ocr_engine=probe)
    # one line of text over an image mosaic: the page is read as the scan it is
    assert result.error is None and result.ocr_pages == [1] and len(probe.shapes) >= 1


def test_a_page_drawing_one_image_a_quarter_million_times_is_refused(tmp_path: Path) -> None:
    result = extract_document(crafted.many_draws(tmp_path / "draws.pdf"), ocr_engine=Probe())
    assert _one_line(result.error) == ("the page is too large to read safely (it draws "
                                       "250,000 forms and images (more than 200,000))")


def test_forms_nested_thousands_deep_are_refused_not_crashed(tmp_path: Path) -> None:
    result = extract_document(crafted.nested_forms(tmp_path / "deep.pdf", 5000),
                              ocr_engine=Probe())
    assert _one_line(result.error) == ("the page is too large to read safely (its drawing is "
                                       "nested more than 128 levels deep)")


def test_forms_nested_past_the_parsers_depth_are_read_by_ocr(tmp_path: Path) -> None:
    probe = Probe()
    result = extract_document(crafted.nested_forms(tmp_path / "deep.pdf", 100),
                              ocr_engine=probe)
    assert result.error is None and result.ocr_pages == [1] and probe.shapes
    assert result.warnings == [
        "page 1 was read by OCR: its drawing is nested 100 levels deep"]


def test_forms_that_fan_out_to_millions_of_draws_are_refused_at_once(tmp_path: Path) -> None:
    result = extract_document(crafted.fanout_forms(tmp_path / "fan.pdf", 26),
                              ocr_engine=Probe())
    assert _one_line(result.error) == ("the page is too large to read safely (it draws "
                                       "67,108,863 forms and images (more than 200,000))")
    assert result.seconds < 30  # a naive reader never finishes; this one does not parse it


def test_an_inline_image_declaring_billions_of_pixels_is_refused(tmp_path: Path) -> None:
    result = extract_document(crafted.inline_image_bomb(tmp_path / "inline.pdf"),
                              ocr_engine=Probe())
    assert _one_line(result.error) == ("the page is too large to read safely (it holds a "
                                       "60,000 × 60,000 pixel image, too large to decode in "
                                       "memory)")


def test_a_hostile_annotation_spares_the_text_layer_but_is_never_rendered(
        tmp_path: Path) -> None:
    path = crafted.annotation_bomb(tmp_path / "annot.pdf")
    result = extract_document(path, ocr_engine=Probe())
    assert result.error is None and result.ocr_pages == []  # its text is read
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0].page_obj
        check = check_page(page.contents, page.resources, page.annots)
    assert check.refuse is None and check.text_layer is None
    assert check.render == "it draws 67,108,862 forms and images (more than 200,000)"


def test_a_content_stream_that_inflates_to_gigabytes_is_refused(tmp_path: Path) -> None:
    result = extract_document(crafted.content_bomb(tmp_path / "bomb.pdf", megabytes=64),
                              ocr_engine=Probe())
    assert _one_line(result.error) == ("the page is too large to read safely (its drawing "
                                       "inflates to more than 32 MB)")


def test_bounded_inflate_stops_at_the_cap(tmp_path: Path) -> None:
    path = crafted.content_bomb(tmp_path / "bomb.pdf", megabytes=64)
    with pdfplumber.open(path) as pdf:
        stream = resolve1(pdf.pages[0].page_obj.contents[0])
        assert bounded_data(stream, MAX_STREAM_BYTES) is None
        assert stream.data is None  # never decoded whole
    ok = write_text_pdf(generate(0), tmp_path / "ok.pdf")
    with pdfplumber.open(ok) as pdf:
        page = pdf.pages[0].page_obj
        data = bounded_data(resolve1(page.contents[0]))
        assert data is not None and data == resolve1(page.contents[0]).get_data()
        assert check_page(page.contents, page.resources).refuse is None


def test_a_tiff_declaring_ten_billion_pixels_is_refused_with_one_line(tmp_path: Path) -> None:
    result = extract_document(crafted.tiff_bomb(tmp_path / "bomb.tif"), ocr_engine=Probe())
    assert _one_line(result.error).startswith("the image is larger than 179 million pixels, "
                                              "too large to read safely")


def test_a_tiff_over_the_decode_budget_is_refused_before_decoding(tmp_path: Path) -> None:
    probe = Probe()
    result = extract_document(crafted.tiff_over_budget(tmp_path / "rgb.tif"), ocr_engine=probe)
    assert MAX_DECODE_BYTES < 9500 * 9500 * 4
    assert _one_line(result.error).startswith("the page is 9,500 × 9,500 pixels, too large to "
                                              "decode in memory")
    assert probe.shapes == []


def test_a_large_tiff_within_the_decode_budget_is_read_scaled_down(
        tmp_path: Path, rendered: list[tuple[int, ...]]) -> None:
    result = extract_document(crafted.tiff_large(tmp_path / "large.tif", 8_000),
                              ocr_engine=Probe())
    assert result.error is None and result.ocr_pages == [1]
    assert rendered == [(4000, 4000)]
    (warning,) = result.warnings
    assert warning.startswith("page 1 is very large (40 × 40 in); it was read at 100 dpi")


def test_every_page_of_a_long_fax_is_read(tmp_path: Path) -> None:
    tif = crafted.tiff_pages(tmp_path / "fax.tif", 201, size=(200, 260))
    seen: list[tuple[int, int]] = []

    class Recorder:
        def page_done(self, page: int, total: int, stage: str) -> None:
            seen.append((page, total))

    result = extract_document(tif, ocr_engine=Probe(), progress=Recorder())
    assert result.error is None and result.pages == 201 and len(result.ocr_pages) == 201
    assert seen == [(i, 201) for i in range(1, 202)]


# -- point 2: charts of any length, page by page ------------------------------------------------

def test_reading_is_page_by_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Taking the first page of a 300-page chart parses one page, not 300."""
    path = crafted.text_chart(tmp_path / "chart.pdf", 300)
    built: list[int] = []
    original = pdfplumber.page.Page.__init__

    def counting(self: pdfplumber.page.Page, *args: object, **kwargs: object) -> None:
        built.append(1)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdfplumber.page.Page, "__init__", counting)
    pages = read_pages(path, Probe)
    first = next(pages)
    assert first.page is not None and first.info.page == 1 and len(built) == 1
    pages.close()


def test_cancel_stops_a_long_chart_between_pages(tmp_path: Path) -> None:
    path = crafted.text_chart(tmp_path / "chart.pdf", 300)
    cancel = threading.Event()
    done: list[int] = []

    class CancelAtTen:
        def page_done(self, page: int, total: int, stage: str) -> None:
            done.append(page)
            if page == 10:
                cancel.set()

    result = extract_document(path, cancel=cancel, progress=CancelAtTen())
    assert result.error == "reading was cancelled" and done == list(range(1, 11))


def test_a_page_range_reads_only_those_pages(tmp_path: Path) -> None:
    pages = [[TextItem(54, 54, f"Progress note, chart page {i + 1}: nothing new today.")]
             for i in range(12)]
    pages[7].append(TextItem(54, 70, "SpO2 87% on room air at rest."))
    pages[2].append(TextItem(54, 70, "SpO2 91% on room air at rest."))
    path = tmp_path / "chart.pdf"
    path.write_bytes(text_pdf(pages))
    calls: list[tuple[int, int]] = []

    class Recorder:
        def page_done(self, page: int, total: int, stage: str) -> None:
            calls.append((page, total))

    result = extract_document(path, pages="1-2,8,11-", progress=Recorder())
    assert result.error is None and result.pages == 12
    assert [p.page for p in result.page_info] == [1, 2, 8, 11, 12]
    assert [(m.value, m.evidence.page) for m in result.measurements] == [(87.0, 8)]
    assert calls == [(i, 5) for i in range(1, 6)]
    assert result.warnings[0] == ("only pages 1-2,8,11-12 of 12 were read; values on other "
                                  "pages are missing")


def test_pages_past_the_end_are_a_warning_and_none_in_range_an_error(tmp_path: Path) -> None:
    path = crafted.text_chart(tmp_path / "chart.pdf", 5)
    result = extract_document(path, pages="4-9,20")
    assert result.error is None and [p.page for p in result.page_info] == [4, 5]
    assert "pages 6-9,20 were chosen but the document has only 5 pages" in result.warnings
    none = extract_document(path, pages="6-")
    assert none.error == "the document has 5 pages; none of the pages chosen (6-) is in it"
    bad = extract_document(path, pages="one to five")
    assert _one_line(bad.error).startswith("bad page range: 'one to five' is not a page")


def test_a_page_range_works_for_fax_tiffs(tmp_path: Path) -> None:
    tif = crafted.tiff_pages(tmp_path / "fax.tif", 6, size=(340, 440))
    probe = Probe()
    result = extract_document(tif, ocr_engine=probe, pages="2,5")
    assert result.ocr_pages == [2, 5] and len(result.page_info) == 2
    assert page_count(tif, "image") == 6


@pytest.mark.parametrize(("text", "expected"), [
    ("1-40,88", "1-40,88"),
    (" 88, 1 - 40 ", "1-40,88"),
    ("5-9,7-12,13", "5-13"),
    ("200-", "200-"),
    ("3;1", "1,3"),
])
def test_page_ranges_parse(text: str, expected: str) -> None:
    assert str(parse_pages(text)) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("", "no pages given"),
    ("0-3", "pages are counted from 1"),
    ("40-1", "the range 40-1 runs backwards; write 1-40"),
    ("1-40,x", "'x' is not a page or a range"),
    ("1..4", "'1..4' is not a page or a range"),
])
def test_bad_page_ranges_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        parse_pages(text)


def test_a_page_selection_knows_its_pages_without_listing_them() -> None:
    huge = parse_pages("1-1000000000")
    assert huge.count(300) == 300 and huge.beyond(300) == "301-1000000000"
    sel = PageSelection(((2, 3), (10, None)))
    assert list(sel.pages(12)) == [2, 3, 10, 11, 12] and 11 in sel and 4 not in sel
    assert sel.beyond(12) is None and sel.count(2) == 1


# -- the lean text-layer parse gives pdfplumber's words ----------------------------------------

def _plumber_words(page: pdfplumber.page.Page) -> list[tuple[str, float, float, str]]:
    deduped = page.dedupe_chars()
    fonts = dict.fromkeys(str(c.get("fontname", "")) for c in deduped.chars)
    out = []
    for font in fonts:
        def keep(obj: dict[str, object], font: str = font) -> bool:
            return obj.get("object_type") != "char" or str(obj.get("fontname", "")) == font

        sub = deduped.filter(keep)
        out += [(str(w["text"]), float(w["x0"]), float(w["top"]), font)
                for w in sub.extract_words(x_tolerance=2, y_tolerance=2.5)]
    return out


@pytest.mark.parametrize("index", [0, 3, 5, 6, 11])
def test_the_lean_parse_gives_pdfplumbers_words(index: int, tmp_path: Path) -> None:
    from pdfminer.pdfinterp import PDFResourceManager

    path = write_text_pdf(generate(index), tmp_path / "doc.pdf")
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            layer = parse_text_layer(page, PDFResourceManager())
            ours = [(w.text, w.x0, w.top, w.font) for w in text_words(layer, page)
                    if w.font != "form-field"]
            assert ours == _plumber_words(page)
            assert layer.printable() == len([c for c in page.chars if c["text"].strip()])
            assert len(layer.rects) == len(page.rects) and len(layer.curves) == len(page.curves)


def test_overprinted_text_is_deduplicated_as_pdfplumber_does(tmp_path: Path) -> None:
    """Bold faked by printing a line twice, half a point apart, reads once."""
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfplumber.utils.text import dedupe_chars as plumber_dedupe

    line = "Lowest SpO2 during the study: 81%"
    path = tmp_path / "bold.pdf"
    path.write_bytes(text_pdf([[TextItem(54, 54, line), TextItem(54.4, 54.3, line),
                                TextItem(54, 90, "Recorded on room air overnight")]]))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        layer = parse_text_layer(page, PDFResourceManager())
        ours = dedupe_chars(layer.chars)
        theirs = plumber_dedupe(page.chars)
        assert [(c["text"], c["x0"], c["top"]) for c in ours] == \
            [(c["text"], c["x0"], c["top"]) for c in theirs]
        assert len(ours) < len(layer.chars)
        assert [w.text for w in text_words(layer, page)][:5] == ["Lowest", "SpO2", "during",
                                                                 "the", "study:"]
    assert MIN_TEXT_CHARS == 15
