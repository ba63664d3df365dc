"""OCR engines behind one small interface (`OcrEngine`)."""

from extractors.read.ocr.engine import GrayImage, OcrEngine, OcrSegment

__all__ = ["GrayImage", "OcrEngine", "OcrSegment", "default_engine"]


def default_engine() -> OcrEngine:
    """The process-wide offline rapidocr engine (models load on first use)."""
    from extractors.pipeline import shared_ocr_engine

    return shared_ocr_engine()
