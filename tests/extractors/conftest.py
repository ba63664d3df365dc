"""Fixtures for the extractor tests, and a guard: no log record may carry patient values."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.testing.generator import FIRST, LAST, SyntheticDoc, generate, write_text_pdf

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def no_patient_values_in_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail a test when any log record mentions a synthetic patient's name."""
    caplog.set_level(logging.DEBUG)
    yield
    names = set(FIRST) | set(LAST)
    for record in caplog.records:
        message = record.getMessage()
        leaked = [n for n in names if n in message]
        assert not leaked, f"log record from {record.name} contains patient values"


@pytest.fixture
def text_doc(tmp_path: Path) -> tuple[SyntheticDoc, Path]:
    doc = generate(0)
    return doc, write_text_pdf(doc, tmp_path / "abg.pdf")
