"""`oxygen-intake --self-test`: passes on the real code, fails loudly when a step breaks.

The passing run and the broken-summary run read the fax by OCR (a few seconds each); the
other failure cases break an early step, so nothing slow runs.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageSequence

from desktop_app import cli, self_test
from desktop_app.samples import make_fax_sample
from extractors.read.ocr import rapid
from extractors.testing.pdf_writer import TextItem, text_pdf

STEP_NAMES = [name for name, _ in self_test.STEPS]


@pytest.fixture(autouse=True)
def _offscreen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    yield


def run(**kwargs: object) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = self_test.run_self_test(out=out, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue().splitlines()


def line_for(lines: list[str], step: str) -> str:
    matches = [line for line in lines if line.startswith((f"ok  {step} (", f"FAIL {step}:"))]
    assert len(matches) == 1, lines
    return matches[0]


@pytest.mark.slow
def test_self_test_passes_on_the_bundled_samples() -> None:
    code, lines = run()
    assert code == 0, lines
    assert len(lines) == len(STEP_NAMES) + 1
    for step in STEP_NAMES:
        assert line_for(lines, step).startswith(f"ok  {step} (")
    assert lines[-1].startswith("self-test passed in ")


def test_missing_ocr_models_fail_the_fax_step_only(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    # what a frozen build without the rapidocr models looks like
    monkeypatch.setattr(rapid, "bundled_model_dir", lambda: tmp_path)
    code, lines = run()
    assert code == 1
    assert line_for(lines, "start Qt").startswith("ok")
    assert line_for(lines, "read text PDF").startswith("ok")
    fax = line_for(lines, "read fax by OCR")
    assert fax.startswith("FAIL read fax by OCR: ")
    assert "PP-OCRv6_det_small.onnx is missing" in fax
    # the decisions need both documents' values, so they fail and say why
    assert "reading sample_fax.tif failed" in line_for(lines, "decide medicare")
    assert lines[-1].startswith("self-test FAILED (")


def test_missing_samples_fail_and_name_the_file(tmp_path: Path) -> None:
    code, lines = run(samples=tmp_path)
    assert code == 1
    assert line_for(lines, "read text PDF") == (
        "FAIL read text PDF: bundled sample sample_referral.pdf is missing")
    assert line_for(lines, "read fax by OCR") == (
        "FAIL read fax by OCR: bundled sample sample_fax.tif is missing")
    assert line_for(lines, "print summary PDF").startswith("FAIL print summary PDF: no decision")
    assert line_for(lines, "check summary PDF").startswith("FAIL check summary PDF: no summary")


@pytest.mark.slow
def test_a_summary_without_the_decision_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong_printer(decision: object, extraction: object, out: Path) -> Path:
        out.write_bytes(text_pdf([[TextItem(54, 72, "Decision: pending", 12)]]))
        return out

    monkeypatch.setattr(self_test, "render_summary_pdf", wrong_printer)
    code, lines = run()
    assert code == 1
    assert line_for(lines, "print summary PDF").startswith("ok")
    assert line_for(lines, "check summary PDF").startswith(
        "FAIL check summary PDF: the summary PDF does not say 'decision qualifies'")


def test_a_crashing_step_is_one_fail_line_and_the_rest_still_run(
        capsys: pytest.CaptureFixture[str]) -> None:
    def boom(run: object) -> None:
        raise RuntimeError("bad\nthings")

    ran: list[str] = []
    steps: list[self_test.Step] = [("boom", boom), ("after", lambda run: ran.append("after"))]
    code, lines = run(steps=steps)
    assert code == 1
    assert lines[0] == "FAIL boom: RuntimeError: bad things"
    assert lines[1].startswith("ok  after (")
    assert ran == ["after"]
    assert lines[2].startswith("self-test FAILED (1 of 2 steps)")
    assert "RuntimeError" in capsys.readouterr().err  # the traceback, for a build log


def test_offscreen_is_set_only_when_no_platform_is_chosen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM")
    assert run(steps=[])[0] == 0
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    monkeypatch.setenv("QT_QPA_PLATFORM", "minimal")
    run(steps=[])
    assert os.environ["QT_QPA_PLATFORM"] == "minimal"


def test_cli_runs_the_self_test_for_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(self_test, "run_self_test", lambda: 7)
    assert cli.main(["--self-test"]) == 7


def test_fax_sample_is_small_image_only_and_matches_its_script() -> None:
    committed = make_fax_sample.SAMPLE
    assert committed.stat().st_size < 150_000
    assert committed.read_bytes()[:4] == b"II*\x00"  # a TIFF: no text layer to fall back on
    with Image.open(committed) as img:
        committed_pages = [np.asarray(frame.convert("L")) for frame in ImageSequence.Iterator(img)]
    assert len(committed_pages) == 3
    regenerated = [np.asarray(p.convert("L")) for p in make_fax_sample.fax_pages()]
    assert [p.shape for p in regenerated] == [p.shape for p in committed_pages]
    for ours, theirs in zip(regenerated, committed_pages, strict=True):
        # a different pdfium build may move a few edge pixels; a stale sample moves many
        assert np.mean(ours != theirs) < 0.005


def test_a_missing_platform_plugin_is_found_before_qt_would_abort(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "nosuchplatform:option=1")
    assert self_test._missing_platform_plugin() == "nosuchplatform"
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert self_test._missing_platform_plugin() is None
