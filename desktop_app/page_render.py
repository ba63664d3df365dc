"""Page images for the document view, and the PDF-points → pixels mapping of evidence boxes.

PDFs are rendered with pypdfium2; TIFF/PNG/JPEG pages are loaded with Pillow (fax TIFFs are
multi-page; fax pixels that are not square are resampled square). Evidence boxes are in PDF
points with a top-left origin (for OCR'd pages too, in points of that page), so a box maps to
pixels by one scale factor per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage

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


def page_count(path: str | Path) -> int:
    p = Path(path)
    if p.suffix.lower() in IMAGE_SUFFIXES:
        from PIL import Image

        with Image.open(p) as img:
            return int(getattr(img, "n_frames", 1))
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(p))
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_pages(path: str | Path, scale: float) -> list[PageImage]:
    """All pages of a document at ``scale`` pixels per point (images: at their own pixels,
    assuming 72 dpi when the file does not say)."""
    p = Path(path)
    pages: list[PageImage] = []
    if p.suffix.lower() in IMAGE_SUFFIXES:
        from PIL import Image

        with Image.open(p) as img:
            for index in range(int(getattr(img, "n_frames", 1))):
                img.seek(index)
                dpi = img.info.get("dpi", (72, 72))
                xdpi = float(dpi[0] or 72)
                ydpi = float(dpi[1] or xdpi)
                frame: Image.Image = img
                if abs(xdpi - ydpi) > 0.5:
                    # fax modes have non-square pixels (e.g. 204 x 196 dpi): resample to
                    # square pixels so one scale maps points to pixels both ways
                    frame = img.convert("L").resize(
                        (img.width, round(img.height * xdpi / ydpi)))
                pages.append(PageImage(_from_pil(frame), img.width * 72.0 / xdpi,
                                       img.height * 72.0 / ydpi))
        return pages
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(p))
    try:
        for page in pdf:
            width, height = page.get_size()
            bitmap = page.render(scale=scale)
            pages.append(PageImage(_from_pil(bitmap.to_pil()), float(width), float(height)))
            page.close()
    finally:
        pdf.close()
    return pages
