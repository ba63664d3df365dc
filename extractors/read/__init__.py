"""Stage 1, reading: a file on disk → its pages as `Page`s (words with boxes, marks, rules).

Text-layer PDF pages are read with pdfminer (`extractors.read.pdf_text`); image pages (scans,
faxes, TIFF/PNG/JPEG) are rendered or loaded, then OCR'd. `read_pages` is a generator: one page
is read, handed on and dropped before the next is touched, so memory stays flat however long
the document is, and a `PageSelection` reads only some pages. Every page is held to the budgets
of `extractors.read.budget` first: a page too large for OCR is read at a lower resolution (its
warning says so), a text layer too heavy to parse is read by OCR instead, and what cannot be
read within the budgets is refused with a one-line reason in its `PageInfo.error`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pdfplumber
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfplumber.pdf import PDF
from PIL import Image

from extractors.errors import (
    CancelledError,
    DamagedFileError,
    EncryptedFileError,
    ExtractionError,
    OcrFailedError,
    OcrUnavailableError,
)
from extractors.models import PageInfo
from extractors.read.budget import MAX_RENDER_PIXELS, MAX_TEXT_OBJECTS
from extractors.read.files import image_frame_count, open_image, open_pdfium, page_count, sniff
from extractors.read.images import (
    OCR_DPI,
    FrameTooLarge,
    PageImage,
    fit_dpi,
    load_frame,
    release_pixels,
    to_page_image,
)
from extractors.read.ocr.engine import OcrEngine
from extractors.read.ocr_page import ocr_page
from extractors.read.page import Mark, Page, Rule, Word
from extractors.read.page_ranges import PageSelection, parse_pages
from extractors.read.pdf_guard import check_page
from extractors.read.pdf_text import (
    TextLayerTooLarge,
    graphics,
    mostly_image,
    parse_text_layer,
    text_words,
)
from extractors.read.pdfium_lock import pdfium_lock

__all__ = ["Mark", "Page", "PageSelection", "ReadPage", "Rule", "Word", "decoding",
           "page_count", "parse_pages", "read_pages", "render_scale", "sniff"]

MIN_TEXT_CHARS = 15
"""A PDF page with fewer printable characters than this is read by OCR."""
_FLUSH_EVERY = 25
"""Pages after which pdfminer's object and font caches are emptied (they only grow)."""
_DECODING = threading.Lock()
"""Held while a page image is rendered or decoded: one at a time per process, so two
documents read at once (or a read and the window's view) never hold two images at the decode
budget together."""


def decoding() -> threading.Lock:
    """The lock to hold while rendering or decoding a page image (see `_DECODING`)."""
    return _DECODING


@dataclass
class ReadPage:
    """One page as read: its info, its content (None when it could not be read; then
    ``info.error`` says why) and warnings for the reviewer (no document text in them)."""

    info: PageInfo
    page: Page | None
    warnings: list[str] = field(default_factory=list)


@dataclass
class _PendingOcr:
    image: PageImage


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError()


def render_scale(width_pt: float, height_pt: float, dpi: float = OCR_DPI,
                 max_pixels: int = MAX_RENDER_PIXELS) -> float:
    """Pixels per point to render a page at ``dpi``, lowered so the image has at most
    ``max_pixels`` (the window uses it too, with its own resolution)."""
    return fit_dpi(width_pt / 72.0, height_pt / 72.0, dpi, max_pixels) / 72.0


def _scaled_note(number: int, width_pt: float, height_pt: float, dpi: float) -> str:
    return (f"page {number} is very large ({width_pt / 72:,.0f} × {height_pt / 72:,.0f} in); "
            f"it was read at {dpi:.0f} dpi instead of {OCR_DPI}, so small print may be missed")


def _refused(reason: str) -> str:
    return f"the page is too large to read safely ({reason})"


def _pdf_errors(exc: Exception) -> ExtractionError:
    name = type(exc).__name__
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if any("Password" in n or "Encrypt" in n for n in (name, type(inner).__name__)):
        return EncryptedFileError()
    return DamagedFileError(f"the PDF is damaged or truncated ({type(inner).__name__})")


