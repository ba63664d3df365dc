"""The fast paths give what the plain definitions give: the gutter search's counted row
splits, the slim characters of the text-layer parse, and the cues and labels remembered per
text."""

from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
import pytest

from extractors.interpret.cues import find_cues, flow_spans
from extractors.interpret.labels import find_labels, stop_spans
from extractors.layout import lines as lines_mod
from extractors.layout.lines import _cells, _misaligned, _RowSpans, _sides_apart, _two_sides, _wordy
from extractors.patterns import load_patterns
from extractors.read.page import Word
from extractors.read.pdf_text import parse_text_layer
from extractors.testing.generator import generate, write_text_pdf

_TEXTS = ["SpO2", "88%", "on", "room", "air", "12", "Pt", "walked", "x", "2L", "BP", "and"]


def _random_row(rng: random.Random) -> list[Word]:
    words = []
    for _ in range(rng.randint(1, 14)):
        x0 = float(rng.randint(0, 600))  # whole points: ties and touching edges are common
        width = float(rng.choice([0, 4, 8, 12, 20, 36]))
        top = 100.0 + rng.choice([0.0, 0.5, 3.0, 6.0])
        words.append(Word(rng.choice(_TEXTS), x0, top, x0 + width, top + 10))
    return words


def _naive_two_sides(row: list[Word], x: float) -> bool:
    left_all = [w for w in row if w.x1 < x - 4]
    right_all = [w for w in row if w.x0 > x + 4]
    left = [w for w in left_all if lines_mod._WORDY.search(w.text)]
    right = [w for w in right_all if lines_mod._WORDY.search(w.text)]
    return len(left) >= 3 and len(right) >= 3 and _wordy(left_all) and _wordy(right_all) \
        and not (_cells(left_all) >= 3 and _cells(right_all) >= 3)


def test_counted_row_splits_match_the_plain_definitions() -> None:
    rng = random.Random(7)
    for _ in range(300):
        row = _random_row(rng)
        span = _RowSpans(row)
        for x in range(0, 640, 2):
            for pad in (4, 6):
                assert span.crossed(x - pad, x + pad) == \
                    any(w.x0 < x + pad and w.x1 > x - pad for w in row)
            assert _two_sides(span, x) == _naive_two_sides(row, x)
            left = [w for w in row if w.x1 <= x - 6]
            right = [w for w in row if w.x0 >= x + 6]
            apart = bool(left and right) and _misaligned(left, right)
            assert _sides_apart(span, x) == (len(left), len(right), apart)


@pytest.mark.parametrize("index", [0, 5, 11])
def test_slim_characters_are_pdfplumbers_characters(index: int, tmp_path: Path) -> None:
    from pdfminer.pdfinterp import PDFResourceManager

    path = write_text_pdf(generate(index), tmp_path / "doc.pdf")
    keys = ("text", "x0", "x1", "top", "bottom", "fontname", "size", "upright")
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            layer = parse_text_layer(page, PDFResourceManager())
            assert [tuple(c[k] for k in keys) for c in layer.chars] == \
                [tuple(c[k] for k in keys) for c in page.chars]


def test_remembered_cues_and_labels_are_those_of_a_fresh_search() -> None:
    p = load_patterns()
    text = "Resting SpO2 93% on RA; with walking SpO2 86% on 2 L NC, pCO2 41, HR 102."
    padded = "xxxx. " + text
    for pos in (8, 30, 45):
        plain = find_cues(p, text, 0, len(text), pos)
        shifted = find_cues(p, padded, 6, len(padded), pos + 6, [(0, 4)])
        assert plain == shifted
        assert find_cues(p, text, 0, len(text), pos) == plain
    spans = stop_spans(p, text)
    spans.append((0, 0))  # a caller's change does not reach the remembered spans
    assert (0, 0) not in stop_spans(p, text)
    hits = find_labels(p, text, fuzzy=False)
    hits.clear()
    assert [h.kind for h in find_labels(p, text, fuzzy=False)] == ["spo2", "spo2"]
    flows = flow_spans(p, text)
    assert flows and flow_spans(p, text) == flows
