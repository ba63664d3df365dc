"""Group II secondary findings (NCD 240.2 §B Group II; CP.MP.190 §I.B.2.b), shared by both
profiles: dependent edema, pulmonary hypertension or cor pulmonale (by an accepted method),
P pulmonale, or hematocrit above 56 %."""

from __future__ import annotations

from rules import parameters as P
from rules.common import Requirement, Status, Trace, best
from rules.facts import Facts

ACCEPTED_PH_METHODS = frozenset(
    {"pa_pressure_measurement", "gated_blood_pool_scan", "echocardiogram", "ekg_p_pulmonale"}
)


def evaluate_secondary(facts: Facts, trace: Trace, rule_id: str) -> Requirement:
    """Record and return the Group II secondary-finding verdict under `rule_id`."""
    options: list[tuple[Status, str, tuple[str, ...]]] = []
    if facts.has_finding("dependent_edema"):
        options.append(("met", "dependent edema documented", ()))
    if facts.has_finding("pulmonary_hypertension") or facts.has_finding("cor_pulmonale"):
        method = facts.pulmonary_hypertension_determined_by
        if method is None:
            options.append(
                (
                    "missing",
                    "how pulmonary hypertension/cor pulmonale was determined is not stated",
                    ("pulmonary_hypertension_determined_by",),
                )
            )
        elif method in ACCEPTED_PH_METHODS:
            options.append(("met", f"pulmonary hypertension/cor pulmonale by {method}", ()))
        else:
            options.append(
                ("failed", "pulmonary hypertension not established by an accepted method", ())
            )
    p_limit = P.P_WAVE_MIN_EXCLUSIVE.value
    if facts.p_wave_mm is not None:
        if facts.p_wave_mm > p_limit:
            options.append(("met", f"P wave {facts.p_wave_mm} mm (> {p_limit:g})", ()))
        else:
            options.append(("failed", f"P wave {facts.p_wave_mm} mm is not above {p_limit:g}", ()))
    elif facts.has_finding("p_pulmonale"):
        options.append(("met", "P pulmonale documented", ()))
    hct_limit = P.HEMATOCRIT_MIN_EXCLUSIVE.value
    if facts.hematocrit_percent is not None:
        if facts.hematocrit_percent > hct_limit:
            options.append(("met", f"hematocrit {facts.hematocrit_percent}% (> {hct_limit:g})", ()))
        else:
            options.append(
                ("failed", f"hematocrit {facts.hematocrit_percent}% is not above {hct_limit:g}", ())
            )
    elif facts.has_finding("erythrocythemia"):
        options.append(
            ("missing", "erythrocythemia noted without a hematocrit value", ("hematocrit_percent",))
        )
    if facts.findings is None and not any(s == "met" for s, _, _ in options):
        options.append(("missing", "findings are unknown", ("findings",)))

    status = best(*(s for s, _, _ in options)) if options else "failed"
    chosen = [o for o in options if o[0] == status]
    detail = "; ".join(text for _, text, _ in options) or "no secondary finding documented"
    missing = tuple(m for _, _, miss in chosen for m in miss) if status == "missing" else ()
    used = {
        "findings": facts.findings,
        "pulmonary_hypertension_determined_by": facts.pulmonary_hypertension_determined_by,
        "p_wave_mm": facts.p_wave_mm,
        "hematocrit_percent": facts.hematocrit_percent,
    }
    return trace.record(rule_id, status, detail, used, missing=missing)
