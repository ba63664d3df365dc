"""`oxygen-intake --self-test`: the smoke test every build (frozen or not) must pass.

It runs the real code paths on the bundled synthetic samples, without a display:

1. Qt starts (offscreen unless ``QT_QPA_PLATFORM`` says otherwise) and the image-format
   plugins the app needs (TIFF, JPEG) are there;
2. the text PDF sample is read through its text layer and the expected values are found;
3. the fax sample (image only) is read by OCR with the bundled models, same values;
4. the values, plus the answers a reviewer gives in the window, are decided under the
   Medicare and the Centene policy, and each gives the expected decision;
5. the decision summary is printed to a PDF in a temporary folder by the window's
   summary printer (`desktop_app.summary_printer`);
6. that PDF is read back (pdfplumber) and holds the decision text.

One line per step goes to stdout: ``ok  <step> (<seconds>s)`` or ``FAIL <step>: <reason>``.
The exit code is 0 only when every step passed. Every step runs even after a failure (a step
whose input is missing fails saying which step it needed), so one run shows all problems.
The samples are synthetic: nothing printed here is patient data.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from extractors.models import DocumentExtraction
    from rules.outcome import Decision

SAMPLE_TEXT_PDF = "sample_referral.pdf"
SAMPLE_FAX = "sample_fax.tif"
REQUEST_DATE = "2026-03-16"
"""The request date of the sample case (its order date)."""

EXPECTED_TESTS: dict[str, float] = {"pao2": 54.0, "spo2": 87.0}
"""The blood-oxygen values on page 1 of the sample, both at rest on room air by ABG."""
EXPECTED_TEST_DATE = "2026-03-14"
EXPECTED_FACTS: dict[str, Any] = {
    "performed_by": "hospital_lab",
    "findings": ["dependent_edema"],
    "requested_equipment": ["stationary", "portable"],
}
REVIEWER_ANSWERS: dict[str, Any] = {
    "request_type": "initial",
    "mobile_within_home": True,
    "treating_practitioner_evaluated_test": True,
    "is_last_test_before_discharge": True,
    "severe_lung_disease_or_hypoxia_symptoms_documented": True,
    "alternative_treatments_tried_or_considered": True,
}
"""What a reviewer answers in the window for the sample (facts a document rarely states)."""
EXPECTED_DECISIONS: dict[str, tuple[str, str]] = {
    "medicare": ("qualifies", "I"),
    "centene": ("qualifies", "I"),
}
"""Policy → (decision, group) for the sample with the reviewer's answers."""
UNANSWERED_DECISION = "insufficient_information"
"""Without the reviewer's answers the rules must ask for them instead of deciding."""
REQUIRED_IMAGE_FORMATS = ("tiff", "jpeg")


class StepFailed(Exception):
    """A self-test step did not give the expected result; the message says what was wrong."""


@dataclass
class _Run:
    """What the steps hand on to each other."""

    samples: Path
    workdir: Path
    extractions: dict[str, DocumentExtraction] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    summary: Path | None = None


Step = tuple[str, Callable[[_Run], None]]

_qt_app: Any = None
"""The QApplication the self-test started, kept alive for the later steps."""


def default_samples_dir() -> Path:
    """The bundled `desktop_app/samples` folder (inside the frozen app as well)."""
    return Path(str(resources.files("desktop_app.samples")))


# --- steps -------------------------------------------------------------------------------


def _missing_platform_plugin() -> str | None:
    """The chosen Qt platform plugin's name when Qt's plugin folders lack it.

    Qt aborts the whole process when it cannot load the platform plugin, so a bundle
    without it would die without a FAIL line; look first. Returns None when unsure.
    """
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    name = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if not name:
        return None
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
               *QCoreApplication.libraryPaths()]
    platform_dirs = [Path(f) / "platforms" for f in folders if (Path(f) / "platforms").is_dir()]
    if not platform_dirs:
        return None
    for folder in platform_dirs:
        if any(name in child.name for child in folder.iterdir()):
            return None
    return name


def _step_qt(run: _Run) -> None:
    global _qt_app
    from PySide6.QtGui import QGuiApplication, QImageReader
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        missing_platform = _missing_platform_plugin()
        if missing_platform:
            raise StepFailed(f"the Qt platform plugin '{missing_platform}' is not bundled")
        app = _qt_app = QApplication([sys.argv[0] if sys.argv else "oxygen-intake"])
    if not isinstance(app, QGuiApplication):
        raise StepFailed("a non-GUI QCoreApplication is already running")
    formats = {bytes(f.data()).decode("ascii", "replace").lower()
               for f in QImageReader.supportedImageFormats()}
    missing = [f for f in REQUIRED_IMAGE_FORMATS if f not in formats]
    if missing:
        raise StepFailed(f"Qt image-format plugins missing: {', '.join(missing)} "
                         f"(platform {QGuiApplication.platformName()})")


