"""Opening the user's file: what kind it is, how many pages, and the errors a user can act on.

The file on disk is only read, never changed.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from extractors.errors import (
    DamagedFileError,
    EmptyFileError,
    EncryptedFileError,
    ExtractionError,
    UnsupportedFileError,
)
from extractors.read.pdfium_lock import pdfium_lock


def sniff(path: Path) -> str:
    """``"pdf"`` or ``"image"`` from the first bytes; raises for anything else."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise ExtractionError("file not found") from None
    except IsADirectoryError:
        raise UnsupportedFileError("this is a folder, not a file") from None
    except OSError as exc:
        raise ExtractionError(f"the file could not be opened ({exc.strerror})") from None
    if size == 0:
        raise EmptyFileError()
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"II*\x00", b"MM\x00*", b"\x89PNG", b"\xff\xd8\xff")):
        return "image"
    raise UnsupportedFileError()


def open_pdfium(path: Path) -> pdfium.PdfDocument:
    """The PDF opened for rendering; password and damage become user-facing errors. Every
    later call on it must hold `pdfium_lock()`."""
    try:
        with pdfium_lock():
            return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedFileError() from None
        raise DamagedFileError() from None


def pdf_page_count(path: Path) -> int:
    with pdfium_lock():
        doc = open_pdfium(path)
        try:
            return len(doc)
        finally:
            doc.close()


def _too_large_message() -> str:
    limit = 2 * (Image.MAX_IMAGE_PIXELS or 89_478_485)
    return (f"the image is larger than {limit / 1e6:,.0f} million pixels, too large to read "
            "safely; ask the sender for a smaller scan (200 dpi is enough)")


def open_image(path: Path) -> Image.Image:
    """Open an image file without decoding its pixels; any complaint from the decoder means
    a damaged file. Pillow's decompression-bomb limit (twice ``MAX_IMAGE_PIXELS``) refuses
    absurd sizes here; the read stage's own decode budget is checked per page."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path)
    except Image.DecompressionBombError:
        raise DamagedFileError(_too_large_message()) from None
    except Exception:  # PIL raises and warns in many ways on bad files
        raise DamagedFileError("the image file is damaged or not a supported format") from None


def image_frame_count(img: Image.Image) -> int:
    """Pages in a (multi-page) image file, without decoding any of them."""
    try:
        return max(1, int(getattr(img, "n_frames", 1)))
    except Exception:  # a broken page directory
        raise DamagedFileError("the image file is damaged or truncated") from None


def page_count(path: Path, kind: str) -> int:
    if kind == "pdf":
        return pdf_page_count(path)
    with open_image(path) as img:
        return image_frame_count(img)
