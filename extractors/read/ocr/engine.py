"""The OCR engine interface: an image in, text segments with boxes and confidences out.

Engines are chosen by the caller (`extract_document(..., ocr_engine=...)`); tests use a
recorded engine (`extractors.read.ocr.recorded`) or one that fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

GrayImage = npt.NDArray[np.uint8]
"""A 2-D uint8 array, 0 = black ink, 255 = white paper."""


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class OcrWord:
    """One word of a segment; box in image pixels."""

    text: str
    box: Box
    score: float


@dataclass(frozen=True)
class OcrSegment:
    """A run of text found by OCR; box in image pixels (x0, top, x1, bottom). ``words`` holds
    the engine's word boxes when it gives them (empty: split the segment by characters)."""

    text: str
    box: Box
    score: float
    words: tuple[OcrWord, ...] = ()


class OcrEngine(Protocol):
    """What the pipeline needs from an OCR engine."""

    name: str

    def availability(self) -> str | None:
        """None when the engine can run; otherwise a one-line reason for the user."""
        ...

    def read(self, image: GrayImage) -> list[OcrSegment]:
        """Read one upright page image. Raises `OcrFailedError` on failure."""
        ...
