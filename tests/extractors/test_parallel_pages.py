"""A long PDF read by worker processes gives what reading it in one process gives, in page
order, with progress for every page; shorter files never start workers."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from extractors import extract_document, parallel_pages
from extractors.errors import CancelledError
from extractors.testing import crafted


def _contract(path: Path, **kwargs: Any) -> dict[str, Any]:
    data = extract_document(path, **kwargs).to_contract_dict()
    data.pop("seconds", None)
    return data


@pytest.fixture(scope="module")
def chart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crafted.text_chart(tmp_path_factory.mktemp("chart") / "chart.pdf",
                              pages=parallel_pages.MIN_PAGES)


class _Pages:
    def __init__(self) -> None:
        self.seen: list[tuple[int, int]] = []

    def page_done(self, page: int, total: int, stage: str) -> None:
        self.seen.append((page, total))


def test_chunks_are_runs_of_the_chosen_pages_cut_every_chunk() -> None:
    pages = [*range(1, 41), 50, 51, 60]
    assert parallel_pages._chunks(pages) == [(1, 15), (16, 30), (31, 40), (50, 51), (60, 60)]


def test_workers_only_for_long_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OXYGEN_INTAKE_WORKERS", "2")
    long = list(range(1, parallel_pages.MIN_PAGES + 1))
    assert parallel_pages.use_workers("pdf", long)
    assert not parallel_pages.use_workers("pdf", long[:-1])
    assert not parallel_pages.use_workers("tiff", long)
    monkeypatch.setenv("OXYGEN_INTAKE_WORKERS", "0")
    assert not parallel_pages.use_workers("pdf", long)


def test_a_long_chart_read_by_workers_equals_reading_it_here(
        chart: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OXYGEN_INTAKE_WORKERS", "0")
    here = _contract(chart)
    monkeypatch.setenv("OXYGEN_INTAKE_WORKERS", "2")
    progress = _Pages()
    by_workers = _contract(chart, progress=progress)
    assert by_workers == here
    assert here["measurements"], "the chart holds a reading to compare"
    assert progress.seen == [(k, parallel_pages.MIN_PAGES)
                             for k in range(1, parallel_pages.MIN_PAGES + 1)]


def test_cancel_stops_reading_by_workers(chart: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OXYGEN_INTAKE_WORKERS", "2")
    cancel = threading.Event()

    class _CancelAtTen(_Pages):
        def page_done(self, page: int, total: int, stage: str) -> None:
            super().page_done(page, total, stage)
            if page == 10:
                cancel.set()

    progress = _CancelAtTen()
    result = extract_document(chart, progress=progress, cancel=cancel)
    assert result.error == str(CancelledError())
    assert len(progress.seen) == 10
