"""Stage 1, reading: a file on disk → its pages as `Page`s (words with boxes, marks, rules).

Text-layer PDF pages are read with pdfplumber; image pages (scans, faxes, TIFF/PNG/JPEG) are
rendered or loaded, then OCR'd. `read_pages` yields one page at a time so memory stays flat.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber

from extractors.errors import (
    CancelledError,
    DamagedFileError,
    EncryptedFileError,
    ExtractionError,
    OcrFailedError,
    OcrUnavailableError,
    TooManyPagesError,
)
from extractors.models import PageInfo
from extractors.read.files import open_image, open_pdfium, page_count, sniff
from extractors.read.images import OCR_DPI, PageImage, iter_image_file, to_page_image
from extractors.read.ocr.engine import OcrEngine
from extractors.read.ocr_page import ocr_page
from extractors.read.page import Mark, Page, Rule, Word
from extractors.read.pdf_text import graphics, text_words

__all__ = ["Mark", "Page", "Rule", "Word", "page_count", "read_pages", "sniff"]

MAX_PAGES = 200
MIN_TEXT_CHARS = 15
"""A PDF page with fewer printable characters than this is read by OCR."""
MAX_RENDER_PIXELS = 16_000_000
"""Largest page image rendered for OCR; a bigger page is rendered at a lower resolution."""


@dataclass
class _PendingOcr:
    image: PageImage


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError()


def _mostly_image(page: pdfplumber.page.Page, chars: int) -> bool:
    """A scan with a small text stamp (fax header): read the page by OCR instead."""
    if chars >= 200:
        return False
    area = float(page.width) * float(page.height)
    covered = sum(max(0.0, float(i["x1"]) - float(i["x0"])) *
                  max(0.0, float(i["bottom"]) - float(i["top"])) for i in page.images)
    return area > 0 and covered / area > 0.5


def _render_scale(width: float, height: float) -> float:
    scale = OCR_DPI / 72.0
    pixels = width * scale * height * scale
    if pixels > MAX_RENDER_PIXELS:
        scale *= (MAX_RENDER_PIXELS / pixels) ** 0.5
    return scale


def _pdf_pages(path: Path, cancel: threading.Event | None
               ) -> Iterator[tuple[PageInfo, Page | _PendingOcr]]:
    render_doc = open_pdfium(path)
    try:
        total = len(render_doc)
        if total > MAX_PAGES:
            raise TooManyPagesError(
                f"the document has {total} pages; at most {MAX_PAGES} are read")
        if total == 0:
            raise DamagedFileError("the PDF has no pages")
        with pdfplumber.open(str(path)) as pdf:
            for index, page in enumerate(pdf.pages, start=1):
                _check_cancel(cancel)
                width, height = float(page.width), float(page.height)
                chars = [c for c in page.chars if str(c.get("text", "")).strip()]
                if len(chars) >= MIN_TEXT_CHARS and not _mostly_image(page, len(chars)):
                    marks, rules = graphics(page)
                    yield (PageInfo(page=index, width=width, height=height,
                                    source="text_layer"),
                           Page(index, width, height, "text_layer", text_words(page), marks,
                                rules))
                    page.close()
                    continue
                scale = _render_scale(width, height)
                bitmap = render_doc[index - 1].render(scale=scale, grayscale=True)
                gray = np.asarray(bitmap.to_pil().convert("L"), dtype=np.uint8).copy()
                page.close()
                info = PageInfo(page=index, width=width, height=height, source="ocr")
                yield info, _PendingOcr(PageImage(gray, scale * 72.0))
    except ExtractionError:
        raise
    except Exception as exc:
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise EncryptedFileError() from None
        raise DamagedFileError(f"the PDF is damaged or truncated ({name})") from None
    finally:
        render_doc.close()


def _image_pages(path: Path, cancel: threading.Event | None
                 ) -> Iterator[tuple[PageInfo, Page | _PendingOcr]]:
    img = open_image(path)
    with img:
        count = int(getattr(img, "n_frames", 1))
        if count > MAX_PAGES:
            raise TooManyPagesError(f"the image has {count} pages; at most {MAX_PAGES} are read")
        try:
            for index, (frame, xdpi, ydpi) in enumerate(iter_image_file(img), start=1):
                _check_cancel(cancel)
                image = to_page_image(frame, xdpi, ydpi)
                yield (PageInfo(page=index, width=image.width_pt, height=image.height_pt,
                                source="ocr"), _PendingOcr(image))
        except ExtractionError:
            raise
        except Exception as exc:
            raise DamagedFileError(
                f"the image file is damaged or truncated ({type(exc).__name__})") from None


def read_pages(path: Path, engine_for_ocr: Callable[[], OcrEngine],
               cancel: threading.Event | None = None
               ) -> Iterator[tuple[PageInfo, Page | None]]:
    """Each page's info and content; content None when that page alone could not be read
    (``info.error`` says why). Raises `ExtractionError` for a file that cannot be read."""
    kind = sniff(path)
    pages = _pdf_pages(path, cancel) if kind == "pdf" else _image_pages(path, cancel)
    engine: OcrEngine | None = None
    engine_error: str | None = None
    for info, content in pages:
        if isinstance(content, Page):
            yield info, content
            continue
        if engine is None and engine_error is None:
            engine = engine_for_ocr()
            engine_error = engine.availability()
        if engine_error is not None or engine is None:
            info.error = engine_error
            yield info, None
            continue
        try:
            result = ocr_page(engine, content.image, info.page)
        except OcrUnavailableError as exc:
            engine_error = info.error = str(exc)
            yield info, None
            continue
        except OcrFailedError as exc:
            info.error = str(exc)
            yield info, None
            continue
        info.rotation = result.rotation * 90
        info.skew_degrees = round(result.skew, 2)
        yield info, result.page
