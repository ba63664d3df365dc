"""The decision panel: policy and request, the engine's decision, every criterion of the trace
as given (met / failed / missing / needs review, clause, explanation), and a checklist of the
missing facts. It renders `rules.Decision`; it computes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import rules
from desktop_app.session import CaseResult

POLICY_TEXT = {"medicare": "Medicare — NCD 240.2 + LCD L33797",
               "centene": "Centene — CP.MP.190"}
REQUEST_TEXT = {"initial": "Initial order", "reauthorization": "Renewal / recertification"}
DECISION_TEXT = {
    "qualifies": "Qualifies",
    "does_not_qualify": "Does not qualify",
    "needs_review": "Needs review",
    "insufficient_information": "Insufficient information",
}
DECISION_COLOURS = {"qualifies": "#0a7d32", "does_not_qualify": "#b00020",
                    "needs_review": "#a15c00", "insufficient_information": "#555555"}
STATUS_TEXT = {"met": "✓ met", "failed": "✗ failed", "missing": "? missing",
               "review": "! review", "info": "· note"}
STATUS_COLOURS = {"met": QColor(0, 120, 50), "failed": QColor(176, 0, 32),
                  "missing": QColor(90, 90, 90), "review": QColor(161, 92, 0),
                  "info": QColor(110, 110, 110)}


def fact_title(name: str) -> str:
    """How a missing fact is named in the checklist (the rules' own wording)."""
    return rules.fact_label(name)


class DecisionPanel(QWidget):
    """Policy, request type and date, and the result for the current case.

    Signals:
        request_changed(policy, request_type, request_date): the user changed the request.
        missing_activated(fact): the user picked a missing fact in the checklist.
    """

    request_changed = Signal(str, str, str)
    missing_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = QComboBox()
        for key in rules.POLICIES:
            self.policy.addItem(POLICY_TEXT.get(key, key), key)
        self.request_type = QComboBox()
        for key, text in REQUEST_TEXT.items():
            self.request_type.addItem(text, key)
        self.request_date = QLineEdit()
        self.request_date.setPlaceholderText("today")
        self.request_date.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000-00-00__"))
        self.request_date.setToolTip(
            "Date of the order being evaluated, YYYY-MM-DD (empty: today, "
            f"{QDate.currentDate().toString(Qt.DateFormat.ISODate)})")
        form = QFormLayout()
        form.addRow("&Policy:", self.policy)
        row = QHBoxLayout()
        row.addWidget(self.request_type, 1)
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.request_date)
        row.addWidget(date_label)
        row.addWidget(self.request_date)
        request_label = QLabel("Re&quest:")
        request_label.setBuddy(self.request_type)
        form.addRow(request_label, row)
        self.decision = QLabel("—")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.decision.setFont(font)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.version = QLabel("")
        self.version.setWordWrap(True)
        self.version.setStyleSheet("color: #666666")
        self.counting = QLabel("")
        self.counting.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Status", "Criterion", "Clause"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.missing_title = QLabel("Missing — please provide:")
        self.missing = QListWidget()
        self.missing.setWordWrap(True)
        self.missing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.missing.setToolTip("Enter or double-click: go to the question or add the value")
        self.missing.itemActivated.connect(
            lambda item: self.missing_activated.emit(str(item.data(Qt.ItemDataRole.UserRole))))
        self.reasons = QLabel("")
        self.reasons.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.decision)
        layout.addWidget(self.detail)
        layout.addWidget(self.version)
        layout.addWidget(self.counting)
        layout.addWidget(self.reasons)
        layout.addWidget(self.missing_title)
        layout.addWidget(self.missing)
        layout.addWidget(self.table, 1)
        self._updating = False
        self.policy.currentIndexChanged.connect(self._changed)
        self.request_type.currentIndexChanged.connect(self._changed)
        self.request_date.editingFinished.connect(self._changed)
        self.show_result(None)

    def _changed(self) -> None:
        if not self._updating:
            self.request_changed.emit(str(self.policy.currentData()),
                                      str(self.request_type.currentData()),
                                      self.request_date.text().strip())

    def set_request(self, policy: str, request_type: str, request_date: str | None) -> None:
        self._updating = True
        self.policy.setCurrentIndex(max(0, self.policy.findData(policy)))
        self.request_type.setCurrentIndex(max(0, self.request_type.findData(request_type)))
        self.request_date.setText(request_date or "")
        self._updating = False

    def show_waiting(self, text: str) -> None:
        """No decision yet because the case's documents are still being read."""
        self.show_result(None)
        self.decision.setText(text)

    def show_result(self, result: CaseResult | None) -> None:
        self.table.setRowCount(0)
        self.missing.clear()
        self.version.setText("")
        enabled = result is not None
        for widget in (self.policy, self.request_type, self.request_date):
            widget.setEnabled(enabled)
        if result is None:
            self.decision.setText("No case selected")
            self.decision.setStyleSheet("")
            self.detail.setText("")
            self.counting.setText("")
            self.reasons.setText("")
            self.missing_title.hide()
            self.missing.hide()
            return
        cf = result.case_facts
        excluded = len(cf.excluded)
        parts = [f"Only confirmed values count: {cf.counted} counted."]
        if excluded:
            parts.append(f"<b>{excluded} value(s) not confirmed yet — excluded.</b>")
        if cf.conflicts:
            parts.append(f"<span style='color:#b00020'><b>{len(cf.conflicts)} confirmed "
                         "value(s) disagree — reject one of each pair; until then neither "
                         "counts.</b></span>")
        self.counting.setText(" ".join(parts))
        if result.error or result.decision is None:
            self.decision.setText("Cannot decide")
            self.decision.setStyleSheet("color: #b00020")
            self.detail.setText(result.error or "")
            self.reasons.setText("")
            self.missing_title.hide()
            self.missing.hide()
            return
        d = result.decision
        self.decision.setText(DECISION_TEXT[d.decision])
        self.decision.setStyleSheet(f"color: {DECISION_COLOURS[d.decision]}")
        detail = []
        self.version.setText(f"Policy version: {d.policy_version}")
        if d.group:
            detail.append(f"Group {d.group}")
        if d.equipment:
            items = [n for n in ("stationary", "portable") if getattr(d.equipment, n)]
            detail.append("Equipment: " + (", ".join(items) or "none"))
        self.detail.setText(" · ".join(detail))
        self.detail.setVisible(bool(detail))
        reasons = list(d.review_reasons) + list(d.warnings)
        self.reasons.setText("\n".join(f"! {r}" for r in reasons))
        self.reasons.setVisible(bool(reasons))
        self.missing_title.setVisible(bool(d.missing_facts))
        self.missing.setVisible(bool(d.missing_facts))
        for fact in d.missing_facts:
            entry = QListWidgetItem(f"☐ {fact_title(fact)}")
            entry.setData(Qt.ItemDataRole.UserRole, fact)
            self.missing.addItem(entry)
        self.missing.setMaximumHeight(
            max(1, self.missing.sizeHintForRow(0)) * (min(len(d.missing_facts), 4) + 1))
        self.table.setRowCount(len(d.rules))
        for row, rule in enumerate(d.rules):
            status = QTableWidgetItem(STATUS_TEXT[rule.status])
            status.setForeground(QBrush(STATUS_COLOURS[rule.status]))
            name = QTableWidgetItem(f"{rule.id}\n{rule.explanation}")
            name.setToolTip(rule.explanation)
            clause = QTableWidgetItem(rule.citation)
            clause.setToolTip(rule.citation)
            self.table.setItem(row, 0, status)
            self.table.setItem(row, 1, name)
            self.table.setItem(row, 2, clause)
        self.table.resizeRowsToContents()
