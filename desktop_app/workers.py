"""Reading documents in the background: a small job queue on a `QThreadPool`.

The extractor is plain Python (no Qt); `ReadJob` runs it on a pool thread and reports back
through Qt signals, which arrive in the GUI thread. One job per document; a job can be
cancelled before it starts (taken off the pool) or while it runs (the extractor checks a
`threading.Event` between pages). A file that fails only produces its own error result, so
the other documents keep being read. A job may read only some pages (``pages="1-40,88"``);
the extractor then gets them as a ``pages`` keyword.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from extractors.models import DocumentExtraction
from extractors.progress import Progress

log = logging.getLogger(__name__)

Extractor = Callable[..., DocumentExtraction]
"""``(path, progress, cancel[, pages=...]) -> DocumentExtraction``; must never raise for a
bad file. ``pages`` (a page range such as ``"1-40,88"``) is passed only when one was chosen."""


def real_extractor(path: str, progress: Progress, cancel: threading.Event,
                   pages: str | None = None) -> DocumentExtraction:
    """The production extractor (`extractors.extract_document`)."""
    from extractors import extract_document

    return extract_document(path, progress=progress, cancel=cancel, pages=pages)


class _JobSignals(QObject):
    progress = Signal(str, int, int)
    done = Signal(str, object)


class _SignalProgress:
    """Adapts the extractor's `Progress` protocol to a Qt signal."""

    def __init__(self, doc_id: str, signals: _JobSignals) -> None:
        self.doc_id = doc_id
        self.signals = signals

    def page_done(self, page: int, total: int, stage: str) -> None:
        self.signals.progress.emit(self.doc_id, page, total)


class ReadJob(QRunnable):
    """Reads one document on a pool thread."""

    def __init__(self, doc_id: str, path: str, extractor: Extractor,
                 pages: str | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.doc_id = doc_id
        self.path = path
        self.extractor = extractor
        self.pages = pages
        self.cancel = threading.Event()
        self.signals = _JobSignals()

    def run(self) -> None:
        if self.cancel.is_set():
            result = DocumentExtraction(source=self.path, error="cancelled")
        else:
            progress = _SignalProgress(self.doc_id, self.signals)
            try:
                if self.pages is None:
                    result = self.extractor(self.path, progress, self.cancel)
                else:
                    result = self.extractor(self.path, progress, self.cancel, pages=self.pages)
            except Exception as exc:  # a broken extractor must not take the queue down
                log.debug("extractor raised", exc_info=True)
                result = DocumentExtraction(source=self.path,
                                            error=f"could not be read ({type(exc).__name__})")
        self.signals.done.emit(self.doc_id, result)


class ReadQueue(QObject):
    """Queue of documents to read.

    Signals:
        started(doc_id): a job was handed to the pool.
        progress(doc_id, page, total): one more page read.
        finished(doc_id, extraction, cancelled): a job ended (``extraction.error`` may be set).
        idle(): nothing queued or running any more.
    """

    started = Signal(str)
    progress = Signal(str, int, int)
    finished = Signal(str, object, bool)
    idle = Signal()

    def __init__(self, extractor: Extractor | None = None, max_threads: int = 2,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.extractor = extractor or real_extractor
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self.jobs: dict[str, ReadJob] = {}

    def submit(self, doc_id: str, path: str | Path, pages: str | None = None) -> None:
        """Read ``path`` (only ``pages``, e.g. ``"1-40,88"``, when given)."""
        if doc_id in self.jobs:
            return
        job = ReadJob(doc_id, str(path), self.extractor, pages)
        job.signals.progress.connect(self.progress)
        job.signals.done.connect(self._on_done)
        self.jobs[doc_id] = job
        self.started.emit(doc_id)
        self.pool.start(job)

    def cancel(self, doc_id: str) -> bool:
        """Stop reading ``doc_id``; True when there was such a job."""
        job = self.jobs.get(doc_id)
        if job is None:
            return False
        job.cancel.set()
        if self.pool.tryTake(job):
            self._on_done(doc_id, DocumentExtraction(source=job.path, error="cancelled"))
        return True

    def cancel_all(self) -> None:
        for doc_id in list(self.jobs):
            self.cancel(doc_id)

    def busy(self) -> bool:
        return bool(self.jobs)

    def wait(self, msecs: int = 30000) -> bool:
        return bool(self.pool.waitForDone(msecs))

    def _on_done(self, doc_id: str, result: DocumentExtraction) -> None:
        job = self.jobs.pop(doc_id, None)
        if job is None:
            return
        self.finished.emit(doc_id, result, job.cancel.is_set())
        if not self.jobs:
            self.idle.emit()
