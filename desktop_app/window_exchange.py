"""The window's part of issue 13: inbox folders, sign-off, FHIR and CSV export.

`ExchangeMixin` is mixed into `MainWindow`, which calls `_exchange_file_menu` and
`_exchange_case_menu` while building its menus, `_setup_exchange` once they exist, and
`_stop_exchange` on close. Its
actions: File ▸ Export case as FHIR… (Ctrl+Shift+E), Export worklist as CSV… (Ctrl+Shift+L),
Inbox folders… (Ctrl+Shift+I), Pause inbox (Ctrl+Shift+P); Case ▸ Sign off case…
(Ctrl+Shift+S). The inbox line sits above the queue; documents that came from an inbox show
their arrival time in the queue, signed-off cases say so.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app import dialogs, signoff
from desktop_app.decision_panel import DECISION_TEXT, POLICY_TEXT
from desktop_app.inbox.inbox_bar import InboxBar
from desktop_app.inbox.qt_inbox import InboxController
from desktop_app.inbox.settings_widget import edit_inbox_settings

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel

    from desktop_app.queue_panel import QueuePanel
    from desktop_app.session import ReviewSession

log = logging.getLogger(__name__)


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filter_: str,
                  suffix: str) -> str | None:
    """A save-file dialog (headless: the next queued answer)."""
    if dialogs.headless():
        answer = dialogs._headless_answer(title)
        return None if answer is None else str(answer)
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_)
    if path and not path.lower().endswith(suffix):
        path += suffix
    return path or None


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes / No (headless: the next queued answer, default No)."""
    if dialogs.headless():
        return bool(dialogs._headless_answer(title, False))
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class ExchangeMixin:
    """Inbox, sign-off and exports for `MainWindow` (see the module docstring)."""

    if TYPE_CHECKING:
        session: ReviewSession
        current_case: str | None
        current_doc: str | None
        queue_panel: QueuePanel
        status: QLabel
        decision_updated: SignalInstance

        def _action(self, menu: Any, text: str, shortcut: Any, slot: Any) -> QAction: ...
        def refresh_queue(self) -> None: ...
        def refresh_case(self) -> None: ...
        def start_pending(self) -> None: ...
        def show_document(self, doc_id: str, select_row: bool = True) -> None: ...

    inbox: InboxController
    inbox_bar: InboxBar

    # set-up -----------------------------------------------------------------------------
    def _exchange_file_menu(self, file_menu: Any) -> None:
        self.act_export_fhir = self._action(file_menu, "Export case as &FHIR…",
                                            "Ctrl+Shift+E", self.export_fhir)
        self.act_export_csv = self._action(file_menu, "Export &worklist as CSV…",
                                           "Ctrl+Shift+L", self.export_worklist)
        file_menu.addSeparator()
        self.act_inbox = self._action(file_menu, "&Inbox folders…", "Ctrl+Shift+I",
                                      self.edit_inbox)
        self.act_inbox_pause = self._action(file_menu, "Pause i&nbox", "Ctrl+Shift+P",
                                            self.toggle_inbox_pause)
        self.act_inbox_pause.setCheckable(True)

    def _exchange_case_menu(self, case_menu: Any) -> None:
        self.act_sign_off = self._action(case_menu, "&Sign off case…", "Ctrl+Shift+S",
                                         self.sign_off_current)

    def _setup_exchange(self) -> None:
        self.inbox = InboxController(self.session, self._queue_inbox_file,
                                     parent=self)  # type: ignore[arg-type]
        self.inbox_bar = InboxBar()
        layout = self.queue_panel.layout()
        if layout is not None:
            layout.insertWidget(0, self.inbox_bar)  # type: ignore[attr-defined]
        self.inbox_bar.pause_toggled.connect(self.inbox.set_paused)
        self.inbox.changed.connect(self._inbox_changed)
        self.inbox.queued.connect(self._inbox_queued)
        self.queue_panel.doc_note = self.inbox.arrival_note
        self.queue_panel.case_note = self._case_note
        self._signed: dict[str, bool] = {}
        self.decision_updated.connect(self._case_changed)
        self._inbox_changed()
        self.inbox.start()

    def _stop_exchange(self) -> None:
        if hasattr(self, "inbox"):
            self.inbox.stop()

    # inbox ------------------------------------------------------------------------------
    def _queue_inbox_file(self, path: str) -> str:
        return self.session.add_document(path).id

    def _inbox_queued(self, doc_ids: list[str]) -> None:
        self.refresh_queue()
        self.start_pending()
        if self.current_doc is None and doc_ids:
            self.show_document(doc_ids[0])

    def _inbox_changed(self) -> None:
        s = self.inbox.settings
        self.inbox_bar.show_state(folders=s.folders, waiting=self.inbox.waiting,
                                  paused=s.paused, unreachable=self.inbox.unreachable,
                                  last_arrival=self.inbox.last_arrival,
                                  interval_s=s.interval_s)
        self.act_inbox_pause.setChecked(s.paused)
        self.act_inbox_pause.setEnabled(bool(s.folders))

    def edit_inbox(self) -> None:
        chosen = edit_inbox_settings(self, self.inbox.settings,  # type: ignore[arg-type]
                                     self.inbox.unreachable)
        if chosen is None:
            return
        problems = chosen.problems()
        if problems:
            dialogs.error(self, "Inbox folders", "; ".join(problems))  # type: ignore[arg-type]
            return
        self.inbox.apply(chosen)

    def toggle_inbox_pause(self) -> None:
        self.inbox.set_paused(not self.inbox.paused)

    # sign-off ---------------------------------------------------------------------------
    def _case_note(self, case_id: str) -> str | None:
        if case_id not in self._signed:
            self._signed[case_id] = signoff.current(self.session, case_id) is not None
        return "✓ signed off" if self._signed[case_id] else None

    def _case_changed(self, case_id: str) -> None:
        """After the decision panel refreshed: has the case's sign-off been voided?"""
        if not hasattr(self, "_signed"):
            return
        before = self._signed.get(case_id)
        self._signed.pop(case_id, None)
        if before is not None and before != (self._case_note(case_id) is not None):
            self.refresh_queue()

    def sign_off_current(self) -> bool:
        parent: QWidget = self  # type: ignore[assignment]
        case_id = self.current_case
        if case_id is None:
            dialogs.info(parent, "Sign off case", "Open and review a case first.")
            return False
        problems = signoff.blockers(self.session, case_id)
        if problems:
            dialogs.info(parent, "The case cannot be signed off yet",
                         "\n".join(f"• {p}" for p in problems))
            return False
        result = self.session.decide(case_id)
        decision = result.decision
        assert decision is not None
        case = self.session.cases[case_id]
        verdict = DECISION_TEXT[decision.decision]
        if decision.group:
            verdict += f", group {decision.group}"
        move = (" Its inbox files will be moved to the done folder."
                if self.inbox.settings.move_when_signed_off else "")
        if not confirm(parent, "Sign off case",
                       f"Sign off this case as {self.session.reviewer}?\n\n"
                       f"{POLICY_TEXT.get(case.policy, case.policy)}: {verdict}.\n\n"
                       "The sign-off is recorded in the audit log; changing a value later "
                       f"undoes it.{move}"):
            return False
        signoff.sign_off(self.session, case_id)
        moved = self.inbox.move_case_to_done(case_id)
        self._signed[case_id] = True
        self.refresh_queue()
        self.refresh_case()
        self.status.setText("Case signed off" + (f"; {moved} file(s) moved to done"
                                                 if moved else ""))
        return True

    # exports ----------------------------------------------------------------------------
    def export_fhir(self) -> str | None:
        parent: QWidget = self  # type: ignore[assignment]
        case_id = self.current_case
        if case_id is None:
            dialogs.info(parent, "Export case as FHIR", "Open a case first.")
            return None
        if signoff.current(self.session, case_id) is None:
            dialogs.info(parent, "Export case as FHIR",
                         "Only a signed-off case can be exported. Sign it off first: "
                         "Case ▸ Sign off case (Ctrl+Shift+S).")
            return None
        path = ask_save_path(parent, "Export case as FHIR", "case-fhir-r4.json",
                             "FHIR JSON (*.json)", ".json")
        if not path:
            return None
        from desktop_app.export_fhir import FhirExportError, export_case

        try:
            export_case(self.session, case_id, path)
        except (FhirExportError, signoff.SignOffError, OSError) as exc:
            dialogs.error(parent, "Export case as FHIR", str(exc))
            return None
        log.info("case exported as FHIR R4")
        self.status.setText(f"FHIR R4 bundle saved to {path}")
        return path

    def export_worklist(self) -> str | None:
        parent: QWidget = self  # type: ignore[assignment]
        path = ask_save_path(parent, "Export worklist as CSV", "worklist.csv", "CSV (*.csv)",
                             ".csv")
        if not path:
            return None
        from desktop_app.export_csv import export_worklist

        try:
            count = export_worklist(self.session, path)
        except OSError as exc:
            dialogs.error(parent, "Export worklist as CSV", str(exc))
            return None
        self.status.setText(f"Worklist of {count} case(s) saved to {Path(path).name}")
        return path
