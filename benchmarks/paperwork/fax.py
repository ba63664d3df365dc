"""Fax renderings: rasterise a PDF and degrade it the way a Group 3 fax does.

204 dpi across and 196 ("fine") or 98 ("standard") lines per inch, 1 bit per pixel, speckle,
a slight skew, now and then a page fed upside down, landscape pages turned to portrait, and the
receiving machine's transmission header across the top. Output: multi-page Group 4 TIFF,
an image-only PDF or a PNG.
"""

from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from .page import DEJAVU_DIR

FAX_WIDTH = 1728  # pixels across a Group 3 page at 204 dpi
X_DPI = 204


@dataclass
class FaxStyle:
    fine: bool = True
    skew: float = 0.0  # degrees; one value per page is drawn around it
    noise: float = 0.0015  # speckle density
    threshold: float = 0.58
    upside_down_page: int | None = None  # 0-based page fed upside down
    header: list[str] | None = None  # one transmission header per page (or None)

    @property
    def y_dpi(self) -> int:
        return 196 if self.fine else 98


def _degrade(
    img: Image.Image,
    style: FaxStyle,
    rng: random.Random,
    nrng: np.random.Generator,
    upside_down: bool,
) -> Image.Image:
    """Greyscale page at 204 x 204 dpi -> 1-bit fax page at 204 x y_dpi."""
    if img.width > img.height:  # landscape report sent in portrait
        img = img.rotate(90 if rng.random() < 0.5 else 270, expand=True, fillcolor=255)
    # fit the width to a fax line
    if img.width != FAX_WIDTH:
        h = round(img.height * FAX_WIDTH / img.width)
        img = img.resize((FAX_WIDTH, h), Image.Resampling.BILINEAR)
    angle = style.skew + rng.uniform(-0.4, 0.4)
    angle = max(-1.5, min(1.5, angle))
    img = img.rotate(
        angle,
        resample=Image.Resampling.BILINEAR,
        fillcolor=255,
        translate=(rng.randint(-12, 12), rng.randint(-10, 10)),
    )
    if upside_down:
        img = img.rotate(180)
    # vertical resolution
    h = round(img.height * style.y_dpi / X_DPI)
    img = img.resize((img.width, h), Image.Resampling.BOX)
    a = np.asarray(img, dtype=np.float32) / 255.0
    a = a + nrng.normal(0.0, 0.06, a.shape).astype(np.float32)
    black = a < style.threshold
    speck = nrng.random(a.shape) < style.noise
    black ^= speck & (nrng.random(a.shape) < 0.85)
    # a scanner streak now and then
    if rng.random() < 0.25:
        col = rng.randint(100, a.shape[1] - 100)
        black[:, col : col + rng.randint(1, 2)] |= nrng.random((a.shape[0], 1)) < 0.6
    out = Image.fromarray(np.where(black, 0, 255).astype(np.uint8), "L").convert(
        "1", dither=Image.Dither.NONE
    )
    return out


def _stamp_header(img: Image.Image, text: str, fine: bool) -> Image.Image:
    """The receiving machine overwrites the top of the page with its header line."""
    band = 34 if fine else 17
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, img.width, band], fill=1)
    font = ImageFont.truetype(f"{DEJAVU_DIR}/DejaVuSansMono.ttf", 22)
    line = Image.new("1", (img.width, 34), 1)
    ImageDraw.Draw(line).text((24, 4), text, font=font, fill=0)
    if not fine:
        line = line.resize((img.width, 17), Image.Resampling.NEAREST)
    img.paste(line, (0, 0))
    return img


def rasterise(pdf: bytes, style: FaxStyle, rng: random.Random) -> list[Image.Image]:
    """Render every page of PDF and degrade it into a fax page image."""
    nrng = np.random.default_rng(rng.randrange(2**32))
    doc = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for i in range(len(doc)):
            bitmap = doc[i].render(scale=X_DPI / 72, grayscale=True)
            img = bitmap.to_pil().convert("L")
            fax = _degrade(img, style, rng, nrng, style.upside_down_page == i)
            if style.header:
                fax = _stamp_header(fax, style.header[i], style.fine)
            pages.append(fax)
    finally:
        doc.close()
    return pages


def write_tiff(pages: list[Image.Image], style: FaxStyle) -> bytes:
    buf = io.BytesIO()
    pages[0].save(
        buf,
        format="TIFF",
        save_all=True,
        append_images=pages[1:],
        compression="group4",
        dpi=(X_DPI, style.y_dpi),
    )
    return buf.getvalue()


def write_image_pdf(pages: list[Image.Image], style: FaxStyle) -> bytes:
    """An image-only PDF; standard-resolution lines are doubled to keep the page shape."""
    imgs = [
        p if style.fine else p.resize((p.width, p.height * 2), Image.Resampling.NEAREST)
        for p in pages
    ]
    buf = io.BytesIO()
    stamp = time.gmtime(1767268800)  # fixed metadata dates (2026-01-01): deterministic files
    imgs[0].save(
        buf,
        format="PDF",
        save_all=True,
        append_images=imgs[1:],
        dpi=(X_DPI, 196),
        creationDate=stamp,
        modDate=stamp,
        producer="fax server",
    )
    return buf.getvalue()


def write_png(pages: list[Image.Image], style: FaxStyle) -> bytes:
    assert len(pages) == 1, "a PNG holds one page"
    buf = io.BytesIO()
    pages[0].save(buf, format="PNG", dpi=(X_DPI, style.y_dpi), optimize=True)
    return buf.getvalue()
