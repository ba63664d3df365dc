"""Clinical wording: how notes state, deny, suspect or plan a Group II finding.

Each helper returns the words to print and records the finding with its status in the
document's facts, so the truth always follows the wording that was drawn.
"""

from __future__ import annotations

import random

from .case import Case
from .truth import Facts

# finding -> status -> phrasings (sentence fragments, lower case start)
PHRASES: dict[str, dict[str, list[str]]] = {
    "dependent_edema": {
        "affirmed": [
            "2+ pitting edema of both lower extremities to mid-shin",
            "1+ pitting edema at both ankles",
            "bilateral dependent leg edema, 2+",
            "3+ pitting edema of the lower legs bilaterally",
        ],
        "negated": [
            "no peripheral edema",
            "no lower extremity edema",
            "no pedal edema",
            "no edema of the legs or ankles",
        ],
        "possible": ["possible trace ankle edema, difficult to assess"],
        "hypothetical": [
            "return if leg swelling develops",
            "call if new swelling of the legs or ankles develops",
        ],
        "historical": ["history of lower extremity edema"],
        "family": ["mother had chronic leg edema"],
    },
    "congestive_heart_failure": {
        "affirmed": [
            "chronic diastolic congestive heart failure",
            "congestive heart failure, NYHA class III",
            "CHF with volume overload",
        ],
        "negated": [
            "no heart failure on recent echocardiogram",
            "negative for congestive heart failure",
        ],
        "possible": ["suspected heart failure, BNP pending"],
        "hypothetical": ["if signs of heart failure develop, will start diuretic"],
        "historical": ["history of congestive heart failure", "h/o CHF"],
        "family": ["father with congestive heart failure"],
    },
    "pulmonary_hypertension": {
        "affirmed": [
            "pulmonary hypertension with RVSP {rvsp} mmHg on echocardiogram",
            "moderate pulmonary hypertension (mean PA pressure {mpap} mmHg on right "
            "heart catheterization)",
        ],
        "negated": [
            "no echocardiographic evidence of pulmonary hypertension",
            "pulmonary hypertension ruled out on right heart catheterization",
        ],
        "possible": [
            "r/o pulmonary hypertension - echocardiogram ordered",
            "possible pulmonary hypertension",
        ],
        "hypothetical": ["if pulmonary hypertension is found on echo, will refer to PH clinic"],
        "historical": ["history of pulmonary hypertension"],
        "family": ["sister with pulmonary hypertension"],
    },
    "cor_pulmonale": {
        "affirmed": ["cor pulmonale", "right heart strain consistent with cor pulmonale"],
        "negated": ["no signs of cor pulmonale"],
        "possible": ["? early cor pulmonale"],
        "hypothetical": ["monitor for cor pulmonale"],
        "historical": ["prior cor pulmonale"],
        "family": ["father died of cor pulmonale"],
    },
    "p_pulmonale": {
        "affirmed": ["EKG with P pulmonale", "P pulmonale on ECG"],
        "negated": ["EKG without P pulmonale"],
        "possible": ["possible P pulmonale on EKG"],
        "hypothetical": ["if P pulmonale appears on repeat EKG, will obtain echo"],
        "historical": ["prior EKG with P pulmonale"],
        "family": ["brother with P pulmonale on EKG"],
    },
    "erythrocythemia": {
        "affirmed": ["secondary polycythemia (Hct {hct}%)", "secondary erythrocytosis, Hct {hct}%"],
        "negated": ["no polycythemia", "no erythrocytosis"],
        "possible": ["possible secondary erythrocytosis, repeat CBC"],
        "hypothetical": ["if hematocrit rises above 56%, will discuss phlebotomy"],
        "historical": ["history of polycythemia"],
        "family": ["mother with polycythemia vera"],
    },
}
# statuses whose wording is not "the patient has it now": truth keeps them out of `findings`
_FACT_STATUS = {
    "affirmed": "affirmed",
    "negated": "negated",
    "possible": "possible",
    "hypothetical": "hypothetical",
    "historical": "historical",
    "family": "family",
}


def phrase(rng: random.Random, facts: Facts, finding: str, status: str) -> str:
    """Words for FINDING in STATUS, recorded in FACTS."""
    s = rng.choice(PHRASES[finding][status])
    s = s.format(rvsp=rng.randint(48, 72), mpap=rng.randint(28, 45), hct=rng.randint(57, 62))
    facts.finding(finding, _FACT_STATUS[status])
    return s


def case_phrases(
    rng: random.Random, case: Case, facts: Facts, only: tuple[str, ...] | None = None
) -> dict[str, str]:
    """Phrases for every finding the case has (optionally limited to ONLY)."""
    out = {}
    for f, st in case.findings.items():
        if only is None or f in only:
            out[f] = phrase(rng, facts, f, st)
    return out


def capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def lower_first(s: str) -> str:
    """'COPD with ...' stays, 'Down syndrome' -> 'Down syndrome', 'Hypoxemia' -> 'hypoxemia'."""
    if len(s) > 1 and (s[1].isupper() or s.split()[0] in ("Down",)):
        return s
    return s[:1].lower() + s[1:]


def distribute(rng: random.Random, case: Case, facts: Facts) -> dict[str, list[str]]:
    """Where a note states each of the case's findings: exam, history, family history,
    assessment, data or plan (the section follows the status)."""
    out: dict[str, list[str]] = {
        k: [] for k in ("exam", "pmh", "fh", "assessment", "data", "plan", "ros")
    }
    for f, st in case.findings.items():
        s = phrase(rng, facts, f, st)
        if st == "historical":
            out["pmh"].append(capital(s))
        elif st == "family":
            out["fh"].append(capital(s))
        elif st == "hypothetical":
            out["plan"].append(capital(s))
        elif st == "possible":
            out["assessment"].append(capital(s))
        elif f == "dependent_edema":
            out["exam"].append(s)
            if st == "negated":
                out["ros"].append("Denies leg swelling.")
        elif st == "negated" or f == "p_pulmonale":
            out["data"].append(capital(s))
        else:
            out["assessment"].append(capital(s))
    return out
