"""The queue (left): cases, each with its documents and their reading status.

A case is one patient's request; its documents are listed under it. Select several documents
and press Ctrl+G to put them into one case; Ctrl+Shift+G takes a document out again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.session import DOC_STATUS_TEXT, ReviewSession

STATUS_COLOURS = {"queued": QColor(100, 100, 100), "reading": QColor(0, 90, 200),
                  "review": QColor(161, 92, 0), "decided": QColor(0, 120, 50),
                  "error": QColor(176, 0, 32), "cancelled": QColor(100, 100, 100)}
ROLE_KIND = Qt.ItemDataRole.UserRole
ROLE_ID = Qt.ItemDataRole.UserRole + 1


class QueuePanel(QWidget):
    """Cases and documents with status.

    Signals:
        document_selected(doc_id): a document row became current.
        case_selected(case_id): a case row became current.
    """

    document_selected = Signal(str)
    case_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 16))
        self.rows: dict[str, QTreeWidgetItem] = {}
        self.progress: dict[str, str] = {}
        self.doc_note: Callable[[str], str | None] = lambda _doc_id: None
        """An extra line for a document row (its inbox arrival)."""
        self.case_note: Callable[[str], str | None] = lambda _case_id: None
        """Added to a case row (signed off)."""
        self._updating = False

    def refresh(self, session: ReviewSession) -> None:
        current = self.current()
        self._updating = True
        self.tree.clear()
        self.rows = {}
        for number, case in enumerate(session.ordered_cases(), start=1):
            docs = session.case_documents(case.id)
            if not docs:
                continue
            name = next((i.value for i in session.case_items(case.id)
                         if i.key == "patient_name" and i.status != "rejected"), None)
            case_row = QTreeWidgetItem(self.tree)
            case_note = self.case_note(case.id)
            case_row.setText(0, f"Case {number}" + (f" — {name}" if name else "") + "\n"
                             + (f"{case_note} · " if case_note else "")
                             + f"{len(docs)} document(s)")
            case_row.setData(0, ROLE_KIND, "case")
            case_row.setData(0, ROLE_ID, case.id)
            case_row.setFlags(case_row.flags() & ~Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsSelectable)
            self.rows[case.id] = case_row
            for doc in docs:
                row = QTreeWidgetItem(case_row)
                status = DOC_STATUS_TEXT.get(doc.status, doc.status)
                if doc.status == "reading" and doc.id in self.progress:
                    status += f" {self.progress[doc.id]}"
                if doc.error:
                    status = f"error: {doc.error}"
                note = self.doc_note(doc.id)
                row.setText(0, f"{Path(doc.path).name}\n{status}"
                            + (f"\n{note}" if note else ""))
                row.setForeground(0, QBrush(STATUS_COLOURS.get(doc.status, QColor(0, 0, 0))))
                row.setToolTip(0, doc.path + (f"\n{doc.error}" if doc.error else ""))
                row.setData(0, ROLE_KIND, "document")
                row.setData(0, ROLE_ID, doc.id)
                self.rows[doc.id] = row
            case_row.setExpanded(True)
        if current and current[1] in self.rows:
            self.tree.setCurrentItem(self.rows[current[1]])
        self._updating = False

    def set_progress(self, doc_id: str, page: int, total: int) -> None:
        self.progress[doc_id] = f"{page}/{total}"
        row = self.rows.get(doc_id)
        if row is not None:
            name = row.text(0).split("\n")[0]
            row.setText(0, f"{name}\nreading page {page} of {total}")

    def current(self) -> tuple[str, str] | None:
        row = self.tree.currentItem()
        if row is None:
            return None
        return str(row.data(0, ROLE_KIND)), str(row.data(0, ROLE_ID))

    def selected_documents(self) -> list[str]:
        out = []
        for row in self.tree.selectedItems():
            if row.data(0, ROLE_KIND) == "document":
                out.append(str(row.data(0, ROLE_ID)))
            else:
                children = (row.child(index) for index in range(row.childCount()))
                out.extend(str(child.data(0, ROLE_ID)) for child in children if child)
        return list(dict.fromkeys(out))

    def select(self, row_id: str) -> None:
        """Make ``row_id`` current without emitting the selection signals."""
        row = self.rows.get(row_id)
        if row is not None:
            self._updating = True
            self.tree.setCurrentItem(row)
            self._updating = False

    def _current_changed(self, current: QTreeWidgetItem | None, _prev: object) -> None:
        if self._updating or current is None:
            return
        if current.data(0, ROLE_KIND) == "document":
            self.document_selected.emit(str(current.data(0, ROLE_ID)))
        else:
            self.case_selected.emit(str(current.data(0, ROLE_ID)))
