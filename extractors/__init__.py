"""Reads home-oxygen paperwork (text PDFs, image PDFs, faxed TIFFs) into the values the
coverage rules need, each with its evidence (page, box in PDF points, source text).

Public API: `extract_document`, the `Progress` protocol, the models in `extractors.models`,
and `extractors.facts_mapping.to_rule_facts`. No UI toolkit is imported here.
"""

from extractors.models import (
    DocumentExtraction,
    DocumentFacts,
    Evidence,
    Measurement,
    PageInfo,
)
from extractors.pipeline import extract_document, read_text
from extractors.progress import NullProgress, Progress
from extractors.quiet_logs import quiet_document_loggers
from extractors.read.ocr.engine import OcrEngine, OcrSegment

quiet_document_loggers()

__all__ = [
    "DocumentExtraction",
    "DocumentFacts",
    "Evidence",
    "Measurement",
    "NullProgress",
    "OcrEngine",
    "OcrSegment",
    "PageInfo",
    "Progress",
    "extract_document",
    "read_text",
]
