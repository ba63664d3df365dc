"""Benchmark: decide 10,000 generated cases in one process and print cases per second.

Run: `.venv/bin/python benchmarks/rules_speed.py [--cases N] [--seed S]`.
The cases are random but valid fact sets (seeded), mixing both profiles, all routes
and settings, so the figure reflects the whole engine rather than one fast path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import Counter
from typing import Any

from rules import decide, parse_facts

SETTINGS = ["rest", "sleep", "exercise"]
FINDINGS = ["dependent_edema", "pulmonary_hypertension", "cor_pulmonale", "p_pulmonale",
            "erythrocythemia", "congestive_heart_failure"]
PERFORMERS = ["physician", "hospital_lab", "independent_lab", "idtf", "dme_supplier"]
BASE = dt.date(2026, 3, 1)


def _maybe(rng: random.Random, value: Any, p: float = 0.8) -> Any:
    return value if rng.random() < p else None


def _date(rng: random.Random, spread: int = 120) -> str:
    return (BASE + dt.timedelta(days=rng.randint(-spread, spread))).isoformat()


def make_case(rng: random.Random) -> dict[str, Any]:
    tests = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["pao2", "spo2"])
        value = rng.randint(45, 70) if kind == "pao2" else rng.randint(80, 96)
        tests.append({
            "kind": kind, "value": value, "setting": rng.choice(SETTINGS),
            "oxygen": rng.choice(["room_air", "room_air", "supplemental"]),
            "method": "abg" if kind == "pao2" else rng.choice(["abg", "oximetry"]),
            "date": _date(rng), "minutes": _maybe(rng, rng.randint(0, 60)),
            "performed_by": _maybe(rng, rng.choice(PERFORMERS)),
            "drop_from_baseline": _maybe(rng, rng.randint(0, 15), 0.3),
        })
    facts: dict[str, Any] = {
        "request_type": rng.choice(["initial", "initial", "reauthorization"]),
        "age_years": rng.randint(1, 95),
        "requested_equipment": rng.choice([[], ["stationary"], ["portable"],
                                           ["stationary", "portable"]]),
        "tests": tests,
        "findings": rng.sample(FINDINGS, rng.randint(0, 2)),
        "hematocrit_percent": _maybe(rng, round(rng.uniform(40, 62), 1), 0.5),
        "mobile_within_home": _maybe(rng, rng.random() < 0.8),
        "treating_practitioner_evaluated_test": _maybe(rng, rng.random() < 0.9),
        "test_at_time_of_need": _maybe(rng, rng.random() < 0.9),
        "chronic_stable_state": _maybe(rng, rng.random() < 0.9),
        "severe_lung_disease_or_hypoxia_symptoms_documented": _maybe(rng, True),
        "alternative_treatments_tried_or_considered": _maybe(rng, True),
        "exercise_improvement_on_oxygen_documented": _maybe(rng, rng.random() < 0.7),
        "initial_group": rng.choice(["I", "II", "III"]),
        "therapy_start_date": _date(rng, 30),
        "recertification_date": _date(rng, 30),
        "last_physician_evaluation_date": _date(rng, 60),
        "new_standard_written_order": _maybe(rng, True),
        "lomn_hypoxemia_not_expected_to_improve": _maybe(rng, rng.random() < 0.3),
    }
    if rng.random() < 0.1:
        facts.update(request_indication="cluster_headache", cluster_headache_attack_count=6,
                     cluster_headache_attack_duration_minutes=45,
                     cluster_headache_severe_unilateral=True,
                     cluster_headache_autonomic_features=["eyelid_edema"])
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=240)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = [(make_case(rng), rng.choice(["medicare", "centene"])) for _ in range(args.cases)]
    decisions: Counter[str] = Counter()
    start = time.perf_counter()
    for facts, policy in cases:
        decisions[decide(parse_facts(facts), policy).decision] += 1
    elapsed = time.perf_counter() - start
    print(f"decided {args.cases} cases in {elapsed:.2f} s: {args.cases / elapsed:,.0f} cases/s "
          "(validation + evaluation, one process)")
    print("decisions:", dict(sorted(decisions.items())))


if __name__ == "__main__":
    main()
