"""Profile `centene`, cluster headache (CP.MP.190 §VI; spec §5.5): adults only, stationary
gaseous oxygen. The policy requires enrolment in a trial under NCD 240.2.2, which CMS
retired in 2021, so this will almost never pass; the result carries a warning."""

from __future__ import annotations

from rules import parameters as P
from rules.aggregate import EquipmentRules, Mobility, Outcome, aggregate
from rules.common import Pathway, Requirement, Status, Trace, bool_status, yes_no
from rules.facts import Facts

RETIRED_NCD_WARNING = (
    "CP.MP.190 §VI requires a CMS-approved trial under NCD 240.2.2, which CMS removed on "
    "2021-09-27; confirm with the plan whether this criterion is still applied."
)


def _no_portable(facts: Facts) -> Mobility:  # pragma: no cover - never asked: no portable path
    return Mobility("failed", (), "cluster headache coverage is stationary only", {})


EQUIPMENT = EquipmentRules("CEN-CH-ADULT", _no_portable, None)


def evaluate(facts: Facts, trace: Trace) -> Outcome:
    trace.warnings.append(RETIRED_NCD_WARNING)
    pathway = Pathway("cluster-headache", None, None, stationary=True, portable_possible=False)
    age = facts.age_years
    if age is not None and age < P.ADULT_AGE.value:
        pathway.require(
            trace.record(
                "CEN-CH-ADULT",
                "review",
                f"age {age}: §VI covers members 21 or older and does not address younger members",
                {"age_years": age},
            )
        )
    else:
        pathway.require(trace.record("CEN-CH-ADULT", "met", f"age {age}", {"age_years": age}))
    diagnosed = facts.request_indication == "cluster_headache" or facts.has_finding(
        "cluster_headache"
    )
    pathway.require(
        trace.record(
            "CEN-CH-DIAGNOSIS",
            "met" if diagnosed else "missing",
            "oxygen is requested for cluster headache",
            {"request_indication": facts.request_indication, "findings": facts.findings},
            missing=("findings",),
        )
    )
    trial = facts.enrolled_in_cms_approved_trial
    pathway.require(
        trace.record(
            "CEN-CH-TRIAL",
            bool_status(trial),
            RETIRED_NCD_WARNING,
            {"enrolled_in_cms_approved_trial": trial},
            missing=("enrolled_in_cms_approved_trial",),
        )
    )
    pathway.require(_attacks(facts, trace))
    features = facts.cluster_headache_autonomic_features
    status: Status = "met" if features else "missing" if features is None else "failed"
    pathway.require(
        trace.record(
            "CEN-CH-FEATURES",
            status,
            f"{len(features or [])} feature(s)",
            {"cluster_headache_autonomic_features": features},
            missing=("cluster_headache_autonomic_features",),
        )
    )
    return aggregate([pathway], facts, trace, EQUIPMENT, has_groups=False)


def _attacks(facts: Facts, trace: Trace) -> Requirement:
    count = facts.cluster_headache_attack_count
    duration = facts.cluster_headache_attack_duration_minutes
    severe = facts.cluster_headache_severe_unilateral
    used = {
        "cluster_headache_attack_count": count,
        "cluster_headache_attack_duration_minutes": duration,
        "cluster_headache_severe_unilateral": severe,
    }
    lo, hi = P.CH_MIN_DURATION.value, P.CH_MAX_DURATION.value
    verdicts = [
        None if count is None else count >= P.CH_MIN_ATTACKS.value,
        None if duration is None else lo <= duration <= hi,
        severe,
    ]
    missing = tuple(name for name, v in zip(used, verdicts, strict=True) if v is None)
    status: Status = "failed" if False in verdicts else "missing" if missing else "met"
    return trace.record(
        "CEN-CH-ATTACKS",
        status,
        f"{count} attack(s), {duration} minutes, severe unilateral: {yes_no(severe)}",
        used,
        missing=missing,
    )
