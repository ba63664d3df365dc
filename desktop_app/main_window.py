"""The main window: queue (left), document (centre), values and decision (right).

It wires the panels to the `ReviewSession` (state, autosave, audit) and the `ReadQueue`
(background reading). Every action is a menu item with its shortcut shown; docks and window
geometry are remembered in `QSettings`. The window holds no rule logic: decisions come from
`rules.decide` through the session and are shown as given.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

import rules
from desktop_app import dialogs, reviewer
from desktop_app.decision_panel import DecisionPanel
from desktop_app.document_view import DocumentView
from desktop_app.page_render import IMAGE_SUFFIXES
from desktop_app.queue_panel import QueuePanel
from desktop_app.review_model import find_conflicts
from desktop_app.segments import segments_html
from desktop_app.session import CaseResult, ReviewSession
from desktop_app.summary_printer import (
    build_summary,
    make_printer,
    paint_to_printer,
    render_to_pdf,
    summary_html,
)
from desktop_app.values_panel import ValuesPanel
from desktop_app.window_exchange import ExchangeMixin
from desktop_app.workers import Extractor, ReadQueue

log = logging.getLogger(__name__)

SUPPORTED = (".pdf", *IMAGE_SUFFIXES)
LIST_FACTS = rules.LIST_FACTS


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given, folders replaced by the supported documents inside them (sorted)."""
    out: list[str] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*"))
                       if f.is_file() and f.suffix.lower() in SUPPORTED)
        else:
            out.append(str(p))
    return out


