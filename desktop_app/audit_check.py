"""The audit trail's seals, checked when the window opens: a badge in the status bar, and a
clear warning when the chain is broken (or its guards had been removed).

The warning names the first row that does not hold and what to do; work goes on (new rows
are still sealed), and the badge stays red for the whole session. Checking reads every row
once (a few milliseconds per thousand rows).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from desktop_app import dialogs
from desktop_app.audit_log import AuditLog, ChainReport

BROKEN_TITLE = "The audit trail has been changed"
NOTE_TITLE = "The audit trail's guards had been removed"


def warning_text(report: ChainReport) -> tuple[str, str, str]:
    """(title, text, what to do) of the warning for ``report``."""
    if not report.ok:
        return (BROKEN_TITLE,
                f"Row {report.first_broken} of the audit trail does not match its seal: "
                f"{report.problem}.\n\nSomeone may have changed the case database outside "
                "Oxygen Intake. Rows from "
                f"{report.first_broken} on can no longer be vouched for.",
                "Your cases are still here and every new action is still recorded and "
                "sealed. Tell whoever looks after your records; they can check the trail "
                "with 'oxygen-intake audit verify' and export it with 'oxygen-intake audit "
                "export'.")
    return (NOTE_TITLE, "; ".join(report.notes).capitalize() + ".",
            "Every seal still matches, so nothing recorded was changed. Someone used a "
            "database tool on the case store: tell whoever looks after your records.")


def message_box(parent: QWidget | None, report: ChainReport) -> QMessageBox:
    title, text, advice = warning_text(report)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("AuditWarning")
    box.setInformativeText(advice)
    return box


def show_warning(parent: QWidget | None, report: ChainReport) -> None:
    if dialogs.headless():
        dialogs.answer_headless(warning_text(report)[0])
        return
    message_box(parent, report).exec()


def check(window: QMainWindow, audit: AuditLog) -> QLabel:
    """Verify ``audit``, put its badge in ``window``'s status bar, warn when needed."""
    started = time.perf_counter()
    report = audit.verify()
    seconds = time.perf_counter() - started
    badge = QLabel()
    badge.setObjectName("AuditBadge")
    if report.ok:
        badge.setText("Audit trail: seals verified")
        badge.setStyleSheet("color: #0a7d32")
    else:
        badge.setText(f"⚠ Audit trail broken at row {report.first_broken}")
        badge.setStyleSheet("color: #b00020; font-weight: bold")
    badge.setToolTip(f"Checked when the window opened: {report.summary()} "
                     f"({seconds:.2f} s)")
    window.statusBar().addPermanentWidget(badge)
    if not report.ok or report.notes:
        QTimer.singleShot(0, lambda: show_warning(window, report))
    return badge
