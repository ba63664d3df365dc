"""A dependency-free writer of simple text PDFs (Helvetica, Letter pages) and image PDFs."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

from PIL import Image

PAGE_W, PAGE_H = 612.0, 792.0


@dataclass(frozen=True)
class TextItem:
    """Text placed at (x, top) in points, top-left origin, like pdfplumber."""

    x: float
    top: float
    text: str
    size: float = 10.0
    bold: bool = False
    field: bool = False
    """Put the text in a fill-in form field (a widget annotation) instead of the page text."""


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _assemble(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()


def _widget(it: TextItem, page_ref: int, name: str) -> bytes:
    y = PAGE_H - it.top
    value = _escape(it.text)
    return (f"<< /Type /Annot /Subtype /Widget /FT /Tx /T ({name}) /P {page_ref} 0 R "
            f"/Rect [{it.x:.2f} {y - it.size * 1.3:.2f} {it.x + 6 * len(it.text) + 10:.2f} "
            f"{y:.2f}] /V (").encode() + value + b") /F 4 >>"


def text_pdf(pages: list[list[TextItem]]) -> bytes:
    """A PDF whose pages carry the given text with a real text layer (and form fields)."""
    n = len(pages)
    # objects: 1 catalog, 2 pages, 3 font, 4 bold font, then (page, content) pairs
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    widgets: list[tuple[int, TextItem]] = []
    for i, items in enumerate(pages):
        stream = io.BytesIO()
        for it in items:
            if it.field:
                widgets.append((i, it))
                continue
            font = "/F2" if it.bold else "/F1"
            y = PAGE_H - it.top - it.size * 0.8
            stream.write(f"BT {font} {it.size:.1f} Tf {it.x:.2f} {y:.2f} Td (".encode())
            stream.write(_escape(it.text))
            stream.write(b") Tj ET\n")
        data = zlib.compress(stream.getvalue())
        annots = [5 + 2 * n + k for k, (page, _) in enumerate(widgets) if page == i]
        annot_refs = " ".join(f"{a} 0 R" for a in annots)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {6 + 2 * i} 0 R "
            f"/Annots [{annot_refs}] >>".encode())
        objects.append(f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
                       + data + b"\nendstream")
    for k, (page, it) in enumerate(widgets):
        objects.append(_widget(it, 5 + 2 * page, f"field{k}"))
    if widgets:
        refs = " ".join(f"{5 + 2 * n + k} 0 R" for k in range(len(widgets)))
        objects[0] = f"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{refs}] >> >>".encode()
    return _assemble(objects)


def image_pdf(images: list[Image.Image], dpi: float, stamp: str | None = None) -> bytes:
    """A PDF with one gray image per page and no text layer (like a fax gateway); ``stamp``
    adds one line of real text at the top of each page, as some fax servers do."""
    n = len(images)
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(n))
    font = 3 + 3 * n
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    for i, img in enumerate(images):
        gray = img.convert("L")
        w_pt, h_pt = gray.width * 72.0 / dpi, gray.height * 72.0 / dpi
        data = zlib.compress(gray.tobytes())
        content = f"q {w_pt:.2f} 0 0 {h_pt:.2f} 0 0 cm /Im0 Do Q".encode()
        if stamp:
            content += (f"\nBT /F1 8 Tf 20 {h_pt - 14:.2f} Td (".encode() + _escape(stamp)
                        + b") Tj ET")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt:.2f} {h_pt:.2f}] "
            f"/Resources << /XObject << /Im0 {5 + 3 * i} 0 R >> /Font << /F1 {font} 0 R >> >> "
            f"/Contents {4 + 3 * i} 0 R >>".encode())
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content
                       + b"\nendstream")
        objects.append(
            f"<< /Type /XObject /Subtype /Image /Width {gray.width} /Height {gray.height} "
            f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
            f"/Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    return _assemble(objects)
