"""`rapidocr` (PP-OCRv6 on onnxruntime) as an `OcrEngine`, fully offline.

The detection and recognition models are the ones shipped inside the rapidocr wheel; their
paths are passed explicitly so rapidocr never tries to download anything (it would only do
so when no model path is given). The direction classifier is off (it cannot fix an
upside-down page; `extractors.orientation` does that). rapidocr's INFO logs are silenced.
"""

from __future__ import annotations

import logging
import threading
from importlib import util as importlib_util
from pathlib import Path
from typing import Any

import numpy as np

from extractors.errors import OcrFailedError, OcrUnavailableError
from extractors.read.ocr.engine import GrayImage, OcrSegment, OcrWord

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
DET_LIMIT_SIDE_LEN = 960
"""Longest side (pixels) the detector sees; the page is read at `extractors.ocr_pages` dpi."""
DET_BOX_THRESH = 0.3
"""Mean text score a detected box needs (rapidocr's default is 0.5). A lone thin digit, as a
"1" in a flow sheet's flow column or a handwritten "4" in a form's blank, scores low on a fax
and is lost at 0.5; the recogniser's own score (``Global.text_score``) still drops noise."""


def bundled_model_dir() -> Path | None:
    spec = importlib_util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "models"


def _silence_logs() -> None:
    """rapidocr logs INFO lines and a WARNING for every blank page: keep only errors."""
    for name in ("RapidOCR", "rapidocr"):
        logging.getLogger(name).setLevel(logging.ERROR)


class RapidOcrEngine:
    """Reads page images with rapidocr; loads its models once, on first use."""

    name = "rapidocr"

    def __init__(self, threads: int = 2, det_limit_side_len: int = DET_LIMIT_SIDE_LEN) -> None:
        self._threads = threads
        self._det_limit = det_limit_side_len
        self._engine: Any = None
        self._lock = threading.Lock()

    def availability(self) -> str | None:
        model_dir = bundled_model_dir()
        if model_dir is None:
            return "OCR is not installed (the rapidocr package is missing); reinstall the app"
        for model in (DET_MODEL, REC_MODEL):
            if not (model_dir / model).is_file():
                return f"OCR model {model} is missing from the rapidocr package; reinstall the app"
        if importlib_util.find_spec("onnxruntime") is None:
            return "OCR needs onnxruntime, which is not installed; reinstall the app"
        return None

    def _load(self) -> Any:
        if self._engine is not None:
            return self._engine
        reason = self.availability()
        if reason is not None:
            raise OcrUnavailableError(reason)
        model_dir = bundled_model_dir()
        assert model_dir is not None  # checked by availability()
        _silence_logs()
        try:
            from rapidocr import RapidOCR

            self._engine = RapidOCR(params={
                "Global.use_cls": False,
                "Global.log_level": "error",
                "Global.text_score": 0.3,
                "Det.model_path": str(model_dir / DET_MODEL),
                "Rec.model_path": str(model_dir / REC_MODEL),
                "Det.limit_side_len": self._det_limit,
                "Det.limit_type": "max",
                "Det.box_thresh": DET_BOX_THRESH,
                # one line per batch: no padding to the widest line (faster on 2 cores)
                "Rec.rec_batch_num": 1,
                "EngineConfig.onnxruntime.intra_op_num_threads": self._threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            })
        except Exception as exc:  # rapidocr raises many types; say what failed
            raise OcrUnavailableError(
                f"the OCR engine could not start ({type(exc).__name__}); reinstall the app"
            ) from exc
        _silence_logs()
        return self._engine

    def read(self, image: GrayImage) -> list[OcrSegment]:
        with self._lock:
            engine = self._load()
            rgb = np.ascontiguousarray(np.stack([image] * 3, axis=-1))
            try:
                result = engine(rgb, use_cls=False, return_word_box=True)
            except Exception as exc:
                raise OcrFailedError(f"OCR failed on this page ({type(exc).__name__})") from exc
        boxes = getattr(result, "boxes", None)
        if boxes is None:
            return []
        word_lines = getattr(result, "word_results", None) or ()
        segments: list[OcrSegment] = []
        for i, (quad, text, score) in enumerate(
                zip(boxes, result.txts, result.scores, strict=True)):
            words = _words(word_lines[i]) if i < len(word_lines) else ()
            segments.append(OcrSegment(str(text), _bounds(quad), float(score), words))
        return segments


def _bounds(quad: Any) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return (min(xs), min(ys), max(xs), max(ys))


def _words(items: Any) -> tuple[OcrWord, ...]:
    """rapidocr's (text, score, quad) word tuples as `OcrWord`s; () when malformed."""
    try:
        return tuple(OcrWord(str(text), _bounds(quad), float(score))
                     for text, score, quad in items if quad is not None and str(text).strip())
    except (TypeError, ValueError):
        return ()
