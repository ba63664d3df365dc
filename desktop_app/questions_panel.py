"""The yes / no / unknown questions of the chosen policy and request type.

Which questions, and their wording, come from the rules (`rules.questions`, through the
session, which also leaves out the facts the case's documents already give): this panel keeps
no list of facts of its own. A question the rules currently need is marked "needed".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

import rules

ANSWER_TEXT = ("unknown", "yes", "no")


class QuestionsPanel(QGroupBox):
    """One row per question: its wording and an unknown / yes / no choice.

    Signals:
        answer_changed(fact, True / False / None): the user answered.
    """

    answer_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Questions", parent)
        self.setObjectName("QuestionsPanel")
        self.outer = QVBoxLayout(self)
        self.route = QLabel("")
        self.route.setWordWrap(True)
        self.route.setStyleSheet("color: #555555")
        self.outer.addWidget(self.route)
        self.body = QWidget()
        self.outer.addWidget(self.body)
        self.empty = QLabel("")
        self.empty.setWordWrap(True)
        self.outer.addWidget(self.empty)
        self.outer.addStretch(1)
        self.combos: dict[str, QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.texts: dict[str, str] = {}
        self._updating = False

    def _rebuild(self, questions: Sequence[rules.Question]) -> None:
        """A fresh grid for a new list of questions (the old one goes, rows and all)."""
        self.outer.removeWidget(self.body)
        self.body.deleteLater()
        self.body = QWidget()
        self.form = QGridLayout(self.body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setColumnStretch(0, 1)
        self.outer.insertWidget(1, self.body)
        self.combos, self.labels = {}, {}
        self.texts = {q.fact: q.text for q in questions}
        for row, question in enumerate(questions):
            combo = QComboBox()
            combo.addItems(list(ANSWER_TEXT))
            combo.setAccessibleName(question.text)
            combo.currentIndexChanged.connect(
                lambda index, f=question.fact: self._answered(f, index))
            label = QLabel(question.text)
            label.setWordWrap(True)
            label.setBuddy(combo)
            self.form.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
            self.form.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignVCenter)
            self.combos[question.fact] = combo
            self.labels[question.fact] = label

    def show_questions(self, questions: Sequence[rules.Question], answers: dict[str, Any],
                       needed: Sequence[str], route: str = "") -> None:
        """Show ``questions`` (rebuilt only when the list changes), their answers, and which
        are needed now. ``route`` names the policy and request they belong to."""
        self._updating = True
        if [q.fact for q in questions] != list(self.combos):
            self._rebuild(questions)
        self.route.setText(f"For {route}:" if route else "")
        self.route.setVisible(bool(route))
        for fact, combo in self.combos.items():
            value = answers.get(fact)
            combo.setCurrentIndex(0 if value is None else (1 if value else 2))
            font = QFont(self.font())
            font.setBold(fact in needed)
            self.labels[fact].setFont(font)
            text = self.texts[fact]
            self.labels[fact].setText(f"● {text} — needed" if fact in needed else text)
        self.empty.setText("" if self.combos else
                           "Nothing to ask: the documents give what this policy needs.")
        self.empty.setVisible(not self.combos)
        self._updating = False

    def focus(self, fact: str | None = None) -> bool:
        combo = self.combos.get(fact) if fact else next(iter(self.combos.values()), None)
        if combo is None:
            return False
        combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _answered(self, fact: str, index: int) -> None:
        if not self._updating:
            self.answer_changed.emit(fact, None if index == 0 else index == 1)
