"""The §1 fact vocabulary of ``coverage-criteria.md`` as data, for generated tests.

Each top-level fact and each test field is listed with its JSON type category and, for
enumerations, the allowed values. The property and validation tests build random valid
facts and random junk from these tables.
"""

from __future__ import annotations

from typing import Any

# Type categories: "enum", "date", "bool", "int", "number", "list" (of enum), "tests".
REQUEST_TYPES = ("initial", "reauthorization")
INDICATIONS = ("hypoxemia", "cluster_headache", "other_non_hypoxemic")
EQUIPMENT = ("stationary", "portable")
FINDINGS = (
    "dependent_edema", "congestive_heart_failure", "pulmonary_hypertension", "cor_pulmonale",
    "p_pulmonale", "erythrocythemia", "cluster_headache",
)
PH_METHODS = (
    "pa_pressure_measurement", "gated_blood_pool_scan", "echocardiogram", "ekg_p_pulmonale",
    "other",
)
NON_COVERED = (
    "angina_without_hypoxemia", "breathlessness_without_cor_pulmonale_or_hypoxemia",
    "severe_pvd_extremity_desaturation", "terminal_illness_not_affecting_respiration",
    "pediatric_dyspnea_without_hypoxemia",
)
GROUPS = ("I", "II", "III")
SETTINGS = ("rest", "sleep", "exercise")
CH_FEATURES = (
    "conjunctival_injection_or_lacrimation", "nasal_congestion_or_rhinorrhea", "eyelid_edema",
    "forehead_facial_sweating", "miosis_or_ptosis", "restlessness_or_agitation",
)

#: fact name → (category, allowed values for enum/list, else None)
FACTS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    # §1.1
    "request_type": ("enum", REQUEST_TYPES),
    "request_date": ("date", None),
    "request_indication": ("enum", INDICATIONS),
    "age_years": ("int", None),
    "requested_equipment": ("list", EQUIPMENT),
    "admission_date": ("date", None),
    "discharge_date": ("date", None),
    "mobile_within_home": ("bool", None),
    "mobile_in_community": ("bool", None),
    "prescribed_flow_lpm": ("number", None),
    # §1.2
    "tests": ("tests", None),
    # §1.3
    "findings": ("list", FINDINGS),
    "pulmonary_hypertension_determined_by": ("enum", PH_METHODS),
    "p_wave_mm": ("number", None),
    "hematocrit_percent": ("number", None),
    "treating_practitioner_evaluated_test": ("bool", None),
    "test_at_time_of_need": ("bool", None),
    "chronic_stable_state": ("bool", None),
    "is_last_test_before_discharge": ("bool", None),
    "severe_lung_disease_or_hypoxia_symptoms_documented": ("bool", None),
    "alternative_treatments_tried_or_considered": ("bool", None),
    "sleep_hypoxemia_symptoms_or_signs": ("bool", None),
    "exercise_improvement_on_oxygen_documented": ("bool", None),
    "exercise_tests_same_session": ("bool", None),
    "exercise_test_unsupervised_at_home": ("bool", None),
    "measurement_variation_concern_documented": ("bool", None),
    "non_covered_indications": ("list", NON_COVERED),
    "sleep_percent_time_spo2_below_92": ("number", None),
    "desaturations_validated": ("bool", None),
    # §1.4
    "initial_group": ("enum", GROUPS),
    "initial_qualifying_setting": ("enum", SETTINGS),
    "therapy_start_date": ("date", None),
    "new_standard_written_order": ("bool", None),
    "recertification_date": ("date", None),
    "last_physician_evaluation_date": ("date", None),
    "lomn_hypoxemia_not_expected_to_improve": ("bool", None),
    "prior_oxygen_authorizations": ("int", None),
    "dme_supplier_is_home_oxygen_provider": ("bool", None),
    # §1.5
    "cluster_headache_attack_count": ("int", None),
    "cluster_headache_attack_duration_minutes": ("number", None),
    "cluster_headache_severe_unilateral": ("bool", None),
    "cluster_headache_autonomic_features": ("list", CH_FEATURES),
    "enrolled_in_cms_approved_trial": ("bool", None),
}

#: test field → (category, allowed values)
TEST_FIELDS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "kind": ("enum", ("pao2", "spo2")),
    "value": ("number", None),
    "setting": ("enum", SETTINGS),
    "oxygen": ("enum", ("room_air", "supplemental")),
    "flow_lpm": ("number", None),
    "method": ("enum", ("abg", "oximetry")),
    "date": ("date", None),
    "minutes": ("number", None),
    "drop_from_baseline": ("number", None),
    "performed_by": (
        "enum", ("physician", "hospital_lab", "independent_lab", "idtf", "dme_supplier"),
    ),
}

