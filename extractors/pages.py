"""Reading the pages of one file into `Line`s: the PDF text layer where there is one, OCR
where there is not (image PDFs, TIFF/PNG/JPEG)."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text
from PIL import Image

from extractors.errors import (
    CancelledError,
    DamagedFileError,
    EmptyFileError,
    EncryptedFileError,
    ExtractionError,
    TooManyPagesError,
    UnsupportedFileError,
)
from extractors.imaging import OCR_DPI, PageImage, iter_image_file, to_page_image
from extractors.layout import Line, Word, group_lines
from extractors.models import PageInfo

MAX_PAGES = 200
MIN_TEXT_CHARS = 15
"""A PDF page with fewer printable characters than this is read by OCR."""


@dataclass
class PendingOcr:
    """A page that needs OCR: its image and its size in points."""

    page: int
    image: PageImage


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


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError()


def pdf_page_count(path: Path) -> int:
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise EncryptedFileError() from None
        raise DamagedFileError() from None
    try:
        return len(doc)
    finally:
        doc.close()


def _words_of(page: pdfplumber.page.Page) -> list[Word]:
    words = page.dedupe_chars().extract_words(x_tolerance=2, y_tolerance=2.5,
                                              keep_blank_chars=False, use_text_flow=False)
    found = [Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]),
                  float(w["bottom"])) for w in words if str(w["text"]).strip()]
    return found + _form_field_words(page)


def _form_field_words(page: pdfplumber.page.Page) -> list[Word]:
    """Values typed into PDF form fields (e.g. an electronically filled CMN), which are not
    part of the page's text. Each value becomes a word at its field's box."""
    words: list[Word] = []
    try:
        annots = page.annots
    except Exception:  # a broken annotation list must not stop the page
        return words
    for annot in annots:
        data = annot.get("data") or {}
        value = resolve1(data.get("V")) if isinstance(data, dict) else None
        if isinstance(value, bytes):
            value = decode_text(value)
        elif isinstance(value, PSLiteral):
            value = "X" if str(value.name) not in ("Off", "No") else ""
        if not isinstance(value, str) or not value.strip():
            continue
        x0, top, x1, bottom = (float(annot[k]) for k in ("x0", "top", "x1", "bottom"))
        for i, part in enumerate(value.strip().splitlines()):
            height = min(12.0, bottom - top)
            words.append(Word(part.strip(), x0 + 1, top + i * height, x1, top + (i + 1) * height))
    return words


def _mostly_image(page: pdfplumber.page.Page, chars: int) -> bool:
    """A scan with a small text stamp (fax header): read the page by OCR instead."""
    if chars >= 200:
        return False
    area = float(page.width) * float(page.height)
    covered = sum(max(0.0, float(i["x1"]) - float(i["x0"])) *
                  max(0.0, float(i["bottom"]) - float(i["top"])) for i in page.images)
    return area > 0 and covered / area > 0.5


def read_pdf(path: Path, cancel: threading.Event | None
             ) -> Iterator[tuple[PageInfo, list[Line] | PendingOcr]]:
    """Each page: text-layer lines, or an image waiting for OCR."""
    total = pdf_page_count(path)
    if total > MAX_PAGES:
        raise TooManyPagesError(f"the document has {total} pages; at most {MAX_PAGES} are read")
    if total == 0:
        raise DamagedFileError("the PDF has no pages")
    render_doc = pdfium.PdfDocument(str(path))
    try:
        with pdfplumber.open(str(path)) as pdf:
            for index, page in enumerate(pdf.pages, start=1):
                _check_cancel(cancel)
                width, height = float(page.width), float(page.height)
                chars = [c for c in page.chars if str(c.get("text", "")).strip()]
                if len(chars) >= MIN_TEXT_CHARS and not _mostly_image(page, len(chars)):
                    lines = group_lines(_words_of(page), index, "text_layer")
                    yield PageInfo(page=index, width=width, height=height,
                                   source="text_layer"), lines
                    continue
                bitmap = render_doc[index - 1].render(scale=OCR_DPI / 72.0, grayscale=True)
                pil = bitmap.to_pil()
                gray = np.asarray(pil.convert("L"), dtype=np.uint8).copy()
                image = PageImage(gray, OCR_DPI)
                yield PageInfo(page=index, width=width, height=height, source="ocr"), \
                    PendingOcr(index, image)
    except ExtractionError:
        raise
    except Exception as exc:
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise EncryptedFileError() from None
        raise DamagedFileError(f"the PDF is damaged or truncated ({name})") from None
    finally:
        render_doc.close()


def _open_image(path: Path) -> Image.Image:
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


def read_image_file(path: Path, cancel: threading.Event | None
                    ) -> Iterator[tuple[PageInfo, list[Line] | PendingOcr]]:
    img = _open_image(path)
    with img:
        count = int(getattr(img, "n_frames", 1))
        if count > MAX_PAGES:
            raise TooManyPagesError(
                f"the image has {count} pages; at most {MAX_PAGES} are read")
        try:
            for index, (frame, xdpi, ydpi) in enumerate(iter_image_file(img), start=1):
                _check_cancel(cancel)
                image = to_page_image(frame, xdpi, ydpi)
                yield PageInfo(page=index, width=image.width_pt, height=image.height_pt,
                               source="ocr"), PendingOcr(index, image)
        except Exception as exc:
            raise DamagedFileError(
                f"the image file is damaged or truncated ({type(exc).__name__})") from None


def page_count(path: Path, kind: str) -> int:
    if kind == "pdf":
        return pdf_page_count(path)
    with _open_image(path) as img:
        return int(getattr(img, "n_frames", 1))
