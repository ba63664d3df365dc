"""Turn a PDF into what a fax machine delivers: 1-bit, 204 x 196 or 204 x 98 dpi, skewed,
speckled, now and then a page upside down; saved as Group 4 TIFF, image-only PDF or PNG."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

HDPI = 204


def rasterise(pdf: bytes, rng: random.Random, vdpi: int, flip: set[int]) -> list[Image.Image]:
    """Fax images of every page; pages whose 1-based number is in ``flip`` are turned 180°."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    threshold = rng.uniform(0.52, 0.62)
    for i in range(len(doc)):
        img = doc[i].render(scale=HDPI / 72, grayscale=True).to_pil().convert("L")
        if img.width > img.height:                   # landscape pages are sent turned
            img = img.rotate(90 if rng.random() < 0.5 else 270, expand=True)
        img = img.resize((img.width, round(img.height * vdpi / HDPI)), Image.Resampling.BILINEAR)
        angle = rng.uniform(-1.5, 1.5)
        img = img.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
        out.append(degrade(img, rng, threshold, i + 1 in flip))
    doc.close()
    return out


def degrade(img: Image.Image, rng: random.Random, threshold: float, flip: bool) -> Image.Image:
    """Noise, threshold, speckle and the odd streak; returns a mode-'1' image."""
    seed = rng.randrange(2**32)
    gen = np.random.default_rng(seed)
    a = np.asarray(img, dtype=np.float32) / 255.0
    a = a + gen.normal(0.0, rng.uniform(0.06, 0.13), a.shape).astype(np.float32)
    bw = a > threshold                              # True = white
    speck = gen.random(a.shape) < rng.uniform(0.0003, 0.0015)
    bw[speck] = False
    drop = gen.random(a.shape) < rng.uniform(0.01, 0.04)
    bw[drop & ~bw] = True                           # thin strokes lose pixels
    if rng.random() < 0.3:                          # a dirty scanner glass streak
        x = rng.randrange(40, a.shape[1] - 40)
        bw[:, x:x + rng.choice((1, 2))] = False
    out = Image.fromarray((bw * 255).astype(np.uint8), "L").convert("1", dither=Image.Dither.NONE)
    return out.rotate(180) if flip else out


def save_tiff(images: list[Image.Image], path: Path, vdpi: int) -> None:
    """Multi-page CCITT Group 4 TIFF with the fax resolution."""
    images[0].save(path, format="TIFF", compression="group4", dpi=(HDPI, vdpi),
                   save_all=True, append_images=images[1:])


def save_png(image: Image.Image, path: Path, vdpi: int) -> None:
    """A one-page fax as PNG (as some e-fax services deliver)."""
    image.save(path, format="PNG", dpi=(HDPI, vdpi), optimize=True)


def save_image_pdf(images: list[Image.Image], path: Path, vdpi: int) -> None:
    """An image-only PDF, one fax image per page, at its true physical size."""
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.setProducer("fax2pdf")
    for img in images:
        w, h = img.width * 72 / HDPI, img.height * 72 / vdpi
        c.setPageSize((w, h))
        png = io.BytesIO()
        img.save(png, format="PNG")
        png.seek(0)
        c.drawImage(ImageReader(png), 0, 0, w, h)
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
