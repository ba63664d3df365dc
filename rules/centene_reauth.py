"""Profile `centene`, reauthorization: adults (§III) and members under 21 (§IV); spec §5.3–5.4.

A reauthorization qualifies when the evaluation window is met and at least one
path holds: a letter of medical necessity, (adults) nocturnal Group I with two
prior authorizations, or a new qualifying test in its window by a qualified tester.
"""

from __future__ import annotations

from dataclasses import dataclass

from rules import parameters as P
from rules.aggregate import EquipmentRules, Outcome, aggregate
from rules.centene_adult import mobility, sleep_minutes
from rules.common import (
    Pathway,
    Requirement,
    Status,
    TestCheck,
    Trace,
    days_between,
    describe_test,
    record_fact,
    test_facts,
)
from rules.facts import Facts
from rules.levels import adult_level, peds_qualifies
from rules.parameters import Parameter
from rules.secondary import evaluate_secondary
from rules.test_checks import room_air_tests


@dataclass(frozen=True)
class _Ids:
    eval: str
    eval_days: Parameter
    lomn: str
    performer: str
    portable: str
    new_test: str


ADULT = _Ids(
    "CEN-REAUTH-ADULT-EVAL",
    P.REAUTH_ADULT_EVAL_DAYS,
    "CEN-REAUTH-ADULT-LOMN",
    "CEN-REAUTH-ADULT-PERFORMER",
    "CEN-REAUTH-ADULT-PORTABLE",
    "CEN-REAUTH-ADULT-NEW-TEST",
)
PEDS = _Ids(
    "CEN-REAUTH-PEDS-EVAL",
    P.REAUTH_PEDS_EVAL_DAYS,
    "CEN-REAUTH-PEDS-LOMN",
    "CEN-REAUTH-PEDS-PERFORMER",
    "CEN-REAUTH-PEDS-PORTABLE",
    "CEN-REAUTH-PEDS-NEW-TEST",
)


def _days_before_recert(
    facts: Facts,
    earlier: object,
    name: str,
    limit: Parameter,
    rule_id: str,
    trace: Trace,
    used: dict[str, object],
) -> Requirement:
    """`0 ≤ recertification_date − earlier ≤ limit` (spec §3.2)."""
    recert = facts.recertification_date
    if recert is None:
        return trace.record(
            rule_id,
            "missing",
            "the recertification date is needed",
            used,
            missing=("recertification_date",),
        )
    if earlier is None:
        return trace.record(rule_id, "missing", f"{name} is needed", used, missing=(name,))
    days = days_between(recert, earlier)  # type: ignore[arg-type]
    window = int(limit.value)
    status: Status = "met" if 0 <= days <= window else "failed"
    return trace.record(
        rule_id, status, f"{days} day(s) before recertification (0-{window} allowed)", used
    )


def _performer(facts: Facts, check: TestCheck, ids: _Ids, trace: Trace) -> Requirement:
    who = check.test.performed_by
    used = {
        f"tests[{check.index}].performed_by": who,
        "dme_supplier_is_home_oxygen_provider": facts.dme_supplier_is_home_oxygen_provider,
    }
    n = check.index + 1
    if who is None:
        return trace.record(
            ids.performer,
            "missing",
            f"who performed test {n} is not stated",
            used,
            missing=(f"tests[{check.index}].performed_by",),
        )
    if who in ("physician", "idtf"):
        return trace.record(ids.performer, "met", f"test {n}: {who}", used)
    if who == "dme_supplier":
        if ids is PEDS and facts.dme_supplier_is_home_oxygen_provider:
            return trace.record(
                ids.performer,
                "review",
                f"test {n} was obtained by a DME company "
                "that is also the home oxygen provider; §IV allows it, §III and "
                "the NCD do not",
                used,
            )
        return trace.record(
            ids.performer, "failed", f"test {n} was obtained by the DME supplier", used
        )
    return trace.record(
        ids.performer,
        "review",
        f"test {n}: {who} is not named by the policy (only physician/designee or IDTF)",
        used,
    )


def _lomn(facts: Facts, ids: _Ids, trace: Trace) -> list[Pathway]:
    group = facts.initial_group if ids is ADULT else None
    req = record_fact(
        trace,
        ids.lomn,
        facts,
        "lomn_hypoxemia_not_expected_to_improve",
        "letter of medical necessity",
    )
    if ids is PEDS:  # §IV.C: portable needs mobility only
        pathway = Pathway("reauth-lomn", None, None, stationary=True, portable_possible=True)
        pathway.require(req)
        return [pathway]
    setting = facts.initial_qualifying_setting
    stationary = Pathway(
        "reauth-lomn",
        group,
        setting,
        stationary=True,
        portable_possible=setting in ("rest", "exercise"),
        portable_denied_by=ids.portable,
    )
    stationary.require(req)
    if setting is not None:
        return [stationary]
    # §III.B: portable needs the original qualifying study at rest or exercise: ask which
    portable = Pathway(
        "reauth-lomn-portable", group, None, stationary=False, portable_possible=True
    )
    portable.require(req)
    portable.require(Requirement(ids.portable, "missing", ("initial_qualifying_setting",)))
    return [stationary, portable]