def _pdf_pages(path: Path, cancel: threading.Event | None, selection: PageSelection | None
               ) -> Iterator[tuple[ReadPage, _PendingOcr | None]]:
    render_doc = open_pdfium(path)
    try:
        with pdfium_lock():
            total = len(render_doc)
        if total == 0:
            raise DamagedFileError("the PDF has no pages")
        last = total if selection is None else max(selection.pages(total), default=0)
        with path.open("rb") as stream:
            try:
                pdf = PDF(stream)
                pages = PDFPage.create_pages(pdf.doc)
            except Exception as exc:
                raise _pdf_errors(exc) from None
            rsrcmgr = PDFResourceManager()
            known: set[int] = set()  # font streams found small on earlier pages
            index = 0
            while index < last:
                try:
                    page_obj = next(pages)
                except StopIteration:
                    break
                except Exception as exc:  # a broken page tree
                    raise _pdf_errors(exc) from None
                index += 1
                if selection is not None and index not in selection:
                    continue
                _check_cancel(cancel)
                yield _pdf_page(pdf, page_obj, index, render_doc, rsrcmgr, known)
                if index % _FLUSH_EVERY == 0:
                    pdf.doc._cached_objs.clear()
                    pdf.doc._parsed_objs.clear()
                    rsrcmgr = PDFResourceManager()
    finally:
        with pdfium_lock():
            render_doc.close()


def _pdf_page(pdf: PDF, page_obj: PDFPage, index: int, render_doc: object,
              rsrcmgr: PDFResourceManager, known: set[int]
              ) -> tuple[ReadPage, _PendingOcr | None]:
    """One PDF page: its text layer when it has one (and it is within the budgets), else its
    image for OCR."""
    try:
        page = pdfplumber.page.Page(pdf, page_obj, page_number=index, initial_doctop=0)
        width, height = float(page.width), float(page.height)
    except Exception as exc:
        info = PageInfo(page=index, width=612.0, height=792.0, source="text_layer",
                        error=f"the page is damaged ({type(exc).__name__})")
        return ReadPage(info, None), None
    check = check_page(page_obj.contents, page_obj.resources, page_obj.annots, known)
    if check.refuse is not None:
        info = PageInfo(page=index, width=width, height=height, source="text_layer",
                        error=_refused(check.refuse))
        return ReadPage(info, None), None
    warnings: list[str] = []
    reason = check.text_layer
    if reason is None:
        try:
            layer = parse_text_layer(page, rsrcmgr)
        except TextLayerTooLarge:
            reason = f"it has more than {MAX_TEXT_OBJECTS:,} characters and shapes"
        except RecursionError:
            reason = "its drawing is nested too deeply"
        except Exception as exc:
            if isinstance(_pdf_errors(exc), EncryptedFileError):
                raise EncryptedFileError() from None
            reason = f"its text layer could not be parsed ({type(exc).__name__})"
        else:
            if layer.printable() >= MIN_TEXT_CHARS and not mostly_image(layer, width, height):
                marks, rules = graphics(layer)
                words = text_words(layer, page)
                page.close()
                return (ReadPage(PageInfo(page=index, width=width, height=height,
                                          source="text_layer"),
                                 Page(index, width, height, "text_layer", words, marks, rules)),
                        None)
            del layer
    page.close()
    if check.render is not None:  # no text layer to read, and rendering is over a budget
        info = PageInfo(page=index, width=width, height=height, source="text_layer",
                        error=_refused(check.render))
        return ReadPage(info, None), None
    if reason is not None:
        warnings.append(f"page {index} was read by OCR: {reason}")
    scale = render_scale(width, height)
    if scale * 72.0 < OCR_DPI - 0.5:
        warnings.append(_scaled_note(index, width, height, scale * 72.0))
    gray = _render(render_doc, index, scale)
    info = PageInfo(page=index, width=width, height=height, source="ocr")
    return ReadPage(info, None, warnings), _PendingOcr(PageImage(gray, scale * 72.0))


