"""The real OCR engine on generated faxes (slow): offline, quiet, right values, fast enough."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any

import pytest

from extractors import extract_document
from extractors.read.ocr.rapid import RapidOcrEngine, bundled_model_dir
from extractors.testing.generator import generate, write_fax_pdf, write_fax_tiff

pytestmark = pytest.mark.slow

KEYS = ("kind", "value", "setting", "oxygen", "flow_lpm", "method", "date", "minutes")


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _truth(index: int) -> list[tuple[Any, ...]]:
    return sorted(tuple(m[k] for k in KEYS) for m in generate(index).truth["measurements"])


def _got(result: Any) -> list[tuple[Any, ...]]:
    return sorted(tuple(m.model_dump()[k] for k in KEYS) for m in result.measurements)


def test_models_come_from_the_wheel() -> None:
    model_dir = bundled_model_dir()
    assert model_dir is not None
    assert RapidOcrEngine().availability() is None


def test_fresh_engine_reads_offline_and_quietly(no_network: None, tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    doc = generate(23)  # exercise oximetry table
    path = write_fax_tiff(doc, tmp_path / "fax.tif")
    result = extract_document(path, ocr_engine=RapidOcrEngine())
    assert result.error is None
    assert _got(result) == _truth(23)
    assert not [r for r in caplog.records if r.levelno <= logging.INFO
                and r.name.lower().startswith("rapidocr")]


@pytest.mark.parametrize("index", [9, 21])
def test_sideways_page_is_turned_and_read(index: int, engine: RapidOcrEngine,
                                          tmp_path: Path) -> None:
    doc = generate(index)
    assert doc.rotate_page is not None and doc.rotate_turns == 1
    result = extract_document(write_fax_pdf(doc, tmp_path / "side.pdf"), ocr_engine=engine)
    assert result.page_info[doc.rotate_page].rotation in (90, 270)
    assert _got(result) == _truth(index)


def test_a_lone_thin_digit_in_a_flow_column_is_read(engine: RapidOcrEngine) -> None:
    # rows of a discharge summary's vitals grid as a standard-resolution fax shows them
    # (cropped from a page of the project's own paperwork corpus): each row's O2 flow is a
    # lone "1" right of a ruled line, which the detector scores low on a whole page
    import numpy as np
    from PIL import Image

    rows = Image.open(Path(__file__).parent / "fixtures" / "flow_rows_std_fax.png").convert("L")
    page = Image.new("L", (1700, 2200), 255)  # a letter page at the OCR resolution
    page.paste(rows, (56, 514))
    texts = [s.text.strip() for s in engine.read(np.asarray(page))]
    assert texts.count("Nasal cannula") == 3
    assert texts.count("1") == 3