def _check_extraction(extraction: DocumentExtraction, source: str) -> None:
    if extraction.error:
        raise StepFailed(extraction.error)
    if extraction.warnings:
        raise StepFailed("; ".join(extraction.warnings))
    found: dict[str, float] = {}
    for m in extraction.measurements:
        if m.kind not in EXPECTED_TESTS:
            continue
        if m.evidence.source != source:
            raise StepFailed(f"{m.kind} was read from {m.evidence.source}, expected {source}")
        circumstances = (m.setting, m.oxygen, m.method, m.date)
        if circumstances != ("rest", "room_air", "abg", EXPECTED_TEST_DATE):
            raise StepFailed(f"{m.kind} read with {circumstances}, expected "
                             f"('rest', 'room_air', 'abg', '{EXPECTED_TEST_DATE}')")
        found.setdefault(m.kind, m.value)
    for kind, value in EXPECTED_TESTS.items():
        if kind not in found:
            raise StepFailed(f"{kind} not found")
        if found[kind] != value:
            raise StepFailed(f"{kind} read as {found[kind]:g}, expected {value:g}")
    facts = extraction.facts
    for name, expected in EXPECTED_FACTS.items():
        actual = getattr(facts, name)
        if (sorted(actual) if isinstance(actual, list) else actual) != (
                sorted(expected) if isinstance(expected, list) else expected):
            raise StepFailed(f"{name} read as {actual!r}, expected {expected!r}")


def _read(run: _Run, name: str) -> DocumentExtraction:
    from extractors import extract_document

    path = run.samples / name
    if not path.is_file():
        raise StepFailed(f"bundled sample {name} is missing")
    extraction = extract_document(path)
    run.extractions[name] = extraction
    return extraction


def _step_read_text(run: _Run) -> None:
    extraction = _read(run, SAMPLE_TEXT_PDF)
    if extraction.ocr_pages:
        raise StepFailed(f"pages {extraction.ocr_pages} went to OCR; the sample has a text layer")
    _check_extraction(extraction, "text_layer")


def _step_read_fax(run: _Run) -> None:
    extraction = _read(run, SAMPLE_FAX)
    if extraction.error:
        raise StepFailed(extraction.error)
    if not extraction.pages or extraction.ocr_pages != list(range(1, extraction.pages + 1)):
        raise StepFailed(f"OCR read pages {extraction.ocr_pages} of {extraction.pages}")
    _check_extraction(extraction, "ocr")


def _facts(run: _Run, name: str, *, answered: bool = True) -> dict[str, Any]:
    from extractors.facts_mapping import to_rule_facts

    extraction = run.extractions.get(name)
    if extraction is None or extraction.error:
        raise StepFailed(f"no values: reading {name} failed")
    facts = to_rule_facts([extraction], request_date=REQUEST_DATE)
    return {**facts, **REVIEWER_ANSWERS} if answered else facts


def _decide_step(policy: str) -> Callable[[_Run], None]:
    def step(run: _Run) -> None:
        from rules import decide

        expected_decision, expected_group = EXPECTED_DECISIONS[policy]
        problems: list[str] = []
        for name in (SAMPLE_TEXT_PDF, SAMPLE_FAX):
            try:
                facts = _facts(run, name)
            except StepFailed as exc:
                problems.append(str(exc))
                continue
            result = decide(facts, policy)
            if (result.decision, result.group) != (expected_decision, expected_group):
                problems.append(f"{name}: {result.decision} group {result.group}, expected "
                                f"{expected_decision} group {expected_group}")
            elif name == SAMPLE_TEXT_PDF:
                run.decisions[policy] = result
            unanswered = decide(_facts(run, name, answered=False), policy)
            if unanswered.decision != UNANSWERED_DECISION:
                problems.append(f"{name} without the reviewer's answers: "
                                f"{unanswered.decision}, expected {UNANSWERED_DECISION}")
        if problems:
            raise StepFailed("; ".join(problems))

    return step


def _step_render_summary(run: _Run) -> None:
    decision = run.decisions.get("medicare")
    if decision is None:
        raise StepFailed("no decision to print: 'decide medicare' failed")
    extraction = run.extractions[SAMPLE_TEXT_PDF]
    run.summary = render_summary_pdf(decision, extraction, run.workdir / "summary.pdf")


