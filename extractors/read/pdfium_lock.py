"""One lock for every call into PDFium in this process.

PDFium is not thread-safe, not even for two different documents: two threads inside it at
once corrupt the process (pypdfium2's documentation says so plainly). The window renders
pages in its own thread while a reader thread opens and renders documents for OCR, so every
PDFium call — opening, counting, measuring, rendering, closing — is made holding this lock.
It is re-entrant: a helper that holds it may call another that takes it again.
"""

from __future__ import annotations

import threading

_PDFIUM = threading.RLock()


def pdfium_lock() -> threading.RLock:
    """The process-wide PDFium lock."""
    return _PDFIUM
