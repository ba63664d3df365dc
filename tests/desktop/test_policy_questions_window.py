"""The questions panel asks what the chosen policy and request type ask (from the rules), no
more; hides what the documents already answered; the window keeps no list of rule facts of
its own; and no internal wording reaches the screen or the printed summary."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app_helpers import confirm_all_with_enter, drop
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QWidget,
)

import desktop_app
import rules
from desktop_app.review_model import ValueItem, new_id
from desktop_app.summary_printer import build_summary, summary_html


def _open_sample(window: Any, qtbot: Any, sample_copy: Callable[[str], Path]) -> str:
    with qtbot.wait_signal(window.document_read, timeout=10000):
        drop(window, [sample_copy("referral.pdf")])
    assert window.current_case is not None
    return str(window.current_case)


def _choose(window: Any, policy: str | None = None, request_type: str | None = None) -> None:
    if policy:
        window.decision.policy.setCurrentIndex(window.decision.policy.findData(policy))
    if request_type:
        window.decision.request_type.setCurrentIndex(
            window.decision.request_type.findData(request_type))


def _shown(window: Any) -> list[str]:
    return list(window.values.combos)


def test_the_questions_follow_the_policy_and_request_type(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        sample_copy: Callable[[str], Path]) -> None:
    window = make_main_window(fake_extractor)
    case_id = _open_sample(window, qtbot, sample_copy)
    confirm_all_with_enter(window, qtbot)  # the date of birth gives the age
    age = window.session.case_facts(case_id).facts["age_years"]
    medicare = _shown(window)
    assert medicare == [q.fact for q in rules.questions("medicare", "initial")]
    assert "chronic_stable_state" not in medicare
    assert "alternative_treatments_tried_or_considered" not in medicare
    assert "Medicare, initial order" in window.values.questions.route.text()
    _choose(window, "centene")
    centene = _shown(window)
    assert centene == [q.fact for q in rules.questions("centene", "initial",
                                                       {"age_years": age})]
    assert {"chronic_stable_state", "alternative_treatments_tried_or_considered"} <= set(centene)
    assert "treating_practitioner_evaluated_test" not in centene
    _choose(window, "medicare", "reauthorization")
    assert "new_standard_written_order" in _shown(window)
    assert "test_at_time_of_need" not in _shown(window)
    texts = [window.values.questions.labels[f].text() for f in _shown(window)]
    assert all("_" not in t for t in texts)


def test_questions_the_documents_answered_are_hidden_until_rejected(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        sample_copy: Callable[[str], Path]) -> None:
    window = make_main_window(fake_extractor)
    case_id = _open_sample(window, qtbot, sample_copy)
    doc_id = window.current_doc
    assert "mobile_within_home" in _shown(window)
    read = ValueItem(new_id(), case_id, "mobile_within_home", True, doc_id=doc_id,
                     original=True, evidence={"page": 2, "bbox": [72, 100, 200, 110],
                                              "text": "ambulates in the home"})
    window.session.items[read.id] = read
    window.session.store.save_item(read)
    window.refresh_case()
    assert "mobile_within_home" not in _shown(window)
    window.reject([read.id])
    assert "mobile_within_home" in _shown(window)


def test_an_answer_stays_visible_even_when_a_document_gives_the_fact(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        sample_copy: Callable[[str], Path]) -> None:
    window = make_main_window(fake_extractor)
    case_id = _open_sample(window, qtbot, sample_copy)
    window.values.combos["mobile_within_home"].setCurrentIndex(2)  # "no"
    window.session.add_manual(case_id, "mobile_within_home", True)
    window.refresh_case()
    assert window.values.combos["mobile_within_home"].currentText() == "no"


def test_the_window_keeps_no_list_of_rule_facts() -> None:
    """No literal collection in desktop_app names several yes/no facts (the questions list
    it used to keep); the questions and their wording come from `rules`."""
    yes_no = set(rules.YES_NO_FACTS)
    offenders = []
    for path in Path(desktop_app.__file__).parent.rglob("*.py"):
        if path.name == "self_test.py":  # the smoke test's expected answers are test data
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                elements = node.keys if isinstance(node, ast.Dict) else node.elts
                names = set()
                for element in elements:
                    if isinstance(element, ast.Tuple) and element.elts:
                        element = element.elts[0]
                    if isinstance(element, ast.Constant) and element.value in yes_no:
                        names.add(element.value)
                if len(names) >= 2:
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


INTERNAL_WORDING = re.compile(r"\bseeds?\b|\bspec(ification)?\b|§\s*\d|\bTODO\b|\bFIXME\b",
                              re.IGNORECASE)


def _texts(widget: QWidget) -> list[str]:
    out = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    for child in widget.findChildren(QWidget):
        out += [child.toolTip(), child.accessibleName(), child.windowTitle()]
        if isinstance(child, QLabel | QAbstractButton):
            out.append(child.text())
        if isinstance(child, QLineEdit):
            out += [child.text(), child.placeholderText()]
        if isinstance(child, QComboBox):
            out += [child.itemText(i) for i in range(child.count())]
    for action in widget.findChildren(QAction):
        out += [action.text(), action.toolTip()]
    for table in widget.findChildren(QTableWidget):
        out += [table.item(r, c).text() for r in range(table.rowCount())
                for c in range(table.columnCount()) if table.item(r, c)]
    for checklist in widget.findChildren(QListWidget):
        out += [checklist.item(r).text() for r in range(checklist.count())]
    return [t for t in out if t]


def test_no_internal_wording_reaches_the_screen_or_the_summary(
        make_main_window: Callable[..., Any], fake_extractor: Any, qtbot: Any,
        sample_copy: Callable[[str], Path]) -> None:
    window = make_main_window(fake_extractor)
    case_id = _open_sample(window, qtbot, sample_copy)
    confirm_all_with_enter(window, qtbot)
    seen: list[str] = []
    for policy in rules.POLICIES:
        for request_type in ("initial", "reauthorization"):
            _choose(window, policy, request_type)
            seen += _texts(window)
            seen.append(summary_html(build_summary(window.session, case_id)))
    assert any(rules.POLICY_VERSIONS["medicare"] in t for t in seen)
    assert any("CP.MP.190 (Oxygen Use and Concentrators)" in t for t in seen)
    leaks = sorted({m.group(0) for t in seen for m in INTERNAL_WORDING.finditer(t)})
    assert leaks == []
