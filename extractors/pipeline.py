"""`extract_document`: one file in, one `DocumentExtraction` out; never raises for a bad file."""

from __future__ import annotations

import logging
import threading
import time
from functools import lru_cache
from pathlib import Path

from extractors.errors import CancelledError, ExtractionError, OcrFailedError, OcrUnavailableError
from extractors.facts import extract_facts
from extractors.labeled_dates import label_dates
from extractors.layout import Line
from extractors.measurements import extract_measurements
from extractors.models import DocumentExtraction, PageInfo
from extractors.ocr.engine import OcrEngine
from extractors.ocr_page import ocr_page
from extractors.pages import PendingOcr, page_count, read_image_file, read_pdf, sniff
from extractors.patterns import Patterns, load_patterns
from extractors.progress import NullProgress, Progress

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def shared_ocr_engine() -> OcrEngine:
    """One rapidocr engine per process (its models take a moment to load)."""
    from extractors.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine()


def analyse_lines(lines: list[Line], result: DocumentExtraction,
                  patterns: Patterns | None = None) -> None:
    """Fill ``result.measurements`` and ``result.facts`` from the document's lines."""
    p = patterns or load_patterns()
    dates, _convention = label_dates(p, lines)
    test_dates = [d for d in dates if d.label == "test_date" and (d.date.iso or d.date.ambiguous)]
    if not test_dates:  # a note's own date, unlabeled, near the top of page 1
        top = {i for i, ln in enumerate(lines[:12]) if ln.page == 1}
        test_dates = [d for d in dates if d.label == "unlabeled" and d.line_index in top
                      and d.date.iso]
    doc_date = test_dates[0] if test_dates else None
    result.measurements = extract_measurements(p, lines, dates, doc_date)
    result.facts = extract_facts(p, lines, dates)
    if any(m.date_ambiguous for m in result.measurements) or result.facts.ambiguous_dates:
        result.warnings.append("some dates are ambiguous (day/month order); check them")


def extract_document(path: str | Path, *, progress: Progress | None = None,
                     ocr_engine: OcrEngine | None = None,
                     cancel: threading.Event | None = None) -> DocumentExtraction:
    """Read one PDF/TIFF/PNG/JPEG. Problems are reported in ``error``/``warnings``."""
    started = time.perf_counter()
    result = DocumentExtraction(source=str(path))
    progress = progress or NullProgress()
    try:
        _read(Path(path), result, progress, ocr_engine, cancel)
    except ExtractionError as exc:
        result.error = str(exc)
    except MemoryError:
        result.error = "the document is too large to read in the available memory"
    except Exception as exc:  # never let one file stop a batch
        # no traceback: exception messages can quote document text (patient values)
        log.warning("unexpected extractor failure: %s", type(exc).__name__)
        result.error = f"unexpected error while reading ({type(exc).__name__})"
    if result.error:
        result.measurements = []
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _read(path: Path, result: DocumentExtraction, progress: Progress,
          ocr_engine: OcrEngine | None, cancel: threading.Event | None) -> None:
    kind = sniff(path)
    total = page_count(path, kind)
    pages = read_pdf(path, cancel) if kind == "pdf" else read_image_file(path, cancel)
    lines: list[Line] = []
    infos: list[PageInfo] = []
    engine_error: str | None = None
    for info, content in pages:
        infos.append(info)
        if isinstance(content, PendingOcr):
            result.ocr_pages.append(info.page)
            if engine_error is None:
                engine = ocr_engine or shared_ocr_engine()
                engine_error = engine.availability()
            if engine_error is not None:
                info.error = engine_error
            else:
                try:
                    page = ocr_page(engine, content.image, info.page)
                except OcrUnavailableError as exc:
                    engine_error = info.error = str(exc)
                except OcrFailedError as exc:
                    info.error = str(exc)
                else:
                    info.rotation = page.rotation * 90
                    info.skew_degrees = round(page.skew, 2)
                    lines.extend(page.lines)
            progress.page_done(info.page, total, "ocr")
        else:
            lines.extend(content)
            progress.page_done(info.page, total, "text")
        if cancel is not None and cancel.is_set():
            raise CancelledError()
    result.pages = total
    result.page_info = infos
    failed = [i.page for i in infos if i.error]
    if failed and len(failed) == len(infos):
        raise ExtractionError(infos[0].error or "no page could be read")
    for i in infos:
        if i.error:
            result.warnings.append(f"page {i.page} was not read: {i.error}")
    analyse_lines(lines, result)
