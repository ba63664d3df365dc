"""Crafted hostile files, small on disk, that would take a naive reader minutes or gigabytes.

Each writer returns the path it wrote. The tests check that every one of them is read within
the read stage's budgets (scaled down with a warning, or refused with a one-line message) and
`benchmarks/bounds.py` measures the time and peak memory of reading them. No patient data.

PDFs: a 200 × 200 inch page, a 20000 × 20000 pixel image, thousands of tiny images, one
image drawn 250,000 times, forms nested deeply or fanning out (each form drawing the next
twice), a content stream that inflates to gigabytes, long text charts. Images: a TIFF whose
declared size is a decompression bomb, one too large to decode in the memory budget, one
large enough to be read only scaled down, a many-page TIFF.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from extractors.testing.pdf_writer import PAGE_H, PAGE_W, TextItem, _assemble, text_pdf

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _stream(dictionary: str, data: bytes) -> bytes:
    return (f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode() + data
            + b"\nendstream")


def _one_page(page_dict: str, extra: list[bytes]) -> bytes:
    """A one-page PDF: objects 1 catalog, 2 pages, 3 page (``page_dict`` inside), then
    ``extra`` from object 4 on."""
    return _assemble([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      f"<< /Type /Page /Parent 2 0 R {page_dict} >>".encode(), *extra])


def _flate_repeat(chunk: bytes, times: int, layers: int = 1) -> bytes:
    """``chunk * times`` deflated ``layers`` times, without holding the whole in memory."""
    comp = zlib.compressobj(9)
    parts = [comp.compress(chunk) for _ in range(times)]
    data = b"".join(parts) + comp.flush()
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return data


def huge_page_box(path: Path, inches: float = 200.0) -> Path:
    """One page ``inches`` × ``inches`` (200 in = 14400 pt, the largest the PDF format allows)
    with no text layer, so it goes to OCR."""
    side = inches * 72.0
    content = f"0 g 720 {side - 1440:.0f} 2880 144 re f".encode()
    path.write_bytes(_one_page(f"/MediaBox [0 0 {side:.0f} {side:.0f}] /Contents 4 0 R",
                               [_stream("", content)]))
    return path


def huge_image(path: Path, side: int = 20000) -> Path:
    """A Letter page showing one ``side`` × ``side`` gray image (400 M pixels at 20000), all
    white but for a black band; deflated twice so the file stays a few kilobytes."""
    comp = zlib.compressobj(1)
    white, black = b"\xff" * side, b"\x00" * side
    band = range(side // 3, side // 3 + max(1, side // 50))
    parts: list[bytes] = []
    y = 0
    while y < side:
        rows = min(64, side - y)
        if y + rows <= band.start or y >= band.stop:
            parts.append(comp.compress(white * rows))
        else:
            parts.append(comp.compress(b"".join(black if r in band else white
                                                for r in range(y, y + rows))))
        y += rows
    data = zlib.compress(b"".join(parts) + comp.flush(), 9)
    content = f"q {PAGE_W:.0f} 0 0 {PAGE_H:.0f} 0 0 cm /Im0 Do Q".encode()
    image = _stream(f"/Type /XObject /Subtype /Image /Width {side} /Height {side} "
                    "/ColorSpace /DeviceGray /BitsPerComponent 8 "
                    "/Filter [/FlateDecode /FlateDecode]", data)
    path.write_bytes(_one_page(
        f"/MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] /Resources << /XObject << /Im0 5 0 R >> >> "
        "/Contents 4 0 R", [_stream("", content), image]))
    return path


def many_tiny_images(path: Path, count: int = 5000) -> Path:
    """A Letter page tiled with ``count`` distinct 4 × 4 images and one line of text."""
    cols = 70
    size = PAGE_W / cols
    draws = io.BytesIO()
    draws.write(b"BT /F1 10 Tf 54 770 Td (Scanned page made of tiles) Tj ET\n")
    for i in range(count):
        x, y = (i % cols) * size, PAGE_H - 40 - (i // cols + 1) * size
        draws.write(f"q {size:.2f} 0 0 {size:.2f} {x:.2f} {y:.2f} cm /I{i} Do Q\n".encode())
    content = zlib.compress(draws.getvalue(), 9)
    first = 6
    names = " ".join(f"/I{i} {first + i} 0 R" for i in range(count))
    images = [_stream("/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace "
                      "/DeviceGray /BitsPerComponent 8",
                      bytes((i * 7 + k) % 256 for k in range(16))) for i in range(count)]
    path.write_bytes(_one_page(
        f"/MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] /Resources << /Font << /F1 5 0 R >> "
        f"/XObject << {names} >> >> /Contents 4 0 R",
        [_stream("/Filter /FlateDecode", content), _FONT, *images]))
    return path


def many_draws(path: Path, count: int = 250_000) -> Path:
    """A Letter page drawing one 2 × 2 image ``count`` times (a mosaic no scanner makes)."""
    draws = io.BytesIO()
    draws.write(b"BT /F1 10 Tf 54 770 Td (Mosaic test page with many draws) Tj ET\n")
    for i in range(count):
        draws.write(f"q 1 0 0 1 {i % 600} {i // 600 % 780} cm /I0 Do Q\n".encode())
    content = zlib.compress(draws.getvalue(), 9)
    path.write_bytes(_one_page(
        f"/MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] /Resources << /Font << /F1 5 0 R >> "
        "/XObject << /I0 6 0 R >> >> /Contents 4 0 R",
        [_stream("/Filter /FlateDecode", content), _FONT,
         _stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                 "/BitsPerComponent 8", b"\x00\x40\x80\xc0")]))
    return path


def _forms(count: int, body: str, first: int = 6) -> list[bytes]:
    """Form XObjects F0…F{count-1} as objects ``first``…; ``body`` is each form's content
    with ``{next}`` for the next form's name (the last one draws text instead)."""
    objs = []
    for i in range(count):
        last = i == count - 1
        content = ("BT /F1 10 Tf 100 100 Td (x) Tj ET" if last
                   else body.format(next=f"F{i + 1}")).encode()
        res = "/Font << /F1 5 0 R >>" if last else f"/XObject << /F{i + 1} {first + 1 + i} 0 R >>"
        objs.append(_stream(f"/Type /XObject /Subtype /Form /BBox [0 0 {PAGE_W:.0f} "
                            f"{PAGE_H:.0f}] /Resources << {res} >>", content))
    return objs


