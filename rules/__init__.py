"""Home-oxygen coverage rules: Medicare (NCD 240.2 + LCD L33797) and Centene CP.MP.190.

Pure Python: no Qt, no files, no network. `decide(facts, policy)` evaluates one
request and returns a `Decision` carrying the ordered trace of every rule applied.
"""

from rules.engine import POLICIES, POLICY_VERSIONS, decide, decide_dict
from rules.errors import FactsError, UnknownPolicyError
from rules.facts import FACT_NAMES, Facts, OxygenTest, parse_facts
from rules.outcome import DECISIONS, Decision, Equipment, RuleResult

__all__ = [
    "DECISIONS",
    "FACT_NAMES",
    "POLICIES",
    "POLICY_VERSIONS",
    "Decision",
    "Equipment",
    "Facts",
    "FactsError",
    "OxygenTest",
    "RuleResult",
    "UnknownPolicyError",
    "decide",
    "decide_dict",
    "parse_facts",
]
