"""Home-oxygen coverage rules: Medicare (NCD 240.2 + LCD L33797) and Centene CP.MP.190.

Pure Python: no Qt, no files, no network. `decide(facts, policy)` evaluates one
request and returns a `Decision` carrying the ordered trace of every rule applied.
"""

from rules.engine import POLICIES, POLICY_VERSIONS, decide, decide_dict
from rules.errors import FactsError, UnknownPolicyError
from rules.facts import FACT_NAMES, LIST_FACTS, YES_NO_FACTS, Facts, OxygenTest, parse_facts
from rules.outcome import DECISIONS, Decision, Equipment, RuleResult
from rules.questions import ROUTES, Question, Route, fact_label, questions, route_facts, routes_for

__all__ = [
    "DECISIONS",
    "FACT_NAMES",
    "LIST_FACTS",
    "POLICIES",
    "POLICY_VERSIONS",
    "ROUTES",
    "YES_NO_FACTS",
    "Decision",
    "Equipment",
    "Facts",
    "FactsError",
    "OxygenTest",
    "Question",
    "Route",
    "RuleResult",
    "UnknownPolicyError",
    "decide",
    "decide_dict",
    "fact_label",
    "parse_facts",
    "questions",
    "route_facts",
    "routes_for",
]