def nested_forms(path: Path, depth: int = 5000) -> Path:
    """Forms nested ``depth`` deep, each drawing the next once (a chain)."""
    content = b"BT /F1 10 Tf 54 740 Td (Nested drawing test page) Tj ET /F0 Do"
    path.write_bytes(_one_page(
        f"/MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] /Resources << /Font << /F1 5 0 R >> "
        "/XObject << /F0 6 0 R >> >> /Contents 4 0 R",
        [_stream("", content), _FONT, *_forms(depth, "/{next} Do")]))
    return path


def fanout_forms(path: Path, depth: int = 26) -> Path:
    """Forms ``depth`` deep, each drawing the next twice: 2**depth draws of one letter
    (67 million at 26) from a file of a few kilobytes."""
    content = b"BT /F1 10 Tf 54 740 Td (Fan-out drawing test page) Tj ET /F0 Do"
    path.write_bytes(_one_page(
        f"/MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] /Resources << /Font << /F1 5 0 R >> "
        "/XObject << /F0 6 0 R >> >> /Contents 4 0 R",
        [_stream("", content), _FONT,
         *_forms(depth, "/{next} Do q 1 0 0 1 0.5 0.5 cm /{next} Do Q")]))
    return path


def inline_image_bomb(path: Path, side: int = 60_000) -> Path:
    """A page whose content holds an inline RGB image declaring ``side`` × ``side`` pixels
    (14 GB decoded at 60000) with a few bytes of data."""
    data = zlib.compress(b"\x00" * 3000)
    content = (b"BT /F1 10 Tf 54 740 Td (Inline image test page) Tj ET\nq 500 0 0 500 50 50 cm\n"
               + f"BI /W {side} /H {side} /CS /RGB /BPC 8 /F /Fl /L {len(data)} ID ".encode()
               + data + b"\nEI Q")
    path.write_bytes(_one_page(
        f"/MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R", [_stream("", content), _FONT]))
    return path


def annotation_bomb(path: Path, depth: int = 26) -> Path:
    """A text page with a form-field annotation whose appearance fans out like
    `fanout_forms` (2**depth draws): only a renderer drawing annotations is hurt."""
    content = b"BT /F1 10 Tf 54 740 Td (Annotation appearance test page) Tj ET"
    forms = _forms(depth, "/{next} Do q 1 0 0 1 0.5 0.5 cm /{next} Do Q", first=7)
    annot = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f) /Rect [50 50 300 80] "
             b"/AP << /N 7 0 R >> >>")
    path.write_bytes(_one_page(
        f"/MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] /Resources << /Font << /F1 5 0 R >> >> "
        "/Annots [6 0 R] /Contents 4 0 R",
        [_stream("", content), _FONT, annot, *forms]))
    return path


