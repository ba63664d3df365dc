"""Test helpers: read snippets of plain text through the same stages as a document."""

from __future__ import annotations

from extractors.models import DocumentExtraction
from extractors.pipeline import read_text


def read_snippet(text: str) -> DocumentExtraction:
    """Read plain text (one page; a form feed starts a new page) as a document."""
    return read_text(text)


def values(text: str) -> list[tuple[object, ...]]:
    return [(m.kind, m.value, m.setting, m.oxygen, m.flow_lpm, m.method, m.date, m.minutes)
            for m in read_snippet(text).measurements]
