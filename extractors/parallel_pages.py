"""Long PDFs read on both cores: worker processes read and lay out chunks of text-layer pages,
handed back in page order.

Only for PDFs of at least `MIN_PAGES` pages (a hospital chart); shorter files are read in the
calling process as before. Workers load no OCR models: a page without a text layer comes back
marked, and the caller reads it itself with its own engine. Workers are started with "spawn"
(never "fork": the window reads in a thread, and forking a threaded Qt process is unsafe).
Cancel is checked after every page handed back; the chunks not started are dropped.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from extractors.errors import CancelledError
from extractors.layout import PageLayout, build_layout
from extractors.read import ReadPage, read_pages
from extractors.read.ocr.engine import GrayImage, OcrEngine, OcrSegment
from extractors.read.page_ranges import PageSelection

MIN_PAGES = 60
"""Below this many pages, starting worker processes costs more than it saves."""
CHUNK = 15
"""Pages per job: small enough for smooth progress, large enough to keep workers busy."""
AHEAD = 2
"""Jobs in flight per worker: enough to keep workers busy while the caller interprets, few
enough that a long chart's layouts are not held all at once."""
NEEDS_OCR = "left for OCR in the calling process"


class _NoOcr:
    """The workers' stand-in engine: it declines, so image pages come back unread."""

    name = "none"

    def availability(self) -> str | None:
        return NEEDS_OCR

    def read(self, image: GrayImage) -> list[OcrSegment]:  # pragma: no cover - never called
        raise RuntimeError(NEEDS_OCR)


def _no_ocr() -> OcrEngine:
    return _NoOcr()


def _read_chunk(path: str, first: int, last: int) -> list[tuple[ReadPage, PageLayout | None]]:
    """Pages ``first``..``last`` read and laid out (in a worker process)."""
    out: list[tuple[ReadPage, PageLayout | None]] = []
    for read in read_pages(Path(path), _no_ocr, None, PageSelection(((first, last),))):
        out.append((read, build_layout(read.page) if read.page is not None else None))
    return out


def worker_count() -> int:
    """Worker processes to use: 0 (read in the calling process) on a single core, or when
    ``OXYGEN_INTAKE_WORKERS`` says so."""
    wanted = os.environ.get("OXYGEN_INTAKE_WORKERS")
    if wanted is not None and wanted.strip().isdigit():
        return int(wanted)
    cores = os.cpu_count() or 1
    return min(cores, 4) if cores >= 2 else 0


def use_workers(kind: str, pages: list[int]) -> bool:
    return kind == "pdf" and len(pages) >= MIN_PAGES and worker_count() >= 2


def _chunks(pages: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of the chosen pages, cut every `CHUNK` pages."""
    runs: list[tuple[int, int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1 and page - runs[-1][0] < CHUNK:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs


def _here(path: Path, pages: list[int], engine_for_ocr: Callable[[], OcrEngine],
          cancel: threading.Event | None) -> Iterator[tuple[ReadPage, PageLayout | None]]:
    """The same pages read in the calling process."""
    for first, last in _chunks(pages):
        for read in read_pages(path, engine_for_ocr, cancel, PageSelection(((first, last),))):
            yield read, build_layout(read.page) if read.page is not None else None


def read_laid_out(path: Path, pages: list[int], engine_for_ocr: Callable[[], OcrEngine],
                  cancel: threading.Event | None
                  ) -> Iterator[tuple[ReadPage, PageLayout | None]]:
    """Every chosen page, read and laid out, in order; image pages OCR'd here. When worker
    processes cannot be used (a script without a ``__main__`` guard, a sandbox), the pages
    they did not deliver are read here."""
    chunks = _chunks(pages)
    done = 0
    try:
        pool = ProcessPoolExecutor(worker_count(), mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError, RuntimeError):
        yield from _here(path, pages, engine_for_ocr, cancel)
        return
    with pool:
        waiting = deque(chunks)
        jobs: deque[Future[list[tuple[ReadPage, PageLayout | None]]]] = deque()

        def submit() -> None:
            # a few chunks ahead only: a chunk's layouts are let go once handed on, and
            # results waiting in finished jobs would otherwise pile up for a long chart
            while waiting and len(jobs) < AHEAD * worker_count():
                first, last = waiting.popleft()
                jobs.append(pool.submit(_read_chunk, str(path), first, last))

        try:
            submit()
            while jobs:
                job = jobs.popleft()
                try:
                    chunk = job.result()
                except CancelledError:
                    raise
                except Exception:  # a broken pool: read the rest here
                    rest = [p for first, last in chunks[done:] for p in range(first, last + 1)]
                    yield from _here(path, rest, engine_for_ocr, cancel)
                    return
                del job
                done += 1
                submit()
                for read, layout in chunk:
                    if read.page is None and read.info.error == NEEDS_OCR:
                        read, layout = next(_here(path, [read.info.page], engine_for_ocr,
                                                  cancel))
                    yield read, layout
                    if cancel is not None and cancel.is_set():
                        raise CancelledError()
                del chunk
        finally:
            for job in jobs:
                job.cancel()