def content_bomb(path: Path, megabytes: int = 2048) -> Path:
    """A page whose content stream inflates to ``megabytes`` MB (a text line repeated)."""
    line = b"BT /F1 10 Tf 54 700 Td (Inflated content test line) Tj ET\n"
    data = _flate_repeat(line * 1024, megabytes * 1024 * 1024 // (len(line) * 1024), layers=2)
    path.write_bytes(_one_page(
        f"/MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R", [_stream("/Filter [/FlateDecode /FlateDecode]", data), _FONT]))
    return path


def chart_pages(count: int) -> Iterator[list[TextItem]]:
    """``count`` pages of a synthetic chart: dense progress-note text, a value now and then."""
    lines = [
        "Progress note - pulmonary clinic. Date of service: 03/14/2026.",
        "Subjective: dyspnea on exertion, stable cough, no fever, sleeps on two pillows.",
        "Medications: albuterol 90 mcg 2 puffs q4h prn; tiotropium 18 mcg daily.",
        "Past medical history: COPD, hypertension, type 2 diabetes, obstructive sleep apnea.",
        "Exam: alert, oriented, mild accessory muscle use, diminished breath sounds.",
        "Labs: Na 138, K 4.1, Cr 1.1, BNP 240, WBC 8.2, hemoglobin 13.9.",
        "Plan: continue inhalers, pulmonary rehabilitation referral, follow up in 4 weeks.",
    ]
    for p in range(count):
        items = [TextItem(54, 54, f"Synthetic chart page {p + 1} of {count}", 12, True)]
        top = 80.0
        row = 0
        while top < PAGE_H - 60:
            text = lines[(p + row) % len(lines)]
            if row == 10 and p % 50 == 7:
                text = "SpO2 86% on room air at rest, measured by oximetry."
            items.append(TextItem(54, top, text, 10))
            top += 15.5
            row += 1
        yield items


def text_chart(path: Path, pages: int) -> Path:
    """A text-layer chart of ``pages`` pages (about 45 lines each)."""
    path.write_bytes(text_pdf(list(chart_pages(pages))))
    return path


def _tiff_ifd_image(width: int, height: int, strip: bytes, compression: int,
                    rgb: bool = False) -> bytes:
    """A one-page TIFF (1-bit, or 8-bit RGB) of the declared size with the one strip given:
    only the header is true, so it opens at once and cannot be decoded."""
    entries = [(256, 4, 1, width), (257, 4, 1, height),
               (258, 3, 3, -1) if rgb else (258, 3, 1, 1),
               (259, 3, 1, compression), (262, 3, 1, 2 if rgb else 0), (273, 4, 1, -2),
               (277, 3, 1, 3 if rgb else 1), (278, 4, 1, height), (279, 4, 1, len(strip))]
    ifd_offset = 8
    extra_offset = ifd_offset + 2 + 12 * len(entries) + 4
    data_offset = extra_offset + (6 if rgb else 0)
    out = io.BytesIO()
    out.write(b"II*\x00" + struct.pack("<I", ifd_offset))
    out.write(struct.pack("<H", len(entries)))
    for tag, kind, count, value in entries:
        value = {-1: extra_offset, -2: data_offset}.get(value, value)
        fmt = "<HHIH2x" if kind == 3 and count == 1 else "<HHII"
        out.write(struct.pack(fmt, tag, kind, count, value))
    out.write(struct.pack("<I", 0))
    if rgb:
        out.write(struct.pack("<3H", 8, 8, 8))
    out.write(strip)
    return out.getvalue()


def tiff_bomb(path: Path, side: int = 100_000) -> Path:
    """A 1-bit TIFF declaring ``side`` × ``side`` pixels (10 G pixels at 100000) with one tiny
    PackBits strip: a decompression bomb (Pillow refuses above 178 M pixels)."""
    path.write_bytes(_tiff_ifd_image(side, side, b"\x81\x00" * 8, 32773))
    return path


def tiff_over_budget(path: Path, side: int = 9_500) -> Path:
    """An RGB TIFF declaring ``side`` × ``side`` pixels (90 M at 9500: under Pillow's bomb
    limit, but 360 MB decoded, over the read stage's decode budget)."""
    path.write_bytes(_tiff_ifd_image(side, side, b"\x00" * 16, 1, rgb=True))
    return path


def tiff_large(path: Path, side: int = 12_000) -> Path:
    """A 1-bit Group 4 TIFF of ``side`` × ``side`` pixels (144 M pixels at 12000: under
    Pillow's bomb limit, over the read stage's decode budget), white with one black bar."""
    img = Image.new("1", (side, side), 1)
    img.paste(0, (side // 10, side // 10, side // 2, side // 10 + 60))
    img.save(path, format="TIFF", compression="group4", dpi=(200, 200))
    return path


def tiff_pages(path: Path, pages: int, size: tuple[int, int] = (1728, 2200)) -> Path:
    """A fax TIFF of ``pages`` blank-but-for-a-mark Group 4 pages (204 × 196 dpi)."""
    def frames() -> Iterator[Image.Image]:
        for i in range(pages):
            img = Image.new("1", size, 1)
            img.paste(0, (100 + i % 50, 100, 110 + i % 50, 110))
            yield img

    it = frames()
    first = next(it)
    first.save(path, format="TIFF", compression="group4", dpi=(204, 196), save_all=True,
               append_images=it)
    return path


CRAFTED = {
    "huge_page_box.pdf": huge_page_box,
    "huge_image.pdf": huge_image,
    "many_tiny_images.pdf": many_tiny_images,
    "nested_forms.pdf": nested_forms,
    "fanout_forms.pdf": fanout_forms,
    "content_bomb.pdf": content_bomb,
    "many_draws.pdf": many_draws,
    "inline_image_bomb.pdf": inline_image_bomb,
    "annotation_bomb.pdf": annotation_bomb,
    "tiff_bomb.tif": tiff_bomb,
    "tiff_over_budget.tif": tiff_over_budget,
    "tiff_large.tif": tiff_large,
}
"""File name → writer, for the benchmark (each with its default, hostile size)."""
