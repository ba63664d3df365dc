"""Per-test validity checks (spec §2 step 2): who performed the test and when.

A test that fails a check is ignored; one whose check needs a missing fact is
pending (its pathways are `missing` until the fact is given).
"""

from __future__ import annotations

from rules import parameters as P
from rules.common import (
    Requirement,
    TestCheck,
    Trace,
    Verdict,
    days_between,
    fact_verdict,
    test_facts,
    worst,
)
from rules.facts import Facts, OxygenTest

QUALIFIED_PERFORMERS = frozenset({"physician", "hospital_lab", "independent_lab", "idtf"})


def room_air_tests(facts: Facts) -> list[TestCheck]:
    """Room-air oxygenation tests, each wrapped for its validity checks."""
    return [
        TestCheck(i, t)
        for i, t in enumerate(facts.oxygen_tests)
        if t.on_room_air and t.kind is not None
    ]


def check_performer(check: TestCheck, trace: Trace, rule_id: str) -> Requirement:
    performer = check.test.performed_by
    used = {f"tests[{check.index}].performed_by": performer}
    if performer is None:
        req = trace.record(
            rule_id,
            "missing",
            f"who performed test {check.index + 1} is not stated",
            used,
            missing=(f"tests[{check.index}].performed_by",),
        )
    elif performer in QUALIFIED_PERFORMERS:
        req = trace.record(rule_id, "met", f"test {check.index + 1}: {performer}", used)
    else:
        req = trace.record(
            rule_id,
            "failed",
            f"test {check.index + 1} was performed by the DME supplier and cannot be used",
            used,
        )
    check.require(req)
    return req


def is_inpatient(facts: Facts, test: OxygenTest) -> bool | None:
    """Inpatient when admission ≤ test ≤ discharge (§3.2); None when the test date is unknown."""
    if facts.admission_date is None:
        return False
    if test.date is None:
        return None
    if test.date < facts.admission_date:
        return False
    return facts.discharge_date is None or test.date <= facts.discharge_date


def inpatient_window(facts: Facts, check: TestCheck) -> Verdict:
    """Inpatient test within 0–2 days before discharge (§3.2)."""
    used = {"discharge_date": facts.discharge_date, **test_facts(check.index, check.test)}
    if facts.discharge_date is None or check.test.date is None:
        return Verdict("missing", "the discharge date is needed", used, ("discharge_date",))
    days = days_between(facts.discharge_date, check.test.date)
    limit = int(P.INPATIENT_MAX_DAYS.value)
    n = check.index + 1
    if 0 <= days <= limit:
        return Verdict("met", f"test {n} was {days} day(s) before discharge", used)
    return Verdict("failed", f"test {n} was {days} days before discharge (allowed 0-{limit})", used)


def check_inpatient(
    facts: Facts, check: TestCheck, trace: Trace, rule_id: str, *extra: Verdict
) -> Requirement:
    """Record the inpatient timing rule once, combining the window with any extra condition."""
    parts = (inpatient_window(facts, check), *extra)
    status = worst(*(p.status for p in parts))
    req = trace.record(
        rule_id,
        status,
        "; ".join(p.detail for p in parts),
        {k: v for p in parts for k, v in p.facts.items()},
        missing=tuple(m for p in parts for m in p.missing),
    )
    check.require(req)
    return req


def check_test_date_known(facts: Facts, check: TestCheck, trace: Trace, rule_id: str) -> bool:
    """With an admission on file, an undated test cannot be placed in or out of the stay."""
    if is_inpatient(facts, check.test) is None:
        check.require(
            trace.record(
                rule_id,
                "missing",
                f"test {check.index + 1} has no date, so it cannot be placed "
                "relative to the hospital stay",
                test_facts(check.index, check.test),
                missing=(f"tests[{check.index}].date",),
            )
        )
        return False
    return True


def check_bool_fact(
    facts: Facts, check: TestCheck, trace: Trace, rule_id: str, fact: str, what: str
) -> Requirement:
    verdict = fact_verdict(facts, fact, what)
    req = trace.record(
        rule_id,
        verdict.status,
        f"test {check.index + 1}: {verdict.detail}",
        verdict.facts,
        missing=verdict.missing,
    )
    check.require(req)
    return req
