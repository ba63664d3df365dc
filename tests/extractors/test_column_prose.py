"""Prose in a column beside a grid that the layout read as the rows' last cells: a sentence
running on into the next row is read whole, so its negation and its words stay together."""

from __future__ import annotations

from extract_helpers import read_snippet

PAGE = """HISTORY AND PHYSICAL
LABS                       Exam
WBC     13.7               Tachypneic. Diffuse wheezes. Extremities without
Hgb     16.1               edema.
Hct     48.3               Data
Creat   1.37               Echo 8/25/24: RV mildly dilated, consistent with pulmonary
BNP     838                hypertension.
"""


def test_a_negation_running_on_into_the_next_row_still_negates() -> None:
    facts = read_snippet(PAGE).facts
    assert "dependent_edema" in facts.negated_findings
    assert "dependent_edema" not in facts.findings


def test_a_finding_split_over_two_rows_is_found() -> None:
    assert read_snippet(PAGE).facts.findings == ["pulmonary_hypertension"]


def test_a_row_ending_its_sentence_does_not_run_on() -> None:
    text = PAGE.replace("Extremities without\n", "No distress.\n").replace(
        "               edema.", "               edema present.")
    facts = read_snippet(text).facts
    assert "dependent_edema" in facts.findings
