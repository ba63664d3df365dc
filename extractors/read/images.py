"""Page images for OCR: loading image files, square pixels, orientation, deskew, cleanup.

All functions work on 2-D uint8 numpy arrays (0 = ink, 255 = paper) or PIL images and never
touch the user's file on disk.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from extractors.read.budget import MAX_DECODE_BYTES, MAX_RENDER_PIXELS
from extractors.read.ocr.engine import GrayImage

OCR_DPI = 200
"""Resolution the OCR engine reads pages at (pixels per inch, square pixels)."""


@dataclass
class PageImage:
    """An upright-or-not page image at `dpi` with square pixels, and its size in points."""

    image: GrayImage
    dpi: float

    @property
    def width_pt(self) -> float:
        return float(self.image.shape[1]) * 72.0 / self.dpi

    @property
    def height_pt(self) -> float:
        return float(self.image.shape[0]) * 72.0 / self.dpi


def image_dpi(img: Image.Image) -> tuple[float, float]:
    """Horizontal and vertical dpi of an image file, 200×200 when it does not say."""
    dpi = img.info.get("dpi")
    if isinstance(dpi, tuple) and len(dpi) == 2:
        try:
            x, y = float(dpi[0]), float(dpi[1])
        except (TypeError, ValueError):
            x = y = 0.0
        if x >= 30 and y >= 30:
            return x, y
    return 200.0, 200.0


def to_page_image(img: Image.Image, xdpi: float, ydpi: float,
                  dpi: float = OCR_DPI) -> PageImage:
    """Grayscale, square pixels, resampled to ``dpi`` (fax 204×98 → 150×150)."""
    gray = ImageOps.grayscale(img) if img.mode != "L" else img
    width = max(1, round(gray.width * dpi / xdpi))
    height = max(1, round(gray.height * dpi / ydpi))
    if (width, height) != gray.size:
        gray = gray.resize((width, height), Image.Resampling.LANCZOS if width < gray.width
                           else Image.Resampling.BICUBIC)
    return PageImage(np.asarray(gray, dtype=np.uint8).copy(), dpi)


def fit_dpi(width_in: float, height_in: float, dpi: float = OCR_DPI,
            max_pixels: int = MAX_RENDER_PIXELS) -> float:
    """``dpi``, lowered as needed so a page of ``width_in`` × ``height_in`` inches has at most
    ``max_pixels`` pixels."""
    pixels = width_in * dpi * height_in * dpi
    if pixels <= max_pixels:
        return dpi
    return float(dpi * (max_pixels / pixels) ** 0.5)


def decoded_bytes(size: tuple[int, int], mode: str) -> int:
    """Memory Pillow needs to hold an image of ``size`` in ``mode`` decoded, and its gray
    copy for OCR (none when it is gray already)."""
    per_pixel = 1 if mode in ("1", "L", "P") else 2 if mode.startswith("I;16") else 4
    return size[0] * size[1] * (per_pixel + (0 if mode == "L" else 1))


class FrameTooLarge(ValueError):
    """A frame of an image file would not fit the decode budget; the message says so."""


def load_frame(img: Image.Image, index: int) -> tuple[Image.Image, float, float]:
    """Frame ``index`` (0-based) of a (multi-page) TIFF/PNG/JPEG, decoded, with its dpi.

    Raises `FrameTooLarge` *before* decoding when the frame would take more than
    `MAX_DECODE_BYTES`; a JPEG larger than the OCR pixel budget is decoded at a reduced
    scale by the decoder itself. EOFError when the file has no such frame."""
    with warnings.catch_warnings():  # the decode budget below replaces Pillow's warning
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        img.seek(index)
    xdpi, ydpi = image_dpi(img)
    width, height = img.size
    target = fit_dpi(width / xdpi, height / ydpi) / OCR_DPI
    if img.format == "JPEG" and target < 1:
        scale = min(1.0, 2 * target)  # keep some detail for the final resampling
        img.draft("L", (max(1, round(width * scale)), max(1, round(height * scale))))
        xdpi, ydpi = xdpi * img.size[0] / width, ydpi * img.size[1] / height
    if decoded_bytes(img.size, img.mode) > MAX_DECODE_BYTES:
        w, h = img.size
        raise FrameTooLarge(f"the page is {w:,} × {h:,} pixels, too large to decode in "
                            "memory; ask the sender for a smaller scan (200 dpi is enough)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        img.load()
    return img, xdpi, ydpi


def release_pixels(img: Image.Image) -> None:
    """Free a loaded frame's pixels while keeping the file open for its next frames (Pillow
    keeps the last frame decoded until the next one is loaded: up to the decode budget)."""
    # a Pillow that does not allow it frees them when the next frame is loaded
    with contextlib.suppress(AttributeError, TypeError):
        img.im = None  # type: ignore[assignment]


def iter_image_file(img: Image.Image) -> Iterator[tuple[Image.Image, float, float]]:
    """Each frame of a (multi-page) TIFF/PNG/JPEG with its dpi (see `load_frame`)."""
    index = 0
    while True:
        try:
            frame = load_frame(img, index)
        except EOFError:
            return
        yield frame
        index += 1


def _small_ink(image: GrayImage, width: int = 500) -> np.ndarray:
    """A downscaled boolean ink mask, despeckled."""
    pil = Image.fromarray(image)
    scale = width / max(1, pil.width)
    if scale < 1:
        pil = pil.resize((width, max(1, round(pil.height * scale))), Image.Resampling.BOX)
    pil = pil.filter(ImageFilter.MedianFilter(3))
    return np.asarray(pil) < 160


def is_sideways(image: GrayImage) -> bool:
    """True when text lines clearly run vertically (page turned by 90° or 270°).

    Horizontal text leaves many blank pixel rows (gaps between lines) and few blank columns;
    a sideways page the opposite. Unclear pages return False and are settled by OCR.
    """
    mask = _small_ink(image)
    rows = np.flatnonzero(mask.sum(axis=1) > 0)
    cols = np.flatnonzero(mask.sum(axis=0) > 0)
    if rows.size < 10 or cols.size < 10:
        return False
    mask = mask[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    blank_rows = float((mask.sum(axis=1) == 0).mean())
    blank_cols = float((mask.sum(axis=0) == 0).mean())
    return blank_cols > blank_rows + 0.05


def skew_angle(image: GrayImage, limit: float = 4.0, step: float = 0.25) -> float:
    """Angle (degrees, counter-clockwise) that makes text lines horizontal; 0 when unsure."""
    mask = _small_ink(image, width=700)
    if mask.sum() < 200:
        return 0.0
    pil = Image.fromarray((mask * 255).astype(np.uint8))
    best_angle, best_score = 0.0, -1.0
    angle = -limit
    while angle <= limit + 1e-9:
        rotated = np.asarray(pil.rotate(angle, resample=Image.Resampling.NEAREST)) > 0
        rows = rotated.sum(axis=1).astype(np.float64)
        score = float(np.sum(np.diff(rows) ** 2))
        if score > best_score:
            best_angle, best_score = angle, score
        angle += step
    return best_angle if abs(best_angle) >= 0.2 else 0.0


def quarter_turn(image: GrayImage, turns: int) -> GrayImage:
    """Rotate counter-clockwise by ``turns`` × 90°."""
    return np.ascontiguousarray(np.rot90(image, k=turns % 4))


def rotate_small(image: GrayImage, angle: float) -> GrayImage:
    """Rotate counter-clockwise by a small angle about the centre, paper-white corners."""
    if angle == 0:
        return image
    pil = Image.fromarray(image).rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return np.asarray(pil, dtype=np.uint8).copy()


def despeckle(image: GrayImage) -> GrayImage:
    """Remove isolated fax speckles (3×3 median) when the page is noisy."""
    ink = image < 128
    if ink.mean() < 0.002:
        return image
    # isolated dots: ink pixels whose 3x3 neighbourhood has no other ink
    padded = np.pad(ink, 1)
    neighbours = sum(
        padded[1 + dy:padded.shape[0] - 1 + dy, 1 + dx:padded.shape[1] - 1 + dx].astype(np.uint8)
        for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0)
    )
    isolated = ink & (neighbours == 0)
    if isolated.sum() < 0.02 * ink.sum():
        return image
    cleaned = np.asarray(Image.fromarray(image).filter(ImageFilter.MedianFilter(3)))
    return cleaned.astype(np.uint8).copy()


def ink_bounds(image: GrayImage, pad: int = 12) -> tuple[int, int, int, int]:
    """Box (x0, y0, x1, y1) around the ink, to skip blank margins; whole image if none.

    Measured on a 4× reduced copy, where isolated fax speckles average out to light grey
    while text strokes stay dark.
    """
    factor = 4
    small = np.asarray(Image.fromarray(image).reduce(factor))
    ink = small < 200
    h, w = image.shape
    rows = np.flatnonzero(ink.sum(axis=1) > 0)
    cols = np.flatnonzero(ink.sum(axis=0) > 0)
    if rows.size == 0 or cols.size == 0:
        return 0, 0, w, h
    return (max(0, int(cols[0]) * factor - pad), max(0, int(rows[0]) * factor - pad),
            min(w, (int(cols[-1]) + 1) * factor + pad), min(h, (int(rows[-1]) + 1) * factor + pad))


def unrotate_point(x: float, y: float, turns: int, w: int, h: int) -> tuple[float, float]:
    """Map a point of the image turned by ``turns`` × 90° ccw back to the original image.

    ``w`` and ``h`` are the original image's width and height.
    """
    t = turns % 4
    if t == 0:
        return x, y
    if t == 1:   # original (x, y) -> (y, w - x)
        return w - y, x
    if t == 2:
        return w - x, h - y
    return y, h - x  # t == 3: original (x, y) -> (h - y, x)


def unskew_point(x: float, y: float, angle: float, w: int, h: int) -> tuple[float, float]:
    """Map a point of an image rotated ccw by ``angle`` about its centre back to the original."""
    if angle == 0:
        return x, y
    theta = np.deg2rad(angle)
    cx, cy = w / 2.0, h / 2.0
    dx, dy = x - cx, y - cy
    # PIL's ccw rotation maps original -> rotated by (dx, dy) -> (dx cos + dy sin, -dx sin + dy cos)
    ox = dx * np.cos(theta) - dy * np.sin(theta)
    oy = dx * np.sin(theta) + dy * np.cos(theta)
    return float(cx + ox), float(cy + oy)
