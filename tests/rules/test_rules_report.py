"""The plain-text report renders the decision and the trace as given, with every section."""

from __future__ import annotations

from rules import decide
from rules.report import render_text

REST = {"kind": "spo2", "value": 86, "setting": "rest", "performed_by": "physician",
        "date": "2026-03-01"}


def test_report_shows_group_equipment_and_payment() -> None:
    facts = {"tests": [REST, {**REST, "value": 87, "oxygen": "supplemental", "flow_lpm": 4}],
             "treating_practitioner_evaluated_test": True, "test_at_time_of_need": True,
             "mobile_within_home": True, "prescribed_flow_lpm": 5}
    text = render_text(decide(facts, "medicare"), title="case 7")
    assert text.startswith("== case 7 ==\nDecision:  QUALIFIES\n")
    assert "Group:     I\n" in text
    assert "Equipment: stationary, portable\n" in text
    assert "Payment:   above 4 lpm\n" in text
    assert "· MC-FLOW-GT4" in text


def test_report_lists_reviews_and_warnings() -> None:
    facts = {"age_years": 40, "request_indication": "cluster_headache",
             "enrolled_in_cms_approved_trial": True, "cluster_headache_attack_count": 6,
             "cluster_headache_attack_duration_minutes": 30,
             "cluster_headache_severe_unilateral": True,
             "cluster_headache_autonomic_features": ["eyelid_edema"]}
    text = render_text(decide(facts, "centene"))
    assert "Warnings:\n  - CP.MP.190 §VI requires a CMS-approved trial" in text
    review = render_text(decide({**facts, "age_years": 19}, "centene"))
    assert "Decision:  NEEDS REVIEW" in review
    assert "For a reviewer:\n  - CEN-CH-ADULT: " in review
    assert "! CEN-CH-ADULT" in review


def test_report_for_a_case_without_qualifying_equipment() -> None:
    facts = {"tests": [{**REST, "setting": "sleep", "minutes": 20}],
             "treating_practitioner_evaluated_test": True, "test_at_time_of_need": True,
             "requested_equipment": ["portable"]}
    text = render_text(decide(facts, "medicare"))
    assert "Decision:  DOES NOT QUALIFY" in text
    assert "Equipment:" not in text
    assert "✗ MC-PORTABLE-NOT-SLEEP-ONLY" in text
