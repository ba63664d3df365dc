"""The values panel (right): every value read or typed for the case, with its status, and the
yes / no / unknown questions of the chosen policy (`questions_panel`).

Keys (when the list has focus): Enter confirms the selected value(s) and moves to the next one
still to check, F2 edits, Delete rejects; Ctrl+N adds a value by hand. The panel shows; the
main window acts (through the session).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

import rules
from desktop_app.questions_panel import QuestionsPanel
from desktop_app.review_model import STATUS_TEXT, ValueItem, label, value_text

LOW_CONFIDENCE = 0.9
STATUS_COLOURS = {"found": QColor(176, 96, 0), "confirmed": QColor(0, 120, 50),
                  "edited": QColor(0, 120, 50), "entered": QColor(0, 120, 50),
                  "rejected": QColor(130, 130, 130)}


class ValuesPanel(QWidget):
    """Values with their status, and the tri-state questions.

    Signals:
        selected(item_id): the current value changed ("" for none).
        confirm_requested(ids), reject_requested(ids), edit_requested(item_id),
        add_requested(), answer_changed(fact, value or None).
    """

    selected = Signal(str)
    confirm_requested = Signal(list)
    reject_requested = Signal(list)
    edit_requested = Signal(str)
    add_requested = Signal()
    answer_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Value", "Status"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(lambda *_: self._edit())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a15c00")
        self.warnings.hide()
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.act_confirm = self._action("&Confirm value", "Return", self._confirm)
        self.act_confirm.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.act_edit = self._action("&Edit value…", "F2", self._edit)
        self.act_reject = self._action("&Reject value", "Delete", self._reject)
        self.act_add = self._action("&Add a value by hand…", "Ctrl+N", self.add_requested.emit)
        for action in (self.act_confirm, self.act_edit, self.act_reject):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)
        buttons = QHBoxLayout()
        for action, text in ((self.act_confirm, "Confirm  ⏎"), (self.act_edit, "Edit  F2"),
                             (self.act_reject, "Reject  Del"), (self.act_add, "Add…")):
            button = QPushButton(text)
            button.setToolTip(action.text().replace("&", ""))
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)

        self.questions = QuestionsPanel()
        self.questions.answer_changed.connect(self.answer_changed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.questions)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.warnings)
        top_layout.addWidget(self.tree, 1)
        top_layout.addWidget(self.source)
        top_layout.addWidget(self.hint)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # the questions are built per case: share the height now, not by the empty panel's
        # size hint (Qt scales these to the space there is)
        splitter.setSizes([550, 450])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self._items: dict[str, ValueItem] = {}
        self._rows: dict[str, QTreeWidgetItem] = {}
        self._updating = False

    def _action(self, text: str, shortcut: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def actions_list(self) -> list[QAction]:
        return [self.act_confirm, self.act_edit, self.act_reject, self.act_add]

    @property
    def combos(self) -> dict[str, QComboBox]:
        """The questions' answer boxes, by fact (those of the case shown)."""
        return self.questions.combos

    # showing ----------------------------------------------------------------------------
    def show_case(self, items: list[ValueItem], doc_names: dict[str, str],
                  answers: dict[str, Any], needed: list[str],
                  conflicts: dict[str, list[str]],
                  questions: list[rules.Question] | None = None, route: str = "") -> None:
        """Fill the list for one case; keeps the selection when the same values are shown.
        ``questions``: those the case's policy asks (none when no case is shown)."""
        current = self.current_id()
        self._updating = True
        self.tree.clear()
        self._items = {i.id: i for i in items}
        self._rows = {}
        bold = QFont(self.font())
        bold.setBold(True)
        groups: dict[str | None, QTreeWidgetItem] = {}
        for item in items:
            group = groups.get(item.doc_id)
            if group is None:
                group = QTreeWidgetItem(self.tree)
                title = ("Typed by hand" if item.doc_id is None
                         else Path(doc_names.get(item.doc_id, "?")).name)
                group.setText(0, title)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setFont(0, bold)
                groups[item.doc_id] = group
            row = QTreeWidgetItem(group)
            row.setData(0, Qt.ItemDataRole.UserRole, item.id)
            text = f"{label(item)}: {value_text(item)}"
            page = f"  (p.{item.page})" if item.page else ""
            row.setText(0, f"{label(item)}{page}\n{value_text(item)}")
            status = STATUS_TEXT[item.status]
            if item.confidence is not None and item.confidence < LOW_CONFIDENCE:
                status += f"\nconf. {item.confidence:.2f}"
            if item.id in conflicts:
                status += "\n⚠ conflict"
            row.setText(1, status)
            tip = [text]
            if item.confidence is not None:
                tip.append(f"Confidence {item.confidence:.2f}")
            if item.evidence:
                tip.append(f"Source text: “{item.evidence.get('text', '')}”")
            if item.original != item.value and item.original is not None:
                tip.append("Edited; the document said something else.")
            tip.extend(item.notes)
            if item.id in conflicts:
                tip.append("Disagrees with another value: confirm one, reject the other.")
            if item.reviewer:
                tip.append(f"{STATUS_TEXT[item.status].capitalize()} by {item.reviewer}")
            row.setToolTip(0, "\n".join(tip))
            colour = STATUS_COLOURS[item.status]
            if item.id in conflicts:
                colour = QColor(200, 0, 30)
            row.setForeground(1, QBrush(colour))
            if item.status == "found":
                row.setFont(0, bold)
            if item.status == "rejected":
                font = QFont(self.font())
                font.setStrikeOut(True)
                row.setFont(0, font)
                row.setForeground(0, QBrush(STATUS_COLOURS["rejected"]))
            self._rows[item.id] = row
        self.questions.show_questions(questions or [], answers, needed, route)
        pending = sum(1 for i in items if i.status == "found")
        if not items:
            self.hint.setText("No values yet.")
        elif pending:
            self.hint.setText(f"{pending} value(s) to check: select one, look at its box, then "
                              "Enter to confirm, F2 to edit, Delete to reject. Unconfirmed "
                              "values do not count.")
        else:
            self.hint.setText("Every value has been checked.")
        self.tree.expandAll()
        self._updating = False
        if current in self._rows:
            self.tree.setCurrentItem(self._rows[current])
        elif items:
            self.select(self._first_pending() or items[0].id)

    def show_warnings(self, lines: list[str]) -> None:
        """The extractor's warnings for the case's documents (they hold no patient values)."""
        self.warnings.setText("\n".join(f"⚠ {line}" for line in lines))
        self.warnings.setVisible(bool(lines))

    def current_id(self) -> str | None:
        row = self.tree.currentItem()
        value = row.data(0, Qt.ItemDataRole.UserRole) if row else None
        return str(value) if value else None

    def selected_ids(self) -> list[str]:
        ids = [str(r.data(0, Qt.ItemDataRole.UserRole)) for r in self.tree.selectedItems()
               if r.data(0, Qt.ItemDataRole.UserRole)]
        current = self.current_id()
        return ids or ([current] if current else [])

    def select(self, item_id: str) -> None:
        row = self._rows.get(item_id)
        if row is not None:
            self.tree.setCurrentItem(row)
            self.tree.scrollToItem(row)

    def focus_question(self, fact: str | None = None) -> bool:
        """Put the focus on the question for ``fact`` (or the first); False if none."""
        return self.questions.focus(fact)

    def _first_pending(self, after: str | None = None) -> str | None:
        ids = list(self._rows)
        start = ids.index(after) + 1 if after in ids else 0
        for item_id in ids[start:] + ids[:start]:
            if self._items[item_id].status == "found":
                return item_id
        return None

    # acting -----------------------------------------------------------------------------
    def _show_source(self, item_id: str | None) -> None:
        item = self._items.get(item_id or "")
        if item is None:
            self.source.setText("")
            return
        if item.evidence is None:
            text = "Typed by hand." if item.doc_id is None else "Read from the document."
        else:
            text = f"Source (p.{item.page}): “{item.evidence.get('text', '')}”"
            if item.confidence is not None:
                text += f" · confidence {item.confidence:.2f}"
        if item.original is not None and item.original != item.value:
            text += " · edited"
        text += "".join(f" · ⚠ {note}" for note in item.notes)
        self.source.setText(text)

    def _current_changed(self, current: QTreeWidgetItem | None, _prev: object) -> None:
        value = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self._show_source(str(value) if value else None)
        if not self._updating:
            value = current.data(0, Qt.ItemDataRole.UserRole) if current else None
            self.selected.emit(str(value) if value else "")

    def _confirm(self) -> None:
        ids = self.selected_ids()
        if ids:
            nxt = self._first_pending(after=ids[-1])
            self.confirm_requested.emit(ids)
            if nxt and nxt not in ids and nxt in self._rows:
                self.select(nxt)

    def _reject(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.reject_requested.emit(ids)

    def _edit(self) -> None:
        current = self.current_id()
        if current:
            self.edit_requested.emit(current)