def _step_check_summary(run: _Run) -> None:
    import pdfplumber

    decision = run.decisions.get("medicare")
    if run.summary is None or decision is None:
        raise StepFailed("no summary PDF: printing it failed")
    if not run.summary.is_file() or run.summary.stat().st_size == 0:
        raise StepFailed(f"{run.summary.name} was not written")
    with pdfplumber.open(str(run.summary)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    normalised = " ".join(text.split()).lower()
    wanted = expected_summary_text(decision)
    if wanted not in normalised:
        raise StepFailed(f"the summary PDF does not say {wanted!r} "
                         f"({len(text)} characters of text found)")


def _step_audit_seals(run: _Run) -> None:
    """A throw-away store in the temporary folder (the key as a file there, never the
    user's key store): rows are sealed, a row changed behind the app's back is found, and
    the key-store library the app uses is in the build."""
    import importlib
    import sqlite3

    from desktop_app import audit_key
    from desktop_app.case_store import CaseStore

    importlib.import_module("keyring.backends")
    saved = os.environ.get(audit_key.KEYRING_ENV)
    os.environ[audit_key.KEYRING_ENV] = "off"
    try:
        store = CaseStore(run.workdir / "store")
        for n in range(3):
            store.audit.append(reviewer="self-test", case_id="sample", action="answer",
                               subject="mobile_within_home", before=None, after=bool(n % 2))
        if not store.audit.verify().ok:
            raise StepFailed("a freshly sealed trail does not verify")
        store.close()
        conn = sqlite3.connect(run.workdir / "store" / "cases.sqlite3")
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET reviewer = 'someone else' WHERE seq = 2")
        conn.commit()
        conn.close()
        report = CaseStore(run.workdir / "store", read_only=True).audit.verify()
        if report.ok or report.first_broken != 2:
            raise StepFailed(f"a changed row was not found ({report.summary()})")
    finally:
        if saved is None:
            os.environ.pop(audit_key.KEYRING_ENV, None)
        else:
            os.environ[audit_key.KEYRING_ENV] = saved


def _step_local_socket(run: _Run) -> None:
    """The local socket a second launch hands its files over (QtNetwork is in the build)."""
    from desktop_app.single_instance import InstanceServer, server_name

    server = InstanceServer(server_name(run.workdir / "socket-check"))
    if not server.listening():
        raise StepFailed(f"cannot listen on a local socket: {server.server.errorString()}")
    server.server.close()


STEPS: list[Step] = [
    ("start Qt", _step_qt),
    ("read text PDF", _step_read_text),
    ("read fax by OCR", _step_read_fax),
    ("decide medicare", _decide_step("medicare")),
    ("decide centene", _decide_step("centene")),
    ("print summary PDF", _step_render_summary),
    ("check summary PDF", _step_check_summary),
    ("seal and check an audit trail", _step_audit_seals),
    ("open a local socket", _step_local_socket),
]


# --- the summary printer -------------------------------------------------------------------


def render_summary_pdf(decision: Decision, extraction: DocumentExtraction, out: Path) -> Path:
    """Print the one-page decision summary with the window's own printer to ``out``.

    The values are shown as a reviewer would have confirmed them; the reviewer's answers are
    listed as such. Returns ``out``.
    """
    from desktop_app.summary_printer import (
        Summary,
        SummaryValue,
        render_to_pdf,
        summary_html,
    )

    source = Path(extraction.source).name
    values = [SummaryValue(f"{m.kind}: {m.value:g}", f"{source}, page {m.evidence.page}",
                           "confirmed", "self-test") for m in extraction.measurements]
    facts = extraction.facts
    summary = Summary(
        patient=facts.patient_name or "not found", date_of_birth=facts.date_of_birth or "-",
        request=f"Initial order, dated {REQUEST_DATE}", policy=decision.policy,
        decision=decision, error=None, values=values,
        answers=[(k.replace("_", " "), "yes" if v is True else str(v))
                 for k, v in REVIEWER_ANSWERS.items()],
        reviewer="self-test", printed_at=time.strftime("%Y-%m-%d %H:%M"),
    )
    render_to_pdf(summary_html(summary), out)
    return out


def expected_summary_text(decision: Decision) -> str:
    """What the printed summary must say (lower case, whitespace collapsed)."""
    from desktop_app.decision_panel import DECISION_TEXT

    return f"decision {DECISION_TEXT[decision.decision]}".lower()


# --- the runner ----------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "failed"


def run_self_test(*, samples: Path | None = None, out: TextIO | None = None,
                  steps: list[Step] | None = None) -> int:
    """Run every step, print one line each, return 0 when all passed, else 1."""
    stream = out or sys.stdout
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:  # a Windows console or pipe may not encode every reason
        reconfigure(errors="backslashreplace")
    chosen = STEPS if steps is None else steps
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="oxygen-intake-self-test-") as tmp:
        run = _Run(samples=samples or default_samples_dir(), workdir=Path(tmp))
        for name, step in chosen:
            t0 = time.perf_counter()
            try:
                step(run)
            except StepFailed as exc:
                failures += 1
                print(f"FAIL {name}: {_one_line(str(exc))}", file=stream, flush=True)
            except Exception as exc:  # a smoke test reports every crash as a failed step
                failures += 1
                print(f"FAIL {name}: {type(exc).__name__}: {_one_line(str(exc))}",
                      file=stream, flush=True)
                traceback.print_exc(file=sys.stderr)
            else:
                print(f"ok  {name} ({time.perf_counter() - t0:.2f}s)", file=stream, flush=True)
    total = time.perf_counter() - started
    verdict = "passed" if failures == 0 else f"FAILED ({failures} of {len(chosen)} steps)"
    print(f"self-test {verdict} in {total:.2f}s", file=stream, flush=True)
    return 0 if failures == 0 else 1
