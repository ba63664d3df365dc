"""A long document is segmented and interpreted as its pages come, in windows of pages: the
window's layouts are let go once it is read, a later window keeps the document's dates, and
the file still reports one segment for the document."""

from __future__ import annotations

import gc
import weakref
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from extractors import parallel_pages
from extractors.doctypes import Segmenter, split_segments
from extractors.layout import PageLayout, build_layout
from extractors.models import DocumentExtraction
from extractors.pipeline import Analysis, text_page
from extractors.testing import crafted

FILLER = ("Subjective: stable cough, sleeps on two pillows.\n"
          "Plan: continue inhalers, follow up in 4 weeks.\n")


def _note(pages: int, reading_on: int) -> list[PageLayout]:
    """A progress note whose date of service is on page 1 only, and a reading on a later
    page."""
    out = []
    for k in range(1, pages + 1):
        text = f"Chart page {k} of {pages}\n"
        if k == 1:
            text = ("PROGRESS NOTE - Pulmonary clinic\nPatient: Jane Doe\n"
                    "Date of service: 03/14/2026\n" + FILLER)
        elif k == reading_on:
            text += "SpO2 86% on room air at rest.\n"
        out.append(build_layout(text_page(text + FILLER, k)))
    return out


def _analyse(layouts: list[PageLayout], window: int) -> DocumentExtraction:
    result = DocumentExtraction(source="test", pages=len(layouts))
    analysis = Analysis(window)
    for layout in layouts:
        analysis.add(layout)
    analysis.finish(result)
    return result


def test_a_document_longer_than_the_window_is_handed_on_in_windows() -> None:
    segments = split_segments(_note(7, 5), window=3)
    assert [s.pages for s in segments] == [[1, 2, 3], [4, 5, 6], [7]]
    assert [s.continued for s in segments] == [False, True, True]
    assert {s.doc_type for s in segments} == {segments[0].doc_type}
    assert [s.first_page for s in segments] == [1, None, None]


def test_a_segment_is_handed_on_when_the_next_page_closes_it() -> None:
    segmenter = Segmenter(window=10)
    layouts = _note(3, 2)
    assert [segmenter.add(lay) for lay in layouts] == [None, None, None]
    last = segmenter.close()
    assert last is not None and last.pages == [1, 2, 3]
    assert segmenter.close() is None


def test_a_later_window_keeps_the_documents_date_and_reports_one_segment() -> None:
    layouts = _note(7, 5)
    whole = _analyse(layouts, window=100)
    windowed = _analyse(layouts, window=2)
    assert [(m.kind, m.value, m.date, m.oxygen, m.setting) for m in windowed.measurements] \
        == [(m.kind, m.value, m.date, m.oxygen, m.setting) for m in whole.measurements] \
        == [("spo2", 86.0, "2026-03-14", "room_air", "rest")]
    assert [(s.pages, s.doc_type) for s in windowed.segments] == \
        [(s.pages, s.doc_type) for s in whole.segments] == [([1, 2, 3, 4, 5, 6, 7],
                                                            whole.segments[0].doc_type)]
    assert windowed.facts.patient_name == whole.facts.patient_name == "Jane Doe"


def test_a_windows_layouts_are_let_go_once_it_is_read() -> None:
    layouts = _note(9, 5)
    first = [weakref.ref(lay) for lay in layouts[:3]]
    analysis = Analysis(window=3)
    for lay in layouts[:4]:  # the fourth page closes the first window
        analysis.add(lay)
    del layouts, lay
    gc.collect()
    assert [ref() for ref in first] == [None, None, None]


class _InlinePool:
    """A process pool stand-in that runs each job at once and counts the jobs submitted."""

    submitted = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __enter__(self) -> _InlinePool:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        type(self).submitted += 1
        job: Future[Any] = Future()
        job.set_result(fn(*args))
        return job


def test_workers_are_kept_only_a_few_chunks_ahead(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OXYGEN_INTAKE_WORKERS", "2")
    monkeypatch.setattr(parallel_pages, "ProcessPoolExecutor", _InlinePool)
    _InlinePool.submitted = 0
    pages = 10 * parallel_pages.CHUNK
    chart = crafted.text_chart(tmp_path / "chart.pdf", pages=pages)
    ahead = parallel_pages.AHEAD * parallel_pages.worker_count()
    in_flight = []
    for k, (read, _layout) in enumerate(parallel_pages.read_laid_out(
            chart, list(range(1, pages + 1)), lambda: pytest.fail("no OCR"), None)):
        assert read.info.page == k + 1
        # jobs submitted and not yet handed on, beside the chunk being handed on now
        in_flight.append(_InlinePool.submitted - (k // parallel_pages.CHUNK + 1))
    assert len(in_flight) == pages
    assert max(in_flight) == ahead
    assert _InlinePool.submitted == 10
