"""Which facts each policy and request type asks for, and how to ask for them.

The engine routes a request (``engine.decide``): Medicare by request type; Centene by age
(21 and over, or under 21), then cluster headache, then request type. `ROUTES` lists, per
route, every fact that route's rules read. `tests/rules/test_questions.py` checks the lists
against the engine itself: it records every fact the engine reads while deciding the case
table and generated cases, and fails if a route reads a fact not listed here, or lists one it
never reads.

The window builds its questions panel from `questions` (the yes/no facts of the possible
routes, each with its wording), and names missing facts with `fact_label`; it keeps no list of
rule facts of its own. Pure Python: no Qt, no files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rules import parameters as P
from rules.facts import FACT_NAMES


@dataclass(frozen=True)
class Route:
    """One path through a policy's rules, and every fact it reads."""

    id: str
    policy: str
    title: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """A yes/no fact a person answers, in plain words."""

    fact: str
    text: str


_TEST_VALIDITY = ("tests", "admission_date", "discharge_date")
_GROUP_II = ("findings", "pulmonary_hypertension_determined_by", "p_wave_mm", "hematocrit_percent")
_REQUEST = ("request_type", "request_indication", "requested_equipment")
_CENTENE_ROUTING = ("age_years", *_REQUEST)

ROUTES: tuple[Route, ...] = (
    Route(
        "medicare-initial",
        "medicare",
        "Medicare, initial order",
        (
            *_REQUEST,
            *_TEST_VALIDITY,
            *_GROUP_II,
            "treating_practitioner_evaluated_test",
            "test_at_time_of_need",
            "sleep_hypoxemia_symptoms_or_signs",
            "exercise_improvement_on_oxygen_documented",
            "exercise_tests_same_session",
            "exercise_test_unsupervised_at_home",
            "measurement_variation_concern_documented",
            "non_covered_indications",
            "mobile_within_home",
            "prescribed_flow_lpm",
        ),
    ),
    Route(
        "medicare-reauthorization",
        "medicare",
        "Medicare, renewal (continued coverage)",
        (
            "request_type",
            "requested_equipment",
            "tests",
            *_GROUP_II,
            "initial_group",
            "therapy_start_date",
            "treating_practitioner_evaluated_test",
            "new_standard_written_order",
            "mobile_within_home",
            "prescribed_flow_lpm",
        ),
    ),
    Route(
        "centene-adult-initial",
        "centene",
        "Centene, 21 and over, initial order",
        (
            *_CENTENE_ROUTING,
            *_TEST_VALIDITY,
            *_GROUP_II,
            "severe_lung_disease_or_hypoxia_symptoms_documented",
            "alternative_treatments_tried_or_considered",
            "chronic_stable_state",
            "is_last_test_before_discharge",
            "sleep_hypoxemia_symptoms_or_signs",
            "exercise_improvement_on_oxygen_documented",
            "non_covered_indications",
            "mobile_within_home",
            "mobile_in_community",
        ),
    ),
    Route(
        "centene-under21-initial",
        "centene",
        "Centene, under 21, initial order",
        (
            *_CENTENE_ROUTING,
            "tests",
            "severe_lung_disease_or_hypoxia_symptoms_documented",
            "sleep_percent_time_spo2_below_92",
            "desaturations_validated",
            "non_covered_indications",
            "mobile_within_home",
            "mobile_in_community",
        ),
    ),
    Route(
        "centene-adult-reauthorization",
        "centene",
        "Centene, 21 and over, renewal",
        (
            *_CENTENE_ROUTING,
            "tests",
            *_GROUP_II,
            "recertification_date",
            "last_physician_evaluation_date",
            "lomn_hypoxemia_not_expected_to_improve",
            "initial_group",
            "initial_qualifying_setting",
            "prior_oxygen_authorizations",
            "dme_supplier_is_home_oxygen_provider",
            "mobile_within_home",
            "mobile_in_community",
        ),
    ),
    Route(
        "centene-under21-reauthorization",
        "centene",
        "Centene, under 21, renewal",
        (
            *_CENTENE_ROUTING,
            "tests",
            "recertification_date",
            "last_physician_evaluation_date",
            "lomn_hypoxemia_not_expected_to_improve",
            "dme_supplier_is_home_oxygen_provider",
            "mobile_within_home",
            "mobile_in_community",
        ),
    ),
    Route(
        "centene-cluster-headache",
        "centene",
        "Centene, cluster headache",
        (
            "age_years",
            "request_indication",
            "requested_equipment",
            "findings",
            "cluster_headache_attack_count",
            "cluster_headache_attack_duration_minutes",
            "cluster_headache_severe_unilateral",
            "cluster_headache_autonomic_features",
            "enrolled_in_cms_approved_trial",
        ),
    ),
)
ROUTES_BY_ID: dict[str, Route] = {r.id: r for r in ROUTES}