def _nocturnal(facts: Facts, trace: Trace) -> Pathway:
    used = {
        "initial_group": facts.initial_group,
        "initial_qualifying_setting": facts.initial_qualifying_setting,
        "prior_oxygen_authorizations": facts.prior_oxygen_authorizations,
    }
    needed = int(P.REAUTH_ADULT_NOCTURNAL_AUTHS.value)
    checks = [
        (facts.initial_group is None or facts.initial_group == "I", "initial_group"),
        (facts.initial_qualifying_setting in (None, "sleep"), "initial_qualifying_setting"),
        (
            facts.prior_oxygen_authorizations is None
            or facts.prior_oxygen_authorizations >= needed,
            "prior_oxygen_authorizations",
        ),
    ]
    missing = tuple(name for _, name in checks if used[name] is None)
    status: Status = (
        "failed" if not all(ok for ok, _ in checks) else "missing" if missing else "met"
    )
    pathway = Pathway(
        "reauth-nocturnal",
        "I",
        "sleep",
        stationary=True,
        portable_possible=False,
        portable_denied_by="CEN-REAUTH-ADULT-PORTABLE",
    )
    pathway.require(
        trace.record(
            "CEN-REAUTH-ADULT-NOCTURNAL-2AUTH",
            status,
            f"initial group {facts.initial_group}, setting "
            f"{facts.initial_qualifying_setting}, "
            f"{facts.prior_oxygen_authorizations} prior authorization(s)",
            used,
            missing=missing,
        )
    )
    return pathway


def _adult_test_pathways(facts: Facts, checks: list[TestCheck], trace: Trace) -> list[Pathway]:
    pathways: list[Pathway] = []
    secondary: Requirement | None = None
    for check in checks:
        level = adult_level(check.test)
        described = describe_test(check.index, check.test)
        used = test_facts(check.index, check.test)
        if level not in ("I", "II", "gap_I_II", "gap_II_none"):
            trace.record(
                "CEN-REAUTH-ADULT-NEW-TEST", "info", f"{described} meets neither level", used
            )
            continue
        setting = check.test.setting
        group = level if level in ("I", "II") else None
        pathway = Pathway(
            f"reauth-test:test{check.index + 1}",
            group,
            setting,
            stationary=True,
            portable_possible=setting != "sleep",
            portable_denied_by="CEN-REAUTH-ADULT-PORTABLE",
        )
        if level == "II":
            window, rule_id = P.REAUTH_ADULT_G2_TEST_DAYS, "CEN-REAUTH-ADULT-G2-TEST-30"
        else:
            window, rule_id = P.REAUTH_ADULT_G1_TEST_DAYS, "CEN-REAUTH-ADULT-G1-TEST-90"
        pathway.require(
            _days_before_recert(
                facts, check.test.date, f"tests[{check.index}].date", window, rule_id, trace, used
            )
        )
        if level == "II":
            secondary = secondary or evaluate_secondary(facts, trace, "CEN-G2-SECONDARY")
            pathway.require(secondary)
        elif group is None:
            pathway.require(
                trace.record(
                    "VALUE-GAP", "review", f"{described} falls between two thresholds", used
                )
            )
        if setting == "sleep":
            pathway.require_all(sleep_minutes(facts, check, trace))
        pathway.require(_performer(facts, check, ADULT, trace))
        pathways.append(pathway)
    return pathways


def _peds_test_pathways(facts: Facts, checks: list[TestCheck], trace: Trace) -> list[Pathway]:
    pathways: list[Pathway] = []
    for check in checks:
        described, used = (
            describe_test(check.index, check.test),
            test_facts(check.index, check.test),
        )
        if not peds_qualifies(check.test):
            trace.record(
                "CEN-REAUTH-PEDS-NEW-TEST", "info", f"{described} is not below 80 mmHg / 92%", used
            )
            continue
        pathway = Pathway(
            f"reauth-test:test{check.index + 1}",
            None,
            check.test.setting,
            stationary=True,
            portable_possible=True,
        )
        pathway.require(
            _days_before_recert(
                facts,
                check.test.date,
                f"tests[{check.index}].date",
                P.REAUTH_PEDS_TEST_DAYS,
                "CEN-REAUTH-PEDS-TEST-30",
                trace,
                used,
            )
        )
        pathway.require(_performer(facts, check, PEDS, trace))
        pathways.append(pathway)
    return pathways


def evaluate(facts: Facts, trace: Trace, *, adult: bool) -> Outcome:
    ids = ADULT if adult else PEDS
    evaluation = _days_before_recert(
        facts,
        facts.last_physician_evaluation_date,
        "last_physician_evaluation_date",
        ids.eval_days,
        ids.eval,
        trace,
        {
            "last_physician_evaluation_date": facts.last_physician_evaluation_date,
            "recertification_date": facts.recertification_date,
        },
    )
    checks = [c for c in room_air_tests(facts) if c.test.value is not None]
    if adult:
        pathways = [
            *_adult_test_pathways(facts, checks, trace),
            *_lomn(facts, ids, trace),
            _nocturnal(facts, trace),
        ]
    else:
        pathways = [*_peds_test_pathways(facts, checks, trace), *_lomn(facts, ids, trace)]
    for pathway in pathways:
        pathway.require(evaluation)
    return aggregate(
        pathways, facts, trace, EquipmentRules(ids.portable, mobility, None), has_groups=adult
    )
