"""Writes the small fax fixtures of the test suite and records their real OCR output.

Run ``.venv/bin/python -m extractors.testing.record_ocr`` after changing the generator or
the page preprocessing; it rewrites ``tests/extractors/fixtures/fax_*.{tif,json}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extractors.pipeline import extract_document
from extractors.read.ocr.rapid import RapidOcrEngine
from extractors.read.ocr.recorded import RecordingEngine
from extractors.testing.generator import generate, write_fax_tiff

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "extractors" / "fixtures"
DOCS = {"fax_two_pages_upside_down": 267}
"""Fixture name -> generator index (doc 267: overnight oximetry, 204×98 dpi, values on
page 2 of 2, page 2 upside down)."""


def main() -> int:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, index in DOCS.items():
        doc = generate(index)
        tif = write_fax_tiff(doc, FIXTURES / f"{name}.tif")
        engine = RecordingEngine(RapidOcrEngine())
        extract_document(tif, ocr_engine=engine)
        engine.save(FIXTURES / f"{name}.ocr.json")
        (FIXTURES / f"{name}.truth.json").write_text(json.dumps(doc.truth, indent=1), "utf-8")
        print(f"{name}: {tif.stat().st_size} bytes, {len(engine.calls)} OCR calls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
