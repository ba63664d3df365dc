"""The progress callback interface (no UI here): the window and the CLI implement it."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Receives one call per page read. Must be cheap and must not raise.

    ``page`` counts the pages read so far (1 … ``total``): the page number itself unless only
    some pages were chosen, when ``total`` is the number chosen. ``stage`` is ``"text"`` (text
    layer read) or ``"ocr"`` (page OCR'd). Called from the thread that runs
    `extract_document`.
    """

    def page_done(self, page: int, total: int, stage: str) -> None: ...


class NullProgress:
    """Progress that ignores every call."""

    def page_done(self, page: int, total: int, stage: str) -> None:
        return None