class MainWindow(ExchangeMixin, QMainWindow):
    """The review window.

    Signals:
        document_read(doc_id): a document finished reading and its values are shown.
        decision_updated(case_id): the decision panel was refreshed.
    """

    document_read = Signal(str)
    decision_updated = Signal(str)

    def __init__(self, session: ReviewSession, *, extractor: Extractor | None = None,
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Oxygen Intake")
        self.setObjectName("MainWindow")
        self.session = session
        self.settings = settings
        self.reader = ReadQueue(extractor, parent=self)
        self.reader.progress.connect(self._on_progress)
        self.reader.finished.connect(self._on_read)
        self.current_case: str | None = None
        self.current_doc: str | None = None
        self.page_choice: dict[str, str] = {}
        """Documents read only in part: document id → page range (``"1-40,88"``)."""
        self._requeue: set[str] = set()
        """Documents whose read was cancelled to read them again with another page range."""
        self.last_result: CaseResult | None = None
        self.audit_badge: QLabel | None = None

        self.document = DocumentView()
        self.setCentralWidget(self.document)
        self.queue_panel = QueuePanel()
        self.values = ValuesPanel()
        self.decision = DecisionPanel()
        self.queue_dock = self._dock("Queue", "QueueDock", self.queue_panel,
                                     Qt.DockWidgetArea.LeftDockWidgetArea)
        self.values_dock = self._dock("Values", "ValuesDock", self.values,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.decision_dock = self._dock("Decision", "DecisionDock", self.decision,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.values_dock, self.decision_dock, Qt.Orientation.Horizontal)
        self.status = QLabel("")
        self.statusBar().addWidget(self.status, 1)

        self.queue_panel.document_selected.connect(self.show_document)
        self.queue_panel.case_selected.connect(self.show_case)
        self.values.selected.connect(self._value_selected)
        self.values.confirm_requested.connect(self.confirm)
        self.values.reject_requested.connect(self.reject)
        self.values.edit_requested.connect(self.edit)
        self.values.add_requested.connect(self.add_manual)
        self.values.answer_changed.connect(self.answer)
        self.document.box_clicked.connect(self.values.select)
        self.decision.request_changed.connect(self._request_changed)
        self.decision.missing_activated.connect(self._missing_activated)
        self._build_menus()
        self._setup_exchange()
        self.setAcceptDrops(True)
        self._restore_layout()
        self.refresh_queue()
        first = session.ordered_documents()
        if first:
            self.show_document(first[0].id)
        else:
            self.refresh_case()
        QTimer.singleShot(0, self.start_pending)

    # layout -----------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, menu: Any, text: str, shortcut: str | QKeySequence.StandardKey | None,
                slot: Any) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.act_open = self._action(file_menu, "&Open documents…", QKeySequence.StandardKey.Open,
                                     self.open_files)
        self._action(file_menu, "Open &sample referral", None, self.open_sample)
        file_menu.addSeparator()
        self.act_print = self._action(file_menu, "&Print summary…", QKeySequence.StandardKey.Print,
                                      self.print_summary)
        self.act_export = self._action(file_menu, "&Export summary as PDF…", "Ctrl+E",
                                       self.export_pdf)
        self._exchange_file_menu(file_menu)
        file_menu.addSeparator()
        self.act_preferences = self._action(file_menu, "P&references…", "Ctrl+,",
                                            self.open_preferences)
        self.act_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", "Ctrl+Q", self.close)

        review = bar.addMenu("&Review")
        for action in self.values.actions_list():
            review.addAction(action)
            if action is self.values.act_add:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                self.addAction(action)

        case_menu = bar.addMenu("&Case")
        self._action(case_menu, "&Put selected documents into one case", "Ctrl+G",
                     self.group_selected)
        self._action(case_menu, "&Take document out of its case", "Ctrl+Shift+G",
                     self.ungroup_current)
        self._exchange_case_menu(case_menu)
        case_menu.addSeparator()
        self._action(case_menu, "&Cancel reading", "Ctrl+.", self.cancel_current)
        self._action(case_menu, "Read &again", "Ctrl+Shift+R", self.reread_current)
        self._action(case_menu, "Read &pages…", "Ctrl+Shift+O", self.read_pages_current)
        self._action(case_menu, "&Remove document from the queue", "Ctrl+Shift+Del",
                     self.remove_current)

        view = bar.addMenu("&View")
        for action in self.document.actions_list():
            view.addAction(action)
        view.addSeparator()
        for text, key, target in (("Go to &queue", "Ctrl+1", self.queue_panel.tree),
                                  ("Go to &document", "Ctrl+2", self.document.view),
                                  ("Go to &values", "Ctrl+3", self.values.tree),
                                  ("Go to &decision", "Ctrl+4", self.decision.policy)):
            self._action(view, text, key,
                         lambda _=False, t=target: t.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self._action(view, "Go to q&uestions", "Ctrl+5", self._focus_questions)
        view.addSeparator()
        for dock in (self.queue_dock, self.values_dock, self.decision_dock):
            view.addAction(dock.toggleViewAction())

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry") if self.settings else None
        state = self.settings.value("window/state") if self.settings else None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if state is not None:
            self.restoreState(state)
        else:
            QTimer.singleShot(0, self._default_dock_sizes)

    def _default_dock_sizes(self) -> None:
        """First start: a readable share for each panel, in proportion to the window."""
        width = self.width()
        self.resizeDocks([self.queue_dock, self.values_dock, self.decision_dock],
                         [int(width * 0.12), int(width * 0.24), int(width * 0.23)],
                         Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState())
            self.settings.sync()
        self._stop_exchange()
        self.reader.cancel_all()
        self.reader.wait(10000)
        self.document.clear()  # closes the document's file
        super().closeEvent(event)

    # import -----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    def open_files(self) -> None:
        files = dialogs.open_files(self)
        if files:
            self.add_files(files)

    def open_sample(self) -> None:
        from desktop_app.app import sample_path

        self.add_files([str(sample_path())])

    def add_files(self, paths: list[str]) -> list[str]:
        """Queue files (folders are searched); returns the new document ids."""
        ids = []
        for path in expand_paths(paths):
            ids.append(self.session.add_document(path).id)
        self.refresh_queue()
        self.start_pending()
        if ids and self.current_doc is None:
            self.show_document(ids[0])
        self.status.setText(f"{len(ids)} document(s) added")
        return ids

    def start_pending(self) -> None:
        for doc in self.session.pending_documents():
            self.session.set_status(doc.id, "reading")
            self.reader.submit(doc.id, doc.path, self.page_choice.get(doc.id))
        self.refresh_queue()

    def _on_progress(self, doc_id: str, page: int, total: int) -> None:
        self.queue_panel.set_progress(doc_id, page, total)

    def _on_read(self, doc_id: str, extraction: Any, cancelled: bool) -> None:
        if doc_id not in self.session.docs:
            return
        if doc_id in self._requeue:  # cancelled to be read again, other pages
            self._requeue.discard(doc_id)
            self.session.set_status(doc_id, "queued")
            self.start_pending()
            return
        if cancelled:
            self.session.set_status(doc_id, "cancelled", "reading was cancelled")
        else:
            self.session.finish_reading(doc_id, extraction)
        self.refresh_queue()
        if self.current_doc in (None, doc_id):
            self.show_document(doc_id)
        elif self.current_case == self.session.docs[doc_id].case_id:
            self.refresh_case()
        self.document_read.emit(doc_id)

    # showing ----------------------------------------------------------------------------
    def refresh_queue(self) -> None:
        self.queue_panel.refresh(self.session)
        busy = sum(1 for d in self.session.docs.values() if d.status in ("queued", "reading"))
        review = sum(1 for d in self.session.docs.values() if d.status == "review")
        self.status.setText(f"{busy} reading · {review} to review · reviewer: "
                            f"{self.session.reviewer}")

    def show_case(self, case_id: str) -> None:
        docs = self.session.case_documents(case_id)
        if docs:
            self.show_document(docs[0].id, select_row=False)
            self.current_case = case_id

    def show_document(self, doc_id: str, select_row: bool = True) -> None:
        doc = self.session.docs.get(doc_id)
        if doc is None:
            return
        self.current_doc = doc_id
        self.current_case = doc.case_id
        if select_row:
            self.queue_panel.select(doc_id)
        name = Path(doc.path).name
        if doc.status in ("review", "decided"):
            items = [i for i in self.session.case_items(doc.case_id) if i.doc_id == doc_id]
            self._show_pages(doc_id, items)
        elif doc.status == "error":
            self.document.show_message(f"{name} could not be read:\n{doc.error}")
        elif doc.status == "cancelled":
            self.document.show_message(f"Reading {name} was cancelled. "
                                       "Case ▸ Read again (Ctrl+Shift+R) reads it again.")
        else:
            self.document.show_message(f"Reading {name}…")
        self.refresh_case()

    def _show_pages(self, doc_id: str, items: list[Any]) -> None:
        extraction = self.session.extraction(doc_id)
        info = extraction.page_info if extraction else []
        count = max([extraction.pages if extraction else 0, *(p.page for p in info)])
        sizes: list[tuple[float, float] | None] = [None] * count
        rotations = [0] * count
        for p in info:  # only the pages read (all, or the range chosen) have info
            sizes[p.page - 1] = (p.width, p.height)
            rotations[p.page - 1] = p.rotation
        self.document.show_document(self.session.docs[doc_id].path, items, sizes or None,
                                    rotations)
        self.document.set_segments(segments_html(extraction))

    def refresh_case(self) -> None:
        case_id = self.current_case
        if case_id is None or case_id not in self.session.cases:
            self.values.show_case([], {}, {}, [], {})
            self.values.setEnabled(False)
            self.decision.show_result(None)
            return
        case = self.session.cases[case_id]
        docs = self.session.case_documents(case_id)
        self.values.setEnabled(True)
        if not any(d.status in ("review", "decided") for d in docs):
            waiting = any(d.status in ("queued", "reading") for d in docs)
            self.values.show_case([], {}, {}, [], {})
            self.values.show_warnings([])
            self.values.setEnabled(False)
            self.decision.show_waiting("Reading the documents…" if waiting
                                       else "Nothing could be read")
            self.last_result = None
            self.refresh_queue()
            return
        result = self.session.decide(case_id)
        self.last_result = result
        items = self.session.case_items(case_id)
        names = {d.id: d.path for d in self.session.case_documents(case_id)}
        needed = result.decision.missing_facts if result.decision else []
        self.values.show_case(items, names, self.session.answers.get(case_id, {}), needed,
                              find_conflicts(items), self.session.questions(case_id),
                              self.session.route_title(case_id))
        warnings = []
        for doc in docs:
            data = doc.extraction or {}
            warnings += [f"{Path(doc.path).name}: {w}" for w in data.get("warnings", [])]
            if doc.status == "error":
                warnings.append(f"{Path(doc.path).name} could not be read: {doc.error}")
        self.values.show_warnings(warnings)
        self.decision.set_request(case.policy, case.request_type, case.request_date)
        self.decision.show_result(result)
        if self.current_doc is not None:
            self.document.update_items([i for i in items if i.doc_id == self.current_doc])
            self.document.select_item(self.values.current_id())
        self.refresh_queue()
        self.decision_updated.emit(case_id)

    def _value_selected(self, item_id: str) -> None:
        item = self.session.items.get(item_id)
        if item is None:
            return
        if item.doc_id is not None and item.doc_id != self.current_doc:
            self.current_doc = item.doc_id
            doc = self.session.docs[item.doc_id]
            self._show_pages(doc.id, [i for i in self.session.case_items(doc.case_id)
                                      if i.doc_id == doc.id])
            self.queue_panel.select(doc.id)
        self.document.select_item(item_id)

    # review actions ---------------------------------------------------------------------
    def confirm(self, ids: list[str]) -> None:
        for item_id in ids:
            self.session.confirm(item_id)
        self.refresh_case()

    def reject(self, ids: list[str]) -> None:
        for item_id in ids:
            self.session.reject(item_id)
        self.refresh_case()

    def edit(self, item_id: str) -> None:
        item = self.session.items[item_id]
        value = dialogs.edit_value(self, item.key, item.value, LIST_FACTS)
        if value is None:
            return
        try:
            self.session.edit(item_id, value)
        except rules.FactsError as exc:
            dialogs.error(self, "This value cannot be used", str(exc))
            return
        self.refresh_case()

    def add_manual(self, preset: str | None = None) -> None:
        if self.current_case is None:
            dialogs.info(self, "No case", "Open a document first.")
            return
        answer = dialogs.add_value(self, preset if isinstance(preset, str) else None,
                                   LIST_FACTS)
        if answer is None:
            return
        key, value = answer
        try:
            self.session.add_manual(self.current_case, key, value)
        except rules.FactsError as exc:
            dialogs.error(self, "This value cannot be used", str(exc))
            return
        self.refresh_case()

    def answer(self, fact: str, value: Any) -> None:
        if self.current_case is None:
            return
        self.session.answer(self.current_case, fact, value)
        self.refresh_case()

    def _request_changed(self, policy: str, request_type: str, request_date: str) -> None:
        if self.current_case is None:
            return
        if request_date:
            try:
                rules.parse_facts({"request_date": request_date})
            except rules.FactsError as exc:
                dialogs.error(self, "Request date", str(exc))
                return
        self.session.set_request(self.current_case, policy=policy, request_type=request_type,
                                 request_date=request_date)
        self.refresh_case()

    def _missing_activated(self, fact: str) -> None:
        if not self.values.focus_question(fact):
            self.add_manual(fact)

    def _focus_questions(self) -> None:
        self.values.focus_question()

    # cases ------------------------------------------------------------------------------
    def group_selected(self) -> None:
        docs = self.queue_panel.selected_documents()
        if len(docs) < 2:
            dialogs.info(self, "Put documents into one case",
                         "Select two or more documents in the queue (Ctrl+click or "
                         "Shift+arrows), then press Ctrl+G.")
            return
        case_id = self.session.group(docs)
        self.refresh_queue()
        self.current_case = case_id
        self.show_document(docs[0])

    def ungroup_current(self) -> None:
        if self.current_doc is None:
            return
        self.session.ungroup(self.current_doc)
        self.refresh_queue()
        self.show_document(self.current_doc)

    def cancel_current(self) -> None:
        targets = self.queue_panel.selected_documents() or (
            [self.current_doc] if self.current_doc else [])
        for doc_id in targets:
            self.reader.cancel(doc_id)

    def reread_current(self) -> None:
        if self.current_doc is None:
            return
        doc = self.session.docs[self.current_doc]
        if doc.status in ("error", "cancelled"):
            self.session.set_status(doc.id, "queued")
            self.start_pending()
            self.show_document(doc.id)

    def read_pages_current(self) -> bool:
        """Read the current document again, only the pages the reviewer names (a long chart:
        the pages with the test). An empty answer reads every page. True when it was queued."""
        if self.current_doc is None:
            return False
        from extractors.read.page_ranges import parse_pages

        doc = self.session.docs[self.current_doc]
        reviewed = [i for i in self.session.items.values()
                    if i.doc_id == doc.id and i.status != "found"]
        if reviewed:
            dialogs.info(self, "Read pages", f"{len(reviewed)} value(s) of this document were "
                         "already reviewed, and reading it again would discard them. To read "
                         "other pages, open the file again (Ctrl+O): it is added as a new "
                         "document.")
            return False
        extraction = self.session.extraction(doc.id)
        total = f" of {extraction.pages}" if extraction and extraction.pages else ""
        text = dialogs.ask_text(self, "Read pages", f"Pages to read{total}, e.g. 1-40,88 or 200- "
                                "(leave empty for all pages):", self.page_choice.get(doc.id, ""))
        if text is None:
            return False
        if text.strip():
            try:
                self.page_choice[doc.id] = str(parse_pages(text))
            except ValueError as exc:
                dialogs.info(self, "Read pages", f"{exc}.")
                return False
        else:
            self.page_choice.pop(doc.id, None)
        if doc.id in self.reader.jobs:  # being read: read again once the cancel lands
            self._requeue.add(doc.id)
            self.reader.cancel(doc.id)
        else:
            self.session.set_status(doc.id, "queued")
            self.start_pending()
        self.show_document(doc.id)
        return True

    def remove_current(self) -> None:
        if self.current_doc is None:
            return
        doc_id = self.current_doc
        self.reader.cancel(doc_id)
        self.session.remove_document(doc_id)
        self.current_doc = self.current_case = None
        self.document.clear()
        self.refresh_queue()
        remaining = self.session.ordered_documents()
        if remaining:
            self.show_document(remaining[0].id)
        else:
            self.refresh_case()

    # output -----------------------------------------------------------------------------
    def open_preferences(self) -> None:
        """File ▸ Preferences (Ctrl+,): the reviewer's name, kept in the settings."""
        name = reviewer.ask_name(self, first_start=False, current=self.session.reviewer)
        if name:
            self.session.reviewer = name
            reviewer.save_name(self.settings, name)
            self.refresh_queue()

    def _summary_html(self) -> str | None:
        if self.current_case is None:
            dialogs.info(self, "No case", "Open and review a document first.")
            return None
        return summary_html(build_summary(self.session, self.current_case))

    def export_pdf(self) -> str | None:
        text = self._summary_html()
        if text is None:
            return None
        path = dialogs.save_pdf_path(self, "decision-summary.pdf")
        if not path:
            return None
        pages = render_to_pdf(text, path)
        log.info("summary exported (%d page(s))", pages)
        self.status.setText(f"Summary saved to {path}")
        return path

    def print_summary(self) -> bool:
        text = self._summary_html()
        if text is None:
            return False
        printer = make_printer()
        return dialogs.print_with_preview(self, printer,
                                          lambda p: paint_to_printer(p, text))
