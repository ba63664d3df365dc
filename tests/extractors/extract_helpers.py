"""Test helpers: build lines from plain text and read snippets without any PDF."""

from __future__ import annotations

import re

from extractors.layout import Line, Word
from extractors.models import DocumentExtraction
from extractors.pipeline import analyse_lines

CHAR_W = 5.0


def lines_from_text(text: str, page: int = 1) -> list[Line]:
    """One `Line` per text line; words placed at 5 pt per character, 14 pt per line."""
    lines = []
    for row, raw in enumerate(text.strip("\n").splitlines()):
        if not raw.strip():
            continue
        words = [Word(m.group(0), 50 + m.start() * CHAR_W, 60 + row * 14.0,
                      50 + m.end() * CHAR_W, 70 + row * 14.0)
                 for m in re.finditer(r"\S+", raw)]
        lines.append(Line(page=page, words=words))
    return lines


def read_snippet(text: str) -> DocumentExtraction:
    result = DocumentExtraction(source="snippet", pages=1)
    analyse_lines(lines_from_text(text), result)
    return result


def values(text: str) -> list[tuple[object, ...]]:
    return [(m.kind, m.value, m.setting, m.oxygen, m.flow_lpm, m.method, m.date, m.minutes)
            for m in read_snippet(text).measurements]
