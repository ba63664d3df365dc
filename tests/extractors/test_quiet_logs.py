"""Reading a document with debug logging on never copies its text into a log record."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import extractors

SAMPLE = Path(__file__).parents[2] / "desktop_app" / "samples" / "sample_referral.pdf"


def test_document_text_stays_out_of_debug_logs(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        result = extractors.extract_document(SAMPLE)
    assert result.facts.patient_name == "Harriet Quill"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Harriet" not in logged
    assert "Quill" not in logged
    assert logging.getLogger("pdfminer").getEffectiveLevel() >= logging.WARNING