def _render(render_doc: object, index: int, scale: float) -> np.ndarray:
    with _DECODING, pdfium_lock():
        return _render_page(render_doc, index, scale)


def _render_page(render_doc: object, index: int, scale: float) -> np.ndarray:
    pdf_page = render_doc[index - 1]  # type: ignore[index]
    try:
        bitmap = pdf_page.render(scale=scale, grayscale=True)
        try:
            gray = np.asarray(bitmap.to_pil().convert("L"), dtype=np.uint8).copy()
        finally:
            bitmap.close()
    finally:
        pdf_page.close()
    return gray


def _image_pages(path: Path, cancel: threading.Event | None, selection: PageSelection | None
                 ) -> Iterator[tuple[ReadPage, _PendingOcr | None]]:
    img = open_image(path)
    with img:
        total = image_frame_count(img)
        numbers = range(1, total + 1) if selection is None else selection.pages(total)
        for index in numbers:
            _check_cancel(cancel)
            try:
                with _DECODING:
                    read, pending = _image_page(img, index)
            except FrameTooLarge as exc:
                w, h = img.size
                info = PageInfo(page=index, width=w * 72.0 / 200, height=h * 72.0 / 200,
                                source="ocr", error=str(exc))
                yield ReadPage(info, None), None
                continue
            except EOFError:
                return
            except Image.DecompressionBombError:
                info = PageInfo(page=index, width=612.0, height=792.0, source="ocr",
                                error="the page is too large to decode in memory")
                yield ReadPage(info, None), None
                continue
            except Exception as exc:
                if index == 1 and total == 1:
                    raise DamagedFileError(
                        f"the image file is damaged or truncated ({type(exc).__name__})"
                    ) from None
                info = PageInfo(page=index, width=612.0, height=792.0, source="ocr",
                                error=f"the page is damaged or truncated ({type(exc).__name__})")
                yield ReadPage(info, None), None
                continue
            yield read, pending


def _image_page(img: Image.Image, index: int) -> tuple[ReadPage, _PendingOcr]:
    """Page ``index`` of an image file decoded, as gray at the OCR resolution (lowered to the
    pixel budget, with a warning). Decoding errors pass through."""
    frame, xdpi, ydpi = load_frame(img, index - 1)
    width_in, height_in = frame.width / xdpi, frame.height / ydpi
    dpi = fit_dpi(width_in, height_in)
    warnings = []
    if dpi < OCR_DPI - 0.5:
        warnings.append(_scaled_note(index, width_in * 72, height_in * 72, dpi))
    image = to_page_image(frame, xdpi, ydpi, dpi)
    release_pixels(frame)
    info = PageInfo(page=index, width=image.width_pt, height=image.height_pt, source="ocr")
    return ReadPage(info, None, warnings), _PendingOcr(image)


def read_pages(path: Path, engine_for_ocr: Callable[[], OcrEngine],
               cancel: threading.Event | None = None,
               pages: PageSelection | None = None) -> Generator[ReadPage, None, None]:
    """Each page (of ``pages``, default all) in order, one at a time. A page that alone
    cannot be read has ``page`` None and ``info.error`` set. Raises `ExtractionError` for a
    file that cannot be read at all, `CancelledError` when ``cancel`` is set."""
    kind = sniff(path)
    source = (_pdf_pages(path, cancel, pages) if kind == "pdf"
              else _image_pages(path, cancel, pages))
    engine: OcrEngine | None = None
    engine_error: str | None = None
    for read, pending in source:
        if pending is None:
            yield read
            continue
        info = read.info
        if engine is None and engine_error is None:
            engine = engine_for_ocr()
            engine_error = engine.availability()
        if engine_error is not None or engine is None:
            info.error = engine_error
            yield read
            continue
        try:
            result = ocr_page(engine, pending.image, info.page)
        except OcrUnavailableError as exc:
            engine_error = info.error = str(exc)
            yield read
            continue
        except OcrFailedError as exc:
            info.error = str(exc)
            yield read
            continue
        finally:
            del pending
        info.rotation = result.rotation * 90
        info.skew_degrees = round(result.skew, 2)
        read.page = result.page
        yield read
