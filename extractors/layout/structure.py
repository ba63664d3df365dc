"""Headings, paragraphs and blocks of a page.

A heading is a short stand-alone line (upper case, bold, or ending with a colon); a paragraph
is consecutive prose lines of one column (a "Label ...... value" line of a device printout,
and a list of short "Label value" lines, stand alone); a block is a run of lines that belong
together — it ends at a heading, at a line that starts a new specimen or study part (a
collection date, a "repeat" or "titration" line, a date-and-time stamp over flow-sheet
readings), or at a wide vertical gap.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from extractors.layout.fields import LEADER as _LEADER
from extractors.layout.lines import Line
from extractors.layout.model import Block, LineRole, Paragraph
from extractors.layout.text_run import TextRun

_BLOCK_START = re.compile(
    r"\b(?:collected|collection|specimen\s*(?:#|no\.?)?\s*\d|sample\s+taken|"
    r"repeat(?:ed)?\s+(?:specimen|sample|draw|abg|gas|walk|test)|titration|split[- ]night|"
    r"diagnostic\s+(?:portion|part|phase)|draw\s*#?\s*\d)\b", re.IGNORECASE)
_DRAW_COLUMNS = re.compile(r"\bdraw\s*#?\s*\d\b.*\bdraw\s*#?\s*\d\b", re.IGNORECASE)
"""A row naming two draws ("Test | Draw 1 | Draw 2") heads their columns: no new specimen."""
STAMP_LINE = re.compile(r"^\s*(?:\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|\d{4}-\d{2}-\d{2})"
                        r"(?:\s+\d{1,2}:?\d{2}(?:\s*[ap]m)?)?\s*$", re.IGNORECASE)
"""A line holding only a date and time: the time of the readings under it (a flow sheet)."""
_WIDE_GAP = 2.2
"""A vertical gap of this many line heights ends a block."""


def is_heading(line: Line) -> bool:
    """A short stand-alone line: upper case, bold, or ending with a colon; not a sentence."""
    if len(line.segments) != 1:
        return False
    text = line.text.strip()
    words = text.split()
    if not words or len(words) > 9 or text.endswith((".", ",", ";")):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters) > 0.8
    bold = all("bold" in w.font.lower() for w in line.words) and line.words[0].font != "ocr"
    # (the end of a wrapped sentence's line is no heading: "SpO2 nadir 87%. Setting increased
    # to 3:")
    labelled = text.endswith(":") and not _SENTENCE_INSIDE.search(text)
    return labelled or upper or bold or (len(words) <= 5 and text[0].isupper()
                                         and not re.search(r"\d", text))


_SENTENCE_INSIDE = re.compile(r"[.;]\s+[A-Z]|\d\s*%")


_LABEL_START = re.compile(r"^\s*(?:[A-Z][A-Z/&\- ]{0,30}|[A-Z][a-z]+(?: [a-z/&]+){0,2})\s*:")
"""A line opening with a section label ("VITALS:", "Hospital course:") starts a paragraph."""


_VALUE_ROW = re.compile(r"^\s*[A-Za-z][^\d]{0,30}?(?:[<>≤≥]=?\s*\d{2,3}\s*%[^\d]{0,12}?)?"
                        r"\s\d{1,3}(?:\.\d+)?\s*(?:%|min|mm\s?hg|bpm|/h|l/min|lpm)?\s*$",
                        re.IGNORECASE)
"""A short line of a label and its value ("Baseline 95 %", "Lowest 85 %", "Time <= 88 %
4.0 min"): one row of a list, not a wrapped sentence, when the line before is such a row
too."""


def paragraphs(lines: Sequence[Line], roles: Sequence[LineRole]) -> list[Paragraph]:
    """Consecutive prose lines of one column, close together and left-aligned, joined; a
    line that opens with a section label starts a new one."""
    out: list[Paragraph] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            out.append(Paragraph([ln.index for ln in current],
                                 TextRun.join([ln.run for ln in current])))
            current.clear()

    for line, role in zip(lines, roles, strict=True):
        if role != "prose":
            flush()
            continue
        if current:
            prev = current[-1]
            pitch = (line.top + line.bottom) / 2 - (prev.top + prev.bottom) / 2
            if line.page != prev.page or line.column != prev.column or \
                    pitch > 2.0 * max(prev.height, line.height) or pitch <= 0 or \
                    abs(line.bbox[0] - current[0].bbox[0]) > 40 or \
                    _LABEL_START.match(line.text) or _LEADER.search(line.text) or \
                    _LEADER.search(prev.text) or (_VALUE_ROW.match(prev.text) and
                                                  _VALUE_ROW.match(line.text)):
                flush()
        current.append(line)
    flush()
    return out


def blocks(lines: Sequence[Line], roles: Sequence[LineRole]) -> list[Block]:
    """Runs of lines between headings, new-specimen lines and wide gaps."""
    if not lines:
        return []
    heights = [ln.height for ln in lines]
    unit = statistics.median(heights) if heights else 10.0
    out: list[Block] = []
    current: list[int] = []
    for k, (line, role) in enumerate(zip(lines, roles, strict=True)):
        starts = role == "heading" or (bool(_BLOCK_START.search(line.text)) and
                                       not _DRAW_COLUMNS.search(line.text)) or \
            bool(STAMP_LINE.match(line.text))
        if k and not starts:
            prev = lines[k - 1]
            starts = line.page != prev.page or line.column != prev.column or \
                line.top - prev.bottom > _WIDE_GAP * unit
        if starts and current:
            out.append(Block(current))
            current = []
        current.append(line.index)
    if current:
        out.append(Block(current))
    return out