QUESTION_TEXT: dict[str, str] = {
    "treating_practitioner_evaluated_test": (
        "The treating practitioner ordered and evaluated the qualifying test"
    ),
    "test_at_time_of_need": (
        "Outpatient test done while signs or symptoms oxygen may relieve were noted"
    ),
    "chronic_stable_state": "Outpatient test done in a chronic stable state",
    "is_last_test_before_discharge": "Inpatient test used is the last before discharge",
    "mobile_within_home": "Patient is mobile within the home",
    "mobile_in_community": "Patient is mobile in the community",
    "severe_lung_disease_or_hypoxia_symptoms_documented": (
        "Severe lung disease or hypoxia symptoms are documented"
    ),
    "alternative_treatments_tried_or_considered": "Alternative treatments were tried or considered",
    "sleep_hypoxemia_symptoms_or_signs": "Symptoms or signs attributable to sleep hypoxemia",
    "exercise_improvement_on_oxygen_documented": (
        "The record states oxygen improved the low exercise reading"
    ),
    "exercise_tests_same_session": "The three exercise readings were taken in one session",
    "exercise_test_unsupervised_at_home": "Exercise oximetry was unsupervised at home",
    "measurement_variation_concern_documented": (
        "The record notes the readings may vary (age, skin pigmentation, altitude, "
        "low oxygen-carrying capacity)"
    ),
    "desaturations_validated": "The desaturations are validated (free of artefact)",
    "new_standard_written_order": "A new written order was made after the retest",
    "lomn_hypoxemia_not_expected_to_improve": (
        "A letter of medical necessity says the low oxygen will not improve"
    ),
    "dme_supplier_is_home_oxygen_provider": (
        "The supplier that did the test is also the home oxygen provider"
    ),
    "cluster_headache_severe_unilateral": "The headache attacks are severe and one-sided",
    "enrolled_in_cms_approved_trial": "Enrolled in a CMS-approved clinical trial",
}
"""The wording of every yes/no fact, as the questions panel asks it."""

_LABELS: dict[str, str] = {
    "request_type": "request type (initial or renewal)",
    "request_date": "date of the request",
    "request_indication": "what the oxygen is for",
    "age_years": "age (from the date of birth)",
    "requested_equipment": "requested equipment (stationary / portable)",
    "admission_date": "hospital admission date",
    "discharge_date": "hospital discharge date",
    "prescribed_flow_lpm": "prescribed flow (L/min)",
    "tests": "a blood-oxygen test (PaO₂ or SpO₂)",
    "findings": "clinical findings",
    "pulmonary_hypertension_determined_by": "how pulmonary hypertension was established",
    "p_wave_mm": "P-wave height (mm)",
    "hematocrit_percent": "hematocrit (%)",
    "non_covered_indications": "conditions oxygen is not covered for",
    "sleep_percent_time_spo2_below_92": "share of sleep time with SpO₂ below 92 %",
    "initial_group": "group oxygen was first covered under",
    "initial_qualifying_setting": "setting of the first qualifying test",
    "therapy_start_date": "date oxygen therapy started",
    "recertification_date": "date of the recertification requested",
    "last_physician_evaluation_date": "date of the last evaluation by the treating physician",
    "prior_oxygen_authorizations": "number of oxygen requests already authorized",
    "cluster_headache_attack_count": "number of severe one-sided headache attacks",
    "cluster_headache_attack_duration_minutes": "untreated attack length (minutes)",
    "cluster_headache_autonomic_features": "same-side features of the attacks",
}


def fact_label(fact: str) -> str:
    """How a fact is named to a person (the question's wording for a yes/no fact)."""
    if fact in QUESTION_TEXT:
        return QUESTION_TEXT[fact]
    label = _LABELS.get(fact, fact.replace("_", " "))
    return label[:1].upper() + label[1:]


def routes_for(
    policy: str, request_type: str | None = None, known: Mapping[str, Any] | None = None
) -> tuple[Route, ...]:
    """The routes a request may take, as the engine chooses them.

    ``known`` may hold what is already known of the case (``age_years``,
    ``request_indication``): it narrows Centene's routes; without it every route the policy
    and request type allow is returned.
    """
    known = known or {}
    renewal = request_type == "reauthorization"
    if policy == "medicare":
        return (ROUTES_BY_ID["medicare-reauthorization" if renewal else "medicare-initial"],)
    if policy != "centene":
        return ()
    if known.get("request_indication") == "cluster_headache":
        return (ROUTES_BY_ID["centene-cluster-headache"],)
    age = known.get("age_years")
    ages = (
        ("adult", "under21")
        if not isinstance(age, int)
        else (("adult",) if age >= P.ADULT_AGE.value else ("under21",))
    )
    kind = "reauthorization" if renewal else "initial"
    return tuple(ROUTES_BY_ID[f"centene-{a}-{kind}"] for a in ages)


def route_facts(
    policy: str, request_type: str | None = None, known: Mapping[str, Any] | None = None
) -> tuple[str, ...]:
    """Every fact the possible routes read, in the vocabulary's order."""
    wanted = {f for route in routes_for(policy, request_type, known) for f in route.facts}
    return tuple(f for f in FACT_NAMES if f in wanted)


def questions(
    policy: str, request_type: str | None = None, known: Mapping[str, Any] | None = None
) -> tuple[Question, ...]:
    """The yes/no questions the chosen policy and request type ask, in a stable order."""
    wanted = set(route_facts(policy, request_type, known))
    return tuple(Question(f, QUESTION_TEXT[f]) for f in QUESTION_TEXT if f in wanted)
