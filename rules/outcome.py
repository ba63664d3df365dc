"""The engine's result (spec §0, §2): the decision, and the trace of every rule evaluated.

The window and the printed summary render this object; they never recompute it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

DecisionValue = Literal["qualifies", "does_not_qualify", "needs_review", "insufficient_information"]
Payment = Literal["above_4_lpm", "up_to_4_lpm"] | None
RuleStatus = Literal["met", "failed", "missing", "review", "info"]
DECISIONS: tuple[DecisionValue, ...] = (
    "qualifies",
    "does_not_qualify",
    "needs_review",
    "insufficient_information",
)


class RuleResult(BaseModel):
    """One rule evaluated, with the facts it used."""

    model_config = ConfigDict(frozen=True)

    id: str
    status: RuleStatus
    citation: str
    explanation: str
    facts: dict[str, Any] = {}


class Equipment(BaseModel):
    model_config = ConfigDict(frozen=True)

    stationary: bool
    portable: bool


class Decision(BaseModel):
    """The §2 output plus the policy applied and the ordered rule trace."""

    model_config = ConfigDict(frozen=True)

    decision: DecisionValue
    group: Literal["I", "II", "III"] | None
    equipment: Equipment | None
    met_rules: list[str]
    failed_rules: list[str]
    missing_facts: list[str]
    review_reasons: list[str]
    policy: str
    policy_version: str
    payment_flow: Payment = None
    warnings: list[str] = []
    rules: list[RuleResult]

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON object `oxygen-intake decide --json` prints."""
        return self.model_dump(mode="json")
