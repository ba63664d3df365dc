"""The window with the real extractor on the bundled sample, the command line entry points,
and the patient-values-never-in-logs check."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from app_helpers import (
    PATIENT_STRINGS,
    answer_questions,
    confirm_all_with_enter,
    drop,
    set_request_date,
)

from desktop_app import dialogs
from desktop_app.app import sample_path

REPO = Path(__file__).resolve().parents[2]


def _review_sample(window: Any, qtbot: Any, sample: Path) -> None:
    with qtbot.wait_signal(window.document_read, timeout=30000):
        drop(window, [sample])
    confirm_all_with_enter(window, qtbot)
    answer_questions(window)
    with qtbot.wait_signal(window.decision_updated, timeout=5000):
        set_request_date(window, "2026-03-16")


def test_real_extractor_end_to_end_on_the_sample(
        make_main_window: Callable[..., Any], sample_copy: Callable[[str], Path],
        qtbot: Any, tmp_path: Path) -> None:
    window = make_main_window()  # the real extractor
    _review_sample(window, qtbot, sample_copy("sample_referral.pdf"))
    assert len(window.document.boxes) == 10
    pao2 = next(i for i in window.session.items.values()
                if i.key == "test" and i.value["kind"] == "pao2")
    assert pao2.evidence is not None and "PaO2 54 mm Hg" in pao2.evidence["text"]
    parts = window.document.segments_label
    assert parts.isVisibleTo(window) and "p. 1 ABG / blood gas lab report" in parts.text()
    assert "p. 3 Written order / prescription" in parts.text()
    parts.linkActivated.emit("page:3")
    assert window.document.current_page == 2
    assert window.last_result.decision.decision == "qualifies"
    window.decision.policy.setCurrentIndex(window.decision.policy.findData("centene"))
    decision = window.last_result.decision
    assert decision.policy == "centene"
    assert decision.decision == "insufficient_information"
    wanted = {"severe_lung_disease_or_hypoxia_symptoms_documented",
              "alternative_treatments_tried_or_considered"}
    assert wanted <= set(decision.missing_facts)
    shown = [window.decision.missing.item(i).text() for i in range(window.decision.missing.count())]
    assert "☐ Alternative treatments were tried or considered" in shown
    for fact in wanted:
        assert "needed" in window.values.questions.labels[fact].text()
        window.values.combos[fact].setCurrentIndex(1)
    # Centene also asks whether the inpatient test was the last one before discharge
    assert window.last_result.decision.missing_facts == ["is_last_test_before_discharge"]
    window.values.combos["is_last_test_before_discharge"].setCurrentIndex(1)
    decision = window.last_result.decision
    assert decision.decision == "qualifies", decision.missing_facts
    out = tmp_path / "centene.pdf"
    dialogs.queue_answer(str(out))
    window.act_export.trigger()
    with pdfplumber.open(out) as pdf:
        text = " ".join((pdf.pages[0].extract_text() or "").split())
    assert "QUALIFIES" in text and "Centene" in text and "CP.MP.190" in text


def test_no_patient_value_reaches_any_log_record_or_stderr(
        make_main_window: Callable[..., Any], sample_copy: Callable[[str], Path],
        qtbot: Any, qtlog: Any, caplog: pytest.LogCaptureFixture,
        capfd: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    window = make_main_window()
    _review_sample(window, qtbot, sample_copy("sample_referral.pdf"))
    window.edit(next(iter(window.values._rows)))  # headless dialog: logged by title only
    dialogs.queue_answer(str(tmp_path / "s.pdf"))
    window.export_pdf()
    window.close()
    records = [r.getMessage() for r in caplog.records]
    records += [r.message for r in qtlog.records]
    out, err = capfd.readouterr()
    assert records, "the flow should have logged something"
    for text in [*records, out, err]:
        for secret in PATIENT_STRINGS:
            assert secret not in text


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          cwd=REPO, env=full_env, timeout=120, check=False)


def test_decide_and_extract_never_import_qt() -> None:
    code = ("import sys; from desktop_app.cli import main; "
            "rc = main(['decide', '--example']); "
            "rc2 = main(['extract', '--quiet', sys.argv[1]]); "
            "assert 'PySide6' not in sys.modules, 'Qt was imported'; print('rc', rc, rc2)")
    result = _run(["-c", code, str(sample_path())])
    assert result.returncode == 0, result.stderr
    assert "rc 0 0" in result.stdout


def test_screenshot_mode_reads_the_sample_and_saves_the_window(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = _run(["-m", "desktop_app", "--sample", "--screenshot", str(out)],
                  {"OXYGEN_INTAKE_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() > 600 and image.height() > 400
    for secret in PATIENT_STRINGS:
        assert secret not in result.stderr
