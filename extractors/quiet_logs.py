"""Keeps document text out of logs: our own messages carry ids and counts only.

Some libraries the extractor uses log the document's text at DEBUG level (pdfminer logs every
text operator it parses). `quiet_document_loggers` caps them at WARNING so that turning on
debug logging can never copy a patient's name or values into a log. It runs when
`extractors` is imported, so the window and `oxygen-intake extract` are both covered.
"""

from __future__ import annotations

import logging

DOCUMENT_TEXT_LOGGERS = ("pdfminer", "pdfplumber", "PIL", "pypdfium2", "rapidocr",
                         "RapidOCR", "onnxruntime")


def quiet_document_loggers() -> None:
    """Cap the loggers of document-reading libraries at WARNING."""
    for name in DOCUMENT_TEXT_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
