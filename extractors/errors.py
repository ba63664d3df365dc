"""Typed errors of the extractor; each message says what is wrong and what to do.

Messages never contain patient values: they are shown in the window, printed by the CLI
and may end up in logs.
"""

from __future__ import annotations


class ExtractionError(Exception):
    """A document (or page) could not be read."""

    message = "the document could not be read"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)

    def __str__(self) -> str:
        return " ".join(str(self.args[0]).split()) if self.args else self.message


class UnsupportedFileError(ExtractionError):
    message = "not a PDF, TIFF, PNG or JPEG file"


class EmptyFileError(ExtractionError):
    message = "the file is empty (0 bytes)"


class DamagedFileError(ExtractionError):
    message = "the file is damaged or truncated; ask the sender to send it again"


class EncryptedFileError(ExtractionError):
    message = "the PDF is password-protected; open it, print it to a new PDF, and add that instead"


class TooManyPagesError(ExtractionError):
    message = "the document has too many pages"


class OcrUnavailableError(ExtractionError):
    message = "the OCR engine is not available"


class OcrFailedError(ExtractionError):
    message = "the OCR engine failed on this page"


class CancelledError(ExtractionError):
    message = "reading was cancelled"
