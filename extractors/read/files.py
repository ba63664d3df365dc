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
    """The PDF opened for rendering; password and damage become user-facing errors."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedFileError() from None
        raise DamagedFileError() from None


def pdf_page_count(path: Path) -> int:
    doc = open_pdfium(path)
    try:
        return len(doc)
    finally:
        doc.close()


def open_image(path: Path) -> Image.Image:
    """Open an image file; any complaint from the decoder means a damaged file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            img = Image.open(path)
            img.load()
            return img
    except Image.DecompressionBombError:
        raise DamagedFileError("the image is too large to read safely") from None
    except Exception:  # PIL raises and warns in many ways on bad files
        raise DamagedFileError("the image file is damaged or not a supported format") from None


def page_count(path: Path, kind: str) -> int:
    if kind == "pdf":
        return pdf_page_count(path)
    with open_image(path) as img:
        return int(getattr(img, "n_frames", 1))