#: Values of the wrong JSON type for each category. Chosen so that no lenient parser could
#: reasonably read them as the right type (no "true"/"1" strings for booleans, no numbers
#: for dates, which some parsers read as timestamps).
WRONG_TYPE: dict[str, list[Any]] = {
    "enum": [5, 2.5, True, ["rest"], {"a": 1}],
    "date": ["yesterday", "2026-13-01", "2026-02-30", "", ["2026-01-10"], {"d": 1}],
    "bool": ["maybe", 3.7, ["yes"], {"b": True}],
    "int": ["abc", 3.5, [1], {"n": 1}],
    "number": ["abc", "55 mmHg", [1], {"n": 1}],
    "list": [5, 2.5, True, {"a": 1}, "stationary"],
    "tests": ["spo2 86", 5, True, {"kind": "spo2"}],
}

#: Every rule ID named in §3–§5 of the specification (the output contract).
SPEC_RULE_IDS: frozenset[str] = frozenset(
    (
        "MC-TEST-PRESENT",
        "MC-ROOM-AIR",
        "MC-PERFORMER-QUALIFIED",
        "MC-TEST-EVALUATED",
        "MC-TIMING-INPATIENT",
        "MC-TIMING-OUTPATIENT",
        "MC-ABG-PREFERRED",
        "MC-G1-REST",
        "MC-G1-SLEEP",
        "MC-G1-SLEEP-DROP",
        "MC-SLEEP-DURATION",
        "MC-G1-EXERCISE",
        "MC-EXERCISE-IMPROVEMENT",
        "MC-EXERCISE-3-TESTS",
        "MC-EXERCISE-SUPERVISED",
        "MC-G2-LEVEL",
        "MC-G2-SECONDARY",
        "MC-G3-CONDITION",
        "MC-NONCOVERED",
        "MC-MEASUREMENT-VARIATION",
        "MC-PORTABLE-MOBILE",
        "MC-PORTABLE-NOT-SLEEP-ONLY",
        "MC-EXERCISE-ONLY-NO-STATIONARY",
        "MC-FLOW-GT4",
        "MC-REAUTH-G2-RETEST",
        "MC-REAUTH-G3-RETEST",
        "MC-REAUTH-SWO",
        "MC-REAUTH-G1",
        "VALUE-GAP",
        "CEN-AGE-KNOWN",
        "CEN-TEST-PRESENT",
        "CEN-ROUTE-ADULT",
        "CEN-ROUTE-PEDS",
        "CEN-DOCUMENTED-DISEASE",
        "CEN-G1-REST",
        "CEN-G1-SLEEP",
        "CEN-G1-SLEEP-DROP",
        "CEN-SLEEP-5MIN",
        "CEN-G1-EXERCISE",
        "CEN-EXERCISE-IMPROVEMENT",
        "CEN-G2-LEVEL",
        "CEN-G2-SECONDARY",
        "CEN-PERFORMER-QUALIFIED",
        "CEN-TIMING-INPATIENT",
        "CEN-STABLE-STATE",
        "CEN-ALTERNATIVES",
        "CEN-ABG-CONFLICT-REVIEW",
        "CEN-PORTABLE-MOBILE",
        "CEN-PORTABLE-NOT-SLEEP-ONLY",
        "CEN-NOT-MED-NEC",
        "CEN-PEDS-LAB",
        "CEN-PEDS-LAB-TIME-BELOW-92",
        "CEN-PEDS-PORTABLE",
        "CEN-REAUTH-ADULT-EVAL",
        "CEN-REAUTH-ADULT-LOMN",
        "CEN-REAUTH-ADULT-NOCTURNAL-2AUTH",
        "CEN-REAUTH-ADULT-G1-TEST-90",
        "CEN-REAUTH-ADULT-G2-TEST-30",
        "CEN-REAUTH-ADULT-PERFORMER",
        "CEN-REAUTH-ADULT-PORTABLE",
        "CEN-REAUTH-ADULT-NEW-TEST",
        "CEN-REAUTH-PEDS-EVAL",
        "CEN-REAUTH-PEDS-TEST-30",
        "CEN-REAUTH-PEDS-PERFORMER",
        "CEN-REAUTH-PEDS-LOMN",
        "CEN-REAUTH-PEDS-PORTABLE",
        "CEN-REAUTH-PEDS-NEW-TEST",
        "CEN-CH-ADULT",
        "CEN-CH-DIAGNOSIS",
        "CEN-CH-TRIAL",
        "CEN-CH-ATTACKS",
        "CEN-CH-FEATURES",
    )
)

#: §5.1 applies the exercise-only equipment rule to Centene "as for Medicare" [I] but names
#: no rule ID for it; the Centene analogue of MC-EXERCISE-ONLY-NO-STATIONARY is accepted.
EXTENSION_RULE_IDS: frozenset[str] = frozenset({"CEN-EXERCISE-ONLY-NO-STATIONARY"})
