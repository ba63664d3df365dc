"""`extract_document`: one file in, one `DocumentExtraction` out; never raises for a bad file.

The stages, each a function of the previous one's output:
read (`extractors.read`: pages as words, marks, rules) → layout (`extractors.layout`) →
document types and segments (`extractors.doctypes`) → interpretation (`extractors.interpret`).
`read_text` runs the same stages from layout on on plain text (tests, snippets).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from functools import lru_cache
from pathlib import Path

from extractors import parallel_pages
from extractors.doctypes import WINDOW_PAGES, DocSegment, Segmenter
from extractors.errors import CancelledError, ExtractionError
from extractors.interpret import Interpreter
from extractors.layout import PageLayout, build_layout
from extractors.models import DocumentExtraction, PageInfo, Segment
from extractors.progress import NullProgress, Progress
from extractors.read import Page, PageSelection, Word, page_count, parse_pages, read_pages, sniff
from extractors.read.ocr.engine import OcrEngine

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def shared_ocr_engine() -> OcrEngine:
    """One rapidocr engine per process (its models take a moment to load)."""
    from extractors.read.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine()


class Analysis:
    """Stages 3 and 4 as pages come: each page's layout goes to the segmenter, and each
    segment it closes is interpreted and let go, so a long chart holds one window of layouts
    at a time (`extractors.doctypes.WINDOW_PAGES`), not all of them."""

    def __init__(self, window: int = WINDOW_PAGES) -> None:
        self._segmenter = Segmenter(window)
        self._reader = Interpreter()
        self.segments: list[Segment] = []

    def add(self, layout: PageLayout) -> None:
        self._take(self._segmenter.add(layout))

    def _take(self, segment: DocSegment | None) -> None:
        if segment is None:
            return
        if segment.continued and self.segments:
            self.segments[-1].pages += segment.pages  # one document, read in windows
        else:
            self.segments.append(Segment(pages=list(segment.pages), doc_type=segment.doc_type,
                                         confidence=segment.confidence,
                                         evidence=segment.evidence))
        self._reader.add(segment)

    def finish(self, result: DocumentExtraction) -> None:
        """Fill segments, measurements, facts and warnings."""
        self._take(self._segmenter.close())
        found = self._reader.finish()
        result.segments = self.segments
        result.measurements = found.measurements
        result.facts = found.facts
        result.warnings += found.warnings


def analyse_layouts(layouts: list[PageLayout], result: DocumentExtraction) -> None:
    """Fill segments, measurements, facts and warnings from the pages' layouts."""
    analysis = Analysis()
    for layout in layouts:
        analysis.add(layout)
    analysis.finish(result)


def extract_document(path: str | Path, *, progress: Progress | None = None,
                     ocr_engine: OcrEngine | None = None,
                     cancel: threading.Event | None = None,
                     pages: PageSelection | str | None = None) -> DocumentExtraction:
    """Read one PDF/TIFF/PNG/JPEG. Problems are reported in ``error``/``warnings``.

    ``pages`` reads only some pages (``"1-40,88"``); chosen pages past the end are named in a
    warning. Pages are read, laid out and interpreted as they come (a long document in
    windows of pages), so a long chart costs time, not memory."""
    started = time.perf_counter()
    result = DocumentExtraction(source=str(path))
    progress = progress or NullProgress()
    try:
        selection = parse_pages(pages) if isinstance(pages, str) else pages
    except ValueError as exc:
        result.error = f"bad page range: {exc}"
        return result
    try:
        _read(Path(path), result, progress, ocr_engine, cancel, selection)
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
          ocr_engine: OcrEngine | None, cancel: threading.Event | None,
          selection: PageSelection | None) -> None:
    kind = sniff(path)
    total = page_count(path, kind)
    wanted = total
    notes: list[str] = []
    if selection is not None:
        wanted = selection.count(total)
        beyond = selection.beyond(total)
        if wanted == 0:
            raise ExtractionError(f"the document has {total} pages; none of the pages chosen "
                                  f"({selection}) is in it")
        if beyond:
            notes.append(f"pages {beyond} were chosen but the document has only {total} pages")
        notes.append(f"only pages {selection.within(total)} of {total} were read; values on "
                     "other pages are missing")
    analysis = Analysis()
    infos: list[PageInfo] = []

    def engine() -> OcrEngine:
        return ocr_engine or shared_ocr_engine()

    chosen = list(selection.pages(total)) if selection is not None else \
        list(range(1, total + 1))
    if parallel_pages.use_workers(kind, chosen):
        stream = parallel_pages.read_laid_out(path, chosen, engine, cancel)
    else:
        stream = ((read, build_layout(read.page) if read.page is not None else None)
                  for read in read_pages(path, engine, cancel, selection))
    for done, (read, layout) in enumerate(stream, start=1):
        info = read.info
        infos.append(info)
        if info.source == "ocr":
            result.ocr_pages.append(info.page)
        result.warnings += read.warnings
        if read.page is not None and layout is not None:
            result.warnings += read.page.warnings
            analysis.add(layout)
        progress.page_done(done, wanted, "ocr" if info.source == "ocr" else "text")
        if cancel is not None and cancel.is_set():
            raise CancelledError()
    result.pages = total
    result.page_info = infos
    failed = [i.page for i in infos if i.error]
    if not infos:
        raise ExtractionError("no page could be read")
    if failed and len(failed) == len(infos):
        raise ExtractionError(infos[0].error or "no page could be read")
    for i in infos:
        if i.error:
            result.warnings.append(f"page {i.page} was not read: {i.error}")
    result.warnings = notes + result.warnings
    analysis.finish(result)


CHAR_WIDTH = 5.0
LINE_HEIGHT = 14.0


def text_page(text: str, page: int = 1) -> Page:
    """Plain text as a page: one line per text line, words at 5 pt per character."""
    words: list[Word] = []
    for row, raw in enumerate(text.strip("\n").splitlines()):
        for m in re.finditer(r"\S+", raw):
            words.append(Word(m.group(0), 50 + m.start() * CHAR_WIDTH, 60 + row * LINE_HEIGHT,
                              50 + m.end() * CHAR_WIDTH, 70 + row * LINE_HEIGHT))
    return Page(page, 612.0, 792.0, "text_layer", words)


def read_text(text: str) -> DocumentExtraction:
    """Read plain text (one page; a form feed starts a new page) as a document would be."""
    result = DocumentExtraction(source="text", pages=0)
    layouts = [build_layout(text_page(chunk, i + 1))
               for i, chunk in enumerate(text.split("\f"))]
    result.pages = len(layouts)
    analyse_layouts(layouts, result)
    return result
