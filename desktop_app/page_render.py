"""Page images for the document view, and the PDF-points → pixels mapping of evidence boxes.

PDFs are rendered with pypdfium2; TIFF/PNG/JPEG pages are loaded with Pillow (fax TIFFs are
multi-page; fax pixels that are not square are resampled square). Evidence boxes are in PDF
points with a top-left origin (for OCR'd pages too, in points of that page), so a box maps to
pixels by one scale factor per page.

A `PageSource` renders one page at a time, on demand, within the read stage's budgets
(`extractors.read.budget`): no page image above `MAX_VIEW_PIXELS`, no image decoded beyond
the decode budget, and no PDF page rendered that the extractor's structural check refuses (a
drawing that inflates to gigabytes or draws forms millions of times); such a page shows its
reason instead. So showing a 1,000-page chart or a hostile file costs the pages on screen, not
the whole document.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from PySide6.QtGui import QImage

if TYPE_CHECKING:  # imported when used: the window starts without them
    import pypdfium2 as pdfium
    from pdfminer.pdfpage import PDFPage
    from PIL import Image

IMAGE_SUFFIXES = (".tif", ".tiff", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class PageImage:
    """One rendered page and its size in PDF points."""

    image: QImage
    width_pt: float
    height_pt: float

    @property
    def scale(self) -> float:
        """Pixels per point of this rendering."""
        return self.image.width() / self.width_pt if self.width_pt else 1.0


def pdf_box_to_pixels(bbox: tuple[float, float, float, float] | list[float],
                      scale: float) -> tuple[float, float, float, float]:
    """``(x0, top, x1, bottom)`` in points → ``(x, y, width, height)`` in pixels at ``scale``."""
    x0, top, x1, bottom = (float(v) for v in bbox)
    return (x0 * scale, top * scale, (x1 - x0) * scale, (bottom - top) * scale)


def _from_pil(img: object) -> QImage:
    from PIL import Image

    assert isinstance(img, Image.Image)
    rgb = img.convert("RGB")
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, 3 * rgb.width,
                  QImage.Format.Format_RGB888).copy()


MAX_VIEW_PIXELS = 16_000_000
"""Largest image of one page the view holds (a Letter page at 4× is 7.8 million pixels)."""


def _is_image(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


def _close_all(*objects: object) -> None:
    from extractors.read.pdfium_lock import pdfium_lock

    with pdfium_lock():  # a PDFium document closes inside PDFium (see pdfium_lock)
        for obj in objects:
            close = getattr(obj, "close", None)
            if close is not None:
                close()


class PageSource:
    """The pages of one document, rendered one at a time for display.

    ``count`` and `size` never decode a page; `render` decodes one (waiting, if need be, for
    the page the reader is decoding: one page image at a time per process). `refusal` says
    why a page is not shown (None when it is shown). Open files are released by `close` (or when the
    source is garbage-collected)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._pdf: pdfium.PdfDocument | None = None
        self._image: Image.Image | None = None
        self._pdfminer_file: BinaryIO | None = None
        self._pdfminer_iter: Iterator[PDFPage] | None = None
        self._pdfminer_pages: list[PDFPage] = []
        self._refusals: dict[int, str | None] = {}
        self._known: set[int] = set()
        if _is_image(self.path):
            from extractors.read.files import image_frame_count, open_image

            self._image = open_image(self.path)
            weakref.finalize(self, _close_all, self._image)
            self.count = image_frame_count(self._image)
        else:
            import pypdfium2 as pdfium

            from extractors.read.pdfium_lock import pdfium_lock

            with pdfium_lock():
                self._pdf = pdfium.PdfDocument(str(self.path))
                weakref.finalize(self, _close_all, self._pdf)
                self.count = len(self._pdf)

    def close(self) -> None:
        _close_all(self._pdf, self._image, self._pdfminer_file)
        self._pdf = self._image = self._pdfminer_file = None

    def __enter__(self) -> PageSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _frame_dpi(self, index: int) -> tuple[Image.Image, float, float]:
        img = self._image
        assert img is not None
        img.seek(index)
        dpi = img.info.get("dpi", (72, 72))
        xdpi = float(dpi[0] or 72)
        ydpi = float(dpi[1] or xdpi)
        if min(xdpi, ydpi) < 30:  # no real resolution recorded (a TIFF says 1 × 1)
            xdpi = ydpi = 72.0
        return img, xdpi, ydpi

    def size(self, index: int) -> tuple[float, float]:
        """Page ``index`` (0-based) in points, without decoding it."""
        if self._image is not None:
            img, xdpi, ydpi = self._frame_dpi(index)
            return img.width * 72.0 / xdpi, img.height * 72.0 / ydpi
        assert self._pdf is not None
        # by index: loading the page would parse its drawing, which may be hostile
        from extractors.read.pdfium_lock import pdfium_lock

        with pdfium_lock():
            width, height = self._pdf.get_page_size(index)
        return float(width), float(height)

    def refusal(self, index: int) -> str | None:
        """Why page ``index`` is not rendered (over a budget), or None."""
        if index in self._refusals:
            return self._refusals[index]
        reason: str | None = None
        if self._image is None:
            from extractors.read.pdf_guard import check_page

            page = self._pdfminer_page(index)
            if page is not None:
                check = check_page(page.contents, page.resources, page.annots, self._known)
                reason = check.refuse or check.render
        self._refusals[index] = reason
        return reason

    def _pdfminer_page(self, index: int) -> PDFPage | None:
        """pdfminer's view of page ``index`` (for the structural check), read lazily."""
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        try:
            if self._pdfminer_iter is None:
                self._pdfminer_file = self.path.open("rb")
                weakref.finalize(self, _close_all, self._pdfminer_file)
                doc = PDFDocument(PDFParser(self._pdfminer_file))
                self._pdfminer_iter = PDFPage.create_pages(doc)
            while len(self._pdfminer_pages) <= index:
                self._pdfminer_pages.append(next(self._pdfminer_iter))
        except Exception:  # pdfium reads what pdfminer cannot: show it unchecked
            return None
        return self._pdfminer_pages[index]

    def render(self, index: int, scale: float) -> PageImage:
        """Page ``index`` at ``scale`` pixels per point (images: at their own pixels, 72 dpi
        when the file does not say), shrunk to at most `MAX_VIEW_PIXELS`. Raises ValueError
        with the reason when the page is over a budget."""
        reason = self.refusal(index)
        if reason is not None:
            raise ValueError(reason)
        from extractors.read import decoding
        from extractors.read.pdfium_lock import pdfium_lock

        with decoding():  # one page image at a time, with the reader's too
            if self._image is not None:
                return self._render_image(index)
            with pdfium_lock():
                return self._render_pdf(index, scale)

    def _render_pdf(self, index: int, scale: float) -> PageImage:
        from extractors.read import render_scale

        assert self._pdf is not None
        page = self._pdf[index]
        try:
            width, height = page.get_size()
            scale = min(scale, render_scale(width, height, scale * 72.0, MAX_VIEW_PIXELS))
            bitmap = page.render(scale=scale)
            try:
                image = _from_pil(bitmap.to_pil())
            finally:
                bitmap.close()
        finally:
            page.close()
        return PageImage(image, float(width), float(height))

    def _render_image(self, index: int) -> PageImage:
        from extractors.read.images import FrameTooLarge, load_frame, release_pixels

        img, xdpi, ydpi = self._frame_dpi(index)
        width_pt, height_pt = img.width * 72.0 / xdpi, img.height * 72.0 / ydpi
        try:
            frame, _x, _y = load_frame(img, index)  # a huge JPEG decodes smaller
        except FrameTooLarge as exc:
            raise ValueError(str(exc)) from None
        shown: Image.Image = frame
        # fax modes have non-square pixels (e.g. 204 x 196 dpi): resample to square pixels so
        # one scale maps points to pixels both ways; a huge scan is shrunk to the view budget
        target_w, target_h = frame.width, round(frame.width * height_pt / width_pt)
        shrink = min(1.0, (MAX_VIEW_PIXELS / max(1, target_w * target_h)) ** 0.5)
        target_w, target_h = max(1, round(target_w * shrink)), max(1, round(target_h * shrink))
        if (target_w, target_h) != frame.size:
            shown = frame.convert("L").resize((target_w, target_h))
        image = _from_pil(shown)
        release_pixels(frame)
        return PageImage(image, width_pt, height_pt)


def page_count(path: str | Path) -> int:
    with PageSource(path) as source:
        return source.count


def render_pages(path: str | Path, scale: float) -> list[PageImage]:
    """All pages of a document at ``scale`` pixels per point (images: at their own pixels,
    assuming 72 dpi when the file does not say). For small documents and tests; the view
    renders page by page with `PageSource`."""
    with PageSource(path) as source:
        return [source.render(i, scale) for i in range(source.count)]
