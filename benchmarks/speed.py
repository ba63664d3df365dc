"""Seconds per page for text-layer pages and OCR (fax) pages, and peak memory.

Run: ``.venv/bin/python -m benchmarks.speed [--count N]``. The OCR engine is loaded (and
timed) once before the measurement, as the app keeps it loaded between documents.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.corpus import DEFAULT_DIR, build
from extractors import extract_document
from extractors.pipeline import shared_ocr_engine
from extractors.testing.generator import FILLER, SyntheticDoc, write_fax_tiff
from extractors.testing.pdf_writer import TextItem


def dense_page(fine: bool, upside_down: bool) -> SyntheticDoc:
    """A fax page filled with 9 pt text (about 53 lines), the slow case for OCR."""
    items, top = [], 40.0
    for k in range(52):
        items.append(TextItem(40, top, FILLER[k % len(FILLER)], 9.0))
        top += 13.5
    items.append(TextItem(40, top, "Vitals: SpO2 87% on room air at rest.", 9.0))
    return SyntheticDoc(f"dense_{'fine' if fine else 'std'}{'_180' if upside_down else ''}",
                        "progress", [items], {"measurements": [], "facts": {}},
                        fine_fax=fine, skew=0.7, rotate_page=0 if upside_down else None)


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=21)
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args(argv)
    files = build(args.out, args.count, ("text_pdf", "fax_tiff", "fax_pdf"))
    started = time.perf_counter()
    engine = shared_ocr_engine()
    extract_document(next(f.path for f in files if f.fmt == "fax_tiff"), ocr_engine=engine)
    warmup = time.perf_counter() - started
    report: dict[str, object] = {"ocr_engine_first_document_seconds": round(warmup, 2)}
    for fmt in ("text_pdf", "fax_tiff", "fax_pdf"):
        per_page: list[float] = []
        pages = 0
        total = 0.0
        for f in files:
            if f.fmt != fmt:
                continue
            t0 = time.perf_counter()
            result = extract_document(f.path)
            elapsed = time.perf_counter() - t0
            pages += result.pages
            total += elapsed
            per_page.append(elapsed / max(1, result.pages))
        report[fmt] = {
            "documents": len(per_page), "pages": pages,
            "seconds_per_page_mean": round(total / max(1, pages), 3),
            "seconds_per_page_p95": round(float(np.percentile(per_page, 95)), 3),
            "seconds_per_page_max": round(max(per_page), 3),
        }
    dense: dict[str, float] = {}
    for fine in (True, False):
        for upside_down in (False, True):
            doc = dense_page(fine, upside_down)
            path = write_fax_tiff(doc, args.out / f"{doc.name}.tif")
            t0 = time.perf_counter()
            result = extract_document(path)
            dense[doc.name] = round(time.perf_counter() - t0, 2)
            assert [m.value for m in result.measurements] == [87.0], doc.name
    report["dense_fax_page_seconds"] = dense
    report["peak_rss_mb"] = None if (rss := peak_rss_mb()) is None else round(rss, 1)
    print(json.dumps(report, indent=2))
    (args.out / "speed.json").write_text(json.dumps(report, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
