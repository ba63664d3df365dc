"""The fact vocabulary (spec §1): what the engine accepts about a request.

Every fact is optional; `None` and an absent key mean the same. Unknown fact
names, values of the wrong type and values outside their enum are rejected with
a `FactsError` naming the fact, never silently coerced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    model_validator,
)

from rules.errors import FactsError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_iso_date(value: object) -> object:
    """Accept `date` objects and `YYYY-MM-DD` strings only (no timestamps, no guessing)."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"not a calendar date: {value!r}") from exc
    raise ValueError("must be an ISO date string YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_parse_iso_date)]
Number = Annotated[StrictFloat | StrictInt, Field(ge=0)]
Count = Annotated[StrictInt, Field(ge=0)]

Setting = Literal["rest", "sleep", "exercise"]
Finding = Literal[
    "dependent_edema",
    "congestive_heart_failure",
    "pulmonary_hypertension",
    "cor_pulmonale",
    "p_pulmonale",
    "erythrocythemia",
    "cluster_headache",
]
NonCoveredIndication = Literal[
    "angina_without_hypoxemia",
    "breathlessness_without_cor_pulmonale_or_hypoxemia",
    "severe_pvd_extremity_desaturation",
    "terminal_illness_not_affecting_respiration",
    "pediatric_dyspnea_without_hypoxemia",
]
AutonomicFeature = Literal[
    "conjunctival_injection_or_lacrimation",
    "nasal_congestion_or_rhinorrhea",
    "eyelid_edema",
    "forehead_facial_sweating",
    "miosis_or_ptosis",
    "restlessness_or_agitation",
]
Performer = Literal["physician", "hospital_lab", "independent_lab", "idtf", "dme_supplier"]
Group = Literal["I", "II", "III"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OxygenTest(_Strict):
    """One oxygenation measurement (§1.2). Field names match the extraction contract."""

    kind: Literal["pao2", "spo2"] | None = None
    value: Number | None = None
    setting: Setting | None = None
    oxygen: Literal["room_air", "supplemental"] | None = None
    flow_lpm: Number | None = None
    method: Literal["abg", "oximetry"] | None = None
    date: IsoDate | None = None
    minutes: Number | None = None
    drop_from_baseline: Number | None = None
    performed_by: Performer | None = None

    @model_validator(mode="after")
    def _saturation_is_a_percentage(self) -> OxygenTest:
        if self.kind == "spo2" and self.value is not None and self.value > 100:
            raise ValueError("value: a saturation cannot exceed 100 %")
        return self

    @property
    def on_room_air(self) -> bool:
        """Absent `oxygen` means room air (§1.2)."""
        return self.oxygen != "supplemental"

    @property
    def is_abg(self) -> bool:
        """PaO2 always comes from a blood gas; SpO2 only when the method says so."""
        return self.kind == "pao2" or self.method == "abg"


class Facts(_Strict):
    """All facts about one request (§1.1–§1.5)."""

    # §1.1 request and patient
    request_type: Literal["initial", "reauthorization"] | None = None
    request_date: IsoDate | None = None
    request_indication: Literal["hypoxemia", "cluster_headache", "other_non_hypoxemic"] | None = (
        None
    )
    age_years: Count | None = None
    requested_equipment: list[Literal["stationary", "portable"]] | None = None
    admission_date: IsoDate | None = None
    discharge_date: IsoDate | None = None
    mobile_within_home: StrictBool | None = None
    mobile_in_community: StrictBool | None = None
    prescribed_flow_lpm: Number | None = None
    # §1.2 tests
    tests: list[OxygenTest] | None = None
    # §1.3 findings and judgements
    findings: list[Finding] | None = None
    pulmonary_hypertension_determined_by: (
        Literal[
            "pa_pressure_measurement",
            "gated_blood_pool_scan",
            "echocardiogram",
            "ekg_p_pulmonale",
            "other",
        ]
        | None
    ) = None
    p_wave_mm: Number | None = None
    hematocrit_percent: Annotated[StrictFloat | StrictInt, Field(ge=0, le=100)] | None = None
    treating_practitioner_evaluated_test: StrictBool | None = None
    test_at_time_of_need: StrictBool | None = None
    chronic_stable_state: StrictBool | None = None
    is_last_test_before_discharge: StrictBool | None = None
    severe_lung_disease_or_hypoxia_symptoms_documented: StrictBool | None = None
    alternative_treatments_tried_or_considered: StrictBool | None = None
    sleep_hypoxemia_symptoms_or_signs: StrictBool | None = None
    exercise_improvement_on_oxygen_documented: StrictBool | None = None
    exercise_tests_same_session: StrictBool | None = None
    exercise_test_unsupervised_at_home: StrictBool | None = None
    measurement_variation_concern_documented: StrictBool | None = None
    non_covered_indications: list[NonCoveredIndication] | None = None
    sleep_percent_time_spo2_below_92: (
        Annotated[StrictFloat | StrictInt, Field(ge=0, le=100)] | None
    ) = None
    desaturations_validated: StrictBool | None = None
    # §1.4 reauthorization
    initial_group: Group | None = None
    initial_qualifying_setting: Setting | None = None
    therapy_start_date: IsoDate | None = None
    new_standard_written_order: StrictBool | None = None
    recertification_date: IsoDate | None = None
    last_physician_evaluation_date: IsoDate | None = None
    lomn_hypoxemia_not_expected_to_improve: StrictBool | None = None
    prior_oxygen_authorizations: Count | None = None
    dme_supplier_is_home_oxygen_provider: StrictBool | None = None
    # §1.5 cluster headache
    cluster_headache_attack_count: Count | None = None
    cluster_headache_attack_duration_minutes: Number | None = None
    cluster_headache_severe_unilateral: StrictBool | None = None
    cluster_headache_autonomic_features: list[AutonomicFeature] | None = None
    enrolled_in_cms_approved_trial: StrictBool | None = None

    @property
    def oxygen_tests(self) -> list[OxygenTest]:
        return list(self.tests or [])

    def has_finding(self, finding: str) -> bool:
        return finding in (self.findings or [])


FACT_NAMES: tuple[str, ...] = tuple(Facts.model_fields)
TEST_FIELDS: tuple[str, ...] = tuple(OxygenTest.model_fields)


def _kinds(annotation: Any) -> set[Any]:
    """The plain types behind an annotation (``X | None``, ``Annotated[...]`` unwrapped)."""
    if get_origin(annotation) is Annotated:
        return _kinds(get_args(annotation)[0])
    if get_origin(annotation) in (Union, type(int | None)):
        return set().union(*(_kinds(a) for a in get_args(annotation)))
    origin = get_origin(annotation)
    return {origin if origin is not None else annotation} - {type(None)}


YES_NO_FACTS: tuple[str, ...] = tuple(
    name for name, field in Facts.model_fields.items() if _kinds(field.annotation) == {bool}
)
"""The facts answered yes or no."""
LIST_FACTS: tuple[str, ...] = tuple(
    name for name, field in Facts.model_fields.items() if _kinds(field.annotation) == {list}
)
"""The facts that hold a list."""


def _location(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into a fact path such as `tests[0].value`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in ("float", "int", "list", "str", "bool", "date") or "[" in part:
            continue  # union-branch labels add nothing for the user
        else:
            path += f".{part}" if path else part
    return path or "facts"


def parse_facts(data: Mapping[str, Any] | Facts) -> Facts:
    """Validate a JSON-like mapping of facts; raise `FactsError` naming the first bad fact."""
    if isinstance(data, Facts):
        return data
    if not isinstance(data, Mapping):
        raise FactsError("facts must be a JSON object of fact names and values")
    try:
        return Facts.model_validate(dict(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        fact = _location(tuple(first["loc"]))
        if first["type"] == "extra_forbidden":
            raise FactsError(f"unknown fact {fact!r}", fact) from None
        message = first["msg"].removeprefix("Value error, ")
        raise FactsError(f"invalid value for fact {fact!r}: {message}", fact) from None
